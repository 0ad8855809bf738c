//! How a session's class is doing in the session's lessons, from the learners' synced
//! progress facts: who has not started, started or completed each lesson, their first-try
//! quiz scores, who needs help and which questions were most often answered wrongly.
//!
//! "Needs help" has three rules, each shown on screen with the people it names:
//! - **not completed**: attended the session but has not completed every lesson of it;
//! - **mostly wrong**: answered at least [`MIN_ANSWERED`] of the session's quiz questions and
//!   got more than half of them wrong the first time;
//! - **missing skills**: attended at least [`SESSIONS_FOR_SKILLS`] held sessions and still does
//!   not have all five basic skills.

use std::collections::HashMap;

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::i18n::DEFAULT_LANGUAGE;
use crate::learning::lesson::known_language;
use crate::learning::topic::Topic;
use crate::training::attendance::{ATTENDED, Attendance, CURRENT};
use crate::training::skills::held_skills;
use crate::validate::{Field, Invalid, Rule};
use crate::{Result, Store};

/// The fewest first answers on which "mostly wrong" is judged.
pub const MIN_ANSWERED: i64 = 3;
/// Held sessions attended after which a person still missing skills needs help.
pub const SESSIONS_FOR_SKILLS: i64 = 2;
/// The questions listed per lesson as most often answered wrongly.
const HARDEST_PER_LESSON: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum LessonState {
    NotStarted,
    Started,
    Completed,
}

/// One learner in one of the session's lessons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LessonCell {
    pub lesson_id: String,
    pub state: LessonState,
    /// First answers that were right, of the questions answered.
    pub first_right: i64,
    pub first_answered: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LearnerProgress {
    pub profile_id: String,
    pub name: Option<String>,
    pub status: Attendance,
    /// In the order of the session's lessons.
    pub lessons: Vec<LessonCell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClassLesson {
    pub id: String,
    pub title: String,
    pub questions: i64,
    pub completed: i64,
    pub started: i64,
    pub not_started: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "rule", rename_all = "kebab-case")]
pub enum HelpReason {
    NotCompleted { lessons: i64 },
    MostlyWrong { wrong: i64, answered: i64 },
    MissingSkills { sessions: i64, missing: Vec<Topic> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NeedsHelp {
    pub profile_id: String,
    pub name: Option<String>,
    pub reasons: Vec<HelpReason>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HardQuestion {
    pub lesson_id: String,
    pub question_id: String,
    pub prompt: String,
    /// Wrong first answers, of first answers, among the class.
    pub wrong: i64,
    pub answered: i64,
}

/// The class of a session: attended learners only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClassProgress {
    pub lessons: Vec<ClassLesson>,
    pub learners: Vec<LearnerProgress>,
    pub needs_help: Vec<NeedsHelp>,
    /// Per lesson, the questions most often answered wrongly the first time, worst first.
    pub hardest: Vec<HardQuestion>,
    pub min_answered: i64,
    pub sessions_for_skills: i64,
}

/// A first answer: (profile, lesson, question, right).
type FirstAnswer = (String, String, String, bool);

impl Store {
    /// The class progress of a session, in `language` for lesson titles and questions.
    pub fn class_progress(&self, session_id: &str, language: &str) -> Result<ClassProgress> {
        let language = known_language(language);
        let session = self.session(session_id)?.ok_or(Invalid::new(Field::Session, Rule::Unknown))?;
        let class = format!("SELECT profile_id FROM {CURRENT} WHERE session_id = ?1 AND status IN {ATTENDED}");
        let lessons_of = "SELECT value FROM json_each((SELECT lessons FROM training_sessions WHERE id = ?1))";
        self.read(|c| {
            let learners: Vec<(String, Option<String>, String)> = c
                .prepare_cached(&format!(
                    "SELECT c.profile_id, p.name, c.status FROM {CURRENT} c
                     LEFT JOIN profiles p ON p.id = c.profile_id AND p.deleted = 0
                     WHERE c.session_id = ?1 AND c.status IN {ATTENDED}
                     ORDER BY p.name IS NULL, p.name, c.profile_id"
                ))?
                .query_map([session_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let lesson_rows: Vec<(String, String, i64)> = c
                .prepare_cached(&format!(
                    "SELECT l.id, coalesce(json_extract(l.title, '$.' || ?2), json_extract(l.title, '$.' || ?3), l.slug),
                            (SELECT count(*) FROM quiz_questions q WHERE q.lesson_id = l.id AND q.deleted = 0)
                     FROM lessons l WHERE l.id IN ({lessons_of}) AND l.deleted = 0"
                ))?
                .query_map(params![session_id, language, DEFAULT_LANGUAGE], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            // (profile, lesson) → completed
            let states: HashMap<(String, String), bool> = c
                .prepare_cached(&format!(
                    "SELECT profile_id, lesson_id, max(kind = 'complete') FROM lesson_progress
                     WHERE profile_id IN ({class}) AND lesson_id IN ({lessons_of})
                     GROUP BY profile_id, lesson_id"
                ))?
                .query_map([session_id], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let firsts: Vec<FirstAnswer> = c
                .prepare_cached(&format!(
                    "SELECT profile_id, lesson_id, question_id, correct FROM (
                       SELECT profile_id, lesson_id, question_id, coalesce(correct, 0) AS correct,
                              row_number() OVER (PARTITION BY profile_id, question_id ORDER BY _hlc, id) AS n
                       FROM lesson_progress
                       WHERE kind = 'answer' AND question_id IS NOT NULL
                         AND profile_id IN ({class}) AND lesson_id IN ({lessons_of}))
                     WHERE n = 1"
                ))?
                .query_map([session_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? == 1)))?
                .collect::<rusqlite::Result<_>>()?;
            let attended_sessions: HashMap<String, i64> = c
                .prepare_cached(&format!(
                    "SELECT c.profile_id, count(*) FROM {CURRENT} c
                     JOIN training_sessions s ON s.id = c.session_id AND s.deleted = 0 AND s.cancelled_at IS NULL
                     WHERE c.status IN {ATTENDED} AND c.profile_id IN ({class})
                     GROUP BY c.profile_id"
                ))?
                .query_map([session_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut held: HashMap<String, Vec<String>> = HashMap::new();
            let held_sql =
                format!("SELECT profile_id, skill FROM {}", held_skills(&format!("k.profile_id IN ({class})")));
            for row in c.prepare_cached(&held_sql)?.query_map([session_id], |r| Ok((r.get(0)?, r.get(1)?)))? {
                let (profile, skill): (String, String) = row?;
                held.entry(profile).or_default().push(skill);
            }
            let prompts: HashMap<String, String> = c
                .prepare_cached(&format!(
                    "SELECT id, coalesce(json_extract(prompt, '$.' || ?2), json_extract(prompt, '$.' || ?3), '')
                     FROM quiz_questions WHERE lesson_id IN ({lessons_of}) AND deleted = 0"
                ))?
                .query_map(params![session_id, language, DEFAULT_LANGUAGE], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;

            // The session's lessons in its order, those this device knows.
            let lesson_rows: Vec<(String, String, i64)> = session
                .lessons
                .iter()
                .filter_map(|id| lesson_rows.iter().find(|(l, _, _)| l == id).cloned())
                .collect();
            let mut scores: HashMap<(&str, &str), (i64, i64)> = HashMap::new();
            for (profile, lesson, _, right) in &firsts {
                let score = scores.entry((profile.as_str(), lesson.as_str())).or_default();
                *score = (score.0 + i64::from(*right), score.1 + 1);
            }
            let learners: Vec<LearnerProgress> = learners
                .into_iter()
                .map(|(profile_id, name, status)| {
                    let lessons = lesson_rows
                        .iter()
                        .map(|(lesson_id, _, _)| {
                            let (first_right, first_answered) =
                                scores.get(&(profile_id.as_str(), lesson_id.as_str())).copied().unwrap_or_default();
                            let state = match states.get(&(profile_id.clone(), lesson_id.clone())) {
                                Some(true) => LessonState::Completed,
                                Some(false) => LessonState::Started,
                                None => LessonState::NotStarted,
                            };
                            LessonCell { lesson_id: lesson_id.clone(), state, first_right, first_answered }
                        })
                        .collect();
                    LearnerProgress {
                        profile_id,
                        name,
                        status: Attendance::parse(&status).unwrap_or(Attendance::Present),
                        lessons,
                    }
                })
                .collect();
            let lessons = lesson_rows
                .iter()
                .enumerate()
                .map(|(i, (id, title, questions))| {
                    let count = |s: LessonState| learners.iter().filter(|l| l.lessons[i].state == s).count() as i64;
                    ClassLesson {
                        id: id.clone(),
                        title: title.clone(),
                        questions: *questions,
                        completed: count(LessonState::Completed),
                        started: count(LessonState::Started),
                        not_started: count(LessonState::NotStarted),
                    }
                })
                .collect();
            let needs_help = learners
                .iter()
                .filter_map(|l| {
                    let reasons = help_reasons(
                        l,
                        attended_sessions.get(&l.profile_id).copied().unwrap_or(0),
                        held.get(&l.profile_id).map(Vec::as_slice).unwrap_or_default(),
                    );
                    (!reasons.is_empty()).then(|| NeedsHelp {
                        profile_id: l.profile_id.clone(),
                        name: l.name.clone(),
                        reasons,
                    })
                })
                .collect();
            let hardest = hardest_questions(&lesson_rows, &firsts, &prompts);
            Ok(ClassProgress {
                lessons,
                learners,
                needs_help,
                hardest,
                min_answered: MIN_ANSWERED,
                sessions_for_skills: SESSIONS_FOR_SKILLS,
            })
        })
    }
}

/// Why a learner needs help, by the three rules of this module.
fn help_reasons(learner: &LearnerProgress, sessions: i64, held: &[String]) -> Vec<HelpReason> {
    let mut reasons = Vec::new();
    let unfinished = learner.lessons.iter().filter(|c| c.state != LessonState::Completed).count() as i64;
    if unfinished > 0 {
        reasons.push(HelpReason::NotCompleted { lessons: unfinished });
    }
    let (right, answered) = learner.lessons.iter().fold((0, 0), |(r, a), c| (r + c.first_right, a + c.first_answered));
    let wrong = answered - right;
    if answered >= MIN_ANSWERED && wrong * 2 > answered {
        reasons.push(HelpReason::MostlyWrong { wrong, answered });
    }
    let missing: Vec<Topic> =
        Topic::BASIC_SKILLS.into_iter().filter(|s| !held.iter().any(|h| h == s.as_str())).collect();
    if sessions >= SESSIONS_FOR_SKILLS && !missing.is_empty() {
        reasons.push(HelpReason::MissingSkills { sessions, missing });
    }
    reasons
}

/// Per lesson, the questions with the most wrong first answers (at least one), worst first.
fn hardest_questions(
    lessons: &[(String, String, i64)],
    firsts: &[FirstAnswer],
    prompts: &HashMap<String, String>,
) -> Vec<HardQuestion> {
    let mut out = Vec::new();
    for (lesson_id, _, _) in lessons {
        let mut by_question: Vec<HardQuestion> = Vec::new();
        for (_, _, question, right) in firsts.iter().filter(|f| &f.1 == lesson_id) {
            let entry = match by_question.iter().position(|q| &q.question_id == question) {
                Some(i) => &mut by_question[i],
                None => {
                    by_question.push(HardQuestion {
                        lesson_id: lesson_id.clone(),
                        question_id: question.clone(),
                        prompt: prompts.get(question).cloned().unwrap_or_default(),
                        wrong: 0,
                        answered: 0,
                    });
                    let last = by_question.len() - 1;
                    &mut by_question[last]
                }
            };
            entry.answered += 1;
            entry.wrong += i64::from(!right);
        }
        by_question.retain(|q| q.wrong > 0);
        by_question
            .sort_by(|a, b| b.wrong.cmp(&a.wrong).then(a.answered.cmp(&b.answered)).then(a.prompt.cmp(&b.prompt)));
        out.extend(by_question.into_iter().take(HARDEST_PER_LESSON));
    }
    out
}
