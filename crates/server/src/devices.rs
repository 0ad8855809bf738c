//! A commune's devices and join codes, managed from an official's device: list them, revoke
//! one, make a code. Each call acts within the official's own commune only; a device or code
//! of another commune is answered as if it did not exist. Also when a device was last seen
//! and which app version it runs, recorded cheaply at the end of its pulls.

use std::time::Duration;

use langso_core::role::Role;
use langso_sync::protocol::{CodeEntry, DeviceEntry};
use uuid::Uuid;

use crate::ServerError;
use crate::join_codes::{CodeLimits, JoinCode, NewCode};
use crate::service::{Service, now_secs};
use crate::storage::{Device, Known};

/// How stale a device's "last seen" may get before a pull writes it again: a busy server does
/// not write on every request.
pub const SEEN_EVERY: i64 = 5 * 60;

/// Longest app version kept, in characters.
const APP_VERSION_MAX: usize = 32;

/// The app version a `User-Agent` of the form `langso/<version>` names, if it is one: a short
/// run of letters, digits, dots, dashes and pluses. Anything else is not stored.
pub fn app_version(user_agent: &str) -> Option<&str> {
    let version = user_agent.trim().strip_prefix("langso/")?;
    let plain = version.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'));
    (plain && !version.is_empty() && version.len() <= APP_VERSION_MAX).then_some(version)
}

impl From<&JoinCode> for CodeEntry {
    fn from(code: &JoinCode) -> CodeEntry {
        CodeEntry {
            id: code.id.clone(),
            role: code.role,
            created_at: code.created_at,
            expires_at: code.expires_at,
            uses: code.uses,
            max_uses: code.max_uses,
            revoked: code.revoked,
        }
    }
}

fn official(caller: &Device) -> Result<(), ServerError> {
    if caller.role == Role::Official { Ok(()) } else { Err(ServerError::NotOfficial) }
}

impl Service {
    /// Records that a device pulled everything now, if what is stored is older than
    /// [`SEEN_EVERY`] or names another app version.
    pub fn note_seen(&self, caller: &Known, app_version: Option<&str>) -> Result<(), ServerError> {
        let now = now_secs();
        let stale = caller.last_seen_at.is_none_or(|at| now.saturating_sub(at) >= SEEN_EVERY || at > now);
        let changed = app_version.is_some_and(|v| caller.app_version.as_deref() != Some(v));
        if stale || changed {
            self.storage().seen(caller.device.node, now, app_version)?;
        }
        Ok(())
    }

    /// The official's commune's devices: those in use first, the most recently enrolled first.
    pub fn commune_devices(&self, caller: &Device) -> Result<Vec<DeviceEntry>, ServerError> {
        official(caller)?;
        let mut devices = self.storage().devices_in(&caller.commune_id)?;
        devices.sort_by(|a, b| {
            (a.revoked_at.is_some(), std::cmp::Reverse(a.enrolled_at), a.node).cmp(&(
                b.revoked_at.is_some(),
                std::cmp::Reverse(b.enrolled_at),
                b.node,
            ))
        });
        Ok(devices)
    }

    /// Revokes a device of the official's commune, not its own; returns when.
    pub fn revoke_commune_device(&self, caller: &Device, node: Uuid) -> Result<i64, ServerError> {
        official(caller)?;
        let storage = self.storage();
        let known = storage.known_devices(&[node])?.into_iter().flatten().next();
        let Some(known) = known.filter(|k| k.device.commune_id == caller.commune_id) else {
            return Err(ServerError::UnknownDevice);
        };
        if node == caller.node {
            return Err(ServerError::OwnDevice);
        }
        let now = now_secs();
        if known.revoked || !storage.revoke_device(node, now)? {
            return Err(ServerError::DeviceAlreadyRevoked);
        }
        Ok(now)
    }

    /// The official's commune's join codes, newest first.
    pub fn commune_codes(&self, caller: &Device) -> Result<Vec<JoinCode>, ServerError> {
        official(caller)?;
        self.codes(Some(&caller.commune_id))
    }

    /// A join code for the official's commune, for any role, within the limits of
    /// `join_codes`.
    pub fn make_commune_code(&self, caller: &Device, role: Role, days: u32, uses: u32) -> Result<NewCode, ServerError> {
        official(caller)?;
        let limits = CodeLimits { valid_for: Duration::from_secs(u64::from(days) * 86_400), uses };
        self.create_code_with(&caller.commune_id, role, limits)
    }

    /// Revokes a join code of the official's commune; the devices it enrolled stay enrolled.
    pub fn revoke_commune_code(&self, caller: &Device, id: &str) -> Result<(), ServerError> {
        let code = self.commune_codes(caller)?.into_iter().find(|c| c.id == id).ok_or(ServerError::UnknownCode)?;
        if code.revoked || !self.revoke_code(id)? {
            return Err(ServerError::CodeAlreadyRevoked);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::app_version;

    #[test]
    fn only_a_plain_langso_version_is_kept() {
        assert_eq!(app_version("langso/0.1.0"), Some("0.1.0"));
        assert_eq!(app_version(" langso/1.2.3-beta+7 "), Some("1.2.3-beta+7"));
        assert_eq!(app_version("langso/"), None);
        assert_eq!(app_version("Mozilla/5.0"), None);
        assert_eq!(app_version("langso/1.0 <script>"), None);
        assert_eq!(app_version(&format!("langso/{}", "9".repeat(33))), None);
    }
}
