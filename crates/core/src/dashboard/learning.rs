//! The dashboard's summary of the progress facts (`learner_activity`, `lesson_completions`,
//! `learner_months`, made by migration `08-dashboard`): a million facts are read once, as they arrive, instead
//! of at every counting. The row hook calls [`row_written`] for every synced row written; a
//! progress fact taken back (refused by a peer, so removed) makes the summary be rebuilt from
//! the facts, which is rare and keeps it exact.

use rusqlite::OptionalExtension;

use crate::Result;
use crate::replica::schema::Table;
use crate::replica::store::Tx;
use crate::time::vietnam_year_month;

/// The month of a UTC millisecond time in Vietnam, as `2026-11`: the same as the SQL months.
pub(crate) fn month_of(ms: i64) -> String {
    let (year, month) = vietnam_year_month(ms);
    format!("{year:04}-{month:02}")
}

pub(crate) fn row_written(tx: &Tx<'_>, table: &Table, id: &str) -> Result<()> {
    if table.name != "lesson_progress" {
        return Ok(());
    }
    let fact: Option<(String, String, String, i64)> = tx
        .sql
        .prepare_cached("SELECT profile_id, lesson_id, kind, at FROM lesson_progress WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((profile, lesson, kind, at)) = fact else { return rebuild(tx) };
    tx.sql
        .prepare_cached(
            "INSERT INTO learner_activity (profile_id, last_at) VALUES (?1, ?2)
             ON CONFLICT (profile_id) DO UPDATE SET last_at = max(last_at, excluded.last_at)",
        )?
        .execute(rusqlite::params![profile, at])?;
    if kind == "complete" {
        completed(tx, &profile, &lesson, at)?;
    }
    Ok(())
}

/// A completion: the lesson's first, or earlier than the first known (facts arrive in any
/// order), moves the person's count from one month to another.
fn completed(tx: &Tx<'_>, profile: &str, lesson: &str, at: i64) -> Result<()> {
    let first: Option<(i64, String)> = tx
        .sql
        .prepare_cached(
            "SELECT first_at, first_month FROM lesson_completions WHERE profile_id = ?1 AND lesson_id = ?2",
        )?
        .query_row([profile, lesson], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let month = month_of(at);
    match first {
        Some((first_at, _)) if first_at <= at => return Ok(()),
        Some((_, old_month)) => {
            tx.sql
                .prepare_cached(
                    "UPDATE lesson_completions SET first_at = ?3, first_month = ?4 WHERE profile_id = ?1 AND lesson_id = ?2",
                )?
                .execute(rusqlite::params![profile, lesson, at, month])?;
            count_in(tx, profile, &old_month, -1)?;
        }
        None => {
            tx.sql
                .prepare_cached(
                    "INSERT INTO lesson_completions (profile_id, lesson_id, first_at, first_month) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(rusqlite::params![profile, lesson, at, month])?;
        }
    }
    count_in(tx, profile, &month, 1)
}

/// Adds `by` (1 or -1) to the lessons `profile` first finished in `month`; a month that
/// comes to none is removed.
fn count_in(tx: &Tx<'_>, profile: &str, month: &str, by: i64) -> Result<()> {
    if by > 0 {
        tx.sql
            .prepare_cached(
                "INSERT INTO learner_months (profile_id, month, lessons) VALUES (?1, ?2, ?3)
                 ON CONFLICT (profile_id, month) DO UPDATE SET lessons = lessons + excluded.lessons",
            )?
            .execute(rusqlite::params![profile, month, by])?;
    } else {
        tx.sql
            .prepare_cached("UPDATE learner_months SET lessons = lessons + ?3 WHERE profile_id = ?1 AND month = ?2")?
            .execute(rusqlite::params![profile, month, by])?;
        tx.sql
            .prepare_cached("DELETE FROM learner_months WHERE profile_id = ?1 AND month = ?2 AND lessons <= 0")?
            .execute([profile, month])?;
    }
    Ok(())
}

/// The summary made again from every progress fact held.
fn rebuild(tx: &Tx<'_>) -> Result<()> {
    tx.sql.execute_batch(
        "DELETE FROM learner_activity;
         DELETE FROM lesson_completions;
         DELETE FROM learner_months;
         INSERT INTO learner_activity (profile_id, last_at)
           SELECT profile_id, max(at) FROM lesson_progress GROUP BY profile_id;",
    )?;
    let firsts: Vec<(String, String, i64)> = tx
        .sql
        .prepare(
            "SELECT profile_id, lesson_id, min(at) FROM lesson_progress WHERE kind = 'complete'
             GROUP BY profile_id, lesson_id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut insert = tx.sql.prepare_cached(
        "INSERT INTO lesson_completions (profile_id, lesson_id, first_at, first_month) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (profile, lesson, at) in firsts {
        insert.execute(rusqlite::params![profile, lesson, at, month_of(at)])?;
    }
    tx.sql.execute(
        "INSERT INTO learner_months (profile_id, month, lessons)
         SELECT profile_id, first_month, count(*) FROM lesson_completions GROUP BY profile_id, first_month",
        [],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_are_vietnam_s() {
        // 31/12/2026 18:00 UTC is 1/1/2027 01:00 in Vietnam.
        assert_eq!(super::month_of(1_798_740_000_000), "2027-01");
        assert_eq!(super::month_of(1_798_740_000_000 - 3_600_000 * 2), "2026-12");
    }
}
