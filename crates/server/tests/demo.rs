//! The demo commune's people and sessions: written once however often the demo starts, seen
//! whole by a volunteer's device and without anyone's personal data by a villager's.

use langso_core::role::Role;
use langso_testkit::{Device, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_commune_has_households_and_sessions_for_staff_only() {
    let server = TestServer::start().await;
    let commune = server.service.communes().expect("communes").into_iter().next().expect("the demo commune");
    langso_server::demo::seed(&server.service, &commune).expect("seeded");
    let once = server.snapshot().canonical_dump().expect("dump");
    langso_server::demo::seed(&server.service, &commune).expect("seeded again");
    assert_eq!(server.snapshot().canonical_dump().expect("dump"), once, "a second start writes nothing");

    let volunteer = Device::new();
    let client = volunteer.enroll(&server.url, server.code(Role::Volunteer)).await;
    volunteer.sync_until_done(&client).await;
    let sessions = volunteer.store.sessions(&commune.id).expect("sessions");
    assert_eq!(sessions.len(), 3);
    let held = volunteer.store.session_report(&sessions[0].id).expect("last week's report");
    assert_eq!((held.listed, held.attended, held.late, held.absent), (6, 5, 1, 1));
    assert_eq!(volunteer.store.skill_counts(&commune.id).expect("counts").households, 3);
    let dashboard = server.service.dashboard(&commune.id).expect("dashboard").expect("the commune");
    assert_eq!(dashboard.target_percent, Some(80), "the officials' dashboard has a target to show");
    let held = dashboard.totals.sessions_held;
    assert!(held == 1 || held == 2, "last week's, and today's once it has started: {held}");

    let villager = Device::new();
    let client = villager.enroll(&server.url, server.code(Role::Villager)).await;
    villager.sync_until_done(&client).await;
    assert_eq!(villager.store.sessions(&commune.id).expect("sessions").len(), 3, "sessions are the commune's");
    let dump = villager.store.canonical_dump().expect("dump");
    assert!(!dump.contains("Giàng Thị Sua") && !dump.contains("Xóm Trên"), "no one's name or household");
}
