//! Applying changes from other replicas: per-column last-writer-wins by (HLC, node id) for
//! entities, set union for facts. Deterministic and order-independent, so replicas that have
//! seen the same changes hold the same data.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use uuid::Uuid;

use crate::Result;
use crate::Store;
use crate::replica::change::{Change, ChangeBody};
use crate::replica::clock::{Cell, Stamp, too_far_ahead};
use crate::replica::schema::{self, ColumnType, Kind, Table};
use crate::replica::store::Tx;
use crate::replica::value::Value;

/// Longest text a synced column may hold (a lesson's steps are the largest).
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// What applying a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplyReport {
    /// Changes that won and were written.
    pub applied: usize,
    /// Changes already held, or beaten by a newer write: nothing to do.
    pub unchanged: usize,
    /// Changes refused, by their index in the batch; the rest of the batch still lands.
    pub rejected: Vec<(usize, Rejection)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("unknown table {0:?}")]
    UnknownTable(String),
    #[error("unknown column {0:?}")]
    UnknownColumn(String),
    #[error("column {0:?} has the wrong type")]
    WrongType(String),
    #[error("column {0:?} is missing")]
    MissingColumn(String),
    #[error("text in {0:?} is too long")]
    TooLong(String),
    #[error("row id {0:?} is not a UUID in canonical form")]
    BadRowId(String),
    #[error("a fact arrived as a column change, or a column change for a fact table")]
    WrongKind,
    #[error("its clock is too far in the future")]
    ClockDrift,
    /// The sender's role or commune does not allow this change (decided by the server).
    #[error("not allowed for this device")]
    Forbidden,
    /// The change claims an origin other than the device that signed its batch.
    #[error("its origin is not the device that signed it")]
    ForgedOrigin,
    /// Its batch's signature is not its origin's (altered on the way, or forged).
    #[error("its signature is not its origin's")]
    BadSignature,
    /// Its origin is not an enrolled device of the commune (unknown, another commune's, or
    /// revoked).
    #[error("its origin is not a device of this commune")]
    UnknownDevice,
    /// A value for a retired column (a PIN hash from an older app), which must stay NULL.
    #[error("column {0:?} is retired and stays empty")]
    Retired(String),
}

impl Rejection {
    pub fn message_id(&self) -> &'static str {
        match self {
            Rejection::UnknownTable(_) | Rejection::UnknownColumn(_) | Rejection::WrongKind => "reject-unknown",
            Rejection::WrongType(_) | Rejection::MissingColumn(_) | Rejection::BadRowId(_) => "reject-malformed",
            Rejection::TooLong(_) => "reject-too-long",
            Rejection::ClockDrift => "reject-clock",
            Rejection::Forbidden => "reject-forbidden",
            Rejection::ForgedOrigin => "reject-forged",
            Rejection::BadSignature => "reject-signature",
            Rejection::UnknownDevice => "reject-unknown-device",
            Rejection::Retired(_) => "reject-retired",
        }
    }
}

/// An entity row being merged: its clocks and the columns that won.
struct PendingRow {
    table: &'static Table,
    old: Vec<Cell>,
    cells: Vec<Cell>,
    won: BTreeMap<usize, Value>,
}

impl Store {
    /// Applies remote `changes` in one transaction: all of it is durable when this returns.
    pub fn apply(&self, changes: &[Change]) -> Result<ApplyReport> {
        self.write(|tx| apply(tx, changes))
    }
}

pub(crate) fn apply(tx: &mut Tx<'_>, changes: &[Change]) -> Result<ApplyReport> {
    let mut report = ApplyReport::default();
    let mut pending: BTreeMap<(&'static str, &str), PendingRow> = BTreeMap::new();
    let mut facts = Vec::new();
    for (index, change) in changes.iter().enumerate() {
        match apply_one(tx, change, &mut pending, &mut facts) {
            Ok(Outcome::Applied) => report.applied += 1,
            Ok(Outcome::Unchanged) => report.unchanged += 1,
            Ok(Outcome::Deferred) => {}
            Err(Refused::Rejected(why)) => report.rejected.push((index, why)),
            Err(Refused::Store(e)) => return Err(e),
        }
    }
    for ((_, id), row) in pending {
        if row.won.is_empty() {
            continue;
        }
        let seq = tx.next_seq();
        let mut cells = row.cells;
        for i in row.won.keys() {
            cells[*i].seq = seq;
        }
        let columns: Vec<(usize, Value)> = row.won.into_iter().collect();
        tx.upsert_entity(row.table, id, &columns, &row.old, &cells, seq)?;
    }
    // Facts go into the log after the rows of the same batch, so that a replica relaying this
    // log sends a profile before the progress that refers to it.
    for (table, change) in facts {
        let ChangeBody::Fact { values } = &change.body else { continue };
        let node = tx.node_idx(change.stamp.node)?;
        let seq = tx.next_seq();
        let pairs: Vec<(&str, Value)> = values.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        if tx.insert_fact_row(table, &change.row, &pairs, change.stamp.hlc, node, seq)? {
            report.applied += 1;
        } else {
            report.unchanged += 1;
        }
    }
    Ok(report)
}

enum Outcome {
    Applied,
    Unchanged,
    Deferred,
}

enum Refused {
    Rejected(Rejection),
    Store(crate::Error),
}

impl From<crate::Error> for Refused {
    fn from(e: crate::Error) -> Refused {
        Refused::Store(e)
    }
}

impl From<rusqlite::Error> for Refused {
    fn from(e: rusqlite::Error) -> Refused {
        Refused::Store(e.into())
    }
}

fn reject<T>(why: Rejection) -> Result<T, Refused> {
    Err(Refused::Rejected(why))
}

/// Whether a change from another replica is well formed, whatever the store holds: a known
/// table and column of the right kind, values of the column's type and size, required values
/// present, retired ones empty, a canonical row id, a clock not too far ahead. Every engine
/// checks changes with this before merging them.
pub fn check(change: &Change) -> Result<&'static Table, Rejection> {
    let Some(table) = schema::table(&change.table) else {
        return Err(Rejection::UnknownTable(change.table.clone()));
    };
    match (&change.body, table.kind) {
        (ChangeBody::Column { column, value }, Kind::Entity) => {
            let i = table.column_index(column).ok_or_else(|| Rejection::UnknownColumn(column.clone()))?;
            check_value(table, i, value)?;
        }
        (ChangeBody::Fact { values }, Kind::Fact) => {
            for (name, value) in values {
                let i = table.column_index(name).ok_or_else(|| Rejection::UnknownColumn(name.clone()))?;
                check_value(table, i, value)?;
            }
            if let Some(missing) =
                table.columns.iter().find(|c| c.required && values.get(c.name).is_none_or(|v| *v == Value::Null))
            {
                return Err(Rejection::MissingColumn(missing.name.to_owned()));
            }
        }
        _ => return Err(Rejection::WrongKind),
    }
    check_row_id(&change.row)?;
    if too_far_ahead(change.stamp) {
        return Err(Rejection::ClockDrift);
    }
    Ok(table)
}

/// What became of a change: facts are written after the entity rows of the batch.
fn apply_one<'c>(
    tx: &mut Tx<'_>,
    change: &'c Change,
    pending: &mut BTreeMap<(&'static str, &'c str), PendingRow>,
    facts: &mut Vec<(&'static Table, &'c Change)>,
) -> Result<Outcome, Refused> {
    let table = check(change).map_err(Refused::Rejected)?;
    if tx.observe(change.stamp).is_err() {
        return reject(Rejection::ClockDrift);
    }
    match &change.body {
        ChangeBody::Column { column, value } => {
            let i = table.column_index(column).unwrap_or_default();
            let key = (table.name, change.row.as_str());
            let row = match pending.entry(key) {
                Entry::Occupied(row) => row.into_mut(),
                Entry::Vacant(slot) => {
                    let cells =
                        tx.cells(table, &change.row)?.unwrap_or_else(|| vec![Cell::default(); table.columns.len()]);
                    slot.insert(PendingRow { table, old: cells.clone(), cells, won: BTreeMap::new() })
                }
            };
            let current = row.cells[i];
            let newer = current.hlc == 0 || change.stamp > Stamp { hlc: current.hlc, node: tx.node(current.node) };
            if !newer {
                return Ok(Outcome::Unchanged);
            }
            row.cells[i] = Cell { hlc: change.stamp.hlc, node: tx.node_idx(change.stamp.node)?, seq: 0 };
            row.won.insert(i, value.clone());
            Ok(Outcome::Applied)
        }
        ChangeBody::Fact { .. } => {
            facts.push((table, change));
            Ok(Outcome::Deferred)
        }
    }
}

/// Row ids are UUIDs in canonical form, so one row cannot hide under two spellings.
fn check_row_id(row: &str) -> Result<(), Rejection> {
    let mut buf = [0u8; 36];
    match Uuid::parse_str(row) {
        Ok(u) if u.hyphenated().encode_lower(&mut buf) == row => Ok(()),
        _ => Err(Rejection::BadRowId(row.to_owned())),
    }
}

fn check_value(table: &Table, i: usize, value: &Value) -> Result<(), Rejection> {
    let column = &table.columns[i];
    match (column.ty, value) {
        (_, Value::Null) if column.required => Err(Rejection::MissingColumn(column.name.to_owned())),
        (_, Value::Null) => Ok(()),
        _ if column.retired => Err(Rejection::Retired(column.name.to_owned())),
        (ColumnType::Int, Value::Int(_)) => Ok(()),
        // No text of ours holds a NUL, and PostgreSQL cannot store one.
        (ColumnType::Text, Value::Text(s)) if s.contains('\0') => Err(Rejection::WrongType(column.name.to_owned())),
        (ColumnType::Text, Value::Text(s)) if s.len() <= MAX_TEXT_BYTES => Ok(()),
        (ColumnType::Text, Value::Text(_)) => Err(Rejection::TooLong(column.name.to_owned())),
        _ => Err(Rejection::WrongType(column.name.to_owned())),
    }
}
