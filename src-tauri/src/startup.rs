//! Where the store lives and how it is made ready.

use std::path::{Path, PathBuf};

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

/// Opens the store in `dir` and installs whatever the bundled pack has that it lacks.
pub fn open_store(dir: &Path) -> Result<Store, StartupError> {
    std::fs::create_dir_all(dir).map_err(|source| StartupError::DataDir { dir: dir.to_owned(), source })?;
    let store = Store::open(&dir.join(STORE_FILE))?;
    store.install_pack(&bundled_pack::load()?)?;
    Ok(store)
}
