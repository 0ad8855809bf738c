//! Where the domain meets the replica engine: a store is opened with the domain's reaction to
//! every synced row written, here or by the merge, and with the tidying-up an open does.

use std::path::Path;

use crate::dashboard::learning;
use crate::people::device_profiles;
use crate::replica::schema::Table;
use crate::replica::store::Tx;
use crate::training::current;
use crate::{Result, Store, search};

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let store = Store::open_with(path, row_written)?;
        // Not a migration: the erasure must be captured as changes, with this replica's clock.
        store.erase_synced_pins()?;
        Ok(store)
    }
}

fn row_written(tx: &Tx<'_>, table: &Table, id: &str) -> Result<()> {
    search::reindex(tx, table, id)?;
    learning::row_written(tx, table, id)?;
    current::row_written(tx, table, id)?;
    device_profiles::forget_if_deleted(tx, table, id)
}
