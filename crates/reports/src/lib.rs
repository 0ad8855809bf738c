//! Files a volunteer or commune official can keep or print, made from a table whose
//! text is already in the reader's language: an A4 PDF and a CSV file.
//!
//! The crate knows nothing of the app's domain; it lays out strings.

mod csv_file;
mod error;
mod font;
mod pdf;
mod sheet;

pub use csv_file::csv;
pub use error::ReportError;
pub use pdf::pdf;
pub use sheet::{Align, Column, Sheet};
