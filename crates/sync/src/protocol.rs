//! What travels between replicas. Bodies are postcard-encoded and zstd-compressed (see
//! `codec`); enrollment is JSON, since people type its inputs.
//!
//! Changes travel in a compact [`Batch`]: node ids and the table of each row are sent once,
//! columns by their index in the schema, clocks as differences from the batch's first one.

use langso_core::replica::change::{Change, ChangeBody};
use langso_core::replica::clock::Stamp;
use langso_core::replica::schema::{self, TABLES};
use langso_core::replica::value::Value;
use langso_core::role::Role;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::SyncError;
use crate::envelope::{Envelope, Registration};

/// Raised when the wire format changes incompatibly; sent in every request's path.
pub const PROTOCOL_VERSION: u32 = 2;

/// The paths of the protocol under a peer's base URL, for the client and the server alike.
/// Their `/v2` is [`PROTOCOL_VERSION`].
pub mod paths {
    pub const ENROLL: &str = "/v2/enroll";
    pub const PUSH: &str = "/v2/push";
    pub const PULL: &str = "/v2/pull";
    /// A blob is this followed by its hash.
    pub const BLOBS: &str = "/v2/blobs/";
    /// An official's device: its commune's devices (GET).
    pub const DEVICES: &str = "/v2/devices";
    /// An official's device: revokes one of its commune's devices (POST).
    pub const REVOKE_DEVICE: &str = "/v2/devices/revoke";
    /// An official's device: its commune's join codes (GET), or a new one (POST).
    pub const CODES: &str = "/v2/codes";
    /// An official's device: revokes one of its commune's join codes (POST).
    pub const REVOKE_CODE: &str = "/v2/codes/revoke";
    /// An official's device: a one-time code to sign in to the commune office's pages (POST).
    pub const OFFICE_CODE: &str = "/v2/office-code";
}

/// Why the device management routes refuse, by Fluent id: the server names one in
/// [`ERROR_HEADER`], and the client tells the person in their own language.
pub mod refusals {
    /// Only an official's device manages its commune's devices and join codes.
    pub const NOT_OFFICIAL: &str = "devices-error-not-official";
    /// No such device in the official's commune.
    pub const UNKNOWN_DEVICE: &str = "devices-error-unknown-device";
    /// A device cannot revoke itself.
    pub const OWN_DEVICE: &str = "devices-error-own-device";
    pub const DEVICE_ALREADY_REVOKED: &str = "devices-error-already-revoked";
    /// No such join code in the official's commune.
    pub const UNKNOWN_CODE: &str = "devices-error-unknown-code";
    pub const CODE_ALREADY_REVOKED: &str = "devices-error-code-already-revoked";
    pub const ALL: [&str; 6] =
        [NOT_OFFICIAL, UNKNOWN_DEVICE, OWN_DEVICE, DEVICE_ALREADY_REVOKED, UNKNOWN_CODE, CODE_ALREADY_REVOKED];
}

/// Largest request or response body on the wire (compressed).
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// Largest body once decompressed: a guard against compression bombs.
pub const MAX_DECODED_BYTES: usize = 32 * 1024 * 1024;
/// Says how many bytes of a blob have arrived (answers to HEAD and PUT of a blob).
pub const RECEIVED_HEADER: &str = "x-langso-received";
/// Names the Fluent message id of a refusal, so that a client can tell refusals apart.
pub const ERROR_HEADER: &str = "x-langso-error";
/// Change-log entries per push batch and per pulled page.
pub const BATCH_ENTRIES: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollRequest {
    /// The join code an official gave out (typed or scanned).
    pub code: String,
    /// The device's replica node id: every change it makes carries it.
    pub node: Uuid,
    pub device_name: String,
    /// This device's current token at that peer, when it enrolls there again (for another
    /// role): a node that is enrolled already cannot be enrolled without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_token: Option<String>,
    /// The device's Ed25519 public key, in hex: what its pushed batches are checked against.
    pub public_key: String,
    /// In hex, the device's signature of [`crate::envelope::enrollment_message`]: proof that
    /// it holds the key.
    pub proof: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollResponse {
    /// Secret; the server keeps only its hash.
    pub device_token: String,
    pub commune_id: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    /// Signed batches: the sender's own, or, from a hub, those of the devices enrolled with
    /// it, forwarded as received.
    pub envelopes: Vec<Envelope>,
    /// The devices a hub enrolled whose batches it forwards here: how the receiver learns a
    /// device it has not met. A device known already keeps its key and role.
    pub devices: Vec<Registration>,
    /// Where the sender is in what it sends (its change log, or its kept batches),
    /// acknowledged back.
    pub cursor: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    /// Sent only after the batch is durable on the server.
    pub acknowledged: u64,
    pub applied: u32,
    pub unchanged: u32,
    pub rejected: Vec<WireRejection>,
    /// The receiver's version of each refused column of the sender's own that the sender may
    /// see: what it takes back.
    pub current: Batch,
}

/// A change the receiver refused, by its index in the batch, with a Fluent message id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireRejection {
    pub index: u32,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    pub changes: Batch,
    pub cursor: u64,
    pub more: bool,
    /// To a volunteer's or an official's device, with the last page: the commune's revoked
    /// devices, which its hub then refuses too.
    pub revoked: Vec<Uuid>,
}

/// A device of a commune, as its officials see it. Times are unix seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceEntry {
    pub node: Uuid,
    pub name: String,
    pub role: Role,
    pub enrolled_at: i64,
    /// When it last pulled everything it had to pull (kept to within a few minutes).
    pub last_seen_at: Option<i64>,
    /// What its app said it was at that pull.
    pub app_version: Option<String>,
    pub revoked_at: Option<i64>,
    /// The hub that registered it (it enrolled at a session, not with the server), and the
    /// hub's name if the server knows the hub.
    pub registered_by: Option<Uuid>,
    pub hub_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevicesResponse {
    pub devices: Vec<DeviceEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevokeDeviceRequest {
    pub node: Uuid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevokeDeviceResponse {
    pub revoked_at: i64,
}

/// A join code as it is listed: never the code itself, which the server keeps only as a hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeEntry {
    pub id: String,
    pub role: Role,
    pub created_at: i64,
    pub expires_at: i64,
    pub uses: u32,
    pub max_uses: u32,
    pub revoked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodesResponse {
    pub codes: Vec<CodeEntry>,
}

/// A join code for the official's commune: `role`, working `days` days for `uses` devices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCodeRequest {
    pub role: Role,
    pub days: u32,
    pub uses: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCodeResponse {
    /// Shown once, as `ABCD-EFGH`: the server keeps only its hash.
    pub code: String,
    pub entry: CodeEntry,
}

/// A code to sign in to the commune office's pages once, soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeCodeResponse {
    /// `ABCD-EFGH`, shown once: the server keeps only its hash.
    pub code: String,
    /// Unix seconds.
    pub expires_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevokeCodeRequest {
    pub id: String,
}

/// Changes in compact form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    nodes: Vec<Uuid>,
    base_hlc: u64,
    rows: Vec<WireRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct WireRow {
    table: u8,
    id: Uuid,
    items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum Item {
    Column { column: u8, node: u32, hlc: i64, value: WireValue },
    Fact { node: u32, hlc: i64, values: Vec<(u8, WireValue)> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum WireValue {
    Null,
    Int(i64),
    Text(String),
}

impl From<Value> for WireValue {
    fn from(v: Value) -> WireValue {
        match v {
            Value::Null => WireValue::Null,
            Value::Int(i) => WireValue::Int(i),
            Value::Text(s) => WireValue::Text(s),
        }
    }
}

impl From<WireValue> for Value {
    fn from(v: WireValue) -> Value {
        match v {
            WireValue::Null => Value::Null,
            WireValue::Int(i) => Value::Int(i),
            WireValue::Text(s) => Value::Text(s),
        }
    }
}

fn delta(hlc: u64, base: u64) -> i64 {
    hlc.wrapping_sub(base) as i64
}

impl Batch {
    /// Packs changes as read from a change log (which only holds valid ones).
    pub fn from_changes(changes: &[Change]) -> Result<Batch, SyncError> {
        let mut batch = Batch { base_hlc: changes.first().map_or(0, |c| c.stamp.hlc), ..Batch::default() };
        for change in changes {
            let table = TABLES
                .iter()
                .position(|t| t.name == change.table)
                .ok_or_else(|| SyncError::Malformed(format!("table {}", change.table)))?;
            let id = Uuid::parse_str(&change.row).map_err(|_| SyncError::Malformed(format!("row {}", change.row)))?;
            let node = batch.node_index(change.stamp.node);
            let hlc = delta(change.stamp.hlc, batch.base_hlc);
            let item = match &change.body {
                ChangeBody::Column { column, value } => {
                    Item::Column { column: column_index(table, column)?, node, hlc, value: value.clone().into() }
                }
                ChangeBody::Fact { values } => Item::Fact {
                    node,
                    hlc,
                    values: values
                        .iter()
                        .map(|(c, v)| Ok((column_index(table, c)?, v.clone().into())))
                        .collect::<Result<_, SyncError>>()?,
                },
            };
            match batch.rows.last_mut() {
                Some(row) if usize::from(row.table) == table && row.id == id => row.items.push(item),
                _ => batch.rows.push(WireRow { table: table as u8, id, items: vec![item] }),
            }
        }
        Ok(batch)
    }

    /// Unpacks a batch from the wire; an index that points nowhere makes the whole batch
    /// malformed.
    pub fn into_changes(self) -> Result<Vec<Change>, SyncError> {
        let mut changes = Vec::new();
        for row in self.rows {
            let table = TABLES
                .get(usize::from(row.table))
                .ok_or_else(|| SyncError::Malformed(format!("table index {}", row.table)))?;
            for item in row.items {
                let (node, hlc, body) = match item {
                    Item::Column { column, node, hlc, value } => {
                        (node, hlc, ChangeBody::Column { column: column_name(table, column)?, value: value.into() })
                    }
                    Item::Fact { node, hlc, values } => (
                        node,
                        hlc,
                        ChangeBody::Fact {
                            values: values
                                .into_iter()
                                .map(|(c, v)| Ok((column_name(table, c)?, v.into())))
                                .collect::<Result<_, SyncError>>()?,
                        },
                    ),
                };
                let node =
                    *self.nodes.get(node as usize).ok_or_else(|| SyncError::Malformed(format!("node index {node}")))?;
                changes.push(Change {
                    table: table.name.to_owned(),
                    row: row.id.to_string(),
                    stamp: Stamp { hlc: self.base_hlc.wrapping_add(hlc as u64), node },
                    body,
                });
            }
        }
        Ok(changes)
    }

    fn node_index(&mut self, node: Uuid) -> u32 {
        match self.nodes.iter().position(|n| *n == node) {
            Some(i) => i as u32,
            None => {
                self.nodes.push(node);
                (self.nodes.len() - 1) as u32
            }
        }
    }
}

fn column_index(table: usize, column: &str) -> Result<u8, SyncError> {
    TABLES[table]
        .column_index(column)
        .and_then(|i| u8::try_from(i).ok())
        .ok_or_else(|| SyncError::Malformed(format!("column {column}")))
}

fn column_name(table: &schema::Table, column: u8) -> Result<String, SyncError> {
    table
        .columns
        .get(usize::from(column))
        .map(|c| c.name.to_owned())
        .ok_or_else(|| SyncError::Malformed(format!("column index {column} of {}", table.name)))
}

#[cfg(test)]
mod path_tests {
    use super::{PROTOCOL_VERSION, paths};

    #[test]
    fn every_path_carries_the_protocol_version() {
        let prefix = format!("/v{PROTOCOL_VERSION}/");
        for path in [
            paths::ENROLL,
            paths::PUSH,
            paths::PULL,
            paths::BLOBS,
            paths::DEVICES,
            paths::REVOKE_DEVICE,
            paths::CODES,
            paths::REVOKE_CODE,
            paths::OFFICE_CODE,
        ] {
            assert!(path.starts_with(&prefix), "{path}");
        }
    }
}
