//! The local SQLite store: one file per replica, migrated on open; one writer and a pool of
//! readers that WAL lets run beside it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use include_dir::{Dir, include_dir};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use rusqlite_migration::Migrations;
use uuid::Uuid;

use crate::Result;
use crate::replica::clock::{Clock, Stamp};
use crate::replica::identity::Identity;
use crate::replica::schema::Table;

static MIGRATIONS_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/migrations");

/// The schema migrations, embedded from `crates/core/migrations`.
pub fn migrations() -> Result<Migrations<'static>> {
    Ok(Migrations::from_directory(&MIGRATIONS_DIR)?)
}

/// What the domain does, inside the write transaction, after a synced row was written here
/// or merged in: keeping its local tables (the search index, the start screen) in step.
pub(crate) type RowHook = fn(&Tx<'_>, &Table, &str) -> Result<()>;

/// A replica's store. Safe to share between threads (Tauri commands, the sync task).
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    writer: Mutex<Writer>,
    readers: Mutex<Vec<Connection>>,
    row_hook: RowHook,
    identity: Identity,
}

#[derive(Debug)]
struct Writer {
    conn: Connection,
    clock: Clock,
    nodes: NodeCache,
}

/// Node ids by their local number, and back.
#[derive(Debug, Default)]
pub(crate) struct NodeCache {
    by_id: HashMap<Uuid, u32>,
    by_idx: HashMap<u32, Uuid>,
}

impl NodeCache {
    pub(crate) fn load(conn: &Connection) -> Result<NodeCache> {
        let mut cache = NodeCache::default();
        let mut stmt = conn.prepare("SELECT idx, node_id FROM nodes")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, [u8; 16]>(1)?)))?;
        for row in rows {
            let (idx, id) = row?;
            cache.insert(Uuid::from_bytes(id), idx);
        }
        Ok(cache)
    }

    fn insert(&mut self, id: Uuid, idx: u32) {
        self.by_id.insert(id, idx);
        self.by_idx.insert(idx, id);
    }

    pub(crate) fn node(&self, idx: u32) -> Uuid {
        self.by_idx.get(&idx).copied().unwrap_or_default()
    }
}

/// One write transaction: the SQL transaction plus the clock and sequence numbers that
/// change capture stamps every row with.
pub(crate) struct Tx<'a> {
    pub(crate) sql: rusqlite::Transaction<'a>,
    clock: &'a Clock,
    row_hook: RowHook,
    nodes: NodeCache,
    new_nodes: Vec<(Uuid, u32)>,
    next_seq: u64,
    last_hlc: u64,
}

impl Tx<'_> {
    /// A fresh local stamp.
    pub(crate) fn stamp(&mut self) -> Stamp {
        let stamp = self.clock.now();
        self.last_hlc = self.last_hlc.max(stamp.hlc);
        stamp
    }

    pub(crate) fn observe(&mut self, stamp: Stamp) -> Result<(), crate::replica::clock::DriftError> {
        self.clock.observe(stamp)?;
        self.last_hlc = self.last_hlc.max(stamp.hlc);
        Ok(())
    }

    /// The next local change sequence number; each row write takes its own.
    pub(crate) fn next_seq(&mut self) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        seq
    }

    /// The highest sequence number handed out so far, in this transaction included.
    pub(crate) fn last_seq(&self) -> u64 {
        self.next_seq - 1
    }

    /// The local number of `node`, recorded on first sight.
    pub(crate) fn node_idx(&mut self, node: Uuid) -> Result<u32> {
        if let Some(idx) = self.nodes.by_id.get(&node).copied() {
            return Ok(idx);
        }
        if let Some((_, idx)) = self.new_nodes.iter().find(|(id, _)| *id == node) {
            return Ok(*idx);
        }
        self.sql.execute("INSERT INTO nodes (node_id) VALUES (?1)", [node.as_bytes()])?;
        let idx =
            u32::try_from(self.sql.last_insert_rowid()).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(0, 0))?;
        self.new_nodes.push((node, idx));
        Ok(idx)
    }

    /// Tells the domain that a synced row was written.
    pub(crate) fn row_written(&self, table: &Table, id: &str) -> Result<()> {
        (self.row_hook)(self, table, id)
    }

    /// Whether the node of this local number is this replica.
    pub(crate) fn is_own(&self, idx: u32) -> bool {
        self.node(idx) == self.clock.node()
    }

    pub(crate) fn node(&self, idx: u32) -> Uuid {
        self.new_nodes.iter().find(|(_, i)| *i == idx).map(|(id, _)| *id).unwrap_or_else(|| self.nodes.node(idx))
    }
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date; the
    /// domain's `row_hook` runs after every synced row written.
    pub(crate) fn open_with(path: &Path, row_hook: RowHook) -> Result<Store> {
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        migrations()?.to_latest(&mut conn)?;
        let identity = Identity::ensure(&conn)?;
        let (node, last_hlc) = ensure_replica(&conn, &identity)?;
        let nodes = NodeCache::load(&conn)?;
        let clock = Clock::new(node, last_hlc);
        Ok(Store {
            path: path.to_owned(),
            writer: Mutex::new(Writer { conn, clock, nodes }),
            readers: Mutex::new(Vec::new()),
            row_hook,
            identity,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// This replica's node id.
    pub fn node_id(&self) -> Uuid {
        self.writer().clock.node()
    }

    /// This replica's key pair: what signs the changes it pushes.
    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    /// Runs `f` in one write transaction: everything it wrote, with its change capture, is
    /// committed together or not at all.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        let mut guard = self.writer();
        let Writer { conn, clock, nodes } = &mut *guard;
        let sql = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (next_seq, last_hlc): (u64, u64) = sql.query_row("SELECT next_seq, last_hlc FROM replica", [], |r| {
            Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64))
        })?;
        let cache = std::mem::take(nodes);
        let mut tx =
            Tx { sql, clock, row_hook: self.row_hook, nodes: cache, new_nodes: Vec::new(), next_seq, last_hlc };
        let result = f(&mut tx);
        let Tx { sql, nodes: mut cache, new_nodes, next_seq, last_hlc, .. } = tx;
        let committed = result.and_then(|out| {
            sql.execute("UPDATE replica SET next_seq = ?1, last_hlc = ?2", [next_seq as i64, last_hlc as i64])?;
            sql.commit()?;
            Ok(out)
        });
        // Nodes first seen in a transaction that rolled back were never stored.
        if committed.is_ok() {
            for (id, idx) in new_nodes {
                cache.insert(id, idx);
            }
        }
        *nodes = cache;
        committed
    }

    /// Runs `f` on a reader connection; readers never wait for the writer.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let pooled = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match pooled {
            Some(conn) => conn,
            None => {
                let conn = Connection::open(&self.path)?;
                configure(&conn)?;
                conn.pragma_update(None, "query_only", "ON")?;
                // A reader is kept and reused: up to 32 MiB of pages (taken only as read) keep
                // what the dashboard and the searches read in memory between calls.
                conn.pragma_update(None, "cache_size", READER_CACHE_KIB)?;
                conn
            }
        };
        let out = f(&conn);
        self.readers.lock().unwrap_or_else(|p| p.into_inner()).push(conn);
        out
    }

    fn writer(&self) -> MutexGuard<'_, Writer> {
        // A panic while holding the lock cannot leave SQLite half-written (the transaction
        // rolls back on drop), so the connection stays usable.
        self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A reader connection's page cache, in KiB (as SQLite takes it, negative).
const READER_CACHE_KIB: i64 = -32 * 1024;

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: a commit is on disk before we report it; a villager's entry must survive a
    // battery pulled a second later.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// This replica's node id and clock floor, made on first open (the node id from the key).
fn ensure_replica(conn: &Connection, identity: &Identity) -> Result<(Uuid, u64)> {
    let found: Option<([u8; 16], i64)> =
        conn.query_row("SELECT node_id, last_hlc FROM replica", [], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    if let Some((node, last)) = found {
        return Ok((Uuid::from_bytes(node), last as u64));
    }
    let node = identity.public_key().node();
    conn.execute(
        "INSERT INTO replica (singleton, node_id, next_seq, last_hlc) VALUES (1, ?1, 1, 0)",
        [node.as_bytes()],
    )?;
    Ok((node, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(MIGRATIONS_DIR.dirs().count() > 0);
        migrations().expect("migrations load").validate().expect("migrations validate");
    }
}
