//! Per-device settings that survive restarts.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::i18n::{DEFAULT_LANGUAGE, Localizer};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// The language the app speaks; a folder name under `locales/`.
    pub language: String,
}

const LANGUAGE: &str = "language";

pub(crate) fn get(conn: &Connection) -> Result<Settings> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [LANGUAGE],
            |r| r.get(0),
        )
        .optional()?;
    // A language whose folder a later build dropped falls back instead of failing the app.
    let language = stored
        .filter(|l| Localizer::embedded().has_language(l))
        .unwrap_or_else(|| DEFAULT_LANGUAGE.to_owned());
    Ok(Settings { language })
}

pub(crate) fn set_language(conn: &Connection, language: &str) -> Result<()> {
    if !Localizer::embedded().has_language(language) {
        return Err(Error::UnknownLanguage(language.to_owned()));
    }
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [LANGUAGE, language],
    )?;
    Ok(())
}
