//! The Làng Số central server: enrolls devices into communes, takes their changes (checked
//! against each device's role and commune), hands each device what it may see, and publishes
//! the lesson pack. Its logic (`service.rs`, `rules.rs`) is written once over the storage seam
//! (`storage.rs`); the engines are embedded SQLite (`sqlite/`, the default) and PostgreSQL
//! (`postgres/`, for national scale). The same server runs on a volunteer's laptop as a hub
//! (`hub.rs`) for villages with no internet.

pub mod demo;
pub mod devices;
pub mod engine;
pub mod error;
pub mod hub;
pub mod join_codes;
pub mod listener;
pub mod migrate;
pub mod office;
pub mod postgres;
pub mod routes;
pub mod rules;
pub mod service;
pub mod sqlite;
pub mod storage;
pub mod terminal;
pub mod throttle;
pub mod trust;
pub mod uploads;
pub mod web;

pub use error::ServerError;
pub use service::Service;
pub use sqlite::SqliteStorage;
pub use storage::Storage;
