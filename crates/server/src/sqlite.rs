//! The default storage: the synced data in a `langso_core::Store` (`data.sqlite3`) and the
//! server's own records, join codes and devices, in `server.sqlite3`.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use langso_core::Store;
use langso_core::change::Change;
use langso_core::merge::{ApplyReport, Rejection};
use langso_core::pack::Pack;
use langso_core::profile::Role;
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::ServerError;
use crate::db::{Database, Device, PullPage};
use crate::rules;

/// How many log pages one pull may scan looking for changes the device may see.
const PAGES_PER_PULL: usize = 8;

const ADMIN_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS join_codes (
    code_hash  TEXT PRIMARY KEY,
    commune_id TEXT NOT NULL,
    role       TEXT NOT NULL,
    created_at INTEGER NOT NULL DEFAULT (unixepoch()),
    revoked    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE IF NOT EXISTS devices (
    token_hash  TEXT PRIMARY KEY,
    node        BLOB NOT NULL UNIQUE,
    commune_id  TEXT NOT NULL,
    role        TEXT NOT NULL,
    name        TEXT NOT NULL,
    enrolled_at INTEGER NOT NULL DEFAULT (unixepoch()),
    revoked_at  INTEGER
) STRICT;";

#[derive(Debug)]
pub struct SqliteDatabase {
    pub(crate) data: Arc<Store>,
    admin: Mutex<Connection>,
}

pub(crate) fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

impl SqliteDatabase {
    /// Opens (creating) the server's databases in `dir`.
    pub fn open(dir: &Path) -> Result<SqliteDatabase, ServerError> {
        std::fs::create_dir_all(dir).map_err(|e| ServerError::Malformed(format!("{}: {e}", dir.display())))?;
        let data = Arc::new(Store::open(&dir.join("data.sqlite3"))?);
        SqliteDatabase::with_store(data, &dir.join("server.sqlite3"))
    }

    /// Serves an existing store (a volunteer's app turned hub), with join codes and devices in
    /// `admin`.
    pub fn with_store(data: Arc<Store>, admin: &Path) -> Result<SqliteDatabase, ServerError> {
        let admin = Connection::open(admin)?;
        admin.pragma_update(None, "journal_mode", "WAL")?;
        admin.pragma_update(None, "synchronous", "FULL")?;
        admin.busy_timeout(std::time::Duration::from_secs(5))?;
        admin.execute_batch(ADMIN_SCHEMA)?;
        Ok(SqliteDatabase { data, admin: Mutex::new(admin) })
    }

    pub fn store(&self) -> &Arc<Store> {
        &self.data
    }

    /// The devices enrolled here and their roles: what a hub vouches for upstream.
    pub fn devices(&self) -> Result<Vec<(Uuid, Role)>, ServerError> {
        let admin = self.admin();
        let mut stmt = admin.prepare("SELECT node, role FROM devices WHERE revoked_at IS NULL ORDER BY node")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, [u8; 16]>(0)?, r.get::<_, String>(1)?)))?;
        let mut devices = Vec::new();
        for row in rows {
            let (node, role) = row?;
            if let Some(role) = Role::parse(&role) {
                devices.push((Uuid::from_bytes(node), role));
            }
        }
        Ok(devices)
    }

    pub(crate) fn admin(&self) -> MutexGuard<'_, Connection> {
        self.admin.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Database for SqliteDatabase {
    fn enroll(&self, code: &str, node: Uuid, device_name: &str) -> Result<(Device, String), ServerError> {
        let admin = self.admin();
        let found: Option<(String, String)> = admin
            .query_row(
                "SELECT commune_id, role FROM join_codes WHERE code_hash = ?1 AND revoked = 0",
                [hash(&normalise_code(code))],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (commune_id, role) = found.ok_or(ServerError::BadCode)?;
        let role = Role::parse(&role).ok_or(ServerError::BadCode)?;
        let token = format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple());
        let name: String = device_name.chars().filter(|c| !c.is_control()).take(80).collect();
        admin.execute(
            "INSERT INTO devices (token_hash, node, commune_id, role, name) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (node) DO UPDATE SET token_hash = excluded.token_hash, commune_id = excluded.commune_id,
               role = excluded.role, name = excluded.name, enrolled_at = unixepoch(), revoked_at = NULL",
            rusqlite::params![hash(&token), node.as_bytes(), commune_id, role.as_str(), name],
        )?;
        Ok((Device { node, commune_id, role }, token))
    }

    fn device(&self, token: &str) -> Result<Option<Device>, ServerError> {
        let found: Option<([u8; 16], String, String)> = self
            .admin()
            .query_row(
                "SELECT node, commune_id, role FROM devices WHERE token_hash = ?1 AND revoked_at IS NULL",
                [hash(token)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        Ok(found.and_then(|(node, commune_id, role)| {
            Role::parse(&role).map(|role| Device { node: Uuid::from_bytes(node), commune_id, role })
        }))
    }

    fn push(&self, device: &Device, attested: &[(Uuid, Role)], changes: &[Change]) -> Result<ApplyReport, ServerError> {
        // A change already held arrived by another path (a hub, a retry): nothing to check.
        let held = self.data.holds(changes)?;
        let fresh: Vec<(usize, &Change)> = changes.iter().enumerate().filter(|(i, _)| !held[*i]).collect();
        let candidates: Vec<Change> = fresh.iter().map(|(_, c)| (*c).clone()).collect();
        let refused: Vec<(usize, Rejection)> = rules::check_push(&self.data, device, attested, &candidates)?
            .into_iter()
            .map(|(i, why)| (fresh[i].0, why))
            .collect();
        let allowed: Vec<(usize, &Change)> =
            fresh.into_iter().filter(|(i, _)| !refused.iter().any(|(r, _)| r == i)).collect();
        let batch: Vec<Change> = allowed.iter().map(|(_, c)| (*c).clone()).collect();
        let mut report = self.data.apply(&batch)?;
        report.unchanged += held.iter().filter(|h| **h).count();
        // The merge numbered its rejections within the allowed changes; renumber them.
        for (index, _) in &mut report.rejected {
            *index = allowed[*index].0;
        }
        report.rejected.extend(refused);
        report.rejected.sort_by_key(|(i, _)| *i);
        Ok(report)
    }

    fn pull(&self, device: &Device, cursor: u64, max_entries: usize) -> Result<PullPage, ServerError> {
        let mut page = PullPage { changes: Vec::new(), cursor, more: true };
        for _ in 0..PAGES_PER_PULL {
            let log = self.data.changes_since(page.cursor, max_entries)?;
            page.changes.extend(rules::visible(&self.data, device, log.changes)?);
            page.cursor = log.cursor;
            page.more = log.more;
            if !page.more || !page.changes.is_empty() {
                break;
            }
        }
        Ok(page)
    }

    fn blob_received(&self, hash: &str) -> Result<Option<usize>, ServerError> {
        if self.data.blob(hash)?.is_some() {
            return Ok(None);
        }
        Ok(Some(self.data.blob_received(hash)?))
    }

    fn receive_blob(
        &self,
        hash: &str,
        mime: &str,
        total: usize,
        offset: usize,
        bytes: &[u8],
    ) -> Result<bool, ServerError> {
        Ok(self.data.receive_blob(hash, mime, total, offset, bytes)?)
    }

    fn blob(&self, hash: &str) -> Result<Option<(Vec<u8>, String)>, ServerError> {
        Ok(self.data.blob(hash)?)
    }

    fn publish(&self, pack: &Pack) -> Result<ApplyReport, ServerError> {
        Ok(self.data.install_pack(pack)?)
    }
}

/// Join codes are typed by people: case, spaces and dashes do not matter.
pub(crate) fn normalise_code(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}
