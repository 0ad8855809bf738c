//! The commune dashboard's figures on a real store, with the cases the rules exist for: a
//! person deleted under the data law, a household whose only skilled member moved away, a
//! skill checked twice and taken back, a cancelled session, a session still to come, a lesson
//! finished twice; and the same figures on a replica that received the same changes.

mod common;

use common::{copy_changes, new_profile, seed, tea, temp_store};
use langso_core::dashboard::figures::share_permille;
use langso_core::dashboard::{Dashboard, VillageRow};
use langso_core::learning::topic::Topic;
use langso_core::market::inquiry::{InquiryStatus, NewInquiry};
use langso_core::market::listing::ListingStatus;
use langso_core::people::household::NewHousehold;
use langso_core::people::profile::{Profile, ProfileEdit};
use langso_core::places::{NewCommune, Village};
use langso_core::role::Role;
use langso_core::time::now_ms;
use langso_core::training::attendance::Attendance;
use langso_core::training::session::{SessionInput, TrainingSession};
use langso_core::{Error, Store};

const DAY: i64 = 86_400_000;

struct World {
    store: Store,
    _dir: tempfile::TempDir,
    commune_id: String,
    now: i64,
}

fn plan(store: &Store, volunteer: &Profile, village: &Village, starts_at: i64) -> TrainingSession {
    let input = SessionInput {
        village_id: village.id.clone(),
        title: "Kỹ năng số cơ bản".into(),
        place: None,
        starts_at,
        ends_at: starts_at + 2 * 3_600_000,
        lessons: vec![],
        skills: Topic::BASIC_SKILLS.to_vec(),
    };
    store.create_session(&volunteer.id, &input).expect("session")
}

fn person(store: &Store, village: &Village, name: &str, household: Option<&str>) -> Profile {
    let mut new = new_profile(village, Role::Villager, name);
    new.household = household.map(str::to_owned);
    store.create_profile(&new).expect("person")
}

fn household(store: &Store, village: &Village, head: &str) -> String {
    store
        .create_household(&NewHousehold { village_id: village.id.clone(), head_name: head.into(), address: None })
        .expect("household")
        .id
}

/// Two villages, three households, seven live people and one deleted, four sessions (two
/// held, one cancelled, one to come), skills, lessons, a product and two inquiries.
fn world() -> World {
    let (dir, store) = temp_store();
    let c = seed(&store);
    let a = c.village.clone();
    let b = store.create_village(&a.commune_id, "Thôn Sán Trồ").expect("village");
    let now = now_ms();
    let h1 = household(&store, &a, "Giàng A Páo");
    household(&store, &a, "Lò Văn Tú");
    let h3 = household(&store, &b, "Thào A Chứ");
    let pao = person(&store, &a, "Giàng A Páo", Some(&h1));
    let sua = person(&store, &a, "Giàng Thị Sua", Some(&h1));
    let lan = person(&store, &a, "Nguyễn Thị Lan", None);
    let chu = person(&store, &b, "Thào A Chứ", Some(&h3));
    let ho = person(&store, &b, "Thào Thị Hờ", Some(&h3));

    let s1 = plan(&store, &c.volunteer, &a, now - 12 * DAY);
    let s2 = plan(&store, &c.volunteer, &b, now - 5 * DAY);
    let s3 = plan(&store, &c.volunteer, &a, now - 2 * DAY);
    plan(&store, &c.volunteer, &a, now + 30 * DAY);
    let mark = |s: &TrainingSession, who: &Profile| {
        store.mark_attendance(&s.id, &who.id, Attendance::Present, &c.volunteer.id).expect("present")
    };
    let check = |s: &TrainingSession, who: &Profile, skills: &[Topic]| {
        for skill in skills {
            store.check_skill(&s.id, &who.id, *skill, true, &c.volunteer.id).expect("check");
        }
    };
    for who in [&pao, &sua, &lan] {
        mark(&s1, who);
    }
    mark(&s2, &chu);
    mark(&s2, &ho);
    // Mai came only to the session that was then cancelled: she is not trained, and the five
    // skills checked for her there do not count.
    mark(&s3, &c.villager);
    mark(&s3, &lan);
    check(&s3, &c.villager, &Topic::BASIC_SKILLS);

    // Sua's fifth skill is checked, taken back by a second tap, and checked again.
    check(&s1, &sua, &Topic::BASIC_SKILLS);
    store.check_skill(&s1.id, &sua.id, Topic::LocalPlatforms, false, &c.volunteer.id).expect("uncheck");
    check(&s1, &sua, &[Topic::LocalPlatforms, Topic::PublicServices]);
    check(&s1, &pao, &Topic::BASIC_SKILLS[..4]);
    check(&s2, &ho, &Topic::BASIC_SKILLS);
    store.cancel_session(&s3.id, "Mưa lũ, đường bị sạt").expect("cancel");

    // Sua, household 1's only member with all five, moves to household 3 in the other village.
    let edit = ProfileEdit {
        village_id: Some(b.id.clone()),
        name: sua.name.clone(),
        household: Some(h3.clone()),
        birth_year: sua.birth_year,
        phone: sua.phone.clone(),
        avatar: sua.avatar.clone(),
    };
    store.edit_profile(&sua.id, &edit).expect("move");

    let lessons: Vec<String> = store.catalogue("vi").expect("catalogue").into_iter().map(|l| l.id).collect();
    store.complete_lesson(&lan.id, &lessons[0]).expect("done");
    store.complete_lesson(&lan.id, &lessons[0]).expect("done again");
    store.complete_lesson(&lan.id, &lessons[1]).expect("done");
    store.complete_lesson(&pao.id, &lessons[0]).expect("done");
    store.complete_lesson(&ho.id, &lessons[0]).expect("done");
    // Hờ, with all five and a lesson, asks to be deleted under the data law.
    store.delete_profile(&ho.id).expect("delete");

    let listing = store.create_listing(&c.farmer.id, &tea()).expect("listing");
    store.set_listing_status(&listing.id, ListingStatus::Published).expect("publish");
    store.create_listing(&c.farmer.id, &tea()).expect("a draft");
    let ask = |name: &str| NewInquiry {
        listing_id: listing.id.clone(),
        buyer_name: name.into(),
        buyer_phone: "0912 000 111".into(),
        quantity: 2,
        message: None,
    };
    let first = store.create_inquiry(&ask("Chị Hoa")).expect("inquiry");
    store.create_inquiry(&ask("Anh Nam")).expect("inquiry");
    store.set_inquiry_status(&first.id, InquiryStatus::Answered).expect("answered");

    World { store, _dir: dir, commune_id: a.commune_id, now: now + 60_000 }
}

fn village<'a>(d: &'a Dashboard, name: &str) -> &'a VillageRow {
    d.villages.iter().find(|v| v.name == name).expect("village row")
}

#[test]
fn every_figure_follows_its_rule() {
    let w = world();
    let d = w.store.dashboard(&w.commune_id, w.now).expect("dashboard").expect("commune");
    let t = &d.totals;
    assert_eq!(d.commune_name, "Xã Lũng Cú");
    assert_eq!(t.people_registered, 7, "live people: the deleted one is not counted");
    assert_eq!(t.people_trained, 4, "present at a held session: not Mai (cancelled only), not Hờ (deleted)");
    assert_eq!(t.lessons_completed, 3, "a lesson finished twice counts once; the deleted person's not at all");
    assert_eq!(t.active_learners, 2);
    let holders: Vec<i64> = t.skills.iter().map(|s| s.people).collect();
    assert_eq!(holders, vec![2, 2, 2, 2, 1], "checks at the cancelled session and the deleted person's do not count");
    assert_eq!(t.people_all_five, 1, "Sua");
    assert_eq!((t.households, t.households_at_target), (3, 1), "household 1 lost its only skilled member");
    assert_eq!(t.household_share_permille(), 333);
    assert_eq!(t.sessions_held, 2, "not the cancelled one, nor the one to come");
    assert_eq!(t.volunteers_active, 1);
    assert_eq!(t.listings_published, 1, "the draft is not published");
    assert_eq!((t.inquiries_received, t.inquiries_answered), (2, 1));

    assert_eq!(d.villages.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["Thôn Lô Lô Chải", "Thôn Sán Trồ"]);
    let a = &village(&d, "Thôn Lô Lô Chải").figures;
    let b = &village(&d, "Thôn Sán Trồ").figures;
    assert_eq!((a.people_registered, b.people_registered), (5, 2), "Sua is counted where she lives now");
    assert_eq!((a.people_trained, b.people_trained), (2, 2));
    assert_eq!((a.households, a.households_at_target), (2, 0));
    assert_eq!((b.households, b.households_at_target), (1, 1));
    assert_eq!((a.sessions_held, b.sessions_held), (1, 1));
    assert_eq!((a.listings_published, a.inquiries_received, a.inquiries_answered), (1, 2, 1));
    assert_eq!((b.listings_published, b.inquiries_received), (0, 0));

    assert_eq!(d.months.len(), 12);
    let sum = |f: fn(&langso_core::dashboard::months::MonthRow) -> i64| d.months.iter().map(f).sum::<i64>();
    assert_eq!(sum(|m| m.sessions_held), 2);
    assert_eq!(sum(|m| m.people_trained), 4);
    assert_eq!(sum(|m| m.people_registered), 7);
    assert_eq!(sum(|m| m.lessons_completed), 3);
    let last = d.months.last().expect("this month");
    assert_eq!((last.people_all_five_total, last.households_at_target_total), (1, 1));
}

#[test]
fn a_replica_with_the_same_changes_counts_the_same() {
    let w = world();
    let (_dir, replica) = temp_store();
    copy_changes(&w.store, &replica, 0, 97);
    let here = w.store.dashboard(&w.commune_id, w.now).expect("dashboard");
    let there = replica.dashboard(&w.commune_id, w.now).expect("dashboard");
    assert_eq!(here, there);
    assert!(here.is_some());
}

#[test]
fn the_target_is_set_by_the_commune_and_checked() {
    let w = world();
    assert_eq!(w.store.dashboard(&w.commune_id, w.now).expect("read").expect("commune").target_percent, None);
    w.store.set_household_target(&w.commune_id, Some(80)).expect("target");
    assert_eq!(w.store.dashboard(&w.commune_id, w.now).expect("read").expect("commune").target_percent, Some(80));
    for bad in [0, 101, -5] {
        match w.store.set_household_target(&w.commune_id, Some(bad)) {
            Err(Error::Invalid(invalid)) => assert_eq!(invalid.message_id(), "invalid-range"),
            other => panic!("{bad}% should be refused, got {other:?}"),
        }
    }
    assert!(w.store.set_household_target("no-such-commune", Some(50)).is_err());
    assert_eq!(w.store.dashboard(&w.commune_id, w.now).expect("read").expect("commune").target_percent, Some(80));
    w.store.set_household_target(&w.commune_id, None).expect("cleared");
    assert_eq!(w.store.dashboard(&w.commune_id, w.now).expect("read").expect("commune").target_percent, None);
}

#[test]
fn a_province_table_has_each_commune_and_nothing_of_another_province() {
    let w = world();
    let other = w
        .store
        .create_commune(&NewCommune {
            name: "Xã Sà Phìn".into(), district: None, province: Some("Hà Giang".into())
        })
        .expect("commune");
    w.store
        .create_commune(&NewCommune { name: "Xã Tả Van".into(), district: None, province: Some("Lào Cai".into()) })
        .expect("commune");
    let table = w.store.province_table("Hà Giang", w.now).expect("table");
    assert_eq!(table.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Xã Lũng Cú", "Xã Sà Phìn"]);
    let commune = w.store.dashboard(&w.commune_id, w.now).expect("dashboard").expect("commune");
    assert_eq!(table[0].figures, commune.totals, "the table's row is the commune's own figures");
    assert_eq!(table[1].commune_id, other.id);
    assert_eq!(table[1].figures.people_registered, 0);
    assert!(w.store.dashboard("no-such-commune", w.now).expect("read").is_none());
}

#[test]
fn shares_round_half_up_and_nothing_of_nothing_is_zero() {
    assert_eq!(share_permille(2, 3), 667);
    assert_eq!(share_permille(1, 3), 333);
    assert_eq!(share_permille(1, 8), 125);
    assert_eq!(share_permille(0, 0), 0);
    assert_eq!(share_permille(5, 5), 1000);
}

/// A completion another device made earlier, arriving after this device's own: the lesson
/// counts once, in the month it was first finished.
#[test]
fn a_completion_that_arrives_late_moves_the_lesson_to_its_first_month() {
    use std::collections::BTreeMap;

    use langso_core::replica::change::{Change, ChangeBody};
    use langso_core::replica::clock::Stamp;
    use langso_core::replica::value::Value;

    let (_dir, store) = temp_store();
    let c = seed(&store);
    let lesson = store.catalogue("vi").expect("catalogue").remove(0);
    store.complete_lesson(&c.villager.id, &lesson.id).expect("done today");
    let now = now_ms() + 60_000;
    let before = store.dashboard(&c.village.commune_id, now).expect("count").expect("commune");
    assert_eq!(before.totals.lessons_completed, 1);
    assert_eq!(before.months.last().expect("this month").lessons_completed, 1);

    let at = now - 62 * DAY;
    let values: BTreeMap<String, Value> = [
        ("profile_id", Value::from(c.villager.id.as_str())),
        ("lesson_id", Value::from(lesson.id.as_str())),
        ("lesson_version", Value::from(i64::from(lesson.version))),
        ("kind", Value::from("complete")),
        ("at", Value::from(at)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let stamp = Stamp { hlc: (u64::try_from(now / 1000).expect("now") << 32) + 1, node: uuid::Uuid::now_v7() };
    let change = Change {
        table: "lesson_progress".into(),
        row: uuid::Uuid::now_v7().to_string(),
        stamp,
        body: ChangeBody::Fact { values },
    };
    assert!(store.apply(&[change]).expect("apply").rejected.is_empty());

    let after = store.dashboard(&c.village.commune_id, now).expect("count").expect("commune");
    assert_eq!(after.totals.lessons_completed, 1, "still one lesson");
    assert_eq!(after.months.last().expect("this month").lessons_completed, 0, "not this month any more");
    assert_eq!(after.months.iter().map(|m| m.lessons_completed).sum::<i64>(), 1, "but two months ago");
    assert_eq!(after.totals.active_learners, 1);
}
