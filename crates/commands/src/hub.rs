//! A volunteer's or official's device as the sync point of a training session.

use std::time::{Duration, Instant};

use langso_server::ServerError;

use crate::hub_mode::HubInfo;
use crate::{App, Result};

/// How long starting the hub waits for a device that has just joined to learn its commune.
const FIRST_SYNC: Duration = Duration::from_secs(20);

impl App {
    /// Turns this device into the sync point of a training session. A device that has just
    /// joined learns its commune with its first sync, which joining started: starting waits
    /// for it (a while) rather than refusing.
    pub async fn start_hub(&self) -> Result<HubInfo> {
        let deadline = Instant::now() + FIRST_SYNC;
        loop {
            match self.hub.start(&self.store, &self.data_dir).await {
                Err(ServerError::UnknownCommune(_)) if Instant::now() < deadline => {
                    self.engine.wake();
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                started => return Ok(started?),
            }
        }
    }

    pub async fn stop_hub(&self) -> Result<()> {
        self.hub.stop().await;
        Ok(())
    }

    pub async fn hub_info(&self) -> Result<Option<HubInfo>> {
        Ok(self.hub.info().await)
    }
}
