//! Làng Số core: the replica engine (`replica`: the local SQLite store with change capture,
//! merge and sync state) and the domain beside it, by area (`places`, `people`, `learning`,
//! `training`, `market`, and the officials' `dashboard` over them all), with validation, Vietnamese search and the Fluent messages.
//!
//! This crate does no IO beyond its SQLite file and knows nothing of HTTP, Tauri or the UI.
//! Everything a person can read (errors included) is a Fluent message from `locales/`.

pub mod dashboard;
pub mod error;
pub mod i18n;
pub mod learning;
pub mod market;
pub mod media;
pub mod money;
mod open;
pub mod people;
pub mod places;
pub mod replica;
pub mod role;
pub mod search;
pub mod settings;
pub mod time;
pub mod training;
pub mod validate;

pub use error::{Error, Result};
pub use i18n::Localizer;
pub use replica::store::Store;
