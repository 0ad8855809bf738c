//! A phone that never joined a commune: its people learn at once; when it joins, each
//! chooses their village, and what they learnt reaches the commune once, with its times, each
//! fact after the profile it belongs to.

mod common;

use common::{bundled_pack, temp_store};
use langso_core::Error;
use langso_core::people::profile::NewProfile;
use langso_core::places::NewCommune;
use langso_core::replica::change::{Change, ChangeBody};
use langso_core::role::Role;
use langso_core::validate::{Field, Rule};

const SERVER: &str = "http://127.0.0.1:1";

fn unplaced(name: &str) -> NewProfile {
    NewProfile {
        village_id: None,
        role: Role::Villager,
        name: name.to_owned(),
        household: None,
        birth_year: None,
        phone: None,
        avatar: Some("buffalo".into()),
        pin: None,
        consent_version: Some("2026-11".into()),
        read_aloud: true,
    }
}

fn fact_profile(change: &Change) -> Option<&str> {
    match &change.body {
        ChangeBody::Fact { values } => values.get("profile_id").and_then(|v| v.as_text()),
        ChangeBody::Column { .. } => None,
    }
}

#[test]
fn a_person_learns_before_joining_and_once_placed_their_progress_arrives_once_with_its_times() {
    let (_phone_dir, phone) = temp_store();
    phone.install_pack(&bundled_pack()).expect("pack");
    let lesson = phone.lesson(&phone.catalogue("vi").expect("catalogue")[0].id, "vi").expect("read").expect("lesson");

    // No commune, no village: the person starts at once.
    let mai = phone.create_profile(&unplaced("Lò Thị Mai")).expect("a profile before joining");
    assert_eq!((mai.commune_id.as_deref(), mai.village_id.as_deref()), (None, None));
    assert!(mai.read_aloud);
    let card = &phone.device_profiles().expect("start screen")[0];
    assert_eq!((card.id.as_str(), card.placed), (mai.id.as_str(), false), "on the start screen, not yet placed");
    for step in 0..lesson.steps.len() {
        phone.record_step(&mai.id, &lesson.card.id, u16::try_from(step).expect("step")).expect("step");
    }
    phone.answer(&mai.id, &lesson.quiz[0].id, 0, "vi").expect("answer");
    phone.complete_lesson(&mai.id, &lesson.card.id).expect("complete");
    let learnt = phone.learnt(&mai.id, "vi").expect("the certificate needs no village");
    assert_eq!((learnt.lessons.len(), learnt.village.as_str()), (1, ""));
    let before = phone.progress(&mai.id).expect("progress");
    let facts_written = lesson.steps.len() + 2;

    // Nothing of hers would be pushed: the server would refuse a profile without a commune.
    let page = phone.outbox(SERVER, usize::MAX).expect("outbox");
    assert!(page.changes.is_empty(), "held back: {:?}", page.changes.first());
    phone.acknowledge(SERVER, page.cursor).expect("the empty push moves on");

    // Joining: the commune and its villages arrive by sync.
    let (_server_dir, server) = temp_store();
    server.install_pack(&bundled_pack()).expect("pack");
    let commune = server
        .create_commune(&NewCommune { name: "Xã Lũng Cú".into(), district: None, province: None })
        .expect("commune");
    let village = server.create_village(&commune.id, "Thôn Lô Lô Chải").expect("village");
    phone.save_peer_token(SERVER, "token", Role::Villager).expect("enrolled");
    let pulled = server.changes_since(0, usize::MAX).expect("server log");
    phone.apply_pulled(SERVER, &pulled.changes, pulled.cursor).expect("pull");
    assert_eq!(phone.unplaced_profiles().expect("unplaced").len(), 1);

    // A joined phone makes no more profiles without a village.
    match phone.create_profile(&unplaced("Vàng Thị Dế")) {
        Err(Error::Invalid(i)) => assert_eq!((i.field, i.rule), (Field::Village, Rule::Empty)),
        other => panic!("a profile without a village after joining: {other:?}"),
    }

    let placed = phone.place_profile(&mai.id, &village.id).expect("placed");
    assert_eq!(placed.commune_id.as_deref(), Some(commune.id.as_str()));
    assert!(phone.unplaced_profiles().expect("unplaced").is_empty());
    assert!(phone.device_profiles().expect("start screen")[0].placed);

    // The push, one log entry per batch: the whole profile first, then each fact once.
    let mut pushed: Vec<Change> = Vec::new();
    loop {
        let page = phone.outbox(SERVER, 1).expect("outbox");
        pushed.extend(page.changes);
        phone.acknowledge(SERVER, page.cursor).expect("acknowledged");
        if !page.more {
            break;
        }
    }
    let first_fact = pushed.iter().position(|c| fact_profile(c).is_some()).expect("facts pushed");
    let profile_columns: Vec<&str> = pushed[..first_fact]
        .iter()
        .filter(|c| c.table == "profiles" && c.row == mai.id)
        .filter_map(|c| match &c.body {
            ChangeBody::Column { column, .. } => Some(column.as_str()),
            ChangeBody::Fact { .. } => None,
        })
        .collect();
    for column in ["commune_id", "village_id", "role", "name", "consent_at", "consent_version", "deleted"] {
        assert!(profile_columns.contains(&column), "{column} travels before the facts: {profile_columns:?}");
    }
    let facts: Vec<&Change> = pushed.iter().filter(|c| fact_profile(c) == Some(mai.id.as_str())).collect();
    assert_eq!(facts.len(), facts_written, "every fact once");
    assert!(pushed[first_fact..].iter().all(|c| fact_profile(c).is_some()), "nothing of hers after the facts");

    // The commune holds her with her original times; a second push has nothing more.
    server.apply(&pushed).expect("the server applies it");
    assert_eq!(server.progress(&mai.id).expect("progress"), before);
    assert_eq!(server.profile(&mai.id).expect("read").expect("profile").village_id, Some(village.id.clone()));
    assert!(phone.outbox(SERVER, usize::MAX).expect("outbox").changes.is_empty());
}

#[test]
fn a_profile_without_a_village_has_no_household_and_cannot_be_emptied_of_its_village() {
    let (_dir, phone) = temp_store();
    let refused =
        phone.create_profile(&NewProfile { household: Some("someone's".into()), ..unplaced("Lò Thị Mai") });
    assert!(matches!(refused, Err(Error::Invalid(i)) if i.field == Field::Household));
    assert!(phone.device_profiles().expect("start screen").is_empty(), "the refusal wrote nothing");

    let common::Commune { village, villager, .. } = common::seed(&phone);
    let edit = langso_core::people::profile::ProfileEdit {
        village_id: None,
        name: villager.name.clone(),
        household: None,
        birth_year: None,
        phone: None,
        avatar: None,
    };
    match phone.edit_profile(&villager.id, &edit) {
        Err(Error::Invalid(i)) => assert_eq!((i.field, i.rule), (Field::Village, Rule::Empty)),
        other => panic!("a placed profile emptied of its village: {other:?}"),
    }
    assert_eq!(phone.profile(&villager.id).expect("read").expect("profile").village_id, Some(village.id));
}
