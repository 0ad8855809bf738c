//! Files a volunteer or commune official can keep or print, made from a table whose
//! text is already in the reader's language: a CSV file.
//!
//! The crate knows nothing of the app's domain; it lays out strings.

mod csv_file;
mod error;

pub use csv_file::csv;
pub use error::ReportError;
