//! Where this replica stands with each peer it syncs with: what the peer has acknowledged
//! of our change log (the outbox is everything after it), and how far we have pulled.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::replica::change::{Change, ChangeBody, ChangePage};
use crate::replica::merge::{self, ApplyReport};
use crate::replica::schema::PROFILES;
use crate::replica::store::Tx;
use crate::replica::value::Value;
use crate::role::Role;
use crate::time::now_ms;
use crate::{Result, Store};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PeerState {
    /// The last entry of our change log the peer has made durable.
    pub pushed: u64,
    /// The peer's cursor we have pulled and applied up to.
    pub pulled: u64,
    /// When a sync with the peer last completed (UTC ms).
    pub last_ok_at: Option<i64>,
}

fn state_in(conn: &Connection, peer: &str) -> Result<PeerState> {
    Ok(conn
        .prepare_cached("SELECT pushed, pulled, last_ok_at FROM sync_peers WHERE peer = ?1")?
        .query_row([peer], |r| {
            Ok(PeerState {
                pushed: r.get::<_, i64>(0)? as u64,
                pulled: r.get::<_, i64>(1)? as u64,
                last_ok_at: r.get(2)?,
            })
        })
        .optional()?
        .unwrap_or_default())
}

fn save(tx: &Tx<'_>, peer: &str, state: PeerState) -> Result<()> {
    tx.sql
        .prepare_cached(
            "INSERT INTO sync_peers (peer, pushed, pulled, last_ok_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (peer) DO UPDATE SET pushed = excluded.pushed, pulled = excluded.pulled,
           last_ok_at = excluded.last_ok_at",
        )?
        .execute(rusqlite::params![peer, state.pushed as i64, state.pulled as i64, state.last_ok_at])?;
    Ok(())
}

/// Whether `change` is a profile without a village, or a fact about one.
fn of_unplaced(change: &Change, unplaced: &BTreeSet<String>) -> bool {
    match &change.body {
        ChangeBody::Column { .. } => change.table == PROFILES.name && unplaced.contains(&change.row),
        ChangeBody::Fact { values } => {
            values.get("profile_id").and_then(Value::as_text).is_some_and(|id| unplaced.contains(id))
        }
    }
}

impl Store {
    pub fn peer_state(&self, peer: &str) -> Result<PeerState> {
        self.read(|c| state_in(c, peer))
    }

    /// The next changes to send `peer`: our own writes in our change log after what it
    /// acknowledged. A profile made before the device joined a commune stays here, with
    /// what its person learnt, until it has a village: the server would refuse them. Placing
    /// it logs all of that again after the cursor (see [`Store::place_profile`]), so it is
    /// sent then.
    pub fn outbox(&self, peer: &str, max_entries: usize) -> Result<ChangePage> {
        let pushed = self.peer_state(peer)?.pushed;
        let mut page = self.own_changes_since(pushed, max_entries)?;
        let unplaced: BTreeSet<String> = self.unplaced_profiles()?.into_iter().map(|p| p.id).collect();
        if !unplaced.is_empty() {
            page.changes.retain(|change| !of_unplaced(change, &unplaced));
        }
        Ok(page)
    }

    /// How many entries `peer` has not acknowledged yet: our own writes, and the batches of
    /// other devices kept to forward (see `relay`).
    pub fn waiting(&self, peer: &str) -> Result<u64> {
        self.read(|c| {
            let (pushed, relayed): (i64, i64) = c
                .prepare_cached("SELECT pushed, relayed FROM sync_peers WHERE peer = ?1")?
                .query_row([peer], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .unwrap_or((0, 0));
            let own: i64 = c
                .prepare_cached("SELECT count(*) FROM change_log WHERE seq > ?1 AND local")?
                .query_row([pushed], |r| r.get(0))?;
            let kept: i64 = c
                .prepare_cached("SELECT count(*) FROM relay_envelopes WHERE seq > ?1")?
                .query_row([relayed], |r| r.get(0))?;
            Ok((own + kept) as u64)
        })
    }

    /// Records that `peer` made our log durable up to `cursor`. Never moves backwards, so a
    /// late or repeated acknowledgement is harmless.
    pub fn acknowledge(&self, peer: &str, cursor: u64) -> Result<()> {
        self.write(|tx| {
            let mut state = state_in(&tx.sql, peer)?;
            state.pushed = state.pushed.max(cursor);
            save(tx, peer, state)
        })
    }

    /// Applies a page pulled from `peer` and moves the pull cursor to `cursor`, in one
    /// transaction: after a crash, the page is either wholly applied with its cursor or not
    /// at all. When our outbox to `peer` was empty, what the page adds to our log is the
    /// peer's own data and is not sent back to it.
    pub fn apply_pulled(&self, peer: &str, changes: &[Change], cursor: u64) -> Result<ApplyReport> {
        self.write(|tx| {
            let mut state = state_in(&tx.sql, peer)?;
            let caught_up = state.pushed >= tx.last_seq();
            let report = merge::apply(tx, changes)?;
            if caught_up {
                state.pushed = tx.last_seq();
            }
            state.pulled = state.pulled.max(cursor);
            save(tx, peer, state)?;
            Ok(report)
        })
    }

    /// Remembers the device token `peer` gave at enrollment, and the role it was for.
    pub fn save_peer_token(&self, peer: &str, token: &str, role: Role) -> Result<()> {
        self.write(|tx| {
            let state = state_in(&tx.sql, peer)?;
            save(tx, peer, state)?;
            tx.sql
                .execute("UPDATE sync_peers SET token = ?2, role = ?3 WHERE peer = ?1", [peer, token, role.as_str()])?;
            Ok(())
        })
    }

    /// The role this device enrolled with at `peer`.
    pub fn peer_role(&self, peer: &str) -> Result<Option<Role>> {
        self.read(|c| {
            let role: Option<Option<String>> =
                c.query_row("SELECT role FROM sync_peers WHERE peer = ?1", [peer], |r| r.get(0)).optional()?;
            Ok(role.flatten().and_then(|r| Role::parse(&r)))
        })
    }

    /// The peers this device is enrolled with, and its token at each.
    pub fn peers(&self) -> Result<Vec<(String, String)>> {
        self.read(|c| {
            let mut stmt =
                c.prepare_cached("SELECT peer, token FROM sync_peers WHERE token IS NOT NULL ORDER BY peer")?;
            Ok(stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Records a completed sync with `peer`.
    pub fn sync_completed(&self, peer: &str) -> Result<()> {
        self.write(|tx| {
            let mut state = state_in(&tx.sql, peer)?;
            state.last_ok_at = Some(now_ms());
            save(tx, peer, state)
        })
    }
}
