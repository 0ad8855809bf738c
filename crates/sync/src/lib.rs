//! Làng Số sync: the protocol's types and codec (in exactly one place, shared by the app,
//! the hub and the central server) and the client engine that pushes a replica's outbox and
//! pulls what it may see.

pub mod client;
pub mod codec;
pub mod envelope;
pub mod error;
pub mod protocol;

pub use error::{Result, SyncError};
