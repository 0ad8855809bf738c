//! Figures for the commune dashboard, printed, never asserted:
//!
//! 1. one commune's dashboard (`Store::dashboard`): 10,000 people in 20 villages and about
//!    3,000 households, 400 training sessions with their attendance and skill checks, 300
//!    listings, 2,000 inquiries and 1,000,000 facts in all (mostly lesson progress over 14
//!    months), against the budget of 100 ms;
//! 2. a province's table (`Store::province_table`): 300 communes of about 40 people and
//!    2,000 facts each in one store, as the server's SQLite engine holds them, against the
//!    budget of 200 ms.
//!
//! The data arrives as if other devices had made it (`Store::apply`, in batches) and is the
//! same on every run (a seeded generator; only the row ids differ).
//!
//! Run: `cargo bench -p langso-core --bench dashboard`. Sizes: `DASH_PEOPLE` (10000) and
//! `DASH_FACTS` (1000000) for the commune, `DASH_COMMUNES` (300) for the province;
//! `DASH_KEEP=<folder>` keeps a copy of both stores there.

use std::ops::AddAssign;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use langso_core::Store;
use langso_core::learning::pack::Pack;
use langso_core::learning::topic::Topic;
use langso_core::replica::value::Value;

mod remote;
use remote::Remote;

const PROVINCE: &str = "Hà Giang";
const DASHBOARD_RUNS: usize = 30;
const DASHBOARD_BUDGET_MS: f64 = 100.0;
const PROVINCE_RUNS: usize = 20;
const PROVINCE_BUDGET_MS: f64 = 200.0;
/// A commune of the province table: people and facts.
const SMALL_PEOPLE: usize = 40;
const SMALL_FACTS: usize = 2_000;

const DAY: i64 = 86_400_000;
/// Fourteen months: how far back consents, sessions, progress and inquiries go.
const SPAN: i64 = 426 * DAY;
const BATCH: usize = 20_000;

const FAMILY: [&str; 12] = ["Nguyễn", "Lò", "Giàng", "Sùng", "Vàng", "Hoàng", "Đỗ", "Lý", "Thào", "Mùa", "Vừ", "Hầu"];
const MIDDLE: [&str; 4] = ["Thị", "Văn", "A", "Mí"];
const GIVEN: [&str; 14] =
    ["Lan", "Mai", "Páo", "Sua", "Dế", "Chứ", "Tú", "Hùng", "Mỷ", "Dũng", "Súa", "Pó", "Xoa", "Hạnh"];
const DISTRICTS: [&str; 6] = ["Đồng Văn", "Mèo Vạc", "Yên Minh", "Quản Bạ", "Hoàng Su Phì", "Xín Mần"];
const PRODUCTS: [&str; 6] = ["Chè Shan Tuyết", "Mật ong bạc hà", "Thịt trâu gác bếp", "Gạo nếp", "Tam thất", "Táo mèo"];

/// A small seeded generator (SplitMix64): the same data on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// In `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// In `0..n`, favouring the first fifth: the keen learners, who come to most things.
    fn keen(&mut self, n: usize) -> usize {
        if self.chance(60) { self.below(n.div_ceil(5)) } else { self.below(n) }
    }

    fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.below(list.len())]
    }
}

/// A lesson of the bundled pack: id, version and its questions' ids.
struct Lesson {
    id: String,
    version: i64,
    questions: Vec<String>,
}

/// How big a commune is.
struct Size {
    people: usize,
    facts: usize,
    villages: usize,
    households: usize,
    sessions: usize,
    listings: usize,
    inquiries: usize,
}

impl Size {
    /// The rest follows from the people: 3.3 a household, one session for 25 people (four at
    /// least), a listing for 33 (three at least) and an inquiry for 5.
    fn of(people: usize, facts: usize, villages: usize) -> Size {
        Size {
            people,
            facts,
            villages,
            households: (people * 3 / 10).max(1),
            sessions: (people / 25).max(4),
            listings: (people * 3 / 100).max(3),
            inquiries: people / 5,
        }
    }
}

/// The rows written, by kind.
#[derive(Default)]
struct Written {
    villages: usize,
    households: usize,
    profiles: usize,
    sessions: usize,
    cancelled: usize,
    future: usize,
    attendance: usize,
    corrected: usize,
    skill_checks: usize,
    taken_back: usize,
    progress: usize,
    listings: usize,
    inquiries: usize,
}

impl AddAssign for Written {
    fn add_assign(&mut self, o: Written) {
        self.villages += o.villages;
        self.households += o.households;
        self.profiles += o.profiles;
        self.sessions += o.sessions;
        self.cancelled += o.cancelled;
        self.future += o.future;
        self.attendance += o.attendance;
        self.corrected += o.corrected;
        self.skill_checks += o.skill_checks;
        self.taken_back += o.taken_back;
        self.progress += o.progress;
        self.listings += o.listings;
        self.inquiries += o.inquiries;
    }
}

impl Written {
    fn print(&self) {
        println!(
            "  entities: {} villages, {} households, {} profiles, {} sessions ({} cancelled, {} to come), {} listings, {} inquiries",
            self.villages,
            self.households,
            self.profiles,
            self.sessions,
            self.cancelled,
            self.future,
            self.listings,
            self.inquiries
        );
        println!(
            "  facts:    {} lesson_progress, {} attendance ({} pairs corrected twice), {} skill_checks ({} taken back) = {} in all",
            self.progress,
            self.attendance,
            self.corrected,
            self.skill_checks,
            self.taken_back,
            self.progress + self.attendance + self.skill_checks
        );
    }
}

/// Writes one commune of `size` (its villages, households, people, sessions with their marks
/// and checks, listings, inquiries, then lesson progress up to `size.facts` facts in all).
fn fill(
    store: &Store,
    remote: &mut Remote,
    rng: &mut Rng,
    lessons: &[Lesson],
    (name, district): (&str, &str),
    size: &Size,
    now: i64,
) -> (String, Written) {
    let mut w = Written::default();
    let commune = remote.entity(
        "communes",
        vec![
            ("name", name.into()),
            ("district", district.into()),
            ("province", PROVINCE.into()),
            ("deleted", 0.into()),
            ("household_target", (30 + rng.below(50) as i64).into()),
        ],
    );
    let c = || Value::from(commune.as_str());
    let villages: Vec<String> = (0..size.villages)
        .map(|v| {
            remote.entity(
                "villages",
                vec![("commune_id", c()), ("name", format!("Thôn {v}").into()), ("deleted", 0.into())],
            )
        })
        .collect();
    w.villages = villages.len();
    // Households in order of village; a household's people are next to each other.
    let households: Vec<(String, usize)> = (0..size.households)
        .map(|h| {
            let v = h * size.villages / size.households;
            let columns = vec![
                ("commune_id", c()),
                ("village_id", villages[v].as_str().into()),
                ("head_name", format!("{} Văn {}", FAMILY[h % 12], GIVEN[h % 14]).into()),
                ("address", format!("Số {h}").into()),
                ("deleted", 0.into()),
            ];
            (remote.entity("households", columns), v)
        })
        .collect();
    w.households = households.len();
    // Mostly villagers; every 60th a farmer, every 300th a volunteer, every 3,000th an
    // official; one in 200 deleted under the data law.
    let (mut staff, mut farmers, mut consents) = (Vec::new(), Vec::new(), Vec::new());
    let people: Vec<String> = (0..size.people)
        .map(|p| {
            let consent_at = now - 1 - rng.below(SPAN as usize) as i64;
            consents.push(consent_at);
            let (household, v) = &households[p * size.households / size.people];
            let role = match p {
                _ if p % 3_000 == 11 => "official",
                _ if p % 300 == 7 => "volunteer",
                _ if p % 60 == 3 => "farmer",
                _ => "villager",
            };
            let id = remote.entity(
                "profiles",
                vec![
                    ("commune_id", c()),
                    ("village_id", villages[*v].as_str().into()),
                    ("role", role.into()),
                    ("name", format!("{} {} {}", rng.pick(&FAMILY), rng.pick(&MIDDLE), rng.pick(&GIVEN)).into()),
                    ("household", household.as_str().into()),
                    ("birth_year", (1950 + rng.below(60) as i64).into()),
                    ("consent_at", consent_at.into()),
                    ("consent_version", "2026-11".into()),
                    ("deleted", i64::from(rng.chance(1) && rng.chance(50)).into()),
                ],
            );
            match role {
                "official" | "volunteer" => staff.push(id.clone()),
                "farmer" => farmers.push(id.clone()),
                _ => {}
            }
            remote.flush(store, BATCH);
            id
        })
        .collect();
    w.profiles = people.len();

    for s in 0..size.sessions {
        // Spread over the 14 months; one in twelve still to come, one in twelve cancelled
        // two hours in (what was marked before stays, and must not count).
        let future = rng.below(12) == 0;
        let starts_at = if future {
            now + DAY + rng.below(30 * DAY as usize) as i64
        } else {
            now - rng.below(SPAN as usize) as i64
        };
        let cancelled = !future && rng.below(12) == 0;
        let volunteer = rng.pick(&staff).clone();
        // Two or three different skills, taught in turn.
        let first = rng.below(5);
        let skills: Vec<&str> = (0..2 + rng.below(2)).map(|k| Topic::BASIC_SKILLS[(first + k) % 5].as_str()).collect();
        let taught: Vec<&str> = (0..2).map(|_| rng.pick(lessons).id.as_str()).collect();
        let session = remote.entity(
            "training_sessions",
            vec![
                ("commune_id", c()),
                ("village_id", rng.pick(&villages).as_str().into()),
                ("volunteer_id", volunteer.as_str().into()),
                ("title", format!("Buổi học {s}").into()),
                ("place", "Nhà văn hoá".into()),
                ("starts_at", starts_at.into()),
                ("ends_at", (starts_at + 2 * 3_600_000).into()),
                ("lessons", serde_json::to_string(&taught).expect("json").into()),
                ("skills", serde_json::to_string(&skills).expect("json").into()),
                ("deleted", 0.into()),
                ("cancelled_at", if cancelled { Value::from(starts_at + 2 * 3_600_000) } else { Value::Null }),
                ("cancel_reason", if cancelled { Value::from("Mất điện") } else { Value::Null }),
            ],
        );
        w.sessions += 1;
        w.cancelled += usize::from(cancelled);
        w.future += usize::from(future);
        let mut class: Vec<usize> = Vec::new();
        while class.len() < 25.min(size.people / 2) {
            let p = rng.keen(size.people);
            if !class.contains(&p) {
                class.push(p);
            }
        }
        for p in class {
            let person = people[p].as_str();
            let mut mark = |status: &str, at: i64| {
                remote.fact(
                    "attendance",
                    vec![
                        ("session_id", session.as_str().into()),
                        ("profile_id", person.into()),
                        ("marked_by", volunteer.as_str().into()),
                        ("at", at.into()),
                        ("status", status.into()),
                    ],
                );
            };
            mark("listed", starts_at - 2 * DAY);
            w.attendance += 1;
            if future {
                continue;
            }
            let mut status = match rng.below(100) {
                0..75 => "present",
                75..85 => "late",
                _ => "absent",
            };
            mark(status, starts_at + 600_000);
            w.attendance += 1;
            if rng.chance(5) {
                // Corrected twice: a wrong tap, then the right one.
                mark(if status == "absent" { "present" } else { "absent" }, starts_at + 1_200_000);
                status = if status == "late" { "late" } else { "present" };
                mark(status, starts_at + 1_800_000);
                w.attendance += 2;
                w.corrected += 1;
            }
            if status == "absent" {
                continue;
            }
            for skill in &skills {
                if !rng.chance(80) {
                    continue;
                }
                let mut check = |checked: i64, at: i64| {
                    remote.fact(
                        "skill_checks",
                        vec![
                            ("session_id", session.as_str().into()),
                            ("profile_id", person.into()),
                            ("skill", (*skill).into()),
                            ("checked_by", volunteer.as_str().into()),
                            ("at", at.into()),
                            ("checked", checked.into()),
                        ],
                    );
                };
                check(1, starts_at + 3_600_000);
                w.skill_checks += 1;
                if rng.chance(4) {
                    check(0, starts_at + 4_000_000);
                    w.skill_checks += 1;
                    w.taken_back += 1;
                }
            }
        }
        remote.flush(store, BATCH);
    }

    let listings: Vec<String> = (0..size.listings)
        .map(|n| {
            let status = match rng.below(100) {
                0..60 => "published",
                60..85 => "draft",
                _ => "sold-out",
            };
            remote.entity(
                "listings",
                vec![
                    ("commune_id", c()),
                    ("owner_id", rng.pick(&farmers).as_str().into()),
                    ("name", format!("{} {n}", rng.pick(&PRODUCTS)).into()),
                    ("category", "food".into()),
                    ("price_dong", (50_000 + 1_000 * rng.below(500) as i64).into()),
                    ("unit", "kg".into()),
                    ("status", status.into()),
                    ("deleted", i64::from(rng.chance(3)).into()),
                ],
            )
        })
        .collect();
    w.listings = listings.len();
    for _ in 0..size.inquiries {
        let status = match rng.below(100) {
            0..30 => "new",
            30..80 => "answered",
            _ => "closed",
        };
        remote.entity(
            "inquiries",
            vec![
                ("listing_id", rng.pick(&listings).as_str().into()),
                ("commune_id", c()),
                ("buyer_name", format!("{} {}", rng.pick(&FAMILY), rng.pick(&GIVEN)).into()),
                ("buyer_phone", format!("09{:08}", rng.below(100_000_000)).into()),
                ("quantity", (1 + rng.below(20) as i64).into()),
                ("message", "Còn hàng không ạ?".into()),
                ("status", status.into()),
                ("created_at", (now - rng.below(SPAN as usize) as i64).into()),
                ("deleted", 0.into()),
            ],
        );
        w.inquiries += 1;
        remote.flush(store, BATCH);
    }

    // Lesson progress makes up the rest of the facts: steps, answers, a completion in ten.
    // The keen learn from their registration on; the others in the two months after it.
    for _ in 0..size.facts.saturating_sub(w.attendance + w.skill_checks) {
        let p = rng.keen(size.people);
        let since = now - consents[p];
        let window = if p < size.people.div_ceil(5) { since } else { since.min(60 * DAY) };
        let lesson = rng.pick(lessons);
        let mut values = vec![
            ("profile_id", Value::from(people[p].as_str())),
            ("lesson_id", lesson.id.as_str().into()),
            ("lesson_version", lesson.version.into()),
            ("at", (consents[p] + rng.below(window as usize) as i64).into()),
        ];
        match rng.below(100) {
            0..10 => values.push(("kind", "complete".into())),
            10..45 => values.extend([("kind", "step".into()), ("step", (rng.below(8) as i64).into())]),
            _ if lesson.questions.is_empty() => values.push(("kind", "complete".into())),
            _ => values.extend([
                ("kind", "answer".into()),
                ("question_id", rng.pick(&lesson.questions).as_str().into()),
                ("choice", (rng.below(3) as i64).into()),
                ("correct", i64::from(rng.chance(70)).into()),
            ]),
        }
        remote.fact("lesson_progress", values);
        w.progress += 1;
        remote.flush(store, BATCH);
    }
    (commune, w)
}

/// A new store in `dir` with the bundled pack, and the pack's lessons.
/// With `DASH_KEEP=<folder>`, a copy of the store just filled, as `<folder>/<name>.sqlite3`,
/// to look into with `sqlite3` (`EXPLAIN QUERY PLAN`) after the run.
fn keep(dir: &Path, name: &str) {
    if let Ok(folder) = std::env::var("DASH_KEEP") {
        let to = Path::new(&folder).join(format!("{name}.sqlite3"));
        std::fs::create_dir_all(&folder).expect("DASH_KEEP folder");
        std::fs::copy(dir.join("dashboard.sqlite3"), &to).expect("copy the store");
        println!("  kept in {}", to.display());
    }
}

fn store_with_pack(dir: &Path) -> (Store, Vec<Lesson>) {
    let store = Store::open(&dir.join("dashboard.sqlite3")).expect("store");
    let pack =
        Pack::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/lessons")).expect("bundled pack");
    store.install_pack(&pack).expect("pack");
    let lessons = store
        .catalogue("vi")
        .expect("catalogue")
        .into_iter()
        .map(|card| {
            let quiz = store.lesson(&card.id, "vi").expect("lesson").expect("lesson").quiz;
            Lesson {
                id: card.id,
                version: i64::from(card.version),
                questions: quiz.into_iter().map(|q| q.id).collect(),
            }
        })
        .collect();
    (store, lessons)
}

fn env_size(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.replace('_', "").parse().ok()).unwrap_or(default)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Times `run` once (cold: a new reader connection, nothing prepared, SQLite's cache empty),
/// then `runs` times more, and prints the spread against `budget_ms`.
fn measure(what: &str, runs: usize, budget_ms: f64, mut run: impl FnMut()) {
    let started = Instant::now();
    run();
    let cold = started.elapsed();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .collect();
    times.sort();
    let at = |p: f64| ms(times[((times.len() as f64 - 1.0) * p).round() as usize]);
    let verdict = if at(0.95) <= budget_ms { "within" } else { "OVER" };
    println!("{what}: first (cold) {:.1} ms; then {runs} runs:", ms(cold));
    println!(
        "  p50 {:.1} ms   p95 {:.1} ms   max {:.1} ms   (budget {budget_ms:.0} ms: p95 {verdict})",
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

/// The peak resident memory of this process so far, as /proc says it.
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l["VmHWM:".len()..].trim().to_owned()))
        .unwrap_or_else(|| "unknown".into())
}

fn database_mb(store: &Store) -> f64 {
    let path = store.path().to_owned();
    let wal = path.with_extension("sqlite3-wal");
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    (size(&path) + size(&wal)) as f64 / 1e6
}

fn main() {
    let people = env_size("DASH_PEOPLE", 10_000);
    let facts = env_size("DASH_FACTS", 1_000_000);
    let communes = env_size("DASH_COMMUNES", 300);
    let now = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_millis() as i64;
    let mut rng = Rng(0x1A4E_5050);

    // 1. One big commune.
    {
        let dir = tempfile::tempdir().expect("temp dir");
        let (store, lessons) = store_with_pack(dir.path());
        let started = Instant::now();
        let mut remote = Remote::new();
        let size = Size::of(people, facts, 20);
        let (commune, written) = fill(&store, &mut remote, &mut rng, &lessons, ("Xã Lũng Cú", "Đồng Văn"), &size, now);
        remote.flush(&store, 0);
        println!(
            "commune: filled in {:.1} s ({:.0} MB on disk), {} lessons in the pack",
            started.elapsed().as_secs_f64(),
            database_mb(&store),
            lessons.len()
        );
        written.print();
        let dashboard = store.dashboard(&commune, now).expect("dashboard").expect("live commune");
        let t = &dashboard.totals;
        println!(
            "  figures:  {} registered, {} trained, {} lessons completed, {} active, {} with all five, {}/{} households at target, {} sessions held, {} volunteers, {} listings, {}/{} inquiries answered",
            t.people_registered,
            t.people_trained,
            t.lessons_completed,
            t.active_learners,
            t.people_all_five,
            t.households_at_target,
            t.households,
            t.sessions_held,
            t.volunteers_active,
            t.listings_published,
            t.inquiries_answered,
            t.inquiries_received
        );
        // A new store handle: its reader connection and statements are not yet made.
        drop(store);
        keep(dir.path(), "commune");
        let store = Store::open(&dir.path().join("dashboard.sqlite3")).expect("store");
        measure("dashboard (one commune)", DASHBOARD_RUNS, DASHBOARD_BUDGET_MS, || {
            store.dashboard(&commune, now).expect("dashboard");
        });
        println!("peak memory so far: {}", peak_memory());
    }

    // 2. A province of small communes, in a fresh store.
    {
        let dir = tempfile::tempdir().expect("temp dir");
        let (store, lessons) = store_with_pack(dir.path());
        let started = Instant::now();
        let mut remote = Remote::new();
        let size = Size::of(SMALL_PEOPLE, SMALL_FACTS, 3);
        let mut written = Written::default();
        for n in 0..communes {
            let name = format!("Xã {} {n}", rng.pick(&GIVEN));
            written += fill(&store, &mut remote, &mut rng, &lessons, (&name, DISTRICTS[n % 6]), &size, now).1;
        }
        remote.flush(&store, 0);
        println!(
            "\nprovince: {communes} communes filled in {:.1} s ({:.0} MB on disk)",
            started.elapsed().as_secs_f64(),
            database_mb(&store)
        );
        written.print();
        let table = store.province_table(PROVINCE, now).expect("table");
        let registered: i64 = table.iter().map(|r| r.figures.people_registered).sum();
        let at_target: i64 = table.iter().map(|r| r.figures.households_at_target).sum();
        println!(
            "  table:    {} communes, {registered} people registered, {at_target} households at target",
            table.len()
        );
        drop(store);
        keep(dir.path(), "province");
        let store = Store::open(&dir.path().join("dashboard.sqlite3")).expect("store");
        measure(&format!("province table ({communes} communes)"), PROVINCE_RUNS, PROVINCE_BUDGET_MS, || {
            store.province_table(PROVINCE, now).expect("table");
        });
    }
    println!("peak memory: {}", peak_memory());
}
