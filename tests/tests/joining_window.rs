//! A phone fresh from the box in the real app window (Xvfb, tauri-driver), with no server
//! anywhere: a villager makes a profile and finishes a lesson. Then the commune's server
//! starts, the phone joins it from the start screen, she chooses her village when she opens her
//! profile again, and an official's device, synced with the same server, sees her lesson
//! completed at the time the app recorded it. Screenshots land in
//! `<target>/tmp/joining_window/`.
//!
//! Needs what `app_window.rs` needs: `LANGSO_APP_BIN`, tauri-driver and WebKitWebDriver.

use std::path::Path;
use std::time::{Duration, Instant};

use langso_core::Localizer;
use langso_core::role::Role;
use langso_testkit::{Device, TestServer, bundled_pack};
use langso_tests::display::VirtualDisplay;
use langso_tests::window::{
    LOAD, Laptop, REACT, SYNC, answer_rightly, click, fill, out_dir, prerequisites, start_driver, wait_for_prefix,
};

/// The app's own record of when `name` completed a lesson, and her profile's id.
fn completion_in_app(data: &Path, name: &str) -> (String, i64) {
    let db =
        rusqlite::Connection::open_with_flags(data.join("langso.sqlite3"), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the app's store");
    db.query_row(
        "SELECT p.id, l.at FROM profiles p JOIN lesson_progress l ON l.profile_id = p.id
         WHERE p.name = ?1 AND l.kind = 'complete'",
        [name],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .expect("one completed lesson")
}

#[test]
fn a_villager_learns_on_a_phone_that_never_joined_and_the_commune_sees_it_after_joining() {
    let (app, tauri_driver) = prerequisites();
    let l10n = Localizer::embedded();
    let out = out_dir(Path::new(env!("CARGO_TARGET_TMPDIR")), "joining_window");
    let data = tempfile::tempdir().expect("data dir");
    let config = tempfile::tempdir().expect("config dir");
    let display = VirtualDisplay::start().expect("virtual display");
    let laptop = Laptop { data: data.path(), config: config.path(), joins: None };
    let driver = start_driver(&tauri_driver, &display.name, laptop, &out.join("tauri-driver.log"));
    let session = driver.new_session(&app).expect("the app launches");
    session.wait_for_text("#people-heading", &l10n.format("vi", "people-heading", &[]), LOAD).expect("start screen");
    session.wait_for("[data-testid=enroll]", 1, REACT).expect("the join form: this phone joined nothing");

    // A profile with no village: the phone knows none.
    click(&session, "[data-testid=add-profile]");
    session.wait_for("[data-testid=before-joining]", 1, REACT).expect("told she may start now");
    assert!(session.find_all("[data-testid=profile-village]").expect("find").is_empty(), "no village to choose");
    fill(&session, "[data-testid=profile-name]", "Hờ Thị Dợ");
    click(&session, "[data-testid=profile-consent]");
    session.screenshot(&out.join("1-create-before-joining.png")).expect("screenshot");
    click(&session, "[data-testid=profile-create]");
    session.wait_for_text("[data-testid=current-name]", "Hờ Thị Dợ", REACT).expect("she is in");

    // The first lesson to the end, the quiz answered rightly.
    let lesson = &bundled_pack().lessons[0];
    click(&session, &format!("[data-slug={}]", lesson.slug));
    for n in 0..lesson.steps.len() {
        let counter =
            l10n.format("vi", "player-step", &[("number", (n + 1).into()), ("count", lesson.steps.len().into())]);
        session.wait_for_text("[data-testid=step-counter]", &counter, REACT).expect("the next step");
        click(&session, "[data-testid=step-next]");
    }
    answer_rightly(&session, lesson);
    let (id, completed_at) = completion_in_app(data.path(), "Hờ Thị Dợ");

    // The commune's server comes within reach: the phone joins from the start screen.
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = runtime.block_on(TestServer::start());
    click(&session, "[data-testid=switch-person]");
    session.wait_for("[data-testid=unplaced-badge]", 1, REACT).expect("her card says she has no village yet");
    fill(&session, "[data-testid=enroll] label:nth-of-type(1) input", &server.url);
    fill(&session, "[data-testid=enroll] label:nth-of-type(2) input", server.code(Role::Villager));
    click(&session, "[data-testid=enroll] button[type=submit]");
    wait_for_prefix(&session, "[data-testid=sync-line-words]", &l10n.format("vi", "sync-line-synced", &[]), SYNC);
    session.screenshot(&out.join("2-joined.png")).expect("screenshot");
    assert!(server.snapshot().profile(&id).expect("read").is_none(), "nothing of hers went before she chose");

    // She opens her profile and is asked for her village.
    click(&session, "[data-testid=profile]");
    session.wait_for("[data-testid=place-village] option", 1, REACT).expect("the commune's villages");
    session.screenshot(&out.join("3-choose-village.png")).expect("screenshot");
    click(&session, "[data-testid=place-submit]");
    session.wait_for_text("[data-testid=current-name]", "Hờ Thị Dợ", REACT).expect("she is in again");

    // Sent: an official's device finds her lesson, completed when it was.
    let deadline = Instant::now() + SYNC;
    while server.snapshot().profile(&id).expect("read").is_none() {
        assert!(Instant::now() < deadline, "her profile never reached the server");
        std::thread::sleep(Duration::from_millis(250));
    }
    let official = Device::new();
    let seen = runtime.block_on(async {
        let client = official.enroll(&server.url, server.code(Role::Official)).await;
        let deadline = Instant::now() + SYNC;
        loop {
            official.sync_until_done(&client).await;
            let seen = official.store.progress(&id).expect("her progress");
            if seen.iter().any(|p| p.completed_at.is_some()) || Instant::now() > deadline {
                break seen;
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    });
    let done = seen.iter().find(|p| p.lesson_id == lesson.id).expect("the lesson reached the official");
    assert_eq!(done.completed_at, Some(completed_at), "completed when she completed it, not when it synced");
    assert_eq!(done.right, u32::try_from(lesson.quiz.len()).expect("small"), "each answer once");
    session.close().expect("the app closes");
}
