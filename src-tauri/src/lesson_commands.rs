//! Commands of the lesson player and of "what I have learnt", for the person using the
//! device now.

use std::sync::Arc;

use langso_core::Store;
use langso_core::learning::learnt::Learnt;
use langso_core::learning::lesson::Lesson;
use langso_core::learning::progress::{AnswerFeedback, LessonProgress};
use langso_core::search::HitKind;
use tauri::State;
use tauri::ipc::Response;

use crate::error::CommandError;
use crate::person::Person;

/// How many lessons the search box lists at most.
const SEARCH_LIMIT: usize = 20;

#[tauri::command]
pub async fn lesson(store: State<'_, Arc<Store>>, id: String, language: String) -> Result<Lesson, CommandError> {
    store
        .lesson(&id, &language)
        .map_err(|e| CommandError::new(&e, &store))?
        .ok_or_else(|| CommandError::unknown_lesson(&store))
}

/// A picture or a narration, as raw bytes (no JSON on the way).
#[tauri::command]
pub async fn asset(store: State<'_, Arc<Store>>, hash: String) -> Result<Response, CommandError> {
    match store.blob(&hash).map_err(|e| CommandError::new(&e, &store))? {
        Some((bytes, _)) => Ok(Response::new(bytes)),
        None => Err(CommandError::unknown_lesson(&store)),
    }
}

/// Lesson ids matching what the person typed, best first.
#[tauri::command]
pub async fn search_lessons(
    store: State<'_, Arc<Store>>,
    query: String,
    language: String,
) -> Result<Vec<String>, CommandError> {
    let hits = store.search(&query, &language, SEARCH_LIMIT).map_err(|e| CommandError::new(&e, &store))?;
    Ok(hits.into_iter().filter(|h| h.kind == HitKind::Lesson).map(|h| h.id).collect())
}

#[tauri::command]
pub async fn progress(
    store: State<'_, Arc<Store>>,
    person: State<'_, Person>,
) -> Result<Vec<LessonProgress>, CommandError> {
    let id = person.require(&store)?;
    store.progress(&id).map_err(|e| CommandError::new(&e, &store))
}

#[tauri::command]
pub async fn record_step(
    store: State<'_, Arc<Store>>,
    person: State<'_, Person>,
    lesson_id: String,
    step: u16,
) -> Result<(), CommandError> {
    let id = person.require(&store)?;
    store.record_step(&id, &lesson_id, step).map_err(|e| CommandError::new(&e, &store))
}

#[tauri::command]
pub async fn answer(
    store: State<'_, Arc<Store>>,
    person: State<'_, Person>,
    question_id: String,
    choice: usize,
    language: String,
) -> Result<AnswerFeedback, CommandError> {
    let id = person.require(&store)?;
    store.answer(&id, &question_id, choice, &language).map_err(|e| CommandError::new(&e, &store))
}

#[tauri::command]
pub async fn complete_lesson(
    store: State<'_, Arc<Store>>,
    person: State<'_, Person>,
    lesson_id: String,
) -> Result<(), CommandError> {
    let id = person.require(&store)?;
    store.complete_lesson(&id, &lesson_id).map_err(|e| CommandError::new(&e, &store))
}

#[tauri::command]
pub async fn learnt(
    store: State<'_, Arc<Store>>,
    person: State<'_, Person>,
    language: String,
) -> Result<Learnt, CommandError> {
    let id = person.require(&store)?;
    store.learnt(&id, &language).map_err(|e| CommandError::new(&e, &store))
}
