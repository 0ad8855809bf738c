//! Join codes: what an official hands out so that a device can enroll in a commune with a
//! role. A code is shown once (only its hash is kept), expires, has a use limit, and can be
//! listed and revoked by its public id.

use std::time::Duration;

use langso_core::role::Role;
use uuid::Uuid;

/// Letters and digits that cannot be mistaken for one another when read aloud or typed.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/// How long a code works unless its maker says otherwise.
pub const DEFAULT_VALIDITY: Duration = Duration::from_secs(14 * 86_400);
/// The longest a code may work: a forgotten code must not stay open for years.
pub const MAX_VALIDITY: Duration = Duration::from_secs(90 * 86_400);
/// The most devices one code may enroll.
pub const MAX_USES: u32 = 1_000;

/// How long a code works and how many devices it may enroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeLimits {
    pub valid_for: Duration,
    pub uses: u32,
}

impl CodeLimits {
    /// An official's code enrolls one device; a volunteer's a team; a villager's or a
    /// farmer's code is read out at a session of up to a few hundred people.
    pub fn for_role(role: Role) -> CodeLimits {
        let uses = match role {
            Role::Official => 1,
            Role::Volunteer => 10,
            Role::Villager | Role::Farmer => 200,
        };
        CodeLimits { valid_for: DEFAULT_VALIDITY, uses }
    }
}

/// A code as it is listed: never the code itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinCode {
    pub id: String,
    pub commune_id: String,
    pub role: Role,
    pub created_at: i64,
    pub expires_at: i64,
    pub uses: u32,
    pub max_uses: u32,
    pub revoked: bool,
}

impl JoinCode {
    /// Whether the code would enroll a device at `now` (unix seconds).
    pub fn usable(&self, now: i64) -> bool {
        !self.revoked && self.expires_at > now && self.uses < self.max_uses
    }

    /// The Fluent id of the code's state.
    pub fn state_id(&self, now: i64) -> &'static str {
        if self.revoked {
            "server-code-state-revoked"
        } else if self.expires_at <= now {
            "server-code-state-expired"
        } else if self.uses >= self.max_uses {
            "server-code-state-used-up"
        } else {
            "server-code-state-active"
        }
    }
}

/// A freshly made code: shown once, as `ABCD-EFGH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCode {
    pub code: String,
    pub listed: JoinCode,
}

/// Join codes are typed by people: case, spaces and dashes do not matter.
pub(crate) fn normalise(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

pub(crate) fn random_code() -> String {
    let random = Uuid::new_v4();
    random.as_bytes().iter().take(8).map(|b| char::from(CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_typed_loosely() {
        assert_eq!(normalise(" abcd-efgh "), "ABCDEFGH");
        assert_eq!(normalise("AB CD\tEF-GH"), "ABCDEFGH");
    }

    #[test]
    fn a_code_stops_at_its_expiry_its_limit_or_its_revocation() {
        let code = JoinCode {
            id: "c".into(),
            commune_id: "x".into(),
            role: Role::Villager,
            created_at: 0,
            expires_at: 100,
            uses: 1,
            max_uses: 2,
            revoked: false,
        };
        assert!(code.usable(99));
        assert!(!code.usable(100));
        assert!(!JoinCode { uses: 2, ..code.clone() }.usable(0));
        assert!(!JoinCode { revoked: true, ..code.clone() }.usable(0));
        assert_eq!(code.state_id(100), "server-code-state-expired");
    }
}
