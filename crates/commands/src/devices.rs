//! An official manages the commune's devices and join codes from the app: the devices that
//! joined (and when each last synced), revoking a lost one, and making, listing and revoking
//! join codes. Only a device enrolled as an official's may; the server checks that again, and
//! keeps every call within the official's commune. Nothing here works offline: a revocation
//! is the server's to make, so an unreachable server changes nothing.

use std::time::{SystemTime, UNIX_EPOCH};

use langso_core::role::Role;
use langso_server::ServerError;
use langso_server::join_codes::{CodeLimits, MAX_USES, MAX_VALIDITY};
use langso_sync::SyncError;
use langso_sync::client::Client;
use langso_sync::protocol::{CodeEntry, DeviceEntry};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::{App, Result};

/// A device of the commune as the official sees it. Times are unix milliseconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeviceView {
    pub node: String,
    pub name: String,
    pub role: Role,
    pub enrolled_at: i64,
    /// When it last pulled everything from the server (to within a few minutes).
    pub last_sync_at: Option<i64>,
    pub app_version: Option<String>,
    pub revoked_at: Option<i64>,
    /// It joined at a training session, through a volunteer's or official's hub.
    pub via_hub: bool,
    /// That hub's name, if the server knows it.
    pub hub_name: Option<String>,
    /// The device the official is holding: it cannot revoke itself.
    pub this_device: bool,
}

/// Whether a join code still lets devices join.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum CodeState {
    Active,
    Expired,
    UsedUp,
    Revoked,
}

/// A join code as listed: never the code itself, which the server keeps only as a hash.
/// Times are unix milliseconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CodeView {
    pub id: String,
    pub role: Role,
    pub created_at: i64,
    pub expires_at: i64,
    pub uses: u32,
    pub max_uses: u32,
    pub state: CodeState,
}

/// What a new code for a role works for unless the official changes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct CodeDefault {
    pub role: Role,
    pub days: u32,
    pub uses: u32,
}

/// The commune's join codes, newest first, and the limits a new one must keep within.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct JoinCodes {
    pub codes: Vec<CodeView>,
    pub max_days: u32,
    pub max_uses: u32,
    pub defaults: Vec<CodeDefault>,
}

/// A code just made: shown once, as `ABCD-EFGH`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MadeCode {
    pub code: String,
    pub listed: CodeView,
}

const DAY_SECS: u64 = 86_400;

fn max_days() -> u32 {
    u32::try_from(MAX_VALIDITY.as_secs() / DAY_SECS).unwrap_or(u32::MAX)
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn ms(secs: i64) -> i64 {
    secs.saturating_mul(1000)
}

fn code_view(entry: CodeEntry, now_ms: i64) -> CodeView {
    let state = if entry.revoked {
        CodeState::Revoked
    } else if ms(entry.expires_at) <= now_ms {
        CodeState::Expired
    } else if entry.uses >= entry.max_uses {
        CodeState::UsedUp
    } else {
        CodeState::Active
    };
    CodeView {
        id: entry.id,
        role: entry.role,
        created_at: ms(entry.created_at),
        expires_at: ms(entry.expires_at),
        uses: entry.uses,
        max_uses: entry.max_uses,
        state,
    }
}

fn device_view(entry: DeviceEntry, this: Uuid) -> DeviceView {
    DeviceView {
        node: entry.node.to_string(),
        name: entry.name,
        role: entry.role,
        enrolled_at: ms(entry.enrolled_at),
        last_sync_at: entry.last_seen_at.map(ms),
        app_version: entry.app_version,
        revoked_at: entry.revoked_at.map(ms),
        via_hub: entry.registered_by.is_some(),
        hub_name: entry.hub_name,
        this_device: entry.node == this,
    }
}

impl App {
    /// The commune's server as this device reaches it, if this is an official's device: not
    /// enrolled, or enrolled with another role, is refused before anything is sent.
    fn official_client(&self) -> Result<Client> {
        let (peer, token) = self.store.peers()?.into_iter().next().ok_or(SyncError::Unauthorized)?;
        if self.store.peer_role(&peer)? != Some(Role::Official) {
            return Err(ServerError::NotOfficial.into());
        }
        Ok(Client::new(&peer, &token)?)
    }

    /// Every device of the commune: those in use first, the most recently joined first.
    pub async fn commune_devices(&self) -> Result<Vec<DeviceView>> {
        let client = self.official_client()?;
        let this = self.store.node_id();
        Ok(client.devices().await?.into_iter().map(|d| device_view(d, this)).collect())
    }

    /// Revokes a device of the commune (a lost phone): it can no longer sync or join again.
    pub async fn revoke_device(&self, node: String) -> Result<()> {
        let client = self.official_client()?;
        let node = Uuid::parse_str(node.trim()).map_err(|_| ServerError::UnknownDevice)?;
        if node == self.store.node_id() {
            return Err(ServerError::OwnDevice.into());
        }
        client.revoke_device(node).await?;
        Ok(())
    }

    /// The commune's join codes, newest first, with the limits of a new one.
    pub async fn join_codes(&self) -> Result<JoinCodes> {
        let client = self.official_client()?;
        let now = now_ms();
        let codes = client.codes().await?.into_iter().map(|c| code_view(c, now)).collect();
        let defaults = [Role::Villager, Role::Farmer, Role::Volunteer, Role::Official]
            .into_iter()
            .map(|role| {
                let usual = CodeLimits::for_role(role);
                let days = u32::try_from(usual.valid_for.as_secs() / DAY_SECS).unwrap_or(u32::MAX);
                CodeDefault { role, days, uses: usual.uses }
            })
            .collect();
        Ok(JoinCodes { codes, max_days: max_days(), max_uses: MAX_USES, defaults })
    }

    /// Makes a join code for the commune: `role`, working `days` days for `uses` devices.
    /// The code itself is in the answer, and nowhere else ever again.
    pub async fn make_join_code(&self, role: Role, days: u32, uses: u32) -> Result<MadeCode> {
        let client = self.official_client()?;
        if !(1..=max_days()).contains(&days) || !(1..=MAX_USES).contains(&uses) {
            return Err(ServerError::CodeLimits { max_days: u64::from(max_days()), max_uses: MAX_USES }.into());
        }
        let made = client.make_code(role, days, uses).await?;
        Ok(MadeCode { code: made.code, listed: code_view(made.entry, now_ms()) })
    }

    /// Revokes a join code of the commune; the devices that joined with it stay.
    pub async fn revoke_join_code(&self, id: String) -> Result<()> {
        let client = self.official_client()?;
        let id = id.trim();
        if id.is_empty() || id.len() > 64 {
            return Err(ServerError::UnknownCode.into());
        }
        client.revoke_code(id).await?;
        Ok(())
    }
}
