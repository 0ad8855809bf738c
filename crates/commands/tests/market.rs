//! A farmer lists a product with a photo on the app, the real server (on loopback) receives
//! it with the photo made small and stripped, a buyer's inquiry written on the server reaches
//! the farmer's app with the next sync, and the farmer's answer goes back.

use std::io::Cursor;
use std::net::SocketAddr;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use langso_commands::App;
use langso_commands::market::ContactApp;
use langso_core::Store;
use langso_core::market::inquiry::{InquiryStatus, NewInquiry};
use langso_core::market::listing::ListingStatus;
use langso_core::role::Role;
use langso_testkit::{TestServer, bundled_pack, eventually, honey_with_bank, new_profile};

/// A phone camera's picture: 3000 × 2000, noisy enough not to compress to nothing.
fn camera_jpeg() -> Vec<u8> {
    let mut seed = 7u32;
    let picture = image::RgbImage::from_fn(3000, 2000, |x, y| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let noise = (seed >> 24) as u8 / 4;
        image::Rgb([(x / 12) as u8 ^ noise, (y / 8) as u8, noise.wrapping_mul(3)])
    });
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
        .expect("encode");
    bytes
}

async fn farmer_app(dir: &std::path::Path, server: &TestServer) -> App {
    app_enrolled_as(dir, server, Role::Farmer).await
}

/// A farmer's profile on a device that joined the commune as `role`.
async fn app_enrolled_as(dir: &std::path::Path, server: &TestServer, role: Role) -> App {
    let store = Arc::new(Store::open(&dir.join("langso.sqlite3")).expect("store"));
    store.install_pack(bundled_pack()).expect("the bundled pack");
    let app = App::new(store, dir.to_owned(), None, &tokio::runtime::Handle::current())
        .with_hub_address(SocketAddr::from(([127, 0, 0, 1], 0)));
    app.enroll(server.url.clone(), server.code(role).to_owned()).await.expect("joined");
    eventually("the commune's villages arrive", || async { !app.villages().await.expect("villages").is_empty() }).await;
    let village = app.villages().await.expect("villages").remove(0);
    app.create_profile(new_profile(&village.id, Role::Farmer, "Sùng Thị Dế")).await.expect("a farmer's profile");
    app
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_product_listed_on_the_phone_reaches_the_server_and_its_inquiries_come_back() {
    let server = TestServer::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let app = farmer_app(dir.path(), &server).await;

    // The photo is made upright, small and anonymous on the phone, before anything is sent.
    let original = camera_jpeg();
    assert!(original.len() > 400 * 1024, "a real camera file: {} bytes", original.len());
    let photo = app.add_listing_photo(BASE64.encode(&original)).await.expect("photo");
    assert!(photo.width <= 1600 && photo.height <= 1600 && photo.width > photo.height);
    assert!(photo.bytes as usize <= 200 * 1024, "{} bytes", photo.bytes);

    let mut input = honey_with_bank();
    input.photos = vec![photo.hash.clone()];
    let listing = app.create_listing(input.clone()).await.expect("listed");
    assert_eq!(listing.status, ListingStatus::Draft);
    app.set_listing_status(listing.id.clone(), ListingStatus::Published).await.expect("published");
    let mine = app.my_listings().await.expect("my products");
    assert_eq!(mine.len(), 1);
    assert_eq!((mine[0].listing.status, mine[0].inquiries, mine[0].new_inquiries), (ListingStatus::Published, 0, 0));

    app.sync_now().await.expect("sync");
    eventually("the listing and its photo reach the server", || async {
        server.snapshot().listing(&listing.id).expect("read").is_some_and(|l| l.status == ListingStatus::Published)
            && server.storage().blob(&photo.hash).expect("blob").is_some()
    })
    .await;
    let (stored, mime) = server.storage().blob(&photo.hash).expect("blob").expect("held");
    assert_eq!(mime, "image/jpeg");
    assert_eq!(stored.len(), photo.bytes as usize);

    // A buyer asks on the public pages: the server writes the inquiry into the commune.
    let asked = server.write_as_server(|copy| {
        copy.create_inquiry(&NewInquiry {
            listing_id: listing.id.clone(),
            buyer_name: "Nguyễn Văn Bình".into(),
            buyer_phone: "0912 345 678".into(),
            quantity: 3,
            message: Some("Gửi về Hà Nội được không?".into()),
        })
        .expect("inquiry")
    });
    app.sync_now().await.expect("sync");
    eventually("the inquiry reaches the farmer", || async { !app.my_inquiries().await.expect("inquiries").is_empty() })
        .await;
    let inquiries = app.my_inquiries().await.expect("inquiries");
    assert_eq!(inquiries.len(), 1);
    assert_eq!(inquiries[0].inquiry.id, asked.id);
    assert_eq!(inquiries[0].product.as_deref(), Some("Mật ong bạc hà"));
    assert_eq!((inquiries[0].inquiry.buyer_phone.as_str(), inquiries[0].inquiry.quantity), ("0912345678", 3));
    assert_eq!(app.my_listings().await.expect("mine")[0].new_inquiries, 1);

    // The farmer answers; the server hears it with the next sync.
    app.set_inquiry_status(asked.id.clone(), InquiryStatus::Answered).await.expect("answered");
    assert_eq!(app.my_listings().await.expect("mine")[0].new_inquiries, 0);
    app.sync_now().await.expect("sync");
    eventually("the answer reaches the server", || async {
        server
            .snapshot()
            .inquiries(&listing.id)
            .expect("read")
            .first()
            .is_some_and(|i| i.status == InquiryStatus::Answered)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_photos_and_strangers_change_nothing() {
    let server = TestServer::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let app = farmer_app(dir.path(), &server).await;
    let code = |r: langso_commands::Result<langso_commands::market::PreparedPhoto>| {
        app.localize(&r.expect_err("refused")).code
    };
    let before = app.store().canonical_dump().expect("dump");
    assert_eq!(code(app.add_listing_photo("not base64 at all!".into()).await), "photo-error-unreadable");
    assert_eq!(code(app.add_listing_photo(BASE64.encode(b"GIF89a not really")).await), "photo-error-unreadable");
    assert_eq!(code(app.add_listing_photo(String::new()).await), "photo-error-unreadable");

    // A listing may only name photos this phone holds.
    let mut input = honey_with_bank();
    input.photos = vec!["a".repeat(64)];
    let refused = app.create_listing(input).await.expect_err("unknown photo");
    assert_eq!(app.localize(&refused).code, "invalid-unknown");
    // A bank that is not a Vietnamese bank's BIN.
    let mut input = honey_with_bank();
    input.bank_bin = Some("123456".into());
    assert!(app.create_listing(input).await.is_err());
    // Only a real Vietnamese number is ever handed to the dialer or Zalo.
    let refused = app.open_contact("javascript:alert(1)".into(), ContactApp::Zalo).await.expect_err("not a phone");
    assert_eq!(app.localize(&refused).code, "invalid-phone");
    assert_eq!(app.store().canonical_dump().expect("dump"), before, "nothing was written");

    // Someone else's profile on the same phone may not touch the farmer's products.
    let listing = app.create_listing(honey_with_bank()).await.expect("listed");
    app.close_profile().await.expect("close");
    let village = app.villages().await.expect("villages").remove(0);
    app.create_profile(new_profile(&village.id, Role::Villager, "Lò Văn Páo")).await.expect("a villager");
    let refused = app.set_listing_status(listing.id, ListingStatus::Published).await.expect_err("not theirs");
    assert_eq!(app.localize(&refused).code, "error-farmer-only");
    assert!(app.my_inquiries().await.is_err());

    // A farmer on a phone that joined as a villager's: the server would refuse the product,
    // so the app says so at once.
    let other = tempfile::tempdir().expect("temp dir");
    let shared = app_enrolled_as(other.path(), &server, Role::Villager).await;
    let refused = shared.create_listing(honey_with_bank()).await.expect_err("not a farmer's device");
    assert_eq!(shared.localize(&refused).code, "error-not-seller-device");
    assert!(shared.my_listings().await.expect("her products").is_empty());
}
