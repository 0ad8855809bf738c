//! The store on real SQLite files: migrations, the bundled lesson pack, settings.

use std::path::Path;

use langso_core::pack::Pack;
use langso_core::store::PackReport;
use langso_core::{Error, Localizer, Store};

fn bundled_pack() -> Pack {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/lessons");
    Pack::load(|p| std::fs::read_to_string(root.join(p)).ok()).expect("the bundled pack is valid")
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("langso.sqlite3")).expect("store opens");
    (dir, store)
}

#[test]
fn the_bundled_pack_fills_an_empty_store_in_both_languages() {
    let (_dir, store) = temp_store();
    let pack = bundled_pack();
    assert!(pack.lessons.len() >= 3);
    let report = store.install_pack(&pack).expect("install");
    assert_eq!(
        report,
        PackReport {
            added: pack.lessons.len(),
            upgraded: 0,
            unchanged: 0
        }
    );

    let vi = store.catalogue("vi").expect("catalogue vi");
    let en = store.catalogue("en").expect("catalogue en");
    assert_eq!(vi.len(), pack.lessons.len());
    assert_eq!(vi[0].title, pack.lessons[0].title["vi"]);
    assert_eq!(en[0].title, pack.lessons[0].title["en"]);
    assert_eq!(vi[0].id, en[0].id);
    assert!(
        vi.iter()
            .zip(&pack.lessons)
            .all(|(card, l)| card.slug == l.slug && usize::from(card.steps) == l.steps.len())
    );
}

#[test]
fn installing_the_same_pack_again_changes_nothing() {
    let (_dir, store) = temp_store();
    let pack = bundled_pack();
    store.install_pack(&pack).expect("first install");
    let before = store.catalogue("vi").expect("catalogue");
    let report = store.install_pack(&pack).expect("second install");
    assert_eq!(report.unchanged, pack.lessons.len());
    assert_eq!(store.catalogue("vi").expect("catalogue"), before);
}

#[test]
fn a_newer_lesson_version_replaces_the_old_one_and_an_older_does_not() {
    let (_dir, store) = temp_store();
    let mut pack = bundled_pack();
    store.install_pack(&pack).expect("install");

    pack.lessons[0].version += 1;
    pack.lessons[0]
        .title
        .insert("vi".into(), "Bài đã sửa".into());
    pack.lessons[0].steps.truncate(4);
    let report = store.install_pack(&pack).expect("upgrade");
    assert_eq!(report.upgraded, 1);
    let card = &store.catalogue("vi").expect("catalogue")[0];
    assert_eq!((card.title.as_str(), card.steps), ("Bài đã sửa", 4));

    pack.lessons[0].version -= 1;
    pack.lessons[0].title.insert("vi".into(), "Bản cũ".into());
    store.install_pack(&pack).expect("older pack");
    assert_eq!(
        store.catalogue("vi").expect("catalogue")[0].title,
        "Bài đã sửa"
    );
}

#[test]
fn a_language_without_lessons_text_falls_back_to_vietnamese() {
    let (_dir, store) = temp_store();
    store.install_pack(&bundled_pack()).expect("install");
    let vi = store.catalogue("vi").expect("vi");
    assert_eq!(store.catalogue("hmn").expect("other"), vi);
}

#[test]
fn the_language_choice_survives_reopening_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("langso.sqlite3");
    {
        let store = Store::open(&path).expect("open");
        assert_eq!(
            store.settings().expect("settings").language,
            "vi",
            "Vietnamese comes first"
        );
        assert_eq!(store.set_language("en").expect("set").language, "en");
    }
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.settings().expect("settings").language, "en");
}

#[test]
fn an_unknown_language_is_refused_with_a_localised_error_and_changes_nothing() {
    let (_dir, store) = temp_store();
    store.set_language("en").expect("set en");
    for bad in ["xx", "", "vi'; DROP TABLE settings; --", "EN", "vi\0"] {
        let err = store.set_language(bad).expect_err(bad);
        assert!(matches!(err, Error::UnknownLanguage(_)), "{bad:?}: {err}");
        let vi = err.localize(Localizer::embedded(), "vi");
        let en = err.localize(Localizer::embedded(), "en");
        assert!(vi.contains("chưa có ngôn ngữ"), "{vi}");
        assert!(en.contains("does not have the language"), "{en}");
        assert_eq!(store.settings().expect("settings").language, "en");
    }
}

#[test]
fn a_file_that_is_not_a_database_is_refused_not_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("langso.sqlite3");
    std::fs::write(&path, b"this is not sqlite, it is a villager's photo").expect("write");
    let err = Store::open(&path).expect_err("not a database");
    assert_eq!(err.message_id(), "error-storage");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"this is not sqlite, it is a villager's photo"
    );
}
