//! The market: farmers' product listings, buyers' inquiries, the banks a farmer may be paid
//! at, the VietQR payment code, and what the public marketplace shows.

pub mod banks;
pub mod inquiry;
pub mod listing;
pub mod public;
pub mod vietqr;
