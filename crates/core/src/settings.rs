//! Per-device settings that survive restarts. Local only: not synced.

use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use crate::i18n::{DEFAULT_LANGUAGE, Localizer};
use crate::{Error, Result, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Settings {
    /// The language the app speaks; a folder name under `locales/`.
    pub language: String,
}

const LANGUAGE: &str = "language";

impl Store {
    pub fn settings(&self) -> Result<Settings> {
        let stored: Option<String> = self.read(|c| {
            Ok(c.query_row("SELECT value FROM settings WHERE key = ?1", [LANGUAGE], |r| r.get(0)).optional()?)
        })?;
        // A language whose folder a later build dropped falls back instead of failing the app.
        let language =
            stored.filter(|l| Localizer::embedded().has_language(l)).unwrap_or_else(|| DEFAULT_LANGUAGE.to_owned());
        Ok(Settings { language })
    }

    pub fn set_language(&self, language: &str) -> Result<Settings> {
        if !Localizer::embedded().has_language(language) {
            return Err(Error::UnknownLanguage(language.to_owned()));
        }
        self.write(|tx| {
            tx.sql.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [LANGUAGE, language],
            )?;
            Ok(())
        })?;
        self.settings()
    }
}
