//! The Tauri 2 shell of Làng Số: thin command adapters over `langso-core`.

mod bundled_pack;
mod commands;
mod error;
pub mod headless;
mod hub_mode;
mod lesson_commands;
mod person;
mod profile_commands;
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
            app.manage(person::Person::default());
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
            commands::hub_info,
            profile_commands::villages,
            profile_commands::device_profiles,
            profile_commands::create_profile,
            profile_commands::open_profile,
            profile_commands::close_profile,
            profile_commands::edit_profile,
            profile_commands::set_pin,
            profile_commands::set_display,
            profile_commands::delete_profile,
            profile_commands::export_profile,
            lesson_commands::lesson,
            lesson_commands::asset,
            lesson_commands::search_lessons,
            lesson_commands::progress,
            lesson_commands::record_step,
            lesson_commands::answer,
            lesson_commands::complete_lesson,
            lesson_commands::learnt
        ])
        .run(tauri::generate_context!())
}
