//! What the handlers need from storage. SQLite implements it (`sqlite.rs`); another engine
//! can be added without touching the handlers.

use langso_core::learning::pack::Pack;
use langso_core::replica::change::Change;
use langso_core::replica::merge::ApplyReport;
use langso_core::role::Role;
use uuid::Uuid;

use crate::ServerError;

/// An enrolled device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    /// The device's replica node id: the origin of every change it makes.
    pub node: Uuid,
    pub commune_id: String,
    pub role: Role,
}

/// What a pull hands back.
#[derive(Debug, Clone, PartialEq)]
pub struct PullPage {
    pub changes: Vec<Change>,
    pub cursor: u64,
    pub more: bool,
}

pub trait Database: Send + Sync + 'static {
    /// Trades a join code for a device token (the server keeps only its hash). A node that is
    /// enrolled already needs its `current_token` (and stays in its commune); a revoked node
    /// never enrolls again.
    fn enroll(
        &self,
        code: &str,
        node: Uuid,
        device_name: &str,
        current_token: Option<&str>,
    ) -> Result<(Device, String), ServerError>;
    /// The device a token belongs to, unless unknown or revoked.
    fn device(&self, token: &str) -> Result<Option<Device>, ServerError>;
    /// Applies the changes the device may make, in one transaction; the rest are rejected.
    /// `attested` are the roles a hub vouches for, of the devices whose changes it forwards.
    fn push(&self, device: &Device, attested: &[(Uuid, Role)], changes: &[Change]) -> Result<ApplyReport, ServerError>;
    /// The changes after `cursor` the device may see, not its own.
    fn pull(&self, device: &Device, cursor: u64, max_entries: usize) -> Result<PullPage, ServerError>;
    /// How many bytes of a blob the device has uploaded: `None` once the server holds it
    /// whole and the device may see it.
    fn blob_received(&self, device: &Device, hash: &str) -> Result<Option<usize>, ServerError>;
    /// Takes the next chunk of a device's upload; returns whether the blob is now whole (and
    /// checked).
    fn receive_blob(
        &self,
        device: &Device,
        hash: &str,
        mime: &str,
        total: usize,
        offset: usize,
        bytes: &[u8],
    ) -> Result<bool, ServerError>;
    /// A whole blob and its type, if the device may see it.
    fn blob(&self, device: &Device, hash: &str) -> Result<Option<(Vec<u8>, String)>, ServerError>;
    /// Publishes (or upgrades) the lesson pack.
    fn publish(&self, pack: &Pack) -> Result<ApplyReport, ServerError>;
}
