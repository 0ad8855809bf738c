//! The PostgreSQL engine, for national scale: the same seam as SQLite, with every synced row
//! keyed by its commune (ready to be distributed by commune with Citus) and the lesson pack
//! as reference data. The `postgres` driver (the synchronous face of `tokio-postgres`) with an
//! `r2d2` pool: the service runs storage calls on blocking threads, as it does for SQLite,
//! and batches are written with a few array statements, so a push costs a handful of round
//! trips whatever its size.

mod accounts;
mod dashboard;
mod data;
mod log;
mod market;
mod office;

use include_dir::{Dir, include_dir};
use langso_core::Store;
use langso_core::dashboard::{CommuneRow, Dashboard};
use langso_core::learning::pack::Pack;
use langso_core::market::public::{CommuneCard, MarketQuery, ProductCard, PublicProduct};
use langso_core::places::{Commune, NewCommune, Village};
use langso_core::replica::change::{Change, ChangePage};
use langso_core::replica::merge::ApplyReport;
use langso_sync::protocol::DeviceEntry;
use postgres::NoTls;
use r2d2_postgres::PostgresConnectionManager;

use uuid::Uuid;

use crate::ServerError;
use crate::join_codes::JoinCode;
use crate::office::OfficeScope;
use crate::storage::{Admit, Append, Cell, CellKey, Chunk, Known, NewDevice, Registered, Storage};

/// Changes read at a time when exporting everything.
const EXPORT_BATCH: usize = 2_000;

/// Connections per server process: enough for the blocking threads that serve requests.
const POOL_SIZE: u32 = 16;

/// Serialises schema upgrades of servers starting at once (any fixed number).
const MIGRATION_LOCK: i64 = 0x4c61_6e67_536f;

static MIGRATIONS_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/migrations/postgres");

type Manager = PostgresConnectionManager<NoTls>;

/// The schema, embedded from `crates/server/migrations/postgres`: each folder's `up.sql`, in
/// the order of the folders' names.
pub fn migrations() -> Vec<(&'static str, &'static str)> {
    let mut steps: Vec<(&str, &str)> = MIGRATIONS_DIR
        .dirs()
        .filter_map(|d| {
            let name = d.path().file_name()?.to_str()?;
            let sql = d.get_file(d.path().join("up.sql"))?.contents_utf8()?;
            Some((name, sql))
        })
        .collect();
    steps.sort_unstable();
    steps
}

#[derive(Debug)]
pub struct PostgresStorage {
    /// Always there until dropped: its connections close in `Drop`, off the async threads.
    pool: Option<r2d2::Pool<Manager>>,
    dashboards: dashboard::Replicas,
}

impl Drop for PostgresStorage {
    fn drop(&mut self) {
        let pool = self.pool.take();
        off_runtime(move || drop(pool));
    }
}

impl PostgresStorage {
    /// Connects to `url` (`postgres://user@host/db` or `host=... dbname=...`) and brings the
    /// schema up to date.
    pub fn open(url: &str) -> Result<PostgresStorage, ServerError> {
        let config: postgres::Config = url.parse()?;
        let pool = off_runtime(|| {
            r2d2::Pool::builder()
                // A broken connection fails the request that meets it, and the device retries;
                // testing each one before use would cost a round trip per storage call.
                .test_on_check_out(false)
                .max_size(POOL_SIZE)
                .build(Manager::new(config, NoTls))
        })?;
        let storage = PostgresStorage { pool: Some(pool), dashboards: dashboard::Replicas::new()? };
        storage.migrate()?;
        Ok(storage)
    }

    /// Whether nothing is stored yet: no log, no device, no code.
    pub fn is_empty(&self) -> Result<bool, ServerError> {
        self.run(|c| {
            let row = c.query_one(
                "SELECT NOT EXISTS (SELECT 1 FROM log_counters) AND NOT EXISTS (SELECT 1 FROM devices)
                   AND NOT EXISTS (SELECT 1 FROM join_codes)",
                &[],
            )?;
            Ok(row.try_get(0)?)
        })
    }

    /// Writes another server's devices, codes and uploaders as they are, in one transaction.
    pub fn import_accounts(&self, accounts: &crate::migrate::Accounts) -> Result<(), ServerError> {
        self.run(|c| {
            let mut tx = c.transaction()?;
            accounts::import(&mut tx, accounts)?;
            tx.commit()?;
            Ok(())
        })
    }

    /// Merges changes copied from another server, each into its commune (`""`: the lesson
    /// pack) at its old log position, with who besides staff may read it.
    pub fn import(&self, changes: &[crate::migrate::Copy]) -> Result<ApplyReport, ServerError> {
        let incoming: Vec<data::Incoming<'_>> = changes
            .iter()
            .map(|c| data::Incoming { scope: &c.commune, change: &c.change, at: Some(c.at), reader: c.reader })
            .collect();
        self.run(|c| data::apply_incoming(c, &incoming))
    }

    /// Runs `work` on a pooled connection. The driver blocks on a runtime of its own, which
    /// tokio forbids on a thread that drives async tasks: such a thread is first handed over
    /// as a blocking one (on the server, storage calls already run on blocking threads).
    fn run<T>(&self, work: impl FnOnce(&mut postgres::Client) -> Result<T, ServerError>) -> Result<T, ServerError> {
        let pool = self.pool.as_ref().ok_or_else(|| ServerError::Io("the connection pool is closed".into()))?;
        off_runtime(|| work(&mut *pool.get()?))
    }

    /// Applies the migrations not yet applied, each in the same transaction as its record.
    fn migrate(&self) -> Result<(), ServerError> {
        self.run(|conn| {
            let mut tx = conn.transaction()?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
            tx.batch_execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (
                 name text PRIMARY KEY,
                 applied_at timestamptz NOT NULL DEFAULT now()
             )",
            )?;
            for (name, sql) in migrations() {
                let done = tx.query_opt("SELECT 1 FROM schema_migrations WHERE name = $1", &[&name])?.is_some();
                if !done {
                    tx.batch_execute(sql)?;
                    if name == MARKETPLACE_MIGRATION {
                        // Folding diacritics is Rust's: the read model of what is there already
                        // is filled here, in the migration's transaction.
                        for scope in data::scopes(&mut tx)?.iter().filter(|s| !s.is_empty()) {
                            market::refresh(&mut tx, scope, None)?;
                        }
                    }
                    tx.execute("INSERT INTO schema_migrations (name) VALUES ($1)", &[&name])?;
                }
            }
            tx.commit()?;
            Ok(())
        })
    }
}

/// The migration that makes the marketplace's read model, filled from the cells as it is made.
const MARKETPLACE_MIGRATION: &str = "04-marketplace";

/// Runs blocking work; on a thread that drives tokio tasks, as a blocking section.
fn off_runtime<T>(work: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(_) => tokio::task::block_in_place(work),
        Err(_) => work(),
    }
}

/// A throwaway replica in a temporary folder: communes and villages are made by the store's
/// own domain code (its checks, its ids, its clock), then their changes are merged here.
fn scratch() -> Result<(tempfile::TempDir, Store), ServerError> {
    let dir = tempfile::tempdir().map_err(|e| ServerError::Io(e.to_string()))?;
    let store = Store::open(&dir.path().join("scratch.sqlite3"))?;
    Ok((dir, store))
}

impl Storage for PostgresStorage {
    fn holds(&self, commune: &str, changes: &[Change]) -> Result<Vec<bool>, ServerError> {
        self.run(|c| data::holds(c, commune, changes))
    }

    fn cells(&self, commune: &str, keys: &[CellKey<'_>]) -> Result<Vec<Option<Cell>>, ServerError> {
        self.run(|c| data::cells(c, commune, keys))
    }

    fn apply(&self, commune: &str, changes: &[Change], readers: &[Option<Uuid>]) -> Result<ApplyReport, ServerError> {
        self.run(|c| data::apply(c, commune, changes, readers))
    }

    fn page(
        &self,
        commune: &str,
        cursor: u64,
        max_entries: usize,
        narrowed_to: Option<Uuid>,
    ) -> Result<ChangePage, ServerError> {
        self.run(|c| data::page(c, commune, cursor, max_entries, narrowed_to))
    }

    fn export(&self, each: &mut dyn FnMut(Vec<Change>) -> Result<(), ServerError>) -> Result<(), ServerError> {
        self.run(|c| {
            data::export_scope(c, "", EXPORT_BATCH, each)?;
            for scope in data::scopes(c)?.iter().filter(|s| !s.is_empty()) {
                data::export_scope(c, scope, EXPORT_BATCH, each)?;
            }
            Ok(())
        })
    }

    fn communes(&self) -> Result<Vec<Commune>, ServerError> {
        let rows = self.run(|c| {
            Ok(c.query(
                "SELECT row_id,
                    max(text_value) FILTER (WHERE col = 'name') AS name,
                    max(text_value) FILTER (WHERE col = 'district') AS district,
                    max(text_value) FILTER (WHERE col = 'province') AS province
             FROM cells WHERE tbl = 'communes'
             GROUP BY commune_id, row_id
             HAVING coalesce(max(int_value) FILTER (WHERE col = 'deleted'), 0) = 0",
                &[],
            )?)
        })?;
        let mut communes = rows
            .iter()
            .map(|r| -> Result<Commune, ServerError> {
                Ok(Commune {
                    id: r.try_get(0)?,
                    name: r.try_get::<_, Option<String>>(1)?.unwrap_or_default(),
                    district: r.try_get(2)?,
                    province: r.try_get(3)?,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        communes.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
        Ok(communes)
    }

    fn create_commune(&self, new: &NewCommune) -> Result<Commune, ServerError> {
        let (_dir, scratch) = scratch()?;
        let commune = scratch.create_commune(new)?;
        self.apply(&commune.id, &scratch.changes_since(0, usize::MAX)?.changes, &[])?;
        Ok(commune)
    }

    fn create_village(&self, commune_id: &str, name: &str) -> Result<Village, ServerError> {
        let (_dir, scratch) = scratch()?;
        let mut places = Vec::new();
        self.run(|c| {
            data::export_scope(c, commune_id, EXPORT_BATCH, &mut |changes| {
                places.extend(changes.into_iter().filter(|c| c.table == "communes" || c.table == "villages"));
                Ok(())
            })
        })?;
        scratch.apply(&places)?;
        let before = scratch.last_seq()?;
        let village = scratch.create_village(commune_id, name)?;
        self.apply(commune_id, &scratch.changes_since(before, usize::MAX)?.changes, &[])?;
        Ok(village)
    }

    fn publish(&self, pack: &Pack) -> Result<ApplyReport, ServerError> {
        for asset in pack.assets.values() {
            self.put_blob(&asset.bytes, asset.mime)?;
        }
        self.apply("", &pack.changes(), &[])
    }

    fn market_search(&self, query: &MarketQuery) -> Result<Vec<ProductCard>, ServerError> {
        self.run(|c| market::search(c, query))
    }

    fn market_product(&self, id: &str) -> Result<Option<PublicProduct>, ServerError> {
        self.run(|c| market::product(c, id))
    }

    fn market_communes(&self) -> Result<Vec<CommuneCard>, ServerError> {
        self.run(market::communes)
    }

    fn market_ids(&self) -> Result<Vec<String>, ServerError> {
        self.run(market::ids)
    }

    fn market_photo(&self, hash: &str) -> Result<bool, ServerError> {
        self.run(|c| market::photo(c, hash))
    }

    fn dashboard(&self, commune: &str, now: i64) -> Result<Option<Dashboard>, ServerError> {
        self.run(|c| self.dashboards.dashboard(c, commune, now))
    }

    fn province_table(&self, province: &str, now: i64) -> Result<Vec<CommuneRow>, ServerError> {
        let communes: Vec<String> =
            self.communes()?.into_iter().filter(|c| c.province.as_deref() == Some(province)).map(|c| c.id).collect();
        self.run(|c| self.dashboards.province_rows(c, province, &communes, now))
    }

    fn insert_office_code(
        &self,
        hash: &str,
        scope: &OfficeScope,
        expires_at: i64,
        now: i64,
    ) -> Result<(), ServerError> {
        self.run(|c| office::insert(c, "office_codes", hash, scope, expires_at, now))
    }

    fn take_office_code(&self, hash: &str, now: i64) -> Result<Option<OfficeScope>, ServerError> {
        self.run(|c| office::take_code(c, hash, now))
    }

    fn insert_office_session(
        &self,
        hash: &str,
        scope: &OfficeScope,
        expires_at: i64,
        now: i64,
    ) -> Result<(), ServerError> {
        self.run(|c| office::insert(c, "office_sessions", hash, scope, expires_at, now))
    }

    fn office_session(&self, hash: &str, now: i64) -> Result<Option<OfficeScope>, ServerError> {
        self.run(|c| office::session(c, hash, now))
    }

    fn end_office_session(&self, hash: &str) -> Result<(), ServerError> {
        self.run(|c| office::end_session(c, hash))
    }

    fn has_blob(&self, hash: &str) -> Result<bool, ServerError> {
        self.run(|c| Ok(c.query_one("SELECT EXISTS (SELECT 1 FROM blobs WHERE hash = $1)", &[&hash])?.try_get(0)?))
    }

    fn blob(&self, hash: &str) -> Result<Option<(Vec<u8>, String)>, ServerError> {
        let row = self.run(|c| Ok(c.query_opt("SELECT data, mime FROM blobs WHERE hash = $1", &[&hash])?))?;
        row.map(|r| -> Result<_, ServerError> { Ok((r.try_get(0)?, r.try_get(1)?)) }).transpose()
    }

    fn put_blob(&self, bytes: &[u8], mime: &str) -> Result<(), ServerError> {
        self.run(|c| data::put_blob(c, bytes, mime))
    }

    fn is_lesson_asset(&self, hash: &str) -> Result<bool, ServerError> {
        self.run(|c| data::is_lesson_asset(c, hash))
    }

    fn is_listing_photo_in(&self, hash: &str, commune: &str) -> Result<bool, ServerError> {
        self.run(|c| data::is_listing_photo_in(c, hash, commune))
    }

    fn upload_len(&self, node: Uuid, hash: &str, since: i64) -> Result<Option<usize>, ServerError> {
        self.run(|c| accounts::upload_len(c, node, hash, since))
    }

    fn append_upload(
        &self,
        chunk: &Chunk<'_>,
        now: i64,
        expired: i64,
        append: &Append<'_>,
    ) -> Result<Option<Vec<u8>>, ServerError> {
        self.run(|c| accounts::append_upload(c, chunk, now, expired, append))
    }

    fn add_uploader(&self, hash: &str, node: Uuid) -> Result<(), ServerError> {
        self.run(|c| accounts::add_uploader(c, hash, node))
    }

    fn uploaded(&self, hash: &str, node: Uuid) -> Result<bool, ServerError> {
        self.run(|c| accounts::uploaded(c, hash, node))
    }

    fn enroll(&self, code_hash: &str, node: Uuid, admit: &Admit<'_>) -> Result<NewDevice, ServerError> {
        self.run(|c| accounts::enroll(c, code_hash, node, admit))
    }

    fn device(&self, token_hash: &str) -> Result<Option<Known>, ServerError> {
        self.run(|c| accounts::device(c, token_hash))
    }

    fn known_devices(&self, nodes: &[Uuid]) -> Result<Vec<Option<Known>>, ServerError> {
        self.run(|c| accounts::known_devices(c, nodes))
    }

    fn register(&self, new: &Registered, now: i64) -> Result<Known, ServerError> {
        self.run(|c| accounts::register(c, new, now))
    }

    fn revoked_in(&self, commune: &str) -> Result<Vec<Uuid>, ServerError> {
        self.run(|c| accounts::revoked_in(c, commune))
    }

    fn devices_in(&self, commune: &str) -> Result<Vec<DeviceEntry>, ServerError> {
        self.run(|c| accounts::devices_in(c, commune))
    }

    fn seen(&self, node: Uuid, at: i64, app_version: Option<&str>) -> Result<(), ServerError> {
        self.run(|c| accounts::seen(c, node, at, app_version))
    }

    fn revoke_device(&self, node: Uuid, now: i64) -> Result<bool, ServerError> {
        self.run(|c| accounts::revoke_device(c, node, now))
    }

    fn insert_code(&self, code_hash: &str, code: &JoinCode) -> Result<(), ServerError> {
        self.run(|c| accounts::insert_code(c, code_hash, code))
    }

    fn codes(&self, commune: Option<&str>) -> Result<Vec<JoinCode>, ServerError> {
        self.run(|c| accounts::codes(c, commune))
    }

    fn revoke_code(&self, id: &str) -> Result<bool, ServerError> {
        self.run(|c| accounts::revoke_code(c, id))
    }
}

#[cfg(test)]
mod tests {
    use super::migrations;

    #[test]
    fn the_postgres_migrations_are_in_order_and_not_empty() {
        let steps = migrations();
        assert!(!steps.is_empty());
        assert_eq!(steps[0].0, "01-schema");
        assert!(steps.iter().all(|(_, sql)| sql.contains("CREATE") || sql.contains("ALTER")));
    }
}
