//! Where the store lives and how it is made ready.

use std::path::{Path, PathBuf};

use langso_commands::App;
use langso_core::Store;

use crate::bundled_pack;
use crate::error::StartupError;

/// The store's file name inside the app's data folder.
pub const STORE_FILE: &str = "langso.sqlite3";

/// `LANGSO_DATA_DIR` points the app at another data folder (tests, a second profile on one
/// laptop); without it the platform's app data folder is used.
pub fn data_dir_override() -> Option<PathBuf> {
    std::env::var_os("LANGSO_DATA_DIR").filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// Opens the store in `dir` and installs whatever the bundled pack has that it lacks, once
/// it is sure the programme's publisher signed the pack.
pub fn open_store(dir: &Path) -> Result<Store, StartupError> {
    std::fs::create_dir_all(dir).map_err(|source| StartupError::DataDir { dir: dir.to_owned(), source })?;
    let store = Store::open(&dir.join(STORE_FILE))?;
    let pack = bundled_pack::load()?;
    if !langso_sync::envelope::pack_is_trusted(&pack) {
        return Err(StartupError::UnsignedPack);
    }
    store.install_pack(&pack)?;
    Ok(store)
}

/// `LANGSO_SERVER` and `LANGSO_JOIN_CODE` enroll a device that is not enrolled yet (the demo
/// and the end-to-end test start the app this way); a person enrolls from the app instead.
pub fn enroll_from_environment(app: &App) {
    let (Ok(server), Ok(code)) = (std::env::var("LANGSO_SERVER"), std::env::var("LANGSO_JOIN_CODE")) else {
        return;
    };
    if !app.store().peers().map(|p| p.is_empty()).unwrap_or(false) {
        return;
    }
    let engine = app.sync_engine().clone();
    tauri::async_runtime::spawn(async move {
        if let Err(e) = engine.enroll(&server, &code).await {
            eprintln!("enrollment with {server} failed: {e}");
        }
    });
}
