//! Which engine a server stores its data in: embedded SQLite in its data folder unless a
//! PostgreSQL address is given (`--database postgres://...` or `LANGSO_DATABASE`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::postgres::PostgresStorage;
use crate::{ServerError, SqliteStorage, Storage};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Engine {
    /// `data.sqlite3` and `server.sqlite3` in this folder.
    Sqlite(PathBuf),
    /// A PostgreSQL connection string (URL or `key=value` form).
    Postgres(String),
}

impl Engine {
    pub fn choose(data: &Path, database: Option<&str>) -> Engine {
        match database.map(str::trim).filter(|d| !d.is_empty()) {
            Some(url) => Engine::Postgres(url.to_owned()),
            None => Engine::Sqlite(data.to_owned()),
        }
    }

    pub fn open(&self) -> Result<Arc<dyn Storage>, ServerError> {
        Ok(match self {
            Engine::Sqlite(dir) => Arc::new(SqliteStorage::open(dir)?),
            Engine::Postgres(url) => Arc::new(PostgresStorage::open(url)?),
        })
    }

    /// Where the data is, for people: a folder, or the database without its password.
    pub fn describe(&self) -> String {
        match self {
            Engine::Sqlite(dir) => dir.display().to_string(),
            Engine::Postgres(url) => match url.parse::<postgres::Config>() {
                Ok(c) => format!("PostgreSQL {}", c.get_dbname().unwrap_or_default()),
                Err(_) => "PostgreSQL".to_owned(),
            },
        }
    }
}
