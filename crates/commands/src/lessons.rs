//! The catalogue, the lesson player and "what I have learnt", for the person using the device
//! now.

use langso_core::learning::learnt::Learnt;
use langso_core::learning::lesson::{Lesson, LessonCard};
use langso_core::learning::progress::{AnswerFeedback, LessonProgress};
use langso_core::search::HitKind;

use crate::{App, Failure, Result};

/// How many lessons the search box lists at most.
const SEARCH_LIMIT: usize = 20;

impl App {
    pub async fn catalogue(&self, language: String) -> Result<Vec<LessonCard>> {
        Ok(self.store.catalogue(&language)?)
    }

    pub async fn lesson(&self, id: String, language: String) -> Result<Lesson> {
        self.store.lesson(&id, &language)?.ok_or_else(Failure::unknown_lesson)
    }

    /// A picture or a narration of a lesson, as raw bytes.
    pub async fn asset(&self, hash: String) -> Result<Vec<u8>> {
        let (bytes, _) = self.store.blob(&hash)?.ok_or_else(Failure::unknown_lesson)?;
        Ok(bytes)
    }

    /// Lesson ids matching what the person typed, best first.
    pub async fn search_lessons(&self, query: String, language: String) -> Result<Vec<String>> {
        let hits = self.store.search(&query, &language, SEARCH_LIMIT)?;
        Ok(hits.into_iter().filter(|h| h.kind == HitKind::Lesson).map(|h| h.id).collect())
    }

    pub async fn progress(&self) -> Result<Vec<LessonProgress>> {
        Ok(self.store.progress(&self.person.require()?)?)
    }

    pub async fn record_step(&self, lesson_id: String, step: u16) -> Result<()> {
        Ok(self.store.record_step(&self.person.require()?, &lesson_id, step)?)
    }

    pub async fn answer(&self, question_id: String, choice: usize, language: String) -> Result<AnswerFeedback> {
        Ok(self.store.answer(&self.person.require()?, &question_id, choice, &language)?)
    }

    pub async fn complete_lesson(&self, lesson_id: String) -> Result<()> {
        Ok(self.store.complete_lesson(&self.person.require()?, &lesson_id)?)
    }

    pub async fn learnt(&self, language: String) -> Result<Learnt> {
        Ok(self.store.learnt(&self.person.require()?, &language)?)
    }
}
