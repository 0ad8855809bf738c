//! What the store benchmarks fill their stores with: changes written as if another device had
//! made them, applied in batches of one transaction each (far quicker than the domain's own
//! writes, and the way synced data arrives).

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use langso_core::Store;
use langso_core::replica::change::{Change, ChangeBody};
use langso_core::replica::clock::Stamp;
use langso_core::replica::value::Value;
use uuid::Uuid;

pub struct Remote {
    node: Uuid,
    hlc: u64,
    batch: Vec<Change>,
}

impl Remote {
    pub fn new() -> Remote {
        let secs = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_secs() - 86_400;
        Remote { node: Uuid::now_v7(), hlc: secs << 32, batch: Vec::new() }
    }

    fn stamp(&mut self) -> Stamp {
        self.hlc += 1;
        Stamp { hlc: self.hlc, node: self.node }
    }

    /// The entity row `row`, every column at once.
    pub fn entity_at(&mut self, table: &str, row: &str, columns: Vec<(&str, Value)>) {
        let stamp = self.stamp();
        for (column, value) in columns {
            let body = ChangeBody::Column { column: column.into(), value };
            self.batch.push(Change { table: table.into(), row: row.into(), stamp, body });
        }
    }

    /// A new entity row, every column at once; returns its id.
    #[allow(dead_code)] // each bench is its own crate, and only some make rows with new ids
    pub fn entity(&mut self, table: &str, columns: Vec<(&str, Value)>) -> String {
        let row = Uuid::now_v7().to_string();
        self.entity_at(table, &row, columns);
        row
    }

    pub fn fact(&mut self, table: &str, values: Vec<(&str, Value)>) {
        let stamp = self.stamp();
        let values: BTreeMap<String, Value> = values.into_iter().map(|(c, v)| (c.to_owned(), v)).collect();
        let row = Uuid::now_v7().to_string();
        self.batch.push(Change { table: table.into(), row, stamp, body: ChangeBody::Fact { values } });
    }

    /// Applies the batch once it holds `every` changes (0: whatever it holds).
    pub fn flush(&mut self, store: &Store, every: usize) {
        if self.batch.len() >= every.max(1) {
            let report = store.apply(&std::mem::take(&mut self.batch)).expect("apply");
            assert!(report.rejected.is_empty(), "refused: {:?}", &report.rejected[..1]);
        }
    }
}
