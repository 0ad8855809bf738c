//! What a hub forwards and whom it refuses. A hub keeps each signed batch a device enrolled
//! with it pushed, exactly as received, with the registration of its origin (role, public
//! key, name), and forwards it upstream unchanged: the upstream verifies the origin's
//! signature itself. The batches are opaque bytes here; `langso_sync` reads and writes them.
//! The devices upstream revoked are kept too, so that the hub refuses them as well.

use rusqlite::OptionalExtension;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::replica::identity::PublicKey;
use crate::role::Role;
use crate::{Result, Store};

/// A batch kept to forward, with the registration of the device that signed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relayed {
    pub origin: Uuid,
    pub role: Role,
    pub public_key: PublicKey,
    pub name: String,
    /// The signed batch, as received.
    pub envelope: Vec<u8>,
}

impl Store {
    /// Keeps a batch to forward; a batch kept already (a push repeated after a lost answer)
    /// is kept once.
    pub fn keep_relayed(&self, relayed: &Relayed) -> Result<()> {
        let digest = Sha256::digest(&relayed.envelope).to_vec();
        self.write(|tx| {
            tx.sql
                .prepare_cached(
                    "INSERT INTO relay_envelopes (digest, origin, role, public_key, name, envelope)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (digest) DO NOTHING",
                )?
                .execute(rusqlite::params![
                    digest,
                    relayed.origin.as_bytes(),
                    relayed.role.as_str(),
                    relayed.public_key.0,
                    relayed.name,
                    relayed.envelope
                ])?;
            Ok(())
        })
    }

    /// Up to `max` kept batches `peer` has not acknowledged, oldest first, each with its
    /// position to acknowledge.
    pub fn relayed_for(&self, peer: &str, max: usize) -> Result<Vec<(u64, Relayed)>> {
        self.read(|c| {
            let after: i64 = c
                .prepare_cached("SELECT relayed FROM sync_peers WHERE peer = ?1")?
                .query_row([peer], |r| r.get(0))
                .optional()?
                .unwrap_or(0);
            let mut stmt = c.prepare_cached(
                "SELECT seq, origin, role, public_key, name, envelope FROM relay_envelopes
                 WHERE seq > ?1 ORDER BY seq LIMIT ?2",
            )?;
            let rows = stmt.query_map(rusqlite::params![after, max.min(i64::MAX as usize) as i64], |r| {
                Ok((
                    r.get::<_, i64>(0)? as u64,
                    r.get::<_, [u8; 16]>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, [u8; 32]>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Vec<u8>>(5)?,
                ))
            })?;
            let mut kept = Vec::new();
            for row in rows {
                let (seq, origin, role, key, name, envelope) = row?;
                let Some(role) = Role::parse(&role) else { continue };
                kept.push((
                    seq,
                    Relayed { origin: Uuid::from_bytes(origin), role, public_key: PublicKey(key), name, envelope },
                ));
            }
            Ok(kept)
        })
    }

    /// Records that `peer` made the kept batches durable up to `seq`, and drops the batches
    /// every peer has.
    pub fn acknowledge_relayed(&self, peer: &str, seq: u64) -> Result<()> {
        self.write(|tx| {
            tx.sql.execute(
                "INSERT INTO sync_peers (peer, relayed) VALUES (?1, ?2)
                 ON CONFLICT (peer) DO UPDATE SET relayed = max(relayed, excluded.relayed)",
                rusqlite::params![peer, seq as i64],
            )?;
            tx.sql.execute(
                "DELETE FROM relay_envelopes
                 WHERE seq <= (SELECT min(relayed) FROM sync_peers WHERE token IS NOT NULL)",
                [],
            )?;
            Ok(())
        })
    }

    /// Adds devices upstream revoked.
    pub fn remember_revoked(&self, nodes: &[Uuid]) -> Result<()> {
        if nodes.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            let mut insert = tx.sql.prepare_cached("INSERT OR IGNORE INTO revoked_nodes (node) VALUES (?1)")?;
            for node in nodes {
                insert.execute([node.as_bytes()])?;
            }
            Ok(())
        })
    }

    /// Whether upstream revoked this device.
    pub fn is_revoked(&self, node: Uuid) -> Result<bool> {
        self.read(|c| {
            Ok(c.prepare_cached("SELECT 1 FROM revoked_nodes WHERE node = ?1")?
                .query_row([node.as_bytes()], |_| Ok(()))
                .optional()?
                .is_some())
        })
    }
}
