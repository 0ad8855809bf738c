//! Join codes: what an official hands out so that a device can enroll in a commune with a
//! role. A code is shown once (only its hash is kept), expires, has a use limit, and can be
//! listed and revoked by its public id.

use std::time::Duration;

use langso_core::role::Role;
use rusqlite::{Connection, OptionalExtension, Transaction};
use uuid::Uuid;

use crate::ServerError;
use crate::sqlite::{SqliteDatabase, hash, now_secs};

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

const LISTED: &str = "id, commune_id, role, created_at, expires_at, uses, max_uses, revoked";

fn listed(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<JoinCode>> {
    let role: String = r.get(2)?;
    let Some(role) = Role::parse(&role) else { return Ok(None) };
    Ok(Some(JoinCode {
        id: r.get(0)?,
        commune_id: r.get(1)?,
        role,
        created_at: r.get(3)?,
        expires_at: r.get(4)?,
        uses: r.get(5)?,
        max_uses: r.get(6)?,
        revoked: r.get(7)?,
    }))
}

/// Takes one use of a code inside the enrollment's transaction; a code that is unknown,
/// revoked, expired or used up is refused alike, so a guesser learns nothing more.
pub(crate) fn redeem(tx: &Transaction<'_>, code: &str) -> Result<JoinCode, ServerError> {
    let found = tx
        .query_row(&format!("SELECT {LISTED} FROM join_codes WHERE code_hash = ?1"), [hash(&normalise(code))], listed)
        .optional()?
        .flatten();
    let code_row = found.filter(|c| c.usable(now_secs())).ok_or(ServerError::BadCode)?;
    tx.execute("UPDATE join_codes SET uses = uses + 1 WHERE id = ?1", [&code_row.id])?;
    Ok(code_row)
}

fn random_code() -> String {
    let random = Uuid::new_v4();
    random.as_bytes().iter().take(8).map(|b| char::from(CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()])).collect()
}

impl SqliteDatabase {
    /// A new join code for `role` in a commune with the role's usual limits.
    pub fn create_code(&self, commune_id: &str, role: Role) -> Result<String, ServerError> {
        Ok(self.create_code_with(commune_id, role, CodeLimits::for_role(role))?.code)
    }

    /// A new join code with the given limits; only its hash is kept.
    pub fn create_code_with(&self, commune_id: &str, role: Role, limits: CodeLimits) -> Result<NewCode, ServerError> {
        if !self.data.communes()?.iter().any(|c| c.id == commune_id) {
            return Err(ServerError::UnknownCommune(commune_id.to_owned()));
        }
        if limits.uses == 0 || limits.uses > MAX_USES || limits.valid_for.is_zero() || limits.valid_for > MAX_VALIDITY {
            return Err(ServerError::CodeLimits { max_days: MAX_VALIDITY.as_secs() / 86_400, max_uses: MAX_USES });
        }
        let code = random_code();
        let now = now_secs();
        let listed = JoinCode {
            id: Uuid::new_v4().simple().to_string()[..12].to_owned(),
            commune_id: commune_id.to_owned(),
            role,
            created_at: now,
            expires_at: now.saturating_add(i64::try_from(limits.valid_for.as_secs()).unwrap_or(i64::MAX)),
            uses: 0,
            max_uses: limits.uses,
            revoked: false,
        };
        self.admin().execute(
            "INSERT INTO join_codes (code_hash, id, commune_id, role, created_at, expires_at, max_uses)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![
                hash(&normalise(&code)),
                listed.id,
                commune_id,
                role.as_str(),
                listed.created_at,
                listed.expires_at,
                listed.max_uses
            ],
        )?;
        Ok(NewCode { code: format!("{}-{}", &code[..4], &code[4..]), listed })
    }

    /// The codes of a commune (or of every commune), newest first.
    pub fn codes(&self, commune_id: Option<&str>) -> Result<Vec<JoinCode>, ServerError> {
        list(&self.admin(), commune_id)
    }

    /// Revokes a code by its id; devices it already enrolled stay enrolled.
    pub fn revoke_code(&self, id: &str) -> Result<bool, ServerError> {
        Ok(self.admin().execute("UPDATE join_codes SET revoked = 1 WHERE id = ?1 AND revoked = 0", [id])? == 1)
    }
}

fn list(admin: &Connection, commune_id: Option<&str>) -> Result<Vec<JoinCode>, ServerError> {
    let mut stmt = admin.prepare(&format!(
        "SELECT {LISTED} FROM join_codes WHERE ?1 IS NULL OR commune_id = ?1 ORDER BY created_at DESC, id"
    ))?;
    let rows = stmt.query_map([commune_id], listed)?;
    let mut codes = Vec::new();
    for row in rows {
        codes.extend(row?);
    }
    Ok(codes)
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
