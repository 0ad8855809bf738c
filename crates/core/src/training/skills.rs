//! The five basic digital skills, checked per person at sessions, and the rules built on the
//! checks. Each rule is written here once, as SQL the app's screens, reports and the commune
//! dashboard all use:
//!
//! - a person **has a skill** once a volunteer or official checked it for them at a session
//!   that was held (not cancelled) and did not take the check back;
//! - a person **has all five** when they have each of the five basic skills, at any sessions;
//! - a **household reaches the target** when at least one of its current members has all five.
//!
//! Only volunteers and officials can check a skill: the store refuses anyone else locally and
//! the server refuses checks from any other device.

use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use crate::learning::topic::Topic;
use crate::people::profile::profile_in;
use crate::replica::capture::new_id;
use crate::replica::schema::SKILL_CHECKS;
use crate::replica::store::Tx;
use crate::time::now_ms;
use crate::training::attendance::{ATTENDED, CURRENT, status_in};
use crate::training::session::{open_session_in, volunteer_in};
use crate::validate::{Field, Invalid, Rule};
use crate::{Result, Store};

/// The current checks, as `(session_id, profile_id, skill, checked, at)`, of those matching
/// `filter` (on `k`): the latest fact for a person, a skill and a session holds (a tap again
/// takes a check back), as `current.rs` keeps it.
fn current_checks(filter: &str) -> String {
    format!("(SELECT k.session_id, k.profile_id, k.skill, k.checked, k.at FROM skill_current k WHERE {filter})")
}

/// The skills checked at one session (the SQL expression `session`), as `(profile_id, skill)`.
pub(crate) fn checked_at_session(session: &str) -> String {
    format!(
        "(SELECT profile_id, skill FROM {} WHERE checked = 1)",
        current_checks(&format!("k.session_id = {session}"))
    )
}

/// The rule "has a skill": `(profile_id, skill, first_at)` for every skill a person has, from
/// the checks that match `filter` (on `k`, a `skill_checks` row).
pub fn held_skills(filter: &str) -> String {
    format!(
        "(SELECT c.profile_id, c.skill, min(c.at) AS first_at FROM {} c
          JOIN training_sessions s ON s.id = c.session_id AND s.deleted = 0 AND s.cancelled_at IS NULL
          WHERE c.checked = 1 AND c.skill IN {BASIC}
          GROUP BY c.profile_id, c.skill)",
        current_checks(filter)
    )
}

/// The five basic skills, as an SQL list.
const BASIC: &str = "('public-services', 'online-shopping', 'online-payments', 'online-safety', 'local-platforms')";

/// The rule "has all five": the `profile_id`s of live profiles with every basic skill.
pub fn all_five() -> String {
    format!("(SELECT profile_id FROM {})", all_five_since("1"))
}

/// The rule "has all five" with when: `(profile_id, at)` for live profiles with every basic
/// skill, from the checks that match `filter`; `at` is when the last of the five was first
/// checked.
pub fn all_five_since(filter: &str) -> String {
    all_five_of(&held_skills(filter))
}

/// The rule "has all five" over `held`, the rows of [`held_skills`] (or a name for them).
pub fn all_five_of(held: &str) -> String {
    format!(
        "(SELECT h.profile_id, max(h.first_at) AS at FROM {held} h JOIN profiles p ON p.id = h.profile_id AND p.deleted = 0
          GROUP BY h.profile_id HAVING count(*) = 5)"
    )
}

/// The rule "a household reaches the target": the `household_id`s of live households with at
/// least one current, live member who has all five.
pub fn households_at_target() -> String {
    format!("(SELECT household_id FROM {})", households_at_target_since("1"))
}

/// The rule "a household reaches the target" with when: `(household_id, at)`, from the checks
/// that match `filter`; `at` is when the first of its current members came to have all five.
pub fn households_at_target_since(filter: &str) -> String {
    households_at_target_of(&all_five_since(filter))
}

/// The rule "a household reaches the target" over `five`, the rows of [`all_five_since`] (or a
/// name for them).
pub fn households_at_target_of(five: &str) -> String {
    format!(
        "(SELECT p.household AS household_id, min(a.at) AS at FROM profiles p
          JOIN {five} a ON a.profile_id = p.id
          JOIN households h ON h.id = p.household AND h.deleted = 0
          WHERE p.deleted = 0 GROUP BY p.household)"
    )
}

/// One of a person's five marks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SkillMark {
    pub skill: Topic,
    /// When it was first checked, if it has been.
    pub checked_at: Option<i64>,
}

/// A person's record across every session: the five marks in the fixed order, whether they
/// have all five, and how many sessions they attended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SkillRecord {
    pub profile_id: String,
    pub marks: Vec<SkillMark>,
    pub all_five: bool,
    pub sessions_attended: i64,
}

/// A commune's counts by the rules above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct SkillCounts {
    pub people_with_all_five: i64,
    pub households: i64,
    pub households_at_target: i64,
}

/// Whether a check for this person, skill and session is now `checked`.
fn checked_in(tx: &Tx<'_>, session_id: &str, profile_id: &str, skill: Topic) -> Result<bool> {
    let checked: Option<Option<i64>> = tx
        .sql
        .prepare_cached(
            "SELECT checked FROM skill_checks WHERE session_id = ?1 AND profile_id = ?2 AND skill = ?3
             ORDER BY _hlc DESC, id DESC LIMIT 1",
        )?
        .query_row([session_id, profile_id, skill.as_str()], |r| r.get(0))
        .optional()?;
    Ok(checked.is_some_and(|c| c.unwrap_or(1) == 1))
}

impl Store {
    /// Checks (or, with `checked` false, takes back) one basic skill for a person who is at
    /// the session, by the volunteer or official `by`. The same state again records nothing.
    pub fn check_skill(&self, session_id: &str, profile_id: &str, skill: Topic, checked: bool, by: &str) -> Result<()> {
        if !skill.is_basic_skill() {
            return Err(Invalid::new(Field::Skills, Rule::Unknown).into());
        }
        self.write(|tx| {
            open_session_in(tx, session_id)?;
            profile_in(tx, profile_id)?;
            volunteer_in(tx, by)?;
            if !status_in(tx, session_id, profile_id)?.is_some_and(|s| s.attended()) {
                return Err(Invalid::new(Field::Profile, Rule::NotPresent).into());
            }
            if checked_in(tx, session_id, profile_id, skill)? == checked {
                return Ok(());
            }
            tx.insert_fact(
                &SKILL_CHECKS,
                &new_id(),
                &[
                    ("session_id", session_id.into()),
                    ("profile_id", profile_id.into()),
                    ("skill", skill.as_str().into()),
                    ("checked_by", by.into()),
                    ("at", now_ms().into()),
                    ("checked", i64::from(checked).into()),
                ],
            )
        })
    }

    /// A person's five marks across every session.
    pub fn skill_record(&self, profile_id: &str) -> Result<SkillRecord> {
        let held_sql = format!("SELECT skill, first_at FROM {}", held_skills("k.profile_id = ?1"));
        let attended_sql = format!(
            "SELECT count(*) FROM {CURRENT} c JOIN training_sessions s ON s.id = c.session_id
               AND s.deleted = 0 AND s.cancelled_at IS NULL
             WHERE c.profile_id = ?1 AND c.status IN {ATTENDED}"
        );
        self.read(|c| {
            let held: Vec<(String, i64)> = c
                .prepare_cached(&held_sql)?
                .query_map([profile_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let sessions_attended = c.prepare_cached(&attended_sql)?.query_row([profile_id], |r| r.get(0))?;
            let marks: Vec<SkillMark> = Topic::BASIC_SKILLS
                .into_iter()
                .map(|skill| SkillMark {
                    skill,
                    checked_at: held.iter().find(|(s, _)| s == skill.as_str()).map(|(_, at)| *at),
                })
                .collect();
            let all_five = marks.iter().all(|m| m.checked_at.is_some());
            Ok(SkillRecord { profile_id: profile_id.to_owned(), marks, all_five, sessions_attended })
        })
    }

    /// Whether a household reaches the target: one of its members has all five.
    pub fn household_at_target(&self, household_id: &str) -> Result<bool> {
        let sql = format!("SELECT EXISTS (SELECT 1 FROM {} WHERE household_id = ?1)", households_at_target());
        self.read(|c| Ok(c.prepare_cached(&sql)?.query_row([household_id], |r| r.get(0))?))
    }

    /// A commune's people with all five, its households, and those at the target.
    pub fn skill_counts(&self, commune_id: &str) -> Result<SkillCounts> {
        let sql = format!(
            "SELECT (SELECT count(*) FROM profiles p WHERE p.commune_id = ?1 AND p.deleted = 0
                       AND p.id IN (SELECT profile_id FROM {})),
                    (SELECT count(*) FROM households h WHERE h.commune_id = ?1 AND h.deleted = 0),
                    (SELECT count(*) FROM households h WHERE h.commune_id = ?1 AND h.deleted = 0
                       AND h.id IN (SELECT household_id FROM {}))",
            all_five(),
            households_at_target()
        );
        self.read(|c| {
            Ok(c.prepare_cached(&sql)?.query_row([commune_id], |r| {
                Ok(SkillCounts {
                    people_with_all_five: r.get(0)?,
                    households: r.get(1)?,
                    households_at_target: r.get(2)?,
                })
            })?)
        })
    }
}
