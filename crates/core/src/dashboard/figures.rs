//! Each figure of the commune dashboard, defined once, as SQL grouped by village or by
//! commune (and, in `months.rs`, by month). The app (over an official's replica) and the
//! server (over either engine) count with these, so a commune has the same figures wherever
//! they are read. The rules, as the help text says them (`dash-rule-*` in `locales/`):
//!
//! - **people registered**: live profiles of the commune (a profile deleted under the data law
//!   is not counted, nor is anything it did);
//! - **people trained**: of those, the ones marked present or late at a held session;
//! - a **held session** is one not cancelled and not deleted whose start has passed;
//! - **lessons completed**: different lessons each person finished, added up (a lesson taken
//!   again counts once);
//! - **active learners**: people who learnt anything (a step, an answer, a lesson) in the last
//!   30 days;
//! - **people with a skill**, **people with all five** and **households at the target**: the
//!   rules of `training::skills` (checks at held sessions, not taken back; a household at the
//!   target has a current, live member with all five);
//! - **volunteers active**: different people who led a held session;
//! - **listings published**: products on sale now (not drafts, sold out or archived);
//! - **inquiries received**: buyers' questions about the commune's products; **answered**:
//!   those the farmer marked answered or closed.
//!
//! Villages group people by their village, households by theirs, sessions by where they were
//! held, and listings and inquiries by the farmer's village.

use std::collections::HashMap;

use rusqlite::{Connection, ToSql};
use serde::Serialize;
use ts_rs::TS;

use crate::Result;
use crate::learning::topic::Topic;
use crate::training::attendance::{ATTENDED, CURRENT};
use crate::training::skills::{all_five_since, held_skills, households_at_target_since};

/// Thirty days, the window of "active learners".
pub const ACTIVE_WINDOW_MS: i64 = 30 * 86_400_000;

/// How many people have one basic skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct SkillHolders {
    pub skill: Topic,
    pub people: i64,
}

/// The figures of a commune, a village, or a commune in a province's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Figures {
    pub people_registered: i64,
    pub people_trained: i64,
    pub lessons_completed: i64,
    pub active_learners: i64,
    /// The five basic skills, in their fixed order.
    pub skills: Vec<SkillHolders>,
    pub people_all_five: i64,
    pub households: i64,
    pub households_at_target: i64,
    pub sessions_held: i64,
    pub volunteers_active: i64,
    pub listings_published: i64,
    pub inquiries_received: i64,
    pub inquiries_answered: i64,
}

impl Default for Figures {
    fn default() -> Self {
        Figures {
            people_registered: 0,
            people_trained: 0,
            lessons_completed: 0,
            active_learners: 0,
            skills: Topic::BASIC_SKILLS.into_iter().map(|skill| SkillHolders { skill, people: 0 }).collect(),
            people_all_five: 0,
            households: 0,
            households_at_target: 0,
            sessions_held: 0,
            volunteers_active: 0,
            listings_published: 0,
            inquiries_received: 0,
            inquiries_answered: 0,
        }
    }
}

impl Figures {
    /// Households at the target as a share of the households, in tenths of a percent
    /// (0 when there are none), rounded half up: 2 of 3 is 667.
    pub fn household_share_permille(&self) -> i64 {
        share_permille(self.households_at_target, self.households)
    }
}

/// `part` of `whole` in tenths of a percent, rounded half up; 0 of nothing is 0.
pub fn share_permille(part: i64, whole: i64) -> i64 {
    if whole <= 0 { 0 } else { (part * 2000 + whole) / (2 * whole) }
}

/// What the figures are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum By {
    Village,
    Commune,
}

impl By {
    /// The grouping column of the row aliased `alias`.
    fn key(self, alias: &str) -> String {
        match self {
            By::Village => format!("{alias}.village_id"),
            By::Commune => format!("{alias}.commune_id"),
        }
    }
}

/// The communes counted: `?1` is a JSON array of their ids.
pub(crate) const IN_COMMUNES: &str = "IN (SELECT value FROM json_each(?1))";

/// A held session, on the alias `s`; `?2` is now.
pub(crate) const HELD: &str = "s.deleted = 0 AND s.cancelled_at IS NULL AND s.starts_at <= ?2";

/// Skill checks of the counted communes' people, on the alias `k`.
pub(crate) fn checks_in_communes() -> String {
    format!("k.profile_id IN (SELECT id FROM profiles WHERE commune_id {IN_COMMUNES})")
}

/// The people trained, as `profile_id`s: live or not (the caller joins live profiles).
pub(crate) fn trained() -> String {
    format!(
        "(SELECT c.profile_id, min(s.starts_at) AS at FROM {CURRENT} c
          JOIN training_sessions s ON s.id = c.session_id AND {HELD}
          WHERE c.status IN {ATTENDED} AND c.profile_id IN (SELECT id FROM profiles WHERE commune_id {IN_COMMUNES})
          GROUP BY c.profile_id)"
    )
}

/// Figures of the communes in `communes`, grouped `by`, at time `now` (UTC ms).
pub(crate) fn grouped(c: &Connection, by: By, communes: &[&str], now: i64) -> Result<HashMap<String, Figures>> {
    let ids = serde_json::to_string(communes).unwrap_or_else(|_| "[]".into());
    let since = now - ACTIVE_WINDOW_MS;
    let all: [&dyn ToSql; 3] = [&ids, &now, &since];
    let mut out: HashMap<String, Figures> = HashMap::new();
    let p = by.key("p");
    let one = |sql: &str, set: fn(&mut Figures, i64), out: &mut HashMap<String, Figures>| -> Result<()> {
        let mut stmt = c.prepare_cached(sql)?;
        let count = stmt.parameter_count();
        let rows = stmt.query_map(bound(&all, count), |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (key, n) = row?;
            if let Some(key) = key {
                set(out.entry(key).or_default(), n);
            }
        }
        Ok(())
    };
    let people = format!("FROM profiles p WHERE p.deleted = 0 AND p.commune_id {IN_COMMUNES}");
    one(&format!("SELECT {p}, count(*) {people} GROUP BY 1"), |f, n| f.people_registered = n, &mut out)?;
    one(
        &format!("SELECT {p}, count(*) {people} AND p.id IN (SELECT profile_id FROM {}) GROUP BY 1", trained()),
        |f, n| f.people_trained = n,
        &mut out,
    )?;
    one(
        &format!(
            "SELECT {p}, sum((SELECT count(DISTINCT lp.lesson_id) FROM lesson_progress lp
                              WHERE lp.kind = 'complete' AND lp.profile_id = p.id)) {people} GROUP BY 1"
        ),
        |f, n| f.lessons_completed = n,
        &mut out,
    )?;
    one(
        &format!(
            "SELECT {p}, count(*) {people}
               AND EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp.profile_id = p.id AND lp.at >= ?3) GROUP BY 1"
        ),
        |f, n| f.active_learners = n,
        &mut out,
    )?;
    one(
        &format!(
            "SELECT {p}, count(*) FROM {} a JOIN profiles p ON p.id = a.profile_id GROUP BY 1",
            all_five_since(&checks_in_communes())
        ),
        |f, n| f.people_all_five = n,
        &mut out,
    )?;
    let h = by.key("h");
    let households = format!("FROM households h WHERE h.deleted = 0 AND h.commune_id {IN_COMMUNES}");
    one(&format!("SELECT {h}, count(*) {households} GROUP BY 1"), |f, n| f.households = n, &mut out)?;
    one(
        &format!(
            "SELECT {h}, count(*) {households} AND h.id IN (SELECT household_id FROM {}) GROUP BY 1",
            households_at_target_since(&checks_in_communes())
        ),
        |f, n| f.households_at_target = n,
        &mut out,
    )?;
    let s = by.key("s");
    let sessions = format!("FROM training_sessions s WHERE {HELD} AND s.commune_id {IN_COMMUNES}");
    one(&format!("SELECT {s}, count(*) {sessions} GROUP BY 1"), |f, n| f.sessions_held = n, &mut out)?;
    one(
        &format!("SELECT {s}, count(DISTINCT s.volunteer_id) {sessions} GROUP BY 1"),
        |f, n| f.volunteers_active = n,
        &mut out,
    )?;
    let o = by.key("o");
    one(
        &format!(
            "SELECT {o}, count(*) FROM listings l JOIN profiles o ON o.id = l.owner_id
             WHERE l.deleted = 0 AND l.status = 'published' AND l.commune_id {IN_COMMUNES} GROUP BY 1"
        ),
        |f, n| f.listings_published = n,
        &mut out,
    )?;
    let inquiries = format!(
        "FROM inquiries i JOIN listings l ON l.id = i.listing_id JOIN profiles o ON o.id = l.owner_id
         WHERE i.deleted = 0 AND i.commune_id {IN_COMMUNES}"
    );
    one(&format!("SELECT {o}, count(*) {inquiries} GROUP BY 1"), |f, n| f.inquiries_received = n, &mut out)?;
    one(
        &format!("SELECT {o}, count(*) {inquiries} AND i.status IN ('answered', 'closed') GROUP BY 1"),
        |f, n| f.inquiries_answered = n,
        &mut out,
    )?;

    let mut stmt = c.prepare_cached(&format!(
        "SELECT {p}, hs.skill, count(*) FROM {} hs JOIN profiles p ON p.id = hs.profile_id AND p.deleted = 0
         GROUP BY 1, 2",
        held_skills(&checks_in_communes())
    ))?;
    let count = stmt.parameter_count();
    let rows = stmt.query_map(bound(&all, count), |r| {
        Ok((r.get::<_, Option<String>>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
    })?;
    for row in rows {
        let (key, skill, n) = row?;
        let Some(key) = key else { continue };
        let figures = out.entry(key).or_default();
        if let Some(holders) = figures.skills.iter_mut().find(|h| h.skill.as_str() == skill) {
            holders.people = n;
        }
    }
    Ok(out)
}

/// The first `count` of the parameters `?1`, `?2`… every figure's SQL may use: SQLite wants
/// exactly as many as the statement names.
pub(crate) fn bound<'a>(all: &'a [&'a dyn ToSql], count: usize) -> &'a [&'a dyn ToSql] {
    &all[..count.min(all.len())]
}
