//! The real app binary in a real window (Xvfb), driven through tauri-driver and
//! WebKitWebDriver: the Vietnamese catalogue, enrollment with a real server on loopback and the
//! sync status line, hub mode serving a phone whose data then reaches the server, the switch to
//! English, and the choice surviving a restart. Screenshots land in `<target>/tmp/app_window/`.
//!
//! Needs `LANGSO_APP_BIN` (the README's test command builds the app and sets it), tauri-driver
//! and WebKitWebDriver; a missing prerequisite fails the test, it never skips it.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use langso_core::Localizer;
use langso_core::pack::Pack;
use langso_core::profile::Role;
use langso_tests::commune::{Device, TestServer};
use langso_tests::display::VirtualDisplay;
use langso_tests::process::find_program;
use langso_tests::webdriver::{Driver, Session};
use serde_json::json;

const LOAD: Duration = Duration::from_secs(60);
const SYNC: Duration = Duration::from_secs(45);
const REACT: Duration = Duration::from_secs(15);

fn app_binary() -> PathBuf {
    let path = std::env::var_os("LANGSO_APP_BIN").map(PathBuf::from).expect(
        "LANGSO_APP_BIN is not set: run the README's test command (scripts/test.sh), which builds the app first",
    );
    assert!(path.is_file(), "LANGSO_APP_BIN={} is not a file", path.display());
    path
}

fn bundled_pack() -> Pack {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/lessons");
    Pack::load(|p| std::fs::read_to_string(root.join(p)).ok()).expect("bundled pack is valid")
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("app_window");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

/// The catalogue heading and every lesson title, as the window shows them.
fn shown_catalogue(session: &Session<'_>) -> (String, Vec<String>) {
    let heading = session.find_all("[data-testid=catalogue-heading]").expect("find heading");
    let heading = session.text(heading.first().expect("a heading")).expect("heading text");
    let titles = session
        .find_all("[data-testid=lesson-card] h3")
        .expect("find titles")
        .iter()
        .map(|t| session.text(t).expect("title text"))
        .collect();
    (heading, titles)
}

/// Waits until the first element matching `css` reads something starting with `prefix`.
fn wait_for_prefix(session: &Session<'_>, css: &str, prefix: &str, timeout: Duration) {
    let deadline = std::time::Instant::now() + timeout;
    let mut last = String::new();
    while std::time::Instant::now() < deadline {
        if let Some(e) = session.find_all(css).expect("find").first() {
            last = session.text(e).expect("text");
            if last.starts_with(prefix) {
                return;
            }
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    panic!("{css} never started with {prefix:?}; last read {last:?}");
}

#[test]
fn the_window_opens_in_vietnamese_switches_to_english_and_remembers_it() {
    let app = app_binary();
    let tauri_driver = find_program("tauri-driver")
        .expect("tauri-driver is not installed: cargo install tauri-driver --version '^2' --locked");
    assert!(
        find_program("WebKitWebDriver").is_some(),
        "WebKitWebDriver is not installed (Debian package webkit2gtk-driver)"
    );

    let l10n = Localizer::embedded();
    let pack = bundled_pack();
    let out = out_dir();
    let data = tempfile::tempdir().expect("data dir");
    // A real server on loopback, with a join code the app enrolls with at first launch.
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = runtime.block_on(TestServer::start());
    let server_url = format!("http://{}", server.addr);
    let display = VirtualDisplay::start().expect("virtual display");
    let driver = Driver::start(
        &tauri_driver,
        &display.name,
        &[
            ("LANGSO_DATA_DIR", data.path().as_os_str()),
            ("GDK_BACKEND", OsStr::new("x11")),
            ("LANGSO_SERVER", OsStr::new(&server_url)),
            ("LANGSO_JOIN_CODE", OsStr::new(server.code(Role::Volunteer))),
            ("LANGSO_HUB_LISTEN", OsStr::new("127.0.0.1:0")),
        ],
        &out.join("tauri-driver.log"),
    )
    .expect("tauri-driver starts");

    // First launch: an empty store, filled from the bundled pack, shown in Vietnamese.
    let session = driver.new_session(&app).expect("the app launches");
    let cards = session.wait_for("[data-testid=lesson-card]", pack.lessons.len(), LOAD).expect("catalogue appears");
    assert_eq!(cards.len(), pack.lessons.len());
    let (heading, titles) = shown_catalogue(&session);
    assert_eq!(heading, l10n.format("vi", "catalogue-heading", &[]));
    let vi_titles: Vec<_> = pack.lessons.iter().map(|l| l.title["vi"].clone()).collect();
    assert_eq!(titles, vi_titles);
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
    // The app enrolled with the server and synced; the status line says when.
    let synced = l10n.format("vi", "sync-status-synced", &[("time", "".into())]);
    wait_for_prefix(&session, "[data-testid=sync-summary]", synced.trim(), SYNC);
    assert_eq!(server.db.store().catalogue("vi").expect("server catalogue").len(), pack.lessons.len());
    session.screenshot(&out.join("1-catalogue-vi.png")).expect("screenshot");

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
    assert_eq!(phone.store.catalogue("vi").expect("catalogue").len(), pack.lessons.len(), "lessons from the hub");
    // "Sync now" on the laptop carries the phone's profile to the server.
    let now = session.find_all("[data-testid=sync-status] button").expect("sync now");
    session.click(&now[0]).expect("sync now");
    let deadline = std::time::Instant::now() + SYNC;
    while server.db.store().profile(&learner).expect("read").is_none() {
        assert!(std::time::Instant::now() < deadline, "the phone's profile never reached the server through the hub");
        std::thread::sleep(Duration::from_millis(250));
    }

    // Switch to English: the UI messages and the lesson texts change.
    let english = session.find_all("[data-testid=language-en]").expect("find switch");
    session.click(english.first().expect("an English button")).expect("click English");
    let en_heading = l10n.format("en", "catalogue-heading", &[]);
    session.wait_for_text("[data-testid=catalogue-heading]", &en_heading, REACT).expect("heading turns English");
    session
        .wait_for_text("[data-testid=lesson-card] h3", &pack.lessons[0].title["en"], REACT)
        .expect("lesson titles turn English");
    let (_, titles) = shown_catalogue(&session);
    assert_eq!(titles, pack.lessons.iter().map(|l| l.title["en"].clone()).collect::<Vec<_>>());
    assert_eq!(session.execute("return document.documentElement.lang").expect("lang"), json!("en"));
    session.screenshot(&out.join("3-catalogue-en.png")).expect("screenshot");
    session.close().expect("the app closes");

    // Restart on the same store: the choice persisted.
    let session = driver.new_session(&app).expect("the app relaunches");
    session.wait_for("[data-testid=lesson-card]", pack.lessons.len(), LOAD).expect("catalogue appears again");
    session.wait_for_text("[data-testid=catalogue-heading]", &en_heading, REACT).expect("still English");
    let pressed = session.find_all("[data-testid=language-en]").expect("find switch");
    let pressed = session.attribute(pressed.first().expect("English button"), "aria-pressed").expect("aria-pressed");
    assert_eq!(pressed.as_deref(), Some("true"));
    session.screenshot(&out.join("4-after-restart-en.png")).expect("screenshot");
    session.close().expect("the app closes");
}
