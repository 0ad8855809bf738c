//! Changes a peer refused. The device takes the peer's word: a refused write goes back to
//! the peer's version of the record (or, where the peer has none this device may see, to
//! unwritten; a refused fact is removed), leaves the outbox, and a note says why, for the
//! person to read on that record. A later local edit of the same column is its own change and
//! is not undone.

use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use crate::replica::change::{Change, ChangeBody};
use crate::replica::clock::Cell;
use crate::replica::schema::{self, Kind};
use crate::replica::store::Tx;
use crate::replica::value::Value;
use crate::time::now_ms;
use crate::{Result, Store};

/// A change of this device a peer refused, and why (a Fluent message id, `reject-…`).
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub change: Change,
    pub reason: String,
}

/// The last refusal of a record, as the person is told about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RefusalNote {
    /// A Fluent message id, `reject-…`.
    pub reason: String,
    /// UTC ms.
    pub at: i64,
}

impl Store {
    /// Takes back refused changes, in one transaction: each refused column returns to the
    /// version in `current` (the peer's, with its clock) or to unwritten, each refused fact is
    /// removed, and each record gets a note.
    pub fn take_refusals(&self, refused: &[Refusal], current: &[Change]) -> Result<()> {
        if refused.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            for refusal in refused {
                take_back(tx, refusal, current)?;
                tx.sql
                    .prepare_cached(
                        "INSERT OR REPLACE INTO refusals (tbl, row_id, reason, at) VALUES (?1, ?2, ?3, ?4)",
                    )?
                    .execute(rusqlite::params![refusal.change.table, refusal.change.row, refusal.reason, now_ms()])?;
            }
            Ok(())
        })
    }

    /// Why the last change this device made to a record was refused, if it was.
    pub fn refusal(&self, table: &str, row: &str) -> Result<Option<RefusalNote>> {
        self.read(|c| {
            Ok(c.prepare_cached("SELECT reason, at FROM refusals WHERE tbl = ?1 AND row_id = ?2")?
                .query_row([table, row], |r| Ok(RefusalNote { reason: r.get(0)?, at: r.get(1)? }))
                .optional()?)
        })
    }

    /// The person has read the note.
    pub fn dismiss_refusal(&self, table: &str, row: &str) -> Result<()> {
        self.write(|tx| {
            tx.sql.execute("DELETE FROM refusals WHERE tbl = ?1 AND row_id = ?2", [table, row])?;
            Ok(())
        })
    }
}

fn take_back(tx: &mut Tx<'_>, refusal: &Refusal, current: &[Change]) -> Result<()> {
    let change = &refusal.change;
    let Some(table) = schema::table(&change.table) else { return Ok(()) };
    match (&change.body, table.kind) {
        (ChangeBody::Column { column, .. }, Kind::Entity) => {
            let (Some(i), Some(old)) = (table.column_index(column), tx.cells(table, &change.row)?) else {
                return Ok(());
            };
            // Superseded here since: the newer write is judged on its own.
            if old[i].hlc != change.stamp.hlc || tx.node(old[i].node) != change.stamp.node {
                return Ok(());
            }
            let theirs = current.iter().find(|c| {
                c.table == change.table
                    && c.row == change.row
                    && matches!(&c.body, ChangeBody::Column { column: name, .. } if name == column)
            });
            let seq = tx.next_seq();
            let mut cells = old.clone();
            let value = match theirs {
                Some(Change { stamp, body: ChangeBody::Column { value, .. }, .. }) => {
                    cells[i] = Cell { hlc: stamp.hlc, node: tx.node_idx(stamp.node)?, seq };
                    value.clone()
                }
                _ => {
                    cells[i] = Cell { hlc: 0, node: 0, seq: 0 };
                    Value::Null
                }
            };
            if cells.iter().all(|c| c.hlc == 0) {
                // Nothing of the row was ever accepted: the record was never made.
                return forget_row(tx, table.name, &change.row);
            }
            tx.upsert_entity(table, &change.row, &[(i, value)], &old, &cells, seq)
        }
        (ChangeBody::Fact { .. }, Kind::Fact) => forget_row(tx, table.name, &change.row),
        _ => Ok(()),
    }
}

fn forget_row(tx: &mut Tx<'_>, table: &'static str, row: &str) -> Result<()> {
    tx.sql.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [row])?;
    tx.sql.execute("DELETE FROM change_log WHERE tbl = ?1 AND row_id = ?2", [table, row])?;
    let table = schema::table(table).ok_or_else(|| crate::Error::Schema(table.to_owned()))?;
    tx.row_written(table, row)
}
