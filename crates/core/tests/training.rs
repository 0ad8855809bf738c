//! The volunteers' rules on a real store: marks and their corrections, the five skills, "has
//! all five", a household at the target, who needs help, the session report, and registering
//! a villager in one step.

mod common;

use common::{Commune, new_profile, seed, temp_store};
use langso_core::learning::topic::Topic;
use langso_core::people::household::{HouseholdChoice, NewHousehold};
use langso_core::people::profile::{Profile, ProfileEdit};
use langso_core::places::NewCommune;
use langso_core::role::Role;
use langso_core::training::attendance::Attendance;
use langso_core::training::class::{HelpReason, LessonState};
use langso_core::training::session::{SessionInput, TrainingSession};
use langso_core::{Error, Store};

const START: i64 = 1_795_000_000_000;
const HOUR: i64 = 3600 * 1000;

fn lessons(store: &Store) -> Vec<String> {
    store.catalogue("vi").expect("catalogue").into_iter().map(|l| l.id).collect()
}

fn plan(store: &Store, c: &Commune, day: i64, lessons: Vec<String>) -> TrainingSession {
    let input = SessionInput {
        village_id: c.village.id.clone(),
        title: format!("Buổi {day}"),
        place: Some("Nhà văn hoá thôn".into()),
        starts_at: START + day * 24 * HOUR,
        ends_at: START + day * 24 * HOUR + 2 * HOUR,
        lessons,
        skills: Topic::BASIC_SKILLS.to_vec(),
    };
    store.create_session(&c.volunteer.id, &input).expect("session")
}

fn person(store: &Store, c: &Commune, name: &str) -> Profile {
    store.create_profile(&new_profile(&c.village, Role::Villager, name)).expect("person")
}

fn attend(store: &Store, c: &Commune, session: &TrainingSession, who: &Profile) {
    store.mark_attendance(&session.id, &who.id, Attendance::Present, &c.volunteer.id).expect("present");
}

fn check(store: &Store, c: &Commune, session: &TrainingSession, who: &Profile, skills: &[Topic]) {
    for skill in skills {
        store.check_skill(&session.id, &who.id, *skill, true, &c.volunteer.id).expect("check");
    }
}

fn invalid_id(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(Error::Invalid(invalid)) => invalid.message_id().to_owned(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn all_five_counts_checks_at_held_sessions_that_were_not_taken_back() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    let first = plan(&store, &c, 0, vec![]);
    let second = plan(&store, &c, 7, vec![]);
    let cancelled = plan(&store, &c, 14, vec![]);
    let lan = person(&store, &c, "Nguyễn Thị Lan");
    attend(&store, &c, &first, &lan);
    attend(&store, &c, &second, &lan);
    attend(&store, &c, &cancelled, &lan);

    // Three skills at the first session (one of them twice), two at the second.
    check(&store, &c, &first, &lan, &[Topic::PublicServices, Topic::OnlineShopping, Topic::OnlinePayments]);
    check(&store, &c, &second, &lan, &[Topic::OnlinePayments, Topic::OnlineSafety]);
    assert!(!store.skill_record(&lan.id).expect("record").all_five, "four of five");

    // The fifth at a session that is then cancelled does not count.
    check(&store, &c, &cancelled, &lan, &[Topic::LocalPlatforms]);
    assert!(store.skill_record(&lan.id).expect("record").all_five);
    store.cancel_session(&cancelled.id, "Mưa lũ, đường bị sạt").expect("cancel");
    let record = store.skill_record(&lan.id).expect("record");
    assert!(!record.all_five, "a cancelled session's checks do not count");
    assert_eq!(record.sessions_attended, 2, "nor its attendance");
    assert_eq!(record.marks.len(), 5);
    assert!(record.marks.iter().find(|m| m.skill == Topic::LocalPlatforms).expect("mark").checked_at.is_none());

    // Checked at the second session, then taken back by a second tap: still missing.
    check(&store, &c, &second, &lan, &[Topic::LocalPlatforms]);
    assert!(store.skill_record(&lan.id).expect("record").all_five);
    store.check_skill(&second.id, &lan.id, Topic::LocalPlatforms, false, &c.volunteer.id).expect("uncheck");
    assert!(!store.skill_record(&lan.id).expect("record").all_five, "a check taken back does not count");
    check(&store, &c, &second, &lan, &[Topic::LocalPlatforms]);
    let counts = store.skill_counts(&c.village.commune_id).expect("counts");
    assert_eq!(counts.people_with_all_five, 1);

    // A person deleted under the data law is no longer counted.
    store.delete_profile(&lan.id).expect("delete");
    assert_eq!(store.skill_counts(&c.village.commune_id).expect("counts").people_with_all_five, 0);
}

#[test]
fn a_household_reaches_the_target_while_one_of_its_members_has_all_five() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    let session = plan(&store, &c, 0, vec![]);
    let home = store
        .create_household(&NewHousehold {
            village_id: c.village.id.clone(),
            head_name: "Giàng A Páo".into(),
            address: Some("Số 12".into()),
        })
        .expect("household");
    let other = store
        .create_household(&NewHousehold {
            village_id: c.village.id.clone(),
            head_name: "Lò Văn Tú".into(),
            address: None,
        })
        .expect("household");
    let mut pao = new_profile(&c.village, Role::Villager, "Giàng A Páo");
    pao.household = Some(home.id.clone());
    let pao = store.create_profile(&pao).expect("head");
    let mut sua = new_profile(&c.village, Role::Villager, "Giàng Thị Sua");
    sua.household = Some(home.id.clone());
    let sua = store.create_profile(&sua).expect("member");
    assert_eq!(sua.household_name.as_deref(), Some("Giàng A Páo, Số 12"));
    assert_eq!(store.household(&home.id).expect("read").expect("home").members, 2);

    attend(&store, &c, &session, &pao);
    attend(&store, &c, &session, &sua);
    check(&store, &c, &session, &pao, &Topic::BASIC_SKILLS[..4]);
    check(&store, &c, &session, &sua, &Topic::BASIC_SKILLS[1..]);
    assert!(!store.household_at_target(&home.id).expect("target"), "two members with four each is not the target");

    check(&store, &c, &session, &sua, &[Topic::PublicServices]);
    assert!(store.household_at_target(&home.id).expect("target"));
    let counts = store.skill_counts(&c.village.commune_id).expect("counts");
    assert_eq!((counts.households, counts.households_at_target), (2, 1));

    // Sua, the only skilled member, moves to another household: the target moves with her.
    let edit = ProfileEdit {
        village_id: Some(c.village.id.clone()),
        name: sua.name.clone(),
        household: Some(other.id.clone()),
        birth_year: sua.birth_year,
        phone: sua.phone.clone(),
        avatar: sua.avatar.clone(),
    };
    store.edit_profile(&sua.id, &edit).expect("move");
    assert!(!store.household_at_target(&home.id).expect("target"));
    assert!(store.household_at_target(&other.id).expect("target"));
    store.delete_profile(&sua.id).expect("delete");
    assert_eq!(store.skill_counts(&c.village.commune_id).expect("counts").households_at_target, 0);
}

#[test]
fn marks_are_corrected_by_a_newer_mark_and_skills_need_presence() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    let session = plan(&store, &c, 0, vec![]);
    let lan = person(&store, &c, "Nguyễn Thị Lan");
    store.add_to_session(&session.id, &lan.id, &c.volunteer.id).expect("listed");
    let roster = store.roster(&session.id).expect("roster");
    assert_eq!((roster.len(), roster[0].status), (1, Attendance::Listed));

    let before = store.canonical_dump().expect("dump");
    let refused = store.check_skill(&session.id, &lan.id, Topic::OnlineSafety, true, &c.volunteer.id);
    assert_eq!(invalid_id(refused), "invalid-not-present");
    assert_eq!(store.canonical_dump().expect("dump"), before, "nothing written");

    store.mark_attendance(&session.id, &lan.id, Attendance::Late, &c.volunteer.id).expect("late");
    store.add_to_session(&session.id, &lan.id, &c.volunteer.id).expect("listed again");
    assert_eq!(store.roster(&session.id).expect("roster")[0].status, Attendance::Late, "listing keeps the mark");
    check(&store, &c, &session, &lan, &[Topic::OnlineSafety]);
    assert_eq!(store.session(&session.id).expect("read").expect("session").present, 1);
    store.mark_attendance(&session.id, &lan.id, Attendance::Absent, &c.volunteer.id).expect("absent");
    let session_now = store.session(&session.id).expect("read").expect("session");
    assert_eq!(session_now.present, 0);
    assert_eq!(store.roster(&session.id).expect("roster")[0].status, Attendance::Absent);

    // A person of another commune cannot be put on the list.
    let far = store
        .create_commune(&NewCommune { name: "Xã Sủng Là".into(), district: None, province: None })
        .expect("commune");
    let far_village = store.create_village(&far.id, "Thôn Lao Xa").expect("village");
    let stranger = store.create_profile(&new_profile(&far_village, Role::Villager, "Vừ Thị Mỷ")).expect("stranger");
    let before = store.canonical_dump().expect("dump");
    let refused = store.mark_attendance(&session.id, &stranger.id, Attendance::Present, &c.volunteer.id);
    assert_eq!(invalid_id(refused), "invalid-other-commune");
    assert_eq!(store.canonical_dump().expect("dump"), before);

    // Nor can the session itself move to another commune's village.
    let moved = SessionInput {
        village_id: far_village.id.clone(),
        title: session.title.clone(),
        place: None,
        starts_at: session.starts_at,
        ends_at: session.ends_at,
        lessons: vec![],
        skills: vec![],
    };
    assert_eq!(invalid_id(store.edit_session(&session.id, &moved)), "invalid-other-commune");

    // Nothing more is recorded at a cancelled session.
    store.cancel_session(&session.id, "Trùng lịch họp thôn").expect("cancel");
    let refused = store.mark_attendance(&session.id, &lan.id, Attendance::Present, &c.volunteer.id);
    assert_eq!(invalid_id(refused), "invalid-cancelled");
    let listed = store.sessions(&c.village.commune_id).expect("sessions");
    assert_eq!(listed[0].cancel_reason.as_deref(), Some("Trùng lịch họp thôn"), "a cancelled session stays listed");
}

#[test]
fn a_villager_is_registered_with_a_new_household_in_one_step_or_not_at_all() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    let session = plan(&store, &c, 0, vec![]);
    let new_home = HouseholdChoice::New { head_name: "Nguyễn Văn Hùng".into(), address: Some("Xóm Trên".into()) };
    let mut lan = new_profile(&c.village, Role::Villager, "Nguyễn Thị Lan");
    lan.phone = Some("12345".into());
    let before = store.canonical_dump().expect("dump");
    let refused = store.register_at_session(&lan, &new_home, &session.id, Attendance::Present, &c.volunteer.id);
    assert_eq!(invalid_id(refused), "invalid-phone");
    assert_eq!(store.canonical_dump().expect("dump"), before, "no household, no profile, no mark");

    lan.phone = None;
    let lan = store
        .register_at_session(&lan, &new_home, &session.id, Attendance::Present, &c.volunteer.id)
        .expect("registered");
    let home = lan.household.clone().expect("household");
    let hung = store
        .register_at_session(
            &new_profile(&c.village, Role::Villager, "Nguyễn Văn Hùng"),
            &HouseholdChoice::Existing { id: home.clone() },
            &session.id,
            Attendance::Late,
            &c.volunteer.id,
        )
        .expect("registered");
    assert_eq!(hung.household.as_deref(), Some(home.as_str()));
    let households = store.households(&c.village.id).expect("households");
    assert_eq!(households.len(), 1);
    assert_eq!((households[0].head_name.as_str(), households[0].members), ("Nguyễn Văn Hùng", 2));
    let roster = store.roster(&session.id).expect("roster");
    assert_eq!(roster.len(), 2);
    assert!(roster.iter().all(|r| r.household_name.as_deref() == Some("Nguyễn Văn Hùng, Xóm Trên")));

    // Found without diacritics, in any case, by the beginnings of words.
    let commune = &c.village.commune_id;
    let found: Vec<String> =
        store.find_people(commune, "nguyen thi lan", 10).expect("find").into_iter().map(|p| p.name).collect();
    assert_eq!(found, ["Nguyễn Thị Lan"]);
    let found: Vec<String> =
        store.find_people(commune, "NGUY", 10).expect("find").into_iter().map(|p| p.name).collect();
    assert_eq!(found, ["Nguyễn Thị Lan", "Nguyễn Văn Hùng"]);
    assert!(store.find_people(commune, "guyen", 10).expect("find").is_empty(), "words are matched from their start");
    assert!(store.find_people(commune, "  ", 10).expect("find").is_empty());

    // A household of another village is refused.
    let other_village = store.create_village(commune, "Thôn Séo Lủng").expect("village");
    let refused = store.register_at_session(
        &new_profile(&other_village, Role::Villager, "Sùng Mí Chứ"),
        &HouseholdChoice::Existing { id: home },
        &session.id,
        Attendance::Present,
        &c.volunteer.id,
    );
    assert_eq!(invalid_id(refused), "invalid-other-village");
}

#[test]
fn the_class_shows_progress_first_tries_and_who_needs_help() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    let all = lessons(&store);
    let earlier = plan(&store, &c, 0, vec![]);
    let session = plan(&store, &c, 7, all[..2].to_vec());
    let (done, lost, away, veteran) = (
        person(&store, &c, "An Thị Xong"),
        person(&store, &c, "Bùi Văn Sai"),
        person(&store, &c, "Cao Thị Vắng"),
        person(&store, &c, "Đỗ Văn Lâu"),
    );
    for who in [&done, &lost, &veteran] {
        attend(&store, &c, &session, who);
    }
    store.mark_attendance(&session.id, &away.id, Attendance::Absent, &c.volunteer.id).expect("absent");
    attend(&store, &c, &earlier, &veteran);
    check(&store, &c, &earlier, &veteran, &Topic::BASIC_SKILLS[..3]);

    let quiz = |lesson: &str| store.lesson(lesson, "vi").expect("read").expect("lesson").quiz;
    let right_choice = |question: &str| {
        let q = quiz(&all[0]).into_iter().chain(quiz(&all[1])).find(|q| q.id == question).expect("question");
        (0..q.choices.len())
            .find(|i| store.answer(&c.farmer.id, &q.id, *i, "vi").expect("probe").correct)
            .expect("right")
    };
    // Done: both lessons completed, every first answer right (a wrong second try is ignored).
    for lesson in &all[..2] {
        for q in quiz(lesson) {
            let right = right_choice(&q.id);
            store.answer(&done.id, &q.id, right, "vi").expect("answer");
            store.answer(&done.id, &q.id, (right + 1) % q.choices.len(), "vi").expect("answer");
        }
        store.complete_lesson(&done.id, lesson).expect("complete");
    }
    // Lost: started the first lesson, every first answer wrong, then right.
    let first_quiz = quiz(&all[0]);
    for q in &first_quiz {
        let right = right_choice(&q.id);
        store.answer(&lost.id, &q.id, (right + 1) % q.choices.len(), "vi").expect("answer");
        store.answer(&lost.id, &q.id, right, "vi").expect("answer");
    }

    let class = store.class_progress(&session.id, "vi").expect("class");
    assert_eq!(class.learners.len(), 3, "the absent are not in the class");
    assert_eq!(class.lessons.len(), 2);
    assert_eq!((class.lessons[0].completed, class.lessons[0].started, class.lessons[0].not_started), (1, 1, 1));
    let row = |who: &Profile| class.learners.iter().find(|l| l.profile_id == who.id).expect("learner");
    assert_eq!(row(&done).lessons[0].state, LessonState::Completed);
    assert_eq!(row(&done).lessons[0].first_right, row(&done).lessons[0].first_answered);
    assert_eq!(row(&lost).lessons[0].state, LessonState::Started);
    assert_eq!((row(&lost).lessons[0].first_right, row(&lost).lessons[0].first_answered), (0, first_quiz.len() as i64));
    assert_eq!(row(&veteran).lessons[1].state, LessonState::NotStarted);

    let reasons = |who: &Profile| {
        class.needs_help.iter().find(|n| n.profile_id == who.id).map(|n| n.reasons.clone()).unwrap_or_default()
    };
    assert!(reasons(&done).is_empty(), "nothing to help with");
    let lost_reasons = reasons(&lost);
    assert!(lost_reasons.contains(&HelpReason::NotCompleted { lessons: 2 }));
    assert!(lost_reasons.iter().any(|r| matches!(r, HelpReason::MostlyWrong { .. })), "{lost_reasons:?}");
    assert!(!lost_reasons.iter().any(|r| matches!(r, HelpReason::MissingSkills { .. })), "one session only");
    assert!(
        reasons(&veteran).contains(&HelpReason::MissingSkills {
            sessions: 2,
            missing: vec![Topic::OnlineSafety, Topic::LocalPlatforms]
        }),
        "two sessions and still two skills missing"
    );
    // The hardest questions are the first lesson's, each answered wrongly once of twice.
    assert!(!class.hardest.is_empty());
    assert!(class.hardest.iter().all(|h| h.lesson_id == all[0] && (h.wrong, h.answered) == (1, 2)));
    assert!(class.hardest.iter().all(|h| !h.prompt.is_empty()));

    // Two wrong of two answered is below the fewest on which "mostly wrong" is judged.
    let report = store.session_report(&session.id).expect("report");
    assert_eq!((report.listed, report.attended, report.absent), (4, 3, 1));
    assert_eq!(report.lessons_completed, 2);
    let done_row = report.rows.iter().find(|r| r.profile_id == done.id).expect("row");
    assert_eq!(done_row.lessons_completed, 2);
}
