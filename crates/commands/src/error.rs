//! Why a command failed, and the one place where that becomes what the UI receives: a stable
//! code and a message in the person's language.

use std::path::PathBuf;

use langso_core::Localizer;
use langso_core::i18n::Arg;
use langso_core::validate::{Field, Invalid, Rule};
use langso_server::ServerError;
use langso_sync::SyncError;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Core(#[from] langso_core::Error),
    #[error(transparent)]
    Sync(#[from] SyncError),
    #[error(transparent)]
    Server(#[from] ServerError),
    /// A person's command with nobody's profile open (the window was reloaded, say).
    #[error("no profile is open")]
    NoProfile,
    /// A volunteer's or official's command from anyone else's profile.
    #[error("only volunteers and officials may do this")]
    StaffOnly,
    /// A farmer's command from anyone else's profile, or from a farmer not yet in a village.
    #[error("only farmers may do this")]
    FarmerOnly,
    /// The dashboard is a commune official's.
    #[error("only officials may do this")]
    OfficialOnly,
    /// A farmer's product written on a device not enrolled as a farmer's (or an official's):
    /// the server would refuse it.
    #[error("products are listed only on a farmer's device")]
    NotSellerDevice,
    #[error(transparent)]
    Photo(#[from] langso_photos::PhotoError),
    /// A volunteer's or official's profile on a device not enrolled in that role.
    #[error("that role is not this device's")]
    RoleNotEnrolled,
    #[error("wait {0} s before the next PIN")]
    PinWait(u64),
    #[error("saving {path}: {source}")]
    SaveFailed { path: PathBuf, source: std::io::Error },
    #[error("internal: {0}")]
    Internal(String),
}

impl Failure {
    pub fn unknown_lesson() -> Failure {
        Failure::Core(Invalid::new(Field::Lesson, Rule::Unknown).into())
    }

    /// The failure in `language`, for the UI.
    pub fn localize(&self, language: &str) -> CommandError {
        let l10n = Localizer::embedded();
        let (code, message) = match self {
            Failure::Core(e) => (e.message_id(), e.localize(l10n, language)),
            Failure::Sync(e) => (e.message_id(), e.localize(l10n, language)),
            Failure::Server(e) => (e.message_id(), e.localize(language)),
            Failure::NoProfile => ("error-no-profile", l10n.format(language, "error-no-profile", &[])),
            Failure::StaffOnly => ("error-staff-only", l10n.format(language, "error-staff-only", &[])),
            Failure::FarmerOnly => ("error-farmer-only", l10n.format(language, "error-farmer-only", &[])),
            Failure::OfficialOnly => ("error-official-only", l10n.format(language, "error-official-only", &[])),
            Failure::NotSellerDevice => {
                ("error-not-seller-device", l10n.format(language, "error-not-seller-device", &[]))
            }
            Failure::Photo(e) => (e.message_id(), l10n.format(language, e.message_id(), &[])),
            Failure::RoleNotEnrolled => {
                ("error-role-not-enrolled", l10n.format(language, "error-role-not-enrolled", &[]))
            }
            Failure::PinWait(seconds) => {
                ("error-pin-wait", l10n.format(language, "error-pin-wait", &[("seconds", Arg::from(*seconds))]))
            }
            Failure::SaveFailed { path, .. } => (
                "error-save-failed",
                l10n.format(language, "error-save-failed", &[("path", Arg::from(path.display().to_string()))]),
            ),
            Failure::Internal(_) => ("error-internal", l10n.format(language, "error-internal", &[])),
        };
        CommandError { code, message }
    }
}

/// What the UI receives when a command fails: a stable code and a message in the person's
/// language, never a bare string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
}

pub type Result<T, E = Failure> = std::result::Result<T, E>;
