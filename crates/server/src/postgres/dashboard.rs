//! The commune dashboard on PostgreSQL, counted by the very rules the app and the SQLite
//! engine use: each commune's rows are kept, as a cache, in a local SQLite replica (one file
//! per commune in a temporary folder), brought up to date from the commune's log before it is
//! read. Writing the figures again in PostgreSQL's SQL would make two definitions of each.
//!
//! A replica follows its commune's log position (`log_counters`): an unchanged commune is not
//! read again, and its figures are kept for [`FRESH_FOR_MS`] (they depend on the time too:
//! "active in the last 30 days", "held"). At most [`OPEN_REPLICAS`] replicas stay open; the
//! others wait on disk and reopen at their cursor.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use langso_core::Store;
use langso_core::dashboard::{CommuneRow, Dashboard};
use postgres::types::Type;

use super::data;
use super::log::join_cursor;
use crate::ServerError;

/// How long a commune's counted figures serve an unchanged commune.
const FRESH_FOR_MS: i64 = 60_000;
/// Replicas kept open at once.
const OPEN_REPLICAS: usize = 64;
/// Log entries read at a time while catching up.
const CATCH_UP_PAGE: usize = 5_000;

#[derive(Debug, Default)]
struct Followed {
    /// Our cursor in the commune's log (past the lesson pack, which no figure reads).
    cursor: Option<u64>,
    /// The commune's log position when the replica last caught up.
    seq: i64,
    /// Its province-table row, with when it was counted and at which position.
    row: Option<(i64, i64, CommuneRow)>,
    last_used: u64,
}

#[derive(Debug)]
pub(super) struct Replicas {
    dir: tempfile::TempDir,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    followed: HashMap<String, Followed>,
    open: HashMap<String, Arc<Store>>,
    clock: u64,
}

impl Replicas {
    pub(super) fn new() -> Result<Replicas, ServerError> {
        let dir = tempfile::Builder::new()
            .prefix("langso-dashboards")
            .tempdir()
            .map_err(|e| ServerError::Io(e.to_string()))?;
        Ok(Replicas { dir, state: Mutex::new(State::default()) })
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn dashboard(
        &self,
        client: &mut postgres::Client,
        commune: &str,
        now: i64,
    ) -> Result<Option<Dashboard>, ServerError> {
        let seqs = log_positions(client, &[commune.to_owned()])?;
        let store = self.caught_up(client, commune, seqs.get(commune).copied().unwrap_or(0))?;
        Ok(store.dashboard(commune, now)?)
    }

    /// The rows of `communes` (all of `province`), each counted again only when its commune
    /// changed or its figures are older than [`FRESH_FOR_MS`].
    pub(super) fn province_rows(
        &self,
        client: &mut postgres::Client,
        province: &str,
        communes: &[String],
        now: i64,
    ) -> Result<Vec<CommuneRow>, ServerError> {
        let seqs = log_positions(client, communes)?;
        let mut rows = Vec::with_capacity(communes.len());
        for commune in communes {
            let seq = seqs.get(commune).copied().unwrap_or(0);
            let kept = self.state().followed.get(commune).and_then(|f| f.row.clone());
            match kept {
                Some((at, counted_seq, row)) if counted_seq == seq && now - at < FRESH_FOR_MS && now >= at => {
                    rows.push(row)
                }
                _ => {
                    let store = self.caught_up(client, commune, seq)?;
                    let row = store.province_table(province, now)?.into_iter().find(|r| &r.commune_id == commune);
                    if let Some(row) = row {
                        if let Some(f) = self.state().followed.get_mut(commune) {
                            f.row = Some((now, seq, row.clone()));
                        }
                        rows.push(row);
                    }
                }
            }
        }
        Ok(rows)
    }

    /// The commune's replica with everything its log held at position `seq`.
    fn caught_up(&self, client: &mut postgres::Client, commune: &str, seq: i64) -> Result<Arc<Store>, ServerError> {
        let (store, cursor, behind) = {
            let mut state = self.state();
            state.clock += 1;
            let clock = state.clock;
            let store = match state.open.get(commune) {
                Some(store) => store.clone(),
                None => {
                    let store = Arc::new(Store::open(&self.dir.path().join(file_name(commune)))?);
                    if state.open.len() >= OPEN_REPLICAS {
                        close_least_used(&mut state);
                    }
                    state.open.insert(commune.to_owned(), store.clone());
                    store
                }
            };
            let followed = state.followed.entry(commune.to_owned()).or_default();
            followed.last_used = clock;
            (store, followed.cursor, followed.cursor.is_none() || followed.seq != seq)
        };
        if !behind {
            return Ok(store);
        }
        // Past the pack's whole log, so only the commune's own rows come.
        let mut cursor = match cursor {
            Some(cursor) => cursor,
            None => join_cursor((1 << 24) - 1, 0)?,
        };
        loop {
            let page = data::page(client, commune, cursor, CATCH_UP_PAGE, None)?;
            store.apply(&page.changes)?;
            cursor = page.cursor;
            if !page.more {
                break;
            }
        }
        if let Some(f) = self.state().followed.get_mut(commune) {
            f.cursor = Some(cursor);
            f.seq = seq;
        }
        Ok(store)
    }
}

/// Closes the replica used least recently; its file and cursor stay.
fn close_least_used(state: &mut State) {
    let least = state.open.keys().min_by_key(|c| state.followed.get(*c).map_or(0, |f| f.last_used)).cloned();
    if let Some(commune) = least {
        state.open.remove(&commune);
    }
}

/// A commune id is a UUID, but the file name must not depend on it being one.
fn file_name(commune: &str) -> String {
    let safe: String = commune.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(64).collect();
    format!("{safe}-{}.sqlite3", &crate::service::hash(commune)[..8])
}

/// Each commune's log position.
fn log_positions(client: &mut postgres::Client, communes: &[String]) -> Result<HashMap<String, i64>, ServerError> {
    let rows = client.query_typed(
        "SELECT commune_id, seq FROM log_counters WHERE commune_id = ANY($1)",
        &[(&communes, Type::TEXT_ARRAY)],
    )?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}
