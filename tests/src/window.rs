//! What a finger does in the real app window, for the tests that drive it, and where those
//! tests find the app binary and keep their screenshots.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use base64::Engine as _;
use langso_core::learning::pack::PackLesson;
use serde_json::json;

use crate::process::find_program;
use crate::webdriver::{Driver, Session};

/// The first screen of a fresh launch.
pub const LOAD: Duration = Duration::from_secs(60);
/// A round trip to the server.
pub const SYNC: Duration = Duration::from_secs(45);
/// A screen answering a tap.
pub const REACT: Duration = Duration::from_secs(15);

/// Debian's chromedriver and Chromium, for the tests that also open the server's pages; a
/// missing one fails the test.
pub fn chromium() -> (PathBuf, PathBuf) {
    let driver = find_program("chromedriver").expect("chromedriver is not installed (Debian package chromium-driver)");
    let browser = find_program("chromium").expect("chromium is not installed (Debian package chromium)");
    (driver, browser)
}

/// Waits, a quarter of a second at a time, until `done` says yes; fails the test naming
/// `what` after `timeout`.
pub fn wait_until(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !done() {
        assert!(Instant::now() < deadline, "never happened: {what}");
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// The app binary (`LANGSO_APP_BIN`, which the README's test command builds and sets) and
/// tauri-driver; a missing prerequisite fails the test, it never skips it.
pub fn prerequisites() -> (PathBuf, PathBuf) {
    let app = std::env::var_os("LANGSO_APP_BIN").map(PathBuf::from).expect(
        "LANGSO_APP_BIN is not set: run the README's test command (scripts/test.sh), which builds the app first",
    );
    assert!(app.is_file(), "LANGSO_APP_BIN={} is not a file", app.display());
    let driver = find_program("tauri-driver")
        .expect("tauri-driver is not installed: cargo install tauri-driver --version '^2' --locked");
    assert!(
        find_program("WebKitWebDriver").is_some(),
        "WebKitWebDriver is not installed (Debian package webkit2gtk-driver)"
    );
    (app, driver)
}

/// Where a test's app keeps its things, and the server it joins at first launch (none: a
/// phone fresh from the box, offline).
#[derive(Debug, Clone, Copy)]
pub struct Laptop<'a> {
    /// The app's data folder (`LANGSO_DATA_DIR`).
    pub data: &'a Path,
    /// Its configuration folder (`XDG_CONFIG_HOME`): where `user-dirs.dirs` names Downloads.
    pub config: &'a Path,
    /// The server's address and a join code.
    pub joins: Option<(&'a str, &'a str)>,
}

/// tauri-driver on `display`, launching the app as `laptop` says, its hub on a free loopback
/// port; the driver's log goes to `log`.
pub fn start_driver(tauri_driver: &Path, display: &str, laptop: Laptop<'_>, log: &Path) -> Driver {
    let mut env = vec![
        ("LANGSO_DATA_DIR", laptop.data.as_os_str()),
        ("GDK_BACKEND", OsStr::new("x11")),
        ("XDG_CONFIG_HOME", laptop.config.as_os_str()),
        ("LANGSO_HUB_LISTEN", OsStr::new("127.0.0.1:0")),
    ];
    if let Some((server, code)) = laptop.joins {
        env.extend([("LANGSO_SERVER", OsStr::new(server)), ("LANGSO_JOIN_CODE", OsStr::new(code))]);
    }
    Driver::start(tauri_driver, display, &env, log).expect("tauri-driver starts")
}

/// A folder for a test's screenshots and logs under `tmp`.
pub fn out_dir(tmp: &Path, name: &str) -> PathBuf {
    let dir = tmp.join(name);
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

/// Clicks the first element matching `css`, waiting for it to appear, as a finger would: after
/// scrolling it to the middle of the screen, clear of the tab bar.
pub fn click(session: &Session<'_>, css: &str) {
    let found = session.wait_for(css, 1, REACT).unwrap_or_else(|e| panic!("{css} never appeared: {e}"));
    let script = format!("document.querySelector({}).scrollIntoView({{ block: 'center' }})", json!(css));
    session.execute(&script).expect("scroll");
    session.click(&found[0]).unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// Types into a field (or picks in a list) the way the page sees it: the value, then an input
/// and a change event.
pub fn fill(session: &Session<'_>, css: &str, value: &str) {
    session.wait_for(css, 1, REACT).unwrap_or_else(|e| panic!("{css} never appeared: {e}"));
    let script = format!(
        "const e = document.querySelector({css}); e.value = {value};
         e.dispatchEvent(new Event('input', {{ bubbles: true }}));
         e.dispatchEvent(new Event('change', {{ bubbles: true }}));",
        css = json!(css),
        value = json!(value)
    );
    session.execute(&script).expect("fill");
}

/// Picks a file in a file field as if chosen in the system's file chooser, which no driver
/// reaches: the field holds a file of `bytes` named `name`, and the page gets a change event.
pub fn pick_file(session: &Session<'_>, css: &str, name: &str, mime: &str, bytes: &[u8]) {
    session.wait_for(css, 1, REACT).unwrap_or_else(|e| panic!("{css} never appeared: {e}"));
    let script = format!(
        "const bytes = Uint8Array.from(atob({data}), (c) => c.charCodeAt(0));
         const picked = new DataTransfer();
         picked.items.add(new File([bytes], {name}, {{ type: {mime} }}));
         const e = document.querySelector({css}); e.files = picked.files;
         e.dispatchEvent(new Event('change', {{ bubbles: true }}));",
        data = json!(base64::engine::general_purpose::STANDARD.encode(bytes)),
        name = json!(name),
        mime = json!(mime),
        css = json!(css),
    );
    session.execute(&script).expect("pick a file");
}

/// Waits until the first element matching `css` reads something starting with `prefix`.
pub fn wait_for_prefix(session: &Session<'_>, css: &str, prefix: &str, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    let mut last = String::new();
    while Instant::now() < deadline {
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

/// Answers each question of `lesson`'s quiz (in Vietnamese) with its right choice, as a
/// learner taps, through to the completion screen.
pub fn answer_rightly(session: &Session<'_>, lesson: &PackLesson) {
    for question in &lesson.quiz {
        session.wait_for_text("[data-testid=question]", &question.question["vi"], REACT).expect("the question");
        let right = question.choices.iter().position(|c| c.correct).expect("a right choice");
        let choices = session.wait_for("[data-testid=choice]", question.choices.len(), REACT).expect("choices");
        session.click(&choices[right]).expect("answer");
        session.wait_for("[data-testid=feedback-right]", 1, REACT).expect("praised");
        click(session, "[data-testid=quiz-next]");
    }
    session.wait_for("[data-testid=completion]", 1, REACT).expect("the completion screen");
}
