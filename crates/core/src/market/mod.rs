//! The market: farmers' product listings and buyers' inquiries.

pub mod inquiry;
pub mod listing;
