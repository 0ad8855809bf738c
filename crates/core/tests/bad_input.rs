//! A table of bad inputs: each is answered with the expected localised error, and the
//! store is left exactly as it was (same data, no change recorded).

mod common;

use common::{new_profile, seed, tea, temp_store};
use langso_core::learning::topic::Topic;
use langso_core::market::inquiry::NewInquiry;
use langso_core::market::listing::ListingInput;
use langso_core::people::device_profiles::Display;
use langso_core::role::Role;
use langso_core::training::session::SessionInput;
use langso_core::{Localizer, Result, Store};

type Attempt = Box<dyn Fn(&Store, &common::Commune) -> Result<()>>;

fn listing(change: impl Fn(&mut ListingInput) + 'static) -> Attempt {
    Box::new(move |s, c| {
        let mut input = tea();
        change(&mut input);
        s.create_listing(&c.farmer.id, &input).map(drop)
    })
}

fn profile(change: impl Fn(&mut langso_core::people::profile::NewProfile) + 'static) -> Attempt {
    Box::new(move |s, c| {
        let mut input = new_profile(&c.village, Role::Villager, "Giàng Thị Sua");
        change(&mut input);
        s.create_profile(&input).map(drop)
    })
}

fn session(change: impl Fn(&mut SessionInput) + 'static) -> Attempt {
    Box::new(move |s, c| {
        let mut input = SessionInput {
            village_id: c.village.id.clone(),
            title: "Thanh toán an toàn".into(),
            place: None,
            starts_at: 1_795_000_000_000,
            ends_at: 1_795_003_600_000,
            lessons: vec![],
            skills: vec![Topic::OnlinePayments],
        };
        change(&mut input);
        s.create_session(&c.volunteer.id, &input).map(drop)
    })
}

#[test]
fn bad_input_is_refused_with_a_clear_error_and_changes_nothing() {
    let cases: Vec<(&str, &str, Attempt)> = vec![
        ("empty name", "invalid-empty", profile(|p| p.name = "   ".into())),
        ("name too long", "invalid-too-long", profile(|p| p.name = "A".repeat(61))),
        ("name with a control character", "invalid-format", profile(|p| p.name = "Sua\u{7}".into())),
        ("short phone", "invalid-phone", profile(|p| p.phone = Some("12345".into()))),
        ("phone with a bad prefix", "invalid-phone", profile(|p| p.phone = Some("0112345678".into()))),
        ("foreign phone", "invalid-phone", profile(|p| p.phone = Some("+1 202 555 0100".into()))),
        ("born in 1850", "invalid-range", profile(|p| p.birth_year = Some(1850))),
        ("born next century", "invalid-range", profile(|p| p.birth_year = Some(2150))),
        ("PIN with a letter", "invalid-pin", profile(|p| p.pin = Some("12a4".into()))),
        ("PIN of 6 digits", "invalid-pin", profile(|p| p.pin = Some("123456".into()))),
        ("no consent", "invalid-consent", profile(|p| p.consent_version = None)),
        (
            "unknown village",
            "invalid-unknown",
            profile(|p| p.village_id = Some("01a20b0a-0000-7000-8000-000000000009".into())),
        ),
        (
            "injected village id",
            "invalid-unknown",
            profile(|p| p.village_id = Some("x' OR 1=1; DROP TABLE profiles; --".into())),
        ),
        ("negative price", "invalid-money", listing(|l| l.price_dong = -5_000)),
        ("free", "invalid-money", listing(|l| l.price_dong = 0)),
        ("absurd price", "invalid-money", listing(|l| l.price_dong = 1_000_000_000_000)),
        ("two OCOP stars", "invalid-range", listing(|l| l.ocop_stars = Some(2))),
        ("six OCOP stars", "invalid-range", listing(|l| l.ocop_stars = Some(6))),
        ("negative quantity", "invalid-range", listing(|l| l.quantity = Some(-1))),
        ("no quantity and not made to order", "invalid-empty", listing(|l| l.quantity = None)),
        ("empty product name", "invalid-empty", listing(|l| l.name = String::new())),
        ("empty unit", "invalid-empty", listing(|l| l.unit = " ".into())),
        ("bad contact phone", "invalid-phone", listing(|l| l.contact_phone = "0000".into())),
        ("bad Zalo number", "invalid-phone", listing(|l| l.zalo = Some("zalo.me/abc".into()))),
        ("31 February", "invalid-format", listing(|l| l.ocop_expiry = Some("2027-02-31".into()))),
        ("account without bank", "invalid-empty", listing(|l| l.bank_bin = None)),
        ("account with letters", "invalid-format", listing(|l| l.bank_account = Some("12AB5678".into()))),
        ("photo that is not a hash", "invalid-format", listing(|l| l.photos = vec!["../../etc/passwd".into()])),
        ("session ends before it starts", "invalid-order", session(|s| s.ends_at = s.starts_at - 1)),
        ("session of two days", "invalid-order", session(|s| s.ends_at = s.starts_at + 48 * 3600 * 1000)),
        ("session skill that is not basic", "invalid-unknown", session(|s| s.skills = vec![Topic::DeviceBasics])),
        ("session with an unknown lesson", "invalid-unknown", session(|s| s.lessons = vec!["nope".into()])),
        ("session with an empty title", "invalid-empty", session(|s| s.title = String::new())),
        (
            "inquiry for nothing",
            "invalid-range",
            Box::new(|s, _| {
                s.create_inquiry(&NewInquiry {
                    listing_id: "x".into(),
                    buyer_name: "An".into(),
                    buyer_phone: "0903123456".into(),
                    quantity: 0,
                    message: None,
                })
                .map(drop)
            }),
        ),
        (
            "inquiry about an unknown listing",
            "invalid-unknown",
            Box::new(|s, _| {
                s.create_inquiry(&NewInquiry {
                    listing_id: "01a20b0a-0000-7000-8000-000000000009".into(),
                    buyer_name: "An".into(),
                    buyer_phone: "0903123456".into(),
                    quantity: 1,
                    message: None,
                })
                .map(drop)
            }),
        ),
        ("unknown language", "error-unknown-language", Box::new(|s, _| s.set_language("xx").map(drop))),
        (
            "duplicate village",
            "invalid-duplicate",
            Box::new(|s, c| s.create_village(&c.village.commune_id, "Thôn Lô Lô Chải").map(drop)),
        ),
        ("step of an unknown lesson", "invalid-unknown", Box::new(|s, c| s.record_step(&c.villager.id, "nope", 0))),
        (
            "blob too large",
            "invalid-too-long",
            Box::new(|s, _| s.put_blob(&vec![0; 5 * 1024 * 1024], "image/jpeg").map(drop)),
        ),
        (
            "text size beyond the largest",
            "invalid-range",
            Box::new(|s, c| {
                let result = s.set_display(&c.villager.id, Display { text_size: 7, high_contrast: true }).map(drop);
                assert_eq!(s.display(&c.villager.id).expect("display"), Display::default(), "display unchanged");
                result
            }),
        ),
        ("start screen for an unknown profile", "invalid-unknown", Box::new(|s, _| s.remember_profile("nope"))),
        ("export of an unknown profile", "invalid-unknown", Box::new(|s, _| s.export_profile("nope").map(drop))),
        ("what an unknown profile learnt", "invalid-unknown", Box::new(|s, _| s.learnt("nope", "vi").map(drop))),
    ];

    let (_dir, store) = temp_store();
    let c = seed(&store);
    let l10n = Localizer::embedded();
    for (what, expected, attempt) in &cases {
        let (dump, seq) = (store.canonical_dump().expect("dump"), store.last_seq().expect("seq"));
        let err = attempt(&store, &c).expect_err(what);
        assert_eq!(err.message_id(), *expected, "{what}: {err}");
        for lang in ["vi", "en"] {
            let text = err.localize(l10n, lang);
            assert!(!text.is_empty() && !text.contains('['), "{what} ({lang}): {text}");
        }
        assert_eq!(store.canonical_dump().expect("dump"), dump, "{what} changed the data");
        assert_eq!(store.last_seq().expect("seq"), seq, "{what} recorded a change");
    }
}

/// Changes from another replica that are malformed are refused one by one, with a reason;
/// the good changes of the same batch still land, and the bad ones write nothing.
#[test]
fn malformed_remote_changes_are_rejected_one_by_one() {
    use langso_core::replica::change::{Change, ChangeBody};
    use langso_core::replica::clock::Stamp;
    use langso_core::replica::merge::Rejection;
    use langso_core::replica::value::Value;
    use std::collections::BTreeMap;

    let (_dir, store) = temp_store();
    let node = uuid::Uuid::new_v4();
    let stamp = Stamp { hlc: 1 << 40, node };
    let row = "01a20b0a-0000-7000-8000-0000000000aa".to_owned();
    let column = |table: &str, row: &str, column: &str, value: Value| Change {
        table: table.into(),
        row: row.into(),
        stamp,
        body: ChangeBody::Column { column: column.into(), value },
    };
    let fact = |values: &[(&str, Value)]| Change {
        table: "attendance".into(),
        row: "01a20b0a-0000-7000-8000-0000000000bb".into(),
        stamp,
        body: ChangeBody::Fact {
            values: values.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect::<BTreeMap<_, _>>(),
        },
    };
    let good = column("listings", &row, "name", Value::from("Mật ong bạc hà"));
    let batch = vec![
        column("passwords", &row, "name", Value::from("x")),
        column("listings", &row, "owner_id; DROP TABLE listings", Value::from("x")),
        column("listings", &row, "price_dong", Value::from("mười nghìn")),
        column("listings", &row.to_uppercase(), "name", Value::from("x")),
        column("listings", "'; DELETE FROM listings; --", "name", Value::from("x")),
        column("listings", &row, "deleted", Value::Null),
        column("listings", &row, "description", Value::Text("a".repeat(65 * 1024))),
        Change { stamp: Stamp { hlc: u64::MAX - 1, node }, ..column("listings", &row, "unit", Value::from("kg")) },
        fact(&[("session_id", Value::from("s")), ("profile_id", Value::from("p"))]),
        Change { body: ChangeBody::Column { column: "at".into(), value: Value::Int(1) }, ..fact(&[]) },
        good.clone(),
    ];
    let before = store.canonical_dump().expect("dump");
    let report = store.apply(&batch).expect("apply");
    let reasons: Vec<(usize, Rejection)> = report.rejected;
    let expected = [
        (0, Rejection::UnknownTable("passwords".into())),
        (1, Rejection::UnknownColumn("owner_id; DROP TABLE listings".into())),
        (2, Rejection::WrongType("price_dong".into())),
        (3, Rejection::BadRowId(row.to_uppercase())),
        (4, Rejection::BadRowId("'; DELETE FROM listings; --".into())),
        (5, Rejection::MissingColumn("deleted".into())),
        (6, Rejection::TooLong("description".into())),
        (7, Rejection::ClockDrift),
        (8, Rejection::MissingColumn("marked_by".into())),
        (9, Rejection::WrongKind),
    ];
    assert_eq!(reasons, expected);
    assert_eq!(report.applied, 1, "the good change landed");
    let after = store.canonical_dump().expect("dump");
    assert_ne!(after, before);
    let only_good: String = after.lines().filter(|l| !before.contains(*l)).collect();
    assert!(
        only_good.contains("Mật ong bạc hà")
            && !only_good.contains("mười nghìn")
            && !only_good.contains("@18446744073709551614")
    );
    for (_, why) in &expected {
        let text = langso_core::Localizer::embedded().format("vi", why.message_id(), &[]);
        assert!(!text.starts_with('['), "{why:?}");
    }
}
