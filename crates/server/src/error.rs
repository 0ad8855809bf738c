//! Errors of the server; each renders as a localised message for the client or the CLI.

use langso_core::Localizer;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("the join code is not valid")]
    BadCode,
    #[error("unknown or revoked device")]
    Unauthorized,
    #[error("too many requests")]
    RateLimited,
    #[error("malformed request: {0}")]
    Malformed(String),
    #[error("unknown commune {0}")]
    UnknownCommune(String),
    #[error("only a volunteer's or an official's device can be a hub")]
    NotStaff,
    #[error("admin database: {0}")]
    Admin(#[from] rusqlite::Error),
    #[error(transparent)]
    Store(#[from] langso_core::Error),
    #[error(transparent)]
    Upstream(#[from] langso_sync::SyncError),
}

impl ServerError {
    pub fn message_id(&self) -> &'static str {
        match self {
            ServerError::BadCode => "sync-error-bad-code",
            ServerError::Unauthorized => "sync-error-unauthorized",
            ServerError::RateLimited => "server-error-rate-limited",
            ServerError::Malformed(_) => "sync-error-malformed",
            ServerError::UnknownCommune(_) => "server-error-unknown-commune",
            ServerError::NotStaff => "hub-error-not-staff",
            ServerError::Admin(_) => "error-storage",
            ServerError::Store(e) => e.message_id(),
            ServerError::Upstream(e) => e.message_id(),
        }
    }

    pub fn localize(&self, lang: &str) -> String {
        let l10n = Localizer::embedded();
        match self {
            ServerError::Store(e) => e.localize(l10n, lang),
            ServerError::Upstream(e) => e.localize(l10n, lang),
            _ => l10n.format(lang, self.message_id(), &[]),
        }
    }
}
