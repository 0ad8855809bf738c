//! What the app can do, as commands grouped by area over one application state ([`App`]).
//! Nothing here knows Tauri: the shell (`src-tauri`) only registers these commands and turns
//! a [`Failure`] into a [`CommandError`] in the person's language, and tests call them on a
//! plain host.
//!
//! Areas: `people` (start screen, profiles, a person's own data), `lessons` (catalogue,
//! player, what was learnt), `settings`, `sync`, `hub`, `devices` (an official's commune
//! devices and join codes), `training` (a volunteer's sessions), `session_report` (its
//! files) and `market` (a farmer's products and buyers' inquiries). The officials' dashboard
//! gets a module of its own here.

pub mod certificate;
pub mod dashboard;
pub mod devices;
pub mod error;
pub mod hub;
pub mod hub_mode;
pub mod lessons;
pub mod market;
pub mod people;
pub mod person;
pub mod session_report;
pub mod settings;
pub mod sync;
pub mod sync_engine;
pub mod training;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use langso_core::Store;
use langso_core::i18n::DEFAULT_LANGUAGE;

pub use error::{CommandError, Failure, Result};
use hub_mode::HubMode;
use person::Person;
use sync_engine::SyncEngine;

/// The application's state: the store, the background sync, the hub, the person using the
/// device now, and where files go.
#[derive(Debug)]
pub struct App {
    store: Arc<Store>,
    engine: Arc<SyncEngine>,
    hub: HubMode,
    person: Person,
    /// The app's data folder, where the hub keeps its join codes and devices too.
    data_dir: PathBuf,
    /// Where a person's export is saved; the data folder where there is none.
    downloads: Option<PathBuf>,
}

impl App {
    /// The app over an open store; background sync starts on `runtime`.
    pub fn new(
        store: Arc<Store>,
        data_dir: PathBuf,
        downloads: Option<PathBuf>,
        runtime: &tokio::runtime::Handle,
    ) -> App {
        let engine = SyncEngine::start(store.clone(), runtime);
        App { store, engine, hub: HubMode::from_environment(), person: Person::default(), data_dir, downloads }
    }

    /// Serves a training session's phones on `listen` instead (tests bind a loopback port).
    pub fn with_hub_address(mut self, listen: SocketAddr) -> App {
        self.hub = HubMode::new(listen);
        self
    }

    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    pub fn sync_engine(&self) -> &Arc<SyncEngine> {
        &self.engine
    }

    /// The language the person chose, for messages.
    pub fn language(&self) -> String {
        self.store.settings().map(|s| s.language).unwrap_or_else(|_| DEFAULT_LANGUAGE.to_owned())
    }

    /// Where files the person saves go: the Downloads folder, else the app's data folder.
    pub(crate) fn save_folder(&self) -> PathBuf {
        self.downloads.clone().filter(|d| d.is_dir()).unwrap_or_else(|| self.data_dir.clone())
    }

    /// A failed command as the UI shows it; the details go to the log.
    pub fn localize(&self, failure: &Failure) -> CommandError {
        eprintln!("command failed: {failure}");
        failure.localize(&self.language())
    }
}
