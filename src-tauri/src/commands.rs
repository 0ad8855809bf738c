//! The commands the UI may call (each one is allowed in `capabilities/default.json`).
//! They are async so that SQLite work never runs on the window's main thread.

use langso_core::Store;
use langso_core::lesson::LessonCard;
use langso_core::settings::Settings;
use tauri::State;

use crate::error::CommandError;

#[tauri::command]
pub async fn catalogue(store: State<'_, Store>, language: String) -> Result<Vec<LessonCard>, CommandError> {
    store.catalogue(&language).map_err(|e| CommandError::new(&e, &store))
}

#[tauri::command]
pub async fn get_settings(store: State<'_, Store>) -> Result<Settings, CommandError> {
    store.settings().map_err(|e| CommandError::new(&e, &store))
}

#[tauri::command]
pub async fn set_language(store: State<'_, Store>, language: String) -> Result<Settings, CommandError> {
    store.set_language(&language).map_err(|e| CommandError::new(&e, &store))
}
