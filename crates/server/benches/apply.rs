//! How fast the server takes pushed changes, on each engine: a volunteer's device pushes the
//! work of a season (people registered, their lessons, attendance and skill checks) in
//! batches of 500, as sync sends them, straight into the service (the rules, the merge and
//! the commit; no network). Prints changes per second. SQLite always; PostgreSQL when
//! `LANGSO_TEST_POSTGRES` names a cluster (`scripts/bench.sh` starts one).
//!
//! `cargo bench -p langso-server --bench apply` (`APPLY_PEOPLE` changes the default of 600
//! people, about 70 changes each).

use std::time::Instant;

use langso_core::Store;
use langso_core::learning::topic::Topic;
use langso_core::places::NewCommune;
use langso_core::role::Role;
use langso_core::training::attendance::Attendance;
use langso_core::training::session::SessionInput;
use langso_server::Service;
use langso_server::engine::Engine;
use langso_server::join_codes::CodeLimits;
use langso_sync::protocol::BATCH_ENTRIES;
use langso_testkit::{POSTGRES_VAR, bundled_pack, enroll_request_as, fresh_database, new_profile, signed_push};

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A volunteer's replica holding a season's work, and the commune it belongs to.
fn season(dir: &std::path::Path, people: usize) -> (Store, String, Vec<langso_core::replica::change::Change>) {
    let store = Store::open(&dir.join("volunteer.sqlite3")).expect("store");
    store.install_pack(bundled_pack()).expect("pack");
    let commune = store
        .create_commune(&NewCommune { name: "Xã Lũng Cú".into(), district: None, province: None })
        .expect("commune");
    let village = store.create_village(&commune.id, "Thôn Lô Lô Chải").expect("village");
    let places = store.changes_since(0, usize::MAX).expect("places").changes;
    let before = store.last_seq().expect("seq");
    let me = store.create_profile(&new_profile(&village.id, Role::Volunteer, "Tình nguyện viên")).expect("me").id;
    let lessons: Vec<String> = store.catalogue("vi").expect("lessons").into_iter().map(|l| l.id).collect();
    let input = SessionInput {
        village_id: village.id.clone(),
        title: "Lớp kỹ năng số".into(),
        place: Some("Nhà văn hoá".into()),
        starts_at: 1_795_486_200_000,
        ends_at: 1_795_493_400_000,
        lessons: lessons.clone(),
        skills: vec![Topic::OnlinePayments],
    };
    let session = store.create_session(&me, &input).expect("session").id;
    for p in 0..people {
        let person = store
            .create_profile(&new_profile(&village.id, Role::Villager, &format!("Học viên {p}")))
            .expect("person")
            .id;
        store.mark_attendance(&session, &person, Attendance::Present, &me).expect("attendance");
        store.check_skill(&session, &person, Topic::OnlinePayments, true, &me).expect("skill");
        for lesson in &lessons {
            // Every step a lesson has, of the first four.
            for step in 0..4 {
                let _ = store.record_step(&person, lesson, step);
            }
        }
    }
    let work = store.changes_since(before, usize::MAX).expect("work").changes;
    (store, commune.id, places.into_iter().chain(work).collect())
}

fn run(name: &str, engine: Engine, people: usize) {
    let dir = tempfile::tempdir().expect("dir");
    let engine = match engine {
        Engine::Sqlite(_) => Engine::Sqlite(dir.path().join("server")),
        postgres => postgres,
    };
    let (store, commune, changes) = season(dir.path(), people);
    let service = Service::new(engine.open().expect("storage"));
    service.publish(bundled_pack()).expect("pack");
    let (places, work): (Vec<_>, Vec<_>) = changes
        .into_iter()
        .filter(|c| c.table != "lessons" && c.table != "quiz_questions")
        .partition(|c| c.table == "communes" || c.table == "villages");
    service.merge_as_server(&commune, &places).expect("places");
    let code =
        service.create_code_with(&commune, Role::Volunteer, CodeLimits::for_role(Role::Volunteer)).expect("code").code;
    let (device, _) = service.enroll(&enroll_request_as(store.identity(), &code, "máy đo")).expect("enroll");
    // Signed on the device, before the clock starts; the server's check of each signature
    // is part of what is measured.
    let pushes: Vec<_> = work.chunks(BATCH_ENTRIES).map(|batch| signed_push(&store, batch, 0)).collect();
    let started = Instant::now();
    let mut applied = 0;
    for push in &pushes {
        let report = service.push(&device, push).expect("push").report;
        assert!(report.rejected.is_empty(), "{:?}", report.rejected.first());
        applied += report.applied;
    }
    let elapsed = started.elapsed().as_secs_f64();
    // The same batches again, as a device retries a push whose answer it lost: all no-ops.
    let again = Instant::now();
    for push in &pushes {
        service.push(&device, push).expect("push");
    }
    let held = again.elapsed().as_secs_f64();
    println!(
        "{name}: {applied} of {} changes applied in batches of {BATCH_ENTRIES} in {elapsed:.2} s = {:.0} changes/s; \
         pushed again (a retry, all no-ops): {:.0} changes/s",
        work.len(),
        work.len() as f64 / elapsed,
        work.len() as f64 / held,
    );
}

fn main() {
    let people = setting("APPLY_PEOPLE", 600);
    run("SQLite", Engine::Sqlite(Default::default()), people);
    match std::env::var(POSTGRES_VAR).ok().filter(|v| !v.is_empty()) {
        Some(cluster) => run("PostgreSQL", Engine::Postgres(fresh_database(&cluster)), people),
        None => println!("{POSTGRES_VAR} is not set: SQLite only (scripts/bench.sh starts a PostgreSQL cluster)"),
    }
}
