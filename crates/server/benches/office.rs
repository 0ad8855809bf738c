//! How fast the office's province table comes, on each engine: 300 communes of one province,
//! each with its village, 10 households, 40 people, a held session with marks and skill checks
//! and 200 progress facts, merged as the server merges any commune's data. Prints the first
//! table (a cold start: on PostgreSQL every commune's replica is made from its log) and then
//! repeated ones; asserts nothing. SQLite always; PostgreSQL when `LANGSO_TEST_POSTGRES` names
//! a cluster (`scripts/bench.sh` starts one).
//!
//! `cargo bench -p langso-server --bench office` (`OFFICE_COMMUNES` changes the 300).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use langso_core::Store;
use langso_core::learning::topic::Topic;
use langso_core::places::NewCommune;
use langso_core::replica::change::{Change, ChangeBody};
use langso_core::replica::clock::wall_stamp;
use langso_core::replica::value::Value;
use langso_core::time::now_ms;
use langso_server::Service;
use langso_server::engine::Engine;
use langso_testkit::{POSTGRES_VAR, bundled_pack, fresh_database};
use uuid::Uuid;

const PROVINCE: &str = "Hà Giang";
const PEOPLE: usize = 40;
const HOUSEHOLDS: usize = 10;
const PROGRESS: usize = 200;
const DAY: i64 = 86_400_000;

/// Writes a commune's rows as changes of one node, as the server merges them.
struct Writer {
    node: Uuid,
    changes: Vec<Change>,
}

impl Writer {
    fn entity(&mut self, table: &str, columns: Vec<(&str, Value)>) -> String {
        let row = Uuid::now_v7().to_string();
        let stamp = wall_stamp(self.node);
        for (column, value) in columns {
            let body = ChangeBody::Column { column: column.into(), value };
            self.changes.push(Change { table: table.into(), row: row.clone(), stamp, body });
        }
        row
    }

    fn fact(&mut self, table: &str, values: Vec<(&str, Value)>) {
        let values: BTreeMap<String, Value> = values.into_iter().map(|(c, v)| (c.to_owned(), v)).collect();
        let body = ChangeBody::Fact { values };
        self.changes.push(Change {
            table: table.into(),
            row: Uuid::now_v7().to_string(),
            stamp: wall_stamp(self.node),
            body,
        });
    }
}

/// Each commune of the province with its data, as changes.
fn province(dir: &std::path::Path, communes: usize) -> Vec<(String, Vec<Change>)> {
    let seed = Store::open(&dir.join("seed.sqlite3")).expect("store");
    seed.install_pack(bundled_pack()).expect("pack");
    let lessons: Vec<(String, i64)> =
        seed.catalogue("vi").expect("catalogue").into_iter().map(|l| (l.id, i64::from(l.version))).collect();
    let now = now_ms();
    (0..communes)
        .map(|c| {
            let before = seed.last_seq().expect("seq");
            let commune = seed
                .create_commune(&NewCommune {
                    name: format!("Xã {c}"),
                    district: Some(format!("Huyện {}", c / 20)),
                    province: Some(PROVINCE.into()),
                })
                .expect("commune");
            let village = seed.create_village(&commune.id, "Thôn Một").expect("village");
            let mut w = Writer {
                node: Uuid::now_v7(),
                changes: seed.changes_since(before, usize::MAX).expect("places").changes,
            };
            let place = |w: &mut Writer, table: &str, mut columns: Vec<(&'static str, Value)>| {
                columns
                    .extend([("commune_id", commune.id.as_str().into()), ("village_id", village.id.as_str().into())]);
                columns.push(("deleted", 0.into()));
                w.entity(table, columns)
            };
            let households: Vec<String> = (0..HOUSEHOLDS)
                .map(|h| place(&mut w, "households", vec![("head_name", format!("Hộ {h}").into())]))
                .collect();
            let people: Vec<String> = (0..PEOPLE)
                .map(|p| {
                    let role = if p == 0 { "volunteer" } else { "villager" };
                    place(
                        &mut w,
                        "profiles",
                        vec![
                            ("role", role.into()),
                            ("name", format!("Người {p}").into()),
                            ("household", households[p % HOUSEHOLDS].as_str().into()),
                            ("consent_at", (now - (p as i64 % 300) * DAY).into()),
                            ("consent_version", "pdpl-2025-1".into()),
                        ],
                    )
                })
                .collect();
            let starts_at = now - 20 * DAY;
            let session = place(
                &mut w,
                "training_sessions",
                vec![
                    ("volunteer_id", people[0].as_str().into()),
                    ("title", "Kỹ năng số".into()),
                    ("starts_at", starts_at.into()),
                    ("ends_at", (starts_at + 7_200_000).into()),
                    ("lessons", "[]".into()),
                    ("skills", "[]".into()),
                ],
            );
            for (p, person) in people.iter().enumerate().skip(1).take(20) {
                let marked = |status: &str| -> Vec<(&str, Value)> {
                    vec![
                        ("session_id", session.as_str().into()),
                        ("profile_id", person.as_str().into()),
                        ("marked_by", people[0].as_str().into()),
                        ("at", starts_at.into()),
                        ("status", status.into()),
                    ]
                };
                w.fact("attendance", marked(if p % 7 == 0 { "absent" } else { "present" }));
                let skills = if p % 3 == 0 { 5 } else { p % 5 };
                for skill in Topic::BASIC_SKILLS.iter().take(skills) {
                    w.fact(
                        "skill_checks",
                        vec![
                            ("session_id", session.as_str().into()),
                            ("profile_id", person.as_str().into()),
                            ("skill", skill.as_str().into()),
                            ("checked_by", people[0].as_str().into()),
                            ("at", starts_at.into()),
                            ("checked", 1.into()),
                        ],
                    );
                }
            }
            for i in 0..PROGRESS {
                let (lesson, version) = &lessons[(c + i) % lessons.len()];
                w.fact(
                    "lesson_progress",
                    vec![
                        ("profile_id", people[i % PEOPLE].as_str().into()),
                        ("lesson_id", lesson.as_str().into()),
                        ("lesson_version", (*version).into()),
                        ("kind", if i % 5 == 0 { "complete" } else { "step" }.into()),
                        ("step", ((i % 4) as i64).into()),
                        ("at", (now - ((i as i64 * 37) % 400) * DAY).into()),
                    ],
                );
            }
            (commune.id, w.changes)
        })
        .collect()
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1000.0;
    println!("  {what}: {} runs, p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms", times.len(), at(0.5), at(0.95), at(1.0));
}

fn run(name: &str, engine: Engine, communes: usize) {
    let dir = tempfile::tempdir().expect("dir");
    let engine = match engine {
        Engine::Sqlite(_) => Engine::Sqlite(dir.path().join("server")),
        postgres => postgres,
    };
    let service = Service::new(engine.open().expect("storage"));
    let seeded = Instant::now();
    for (commune, changes) in province(dir.path(), communes) {
        service.merge_as_server(&commune, &changes).expect("seed");
    }
    println!("{name}: {communes} communes of {PROVINCE} seeded in {:.1} s", seeded.elapsed().as_secs_f64());
    let started = Instant::now();
    let table = service.province_table(PROVINCE).expect("table");
    let trained: i64 = table.iter().map(|r| r.figures.people_trained).sum();
    println!(
        "  first table (cold): {:.1} ms, {} communes, {trained} people trained",
        started.elapsed().as_secs_f64() * 1000.0,
        table.len()
    );
    let times = (0..20)
        .map(|_| {
            let started = Instant::now();
            service.province_table(PROVINCE).expect("table");
            started.elapsed()
        })
        .collect();
    report("the table again (budget 200 ms)", times);
    let some = &table[table.len() / 2].commune_id;
    let times = (0..20)
        .map(|_| {
            let started = Instant::now();
            service.dashboard(some).expect("dashboard").expect("commune");
            started.elapsed()
        })
        .collect();
    report("one commune's dashboard", times);
}

fn main() {
    let communes = std::env::var("OFFICE_COMMUNES").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    run("SQLite", Engine::Sqlite(Default::default()), communes);
    match std::env::var(POSTGRES_VAR).ok().filter(|v| !v.is_empty()) {
        Some(cluster) => run("PostgreSQL", Engine::Postgres(fresh_database(&cluster)), communes),
        None => println!("{POSTGRES_VAR} is not set: SQLite only (scripts/bench.sh starts a PostgreSQL cluster)"),
    }
}
