//! The commands the UI may call (each one is allowed in `capabilities/default.json`).
//! They are async so that SQLite work never runs on the window's main thread.

use std::sync::Arc;

use langso_core::Store;
use langso_core::learning::lesson::LessonCard;
use langso_core::settings::Settings;
use tauri::State;

use crate::error::CommandError;
use crate::hub_mode::{HubInfo, HubMode};
use crate::startup::DataDir;
use crate::sync_engine::{SyncEngine, SyncStatus};

#[tauri::command]
pub async fn catalogue(store: State<'_, Arc<Store>>, language: String) -> Result<Vec<LessonCard>, CommandError> {
    store.catalogue(&language).map_err(|e| CommandError::new(&e, &store))
}

#[tauri::command]
pub async fn get_settings(store: State<'_, Arc<Store>>) -> Result<Settings, CommandError> {
    store.settings().map_err(|e| CommandError::new(&e, &store))
}

#[tauri::command]
pub async fn set_language(store: State<'_, Arc<Store>>, language: String) -> Result<Settings, CommandError> {
    store.set_language(&language).map_err(|e| CommandError::new(&e, &store))
}

#[tauri::command]
pub async fn sync_status(engine: State<'_, Arc<SyncEngine>>) -> Result<SyncStatus, CommandError> {
    Ok(engine.status())
}

#[tauri::command]
pub async fn sync_now(engine: State<'_, Arc<SyncEngine>>) -> Result<SyncStatus, CommandError> {
    engine.wake();
    Ok(engine.status())
}

/// Joins this device to a commune's server with a join code from an official.
#[tauri::command]
pub async fn enroll(
    store: State<'_, Arc<Store>>,
    engine: State<'_, Arc<SyncEngine>>,
    server: String,
    code: String,
) -> Result<SyncStatus, CommandError> {
    engine.enroll(server.trim(), &code).await.map_err(|e| CommandError::sync(&e, &store))?;
    Ok(engine.status())
}

/// Turns this device into the sync point of a training session.
#[tauri::command]
pub async fn start_hub(
    store: State<'_, Arc<Store>>,
    engine: State<'_, Arc<SyncEngine>>,
    hub: State<'_, HubMode>,
    data: State<'_, DataDir>,
) -> Result<HubInfo, CommandError> {
    hub.start(&store, &engine, &data.0).await.map_err(|e| CommandError::server(&e, &store))
}

#[tauri::command]
pub async fn stop_hub(engine: State<'_, Arc<SyncEngine>>, hub: State<'_, HubMode>) -> Result<(), CommandError> {
    hub.stop(&engine).await;
    Ok(())
}

#[tauri::command]
pub async fn hub_info(hub: State<'_, HubMode>) -> Result<Option<HubInfo>, CommandError> {
    Ok(hub.info().await)
}
