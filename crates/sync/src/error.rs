//! The errors of syncing; each renders as a localised message for the status line.

use langso_core::Localizer;
use langso_core::i18n::Arg;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("cannot reach the server: {0}")]
    Offline(String),
    #[error("the server answered {status}: {message}")]
    Server { status: u16, message: String },
    #[error("this device is not enrolled, or was revoked")]
    Unauthorized,
    #[error("the join code is not valid")]
    BadCode,
    #[error("this device is enrolled there already")]
    AlreadyEnrolled,
    #[error("this device was revoked there")]
    Revoked,
    #[error("too many join code attempts; wait {wait_secs} s")]
    TooManyTries { wait_secs: u64 },
    #[error("malformed sync data: {0}")]
    Malformed(String),
    #[error("too large")]
    TooLarge,
    /// The peer refused the request for a reason it named, one of `protocol::refusals`.
    #[error("refused: {0}")]
    Refused(&'static str),
    #[error(transparent)]
    Store(#[from] langso_core::Error),
}

pub type Result<T, E = SyncError> = std::result::Result<T, E>;

impl SyncError {
    pub fn message_id(&self) -> &'static str {
        match self {
            SyncError::Offline(_) => "sync-error-offline",
            SyncError::Server { .. } => "sync-error-server",
            SyncError::Unauthorized => "sync-error-unauthorized",
            SyncError::BadCode => "sync-error-bad-code",
            SyncError::AlreadyEnrolled => "server-error-device-enrolled",
            SyncError::Revoked => "server-error-device-revoked",
            SyncError::TooManyTries { .. } => "server-error-too-many-tries",
            SyncError::Malformed(_) | SyncError::TooLarge => "sync-error-malformed",
            SyncError::Refused(id) => id,
            SyncError::Store(e) => e.message_id(),
        }
    }

    pub fn localize(&self, l10n: &Localizer, lang: &str) -> String {
        match self {
            SyncError::Store(e) => e.localize(l10n, lang),
            SyncError::TooManyTries { wait_secs } => {
                l10n.format(lang, self.message_id(), &[("seconds", Arg::from(*wait_secs))])
            }
            _ => l10n.format(lang, self.message_id(), &[]),
        }
    }
}
