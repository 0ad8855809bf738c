//! Errors of the shell at startup, printed; a command's failure becomes a `CommandError` in
//! `commands.rs`.

use std::path::PathBuf;

use langso_core::Localizer;
use langso_core::i18n::{Arg, DEFAULT_LANGUAGE};
use langso_core::learning::pack::PackError;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot create the data folder {dir}: {source}")]
    DataDir { dir: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Core(#[from] langso_core::Error),
    #[error("the bundled lesson pack is invalid: {0}")]
    Pack(#[from] PackError),
    #[error("the bundled lesson pack is not signed by a trusted publisher")]
    UnsignedPack,
}

impl StartupError {
    /// The error in the default language: at startup the stored choice may be unreadable.
    pub fn localize(&self) -> String {
        let l10n = Localizer::embedded();
        match self {
            StartupError::DataDir { dir, .. } => {
                l10n.format(DEFAULT_LANGUAGE, "error-data-dir", &[("path", Arg::from(dir.display().to_string()))])
            }
            StartupError::Core(e) => e.localize(l10n, DEFAULT_LANGUAGE),
            StartupError::Pack(e) => e.localize(l10n, DEFAULT_LANGUAGE),
            StartupError::UnsignedPack => l10n.format(DEFAULT_LANGUAGE, "error-pack-unsigned", &[]),
        }
    }
}
