//! The harness shared by the cross-crate and end-to-end tests in `tests/tests/`: a virtual
//! display, the WebDriver intermediary for the real app window, a small WebDriver client, a
//! fault-injecting TCP proxy, and a server with a commune for devices to sync with.

pub mod commune;
pub mod display;
pub mod process;
pub mod proxy;
pub mod webdriver;
