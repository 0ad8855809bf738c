//! What officials do from the command line: communes, villages, revocation (join codes are
//! in `join_codes.rs`).

use langso_core::places::{Commune, NewCommune, Village};
use uuid::Uuid;

use crate::ServerError;
use crate::sqlite::SqliteDatabase;

impl SqliteDatabase {
    pub fn create_commune(&self, new: &NewCommune) -> Result<Commune, ServerError> {
        Ok(self.data.create_commune(new)?)
    }

    pub fn create_village(&self, commune_id: &str, name: &str) -> Result<Village, ServerError> {
        Ok(self.data.create_village(commune_id, name)?)
    }

    /// Revokes a device (a lost phone): its token stops working at once, and its node can
    /// never enroll again.
    pub fn revoke_device(&self, node: Uuid) -> Result<bool, ServerError> {
        let n = self.admin().execute(
            "UPDATE devices SET revoked_at = unixepoch() WHERE node = ?1 AND revoked_at IS NULL",
            [node.as_bytes()],
        )?;
        Ok(n == 1)
    }
}
