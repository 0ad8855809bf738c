//! Figures for a volunteer's session screens, printed, never asserted: how long the roster,
//! the class progress (with who needs help and the hardest questions), the report, the
//! "learning nearby" list and a search by name take to load for a 60-person session in a
//! commune of 5,000 people whose phones have synced 200,000 progress facts.
//!
//! Run: `cargo bench -p langso-core --bench training`.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use langso_core::Store;
use langso_core::learning::pack::Pack;
use langso_core::learning::topic::Topic;
use langso_core::people::profile::NewProfile;
use langso_core::places::NewCommune;
use langso_core::replica::value::Value;
use langso_core::role::Role;
use langso_core::training::attendance::Attendance;
use langso_core::training::session::SessionInput;
use uuid::Uuid;

mod remote;
use remote::Remote;

const PEOPLE: usize = 5_000;
const HOUSEHOLDS: usize = 1_500;
const VILLAGES: usize = 20;
const PROGRESS_FACTS: usize = 200_000;
const CLASS: usize = 60;
const OLD_SESSIONS: usize = 100;
const RUNS: usize = 30;

const FAMILY: [&str; 12] = ["Nguyễn", "Lò", "Giàng", "Sùng", "Vàng", "Hoàng", "Đỗ", "Lý", "Thào", "Mùa", "Vừ", "Hầu"];
const MIDDLE: [&str; 4] = ["Thị", "Văn", "A", "Mí"];
const GIVEN: [&str; 14] =
    ["Lan", "Mai", "Páo", "Sua", "Dế", "Chứ", "Tú", "Hùng", "Mỷ", "Dũng", "Súa", "Pó", "Xoa", "Hạnh"];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn measure(what: &str, mut run: impl FnMut() -> usize) {
    let mut times = Vec::with_capacity(RUNS);
    let mut size = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        size = run();
        times.push(started.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{what:<44} median {:6.2} ms   p95 {:6.2} ms   max {:6.2} ms   ({size} rows)",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        ms(percentile(&times, 1.0))
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("training.sqlite3")).expect("store");
    let pack = Pack::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/lessons"))
        .expect("bundled pack");
    store.install_pack(&pack).expect("pack");
    let lessons: Vec<String> = store.catalogue("vi").expect("catalogue").into_iter().map(|l| l.id).collect();
    let questions: Vec<(String, String)> = lessons
        .iter()
        .flat_map(|l| {
            let quiz = store.lesson(l, "vi").expect("lesson").expect("lesson").quiz;
            quiz.into_iter().map(move |q| (l.clone(), q.id))
        })
        .collect();

    let started = Instant::now();
    let commune = store
        .create_commune(&NewCommune {
            name: "Xã Lũng Cú".into(), district: None, province: Some("Hà Giang".into())
        })
        .expect("commune");
    let villages: Vec<String> =
        (0..VILLAGES).map(|v| store.create_village(&commune.id, &format!("Thôn {v}")).expect("village").id).collect();
    let volunteer = store
        .create_profile(&NewProfile {
            village_id: Some(villages[0].clone()),
            role: Role::Volunteer,
            name: "Vàng Văn Dũng".into(),
            household: None,
            birth_year: Some(2001),
            phone: None,
            avatar: None,
            pin: None,
            consent_version: Some("2026-11".into()),
            read_aloud: false,
        })
        .expect("volunteer");

    let mut remote = Remote::new();
    let households: Vec<String> = (0..HOUSEHOLDS).map(|_| Uuid::now_v7().to_string()).collect();
    for (h, id) in households.iter().enumerate() {
        remote.entity_at(
            "households",
            id,
            vec![
                ("commune_id", commune.id.as_str().into()),
                ("village_id", villages[h % VILLAGES].as_str().into()),
                ("head_name", format!("{} Văn {}", FAMILY[h % 12], GIVEN[h % 14]).into()),
                ("address", format!("Số {h}").into()),
                ("deleted", 0.into()),
            ],
        );
    }
    let people: Vec<String> = (0..PEOPLE).map(|_| Uuid::now_v7().to_string()).collect();
    for (p, id) in people.iter().enumerate() {
        let h = p % HOUSEHOLDS;
        remote.entity_at(
            "profiles",
            id,
            vec![
                ("commune_id", commune.id.as_str().into()),
                ("village_id", villages[h % VILLAGES].as_str().into()),
                ("role", "villager".into()),
                ("name", format!("{} {} {} {p}", FAMILY[p % 12], MIDDLE[p % 4], GIVEN[p / 12 % 14]).into()),
                ("household", households[h].as_str().into()),
                ("consent_at", 1_790_000_000_000_i64.into()),
                ("consent_version", "2026-11".into()),
                ("deleted", 0.into()),
            ],
        );
        remote.flush(&store, 20_000);
    }
    // Older sessions, each with attendance and skill checks for 30 people.
    for s in 0..OLD_SESSIONS {
        let id = Uuid::now_v7().to_string();
        remote.entity_at(
            "training_sessions",
            &id,
            vec![
                ("commune_id", commune.id.as_str().into()),
                ("village_id", villages[s % VILLAGES].as_str().into()),
                ("volunteer_id", volunteer.id.as_str().into()),
                ("title", format!("Buổi {s}").into()),
                ("starts_at", (1_780_000_000_000_i64 + s as i64 * 86_400_000).into()),
                ("ends_at", (1_780_000_000_000_i64 + s as i64 * 86_400_000 + 7_200_000).into()),
                ("lessons", "[]".into()),
                ("skills", "[]".into()),
                ("deleted", 0.into()),
            ],
        );
        for k in 0..30 {
            let person = &people[(s * 37 + k * 101) % PEOPLE];
            remote.fact(
                "attendance",
                vec![
                    ("session_id", id.as_str().into()),
                    ("profile_id", person.as_str().into()),
                    ("marked_by", volunteer.id.as_str().into()),
                    ("at", 1_780_000_000_000_i64.into()),
                    ("status", "present".into()),
                ],
            );
            remote.fact(
                "skill_checks",
                vec![
                    ("session_id", id.as_str().into()),
                    ("profile_id", person.as_str().into()),
                    ("skill", Topic::BASIC_SKILLS[(s + k) % 5].as_str().into()),
                    ("checked_by", volunteer.id.as_str().into()),
                    ("at", 1_780_000_000_000_i64.into()),
                    ("checked", 1.into()),
                ],
            );
        }
        remote.flush(&store, 20_000);
    }
    // 200,000 progress facts: steps and answers over every lesson, a completion now and then.
    for f in 0..PROGRESS_FACTS {
        let person = &people[(f * 7919) % PEOPLE];
        let (lesson, question) = &questions[f % questions.len()];
        let kind = if f % 10 == 0 {
            "complete"
        } else if f % 3 == 0 {
            "step"
        } else {
            "answer"
        };
        let mut values = vec![
            ("profile_id", Value::from(person.as_str())),
            ("lesson_id", lesson.as_str().into()),
            ("lesson_version", 1.into()),
            ("kind", kind.into()),
            ("at", (1_790_000_000_000_i64 + f as i64 * 1000).into()),
        ];
        match kind {
            "answer" => {
                values.push(("question_id", question.as_str().into()));
                values.push(("choice", ((f % 3) as i64).into()));
                values.push(("correct", ((f % 4 != 0) as i64).into()));
            }
            "step" => values.push(("step", ((f % 5) as i64).into())),
            _ => {}
        }
        remote.fact("lesson_progress", values);
        remote.flush(&store, 20_000);
    }
    remote.flush(&store, 0);

    // Today's session, 60 people on its list (54 present, 3 late, 3 absent), skills checked.
    let now = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_millis() as i64;
    let session = store
        .create_session(
            &volunteer.id,
            &SessionInput {
                village_id: villages[0].clone(),
                title: "An toàn trên mạng".into(),
                place: Some("Nhà văn hoá".into()),
                starts_at: now - 3_600_000,
                ends_at: now + 3_600_000,
                lessons: lessons[..3.min(lessons.len())].to_vec(),
                skills: Topic::BASIC_SKILLS.to_vec(),
            },
        )
        .expect("session");
    for (i, person) in people.iter().step_by(PEOPLE / CLASS).take(CLASS).enumerate() {
        let status = match i % 20 {
            0 => Attendance::Late,
            1 => Attendance::Absent,
            _ => Attendance::Present,
        };
        store.mark_attendance(&session.id, person, status, &volunteer.id).expect("mark");
        if status.attended() {
            let skill = Topic::BASIC_SKILLS[i % 5];
            store.check_skill(&session.id, person, skill, true, &volunteer.id).expect("check");
        }
    }
    // Ten phones at the session, not yet on its list, syncing what they learn through the hub.
    let mut phones = Remote::new();
    for (i, person) in people.iter().skip(1).step_by(PEOPLE / 10).take(10).enumerate() {
        let (lesson, _) = &questions[i % questions.len()];
        phones.fact(
            "lesson_progress",
            vec![
                ("profile_id", person.as_str().into()),
                ("lesson_id", lesson.as_str().into()),
                ("lesson_version", 1.into()),
                ("kind", "step".into()),
                ("step", 0.into()),
                ("at", now.into()),
            ],
        );
    }
    phones.flush(&store, 0);
    println!(
        "filled in {:.1} s: {PEOPLE} people, {HOUSEHOLDS} households, {PROGRESS_FACTS} progress facts, {OLD_SESSIONS} older sessions; a session of {CLASS}",
        started.elapsed().as_secs_f64()
    );

    measure("roster (marks, skills, all five)", || store.roster(&session.id).expect("roster").len());
    measure("class progress (needs help, hardest questions)", || {
        let class = store.class_progress(&session.id, "vi").expect("class");
        class.learners.len() + class.needs_help.len() + class.hardest.len()
    });
    measure("session report", || store.session_report(&session.id).expect("report").rows.len());
    measure("learning nearby (phones during the session)", || {
        store.learning_nearby(&session.id).expect("nearby").len()
    });
    measure("sessions list", || store.sessions(&commune.id).expect("sessions").len());
    measure("find people \"nguyen thi\"", || store.find_people(&commune.id, "nguyen thi", 30).expect("find").len());
    measure("skill counts (all five, households at target)", || {
        store.skill_counts(&commune.id).expect("counts").households as usize
    });
}
