//! The replica engine: one SQLite file per replica, every write captured with its clock in the
//! same transaction, changes read out of the log and merged in (per-column last-writer-wins for
//! entities, a set for facts), the sync state per peer, and content-addressed blobs. It knows
//! the synced tables (`schema`) but no domain rule: the domain reacts to written rows through
//! the hook it gives `Store::open_with`.

pub mod blob;
pub(crate) mod capture;
pub mod change;
pub mod clock;
pub mod identity;
pub mod merge;
pub mod refusal;
pub mod relay;
pub mod schema;
pub mod store;
pub mod sync_state;
pub mod value;
