//! The errors of the core crate; each one renders as a localised message.

use crate::i18n::{Arg, Localizer};
use crate::learning::pack::PackError;
use crate::validate::Invalid;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("storage: {0}")]
    Storage(#[from] rusqlite::Error),
    #[error("schema migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("unknown language {0:?}")]
    UnknownLanguage(String),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Pack(#[from] PackError),
    #[error("wrong PIN")]
    WrongPin,
    /// A bug: code asked for a table or column the schema does not have.
    #[error("schema misuse: {0}")]
    Schema(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The Fluent id of the message a person sees for this error.
    pub fn message_id(&self) -> &'static str {
        match self {
            Error::Storage(_) | Error::Migration(_) => "error-storage",
            Error::UnknownLanguage(_) => "error-unknown-language",
            Error::Invalid(e) => e.message_id(),
            Error::Pack(e) => e.message_id(),
            Error::WrongPin => "error-wrong-pin",
            Error::Schema(_) => "error-internal",
        }
    }

    /// The error in the person's language.
    pub fn localize(&self, l10n: &Localizer, lang: &str) -> String {
        match self {
            Error::UnknownLanguage(asked) => {
                l10n.format(lang, self.message_id(), &[("language", Arg::from(asked.as_str()))])
            }
            Error::Invalid(e) => e.localize(l10n, lang),
            Error::Pack(e) => e.localize(l10n, lang),
            _ => l10n.format(lang, self.message_id(), &[]),
        }
    }
}
