//! Changes as replicas exchange them, the local change log they are read from, and the
//! canonical dump that proves two replicas hold the same data.
//!
//! Entity columns travel one change each; a fact travels whole. A change is identified by
//! (origin node, HLC, table, row, column): applying it twice is a no-op.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::replica::clock::{Stamp, decode_cells};
use crate::replica::schema::{self, Kind, TABLES, Table};
use crate::replica::store::NodeCache;
use crate::replica::value::Value;
use crate::{Result, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub table: String,
    pub row: String,
    pub stamp: Stamp,
    pub body: ChangeBody,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeBody {
    /// One column of an entity: a last-writer-wins register.
    Column { column: String, value: Value },
    /// A whole immutable fact.
    Fact { values: BTreeMap<String, Value> },
}

/// A page of the change log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangePage {
    pub changes: Vec<Change>,
    /// Pass this as the next call's cursor; persist it with whatever consumed the page.
    pub cursor: u64,
    /// Whether more changes follow this page.
    pub more: bool,
}

impl Store {
    /// The changes this replica holds past `cursor` (0 for everything), from at most
    /// `max_entries` entries of the change log, oldest first, each with its original origin
    /// and clock. An entity column is sent at the entry of its latest write only, so a
    /// value superseded before the reader got to it is never sent.
    pub fn changes_since(&self, cursor: u64, max_entries: usize) -> Result<ChangePage> {
        self.log_page(cursor, max_entries, false)
    }

    /// Like [`Store::changes_since`], but only this replica's own writes: what it pushes,
    /// signed. Changes that reached it from others travel in their origin's own signed batch.
    pub fn own_changes_since(&self, cursor: u64, max_entries: usize) -> Result<ChangePage> {
        let mut page = self.log_page(cursor, max_entries, true)?;
        // Entries logged before the log told own writes apart may hold others' changes.
        let node = self.node_id();
        page.changes.retain(|c| c.stamp.node == node);
        Ok(page)
    }

    fn log_page(&self, cursor: u64, max_entries: usize, own: bool) -> Result<ChangePage> {
        self.read(|conn| {
            let nodes = NodeCache::load(conn)?;
            // SQLite counts in i64: a larger limit reads as "all of it".
            let limit = max_entries.clamp(1, i64::MAX as usize - 1);
            let mut stmt = conn.prepare_cached(
                "SELECT seq, tbl, row_id FROM change_log WHERE seq > ?1 AND (local OR NOT ?3) ORDER BY seq LIMIT ?2",
            )?;
            let mut entries = stmt
                .query_map(rusqlite::params![cursor as i64, limit as i64 + 1, own], |r| {
                    Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let more = entries.len() > limit;
            entries.truncate(limit);
            let mut changes = Vec::with_capacity(entries.len());
            for (seq, table, row) in &entries {
                let table = schema::table(table).ok_or_else(|| crate::Error::Schema(table.clone()))?;
                changes.extend(logged_changes(conn, &nodes, table, row, *seq)?);
            }
            let cursor = entries.last().map_or(cursor, |(seq, _, _)| *seq);
            Ok(ChangePage { changes, cursor, more })
        })
    }

    /// One column of a synced row as stored, if the row exists.
    pub fn row_value(&self, table: &str, row: &str, column: &str) -> Result<Option<Value>> {
        let (table, _) = column_of(table, column)?;
        self.read(|conn| {
            let sql = format!("SELECT {column} FROM {} WHERE id = ?1", table.name);
            Ok(conn.prepare_cached(&sql)?.query_row([row], |r| r.get(0)).optional()?)
        })
    }

    /// Who last wrote one column of an entity row, and when. For a column written only when
    /// the row is made (a listing's owner, a profile's role), that is the row's creator.
    pub fn column_stamp(&self, table: &str, row: &str, column: &str) -> Result<Option<Stamp>> {
        let (table, index) = column_of(table, column)?;
        self.read(|conn| {
            let nodes = NodeCache::load(conn)?;
            let sql = format!("SELECT _clock FROM {} WHERE id = ?1", table.name);
            let clock: Option<Vec<u8>> = conn.prepare_cached(&sql)?.query_row([row], |r| r.get(0)).optional()?;
            Ok(clock
                .map(|c| decode_cells(&c, table.columns.len())[index])
                .filter(|cell| cell.hlc != 0)
                .map(|cell| Stamp { hlc: cell.hlc, node: nodes.node(cell.node) }))
        })
    }

    /// For each change, whether this replica already holds it (the same write, however it
    /// travelled here): such a change is a no-op, whoever relays it.
    pub fn holds(&self, changes: &[Change]) -> Result<Vec<bool>> {
        self.read(|conn| {
            let nodes = NodeCache::load(conn)?;
            changes
                .iter()
                .map(|change| {
                    let Some(table) = schema::table(&change.table) else { return Ok(false) };
                    match (&change.body, table.kind) {
                        (ChangeBody::Column { column, .. }, Kind::Entity) => {
                            let Some(index) = table.column_index(column) else { return Ok(false) };
                            let sql = format!("SELECT _clock FROM {} WHERE id = ?1", table.name);
                            let clock: Option<Vec<u8>> =
                                conn.prepare_cached(&sql)?.query_row([&change.row], |r| r.get(0)).optional()?;
                            Ok(clock.is_some_and(|c| {
                                let cell = decode_cells(&c, table.columns.len())[index];
                                cell.hlc == change.stamp.hlc && nodes.node(cell.node) == change.stamp.node
                            }))
                        }
                        (ChangeBody::Fact { .. }, Kind::Fact) => {
                            let sql = format!("SELECT 1 FROM {} WHERE id = ?1", table.name);
                            Ok(conn.prepare_cached(&sql)?.query_row([&change.row], |_| Ok(())).optional()?.is_some())
                        }
                        _ => Ok(false),
                    }
                })
                .collect()
        })
    }

    /// The highest local sequence number written so far.
    pub fn last_seq(&self) -> Result<u64> {
        self.read(|conn| Ok(conn.query_row("SELECT next_seq - 1 FROM replica", [], |r| r.get::<_, i64>(0))? as u64))
    }

    /// Every synced row with every column's value and clock, in a fixed order. Replicas that
    /// have seen the same changes produce byte-identical dumps, whatever order they came in.
    pub fn canonical_dump(&self) -> Result<String> {
        self.read(|conn| {
            let nodes = NodeCache::load(conn)?;
            let mut out = String::new();
            for table in TABLES {
                dump_table(conn, &nodes, table, &mut out)?;
            }
            Ok(out)
        })
    }
}

/// A column of an entity table, checked against the schema (so it is safe in SQL).
fn column_of(table: &str, column: &str) -> Result<(&'static Table, usize)> {
    let t = schema::table(table)
        .filter(|t| t.kind == Kind::Entity)
        .ok_or_else(|| crate::Error::Schema(table.to_owned()))?;
    let i = t.column_index(column).ok_or_else(|| crate::Error::Schema(format!("{table}.{column}")))?;
    Ok((t, i))
}

fn select_sql(table: &Table, filter: &str) -> String {
    let cols: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
    let meta = match table.kind {
        Kind::Entity => "_clock, 0",
        Kind::Fact => "_hlc, _origin",
    };
    format!("SELECT id, {}, {meta} FROM {} {filter}", cols.join(", "), table.name)
}

/// One row as read: id, values in schema order, and its clock metadata.
type RawRow = (String, Vec<Value>, rusqlite::types::Value, i64);

fn read_row(r: &rusqlite::Row<'_>, n: usize) -> rusqlite::Result<RawRow> {
    let values = (0..n).map(|i| r.get::<_, Value>(i + 1)).collect::<rusqlite::Result<_>>()?;
    Ok((r.get(0)?, values, r.get(n + 1)?, r.get(n + 2)?))
}

/// The changes a log entry stands for: the columns of the row whose latest write is `seq`,
/// or the whole fact.
fn logged_changes(conn: &Connection, nodes: &NodeCache, table: &Table, row: &str, seq: u64) -> Result<Vec<Change>> {
    let n = table.columns.len();
    let sql = select_sql(table, "WHERE id = ?1");
    let Some((id, values, meta_a, meta_b)) =
        conn.prepare_cached(&sql)?.query_row([row], |r| read_row(r, n)).optional()?
    else {
        return Ok(Vec::new());
    };
    Ok(match table.kind {
        Kind::Entity => table
            .columns
            .iter()
            .zip(values)
            .zip(decode_cells(blob(&meta_a), n))
            .filter(|(_, cell)| cell.hlc != 0 && cell.seq == seq)
            .map(|((col, value), cell)| Change {
                table: table.name.to_owned(),
                row: id.clone(),
                stamp: Stamp { hlc: cell.hlc, node: nodes.node(cell.node) },
                body: ChangeBody::Column { column: col.name.to_owned(), value },
            })
            .collect(),
        Kind::Fact => vec![Change {
            table: table.name.to_owned(),
            row: id,
            stamp: Stamp { hlc: int(&meta_a) as u64, node: nodes.node(meta_b as u32) },
            body: ChangeBody::Fact { values: table.columns.iter().map(|c| c.name.to_owned()).zip(values).collect() },
        }],
    })
}

fn dump_table(conn: &Connection, nodes: &NodeCache, table: &Table, out: &mut String) -> Result<()> {
    let sql = select_sql(table, "ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let n = table.columns.len();
    let rows = stmt.query_map([], |r| read_row(r, n))?;
    for row in rows {
        let (id, values, meta_a, meta_b) = row?;
        let _ = write!(out, "{} {id}", table.name);
        match table.kind {
            Kind::Entity => {
                let cells = decode_cells(blob(&meta_a), n);
                for ((col, value), cell) in table.columns.iter().zip(values).zip(cells) {
                    let _ = write!(out, " {}={value:?}@{}:{}", col.name, cell.hlc, nodes.node(cell.node));
                }
            }
            Kind::Fact => {
                for (col, value) in table.columns.iter().zip(values) {
                    let _ = write!(out, " {}={value:?}", col.name);
                }
                let _ = write!(out, " @{}:{}", int(&meta_a) as u64, nodes.node(meta_b as u32));
            }
        }
        out.push('\n');
    }
    Ok(())
}

fn blob(v: &rusqlite::types::Value) -> &[u8] {
    match v {
        rusqlite::types::Value::Blob(b) => b,
        _ => &[],
    }
}

fn int(v: &rusqlite::types::Value) -> i64 {
    match v {
        rusqlite::types::Value::Integer(i) => *i,
        _ => 0,
    }
}
