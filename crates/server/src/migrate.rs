//! `langso-server migrate-to-postgres`: copies a SQLite server's data into PostgreSQL so that
//! the devices carry on as if nothing moved. Devices keep their tokens, codes their hashes and
//! uses, and every change its clock and its log position, so a device's cursor still points at
//! what it has not pulled (it gets the lesson pack's rows once more, which changes nothing).

use langso_core::replica::change::Change;
use uuid::Uuid;

use crate::postgres::PostgresStorage;
use crate::storage::is_reference;
use crate::{ServerError, SqliteStorage, Storage, rules};

/// Log entries copied per PostgreSQL transaction.
const BATCH: usize = 1_000;

/// A device as stored, secrets hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRecord {
    pub node: Uuid,
    pub token_hash: Option<String>,
    pub commune_id: String,
    pub role: String,
    pub name: String,
    pub enrolled_at: i64,
    pub revoked_at: Option<i64>,
    pub public_key: Option<Vec<u8>>,
    pub registered_by: Option<Uuid>,
    pub last_seen_at: Option<i64>,
    pub app_version: Option<String>,
}

/// Everything that is not synced data: devices, join codes (by hash), who uploaded what.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Accounts {
    pub devices: Vec<DeviceRecord>,
    pub codes: Vec<(String, crate::join_codes::JoinCode)>,
    pub uploaders: Vec<(String, Uuid)>,
}

/// One change on its way into PostgreSQL: its commune (`""` for the lesson pack), its log
/// position on the source, and who besides staff may read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    pub commune: String,
    pub change: Change,
    pub at: i64,
    pub reader: Option<Uuid>,
}

/// What a copy moved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Copied {
    pub devices: usize,
    pub codes: usize,
    pub blobs: usize,
    pub changes: usize,
}

/// Copies everything from `source` into an empty PostgreSQL database.
pub fn sqlite_to_postgres(source: &SqliteStorage, target: &PostgresStorage) -> Result<Copied, ServerError> {
    if !target.is_empty()? {
        return Err(ServerError::TargetNotEmpty);
    }
    let accounts = source.accounts()?;
    target.import_accounts(&accounts)?;
    let mut copied = Copied { devices: accounts.devices.len(), codes: accounts.codes.len(), ..Copied::default() };
    source.each_blob(&mut |bytes, mime| {
        target.put_blob(bytes, mime)?;
        copied.blobs += 1;
        Ok(())
    })?;
    let mut batch: Vec<Copy> = Vec::new();
    let mut cursor = 0;
    loop {
        // One log entry at a time, to learn each one's position.
        let page = source.page("", cursor, 1, None)?;
        for change in page.changes {
            let (commune, reader) = rules::placement_of(source, &change)?;
            let commune = match commune {
                Some(commune) => commune,
                None if is_reference(&change.table) => String::new(),
                None => return Err(ServerError::Corrupt(format!("{} {}", change.table, change.row))),
            };
            batch.push(Copy { commune, change, at: i64::try_from(page.cursor).unwrap_or(i64::MAX), reader });
        }
        cursor = page.cursor;
        if batch.len() >= BATCH || !page.more {
            copied.changes += batch.len();
            target.import(&batch)?;
            batch.clear();
        }
        if !page.more {
            return Ok(copied);
        }
    }
}
