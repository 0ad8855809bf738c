//! The mark and the check that hold: for each person at each session the latest attendance
//! fact, and for each person, session and skill the latest skill check (latest by the fact's
//! clock, then its id, so every replica agrees whatever order facts arrive in). Kept in
//! `attendance_current` and `skill_current` by the row hook as facts arrive, so that screens,
//! reports and the dashboard read one row instead of searching every correction. A fact taken
//! back (refused by a peer, so removed) makes both be rebuilt from the facts: rare, and exact.

use rusqlite::OptionalExtension;

use crate::Result;
use crate::replica::schema::Table;
use crate::replica::store::Tx;

pub(crate) fn row_written(tx: &Tx<'_>, table: &Table, id: &str) -> Result<()> {
    match table.name {
        "attendance" => {
            let found = tx
                .sql
                .prepare_cached(
                    "INSERT INTO attendance_current (session_id, profile_id, status, at, _hlc, fact_id)
                     SELECT session_id, profile_id, coalesce(status, 'present'), at, _hlc, id FROM attendance WHERE id = ?1
                     ON CONFLICT (session_id, profile_id) DO UPDATE SET status = excluded.status, at = excluded.at,
                       _hlc = excluded._hlc, fact_id = excluded.fact_id
                     WHERE (excluded._hlc, excluded.fact_id) > (attendance_current._hlc, attendance_current.fact_id)",
                )?
                .execute([id])?;
            if found == 0 && !exists(tx, "attendance", id)? {
                rebuild(tx)?;
            }
        }
        "skill_checks" => {
            let found = tx
                .sql
                .prepare_cached(
                    "INSERT INTO skill_current (session_id, profile_id, skill, checked, at, _hlc, fact_id)
                     SELECT session_id, profile_id, skill, coalesce(checked, 1), at, _hlc, id FROM skill_checks WHERE id = ?1
                     ON CONFLICT (session_id, profile_id, skill) DO UPDATE SET checked = excluded.checked,
                       at = excluded.at, _hlc = excluded._hlc, fact_id = excluded.fact_id
                     WHERE (excluded._hlc, excluded.fact_id) > (skill_current._hlc, skill_current.fact_id)",
                )?
                .execute([id])?;
            if found == 0 && !exists(tx, "skill_checks", id)? {
                rebuild(tx)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn exists(tx: &Tx<'_>, table: &str, id: &str) -> Result<bool> {
    Ok(tx
        .sql
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Both tables made again from every fact held.
fn rebuild(tx: &Tx<'_>) -> Result<()> {
    tx.sql.execute_batch(
        "DELETE FROM attendance_current;
         DELETE FROM skill_current;
         INSERT INTO attendance_current (session_id, profile_id, status, at, _hlc, fact_id)
           SELECT a.session_id, a.profile_id, coalesce(a.status, 'present'), a.at, a._hlc, a.id FROM attendance a
           WHERE NOT EXISTS (SELECT 1 FROM attendance n WHERE n.session_id = a.session_id
                               AND n.profile_id = a.profile_id AND (n._hlc, n.id) > (a._hlc, a.id));
         INSERT INTO skill_current (session_id, profile_id, skill, checked, at, _hlc, fact_id)
           SELECT k.session_id, k.profile_id, k.skill, coalesce(k.checked, 1), k.at, k._hlc, k.id FROM skill_checks k
           WHERE NOT EXISTS (SELECT 1 FROM skill_checks n WHERE n.session_id = k.session_id
                               AND n.profile_id = k.profile_id AND n.skill = k.skill AND (n._hlc, n.id) > (k._hlc, k.id));",
    )?;
    Ok(())
}
