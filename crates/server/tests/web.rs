//! The public marketplace pages against the real server, products listed the way farmers list
//! them: on a phone that syncs. A buyer finds them (without typing the marks), reads them
//! safely escaped, shares them, asks the farmer (the inquiry reaches the farmer's phone) and
//! pays by VietQR; what is not for sale is not found, photos included.

use std::io::{Cursor, Read};

use flate2::read::GzDecoder;
use image::{ImageFormat, Rgb, RgbImage};
use langso_core::market::listing::{ListingInput, ListingStatus};
use langso_core::market::vietqr::{self, Transfer};
use langso_core::role::Role;
use langso_server::web::{payment_note, qr_svg};
use langso_testkit::{Phone, TestServer, app_phone, honey, honey_with_bank, person};
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap};

/// A JPEG as a farmer's phone prepares it; `shade` makes each one different.
fn photo(shade: u8) -> Vec<u8> {
    let picture = RgbImage::from_fn(640, 480, |x, y| Rgb([shade, (x % 256) as u8, (y % 256) as u8]));
    let mut png = Cursor::new(Vec::new());
    picture.write_to(&mut png, ImageFormat::Png).expect("png");
    langso_photos::prepare(png.get_ref()).expect("prepared").bytes
}

/// A server, and a farmer's phone that listed `products` (each with a photo of its own) in
/// the given statuses and synced; the listings' ids and photo hashes, in order.
async fn market(products: Vec<(ListingInput, ListingStatus)>) -> (TestServer, Phone, String, Vec<(String, String)>) {
    let server = TestServer::start().await;
    let farmer = app_phone(&server, server.code(Role::Farmer)).await;
    let seller = person(&farmer.store, Role::Farmer, "Sùng Thị Dế");
    let mut listed = Vec::new();
    for (i, (mut input, status)) in products.into_iter().enumerate() {
        let hash = farmer.store.put_blob(&photo(i as u8 * 40), "image/jpeg").expect("photo");
        input.photos = vec![hash.clone()];
        let listing = farmer.store.create_listing(&seller, &input).expect("listing");
        farmer.store.set_listing_status(&listing.id, status).expect("status");
        listed.push((listing.id, hash));
    }
    let report = farmer.client.sync(&farmer.store).await.expect("sync");
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    (server, farmer, seller, listed)
}

fn http() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

/// Fetches `path`; the status, headers and body as text.
async fn get(server: &TestServer, path: &str) -> (StatusCode, HeaderMap, String) {
    let response = http().get(format!("{}{path}", server.url)).send().await.expect("answer");
    let (status, headers) = (response.status(), response.headers().clone());
    (status, headers, response.text().await.expect("body"))
}

/// What a browser would download for `path`, gzip-compressed, and the page it unpacks to.
async fn compressed(server: &TestServer, path: &str) -> (usize, String) {
    let response = http()
        .get(format!("{}{path}", server.url))
        .header(header::ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .expect("answer");
    assert_eq!(response.headers().get(header::CONTENT_ENCODING).map(|v| v.as_bytes()), Some(&b"gzip"[..]), "{path}");
    let bytes = response.bytes().await.expect("body");
    let mut text = String::new();
    GzDecoder::new(&bytes[..]).read_to_string(&mut text).expect("gzip");
    (bytes.len(), text)
}

/// The value of `<meta property="{property}" content="…">`.
fn meta<'a>(page: &'a str, property: &str) -> Option<&'a str> {
    let start = page.find(&format!("property=\"{property}\" content=\""))? + property.len() + 21;
    page[start..].split('"').next()
}

fn strict_headers(path: &str, headers: &HeaderMap) {
    let csp = headers.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), "{path}: {csp}");
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("form-action 'self'"), "{path}: {csp}");
    assert_eq!(headers.get(header::X_CONTENT_TYPE_OPTIONS).map(|v| v.as_bytes()), Some(&b"nosniff"[..]), "{path}");
    assert!(headers.contains_key(header::REFERRER_POLICY), "{path}");
    assert!(headers.contains_key(header::CACHE_CONTROL), "{path}");
}

const SCRIPT: &str = "<script>alert(1)</script>";

/// A product whose farmer typed HTML into its name and story is shown as text everywhere, on
/// pages that are small, strict and in the buyer's language, and that a shared link shows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_buyer_finds_a_product_shown_escaped_strict_small_and_shareable() {
    let tricky = ListingInput {
        name: format!("Mật ong bạc hà {SCRIPT}"),
        story: Some(format!("Ong nhà tôi <b onmouseover=\"x()\">bay</b> {SCRIPT}")),
        category: Some("Mật ong".into()),
        ocop_stars: Some(4),
        ..honey()
    };
    let (server, _farmer, _, listed) = market(vec![(tricky, ListingStatus::Published)]).await;
    let (id, hash) = &listed[0];
    let product = format!("/product/{id}");

    // Found by words without their marks, on the home page and in the sitemap.
    let (status, _, found) = get(&server, "/search?q=mat+ong+bac+ha").await;
    assert_eq!(status, StatusCode::OK);
    assert!(found.contains(&product), "{found}");
    let (_, _, missed) = get(&server, "/search?q=ca+phe").await;
    assert!(!missed.contains(&product));
    let (_, _, home) = get(&server, "/").await;
    assert!(home.contains(&product) && home.contains("Xã Lũng Cú"), "featured and newest, and the commune");
    let (_, headers, sitemap) = get(&server, "/sitemap.xml").await;
    assert!(sitemap.contains(&format!("{}{product}</loc>", server.url)), "{sitemap}");
    assert!(headers[header::CONTENT_TYPE].to_str().expect("type").starts_with("application/xml"));
    let (_, _, robots) = get(&server, "/robots.txt").await;
    assert!(robots.contains(&format!("Sitemap: {}/sitemap.xml", server.url)));

    // Escaped everywhere: page, its sharing tags, label sheet, search, home.
    let commune = format!("/commune/{}", server.seed.commune_id);
    let label = format!("{product}/label");
    let filtered = "/search?q=<script>&stars=9&min=abc&page=-1&season=1";
    let pages = ["/", "/search?q=mat+ong", filtered, commune.as_str(), product.as_str(), label.as_str()];
    for path in pages {
        let (status, headers, page) = get(&server, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        strict_headers(path, &headers);
        assert!(!page.contains("<script") && !page.contains("<b "), "{path} carries the farmer's markup");
        assert!(!page.contains(" style=") && !page.contains("<style"), "{path} has inline style");
        assert!(page.contains("<html lang=\"vi\">") && page.contains("name=\"viewport\""), "{path}");
    }
    let (_, _, page) = get(&server, &product).await;
    assert!(page.contains("<h1>Mật ong bạc hà &#60;script&#62;alert(1)&#60;/script&#62;</h1>"), "shown as text");
    assert!(page.contains("&#60;b onmouseover=&#34;x()&#34;&#62;bay&#60;/b&#62;"), "the story as text");
    assert!(page.contains("450.000 ₫ / lít"), "the price in Vietnamese");
    assert!(page.contains("href=\"tel:0987654321\""));
    let title = meta(&page, "og:title").expect("og:title");
    assert!(title.starts_with("Mật ong bạc hà &") && !title.contains('<'), "{title}");
    assert!(meta(&page, "og:description").expect("og:description").contains("450.000 ₫"));
    assert_eq!(meta(&page, "og:type"), Some("product"));
    assert_eq!(meta(&page, "og:url"), Some(format!("{}{product}", server.url).as_str()));
    let image = meta(&page, "og:image").expect("og:image").to_owned();
    assert_eq!(image, format!("{}/photo/{hash}", server.url));
    // Bad filter values are ignored with a note, never a failure.
    let (_, _, note) = get(&server, filtered).await;
    assert!(note.contains("class=\"note\""), "{note}");

    // A forged Host does not get into the page's links.
    let forged = http().get(format!("{}{product}", server.url)).header(header::HOST, "evil.example/\"><x").send();
    let forged = forged.await.expect("answer").text().await.expect("body");
    assert!(forged.contains("content=\"http://localhost/photo/") && !forged.contains("evil"));

    // The photo a shared link shows, large and as a thumbnail.
    for (path, largest) in [(format!("/photo/{hash}"), 1600), (format!("/photo/{hash}?size=thumb"), 400)] {
        let response = http().get(format!("{}{path}", server.url)).send().await.expect("answer");
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let headers = response.headers().clone();
        assert_eq!(headers[header::CONTENT_TYPE], "image/jpeg");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        let picture = image::load_from_memory(&response.bytes().await.expect("bytes")).expect("a picture");
        assert!(picture.width().max(picture.height()) <= largest, "{path}");
    }

    // In English when asked, and links keep the language.
    let (_, _, english) = get(&server, &format!("{product}?lang=en")).await;
    assert!(english.contains("450,000 ₫ / lít") && english.contains("<html lang=\"en\">"));
    assert!(english.contains(&format!("href=\"/commune/{}?lang=en\"", server.seed.commune_id)));
    let asked = http().get(format!("{}/", server.url)).header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9").send();
    assert!(asked.await.expect("answer").text().await.expect("body").contains("<html lang=\"en\">"));

    // Each page with its stylesheet is well under 50 KB as sent.
    let css = page.split("rel=\"stylesheet\" href=\"").nth(1).and_then(|s| s.split('"').next()).expect("stylesheet");
    let (css_bytes, _) = compressed(&server, css).await;
    let (_, css_headers, _) = get(&server, css).await;
    assert_eq!(css_headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    for path in pages {
        let (html_bytes, text) = compressed(&server, path).await;
        assert!(text.contains("</html>"));
        let total = html_bytes + css_bytes;
        println!("{path}: {html_bytes} B of HTML + {css_bytes} B of CSS = {total} B gzip-compressed");
        assert!(total <= 50 * 1024, "{path}: {total} bytes");
    }
}

/// Drafts, sold-out, archived and deleted products are not found, nor are their photos.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_is_not_for_sale_is_not_found_nor_its_photos() {
    let statuses = [ListingStatus::Published, ListingStatus::Draft, ListingStatus::SoldOut, ListingStatus::Archived];
    let products = statuses.iter().map(|s| (ListingInput { name: format!("Chè {s:?}"), ..honey() }, *s)).collect();
    let (server, farmer, _, listed) = market(products).await;
    farmer.store.delete_listing(&listed[0].0).expect("delete");
    farmer.client.sync(&farmer.store).await.expect("sync");
    for (id, hash) in &listed {
        for path in [format!("/product/{id}"), format!("/product/{id}/label"), format!("/photo/{hash}")] {
            let (status, headers, page) = get(&server, &path).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
            strict_headers(&path, &headers);
            assert!(page.contains("Không tìm thấy trang này"), "{path}: {page}");
        }
        let thumb = get(&server, &format!("/photo/{hash}?size=thumb")).await;
        assert_eq!(thumb.0, StatusCode::NOT_FOUND);
    }
    let (_, _, search) = get(&server, "/search?q=che").await;
    assert!(listed.iter().all(|(id, _)| !search.contains(id.as_str())));
    let (status, _, _) = get(&server, "/product/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = get(&server, "/photo/..%2f..%2fetc").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The sync API is as it was.
    assert_eq!(get(&server, "/health").await.2, "ok");
}

/// An inquiry reaches the farmer's phone; a bad one is explained beside its field with what
/// was typed kept; a bot's (the honeypot filled in) is thanked and dropped; oversized or
/// non-form bodies are refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inquiry_reaches_the_farmers_phone_and_a_bad_one_is_explained() {
    let (server, farmer, seller, listed) = market(vec![(honey(), ListingStatus::Published)]).await;
    let id = &listed[0].0;
    let ask = format!("{}/product/{id}/ask", server.url);
    let post = |form: &[(&str, &str)]| http().post(&ask).form(form).send();

    let typed = [("name", "Chị Lan <Hà Nội>"), ("phone", "12345"), ("quantity", "3"), ("message", "Gửi ra Hà Nội")];
    let refused = post(&typed).await.expect("answer");
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert_eq!(refused.headers()[header::CACHE_CONTROL], "no-store");
    let page = refused.text().await.expect("page");
    assert!(page.contains("id=\"ask-phone-error\""), "the note is beside the phone field: {page}");
    assert!(page.contains("Số điện thoại"), "in Vietnamese, naming the field: {page}");
    assert!(page.contains("value=\"Chị Lan &#60;Hà Nội&#62;\""), "what was typed is kept, escaped");
    assert!(page.contains("value=\"12345\"") && page.contains(">Gửi ra Hà Nội</textarea>"));
    let english = http().post(format!("{ask}?lang=en")).form(&typed).send().await.expect("answer");
    assert!(english.text().await.expect("page").contains("phone"), "and in English");
    let bad_quantity = post(&[("name", "Lan"), ("phone", "0912345678"), ("quantity", "ba")]).await.expect("answer");
    assert_eq!(bad_quantity.status(), StatusCode::BAD_REQUEST);
    assert!(bad_quantity.text().await.expect("page").contains("id=\"ask-quantity-error\""));

    let bot = [("name", "Bot"), ("phone", "0912345678"), ("quantity", "1"), ("website", "http://spam")];
    let thanked = post(&bot).await.expect("answer");
    assert_eq!(thanked.status(), StatusCode::SEE_OTHER);
    assert!(server.snapshot().inquiries(id).expect("inquiries").is_empty(), "a bot's inquiry is not written");

    let oversized = "x".repeat(9 * 1024);
    let too_large = post(&[("name", "Lan"), ("phone", "0912345678"), ("quantity", "1"), ("message", &oversized)]);
    assert_eq!(too_large.await.expect("answer").status(), StatusCode::PAYLOAD_TOO_LARGE);
    let json = http().post(&ask).header(header::CONTENT_TYPE, "application/json").body("{}").send().await;
    assert_eq!(json.expect("answer").status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let good = [("name", "Chị Lan"), ("phone", "0912 345 678"), ("quantity", "3"), ("message", "Gửi ra Hà Nội")];
    let sent = post(&good).await.expect("answer");
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    assert_eq!(sent.headers()[header::LOCATION], format!("/product/{id}?asked=1"));
    assert_eq!(sent.headers()[header::CACHE_CONTROL], "no-store");
    let (_, _, thanks) = get(&server, &format!("/product/{id}?asked=1")).await;
    assert!(thanks.contains("Đã gửi câu hỏi!"));
    let stored = server.snapshot().inquiries(id).expect("inquiries");
    assert_eq!(stored.len(), 1);
    assert_eq!((stored[0].buyer_phone.as_str(), stored[0].quantity), ("0912345678", 3));

    farmer.client.sync(&farmer.store).await.expect("sync");
    let on_phone = farmer.store.inquiries_for(&seller).expect("inquiries");
    assert_eq!(on_phone.len(), 1, "the inquiry reached the farmer's phone");
    assert_eq!(on_phone[0].inquiry.buyer_name, "Chị Lan");
    assert_eq!(on_phone[0].inquiry.message.as_deref(), Some("Gửi ra Hà Nội"));
}

/// Each address may send five inquiries in ten minutes; the sixth is answered 429.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inquiries_are_limited_per_address() {
    let (server, _farmer, _, listed) = market(vec![(honey(), ListingStatus::Published)]).await;
    let ask = format!("{}/product/{}/ask", server.url, listed[0].0);
    let form = [("name", "Lan"), ("phone", "0912345678"), ("quantity", "1")];
    for _ in 0..5 {
        assert_eq!(http().post(&ask).form(&form).send().await.expect("answer").status(), StatusCode::SEE_OTHER);
    }
    let refused = http().post(&ask).form(&form).send().await.expect("answer");
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key(header::RETRY_AFTER));
    assert!(refused.text().await.expect("page").contains("thử lại sau 10 phút"));
    assert_eq!(server.snapshot().inquiries(&listed[0].0).expect("inquiries").len(), 5);
}

/// The payment code encodes the product's price × the quantity chosen, to the farmer's
/// account, and is served as an image beside the bank's name, account and holder.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_vietqr_code_pays_the_price_times_the_quantity() {
    let (server, _farmer, _, listed) = market(vec![(honey_with_bank(), ListingStatus::Published)]).await;
    let id = &listed[0].0;
    let (_, _, page) = get(&server, &format!("/product/{id}?qty=3")).await;
    assert!(page.contains(&format!("src=\"/product/{id}/pay.svg?qty=3\"")), "{page}");
    assert!(page.contains("1.350.000 ₫") && page.contains("Vietcombank") && page.contains("0123456789"));
    assert!(page.contains("SUNG THI DE") && page.contains("Mật ong bạc hà x3"));
    let (_, _, default) = get(&server, &format!("/product/{id}?qty=lots")).await;
    assert!(default.contains("pay.svg?qty=1\"") && default.contains("class=\"note\""), "a bad quantity pays for 1");

    let response = http().get(format!("{}/product/{id}/pay.svg?qty=3", server.url)).send().await.expect("answer");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "image/svg+xml");
    let served = response.text().await.expect("svg");
    let expected = vietqr::payload(&Transfer {
        bin: "970436",
        account: "0123456789",
        amount_dong: Some(3 * 450_000),
        note: &payment_note("Mật ong bạc hà", 3),
    })
    .expect("payload");
    assert_eq!(served, qr_svg(&expected).expect("svg"), "the code carries exactly that payment");

    let (status, _, _) = get(&server, &format!("/product/{id}/qr.svg")).await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, label) = get(&server, &format!("/product/{id}/label")).await;
    assert_eq!(label.matches(&format!("src=\"/product/{id}/qr.svg\"")).count(), 21, "an A4 sheet of 3 × 7");
    // Without bank details there is no payment code.
    let (unbanked, _, _, plain) = market(vec![(honey(), ListingStatus::Published)]).await;
    let (status, _, _) = get(&unbanked, &format!("/product/{}/pay.svg", plain[0].0)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
