//! What officials do from the command line: communes, villages, join codes, revocation.

use langso_core::place::{Commune, NewCommune, Village};
use langso_core::profile::Role;
use uuid::Uuid;

use crate::ServerError;
use crate::sqlite::{SqliteDatabase, hash, normalise_code};

/// Letters and digits that cannot be mistaken for one another when read aloud or typed.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

impl SqliteDatabase {
    pub fn create_commune(&self, new: &NewCommune) -> Result<Commune, ServerError> {
        Ok(self.data.create_commune(new)?)
    }

    pub fn create_village(&self, commune_id: &str, name: &str) -> Result<Village, ServerError> {
        Ok(self.data.create_village(commune_id, name)?)
    }

    /// A new join code for `role` in a commune, shown once as `ABCD-EFGH`; only its hash is kept.
    pub fn create_code(&self, commune_id: &str, role: Role) -> Result<String, ServerError> {
        if !self.data.communes()?.iter().any(|c| c.id == commune_id) {
            return Err(ServerError::UnknownCommune(commune_id.to_owned()));
        }
        let random = Uuid::new_v4();
        let code: String = random
            .as_bytes()
            .iter()
            .take(8)
            .map(|b| char::from(CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()]))
            .collect();
        self.admin().execute(
            "INSERT INTO join_codes (code_hash, commune_id, role) VALUES (?1, ?2, ?3)",
            rusqlite::params![hash(&normalise_code(&code)), commune_id, role.as_str()],
        )?;
        Ok(format!("{}-{}", &code[..4], &code[4..]))
    }

    /// Revokes a device (a lost phone): its token stops working at once.
    pub fn revoke_device(&self, node: Uuid) -> Result<bool, ServerError> {
        let n = self.admin().execute(
            "UPDATE devices SET revoked_at = unixepoch() WHERE node = ?1 AND revoked_at IS NULL",
            [node.as_bytes()],
        )?;
        Ok(n == 1)
    }
}
