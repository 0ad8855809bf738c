//! Files people keep, print or send, made from text already in the reader's language: a
//! table as an A4 PDF and a CSV file, tables as the sheets of an Excel workbook, and a
//! learner's certificate as a PDF and a picture.
//!
//! The crate knows nothing of the app's domain; it lays out strings.

mod certificate;
mod csv_file;
mod error;
mod font;
mod pdf;
mod sheet;
mod xlsx;

pub use certificate::{Certificate, PICTURE_WIDTH, certificate_pdf, certificate_png};
pub use csv_file::csv;
pub use error::ReportError;
pub use pdf::pdf;
pub use sheet::{Align, Column, Sheet};
pub use xlsx::{Tab, Value, xlsx};
