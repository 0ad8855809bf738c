//! The local SQLite store: one file per device, migrated on open.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use include_dir::{Dir, include_dir};
use rusqlite::Connection;
use rusqlite_migration::Migrations;

use crate::Result;
use crate::lesson::{self, Installed, LessonCard};
use crate::pack::Pack;
use crate::settings::{self, Settings};

static MIGRATIONS_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/migrations");

/// The schema migrations, embedded from `crates/core/migrations`.
pub fn migrations() -> Result<Migrations<'static>> {
    Ok(Migrations::from_directory(&MIGRATIONS_DIR)?)
}

/// A device's store. Safe to share between threads.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    conn: Mutex<Connection>,
}

/// What installing a lesson pack changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PackReport {
    pub added: usize,
    pub upgraded: usize,
    pub unchanged: usize,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        migrations()?.to_latest(&mut conn)?;
        Ok(Store {
            path: path.to_owned(),
            conn: Mutex::new(conn),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn settings(&self) -> Result<Settings> {
        settings::get(&self.conn())
    }

    pub fn set_language(&self, language: &str) -> Result<Settings> {
        let conn = self.conn();
        settings::set_language(&conn, language)?;
        settings::get(&conn)
    }

    /// The lesson catalogue in `language`, in pack order.
    pub fn catalogue(&self, language: &str) -> Result<Vec<LessonCard>> {
        lesson::list_cards(&self.conn(), language)
    }

    /// Installs every lesson of `pack` that is new or newer than the stored copy, all in one
    /// transaction: a crash leaves either the old catalogue or the new one.
    pub fn install_pack(&self, pack: &Pack) -> Result<PackReport> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut report = PackReport::default();
        for (position, l) in pack.lessons.iter().enumerate() {
            match lesson::install(&tx, l, position)? {
                Installed::Added => report.added += 1,
                Installed::Upgraded => report.upgraded += 1,
                Installed::Unchanged => report.unchanged += 1,
            }
        }
        tx.commit()?;
        Ok(report)
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written (the transaction
        // rolls back on drop), so the connection stays usable.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: a commit is on disk before we report it; a villager's entry must survive a
    // battery pulled a second later.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(MIGRATIONS_DIR.dirs().count() > 0);
        migrations()
            .expect("migrations load")
            .validate()
            .expect("migrations validate");
    }
}
