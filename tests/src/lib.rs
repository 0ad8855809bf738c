//! The harness shared by the cross-crate and end-to-end tests in `tests/tests/`: a virtual
//! display, the WebDriver intermediary for the real app window, and a small WebDriver client.

pub mod display;
pub mod process;
pub mod webdriver;
