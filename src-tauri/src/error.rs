//! Errors of the shell: at startup (printed) and across the IPC boundary (shown by the UI).

use std::path::{Path, PathBuf};

use langso_core::i18n::{Arg, DEFAULT_LANGUAGE};
use langso_core::learning::pack::PackError;
use langso_core::validate::{Field, Invalid, Rule};
use langso_core::{Localizer, Store};
use langso_server::ServerError;
use langso_sync::SyncError;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot create the data folder {dir}: {source}")]
    DataDir { dir: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Core(#[from] langso_core::Error),
    #[error("the bundled lesson pack is invalid: {0}")]
    Pack(#[from] PackError),
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
        }
    }
}

/// What the UI receives when a command fails: a stable code and a message in the person's
/// language, never a bare string.
#[derive(Debug, Serialize)]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
}

fn language(store: &Store) -> String {
    store.settings().map(|s| s.language).unwrap_or_else(|_| DEFAULT_LANGUAGE.to_owned())
}

impl CommandError {
    pub fn new(error: &langso_core::Error, store: &Store) -> CommandError {
        eprintln!("command failed: {error}");
        CommandError { code: error.message_id(), message: error.localize(Localizer::embedded(), &language(store)) }
    }

    pub fn server(error: &ServerError, store: &Store) -> CommandError {
        eprintln!("hub failed: {error}");
        CommandError { code: error.message_id(), message: error.localize(&language(store)) }
    }

    pub fn sync(error: &SyncError, store: &Store) -> CommandError {
        eprintln!("sync failed: {error}");
        CommandError { code: error.message_id(), message: error.localize(Localizer::embedded(), &language(store)) }
    }

    fn message(code: &'static str, args: &[(&str, Arg<'_>)], store: &Store) -> CommandError {
        CommandError { code, message: Localizer::embedded().format(&language(store), code, args) }
    }

    /// A person's command with nobody's profile open (the window was reloaded, say).
    pub fn no_profile(store: &Store) -> CommandError {
        CommandError::message("error-no-profile", &[], store)
    }

    pub fn pin_wait(seconds: u64, store: &Store) -> CommandError {
        CommandError::message("error-pin-wait", &[("seconds", Arg::from(seconds))], store)
    }

    pub fn unknown_lesson(store: &Store) -> CommandError {
        CommandError::new(&Invalid::new(Field::Lesson, Rule::Unknown).into(), store)
    }

    pub fn internal(store: &Store) -> CommandError {
        CommandError::message("error-internal", &[], store)
    }

    pub fn save_failed(path: &Path, error: &std::io::Error, store: &Store) -> CommandError {
        eprintln!("saving {} failed: {error}", path.display());
        CommandError::message("error-save-failed", &[("path", Arg::from(path.display().to_string()))], store)
    }
}
