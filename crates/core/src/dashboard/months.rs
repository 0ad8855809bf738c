//! The commune's figures month by month (Vietnam time), as `figures.rs` counts them: each
//! event falls in the month it happened; people and households in the month they first met a
//! rule, and the running totals carry from every month before.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use crate::dashboard::figures::MonthCounts;
use crate::time::vietnam_year_month;

/// How many months the dashboard shows, ending with the current one.
pub const MONTHS_SHOWN: usize = 12;

/// One month of a commune.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MonthRow {
    /// `2026-11`.
    pub month: String,
    /// Profiles registered that month (still live).
    pub people_registered: i64,
    /// People first trained that month.
    pub people_trained: i64,
    /// Lessons first completed that month.
    pub lessons_completed: i64,
    pub sessions_held: i64,
    pub inquiries_received: i64,
    /// People with all five by the month's end.
    pub people_all_five_total: i64,
    /// Households at the target by the month's end.
    pub households_at_target_total: i64,
}

/// The last [`MONTHS_SHOWN`] months up to `now`'s, oldest first, from what happened each month.
pub(crate) fn months(counted: &HashMap<String, MonthCounts>, now: i64) -> Vec<MonthRow> {
    let shown = last_months(now);
    let before = |of: fn(&MonthCounts) -> i64| -> i64 {
        counted.iter().filter(|(m, _)| m.as_str() < shown[0].as_str()).map(|(_, c)| of(c)).sum()
    };
    let (mut all_five, mut households) = (before(|c| c.all_five), before(|c| c.households));
    shown
        .into_iter()
        .map(|month| {
            let c = counted.get(&month).copied().unwrap_or_default();
            all_five += c.all_five;
            households += c.households;
            MonthRow {
                people_registered: c.registered,
                people_trained: c.trained,
                lessons_completed: c.lessons,
                sessions_held: c.sessions,
                inquiries_received: c.inquiries,
                people_all_five_total: all_five,
                households_at_target_total: households,
                month,
            }
        })
        .collect()
}

/// The [`MONTHS_SHOWN`] months ending with `now`'s, oldest first, as `2026-11`.
fn last_months(now: i64) -> Vec<String> {
    let (year, month) = vietnam_year_month(now);
    let index = year * 12 + i64::from(month) - 1;
    (0..MONTHS_SHOWN as i64)
        .rev()
        .map(|back| {
            let i = index - back;
            format!("{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_twelve_months_end_with_this_one_in_vietnam() {
        // 31/12/2026 18:00 UTC is already 1/1/2027 in Vietnam.
        let months = last_months(1_798_740_000_000);
        assert_eq!(months.len(), 12);
        assert_eq!(months[11], "2027-01");
        assert_eq!(months[0], "2026-02");
    }

    #[test]
    fn running_totals_carry_what_came_before_the_months_shown() {
        let now = 1_798_740_000_000;
        let counted = HashMap::from([
            ("2025-05".to_owned(), MonthCounts { all_five: 2, households: 1, ..MonthCounts::default() }),
            ("2026-12".to_owned(), MonthCounts { all_five: 1, sessions: 3, ..MonthCounts::default() }),
        ]);
        let rows = months(&counted, now);
        assert_eq!((rows[0].people_all_five_total, rows[0].households_at_target_total), (2, 1));
        assert_eq!(rows[10].month, "2026-12");
        assert_eq!((rows[10].sessions_held, rows[10].people_all_five_total), (3, 3));
        assert_eq!(rows[11].people_all_five_total, 3);
    }
}
