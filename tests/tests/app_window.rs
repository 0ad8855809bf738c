//! The real app binary in a real window (Xvfb), driven through tauri-driver and
//! WebKitWebDriver: the Vietnamese start screen, enrollment with a real server on loopback and
//! the sync status line, hub mode serving a phone whose data then reaches the server, a
//! volunteer registering a villager who takes a lesson to the end (found afterwards in the
//! SQLite file), the switch to English, all of it surviving a restart, and an edit the server
//! refuses (the laptop's clock ran ahead) coming back to the server's version with the reason
//! on screen. Screenshots land in `<target>/tmp/app_window/`.
//!
//! Needs `LANGSO_APP_BIN` (the README's test command builds the app and sets it), tauri-driver
//! and WebKitWebDriver; a missing prerequisite fails the test, it never skips it.

use std::path::Path;
use std::time::Duration;

use langso_core::Localizer;
use langso_core::role::Role;
use langso_testkit::{Device, TestServer, bundled_pack};
use langso_tests::display::VirtualDisplay;
use langso_tests::webdriver::Session;
use langso_tests::window::{
    LOAD, Laptop, REACT, SYNC, answer_rightly, click, fill, out_dir, prerequisites, start_driver, wait_for_prefix,
};
use serde_json::json;

/// Every lesson title the catalogue shows.
fn shown_titles(session: &Session<'_>) -> Vec<String> {
    session
        .find_all("[data-testid=lesson-card] .title")
        .expect("find titles")
        .iter()
        .map(|t| session.text(t).expect("title text"))
        .collect()
}

#[test]
fn a_villager_is_registered_takes_a_lesson_and_it_survives_a_restart() {
    let (app, tauri_driver) = prerequisites();

    let l10n = Localizer::embedded();
    let pack = bundled_pack();
    let out = out_dir(Path::new(env!("CARGO_TARGET_TMPDIR")), "app_window");
    let data = tempfile::tempdir().expect("data dir");
    // A real server on loopback, with a join code the app enrolls with at first launch.
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = runtime.block_on(TestServer::builder().code_uses(1_000).start());
    let server_url = server.url.clone();
    let display = VirtualDisplay::start().expect("virtual display");
    let config = tempfile::tempdir().expect("config dir");
    let laptop =
        Laptop { data: data.path(), config: config.path(), joins: Some((&server_url, server.code(Role::Volunteer))) };
    let driver = start_driver(&tauri_driver, &display.name, laptop, &out.join("tauri-driver.log"));

    // First launch: an empty store, filled from the bundled pack; the shared phone's start
    // screen asks who is learning, in Vietnamese.
    let session = driver.new_session(&app).expect("the app launches");
    session
        .wait_for_text("#people-heading", &l10n.format("vi", "people-heading", &[]), LOAD)
        .expect("start screen appears");
    let page = session
        .execute("return [document.documentElement.lang, window.innerWidth, document.characterSet]")
        .expect("page facts");
    assert_eq!(page, json!(["vi", 360, "UTF-8"]), "Vietnamese, phone-sized, UTF-8");
    // The bundled font (not system-font luck) is what renders the diacritics.
    session.execute("return document.fonts.load('700 16px \"Be Vietnam Pro\"', 'Làng Số ệ ữ đ')").expect("font loads");
    let font = session
        .execute("return document.fonts.check('700 16px \"Be Vietnam Pro\"', 'Làng Số ệ ữ đ')")
        .expect("font check");
    assert_eq!(font, json!(true), "Be Vietnam Pro covers the Vietnamese text");
    // The app enrolled with the server and synced; the sync line says so.
    wait_for_prefix(&session, "[data-testid=sync-line-words]", &l10n.format("vi", "sync-line-synced", &[]), SYNC);
    assert_eq!(server.snapshot().catalogue("vi").expect("server catalogue").len(), pack.lessons.len());
    session.screenshot(&out.join("1-start-vi.png")).expect("screenshot");

    // The volunteer turns the laptop into a session hub; a phone joins it with the code shown.
    let start = session.wait_for("[data-testid=hub-start]", 1, SYNC).expect("hub panel for a volunteer");
    session.click(&start[0]).expect("start the hub");
    let address = session.wait_for("[data-testid=hub-address]", 1, REACT).expect("hub address");
    let hub_url = session.text(&address[0]).expect("address text");
    let code = session.find_all("[data-testid=hub-code-villager]").expect("code");
    let code = session.attribute(&code[0], "data-code").expect("attribute").expect("a villager code");
    session.execute("document.querySelector('[data-testid=hub]').scrollIntoView()").expect("scroll");
    session.screenshot(&out.join("2-hub-vi.png")).expect("screenshot");
    let phone = Device::new();
    let learner = runtime.block_on(async {
        let client = phone.enroll(&hub_url, &code).await;
        phone.sync_until_done(&client).await;
        let learner = phone.person(Role::Villager, "Lò Thị Mai");
        phone.sync_until_done(&client).await;
        learner
    });
    // "Sync now" on the laptop carries the phone's profile to the server.
    click(&session, "[data-testid=sync-line]");
    click(&session, "[data-testid=sync-now]");
    click(&session, "[data-testid=sync-close]");
    let deadline = std::time::Instant::now() + SYNC;
    while server.snapshot().profile(&learner).expect("read").is_none() {
        assert!(std::time::Instant::now() < deadline, "the phone's profile never reached the server through the hub");
        std::thread::sleep(Duration::from_millis(250));
    }

    // The volunteer registers a villager on the laptop: name, picture, village, consent.
    click(&session, "[data-testid=add-profile]");
    session.wait_for("[data-testid=profile-village] option", 1, REACT).expect("villages synced from the server");
    fill(&session, "[data-testid=profile-name]", "Giàng Thị Súa");
    click(&session, "[data-testid=profile-consent]");
    session.screenshot(&out.join("3-create-profile.png")).expect("screenshot");
    click(&session, "[data-testid=profile-create]");
    session.wait_for_text("[data-testid=current-name]", "Giàng Thị Súa", REACT).expect("the new profile is open");
    let cards = session.wait_for("[data-testid=lesson-card]", pack.lessons.len(), LOAD).expect("catalogue");
    assert_eq!(cards.len(), pack.lessons.len());
    let mut titles = shown_titles(&session);
    let mut vi_titles: Vec<_> = pack.lessons.iter().map(|l| l.title["vi"].clone()).collect();
    titles.sort();
    vi_titles.sort();
    assert_eq!(titles, vi_titles, "every lesson, grouped by skill");
    session.screenshot(&out.join("4-catalogue-vi.png")).expect("screenshot");
    // Search as you type, without diacritics, through the store's Vietnamese search.
    fill(&session, "[data-testid=search]", "lua dao");
    session
        .wait_for("[data-testid=search-results] [data-slug=scam-calls]", 1, REACT)
        .expect("the scam lesson is found");
    fill(&session, "[data-testid=search]", "");
    session.wait_for("[data-testid=catalogue]", 1, REACT).expect("the whole catalogue again");

    // She takes the first lesson to the end: each step with its picture and narration, then
    // the quiz, answered rightly.
    let lesson = &pack.lessons[0];
    click(&session, &format!("[data-slug={}]", lesson.slug));
    for (n, _) in lesson.steps.iter().enumerate() {
        let counter =
            l10n.format("vi", "player-step", &[("number", (n + 1).into()), ("count", lesson.steps.len().into())]);
        session.wait_for_text("[data-testid=step-counter]", &counter, REACT).expect("the next step");
        let picture = session
            .execute(
                "const img = document.querySelector('[data-testid=illustration]');
                 return img && img.complete ? [img.src.slice(0, 5), img.naturalWidth] : null",
            )
            .expect("picture");
        if n == 0 {
            // The app's one <audio> element is made on the first "listen".
            click(&session, "[data-testid=narration-toggle]");
            let deadline = std::time::Instant::now() + REACT;
            while session
                .execute("const a = document.querySelector('audio'); return a ? a.readyState : 0")
                .expect("audio")
                .as_u64()
                .unwrap_or(0)
                < 1
            {
                assert!(std::time::Instant::now() < deadline, "the narration never loaded");
                std::thread::sleep(Duration::from_millis(100));
            }
            let audio = session
                .execute("const a = document.querySelector('audio'); return [a.src.slice(0, 5), a.duration > 1]")
                .expect("audio");
            assert_eq!(audio, json!(["blob:", true]), "the step's Ogg/Opus narration loads in the window");
            session.screenshot(&out.join("5-lesson-step.png")).expect("screenshot");
        }
        if let Some(p) = picture.as_array() {
            assert_eq!(p[0], json!("blob:"));
            assert!(p[1].as_u64().unwrap_or(0) > 0, "step {} picture renders", n + 1);
        }
        click(&session, "[data-testid=step-next]");
    }
    answer_rightly(&session, lesson);
    session.screenshot(&out.join("6-lesson-complete.png")).expect("screenshot");

    // The completion is in the app's SQLite file, as a fact that will sync.
    let db = rusqlite::Connection::open_with_flags(
        data.path().join("langso.sqlite3"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("open the app's store");
    let completed: i64 = db
        .query_row(
            "SELECT count(*) FROM lesson_progress p JOIN profiles f ON f.id = p.profile_id
             WHERE f.name = 'Giàng Thị Súa' AND p.lesson_id = ?1 AND p.kind = 'complete'",
            [&lesson.id],
            |r| r.get(0),
        )
        .expect("query");
    assert_eq!(completed, 1, "the completion is stored");
    let in_outbox: i64 =
        db.query_row("SELECT count(*) FROM change_log WHERE tbl = 'lesson_progress'", [], |r| r.get(0)).expect("query");
    assert!(in_outbox > 0, "progress facts are captured for sync");
    drop(db);

    click(&session, "[data-testid=done-learnt]");
    session.wait_for("[data-testid=learnt-lesson]", 1, REACT).expect("what I have learnt");
    click(&session, "[data-testid=open-certificate]");
    session.wait_for_text("[data-testid=certificate-name]", "Giàng Thị Súa", REACT).expect("certificate");
    session.screenshot(&out.join("7-certificate.png")).expect("screenshot");

    // Switch to English in Settings: the UI messages and the lesson texts change.
    click(&session, "[data-testid=tab-settings]");
    click(&session, "[data-testid=language-en]");
    click(&session, "[data-testid=tab-home]");
    let en_heading = l10n.format("en", "catalogue-heading", &[]);
    session.wait_for_text("[data-testid=catalogue-heading]", &en_heading, REACT).expect("heading turns English");
    let mut titles = shown_titles(&session);
    let mut en_titles: Vec<_> = pack.lessons.iter().map(|l| l.title["en"].clone()).collect();
    titles.sort();
    en_titles.sort();
    assert_eq!(titles, en_titles);
    assert_eq!(session.execute("return document.documentElement.lang").expect("lang"), json!("en"));
    session.screenshot(&out.join("8-catalogue-en.png")).expect("screenshot");
    session.close().expect("the app closes");

    // Restart on the same store: the language persisted, her profile is on the start screen
    // and the lesson shows as done.
    let session = driver.new_session(&app).expect("the app relaunches");
    session.wait_for_text("#people-heading", &l10n.format("en", "people-heading", &[]), LOAD).expect("still English");
    let pressed = session.find_all("[data-testid=language-en]").expect("find switch");
    let pressed = session.attribute(pressed.first().expect("English button"), "aria-pressed").expect("aria-pressed");
    assert_eq!(pressed.as_deref(), Some("true"));
    click(&session, "[data-testid=profile]");
    session
        .wait_for(&format!("[data-slug={}] [data-testid=lesson-done]", lesson.slug), 1, REACT)
        .expect("the lesson shows as done after a restart");
    session.screenshot(&out.join("9-after-restart-en.png")).expect("screenshot");

    // Her profile reaches the server; then the laptop's clock runs two months ahead (a flat
    // battery reset it wrongly), so the server refuses what it writes next.
    let store_file = data.path().join("langso.sqlite3");
    let sua: String = rusqlite::Connection::open(&store_file)
        .expect("open the app's store")
        .query_row("SELECT id FROM profiles WHERE name = 'Giàng Thị Súa'", [], |r| r.get(0))
        .expect("her id");
    let deadline = std::time::Instant::now() + SYNC;
    while server.snapshot().profile(&sua).expect("read").is_none() {
        assert!(std::time::Instant::now() < deadline, "her profile never reached the server");
        std::thread::sleep(Duration::from_millis(250));
    }
    session.close().expect("the app closes");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("time").as_secs();
    rusqlite::Connection::open(&store_file)
        .expect("open the app's store")
        .execute("UPDATE replica SET last_hlc = ?1", [((now + 60 * 86_400) << 32) as i64])
        .expect("the clock runs ahead");

    // She corrects her name in My data; the server refuses it, and the screen says why, with
    // her name back as the server has it.
    let session = driver.new_session(&app).expect("the app relaunches");
    click(&session, "[data-testid=profile]");
    click(&session, "[data-testid=tab-settings]");
    click(&session, "[data-testid=open-mydata]");
    click(&session, "[data-testid=mydata-edit]");
    fill(&session, "[data-testid=profile-name]", "Giàng Thị Sủa");
    click(&session, "[data-testid=mydata-save]");
    session.wait_for_text("[data-testid=current-name]", "Giàng Thị Sủa", REACT).expect("saved on the laptop");
    let refused = session.wait_for("[data-testid=mydata-refused]", 1, SYNC).expect("the refusal is shown");
    let note = session.text(&refused[0]).expect("note");
    assert!(note.contains(&l10n.format("en", "refused-heading", &[])), "{note}");
    assert!(note.contains(&l10n.format("en", "reject-clock", &[])), "{note}");
    session.wait_for_text("[data-testid=current-name]", "Giàng Thị Súa", REACT).expect("her name is back");
    session.execute("document.querySelector('[data-testid=mydata-refused]').scrollIntoView()").expect("scroll");
    session.screenshot(&out.join("10-refused-edit-en.png")).expect("screenshot");
    assert_eq!(server.snapshot().profile(&sua).expect("read").map(|p| p.name).as_deref(), Some("Giàng Thị Súa"));
    session.close().expect("the app closes");
}
