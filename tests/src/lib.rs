//! The harness shared by the cross-crate and end-to-end tests in `tests/tests/`: a virtual
//! display, the WebDriver intermediary for the real app window, a small WebDriver client with
//! what a finger does in the window, and a fault-injecting TCP proxy. The server with a commune for devices to sync with, and the
//! devices, come from `langso-testkit`.

pub mod display;
pub mod process;
pub mod proxy;
pub mod webdriver;
pub mod window;
