//! Hybrid logical clocks (from the `uhlc` crate) and the per-column clock cells packed into
//! each entity row.

use std::num::NonZeroU8;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use uhlc::{HLC, HLCBuilder, ID, NTP64, Timestamp, system_time_clock};
use uuid::Uuid;

/// How far ahead of our own clock a remote change may be before it is refused: a phone whose
/// clock is a few days off still syncs; a change stamped years ahead would freeze every
/// register it touches.
pub const MAX_CLOCK_DRIFT: Duration = Duration::from_secs(30 * 24 * 3600);

/// Who wrote a value, and when: ordered by the clock, then by the node id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    /// NTP64 time of a hybrid logical clock.
    pub hlc: u64,
    /// The node (replica) that wrote it.
    pub node: Uuid,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("clock {hlc} from node {node} is too far in the future")]
pub struct DriftError {
    pub hlc: u64,
    pub node: Uuid,
}

/// This replica's clock.
pub(crate) struct Clock {
    hlc: HLC,
    node: Uuid,
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clock").field("node", &self.node).finish()
    }
}

impl Clock {
    /// A clock for `node` that never goes back behind `last`, the newest time this replica
    /// has stored (the wall clock of a cheap phone may jump back after a reboot).
    pub(crate) fn new(node: Uuid, last: u64) -> Clock {
        let id = node_id(node);
        // The drift limit is ours (see `observe`); uhlc's own would refuse our stored floor.
        let hlc = HLCBuilder::new().with_id(id).with_max_delta(Duration::from_secs(100 * 365 * 86_400)).build();
        let _ = hlc.update_with_timestamp(&Timestamp::new(NTP64(last), id));
        Clock { hlc, node }
    }

    pub(crate) fn node(&self) -> Uuid {
        self.node
    }

    /// A fresh stamp, later than every stamp this clock has made or seen.
    pub(crate) fn now(&self) -> Stamp {
        Stamp { hlc: self.hlc.new_timestamp().get_time().as_u64(), node: self.node }
    }

    /// Moves the clock past a remote stamp, or refuses one too far ahead.
    pub(crate) fn observe(&self, stamp: Stamp) -> Result<(), DriftError> {
        if too_far_ahead(stamp) {
            return Err(DriftError { hlc: stamp.hlc, node: stamp.node });
        }
        self.hlc
            .update_with_timestamp(&Timestamp::new(NTP64(stamp.hlc), node_id(stamp.node)))
            .map_err(|_| DriftError { hlc: stamp.hlc, node: stamp.node })
    }
}

/// A stamp of the wall clock now, for a writer that keeps no replica (the server's public
/// pages writing a buyer's inquiry as a new row, which no other write can race).
pub fn wall_stamp(node: Uuid) -> Stamp {
    Stamp { hlc: system_time_clock().as_u64(), node }
}

/// Whether a stamp is further ahead of this machine's wall clock than [`MAX_CLOCK_DRIFT`].
pub fn too_far_ahead(stamp: Stamp) -> bool {
    stamp.hlc > system_time_clock().as_u64().saturating_add(NTP64::from(MAX_CLOCK_DRIFT).as_u64())
}

/// uhlc wants a non-zero id; a nil node id (never made by us) maps to a fixed one.
fn node_id(node: Uuid) -> ID {
    ID::try_from(node.as_bytes()).unwrap_or_else(|_| ID::from(NonZeroU8::MIN))
}

/// One column's clock in an entity row: when, by which node (local index), and the local
/// change sequence number at which this replica stored it. `hlc == 0`: never written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cell {
    pub hlc: u64,
    pub node: u32,
    pub seq: u64,
}

const STAMP_BYTES: usize = 20;

/// Packs a row's cells: the distinct (HLC, node, seq) triples, then one byte per column
/// naming its triple (0: never written). Columns written together share one triple, so a
/// 25-column listing takes 46 bytes instead of 500.
pub(crate) fn encode_cells(cells: &[Cell]) -> Vec<u8> {
    let mut distinct: Vec<Cell> = Vec::new();
    let mut refs = Vec::with_capacity(cells.len());
    for cell in cells {
        if cell.hlc == 0 {
            refs.push(0u8);
            continue;
        }
        let i = distinct.iter().position(|d| d == cell).unwrap_or_else(|| {
            distinct.push(*cell);
            distinct.len() - 1
        });
        refs.push(u8::try_from(i + 1).unwrap_or(0));
    }
    let mut bytes = Vec::with_capacity(1 + distinct.len() * STAMP_BYTES + refs.len());
    bytes.push(u8::try_from(distinct.len()).unwrap_or(0));
    for c in &distinct {
        bytes.extend_from_slice(&c.hlc.to_be_bytes());
        bytes.extend_from_slice(&c.node.to_be_bytes());
        bytes.extend_from_slice(&c.seq.to_be_bytes());
    }
    bytes.extend_from_slice(&refs);
    bytes
}

/// The cells of a row with `columns` columns; a short or damaged blob reads as unwritten.
pub(crate) fn decode_cells(bytes: &[u8], columns: usize) -> Vec<Cell> {
    let mut cells = vec![Cell::default(); columns];
    let Some((&k, rest)) = bytes.split_first() else { return cells };
    let Some((stamps, refs)) = rest.split_at_checked(usize::from(k) * STAMP_BYTES) else { return cells };
    let distinct: Vec<Cell> = stamps
        .chunks_exact(STAMP_BYTES)
        .map(|c| Cell {
            hlc: u64::from_be_bytes(c[0..8].try_into().unwrap_or_default()),
            node: u32::from_be_bytes(c[8..12].try_into().unwrap_or_default()),
            seq: u64::from_be_bytes(c[12..20].try_into().unwrap_or_default()),
        })
        .collect();
    for (cell, r) in cells.iter_mut().zip(refs) {
        if let Some(d) = usize::from(*r).checked_sub(1).and_then(|i| distinct.get(i)) {
            *cell = *d;
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_only_go_forward_even_when_the_stored_clock_is_ahead() {
        let node = Uuid::new_v4();
        let far = Clock::new(node, 0).now().hlc + (1 << 40);
        let clock = Clock::new(node, far);
        let a = clock.now();
        let b = clock.now();
        assert!(a.hlc > far && b > a);
    }

    #[test]
    fn a_remote_stamp_moves_the_clock_past_it_and_a_wild_one_is_refused() {
        let clock = Clock::new(Uuid::new_v4(), 0);
        let remote = Stamp { hlc: clock.now().hlc + (1 << 32) * 60, node: Uuid::new_v4() };
        clock.observe(remote).expect("a minute ahead is fine");
        assert!(clock.now() > remote);
        let wild = Stamp { hlc: clock.now().hlc + (1 << 32) * 3600 * 24 * 365, node: Uuid::new_v4() };
        assert!(clock.observe(wild).is_err());
    }

    #[test]
    fn cells_round_trip_and_short_blobs_read_as_unwritten() {
        let a = Cell { hlc: 7, node: 2, seq: 9 };
        let cells = vec![a, Cell::default(), Cell { hlc: u64::MAX, node: 1, seq: 1 }, a];
        assert_eq!(decode_cells(&encode_cells(&cells), 4), cells);
        assert_eq!(encode_cells(&cells).len(), 1 + 2 * STAMP_BYTES + 4, "shared stamps are stored once");
        assert_eq!(decode_cells(&encode_cells(&cells[..1]), 3)[1..], [Cell::default(), Cell::default()]);
        let packed = encode_cells(&cells);
        for cut in 0..packed.len() {
            assert_eq!(decode_cells(&packed[..cut], 4).len(), 4, "a damaged blob never panics");
        }
        assert_eq!(decode_cells(&[], 2), vec![Cell::default(); 2]);
    }
}
