//! A volunteer's training session in the real app window (Xvfb, tauri-driver): planning it,
//! registering two villagers of one new household, marking them, checking skills and saving
//! the report. The CSV is read back and the app's SQLite file looked into; then the app syncs
//! and an official's device, synced with the same server, finds the same numbers.
//! Screenshots land in `<target>/tmp/volunteer_window/`.
//!
//! Needs what `app_window.rs` needs: `LANGSO_APP_BIN`, tauri-driver and WebKitWebDriver.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use langso_core::Localizer;
use langso_core::learning::topic::Topic;
use langso_core::role::Role;
use langso_testkit::{Device, TestServer};
use langso_tests::display::VirtualDisplay;
use langso_tests::webdriver::Session;
use langso_tests::window::{
    LOAD, Laptop, REACT, SYNC, click, fill, out_dir, prerequisites, start_driver, wait_for_prefix,
};
use serde_json::json;

/// Clicks, in the row (an element matching `row`) that begins with `name`, its first element
/// matching `target`, once it can be tapped: while one mark is being saved the screen disables
/// the others, and a tap then does nothing, as it would for a finger.
fn tap_in_row(session: &Session<'_>, row: &str, name: &str, target: &str) {
    let script = format!(
        "const row = [...document.querySelectorAll({row})].find(r => r.textContent.trim().startsWith({name}));
         const target = row && row.querySelector({target});
         if (!target || target.disabled) return false;
         target.scrollIntoView({{ block: 'center' }}); target.click(); return true;",
        row = json!(row),
        name = json!(name),
        target = json!(target)
    );
    let deadline = Instant::now() + REACT;
    while session.execute(&script).expect("tap") != json!(true) {
        assert!(Instant::now() < deadline, "no {target} in a {row} naming {name}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Taps a skill's toggle in the person's row (which begins with their name) and waits for it to
/// show as checked.
fn check_skill(session: &Session<'_>, name: &str, skill: Topic) {
    let script = format!(
        "const toggles = [...document.querySelectorAll('[data-testid=skill-toggle][data-skill={skill}]')];
         const mine = toggles.find(t => {{
           const row = t.closest('[data-testid=roster-entry]');
           return row && row.textContent.trim().startsWith({name});
         }});
         if (!mine) return null;
         if (mine.getAttribute('aria-pressed') !== 'true') {{ mine.scrollIntoView({{ block: 'center' }}); mine.click(); }}
         return mine.getAttribute('aria-pressed');",
        skill = skill.as_str(),
        name = json!(name)
    );
    let deadline = Instant::now() + REACT;
    while session.execute(&script).expect("skill") != json!("true") {
        assert!(Instant::now() < deadline, "{name}'s {skill:?} never showed as checked");
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// The report's figures as the screen shows them, by name.
fn figures(session: &Session<'_>) -> BTreeMap<String, i64> {
    let shown = session
        .execute(
            "return [...document.querySelectorAll('[data-testid=report-figure]')]
               .map(f => [f.dataset.figure, f.textContent.trim()])",
        )
        .expect("figures");
    shown
        .as_array()
        .expect("a list")
        .iter()
        .map(|pair| {
            let name = pair[0].as_str().expect("a figure's name").to_owned();
            let value = pair[1].as_str().expect("a figure's text").parse().expect("a figure is a number");
            (name, value)
        })
        .collect()
}

/// The one file ending in `extension` in `folder`.
fn saved(folder: &Path, extension: &str) -> PathBuf {
    let deadline = Instant::now() + REACT;
    loop {
        let found: Vec<PathBuf> = std::fs::read_dir(folder)
            .map(|entries| {
                entries.flatten().map(|e| e.path()).filter(|p| p.extension() == Some(OsStr::new(extension))).collect()
            })
            .unwrap_or_default();
        if let [one] = found.as_slice() {
            return one.clone();
        }
        assert!(Instant::now() < deadline, "no single .{extension} in {}: {found:?}", folder.display());
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_volunteer_runs_a_session_in_the_app_and_an_official_sees_the_same_numbers() {
    let (app, tauri_driver) = prerequisites();
    let l10n = Localizer::embedded();
    let out = out_dir(Path::new(env!("CARGO_TARGET_TMPDIR")), "volunteer_window");
    let data = tempfile::tempdir().expect("data dir");
    // The app saves reports in the person's Downloads folder, which the XDG user dirs name.
    let home = tempfile::tempdir().expect("home");
    let downloads = home.path().join("Downloads");
    std::fs::create_dir_all(&downloads).expect("downloads");
    std::fs::write(home.path().join("user-dirs.dirs"), format!("XDG_DOWNLOAD_DIR=\"{}\"\n", downloads.display()))
        .expect("user dirs");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = runtime.block_on(TestServer::builder().code_uses(100).start());
    let display = VirtualDisplay::start().expect("virtual display");
    let laptop =
        Laptop { data: data.path(), config: home.path(), joins: Some((&server.url, server.code(Role::Volunteer))) };
    let driver = start_driver(&tauri_driver, &display.name, laptop, &out.join("tauri-driver.log"));
    let session = driver.new_session(&app).expect("the app launches");
    session.wait_for_text("#people-heading", &l10n.format("vi", "people-heading", &[]), LOAD).expect("start screen");
    wait_for_prefix(&session, "[data-testid=sync-line-words]", &l10n.format("vi", "sync-line-synced", &[]), SYNC);

    // The volunteer's own profile on the laptop.
    click(&session, "[data-testid=add-profile]");
    session.wait_for("[data-testid=profile-village] option", 1, REACT).expect("villages synced from the server");
    fill(&session, "[data-testid=profile-name]", "Vàng Văn Dũng");
    click(&session, "input[name=role][value=volunteer]");
    click(&session, "[data-testid=profile-consent]");
    click(&session, "[data-testid=profile-create]");
    session.wait_for_text("[data-testid=current-name]", "Vàng Văn Dũng", REACT).expect("the volunteer is open");

    // Plan today's session: one lesson, two skills.
    click(&session, "[data-testid=tab-sessions]");
    click(&session, "[data-testid=plan-session]");
    fill(&session, "[data-testid=session-title]", "Mua bán an toàn trên mạng");
    session.wait_for("[data-testid=session-village] option[value]:not([value=''])", 1, REACT).expect("villages");
    let village = session
        .execute("return document.querySelector(\"[data-testid=session-village] option[value]:not([value=''])\").value")
        .expect("village");
    fill(&session, "[data-testid=session-village]", village.as_str().expect("a village id"));
    fill(&session, "[data-testid=session-place]", "Nhà văn hoá thôn");
    let today = session
        .execute(
            "const d = new Date(); const p = n => String(n).padStart(2, '0');
             return p(d.getDate()) + '/' + p(d.getMonth() + 1) + '/' + d.getFullYear()",
        )
        .expect("today");
    fill(&session, "[data-testid=session-date]", today.as_str().expect("a date"));
    fill(&session, "[data-testid=session-start]", "00:05");
    fill(&session, "[data-testid=session-end]", "23:55");
    click(&session, "[data-testid=session-lesson]");
    // Ticking a lesson ticks its skill too; the two wanted are ticked if they are not yet.
    for skill in [Topic::OnlinePayments, Topic::OnlineSafety] {
        let css = format!("[data-testid=session-skill][value={}]", skill.as_str());
        if session.execute(&format!("return document.querySelector({}).checked", json!(css))).expect("ticked")
            != json!(true)
        {
            click(&session, &css);
        }
    }
    session.screenshot(&out.join("1-plan.png")).expect("screenshot");
    click(&session, "[data-testid=session-save]");
    session.wait_for("[data-testid=register-new]", 1, REACT).expect("the session's screen opens");
    session.screenshot(&out.join("2-session.png")).expect("screenshot");

    // Two villagers of one new household, registered at the session.
    click(&session, "[data-testid=register-new]");
    fill(&session, "[data-testid=register-name]", "Nguyễn Thị Lan");
    click(&session, "[data-testid=register-household-new]");
    fill(&session, "[data-testid=register-head-name]", "Nguyễn Văn Hùng");
    fill(&session, "[data-testid=register-address]", "Số 12");
    click(&session, "[data-testid=register-consent]");
    session.screenshot(&out.join("3-register.png")).expect("screenshot");
    click(&session, "[data-testid=register-save]");
    session.wait_for("[data-testid=roster-entry]", 1, REACT).expect("Lan is on the list");
    click(&session, "[data-testid=register-new]");
    fill(&session, "[data-testid=register-name]", "Nguyễn Văn Hùng");
    click(&session, "[data-testid=register-household-existing]");
    session
        .wait_for("[data-testid=register-household-pick] option[value]:not([value=''])", 1, REACT)
        .expect("households");
    let household = session
        .execute(
            "return document.querySelector(\"[data-testid=register-household-pick] option[value]:not([value=''])\").value",
        )
        .expect("household");
    fill(&session, "[data-testid=register-household-pick]", household.as_str().expect("a household id"));
    click(&session, "[data-testid=register-consent]");
    click(&session, "[data-testid=register-save]");
    session.wait_for("[data-testid=roster-entry]", 2, REACT).expect("both on the list");

    // Marks: Lan present, Hùng late; then the skills.
    tap_in_row(&session, "[data-testid=roster-entry]", "Nguyễn Thị Lan", "[data-testid=mark-present]");
    tap_in_row(&session, "[data-testid=roster-entry]", "Nguyễn Văn Hùng", "[data-testid=mark-late]");
    session.wait_for_text("[data-testid=session-present-count]", "2", REACT).ok();
    session.screenshot(&out.join("4-attendance.png")).expect("screenshot");
    click(&session, "[data-testid=session-tab-skills]");
    check_skill(&session, "Nguyễn Thị Lan", Topic::OnlinePayments);
    check_skill(&session, "Nguyễn Thị Lan", Topic::OnlineSafety);
    check_skill(&session, "Nguyễn Văn Hùng", Topic::OnlineSafety);
    session.screenshot(&out.join("5-skills.png")).expect("screenshot");

    // The report: its numbers on screen, and the files saved.
    click(&session, "[data-testid=session-tab-report]");
    click(&session, "[data-testid=report-export]");
    session.wait_for("[data-testid=report-saved]", 1, REACT).expect("the files are saved");
    session.screenshot(&out.join("6-report.png")).expect("screenshot");
    let shown = figures(&session);
    let expected = BTreeMap::from(
        [
            ("listed", 2),
            ("attended", 2),
            ("late", 1),
            ("absent", 0),
            ("all-five", 0),
            ("lessons-completed", 0),
            ("skill-online-payments", 1),
            ("skill-online-safety", 2),
            ("skill-public-services", 0),
        ]
        .map(|(k, v)| (k.to_owned(), v)),
    );
    for (name, value) in &expected {
        assert_eq!(shown.get(name), Some(value), "the screen's {name}: {shown:?}");
    }

    // The CSV: a byte-order mark, a header, one row per person, the screen's numbers.
    let bytes = std::fs::read(saved(&downloads, "csv")).expect("the CSV");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with a byte-order mark");
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    assert_eq!(header[0], l10n.format("vi", "report-col-name", &[]));
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.expect("a row").iter().map(str::to_owned).collect()).collect();
    assert_eq!(rows.len() as i64, shown["listed"]);
    let row = |name: &str| rows.iter().find(|r| r[0] == name).unwrap_or_else(|| panic!("{name}'s row: {rows:?}"));
    assert_eq!(row("Nguyễn Thị Lan")[2], "Nguyễn Văn Hùng, Số 12");
    assert_eq!(row("Nguyễn Văn Hùng")[2], "Nguyễn Văn Hùng, Số 12", "one household");
    assert_eq!(row("Nguyễn Thị Lan")[3], l10n.format("vi", "attendance-present", &[]));
    assert_eq!(row("Nguyễn Văn Hùng")[3], l10n.format("vi", "attendance-late", &[]));
    let skills: i64 = rows.iter().map(|r| r[4].parse::<i64>().expect("a count")).sum();
    assert_eq!(skills, shown["skill-online-payments"] + shown["skill-online-safety"]);
    assert!(std::fs::read(saved(&downloads, "pdf")).expect("the PDF").starts_with(b"%PDF"));

    // The app's SQLite file holds the same.
    let db = rusqlite::Connection::open_with_flags(
        data.path().join("langso.sqlite3"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("the app's store");
    let session_id: String = db.query_row("SELECT id FROM training_sessions", [], |r| r.get(0)).expect("one session");
    let (households, members): (i64, i64) = db
        .query_row(
            "SELECT count(DISTINCT h.id), count(p.id) FROM households h JOIN profiles p ON p.household = h.id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("households");
    assert_eq!((households, members), (1, 2), "two villagers in one household");
    let checks: i64 = db.query_row("SELECT count(*) FROM skill_checks", [], |r| r.get(0)).expect("checks");
    assert_eq!(checks, 3);
    drop(db);

    // The session is listed for today, with its count.
    click(&session, "[data-testid=tab-sessions]");
    session.wait_for_text("[data-testid=session-card] [data-testid=session-present-count]", "2", REACT).ok();
    session.screenshot(&out.join("7-sessions.png")).expect("screenshot");

    // Synced, an official's device finds the same numbers.
    click(&session, "[data-testid=sync-line]");
    click(&session, "[data-testid=sync-now]");
    click(&session, "[data-testid=sync-close]");
    let deadline = Instant::now() + SYNC;
    while server.snapshot().session_report(&session_id).map(|r| r.attended).unwrap_or(0) < 2 {
        assert!(Instant::now() < deadline, "the session never reached the server");
        std::thread::sleep(Duration::from_millis(250));
    }
    let official = Device::new();
    let report = runtime.block_on(async {
        let client = official.enroll(&server.url, server.code(Role::Official)).await;
        official.sync_until_done(&client).await;
        official.store.session_report(&session_id).expect("the official's report")
    });
    let seen = BTreeMap::from(
        [
            ("listed", report.listed),
            ("attended", report.attended),
            ("late", report.late),
            ("absent", report.absent),
            ("all-five", report.attended_with_all_five),
            ("lessons-completed", report.lessons_completed),
        ]
        .map(|(k, v)| (k.to_owned(), v)),
    );
    for (name, value) in seen {
        assert_eq!(shown.get(&name), Some(&value), "the official's {name}");
    }
    for count in &report.skills {
        assert_eq!(shown.get(&format!("skill-{}", count.skill.as_str())), Some(&count.people));
    }
    assert_eq!(report.rows.iter().filter(|r| r.household.as_deref() == Some("Nguyễn Văn Hùng, Số 12")).count(), 2);
    session.close().expect("the app closes");
}
