//! The Tauri 2 shell of Làng Số: thin command adapters over `langso-core`.

mod bundled_pack;
mod commands;
mod error;
pub mod headless;
mod hub_mode;
mod startup;
mod sync_engine;

use std::sync::Arc;

use tauri::Manager;

pub use error::StartupError;

/// Opens the app window on the local store, filled from the bundled pack on first launch.
pub fn run() -> Result<(), tauri::Error> {
    tauri::Builder::default()
        .setup(|app| {
            let dir = match startup::data_dir_override() {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            let store = Arc::new(startup::open_store(&dir).inspect_err(|e| eprintln!("{}", e.localize()))?);
            let engine = sync_engine::SyncEngine::start(store.clone());
            startup::enroll_from_environment(&store, &engine);
            app.manage(store);
            app.manage(engine);
            app.manage(hub_mode::HubMode::default());
            app.manage(startup::DataDir(dir));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::catalogue,
            commands::get_settings,
            commands::set_language,
            commands::sync_status,
            commands::sync_now,
            commands::enroll,
            commands::start_hub,
            commands::stop_hub,
            commands::hub_info
        ])
        .run(tauri::generate_context!())
}
