//! The commune's figures month by month (Vietnam time), by the rules of `figures.rs`: each
//! event falls in the month it happened; people and households are counted in the month they
//! first met a rule, and the running totals carry from every month before.

use std::collections::HashMap;

use rusqlite::{Connection, ToSql};
use serde::Serialize;
use ts_rs::TS;

use crate::Result;
use crate::dashboard::figures::{HELD, IN_COMMUNES, bound, checks_in_communes, trained};
use crate::time::VIETNAM_OFFSET_MINUTES;
use crate::training::skills::{all_five_since, households_at_target_since};

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

/// The month of a UTC millisecond time in Vietnam, as SQL.
fn month_of(ms: &str) -> String {
    format!("strftime('%Y-%m', ({ms}) / 1000 + {}, 'unixepoch')", i64::from(VIETNAM_OFFSET_MINUTES) * 60)
}

/// `(year, month)` of a UTC millisecond time in Vietnam.
fn year_month(ms: i64) -> (i64, u32) {
    let local_days = (ms.div_euclid(1000) + i64::from(VIETNAM_OFFSET_MINUTES) * 60).div_euclid(86_400);
    let (year, month, _) = crate::time::civil(local_days);
    (year, month)
}

/// The last [`MONTHS_SHOWN`] months of the commune `commune_id`, oldest first.
pub(crate) fn months(c: &Connection, commune_id: &str, now: i64) -> Result<Vec<MonthRow>> {
    let ids = serde_json::to_string(&[commune_id]).unwrap_or_else(|_| "[]".into());
    let all: [&dyn ToSql; 2] = [&ids, &now];
    let per_month = |sql: String| -> Result<HashMap<String, i64>> {
        let mut stmt = c.prepare_cached(&sql)?;
        let count = stmt.parameter_count();
        let rows = stmt.query_map(bound(&all, count), |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?)))?;
        let mut out = HashMap::new();
        for row in rows {
            if let (Some(month), n) = row? {
                out.insert(month, n);
            }
        }
        Ok(out)
    };
    let live = "JOIN profiles p ON p.id = x.profile_id AND p.deleted = 0";
    let registered = per_month(format!(
        "SELECT {}, count(*) FROM profiles p WHERE p.deleted = 0 AND p.commune_id {IN_COMMUNES} GROUP BY 1",
        month_of("p.consent_at")
    ))?;
    let trained = per_month(format!("SELECT {}, count(*) FROM {} x {live} GROUP BY 1", month_of("x.at"), trained()))?;
    let lessons = per_month(format!(
        "SELECT {}, count(*) FROM (SELECT lp.profile_id, min(lp.at) AS at FROM profiles p
           JOIN lesson_progress lp ON lp.kind = 'complete' AND lp.profile_id = p.id
           WHERE p.deleted = 0 AND p.commune_id {IN_COMMUNES} GROUP BY lp.profile_id, lp.lesson_id) x GROUP BY 1",
        month_of("x.at")
    ))?;
    let sessions = per_month(format!(
        "SELECT {}, count(*) FROM training_sessions s WHERE {HELD} AND s.commune_id {IN_COMMUNES} GROUP BY 1",
        month_of("s.starts_at")
    ))?;
    let inquiries = per_month(format!(
        "SELECT {}, count(*) FROM inquiries i JOIN listings l ON l.id = i.listing_id
         WHERE i.deleted = 0 AND i.commune_id {IN_COMMUNES} GROUP BY 1",
        month_of("i.created_at")
    ))?;
    let all_five = per_month(format!(
        "SELECT {}, count(*) FROM {} x GROUP BY 1",
        month_of("x.at"),
        all_five_since(&checks_in_communes())
    ))?;
    let households = per_month(format!(
        "SELECT {}, count(*) FROM {} x JOIN households h ON h.id = x.household_id AND h.commune_id {IN_COMMUNES}
         GROUP BY 1",
        month_of("x.at"),
        households_at_target_since(&checks_in_communes())
    ))?;

    let shown = last_months(now);
    let before = |counts: &HashMap<String, i64>| -> i64 {
        counts.iter().filter(|(m, _)| m.as_str() < shown[0].as_str()).map(|(_, n)| n).sum()
    };
    let (mut all_five_total, mut households_total) = (before(&all_five), before(&households));
    let get = |counts: &HashMap<String, i64>, month: &str| counts.get(month).copied().unwrap_or(0);
    Ok(shown
        .into_iter()
        .map(|month| {
            all_five_total += get(&all_five, &month);
            households_total += get(&households, &month);
            MonthRow {
                people_registered: get(&registered, &month),
                people_trained: get(&trained, &month),
                lessons_completed: get(&lessons, &month),
                sessions_held: get(&sessions, &month),
                inquiries_received: get(&inquiries, &month),
                people_all_five_total: all_five_total,
                households_at_target_total: households_total,
                month,
            }
        })
        .collect())
}

/// The [`MONTHS_SHOWN`] months ending with `now`'s, oldest first, as `2026-11`.
fn last_months(now: i64) -> Vec<String> {
    let (year, month) = year_month(now);
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
}
