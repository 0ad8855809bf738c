//! The default storage: the synced data in a `langso_core::Store` (`data.sqlite3`) and the
//! server's own records, join codes and devices, in `server.sqlite3`.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use include_dir::{Dir, include_dir};
use langso_core::Store;
use langso_core::learning::pack::Pack;
use langso_core::replica::change::Change;
use langso_core::replica::merge::{ApplyReport, Rejection};
use langso_core::role::Role;
use langso_core::validate;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use rusqlite_migration::Migrations;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::ServerError;
use crate::db::{Database, Device, PullPage};
use crate::{join_codes, rules};

/// Longest device name kept, in characters.
const DEVICE_NAME_MAX: usize = 80;

/// How many log pages one pull may scan looking for changes the device may see.
const PAGES_PER_PULL: usize = 8;

static MIGRATIONS_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/migrations");

/// The schema of the server's own database, embedded from `crates/server/migrations`.
pub fn migrations() -> Result<Migrations<'static>, ServerError> {
    Ok(Migrations::from_directory(&MIGRATIONS_DIR)?)
}

#[derive(Debug)]
pub struct SqliteDatabase {
    pub(crate) data: Arc<Store>,
    admin: Mutex<Connection>,
}

pub(crate) fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Unix seconds: the server's records (codes, devices, uploads) are dated in seconds.
pub(crate) fn now_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

impl SqliteDatabase {
    /// Opens (creating) the server's databases in `dir`.
    pub fn open(dir: &Path) -> Result<SqliteDatabase, ServerError> {
        std::fs::create_dir_all(dir).map_err(|e| ServerError::Internal(format!("{}: {e}", dir.display())))?;
        let data = Arc::new(Store::open(&dir.join("data.sqlite3"))?);
        SqliteDatabase::with_store(data, &dir.join("server.sqlite3"))
    }

    /// Serves an existing store (a volunteer's app turned hub), with join codes and devices in
    /// `admin`.
    pub fn with_store(data: Arc<Store>, admin: &Path) -> Result<SqliteDatabase, ServerError> {
        let mut admin = Connection::open(admin)?;
        admin.pragma_update(None, "journal_mode", "WAL")?;
        admin.pragma_update(None, "synchronous", "FULL")?;
        admin.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations()?.to_latest(&mut admin)?;
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
    fn enroll(
        &self,
        code: &str,
        node: Uuid,
        device_name: &str,
        current_token: Option<&str>,
    ) -> Result<(Device, String), ServerError> {
        let mut admin = self.admin();
        let tx = admin.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // The code first, so that a caller without one learns nothing about devices.
        let code = join_codes::redeem(&tx, code)?;
        let enrolled: Option<(String, String, Option<i64>)> = tx
            .query_row(
                "SELECT token_hash, commune_id, revoked_at FROM devices WHERE node = ?1",
                [node.as_bytes()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        // A node id is no secret (it is in the clock of every row it wrote): enrolling it
        // again takes its current token, stays in its commune, and a revocation is final.
        match enrolled {
            None => {}
            Some((_, _, Some(_))) => return Err(ServerError::DeviceRevoked),
            Some((token_hash, commune_id, None)) => {
                let proven = current_token.is_some_and(|t| hash(t) == token_hash);
                if !proven || commune_id != code.commune_id {
                    return Err(ServerError::DeviceEnrolled);
                }
            }
        }
        let token = format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple());
        let name = validate::display_name(device_name, DEVICE_NAME_MAX);
        tx.execute(
            "INSERT INTO devices (token_hash, node, commune_id, role, name) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (node) DO UPDATE SET token_hash = excluded.token_hash, role = excluded.role,
               name = excluded.name",
            rusqlite::params![hash(&token), node.as_bytes(), code.commune_id, code.role.as_str(), name],
        )?;
        tx.commit()?;
        Ok((Device { node, commune_id: code.commune_id, role: code.role }, token))
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

    fn blob_received(&self, device: &Device, hash: &str) -> Result<Option<usize>, ServerError> {
        self.upload_progress(device, hash)
    }

    fn receive_blob(
        &self,
        device: &Device,
        hash: &str,
        mime: &str,
        total: usize,
        offset: usize,
        bytes: &[u8],
    ) -> Result<bool, ServerError> {
        self.take_chunk(device, hash, mime, total, offset, bytes)
    }

    fn blob(&self, device: &Device, hash: &str) -> Result<Option<(Vec<u8>, String)>, ServerError> {
        if !self.may_fetch(device, hash)? {
            return Ok(None);
        }
        Ok(self.data.blob(hash)?)
    }

    fn publish(&self, pack: &Pack) -> Result<ApplyReport, ServerError> {
        Ok(self.data.install_pack(pack)?)
    }
}

#[cfg(test)]
mod tests {
    use super::migrations;

    #[test]
    fn the_server_migrations_are_valid() {
        migrations().expect("migrations load").validate().expect("migrations validate");
    }
}
