//! The device's settings: the language of the app.

use langso_core::settings::Settings;

use crate::{App, Result};

impl App {
    pub async fn get_settings(&self) -> Result<Settings> {
        Ok(self.store.settings()?)
    }

    pub async fn set_language(&self, language: String) -> Result<Settings> {
        Ok(self.store.set_language(&language)?)
    }
}
