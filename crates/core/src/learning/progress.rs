//! What a learner did in a lesson, recorded as immutable facts: a step reached, a quiz
//! answer and whether it was right, a lesson completed.

use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use crate::learning::lesson::{AssetRef, known_language, pick, quiz_narration, voice};
use crate::learning::pack::Texts;
use crate::people::profile::profile_in;
use crate::replica::capture::new_id;
use crate::replica::schema::LESSON_PROGRESS;
use crate::replica::store::Tx;
use crate::time::now_ms;
use crate::validate::{Field, Invalid, Rule};
use crate::{Result, Store};

/// What the learner sees right after answering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AnswerFeedback {
    pub correct: bool,
    /// Index of the right choice, to show it.
    pub correct_choice: usize,
    pub explanation: String,
    /// The explanation read aloud, for the low-literacy mode.
    pub explanation_narration: Option<AssetRef>,
}

/// One learner's progress in one lesson.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct LessonProgress {
    pub lesson_id: String,
    /// The step (0-based) the learner saw last, to resume there.
    pub last_step: Option<u16>,
    pub completed_at: Option<i64>,
    pub answers: u32,
    pub right: u32,
    /// The quiz questions answered rightly at least once, so a resumed quiz skips them.
    pub right_questions: Vec<String>,
}

/// The lesson's version and number of steps, or an "unknown lesson" error.
fn lesson_in(tx: &Tx<'_>, id: &str) -> Result<(i64, i64)> {
    tx.sql
        .prepare_cached(
            "SELECT version, json_array_length(steps) FROM lessons
             WHERE id = ?1 AND deleted = 0 AND version IS NOT NULL AND steps IS NOT NULL",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Invalid::new(Field::Lesson, Rule::Unknown).into())
}

impl Store {
    /// Records that `profile_id` reached `step` (0-based) of a lesson.
    pub fn record_step(&self, profile_id: &str, lesson_id: &str, step: u16) -> Result<()> {
        self.write(|tx| {
            profile_in(tx, profile_id)?;
            let (version, steps) = lesson_in(tx, lesson_id)?;
            if i64::from(step) >= steps {
                return Err(Invalid::new(Field::Step, Rule::Range { min: 0, max: steps - 1 }).into());
            }
            tx.insert_fact(
                &LESSON_PROGRESS,
                &new_id(),
                &[
                    ("profile_id", profile_id.into()),
                    ("lesson_id", lesson_id.into()),
                    ("lesson_version", version.into()),
                    ("kind", "step".into()),
                    ("step", i64::from(step).into()),
                    ("at", now_ms().into()),
                ],
            )
        })
    }

    /// Records an answer to a quiz question and says, in `language`, whether it was right.
    pub fn answer(&self, profile_id: &str, question_id: &str, choice: usize, language: &str) -> Result<AnswerFeedback> {
        let language = known_language(language);
        self.write(|tx| {
            profile_in(tx, profile_id)?;
            let question: Option<(String, String, i64, String, Option<String>)> = tx
                .sql
                .prepare_cached(
                    "SELECT lesson_id, choices, correct, explanation, narration FROM quiz_questions
                     WHERE id = ?1 AND deleted = 0 AND lesson_id IS NOT NULL AND choices IS NOT NULL
                       AND correct IS NOT NULL AND explanation IS NOT NULL",
                )?
                .query_row([question_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
                .optional()?;
            let (lesson_id, choices, right, explanation, narration) =
                question.ok_or(Invalid::new(Field::Question, Rule::Unknown))?;
            let (version, _) = lesson_in(tx, &lesson_id)?;
            let choices: Vec<Texts> = serde_json::from_str(&choices).unwrap_or_default();
            if choice >= choices.len() {
                return Err(Invalid::new(Field::Choice, Rule::Unknown).into());
            }
            let correct = i64::try_from(choice).is_ok_and(|c| c == right);
            tx.insert_fact(
                &LESSON_PROGRESS,
                &new_id(),
                &[
                    ("profile_id", profile_id.into()),
                    ("lesson_id", lesson_id.as_str().into()),
                    ("lesson_version", version.into()),
                    ("kind", "answer".into()),
                    ("question_id", question_id.into()),
                    ("choice", (choice as i64).into()),
                    ("correct", correct.into()),
                    ("at", now_ms().into()),
                ],
            )?;
            let explanation: Texts = serde_json::from_str(&explanation).unwrap_or_default();
            Ok(AnswerFeedback {
                correct,
                correct_choice: usize::try_from(right).unwrap_or_default(),
                explanation: pick(&explanation, language),
                explanation_narration: voice(&tx.sql, &quiz_narration(narration.as_deref()).explanation, language)?,
            })
        })
    }

    /// Records that `profile_id` finished a lesson.
    pub fn complete_lesson(&self, profile_id: &str, lesson_id: &str) -> Result<()> {
        self.write(|tx| {
            profile_in(tx, profile_id)?;
            let (version, _) = lesson_in(tx, lesson_id)?;
            tx.insert_fact(
                &LESSON_PROGRESS,
                &new_id(),
                &[
                    ("profile_id", profile_id.into()),
                    ("lesson_id", lesson_id.into()),
                    ("lesson_version", version.into()),
                    ("kind", "complete".into()),
                    ("at", now_ms().into()),
                ],
            )
        })
    }

    /// A learner's progress in every lesson they have opened.
    pub fn progress(&self, profile_id: &str) -> Result<Vec<LessonProgress>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT lesson_id,
                        (SELECT s.step FROM lesson_progress s
                         WHERE s.profile_id = ?1 AND s.lesson_id = p.lesson_id AND s.kind = 'step'
                         ORDER BY s.at DESC, s._hlc DESC LIMIT 1),
                        min(CASE WHEN kind = 'complete' THEN at END),
                        count(CASE WHEN kind = 'answer' THEN 1 END),
                        count(CASE WHEN kind = 'answer' AND correct = 1 THEN 1 END),
                        json_group_array(DISTINCT CASE WHEN kind = 'answer' AND correct = 1 THEN question_id END)
                 FROM lesson_progress p WHERE profile_id = ?1 GROUP BY lesson_id ORDER BY lesson_id",
            )?;
            let rows = stmt.query_map([profile_id], |r| {
                let right_questions: Vec<Option<String>> =
                    serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default();
                Ok(LessonProgress {
                    lesson_id: r.get(0)?,
                    last_step: r.get(1)?,
                    completed_at: r.get(2)?,
                    answers: r.get(3)?,
                    right: r.get(4)?,
                    right_questions: right_questions.into_iter().flatten().collect(),
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }
}
