//! The embedded engine: the synced data in a `langso_core::Store` (`data.sqlite3`), one
//! replica of every commune, and the server's own records (join codes, devices, uploads) in
//! `server.sqlite3`. The default, and what a hub runs on.

mod accounts;
mod office;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use include_dir::{Dir, include_dir};
use langso_core::Store;
use langso_core::dashboard::{CommuneRow, Dashboard};
use langso_core::learning::pack::Pack;
use langso_core::market::public::{CommuneCard, MarketQuery, ProductCard, PublicProduct};
use langso_core::places::{Commune, NewCommune, Village};
use langso_core::replica::change::{Change, ChangePage};
use langso_core::replica::merge::ApplyReport;
use langso_core::replica::value::Value;
use langso_sync::protocol::DeviceEntry;
use rusqlite::Connection;
use rusqlite_migration::Migrations;
use uuid::Uuid;

use crate::ServerError;
use crate::join_codes::JoinCode;
use crate::office::OfficeScope;
use crate::storage::{Admit, Append, Cell, CellKey, Chunk, Known, NewDevice, Registered, Storage};

/// Changes read at a time when exporting everything.
const EXPORT_BATCH: usize = 2_000;

static MIGRATIONS_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/migrations/sqlite");

/// The schema of the server's own database, embedded from `crates/server/migrations/sqlite`.
pub fn migrations() -> Result<Migrations<'static>, ServerError> {
    Ok(Migrations::from_directory(&MIGRATIONS_DIR)?)
}

/// Takes each blob's bytes and type in turn.
pub type BlobVisitor<'a> = dyn FnMut(&[u8], &str) -> Result<(), ServerError> + 'a;

#[derive(Debug)]
pub struct SqliteStorage {
    data: Arc<Store>,
    admin: Mutex<Connection>,
}

impl SqliteStorage {
    /// Opens (creating) the server's databases in `dir`.
    pub fn open(dir: &Path) -> Result<SqliteStorage, ServerError> {
        std::fs::create_dir_all(dir).map_err(|e| ServerError::Io(format!("{}: {e}", dir.display())))?;
        let data = Arc::new(Store::open(&dir.join("data.sqlite3"))?);
        SqliteStorage::with_store(data, &dir.join("server.sqlite3"))
    }

    /// Serves an existing store (a volunteer's app turned hub), with join codes and devices in
    /// `admin`.
    pub fn with_store(data: Arc<Store>, admin: &Path) -> Result<SqliteStorage, ServerError> {
        let mut admin = Connection::open(admin)?;
        admin.pragma_update(None, "journal_mode", "WAL")?;
        admin.pragma_update(None, "synchronous", "FULL")?;
        admin.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations()?.to_latest(&mut admin)?;
        Ok(SqliteStorage { data, admin: Mutex::new(admin) })
    }

    pub fn store(&self) -> &Arc<Store> {
        &self.data
    }

    /// A hub refuses the devices its upstream revoked, as well as those it revoked itself.
    fn upstream_revoked(&self, mut known: Known) -> Result<Known, ServerError> {
        known.revoked = known.revoked || self.data.is_revoked(known.device.node)?;
        Ok(known)
    }

    /// The server's own records, as stored: what a copy to another engine takes along.
    pub fn accounts(&self) -> Result<crate::migrate::Accounts, ServerError> {
        accounts::all(&self.admin())
    }

    /// Every whole blob held, with its type.
    pub fn each_blob(&self, each: &mut BlobVisitor<'_>) -> Result<(), ServerError> {
        let conn = Connection::open(self.data.path())?;
        let mut stmt = conn.prepare("SELECT data, mime FROM blobs WHERE data IS NOT NULL ORDER BY hash")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            each(&row.get::<_, Vec<u8>>(0)?, &row.get::<_, String>(1)?)?;
        }
        Ok(())
    }

    fn admin(&self) -> MutexGuard<'_, Connection> {
        self.admin.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Storage for SqliteStorage {
    fn holds(&self, _commune: &str, changes: &[Change]) -> Result<Vec<bool>, ServerError> {
        Ok(self.data.holds(changes)?)
    }

    fn cells(&self, _commune: &str, keys: &[CellKey<'_>]) -> Result<Vec<Option<Cell>>, ServerError> {
        keys.iter()
            .map(|k| {
                let Some(stamp) = self.data.column_stamp(k.table, k.row, k.column)? else { return Ok(None) };
                let value = self.data.row_value(k.table, k.row, k.column)?.unwrap_or(Value::Null);
                Ok(Some(Cell { value, stamp }))
            })
            .collect()
    }

    fn apply(&self, _commune: &str, changes: &[Change], _readers: &[Option<Uuid>]) -> Result<ApplyReport, ServerError> {
        Ok(self.data.apply(changes)?)
    }

    fn page(
        &self,
        _commune: &str,
        cursor: u64,
        max_entries: usize,
        _narrowed_to: Option<Uuid>,
    ) -> Result<ChangePage, ServerError> {
        Ok(self.data.changes_since(cursor, max_entries)?)
    }

    fn export(&self, each: &mut dyn FnMut(Vec<Change>) -> Result<(), ServerError>) -> Result<(), ServerError> {
        let mut cursor = 0;
        loop {
            let page = self.data.changes_since(cursor, EXPORT_BATCH)?;
            cursor = page.cursor;
            each(page.changes)?;
            if !page.more {
                return Ok(());
            }
        }
    }

    fn communes(&self) -> Result<Vec<Commune>, ServerError> {
        Ok(self.data.communes()?)
    }

    fn create_commune(&self, new: &NewCommune) -> Result<Commune, ServerError> {
        Ok(self.data.create_commune(new)?)
    }

    fn create_village(&self, commune_id: &str, name: &str) -> Result<Village, ServerError> {
        Ok(self.data.create_village(commune_id, name)?)
    }

    fn publish(&self, pack: &Pack) -> Result<ApplyReport, ServerError> {
        Ok(self.data.install_pack(pack)?)
    }

    fn market_search(&self, query: &MarketQuery) -> Result<Vec<ProductCard>, ServerError> {
        Ok(self.data.market_search(query)?)
    }

    fn market_product(&self, id: &str) -> Result<Option<PublicProduct>, ServerError> {
        Ok(self.data.market_product(id)?)
    }

    fn market_communes(&self) -> Result<Vec<CommuneCard>, ServerError> {
        Ok(self.data.market_communes()?)
    }

    fn market_ids(&self) -> Result<Vec<String>, ServerError> {
        Ok(self.data.market_ids()?)
    }

    fn market_photo(&self, hash: &str) -> Result<bool, ServerError> {
        Ok(self.data.market_photo(hash)?)
    }

    fn dashboard(&self, commune: &str, now: i64) -> Result<Option<Dashboard>, ServerError> {
        Ok(self.data.dashboard(commune, now)?)
    }

    fn province_table(&self, province: &str, now: i64) -> Result<Vec<CommuneRow>, ServerError> {
        Ok(self.data.province_table(province, now)?)
    }

    fn insert_office_code(
        &self,
        hash: &str,
        scope: &OfficeScope,
        expires_at: i64,
        now: i64,
    ) -> Result<(), ServerError> {
        office::insert(&self.admin(), "office_codes", hash, scope, expires_at, now)
    }

    fn take_office_code(&self, hash: &str, now: i64) -> Result<Option<OfficeScope>, ServerError> {
        office::take_code(&self.admin(), hash, now)
    }

    fn insert_office_session(
        &self,
        hash: &str,
        scope: &OfficeScope,
        expires_at: i64,
        now: i64,
    ) -> Result<(), ServerError> {
        office::insert(&self.admin(), "office_sessions", hash, scope, expires_at, now)
    }

    fn office_session(&self, hash: &str, now: i64) -> Result<Option<OfficeScope>, ServerError> {
        office::session(&self.admin(), hash, now)
    }

    fn end_office_session(&self, hash: &str) -> Result<(), ServerError> {
        office::end_session(&self.admin(), hash)
    }

    fn has_blob(&self, hash: &str) -> Result<bool, ServerError> {
        Ok(self.data.has_blob(hash)?)
    }

    fn blob(&self, hash: &str) -> Result<Option<(Vec<u8>, String)>, ServerError> {
        Ok(self.data.blob(hash)?)
    }

    fn put_blob(&self, bytes: &[u8], mime: &str) -> Result<(), ServerError> {
        self.data.put_blob(bytes, mime)?;
        Ok(())
    }

    fn is_lesson_asset(&self, hash: &str) -> Result<bool, ServerError> {
        Ok(self.data.is_lesson_asset(hash)?)
    }

    fn is_listing_photo_in(&self, hash: &str, commune: &str) -> Result<bool, ServerError> {
        Ok(self.data.is_listing_photo_in(hash, commune)?)
    }

    fn upload_len(&self, node: Uuid, hash: &str, since: i64) -> Result<Option<usize>, ServerError> {
        accounts::upload_len(&self.admin(), node, hash, since)
    }

    fn append_upload(
        &self,
        chunk: &Chunk<'_>,
        now: i64,
        expired: i64,
        append: &Append<'_>,
    ) -> Result<Option<Vec<u8>>, ServerError> {
        accounts::append_upload(&mut self.admin(), chunk, now, expired, append)
    }

    fn add_uploader(&self, hash: &str, node: Uuid) -> Result<(), ServerError> {
        self.admin().execute(
            "INSERT OR IGNORE INTO blob_uploaders (hash, node) VALUES (?1, ?2)",
            rusqlite::params![hash, node.as_bytes()],
        )?;
        Ok(())
    }

    fn uploaded(&self, hash: &str, node: Uuid) -> Result<bool, ServerError> {
        Ok(self.admin().query_row(
            "SELECT EXISTS (SELECT 1 FROM blob_uploaders WHERE hash = ?1 AND node = ?2)",
            rusqlite::params![hash, node.as_bytes()],
            |r| r.get(0),
        )?)
    }

    fn enroll(&self, code_hash: &str, node: Uuid, admit: &Admit<'_>) -> Result<NewDevice, ServerError> {
        accounts::enroll(&mut self.admin(), code_hash, node, admit)
    }

    fn device(&self, token_hash: &str) -> Result<Option<Known>, ServerError> {
        let found = accounts::device(&self.admin(), token_hash)?;
        found.map(|k| self.upstream_revoked(k)).transpose()
    }

    fn known_devices(&self, nodes: &[Uuid]) -> Result<Vec<Option<Known>>, ServerError> {
        let found = accounts::known_devices(&self.admin(), nodes)?;
        found.into_iter().map(|k| k.map(|k| self.upstream_revoked(k)).transpose()).collect()
    }

    fn register(&self, new: &Registered, now: i64) -> Result<Known, ServerError> {
        accounts::register(&mut self.admin(), new, now)
    }

    fn revoked_in(&self, commune: &str) -> Result<Vec<Uuid>, ServerError> {
        accounts::revoked_in(&self.admin(), commune)
    }

    fn devices_in(&self, commune: &str) -> Result<Vec<DeviceEntry>, ServerError> {
        accounts::devices_in(&self.admin(), commune)
    }

    fn seen(&self, node: Uuid, at: i64, app_version: Option<&str>) -> Result<(), ServerError> {
        accounts::seen(&self.admin(), node, at, app_version)
    }

    fn revoke_device(&self, node: Uuid, now: i64) -> Result<bool, ServerError> {
        let n = self.admin().execute(
            "UPDATE devices SET revoked_at = ?2 WHERE node = ?1 AND revoked_at IS NULL",
            rusqlite::params![node.as_bytes(), now],
        )?;
        Ok(n == 1)
    }

    fn insert_code(&self, code_hash: &str, code: &JoinCode) -> Result<(), ServerError> {
        accounts::insert_code(&self.admin(), code_hash, code)
    }

    fn codes(&self, commune: Option<&str>) -> Result<Vec<JoinCode>, ServerError> {
        accounts::codes(&self.admin(), commune)
    }

    fn revoke_code(&self, id: &str) -> Result<bool, ServerError> {
        Ok(self.admin().execute("UPDATE join_codes SET revoked = 1 WHERE id = ?1 AND revoked = 0", [id])? == 1)
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
