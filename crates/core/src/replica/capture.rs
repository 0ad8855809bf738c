//! Change capture: the only way rows of synced tables are written. Each entity write stamps
//! the columns it sets with a fresh clock and a sequence number, in the same transaction as
//! the row; a fact is stamped once, and never updated.

use std::collections::BTreeSet;

use rusqlite::OptionalExtension;

use crate::replica::clock::{Cell, decode_cells, encode_cells};
use crate::replica::schema::{Kind, Table};
use crate::replica::store::Tx;
use crate::replica::value::Value;
use crate::{Error, Result};

impl Tx<'_> {
    /// Sets `values` on entity row `id` (creating it if needed) as a local change.
    pub(crate) fn write_entity(&mut self, table: &'static Table, id: &str, values: &[(&str, Value)]) -> Result<()> {
        debug_assert_eq!(table.kind, Kind::Entity);
        let stamp = self.stamp();
        let node = self.node_idx(stamp.node)?;
        let seq = self.next_seq();
        let old = self.cells(table, id)?.unwrap_or_else(|| vec![Cell::default(); table.columns.len()]);
        let mut cells = old.clone();
        let mut columns = Vec::with_capacity(values.len());
        for (name, value) in values {
            let i = table.column_index(name).ok_or_else(|| Error::Schema(format!("{}.{name}", table.name)))?;
            if table.columns[i].retired && *value != Value::Null {
                return Err(Error::Schema(format!("{}.{name} is retired", table.name)));
            }
            cells[i] = Cell { hlc: stamp.hlc, node, seq };
            columns.push((i, value.clone()));
        }
        self.upsert_entity(table, id, &columns, &old, &cells, seq)
    }

    /// Records a new fact as a local change.
    pub(crate) fn insert_fact(&mut self, table: &'static Table, id: &str, values: &[(&str, Value)]) -> Result<()> {
        debug_assert_eq!(table.kind, Kind::Fact);
        let stamp = self.stamp();
        let node = self.node_idx(stamp.node)?;
        let seq = self.next_seq();
        let names: Vec<&str> = values.iter().map(|(n, _)| *n).collect();
        if let Some(unknown) = names.iter().find(|n| table.column_index(n).is_none()) {
            return Err(Error::Schema(format!("{}.{unknown}", table.name)));
        }
        let inserted = self.insert_fact_row(table, id, values, stamp.hlc, node, seq)?;
        if !inserted {
            return Err(Error::Schema(format!("{} {id} written twice", table.name)));
        }
        Ok(())
    }

    /// Moves the log entries of this replica's facts of `table` whose `column` is `value`
    /// to the end of the log, oldest first, as if written now. Only for facts never pushed:
    /// a peer that acknowledged them would not be sent them again.
    pub(crate) fn relog_facts(&mut self, table: &'static Table, column: &str, value: &str) -> Result<()> {
        debug_assert_eq!(table.kind, Kind::Fact);
        if table.column_index(column).is_none() {
            return Err(Error::Schema(format!("{}.{column}", table.name)));
        }
        let sql = format!(
            "SELECT l.seq FROM change_log l JOIN {t} f ON f.id = l.row_id
             WHERE l.tbl = ?1 AND l.local AND f.{column} = ?2 ORDER BY l.seq",
            t = table.name
        );
        let old: Vec<i64> =
            self.sql.prepare(&sql)?.query_map([table.name, value], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for seq in old {
            let new = self.next_seq();
            self.sql.prepare_cached("UPDATE change_log SET seq = ?2 WHERE seq = ?1")?.execute([seq, new as i64])?;
        }
        Ok(())
    }

    /// The packed column clocks of an entity row, if it exists.
    pub(crate) fn cells(&self, table: &Table, id: &str) -> Result<Option<Vec<Cell>>> {
        let sql = format!("SELECT _clock FROM {} WHERE id = ?1", table.name);
        let blob: Option<Vec<u8>> = self.sql.prepare_cached(&sql)?.query_row([id], |r| r.get(0)).optional()?;
        Ok(blob.map(|b| decode_cells(&b, table.columns.len())))
    }

    /// Writes the given columns and the row's clocks at `seq`, logs the row at `seq`, drops
    /// the log entries no column holds any more, then refreshes the row's search entry.
    /// `old` is the row's clocks before this write.
    pub(crate) fn upsert_entity(
        &mut self,
        table: &'static Table,
        id: &str,
        columns: &[(usize, Value)],
        old: &[Cell],
        cells: &[Cell],
        seq: u64,
    ) -> Result<()> {
        let names: Vec<&str> = columns.iter().map(|(i, _)| table.columns[*i].name).collect();
        let placeholders: Vec<String> = (0..names.len()).map(|i| format!("?{}", i + 3)).collect();
        let updates: Vec<String> = names.iter().map(|n| format!("{n} = excluded.{n}")).collect();
        let sql = format!(
            "INSERT INTO {t} (id, _clock{sep}{cols}) VALUES (?1, ?2{sep}{vals})
             ON CONFLICT (id) DO UPDATE SET _clock = excluded._clock{sep}{updates}",
            t = table.name,
            sep = if names.is_empty() { "" } else { ", " },
            cols = names.join(", "),
            vals = placeholders.join(", "),
            updates = updates.join(", "),
        );
        let clock = encode_cells(cells);
        let mut params: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(columns.len() + 2);
        params.push(&id);
        params.push(&clock);
        params.extend(columns.iter().map(|(_, v)| v as &dyn rusqlite::ToSql));
        self.sql.prepare_cached(&sql)?.execute(params.as_slice())?;

        let writer = columns.first().map(|(i, _)| cells[*i].node);
        self.log(table, id, seq, writer)?;
        let held: BTreeSet<u64> = cells.iter().map(|c| c.seq).collect();
        let released: BTreeSet<u64> = old.iter().map(|c| c.seq).filter(|s| *s != 0 && !held.contains(s)).collect();
        let mut forget = self.sql.prepare_cached("DELETE FROM change_log WHERE seq = ?1")?;
        for seq in released {
            forget.execute([seq as i64])?;
        }
        self.row_written(table, id)
    }

    /// Logs the row at `seq`, as this replica's own write if `writer` (the node that wrote
    /// it, by its local number) is this replica.
    fn log(&self, table: &Table, id: &str, seq: u64, writer: Option<u32>) -> Result<()> {
        let local = writer.is_some_and(|w| self.is_own(w));
        self.sql
            .prepare_cached("INSERT INTO change_log (seq, tbl, row_id, local) VALUES (?1, ?2, ?3, ?4)")?
            .execute(rusqlite::params![seq as i64, table.name, id, local])?;
        Ok(())
    }

    /// Inserts a fact unless a fact with this id exists; returns whether it was new.
    pub(crate) fn insert_fact_row(
        &mut self,
        table: &Table,
        id: &str,
        values: &[(&str, Value)],
        hlc: u64,
        node: u32,
        seq: u64,
    ) -> Result<bool> {
        let names: Vec<&str> = values.iter().map(|(n, _)| *n).collect();
        let placeholders: Vec<String> = (0..names.len()).map(|i| format!("?{}", i + 4)).collect();
        let sql = format!(
            "INSERT OR IGNORE INTO {} (id, _hlc, _origin, {}) VALUES (?1, ?2, ?3, {})",
            table.name,
            names.join(", "),
            placeholders.join(", "),
        );
        let (hlc, origin) = (hlc as i64, i64::from(node));
        let mut params: Vec<&dyn rusqlite::ToSql> = vec![&id, &hlc, &origin];
        params.extend(values.iter().map(|(_, v)| v as &dyn rusqlite::ToSql));
        let inserted = self.sql.prepare_cached(&sql)?.execute(params.as_slice())? == 1;
        if inserted {
            self.log(table, id, seq, Some(node))?;
            self.row_written(table, id)?;
        }
        Ok(inserted)
    }
}

impl Tx<'_> {
    /// Writes only the columns whose value differs from the stored one, so an edit never
    /// stamps (and so never overrides) a field the person did not change. Returns whether
    /// anything was written.
    pub(crate) fn update_entity(&mut self, table: &'static Table, id: &str, values: &[(&str, Value)]) -> Result<bool> {
        let names: Vec<&str> = values.iter().map(|(n, _)| *n).collect();
        let sql = format!("SELECT {} FROM {} WHERE id = ?1", names.join(", "), table.name);
        let current: Option<Vec<Value>> = self
            .sql
            .prepare_cached(&sql)?
            .query_row([id], |r| (0..names.len()).map(|i| r.get::<_, Value>(i)).collect())
            .optional()?;
        let changed: Vec<(&str, Value)> = match current {
            Some(current) => {
                values.iter().zip(current).filter(|((_, new), old)| *new != *old).map(|(v, _)| v.clone()).collect()
            }
            None => values.to_vec(),
        };
        if changed.is_empty() {
            return Ok(false);
        }
        self.write_entity(table, id, &changed)?;
        Ok(true)
    }

    /// Whether entity `id` exists in `table` and is not deleted.
    pub(crate) fn is_live(&self, table: &Table, id: &str) -> Result<bool> {
        let sql = format!("SELECT 1 FROM {} WHERE id = ?1 AND deleted = 0", table.name);
        Ok(self.sql.prepare_cached(&sql)?.query_row([id], |_| Ok(())).optional()?.is_some())
    }
}

/// A new row id: a UUIDv7 made on this device.
pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
