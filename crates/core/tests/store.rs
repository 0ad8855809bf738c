//! The store on real SQLite files: migrations, the bundled lesson pack, settings.

mod common;

use common::{bundled_pack, temp_store};
use langso_core::replica::schema::{self, Kind};
use langso_core::{Error, Localizer, Store};

#[test]
fn the_bundled_pack_fills_an_empty_store_in_both_languages() {
    let (_dir, store) = temp_store();
    let pack = bundled_pack();
    assert!(pack.lessons.len() >= 3);
    let report = store.install_pack(&pack).expect("install");
    assert_eq!(report.applied, pack.changes().len());
    assert!(report.rejected.is_empty());

    let vi = store.catalogue("vi").expect("catalogue vi");
    let en = store.catalogue("en").expect("catalogue en");
    assert_eq!(vi.len(), pack.lessons.len());
    assert_eq!(vi[0].title, pack.lessons[0].title["vi"]);
    assert_eq!(en[0].title, pack.lessons[0].title["en"]);
    assert_eq!(vi[0].id, en[0].id);
    assert!(
        vi.iter().zip(&pack.lessons).all(|(card, l)| card.slug == l.slug && usize::from(card.steps) == l.steps.len())
    );
}

#[test]
fn installing_the_same_pack_again_changes_nothing() {
    let (_dir, store) = temp_store();
    let pack = bundled_pack();
    store.install_pack(&pack).expect("first install");
    let (before, dump, seq) = (
        store.catalogue("vi").expect("catalogue"),
        store.canonical_dump().expect("dump"),
        store.last_seq().expect("seq"),
    );
    let report = store.install_pack(&pack).expect("second install");
    assert_eq!((report.applied, report.unchanged), (0, pack.changes().len()));
    assert_eq!(store.catalogue("vi").expect("catalogue"), before);
    assert_eq!(store.canonical_dump().expect("dump"), dump);
    assert_eq!(store.last_seq().expect("seq"), seq, "a no-op writes no change");
}

#[test]
fn a_newer_pack_replaces_the_old_lessons_and_an_older_does_not() {
    let (_dir, store) = temp_store();
    let mut pack = bundled_pack();
    store.install_pack(&pack).expect("install");

    pack.version += 1;
    pack.lessons[0].version += 1;
    pack.lessons[0].title.insert("vi".into(), "Bài đã sửa".into());
    pack.lessons[0].steps.truncate(4);
    let report = store.install_pack(&pack).expect("upgrade");
    assert!(report.applied > 0);
    let card = &store.catalogue("vi").expect("catalogue")[0];
    assert_eq!((card.title.as_str(), card.steps), ("Bài đã sửa", 4));

    pack.version -= 1;
    pack.lessons[0].title.insert("vi".into(), "Bản cũ".into());
    store.install_pack(&pack).expect("older pack");
    assert_eq!(store.catalogue("vi").expect("catalogue")[0].title, "Bài đã sửa");
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
        assert_eq!(store.settings().expect("settings").language, "vi", "Vietnamese comes first");
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
    assert_eq!(std::fs::read(&path).expect("read"), b"this is not sqlite, it is a villager's photo");
}

#[test]
fn the_schema_registry_matches_the_migrated_tables() {
    let (dir, _store) = temp_store();
    let conn = rusqlite::Connection::open(dir.path().join("langso.sqlite3")).expect("open");
    for table in schema::TABLES {
        let mut stmt = conn.prepare(&format!("PRAGMA table_info({})", table.name)).expect("table_info");
        let columns: Vec<String> = stmt.query_map([], |r| r.get(1)).expect("query").map(|c| c.expect("name")).collect();
        let meta: &[&str] = match table.kind {
            Kind::Entity => &["_clock"],
            Kind::Fact => &["_hlc", "_origin"],
        };
        let expected: Vec<String> = std::iter::once("id")
            .chain(table.columns.iter().map(|c| c.name))
            .chain(meta.iter().copied())
            .map(str::to_owned)
            .collect();
        let mut sorted_columns = columns.clone();
        let mut sorted_expected = expected.clone();
        sorted_columns.sort();
        sorted_expected.sort();
        assert_eq!(sorted_columns, sorted_expected, "{}", table.name);
    }
}

#[test]
fn readers_are_not_blocked_by_a_writer_on_another_thread() {
    let (_dir, store) = temp_store();
    let store = std::sync::Arc::new(store);
    store.install_pack(&bundled_pack()).expect("pack");
    let writer = {
        let store = store.clone();
        std::thread::spawn(move || {
            for i in 0..200 {
                store.set_language(if i % 2 == 0 { "en" } else { "vi" }).expect("write");
            }
        })
    };
    for _ in 0..200 {
        assert_eq!(store.catalogue("vi").expect("read while writing").len(), bundled_pack().lessons.len());
    }
    writer.join().expect("writer thread");
}
