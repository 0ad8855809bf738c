//! Wall-clock time for the moments people record (consent given, an answer, attendance).
//! Stored as UTC milliseconds; shown as day/month/year, as Vietnamese (and English in
//! Vietnam) write dates.

use std::time::{SystemTime, UNIX_EPOCH};

/// Vietnam keeps UTC+7 all year.
pub const VIETNAM_OFFSET_MINUTES: i32 = 7 * 60;

pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// The civil date of a day count since 1970-01-01 (proleptic Gregorian calendar).
pub(crate) fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The `(year, month)` a UTC millisecond time falls in, in Vietnam.
pub(crate) fn vietnam_year_month(ms: i64) -> (i64, u32) {
    let local_days = (ms.div_euclid(1000) + i64::from(VIETNAM_OFFSET_MINUTES) * 60).div_euclid(86_400);
    let (year, month, _) = civil(local_days);
    (year, month)
}

/// `24/11/2026 09:30 UTC` for a UTC millisecond time, offset by `offset_minutes` (and then
/// labelled with that offset, e.g. `UTC+7`).
pub fn format_datetime(ms: i64, offset_minutes: i32) -> String {
    let local = ms.div_euclid(1000) + i64::from(offset_minutes) * 60;
    let (year, month, day) = civil(local.div_euclid(86_400));
    let secs = local.rem_euclid(86_400);
    let zone = match offset_minutes {
        0 => "UTC".to_owned(),
        m if m % 60 == 0 => format!("UTC{:+}", m / 60),
        m => format!("UTC{:+}:{:02}", m / 60, (m % 60).abs()),
    };
    format!("{day:02}/{month:02}/{year} {:02}:{:02} {zone}", secs / 3600, secs % 3600 / 60)
}

#[cfg(test)]
mod tests {
    use super::format_datetime;

    #[test]
    fn dates_are_day_month_year() {
        assert_eq!(format_datetime(0, 0), "01/01/1970 00:00 UTC");
        // 2026-11-24 02:10 UTC is 09:10 in Vietnam.
        assert_eq!(format_datetime(1_795_486_200_000, 0), "24/11/2026 02:10 UTC");
        assert_eq!(format_datetime(1_795_486_200_000, 7 * 60), "24/11/2026 09:10 UTC+7");
        assert_eq!(format_datetime(951_782_400_000, 0), "29/02/2000 00:00 UTC");
    }
}
