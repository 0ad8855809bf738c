//! A phone fresh from the box, with no server anywhere: a person makes a profile and finishes
//! a lesson. Then the commune's real server (on loopback) appears, the phone joins it, the
//! person chooses their village, and the commune's official device sees the lesson completed
//! at the time it really was, once.

use std::net::SocketAddr;
use std::sync::Arc;

use langso_commands::App;
use langso_core::Store;
use langso_core::people::profile::NewProfile;
use langso_core::role::Role;
use langso_sync::client::Client;
use langso_testkit::{Device, TestServer, app_phone, bundled_pack, eventually};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_who_learnt_before_the_phone_joined_reaches_the_commune_with_the_real_times() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(Store::open(&dir.path().join("langso.sqlite3")).expect("store"));
    store.install_pack(bundled_pack()).expect("the bundled pack");
    let loopback = SocketAddr::from(([127, 0, 0, 1], 0));
    let app = App::new(store.clone(), dir.path().to_owned(), None, &tokio::runtime::Handle::current())
        .with_hub_address(loopback);

    // Offline, never joined: no villages to choose, and none needed.
    assert!(app.villages().await.expect("villages").is_empty());
    let opened = app
        .create_profile(NewProfile {
            village_id: None,
            role: Role::Villager,
            name: "Lò Thị Mai".into(),
            household: None,
            birth_year: None,
            phone: None,
            avatar: Some("buffalo".into()),
            pin: Some("2468".into()),
            consent_version: Some("2026-11".into()),
            read_aloud: true,
        })
        .await
        .expect("a profile on a phone that joined nothing");
    let mai = opened.profile.id.clone();
    let card = app.catalogue("vi".into()).await.expect("catalogue").remove(0);
    let lesson = app.lesson(card.id.clone(), "vi".into()).await.expect("lesson");
    for step in 0..lesson.steps.len() {
        app.record_step(card.id.clone(), u16::try_from(step).expect("step")).await.expect("step");
    }
    for question in &lesson.quiz {
        app.answer(question.id.clone(), 0, "vi".into()).await.expect("answer");
    }
    app.complete_lesson(card.id.clone()).await.expect("complete");
    let finished = app.progress().await.expect("progress").remove(0);
    let finished_at = finished.completed_at.expect("completed");

    // The commune's server comes within reach; the phone joins it with a villager's code.
    let server = TestServer::start().await;
    let status = app.enroll(server.url.clone(), server.code(Role::Villager).to_owned()).await.expect("joined");
    assert!(status.enrolled);
    eventually("the commune's villages arrive", || async { !app.villages().await.expect("villages").is_empty() }).await;
    assert_eq!(app.sync_status().await.expect("status").unplaced, 1, "Mai still has to choose");
    assert!(server.snapshot().profile(&mai).expect("read").is_none(), "nothing of hers went before she chose");

    // Mai opens her profile and chooses her village.
    app.close_profile().await.expect("close");
    app.open_profile(mai.clone(), Some("2468".into())).await.expect("open");
    let village = app.villages().await.expect("villages").remove(0);
    let placed = app.place_profile(village.id.clone()).await.expect("placed");
    assert_eq!(placed.village_id.as_deref(), Some(village.id.as_str()));
    app.sync_now().await.expect("sync");
    eventually("her progress reaches the server", || async {
        server.snapshot().profile(&mai).expect("read").is_some()
            && app.sync_status().await.is_ok_and(|s| s.waiting == 0 && s.unplaced == 0)
    })
    .await;

    // The commune's official sees what she did, when she did it, once.
    let official = app_phone(&server, server.code(Role::Official)).await;
    let seen = official.store.progress(&mai).expect("progress");
    assert_eq!(seen, vec![finished], "the same steps, answers and completion, with their times");
    assert_eq!(seen[0].completed_at, Some(finished_at));
    let facts = |store: &Store| {
        store.changes_since(0, usize::MAX).expect("log").changes.iter().filter(|c| c.table == "lesson_progress").count()
    };
    assert_eq!(facts(&official.store), facts(&store), "every fact once: none lost, none doubled");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_phone_pushes_nothing_of_the_pack_it_was_born_with() {
    let server = TestServer::start().await;
    let device = Device::new();
    let (client, _) =
        Client::enroll(&server.url, server.code(Role::Villager), &device.store, "Làng Số").await.expect("enroll");
    let report = client.sync(&device.store).await.expect("first sync");
    assert_eq!(report.pushed, 0, "the pack is the publisher's: the server has it already");
    assert!(report.pulled > 0, "the commune came down");
}
