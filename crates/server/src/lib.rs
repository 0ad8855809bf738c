//! The Làng Số central server: enrolls devices into communes, takes their changes (checked
//! against each device's role and commune), hands each device what it may see, and publishes
//! the lesson pack. Its storage sits behind [`db::Database`]; SQLite is the default. The
//! same server runs on a volunteer's laptop as a hub (`hub.rs`) for villages with no internet.

pub mod admin;
pub mod db;
pub mod error;
pub mod hub;
pub mod join_codes;
pub mod listener;
pub mod routes;
pub mod rules;
pub mod sqlite;
pub mod terminal;
pub mod throttle;
pub mod uploads;

pub use db::Database;
pub use error::ServerError;
pub use sqlite::SqliteDatabase;
