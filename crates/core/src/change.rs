//! Changes as replicas exchange them, the local change log they are read from, and the
//! canonical dump that proves two replicas hold the same data.
//!
//! Entity columns travel one change each; a fact travels whole. A change is identified by
//! (origin node, HLC, table, row, column): applying it twice is a no-op.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::clock::{Stamp, decode_cells};
use crate::schema::{Kind, TABLES, Table};
use crate::store::NodeCache;
use crate::value::Value;
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

/// A row of the change log: its local sequence number and the changes it holds.
struct LoggedRow {
    seq: u64,
    changes: Vec<Change>,
}

impl Store {
    /// The changes this replica holds past `cursor` (0 for everything), at most `max_rows`
    /// rows of them, oldest first, each with its original origin and clock.
    pub fn changes_since(&self, cursor: u64, max_rows: usize) -> Result<ChangePage> {
        self.read(|conn| {
            let nodes = NodeCache::load(conn)?;
            let limit = max_rows.max(1);
            let mut rows = Vec::new();
            for table in TABLES {
                rows.extend(logged_rows(conn, &nodes, table, cursor, limit)?);
            }
            rows.sort_by_key(|r| r.seq);
            let more = rows.len() > limit;
            rows.truncate(limit);
            let cursor = rows.last().map_or(cursor, |r| r.seq);
            Ok(ChangePage { changes: rows.into_iter().flat_map(|r| r.changes).collect(), cursor, more })
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

fn select_sql(table: &Table, filter: &str) -> String {
    let cols: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
    let meta = match table.kind {
        Kind::Entity => "_clock, 0, _seq",
        Kind::Fact => "_hlc, _origin, _seq",
    };
    format!("SELECT id, {}, {meta} FROM {} {filter}", cols.join(", "), table.name)
}

/// One row as read: id, values in schema order, the clock metadata and seq.
type RawRow = (String, Vec<Value>, rusqlite::types::Value, i64, u64);

fn read_row(r: &rusqlite::Row<'_>, n: usize) -> rusqlite::Result<RawRow> {
    let values = (0..n).map(|i| r.get::<_, Value>(i + 1)).collect::<rusqlite::Result<_>>()?;
    Ok((r.get(0)?, values, r.get(n + 1)?, r.get(n + 2)?, r.get::<_, i64>(n + 3)? as u64))
}

fn logged_rows(
    conn: &Connection,
    nodes: &NodeCache,
    table: &Table,
    cursor: u64,
    limit: usize,
) -> Result<Vec<LoggedRow>> {
    let sql = select_sql(table, "WHERE _seq > ?1 ORDER BY _seq LIMIT ?2");
    let mut stmt = conn.prepare_cached(&sql)?;
    let n = table.columns.len();
    let raw =
        stmt.query_map([cursor as i64, limit as i64 + 1], |r| read_row(r, n))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(raw
        .into_iter()
        .map(|(id, values, meta_a, meta_b, seq)| {
            let changes = match table.kind {
                Kind::Entity => {
                    let cells = decode_cells(blob(&meta_a), n);
                    table
                        .columns
                        .iter()
                        .zip(values)
                        .zip(cells)
                        .filter(|(_, cell)| cell.hlc != 0 && cell.seq > cursor)
                        .map(|((col, value), cell)| Change {
                            table: table.name.to_owned(),
                            row: id.clone(),
                            stamp: Stamp { hlc: cell.hlc, node: nodes.node(cell.node) },
                            body: ChangeBody::Column { column: col.name.to_owned(), value },
                        })
                        .collect()
                }
                Kind::Fact => vec![Change {
                    table: table.name.to_owned(),
                    row: id,
                    stamp: Stamp { hlc: int(&meta_a) as u64, node: nodes.node(meta_b as u32) },
                    body: ChangeBody::Fact {
                        values: table.columns.iter().map(|c| c.name.to_owned()).zip(values).collect(),
                    },
                }],
            };
            LoggedRow { seq, changes }
        })
        .collect())
}

fn dump_table(conn: &Connection, nodes: &NodeCache, table: &Table, out: &mut String) -> Result<()> {
    let sql = select_sql(table, "ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let n = table.columns.len();
    let rows = stmt.query_map([], |r| read_row(r, n))?;
    for row in rows {
        let (id, values, meta_a, meta_b, _seq) = row?;
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
