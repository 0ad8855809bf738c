//! Hub mode: a volunteer's laptop serves the phones at a training session over the local
//! network, with the same routes and rules as the central server, and syncs upstream when it
//! has a connection, forwarding what the phones wrote under their own origin and clock, and
//! vouching for their roles. The same change reaching the server directly and through the hub
//! is stored once.

use std::path::Path;
use std::sync::Arc;

use langso_core::role::Role;
use langso_sync::client::{Client, SyncReport};

use crate::{ServerError, SqliteDatabase};

#[derive(Debug)]
pub struct Hub {
    db: Arc<SqliteDatabase>,
    upstream: String,
}

impl Hub {
    /// Opens the hub's data in `dir`. With a join code (a volunteer's or an official's), it
    /// first enrolls with the server at `upstream` and takes its commune from there.
    pub async fn open(dir: &Path, upstream: &str, code: Option<&str>, name: &str) -> Result<Hub, ServerError> {
        let db = Arc::new(SqliteDatabase::open(dir)?);
        let upstream = upstream.trim_end_matches('/').to_owned();
        if let Some(code) = code {
            let (client, _) = Client::enroll(&upstream, code, db.store(), name).await?;
            client.sync(db.store()).await?;
        }
        Ok(Hub { db, upstream })
    }

    /// A hub over an existing database whose store is already enrolled with `upstream`.
    pub fn with_database(db: Arc<SqliteDatabase>, upstream: &str) -> Hub {
        Hub { db, upstream: upstream.trim_end_matches('/').to_owned() }
    }

    pub fn database(&self) -> Arc<SqliteDatabase> {
        self.db.clone()
    }

    /// A join code for phones at this hub, in the hub's commune.
    pub fn create_code(&self, role: Role) -> Result<String, ServerError> {
        let commune = self.db.store().communes()?.into_iter().next().ok_or(ServerError::Unauthorized)?;
        self.db.create_code(&commune.id, role)
    }

    /// Pushes everything the hub holds that the server lacks (the phones' changes among it),
    /// then pulls what is new.
    pub async fn sync_upstream(&self) -> Result<SyncReport, ServerError> {
        let token = self
            .db
            .store()
            .peers()?
            .into_iter()
            .find(|(peer, _)| *peer == self.upstream)
            .map(|(_, token)| token)
            .ok_or(ServerError::Unauthorized)?;
        let client = Client::new(&self.upstream, &token)?.attesting(self.db.devices()?);
        Ok(client.sync(self.db.store()).await?)
    }
}
