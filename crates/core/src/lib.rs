//! Làng Số core: domain types, validation and the local SQLite store.
//!
//! This crate does no IO beyond its SQLite file and knows nothing of HTTP, Tauri or the UI.
//! Everything a person can read (errors included) is a Fluent message from `locales/`.

pub mod error;
pub mod i18n;
pub mod lesson;
pub mod pack;
pub mod settings;
pub mod store;

pub use error::{Error, Result};
pub use i18n::Localizer;
pub use store::Store;
