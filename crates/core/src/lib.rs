//! Làng Số core: domain types, validation, the local SQLite store with change capture and
//! merge, and Vietnamese search.
//!
//! This crate does no IO beyond its SQLite file and knows nothing of HTTP, Tauri or the UI.
//! Everything a person can read (errors included) is a Fluent message from `locales/`.

pub mod blob;
mod capture;
pub mod change;
pub mod clock;
pub mod device_profiles;
pub mod error;
pub mod i18n;
pub mod inquiry;
pub mod learnt;
pub mod lesson;
pub mod listing;
pub mod merge;
pub mod money;
pub mod pack;
pub mod place;
pub mod profile;
pub mod profile_export;
pub mod progress;
pub mod schema;
pub mod search;
pub mod settings;
pub mod store;
pub mod sync_state;
pub mod time;
pub mod training;
pub mod validate;
pub mod value;

pub use error::{Error, Result};
pub use i18n::Localizer;
pub use store::Store;
