//! Signing in to the commune office's pages without a password to forget: a one-time code,
//! shown in an official's enrolled app (or printed by `langso-server office-code` for a
//! commune or a province), traded once for a session. Codes and session tokens are kept only
//! as hashes; a code lives ten minutes (a command-line code up to a day) and is used up by its
//! first use, right or wrong scope alike; a session lasts eight hours or until sign-out.

use std::time::Duration;

use langso_core::dashboard::{CommuneRow, Dashboard};
use langso_core::role::Role;
use langso_core::time::now_ms;
use uuid::Uuid;

use crate::service::{hash, now_secs};
use crate::storage::Device;
use crate::{ServerError, Service, join_codes};

/// How long a code from the app is good for: long enough to walk to the office computer.
pub const APP_CODE_VALIDITY: Duration = Duration::from_secs(10 * 60);
/// The longest a code printed by `langso-server` may live: it is read out over the phone.
pub const MAX_CODE_VALIDITY: Duration = Duration::from_secs(24 * 3600);
/// How long a signed-in session lasts.
pub const SESSION_VALIDITY: Duration = Duration::from_secs(8 * 3600);

/// What a signed-in person may see: one commune's office, or a province's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfficeScope {
    Commune(String),
    Province(String),
}

impl OfficeScope {
    /// How a scope is stored: its kind, and the commune's id or the province's name.
    pub fn parts(&self) -> (&'static str, &str) {
        match self {
            OfficeScope::Commune(id) => ("commune", id),
            OfficeScope::Province(name) => ("province", name),
        }
    }

    pub fn from_parts(kind: &str, value: String) -> Option<OfficeScope> {
        match kind {
            "commune" => Some(OfficeScope::Commune(value)),
            "province" => Some(OfficeScope::Province(value)),
            _ => None,
        }
    }

    /// Whether this scope may see the commune `commune_id` of the province `province`.
    pub fn sees(&self, commune_id: &str, province: Option<&str>) -> bool {
        match self {
            OfficeScope::Commune(id) => id == commune_id,
            OfficeScope::Province(name) => province == Some(name.as_str()),
        }
    }
}

/// A code to type on the office's sign-in page, shown once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeCode {
    /// `ABCD-EFGH`.
    pub code: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// A session begun with a code: the cookie's token (kept by the server only as a hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub token: String,
    pub scope: OfficeScope,
}

/// The token the pages' forms carry for a session: derived from the session's token, which a
/// page on another site cannot read, so a form it makes cannot carry it.
pub fn form_token(session_token: &str) -> String {
    hash(&format!("office-form:{session_token}"))[..32].to_owned()
}

impl Service {
    /// A code for the official's device's own commune; any other device is refused.
    pub fn office_code_for(&self, device: &Device) -> Result<OfficeCode, ServerError> {
        if device.role != Role::Official {
            return Err(ServerError::NotOfficial);
        }
        self.issue_office_code(&OfficeScope::Commune(device.commune_id.clone()), APP_CODE_VALIDITY)
    }

    /// A code for a commune or a province that exists, good for `valid_for` (at most a day).
    pub fn office_code(&self, scope: &OfficeScope, valid_for: Duration) -> Result<OfficeCode, ServerError> {
        if valid_for.is_zero() || valid_for > MAX_CODE_VALIDITY {
            return Err(ServerError::OfficeCodeValidity { max_hours: MAX_CODE_VALIDITY.as_secs() / 3600 });
        }
        let communes = self.storage().communes()?;
        let exists = match scope {
            OfficeScope::Commune(id) => communes.iter().any(|c| &c.id == id),
            OfficeScope::Province(name) => communes.iter().any(|c| c.province.as_deref() == Some(name)),
        };
        match scope {
            _ if exists => {}
            OfficeScope::Commune(id) => return Err(ServerError::UnknownCommune(id.clone())),
            OfficeScope::Province(name) => return Err(ServerError::UnknownProvince(name.clone())),
        }
        self.issue_office_code(scope, valid_for)
    }

    fn issue_office_code(&self, scope: &OfficeScope, valid_for: Duration) -> Result<OfficeCode, ServerError> {
        let code = join_codes::random_code();
        let expires_at = now_secs().saturating_add(i64::try_from(valid_for.as_secs()).unwrap_or(i64::MAX));
        self.storage().insert_office_code(&hash(&format!("office:{code}")), scope, expires_at, now_secs())?;
        Ok(OfficeCode { code: format!("{}-{}", &code[..4], &code[4..]), expires_at })
    }

    /// Trades a code for a session; `None` when the code is unknown, used or expired.
    pub fn office_sign_in(&self, code: &str) -> Result<Option<SignedIn>, ServerError> {
        let code = join_codes::normalise(code);
        if code.len() != 8 {
            return Ok(None);
        }
        let now = now_secs();
        let Some(scope) = self.storage().take_office_code(&hash(&format!("office:{code}")), now)? else {
            return Ok(None);
        };
        let token = format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple());
        let expires_at = now.saturating_add(i64::try_from(SESSION_VALIDITY.as_secs()).unwrap_or(i64::MAX));
        self.storage().insert_office_session(&hash(&token), &scope, expires_at, now)?;
        Ok(Some(SignedIn { token, scope }))
    }

    /// The scope of a live session.
    pub fn office_session(&self, token: &str) -> Result<Option<OfficeScope>, ServerError> {
        if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        self.storage().office_session(&hash(token), now_secs())
    }

    pub fn office_sign_out(&self, token: &str) -> Result<(), ServerError> {
        self.storage().end_office_session(&hash(token))
    }

    /// A commune's dashboard, counted now.
    pub fn dashboard(&self, commune_id: &str) -> Result<Option<Dashboard>, ServerError> {
        self.storage().dashboard(commune_id, now_ms())
    }

    /// The communes of a province with their figures, counted now.
    pub fn province_table(&self, province: &str) -> Result<Vec<CommuneRow>, ServerError> {
        self.storage().province_table(province, now_ms())
    }
}
