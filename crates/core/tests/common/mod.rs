//! Helpers shared by the store's integration tests: real SQLite files in temp folders.
#![allow(dead_code)]

use std::path::Path;

use langso_core::Store;
use langso_core::learning::pack::Pack;
use langso_core::market::listing::ListingInput;
use langso_core::people::profile::{NewProfile, Profile};
use langso_core::places::{NewCommune, Village};
use langso_core::role::Role;

pub fn bundled_pack() -> Pack {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/lessons");
    Pack::from_dir(&root).expect("the bundled pack is valid")
}

pub fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("langso.sqlite3")).expect("store opens");
    (dir, store)
}

/// A commune with one village, the lesson pack, and one person of each role.
pub struct Commune {
    pub village: Village,
    pub villager: Profile,
    pub volunteer: Profile,
    pub farmer: Profile,
}

pub fn new_profile(village: &Village, role: Role, name: &str) -> NewProfile {
    NewProfile {
        village_id: Some(village.id.clone()),
        role,
        name: name.to_owned(),
        household: None,
        birth_year: Some(1978),
        phone: Some("0912 345 678".to_owned()),
        avatar: Some("buffalo".to_owned()),
        pin: None,
        consent_version: Some("2026-11".to_owned()),
        read_aloud: false,
    }
}

pub fn seed(store: &Store) -> Commune {
    store.install_pack(&bundled_pack()).expect("pack");
    let commune = store
        .create_commune(&NewCommune {
            name: "Xã Lũng Cú".into(),
            district: Some("Huyện Đồng Văn".into()),
            province: Some("Hà Giang".into()),
        })
        .expect("commune");
    let village = store.create_village(&commune.id, "Thôn Lô Lô Chải").expect("village");
    let villager = store.create_profile(&new_profile(&village, Role::Villager, "Lò Thị Mai")).expect("villager");
    let volunteer = store.create_profile(&new_profile(&village, Role::Volunteer, "Vàng Văn Dũng")).expect("volunteer");
    let farmer = store.create_profile(&new_profile(&village, Role::Farmer, "Sùng Thị Dế")).expect("farmer");
    Commune { village, villager, volunteer, farmer }
}

/// A farmer's listing with every field filled in.
pub fn tea() -> ListingInput {
    ListingInput {
        name: "Chè Shan Tuyết cổ thụ".into(),
        ocop_group: Some("Đồ uống".into()),
        category: Some("Chè".into()),
        description: Some("Chè búp hái từ cây chè cổ thụ trên núi cao, sao tay.".into()),
        story: Some("Cây chè hơn trăm năm tuổi của gia đình.".into()),
        price_dong: 350_000,
        unit: "kg".into(),
        pack_size: Some("gói 500 g".into()),
        quantity: Some(40),
        made_to_order: false,
        season: Some("tháng 3 – tháng 10".into()),
        available_from: Some("2026-03-01".into()),
        ocop_stars: Some(4),
        ocop_expiry: Some("2028-06-30".into()),
        certifications: vec!["VietGAP".into()],
        photos: vec![],
        contact_phone: "0987 654 321".into(),
        zalo: Some("0987654321".into()),
        bank_bin: Some("970405".into()),
        bank_account: Some("1234 5678 9012".into()),
        bank_holder: Some("SUNG THI DE".into()),
    }
}

/// Copies everything `from` logged after `cursor` to `to`, `page` entries at a time, as a
/// sync would; returns the new cursor.
pub fn copy_changes(from: &Store, to: &Store, cursor: u64, page: usize) -> u64 {
    let mut cursor = cursor;
    loop {
        let changes = from.changes_since(cursor, page).expect("changes");
        let report = to.apply(&changes.changes).expect("apply");
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        cursor = changes.cursor;
        if !changes.more {
            return cursor;
        }
    }
}
