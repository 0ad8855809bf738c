//! Learning on a shared phone: the pack's pictures and narration, resuming, what was learnt,
//! the start screen, display preferences and taking one's data away.

mod common;

use common::{bundled_pack, copy_changes, seed, temp_store};
use langso_core::learning::topic::Topic;
use langso_core::people::device_profiles::Display;

/// The budget for the whole pack.
const PACK_BUDGET_BYTES: usize = 25 * 1024 * 1024;

#[test]
fn the_bundled_pack_has_a_picture_and_narration_per_step_and_fits_the_budget() {
    let pack = bundled_pack();
    assert!(pack.lessons.len() >= 20, "at least 20 lessons");
    for skill in Topic::BASIC_SKILLS {
        let lessons = pack.lessons.iter().filter(|l| l.topic == skill).count();
        assert!(lessons >= 3, "{}: {lessons} lessons", skill.as_str());
    }
    for lesson in &pack.lessons {
        assert!((4..=8).contains(&lesson.steps.len()), "{}: 4–8 steps", lesson.slug);
        assert!((3..=5).contains(&lesson.quiz.len()), "{}: 3–5 questions", lesson.slug);
        for step in &lesson.steps {
            assert!(pack.assets.contains_key(&format!("{}/{}", lesson.slug, step.illustration)));
            for language in ["vi", "en"] {
                assert!(pack.assets.contains_key(&format!("{}/{}", lesson.slug, step.narration[language])));
            }
        }
    }
    let bytes: usize = pack.assets.values().map(|a| a.bytes.len()).sum();
    println!("pack assets: {} files, {bytes} bytes", pack.assets.len());
    assert!(bytes < PACK_BUDGET_BYTES, "pack is {bytes} bytes");
}

#[test]
fn a_lesson_shows_its_pictures_and_narration_in_the_learners_language() {
    let (_dir, store) = temp_store();
    seed(&store);
    let card = store.catalogue("vi").expect("catalogue").remove(0);
    let vi = store.lesson(&card.id, "vi").expect("lesson").expect("exists");
    let en = store.lesson(&card.id, "en").expect("lesson").expect("exists");
    for (v, e) in vi.steps.iter().zip(&en.steps) {
        let picture = v.illustration.as_ref().expect("picture");
        assert_eq!(picture.mime, "image/svg+xml");
        assert_eq!(e.illustration, v.illustration, "one picture for every language");
        let (said_vi, said_en) = (v.narration.as_ref().expect("vi narration"), e.narration.as_ref().expect("en"));
        assert_ne!(said_vi.hash, said_en.hash);
        let (bytes, mime) = store.blob(&said_vi.hash).expect("read").expect("narration bytes are here");
        assert_eq!(mime, "audio/ogg");
        assert!(bytes.starts_with(b"OggS"), "an Ogg stream");
    }
}

#[test]
fn installing_the_pack_again_writes_nothing_and_lesson_files_are_never_uploaded() {
    let (_dir, store) = temp_store();
    seed(&store);
    let before = store.last_seq().expect("seq");
    store.install_pack(&bundled_pack()).expect("again");
    assert_eq!(store.last_seq().expect("seq"), before);
    assert!(store.wanted_blobs().expect("wanted").is_empty());
    assert!(store.blobs_to_send("http://127.0.0.1:1").expect("to send").is_empty(), "the publisher's files stay");
}

#[test]
fn a_fresh_device_has_nothing_of_the_pack_to_push() {
    let (_dir, store) = temp_store();
    store.install_pack(&bundled_pack()).expect("pack");
    let page = store.outbox("http://127.0.0.1:1", usize::MAX).expect("outbox");
    assert!(
        page.changes.is_empty(),
        "the pack's {} changes are the publisher's, never the device's",
        page.changes.len()
    );
    assert_eq!(store.waiting("http://127.0.0.1:1").expect("waiting"), 0);
}

#[test]
fn every_quiz_question_and_answer_is_read_aloud_in_both_languages() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    for card in store.catalogue("vi").expect("catalogue") {
        for language in ["vi", "en"] {
            let lesson = store.lesson(&card.id, language).expect("read").expect("lesson");
            for q in &lesson.quiz {
                assert!(q.narration.is_some(), "{} {}: question {}", card.slug, language, q.id);
                assert_eq!(q.choice_narrations.len(), q.choices.len());
                assert!(
                    q.choice_narrations.iter().all(Option::is_some),
                    "{} {}: choices of {}",
                    card.slug,
                    language,
                    q.id
                );
            }
            let first = &lesson.quiz[0];
            let feedback = store.answer(&c.villager.id, &first.id, 0, language).expect("answer");
            let spoken = feedback.explanation_narration.expect("the explanation is read aloud");
            assert_eq!(spoken.mime, "audio/ogg");
        }
    }
    let lesson = store.lesson(&store.catalogue("vi").expect("catalogue")[0].id, "vi").expect("read").expect("lesson");
    let english = store.lesson(&lesson.card.id, "en").expect("read").expect("lesson");
    assert_ne!(lesson.quiz[0].narration, english.quiz[0].narration, "each language its own voice");
}

#[test]
fn a_device_that_got_lessons_by_sync_wants_their_files() {
    let (_a, publisher) = temp_store();
    seed(&publisher);
    let (_b, phone) = temp_store();
    copy_changes(&publisher, &phone, 0, 500);
    let wanted = phone.wanted_blobs().expect("wanted");
    assert_eq!(wanted.len(), bundled_pack().assets.len());
    let card = phone.catalogue("vi").expect("catalogue").remove(0);
    let lesson = phone.lesson(&card.id, "vi").expect("lesson").expect("exists");
    assert!(lesson.steps.iter().all(|s| s.illustration.is_none()), "no picture before its bytes arrive");
}

#[test]
fn a_learner_resumes_where_they_left_off_and_skips_questions_already_right() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    let card = store.catalogue("vi").expect("catalogue").remove(0);
    let lesson = store.lesson(&card.id, "vi").expect("lesson").expect("exists");
    for step in [0, 1, 2, 3, 1] {
        store.record_step(&c.villager.id, &card.id, step).expect("step");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let first = &lesson.quiz[0];
    store.answer(&c.villager.id, &first.id, 0, "vi").expect("answer");
    let right = (0..first.choices.len())
        .find(|&i| store.answer(&c.villager.id, &first.id, i, "vi").expect("answer").correct)
        .expect("one choice is right");
    let progress = store.progress(&c.villager.id).expect("progress").remove(0);
    assert_eq!(progress.last_step, Some(1), "back to the step seen last, not the furthest");
    assert_eq!(progress.right_questions, vec![first.id.clone()]);
    assert_eq!(progress.answers, u32::try_from(right).expect("small") + 2);
    assert_eq!(progress.completed_at, None);
}

#[test]
fn what_a_learner_has_learnt_counts_lessons_and_skills() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    let safety: Vec<_> =
        store.catalogue("en").expect("catalogue").into_iter().filter(|l| l.topic == Topic::OnlineSafety).collect();
    assert!(safety.len() >= 2);
    for lesson in &safety {
        store.complete_lesson(&c.villager.id, &lesson.id).expect("complete");
    }
    store.complete_lesson(&c.villager.id, &safety[0].id).expect("completing again counts once");
    let learnt = store.learnt(&c.villager.id, "en").expect("learnt");
    assert_eq!(
        (learnt.name.as_str(), learnt.village.as_str(), learnt.commune.as_str()),
        ("Lò Thị Mai", "Thôn Lô Lô Chải", "Xã Lũng Cú")
    );
    assert_eq!(learnt.lessons.len(), safety.len());
    assert_eq!(learnt.lessons[0].title, safety[0].title);
    let skill = learnt.skills.iter().find(|s| s.topic == Topic::OnlineSafety).expect("online safety");
    assert!(skill.basic && skill.mastered && skill.completed == skill.total);
    assert!(learnt.skills.iter().filter(|s| s.topic != Topic::OnlineSafety).all(|s| !s.mastered));
    assert!(learnt.skills.iter().take_while(|s| s.basic).count() == 5, "the five basic skills first");
    assert!(store.learnt(&c.volunteer.id, "vi").expect("learnt").lessons.is_empty());
}

#[test]
fn the_start_screen_lists_profiles_used_here_with_their_display_preferences() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    assert!(store.device_profiles().expect("profiles").is_empty(), "profiles synced from elsewhere are not shown");
    store.remember_profile(&c.villager.id).expect("remember");
    std::thread::sleep(std::time::Duration::from_millis(2));
    store.remember_profile(&c.farmer.id).expect("remember");
    let names: Vec<String> = store.device_profiles().expect("profiles").into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["Sùng Thị Dế", "Lò Thị Mai"], "most recent first");
    let large = Display { text_size: 2, high_contrast: true };
    store.set_display(&c.villager.id, large).expect("display");
    assert_eq!(store.display(&c.villager.id).expect("display"), large);
    assert_eq!(store.display(&c.farmer.id).expect("display"), Display::default());
    store.delete_profile(&c.villager.id).expect("delete");
    let names: Vec<String> = store.device_profiles().expect("profiles").into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["Sùng Thị Dế"]);
}

#[test]
fn a_learner_can_take_all_their_data_away() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    let card = store.catalogue("vi").expect("catalogue").remove(0);
    store.record_step(&c.villager.id, &card.id, 0).expect("step");
    store.complete_lesson(&c.villager.id, &card.id).expect("complete");
    let export = store.export_profile(&c.villager.id).expect("export");
    assert_eq!(export.profile.name, "Lò Thị Mai");
    assert_eq!(export.village, "Thôn Lô Lô Chải");
    assert_eq!(export.lesson_progress.len(), 2);
    assert_eq!(export.lesson_progress[0].lesson, card.slug);
    let json = serde_json::to_string(&export).expect("json");
    assert!(json.contains("consent_version") && json.contains("UTC+7"));
    assert!(!json.contains("argon2"), "the PIN hash never leaves");
}
