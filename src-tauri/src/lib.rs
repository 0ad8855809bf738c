//! The Tauri 2 shell of Làng Số: thin command adapters over `langso-core`.

mod bundled_pack;
mod commands;
mod error;
pub mod headless;
mod startup;

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
            let store = startup::open_store(&dir).inspect_err(|e| eprintln!("{}", e.localize()))?;
            app.manage(store);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![commands::catalogue, commands::get_settings, commands::set_language])
        .run(tauri::generate_context!())
}
