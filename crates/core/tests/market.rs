//! The public marketplace's reads on a real store: only published products of communes that
//! exist, found without diacritics, filtered, and nothing personal beyond what the farmer chose
//! to publish.

mod common;

use common::{seed, tea, temp_store};
use langso_core::market::listing::{ListingInput, ListingStatus};
use langso_core::market::public::MarketQuery;
use langso_core::places::NewCommune;

fn query(text: &str) -> MarketQuery {
    MarketQuery { text: text.into(), today: "2026-11-30".into(), limit: 20, ..MarketQuery::default() }
}

fn names(store: &langso_core::Store, q: &MarketQuery) -> Vec<String> {
    store.market_search(q).expect("search").into_iter().map(|c| c.name).collect()
}

#[test]
fn buyers_find_published_products_without_marks_and_by_filters() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    let publish = |input: ListingInput| {
        let listing = store.create_listing(&c.farmer.id, &input).expect("listing");
        store.set_listing_status(&listing.id, ListingStatus::Published).expect("publish")
    };
    let tea = publish(tea());
    let coffee = publish(ListingInput {
        name: "Cà phê Shan Tuyết rang mộc".into(),
        category: Some("Đồ uống".into()),
        price_dong: 180_000,
        ocop_stars: None,
        ocop_expiry: None,
        available_from: Some("2027-01-15".into()),
        ..common::tea()
    });
    let draft = store.create_listing(&c.farmer.id, &ListingInput { name: "Cà phê nháp".into(), ..common::tea() });
    draft.expect("a draft");

    assert_eq!(names(&store, &query("ca phe shan tuyet")), ["Cà phê Shan Tuyết rang mộc"]);
    assert_eq!(names(&store, &query("CA PHE SHAN TUY")), ["Cà phê Shan Tuyết rang mộc"], "half a word, any case");
    assert_eq!(names(&store, &query("shan tuyet")).len(), 2);
    assert!(names(&store, &query("nhap")).is_empty(), "a draft is nobody's business");
    assert_eq!(names(&store, &query("")), ["Cà phê Shan Tuyết rang mộc", "Chè Shan Tuyết cổ thụ"], "newest first");

    let filtered = |f: &dyn Fn(&mut MarketQuery)| {
        let mut q = query("");
        f(&mut q);
        names(&store, &q)
    };
    assert_eq!(filtered(&|q| q.min_stars = Some(4)), ["Chè Shan Tuyết cổ thụ"]);
    assert_eq!(filtered(&|q| q.max_price = Some(200_000)), ["Cà phê Shan Tuyết rang mộc"]);
    assert_eq!(filtered(&|q| q.min_price = Some(200_000)), ["Chè Shan Tuyết cổ thụ"]);
    assert_eq!(filtered(&|q| q.in_season = true), ["Chè Shan Tuyết cổ thụ"], "the coffee comes in January");
    assert_eq!(filtered(&|q| q.category = Some("Chè".into())), ["Chè Shan Tuyết cổ thụ"]);
    assert_eq!(filtered(&|q| q.province = Some("Hà Giang".into())).len(), 2);
    assert!(filtered(&|q| q.province = Some("Lào Cai".into())).is_empty());
    assert_eq!(filtered(&|q| q.commune_id = Some(c.village.commune_id.clone())).len(), 2);
    assert_eq!(filtered(&|q| q.offset = 1), ["Chè Shan Tuyết cổ thụ"], "pages");

    let communes = store.market_communes().expect("communes");
    assert_eq!(communes.len(), 1);
    assert_eq!((communes[0].name.as_str(), communes[0].products), ("Xã Lũng Cú", 2));
    assert_eq!(store.market_ids().expect("ids"), [coffee.id.clone(), tea.id.clone()]);

    // Sold out: off the public pages at once.
    store.set_listing_status(&coffee.id, ListingStatus::SoldOut).expect("sold out");
    assert!(store.market_product(&coffee.id).expect("read").is_none());
    assert_eq!(names(&store, &query("ca phe")), Vec::<String>::new());
}

#[test]
fn a_product_page_shows_the_farmers_first_name_and_village_and_nothing_else_of_them() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    let photo = store.put_blob(b"\xff\xd8\xff\xe0 a photo", "image/jpeg").expect("photo");
    let listing =
        store.create_listing(&c.farmer.id, &ListingInput { photos: vec![photo.clone()], ..tea() }).expect("listing");
    assert!(store.market_product(&listing.id).expect("read").is_none(), "a draft has no page");
    assert!(!store.market_photo(&photo).expect("photo"), "nor do its photos");

    store.set_listing_status(&listing.id, ListingStatus::Published).expect("publish");
    let page = store.market_product(&listing.id).expect("read").expect("a page");
    assert_eq!(page.farmer.as_deref(), Some("Dế"));
    assert_eq!(page.village.as_deref(), Some("Thôn Lô Lô Chải"));
    assert_eq!(page.card.commune, "Xã Lũng Cú");
    assert_eq!(page.card.photo.as_deref(), Some(photo.as_str()));
    assert_eq!((page.contact_phone.as_str(), page.bank_bin.as_deref()), ("0987654321", Some("970405")));
    assert!(store.market_photo(&photo).expect("photo"));
    let shown = serde_json::to_string(&page).expect("json");
    for private in ["Sùng Thị", "1985", "0912345678", &c.farmer.id] {
        assert!(!shown.contains(private), "{private} is not for the public");
    }

    // Another commune's products are listed with theirs; a deleted listing is gone.
    let other = store
        .create_commune(&NewCommune { name: "Xã Tả Van".into(), district: None, province: Some("Lào Cai".into()) })
        .expect("commune");
    assert!(store.market_communes().expect("communes").iter().all(|c| c.id != other.id), "no products, not listed");
    store.delete_listing(&listing.id).expect("delete");
    assert!(store.market_product(&listing.id).expect("read").is_none());
    assert!(!store.market_photo(&photo).expect("photo"));
}
