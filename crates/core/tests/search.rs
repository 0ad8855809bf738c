//! One search across lessons and published listings, forgiving of case and Vietnamese marks.

mod common;

use common::{seed, tea, temp_store};
use langso_core::market::listing::ListingStatus;
use langso_core::search::HitKind;

#[test]
fn search_ignores_case_and_diacritics_matches_prefixes_and_ranks_titles_first() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    let publish = |name: &str, description: &str| {
        let mut input = tea();
        input.name = name.into();
        input.description = Some(description.into());
        let listing = store.create_listing(&c.farmer.id, &input).expect("listing");
        store.set_listing_status(&listing.id, ListingStatus::Published).expect("publish");
        listing.id
    };
    let coffee = publish("Cà phê Shan Tuyết", "Rang xay thủ công");
    let honey = publish("Mật ong bạc hà Đồng Văn", "Đặc sản cao nguyên đá, pha với cà phê rất ngon");
    let mut rice = tea();
    rice.name = "Gạo nếp cái hoa vàng".into();
    let draft = store.create_listing(&c.farmer.id, &rice).expect("draft");

    let ids = |q: &str| {
        let hits = store.search(q, "vi", 10).expect("search");
        hits.into_iter().filter(|h| h.kind == HitKind::Listing).map(|h| h.id).collect::<Vec<_>>()
    };
    assert_eq!(ids("ca phe shan tuyet"), vec![coffee.clone()]);
    assert_eq!(ids("CÀ PHÊ SHAN TUYẾT"), vec![coffee.clone()]);
    assert_eq!(ids("dac san"), vec![honey.clone()], "đ folds to d");
    assert_eq!(ids("Đồng"), vec![honey.clone()]);
    assert_eq!(ids("mat o"), vec![honey.clone()], "prefixes match as the user types");
    assert_eq!(ids("ca phe"), [coffee.clone(), honey.clone()], "a title match ranks above a description match");
    assert!(ids("gao nep cai").is_empty(), "drafts are not searchable");
    assert!(ids("").is_empty() && ids("  ;;  ").is_empty());
    assert!(ids("\"OR\" AND NEAR(").is_empty(), "query syntax is text, not FTS operators");

    store.set_listing_status(&draft.id, ListingStatus::Published).expect("publish");
    assert_eq!(ids("gao nep cai"), vec![draft.id.clone()]);
    store.delete_listing(&honey).expect("delete");
    assert_eq!(ids("ca phe"), vec![coffee]);
}

#[test]
fn lessons_are_found_in_either_language_and_shown_in_the_asked_one() {
    let (_dir, store) = temp_store();
    seed(&store);
    let vi = store.search("lua dao", "vi", 10).expect("search");
    assert_eq!(
        vi.first().map(|h| (h.kind, h.title.as_str())),
        Some((HitKind::Lesson, "Nhận biết cuộc gọi và tin nhắn lừa đảo"))
    );
    let en = store.search("scam", "en", 10).expect("search");
    assert_eq!(en.first().map(|h| h.title.as_str()), Some("Spotting scam calls and messages"));
    let by_step_text = store.search("otp", "en", 10).expect("search");
    assert!(by_step_text.iter().any(|h| h.kind == HitKind::Lesson));
}
