//! A volunteer's or official's device as the sync point of a training session.

use crate::hub_mode::HubInfo;
use crate::{App, Result};

impl App {
    /// Turns this device into the sync point of a training session.
    pub async fn start_hub(&self) -> Result<HubInfo> {
        Ok(self.hub.start(&self.store, &self.data_dir).await?)
    }

    pub async fn stop_hub(&self) -> Result<()> {
        self.hub.stop().await;
        Ok(())
    }

    pub async fn hub_info(&self) -> Result<Option<HubInfo>> {
        Ok(self.hub.info().await)
    }
}
