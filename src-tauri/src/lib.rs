//! The Tauri 2 shell of Làng Số: it opens the store, builds the application state of
//! `langso-commands` and registers its commands (`commands.rs`); nothing else.

mod bundled_pack;
mod commands;
mod error;
pub mod headless;
mod startup;

use std::sync::Arc;

use langso_commands::App;
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
            let downloads = app.path().download_dir().ok();
            let state = App::new(store, dir, downloads, tauri::async_runtime::handle().inner());
            startup::enroll_from_environment(&state);
            app.manage(state);
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
}
