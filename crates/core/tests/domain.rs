//! The domain on a real store: what villagers, volunteers, farmers and buyers do, and that
//! each write is captured as changes.

mod common;

use common::{new_profile, seed, tea, temp_store};
use langso_core::Error;
use langso_core::learning::topic::Topic;
use langso_core::market::inquiry::{InquiryStatus, NewInquiry};
use langso_core::market::listing::ListingStatus;
use langso_core::people::profile::ProfileEdit;
use langso_core::replica::change::ChangeBody;
use langso_core::role::Role;
use langso_core::training::attendance::Attendance;
use langso_core::training::session::SessionInput;

#[test]
fn a_profile_is_created_with_consent_corrected_and_deleted_everywhere() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    assert_eq!(c.villager.phone.as_deref(), Some("0912345678"), "phone kept in national form");
    assert_eq!(c.villager.consent_version, "2026-11");
    assert!(c.villager.consent_at > 0);

    let edit = ProfileEdit {
        village_id: Some(c.village.id.clone()),
        name: "Lò Thị Mai".into(),
        household: None,
        birth_year: Some(1980),
        phone: None,
        avatar: Some("rice".into()),
    };
    let before = store.last_seq().expect("seq");
    let edited = store.edit_profile(&c.villager.id, &edit).expect("edit");
    assert_eq!((edited.birth_year, edited.phone.as_deref(), edited.household.as_deref()), (Some(1980), None, None));
    // Only the changed columns were stamped: the name was not.
    let page = store.changes_since(before, 100).expect("changes");
    let columns: Vec<&str> = page
        .changes
        .iter()
        .filter_map(|c| match &c.body {
            ChangeBody::Column { column, .. } => Some(column.as_str()),
            ChangeBody::Fact { .. } => None,
        })
        .collect();
    assert_eq!(columns, ["birth_year", "phone", "avatar"]);

    store.delete_profile(&c.villager.id).expect("delete");
    assert_eq!(store.profile(&c.villager.id).expect("read"), None);
    let dump = store.canonical_dump().expect("dump");
    assert!(!dump.contains("Lò Thị Mai"), "the name is erased from the store");
}

#[test]
fn a_pin_protects_switching_to_a_profile() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    store.check_pin(&c.villager.id, "").expect("no PIN: opens freely");
    store.set_pin(&c.villager.id, Some("2468")).expect("set");
    assert!(store.profile(&c.villager.id).expect("read").expect("profile").has_pin);
    store.check_pin(&c.villager.id, "2468").expect("right PIN");
    assert!(matches!(store.check_pin(&c.villager.id, "1357"), Err(Error::WrongPin)));
    let synced = store.canonical_dump().expect("dump");
    // The dump's clocks are long numbers that may hold the digits 2468; a value is quoted.
    assert!(!synced.contains("\"2468\"") && !synced.contains("$argon2"), "the PIN and its hash stay on the device");
}

#[test]
fn a_learner_progresses_through_a_lesson_as_facts() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    let card = store.catalogue("vi").expect("catalogue").into_iter().find(|l| l.slug == "scam-calls").expect("lesson");
    let lesson = store.lesson(&card.id, "vi").expect("read").expect("lesson");
    assert_eq!(lesson.steps.len(), usize::from(card.steps));
    store.record_step(&c.villager.id, &card.id, 0).expect("step 0");
    store.record_step(&c.villager.id, &card.id, 2).expect("step 2");
    assert!(store.record_step(&c.villager.id, &card.id, card.steps).is_err(), "no step past the end");

    let q = lesson.quiz.first().expect("the lesson has a quiz");
    let feedback: Vec<_> =
        (0..q.choices.len()).map(|i| store.answer(&c.villager.id, &q.id, i, "en").expect("answer")).collect();
    assert_eq!(feedback.iter().filter(|f| f.correct).count(), 1, "exactly one choice is right");
    assert!(feedback.iter().all(|f| f.correct_choice == feedback[0].correct_choice && !f.explanation.is_empty()));
    assert!(store.answer(&c.villager.id, &q.id, q.choices.len(), "vi").is_err(), "no such choice");
    store.complete_lesson(&c.villager.id, &card.id).expect("complete");
    let progress = store.progress(&c.villager.id).expect("progress");
    assert_eq!(progress.len(), 1);
    assert_eq!(progress[0].last_step, Some(2));
    assert_eq!((progress[0].answers, progress[0].right), (q.choices.len() as u32, 1));
    assert!(progress[0].completed_at.is_some());
}

#[test]
fn a_volunteer_runs_a_session_and_checks_skills() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    let lessons: Vec<String> = store.catalogue("vi").expect("catalogue").into_iter().map(|l| l.id).collect();
    let input = SessionInput {
        village_id: c.village.id.clone(),
        title: "An toàn trên mạng cho bà con".into(),
        place: Some("Nhà văn hoá thôn".into()),
        starts_at: 1_795_000_000_000,
        ends_at: 1_795_000_000_000 + 2 * 3600 * 1000,
        lessons: lessons[..2].to_vec(),
        skills: vec![Topic::OnlineSafety, Topic::OnlinePayments],
    };
    let session = store.create_session(&c.volunteer.id, &input).expect("session");
    assert!(store.create_session(&c.villager.id, &input).is_err(), "a villager cannot run a session");

    store.mark_attendance(&session.id, &c.villager.id, Attendance::Present, &c.volunteer.id).expect("present");
    let seq = store.last_seq().expect("seq");
    store.mark_attendance(&session.id, &c.villager.id, Attendance::Present, &c.volunteer.id).expect("marked twice");
    assert_eq!(store.last_seq().expect("seq"), seq, "the same mark again records nothing");
    store.mark_attendance(&session.id, &c.farmer.id, Attendance::Late, &c.volunteer.id).expect("late");
    store.check_skill(&session.id, &c.villager.id, Topic::OnlineSafety, true, &c.volunteer.id).expect("skill");
    assert!(store.check_skill(&session.id, &c.villager.id, Topic::DeviceBasics, true, &c.volunteer.id).is_err());

    let roster = store.roster(&session.id).expect("roster");
    assert_eq!(roster.len(), 2);
    let mai = roster.iter().find(|r| r.profile_id == c.villager.id).expect("Mai");
    assert_eq!(mai.skills, [Topic::OnlineSafety]);
    assert_eq!(store.sessions(&c.village.commune_id).expect("sessions").len(), 1);
}

#[test]
fn a_farmer_lists_a_product_and_a_buyer_asks_about_it() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    let listing = store.create_listing(&c.farmer.id, &tea()).expect("listing");
    assert_eq!(listing.status, ListingStatus::Draft);
    assert_eq!(listing.input.bank_account.as_deref(), Some("123456789012"));
    assert!(store.create_listing(&c.villager.id, &tea()).is_err(), "only farmers list products");

    let inquiry = NewInquiry {
        listing_id: listing.id.clone(),
        buyer_name: "Nguyễn Văn An".into(),
        buyer_phone: "+84 903 123 456".into(),
        quantity: 2,
        message: Some("Gửi về Hà Nội được không?".into()),
    };
    assert!(store.create_inquiry(&inquiry).is_err(), "a draft cannot be asked about");
    store.set_listing_status(&listing.id, ListingStatus::Published).expect("publish");
    let asked = store.create_inquiry(&inquiry).expect("inquiry");
    assert_eq!(asked.buyer_phone, "0903123456");
    let answered = store.set_inquiry_status(&asked.id, InquiryStatus::Answered).expect("answered");
    assert_eq!(answered.status, InquiryStatus::Answered);
    assert_eq!(store.inquiries(&listing.id).expect("inquiries").len(), 1);

    let mut cheaper = tea();
    cheaper.price_dong = 320_000;
    let edited = store.edit_listing(&listing.id, &cheaper).expect("edit");
    assert_eq!(edited.input.price_dong, 320_000);
    assert_eq!(store.listings_of(&c.farmer.id).expect("mine").len(), 1);
    store.delete_listing(&listing.id).expect("delete");
    assert_eq!(store.listing(&listing.id).expect("read"), None);
}

#[test]
fn villages_of_a_commune_have_distinct_names() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    let second = store.create_village(&c.village.commune_id, "Thôn Thèn Ván").expect("village");
    assert!(store.create_village(&c.village.commune_id, "Thôn Thèn Ván").is_err());
    assert!(store.rename_village(&second.id, "Thôn Lô Lô Chải").is_err());
    store.delete_village(&second.id).expect("delete");
    assert_eq!(store.villages(&c.village.commune_id).expect("villages").len(), 1);
    let err = store.create_profile(&new_profile(&second, Role::Villager, "A")).expect_err("deleted village");
    assert_eq!(err.message_id(), "invalid-unknown");
}

#[test]
fn blobs_are_content_addressed() {
    let (_dir, store) = temp_store();
    let photo = b"\xff\xd8\xff\xe0 a small jpeg".to_vec();
    let hash = store.put_blob(&photo, "image/jpeg").expect("put");
    assert_eq!(hash, langso_core::replica::blob::hash(&photo));
    assert_eq!(store.put_blob(&photo, "image/jpeg").expect("again"), hash);
    assert_eq!(store.blob(&hash).expect("get"), Some((photo, "image/jpeg".to_owned())));
    let other = "ab".repeat(32);
    store.expect_blob(&other, 1000, "image/webp").expect("expect");
    assert_eq!(store.missing_blobs().expect("missing"), [other]);
    assert!(store.put_blob(b"x", "application/x-sh").is_err());
}
