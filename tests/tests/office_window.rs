//! A commune official's dashboard end to end, in the real app window (Xvfb, tauri-driver) and
//! Debian's Chromium (chromedriver): the official's device joins a server holding the demo
//! commune and syncs; with the server gone, the Dashboard tab counts the commune's figures from
//! the device's own store, the same as the server counts them, and the official raises the
//! commune's target. The server comes back, the target reaches it, the app shows a one-time
//! code with the office's address, and Chromium signs in with it to the commune's page, which
//! shows the new target. Screenshots land in `<target>/tmp/office_window/`.
//!
//! Needs what `market_window.rs` needs.

use std::path::Path;

use langso_core::Localizer;
use langso_core::money::format_count;
use langso_core::role::Role;
use langso_core::time::now_ms;
use langso_server::routes::ServerLimits;
use langso_testkit::{TestServer, serve_at, snapshot, test_engine};
use langso_tests::display::VirtualDisplay;
use langso_tests::webdriver::Driver;
use langso_tests::window::{
    LOAD, Laptop, REACT, SYNC, chromium, click, fill, out_dir, prerequisites, start_driver, wait_for_prefix, wait_until,
};

const OFFICIAL: &str = "Hoàng Thị Hoa";

/// The commune's target as the app's own store holds it.
fn target_in_app(data: &Path) -> Option<i64> {
    let db =
        rusqlite::Connection::open_with_flags(data.join("langso.sqlite3"), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the app's store");
    db.query_row("SELECT household_target FROM communes WHERE deleted = 0", [], |r| r.get(0)).ok().flatten()
}

#[test]
fn an_official_reads_the_dashboard_offline_and_signs_in_to_the_office_with_the_app_s_code() {
    let (app, tauri_driver) = prerequisites();
    let (chromedriver, browser) = chromium();
    let l10n = Localizer::embedded();
    let out = out_dir(Path::new(env!("CARGO_TARGET_TMPDIR")), "office_window");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server_dir = tempfile::tempdir().expect("server dir");
    let (service, seed) = TestServer::builder().seed_engine(test_engine(server_dir.path()));
    let commune = service.communes().expect("communes").into_iter().next().expect("the commune");
    langso_server::demo::seed(&service, &commune).expect("the demo commune's people and sessions");
    let addr = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr");
    let url = format!("http://{addr}");
    let serving = runtime.block_on(serve_at(addr, service.clone(), ServerLimits::default()));
    let expected = snapshot(&service).dashboard(&commune.id, now_ms()).expect("count").expect("the commune");
    assert!(expected.totals.people_trained > 0 && expected.totals.households > 0);

    let data = tempfile::tempdir().expect("data dir");
    let config = tempfile::tempdir().expect("config dir");
    let display = VirtualDisplay::start().expect("virtual display");
    let laptop = Laptop { data: data.path(), config: config.path(), joins: Some((&url, seed.code(Role::Official))) };
    let driver = start_driver(&tauri_driver, &display.name, laptop, &out.join("tauri-driver.log"));
    let session = driver.new_session(&app).expect("the app launches");
    session.wait_for_text("#people-heading", &l10n.format("vi", "people-heading", &[]), LOAD).expect("start screen");
    wait_for_prefix(&session, "[data-testid=sync-line-words]", &l10n.format("vi", "sync-line-synced", &[]), SYNC);

    // The official makes her profile; the commune's data is on the device by now.
    click(&session, "[data-testid=add-profile]");
    session.wait_for("[data-testid=profile-village] option", 1, REACT).expect("the commune's villages");
    fill(&session, "[data-testid=profile-name]", OFFICIAL);
    click(&session, "input[name=role][value=official]");
    click(&session, "[data-testid=profile-consent]");
    click(&session, "[data-testid=profile-create]");
    session.wait_for_text("[data-testid=current-name]", OFFICIAL, REACT).expect("she is in");

    // The server goes away: the dashboard counts from the device's own store.
    serving.abort();
    let _ = runtime.block_on(serving);
    click(&session, "[data-testid=tab-dashboard]");
    let trained = format_count(expected.totals.people_trained, "vi");
    session.wait_for_text("[data-testid=dash-people-trained-value]", &trained, LOAD).expect("the figures, offline");
    let households = format_count(expected.totals.households, "vi");
    session.wait_for_text("[data-testid=dash-households-count-value]", &households, REACT).expect("the households");
    let villages = session.find_all("[data-testid=dash-village-name]").expect("villages");
    assert_eq!(villages.len(), expected.villages.len() + 1, "a card per village, and the commune's");
    session.screenshot(&out.join("1-dashboard-offline.png")).expect("screenshot");

    // She raises the commune's target from 80 to 85, still offline.
    fill(&session, "[data-testid=dash-target-input]", "85");
    click(&session, "[data-testid=dash-target-save]");
    session.wait_for("[data-testid=dash-target-saved]", 1, REACT).expect("saved on the device");
    wait_until("the target is in the app's store", REACT, || target_in_app(data.path()) == Some(85));
    session.screenshot(&out.join("2-target-offline.png")).expect("screenshot");

    // The server comes back; the target reaches it with the next sync.
    let restarted = seed.open();
    let _serving = runtime.block_on(serve_at(addr, restarted.clone(), ServerLimits::default()));
    wait_until("the target reaches the server", SYNC, || {
        restarted.dashboard(&commune.id).expect("count").is_some_and(|d| d.target_percent == Some(85))
    });

    // A code for the office's pages, with where to type it.
    click(&session, "[data-testid=dash-office-code-button]");
    let code = session.wait_for("[data-testid=dash-office-code-value]", 1, SYNC).expect("the code").remove(0);
    let code = session.text(&code).expect("code");
    let address = session.wait_for("[data-testid=dash-office-address]", 1, REACT).expect("address").remove(0);
    assert_eq!(session.text(&address).expect("address"), format!("{url}/office"));
    session.screenshot(&out.join("3-office-code.png")).expect("screenshot");

    // At the commune office's computer, in Chromium.
    let chrome = Driver::chromium(&chromedriver, &out.join("chromedriver.log")).expect("chromedriver starts");
    let office = chrome.new_browser(&browser, 1280, 900, "vi-VN,vi").expect("Chromium opens");
    office.navigate(&format!("{url}/office")).expect("the sign-in page");
    let field = office.wait_for("input[name=code]", 1, REACT).expect("the code's field").remove(0);
    office.type_into(&field, &code).expect("the code");
    let submit = office.wait_for("form button[type=submit]", 1, REACT).expect("sign in").remove(0);
    office.click(&submit).expect("sign in");
    office.wait_for_text("h1", &commune.name, REACT).expect("the commune's page");
    let shown = office.execute("return document.body.innerText").expect("text");
    let shown = shown.as_str().unwrap_or_default().to_owned();
    assert!(shown.contains("Chỉ tiêu của xã: 85% số hộ đạt chuẩn"), "the new target: {shown}");
    assert!(!shown.contains(OFFICIAL), "no one's name on the office's page");
    let charts = office
        .execute("return [...document.images].filter(i => i.src.endsWith('.svg')).map(i => i.complete && i.naturalWidth > 0)")
        .expect("charts");
    assert!(charts.as_array().is_some_and(|a| a.len() == 2 && a.iter().all(|v| v == true)), "both charts: {charts}");
    office.screenshot(&out.join("4-office-page.png")).expect("screenshot");

    office.close().expect("Chromium closes");
    session.close().expect("the app closes");
}
