//! Syncing with the commune's server: the status line, "sync now", and joining a commune.

use crate::sync_engine::SyncStatus;
use crate::{App, Result};

impl App {
    pub async fn sync_status(&self) -> Result<SyncStatus> {
        Ok(self.engine.status())
    }

    pub async fn sync_now(&self) -> Result<SyncStatus> {
        self.engine.wake();
        Ok(self.engine.status())
    }

    /// Joins this device to a commune's server with a join code from an official.
    pub async fn enroll(&self, server: String, code: String) -> Result<SyncStatus> {
        self.engine.enroll(server.trim(), &code).await?;
        Ok(self.engine.status())
    }
}
