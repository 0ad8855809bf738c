//! The marketplace end to end, in the real app window (Xvfb, tauri-driver) and Debian's
//! Chromium (chromedriver): a farmer's phone, joined to the commune's server, loses it; the
//! farmer lists a product with a camera photo anyway and publishes it. The server comes back,
//! the phone syncs by itself, and the product's public page shows it, photo and price. A buyer
//! asks about it in Chromium; the farmer's app shows the inquiry after its next sync.
//! Screenshots land in `<target>/tmp/market_window/`.
//!
//! Needs what `app_window.rs` needs, and `chromedriver` (Debian package chromium-driver).

use std::io::Cursor;
use std::path::Path;

use langso_core::Localizer;
use langso_core::market::listing::ListingStatus;
use langso_core::role::Role;
use langso_server::routes::ServerLimits;
use langso_testkit::{TestServer, serve_at, snapshot, test_engine};
use langso_tests::display::VirtualDisplay;
use langso_tests::webdriver::Driver;
use langso_tests::window::{
    LOAD, Laptop, REACT, SYNC, chromium, click, fill, out_dir, pick_file, prerequisites, start_driver, wait_for_prefix,
    wait_until,
};

const BUYER: &str = "Nguyễn Văn Bình";

/// A phone camera's picture, 3000 × 2000, noisy enough to be a few hundred kilobytes.
fn camera_jpeg() -> Vec<u8> {
    let mut seed = 11u32;
    let picture = image::RgbImage::from_fn(3000, 2000, |x, y| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let noise = (seed >> 26) as u8;
        image::Rgb([120 + (x / 30) as u8 / 2 + noise, 90 + (y / 25) as u8 + noise, 40 + noise])
    });
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
        .expect("encode");
    bytes
}

/// The app's own record of its listing and whether it holds the photo, read from its file.
fn listing_in_app(data: &Path) -> Option<(String, String, bool)> {
    let db =
        rusqlite::Connection::open_with_flags(data.join("langso.sqlite3"), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the app's store");
    db.query_row(
        "SELECT l.id, l.status, EXISTS (SELECT 1 FROM blobs b, json_each(l.photos) p
             WHERE b.hash = p.value AND b.data IS NOT NULL)
         FROM listings l WHERE l.name = 'Chè Shan Tuyết cổ thụ'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .ok()
}

#[test]
fn a_product_listed_offline_is_found_on_the_web_and_the_buyers_question_reaches_the_farmer() {
    let (app, tauri_driver) = prerequisites();
    let (chromedriver, browser) = chromium();
    let l10n = Localizer::embedded();
    let out = out_dir(Path::new(env!("CARGO_TARGET_TMPDIR")), "market_window");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server_dir = tempfile::tempdir().expect("server dir");
    let (service, seed) = TestServer::builder().seed_engine(test_engine(server_dir.path()));
    let addr = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr");
    let url = format!("http://{addr}");
    let serving = runtime.block_on(serve_at(addr, service, ServerLimits::default()));

    let data = tempfile::tempdir().expect("data dir");
    let config = tempfile::tempdir().expect("config dir");
    let display = VirtualDisplay::start().expect("virtual display");
    let laptop = Laptop { data: data.path(), config: config.path(), joins: Some((&url, seed.code(Role::Farmer))) };
    let driver = start_driver(&tauri_driver, &display.name, laptop, &out.join("tauri-driver.log"));
    let session = driver.new_session(&app).expect("the app launches");
    session.wait_for_text("#people-heading", &l10n.format("vi", "people-heading", &[]), LOAD).expect("start screen");
    wait_for_prefix(&session, "[data-testid=sync-line-words]", &l10n.format("vi", "sync-line-synced", &[]), SYNC);

    // The farmer makes her profile in her village.
    click(&session, "[data-testid=add-profile]");
    session.wait_for("[data-testid=profile-village] option", 1, REACT).expect("the commune's villages");
    fill(&session, "[data-testid=profile-name]", "Sùng Thị Dế");
    click(&session, "input[name=role][value=farmer]");
    click(&session, "[data-testid=profile-consent]");
    click(&session, "[data-testid=profile-create]");
    session.wait_for_text("[data-testid=current-name]", "Sùng Thị Dế", REACT).expect("she is in");

    // The server goes away: the phone is offline when she lists her tea.
    serving.abort();
    let _ = runtime.block_on(serving);
    click(&session, "[data-testid=tab-products]");
    click(&session, "[data-testid=product-add]");
    fill(&session, "[data-testid=product-name-input]", "Chè Shan Tuyết cổ thụ");
    fill(&session, "[data-testid=product-price-input]", "150000");
    fill(&session, "[data-testid=product-unit]", "kg");
    fill(&session, "[data-testid=product-quantity]", "40");
    fill(&session, "[data-testid=product-phone]", "0987654321");
    let photo = camera_jpeg();
    pick_file(&session, "[data-testid=product-photo-input]", "IMG_2041.jpg", "image/jpeg", &photo);
    session.wait_for("[data-testid=product-photo] img", 1, SYNC).expect("the photo, made small on the phone");
    session.screenshot(&out.join("1-product-offline.png")).expect("screenshot");
    click(&session, "[data-testid=product-save]");
    click(&session, "[data-testid=product-publish]");
    wait_until("the product is published on the phone", REACT, || {
        listing_in_app(data.path()).is_some_and(|(_, status, photo)| status == "published" && photo)
    });
    let (id, _, _) = listing_in_app(data.path()).expect("the listing");
    session.screenshot(&out.join("2-published-offline.png")).expect("screenshot");

    // The server comes back on the same address and data; the phone syncs by itself.
    let restarted = seed.open();
    let _serving = runtime.block_on(serve_at(addr, restarted.clone(), ServerLimits::default()));
    wait_until("the product and its photo reach the server", SYNC, || {
        let listed = snapshot(&restarted).listing(&id).expect("read");
        listed.is_some_and(|l| {
            l.status == ListingStatus::Published
                && l.input.photos.iter().all(|h| restarted.storage().blob(h).expect("blob").is_some())
        })
    });

    // A buyer finds it on the web, in Chromium, and asks.
    let chrome = Driver::chromium(&chromedriver, &out.join("chromedriver.log")).expect("chromedriver starts");
    let buyer = chrome.new_browser(&browser, 360, 740, "vi-VN,vi").expect("Chromium opens");
    buyer.navigate(&format!("{url}/product/{id}")).expect("the product page");
    buyer.wait_for_text("h1", "Chè Shan Tuyết cổ thụ", REACT).expect("the product's name");
    let shown = buyer.execute("return document.body.innerText").expect("text");
    assert!(shown.as_str().is_some_and(|t| t.contains("150.000 ₫")), "the price as people write it: {shown}");
    let photos_loaded = buyer
        .execute("return [...document.images].filter(i => i.src.includes('/photo/')).map(i => i.complete && i.naturalWidth > 0)")
        .expect("images");
    assert!(
        photos_loaded.as_array().is_some_and(|a| !a.is_empty() && a.iter().all(|v| v == true)),
        "the farmer's photo shows: {photos_loaded}"
    );
    buyer.screenshot(&out.join("3-product-page.png")).expect("screenshot");
    let field =
        |name: &str| buyer.wait_for(&format!("form[method=post] [name={name}]"), 1, REACT).expect(name).remove(0);
    buyer.type_into(&field("name"), BUYER).expect("name");
    buyer.type_into(&field("phone"), "0912 345 678").expect("phone");
    buyer.execute("document.querySelector('form[method=post] [name=quantity]').value = ''").expect("clear");
    buyer.type_into(&field("quantity"), "3").expect("quantity");
    buyer.type_into(&field("message"), "Gửi về Hà Nội được không?").expect("message");
    let send = buyer.wait_for("form[method=post] button[type=submit]", 1, REACT).expect("send").remove(0);
    buyer.click(&send).expect("send");
    wait_until("the thank-you", REACT, || buyer.find_all(".thanks[role=status]").is_ok_and(|f| !f.is_empty()));
    buyer.screenshot(&out.join("4-asked.png")).expect("screenshot");
    buyer.close().expect("Chromium closes");

    // The farmer opens her inquiries and taps "sync now" rather than wait for the next sync.
    click(&session, "[data-testid=tab-inquiries]");
    click(&session, "[data-testid=sync-line]");
    click(&session, "[data-testid=sync-now]");
    click(&session, "[data-testid=sync-close]");
    session.wait_for_text("[data-testid=inquiry-buyer]", BUYER, SYNC).expect("the buyer's question arrives");
    let phone = session.wait_for("[data-testid=inquiry-phone]", 1, REACT).expect("phone").remove(0);
    assert_eq!(session.text(&phone).expect("text"), "0912 345 678", "grouped as people read it");
    session.screenshot(&out.join("5-inquiry-in-app.png")).expect("screenshot");
    session.close().expect("the app closes");
}
