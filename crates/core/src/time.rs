//! Wall-clock time for the moments people record (consent given, an answer, attendance).
//! Stored as UTC milliseconds; shown in local time by the UI.

use std::time::{SystemTime, UNIX_EPOCH};

pub(crate) fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}
