//! Each figure of the commune dashboard, defined once, as SQL grouped by village or by
//! commune and by month. The app (over an official's replica) and the server (over either
//! engine) count with these, so a commune has the same figures wherever they are read. The
//! rules, as the help text says them (`dash-rule-*` in `locales/`):
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
//! held, and listings and inquiries by the farmer's village. Each rule is run once per
//! counting, grouped by place and by the month it was first met (Vietnam time): a place's
//! figure is the sum of its months, and a month's the sum of its places. Only "volunteers
//! active" is not a sum (one volunteer teaches in many villages): it is counted apart.

use std::collections::HashMap;

use rusqlite::{Connection, ToSql};
use serde::Serialize;
use ts_rs::TS;

use crate::learning::topic::Topic;
use crate::time::VIETNAM_OFFSET_MINUTES;
use crate::training::attendance::{ATTENDED, CURRENT};
use crate::training::skills::{all_five_of, held_skills, households_at_target_of};
use crate::{Result, Store};

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

    /// Adds `other`'s counts to these: a commune's figures are its villages' added up (but
    /// for the volunteers, who are counted apart).
    fn add(&mut self, other: &Figures) {
        self.people_registered += other.people_registered;
        self.people_trained += other.people_trained;
        self.lessons_completed += other.lessons_completed;
        self.active_learners += other.active_learners;
        for (mine, theirs) in self.skills.iter_mut().zip(&other.skills) {
            mine.people += theirs.people;
        }
        self.people_all_five += other.people_all_five;
        self.households += other.households;
        self.households_at_target += other.households_at_target;
        self.sessions_held += other.sessions_held;
        self.listings_published += other.listings_published;
        self.inquiries_received += other.inquiries_received;
        self.inquiries_answered += other.inquiries_answered;
    }
}

/// `part` of `whole` in tenths of a percent, rounded half up; 0 of nothing is 0.
pub fn share_permille(part: i64, whole: i64) -> i64 {
    if whole <= 0 { 0 } else { (part * 2000 + whole) / (2 * whole) }
}

/// What happened in one month, by the same rules: people and households in the month they
/// first met a rule, sessions and inquiries in the month they happened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct MonthCounts {
    pub registered: i64,
    pub trained: i64,
    pub lessons: i64,
    pub sessions: i64,
    pub inquiries: i64,
    pub all_five: i64,
    pub households: i64,
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

/// The figures of each place (`""` for rows of no village), and what happened each month
/// (`2026-11`), in the counted communes.
#[derive(Debug, Default)]
pub(crate) struct Counted {
    pub places: HashMap<String, Figures>,
    pub months: HashMap<String, MonthCounts>,
}

impl Counted {
    /// Every place's figures added up: the communes' (volunteers aside).
    pub fn total(&self) -> Figures {
        let mut total = Figures::default();
        for figures in self.places.values() {
            total.add(figures);
        }
        total
    }
}

/// The communes counted: `?1` is a JSON array of their ids.
const IN_COMMUNES: &str = "IN (SELECT value FROM json_each(?1))";

/// A held session, on the alias `s`; `?2` is now.
const HELD: &str = "s.deleted = 0 AND s.cancelled_at IS NULL AND s.starts_at <= ?2";

/// The month of a UTC millisecond time in Vietnam, as SQL.
fn month_of(ms: &str) -> String {
    format!("strftime('%Y-%m', ({ms}) / 1000 + {}, 'unixepoch')", i64::from(VIETNAM_OFFSET_MINUTES) * 60)
}

/// One rule's counts by place and month: a statement giving `(place, month, n)` rows, where
/// they go among a place's figures, and among a month's (if the rule has a month).
struct Rule {
    sql: String,
    place: fn(&mut Figures, i64),
    month: Option<fn(&mut MonthCounts, i64)>,
}

/// The statements, the commune filter and the time bound in.
fn rules(by: By) -> Vec<Rule> {
    let p = by.key("p");
    let h = by.key("h");
    let s = by.key("s");
    let o = by.key("o");
    let people = format!("profiles p WHERE p.deleted = 0 AND p.commune_id {IN_COMMUNES}");
    let inquiries = format!(
        "inquiries i JOIN listings l ON l.id = i.listing_id JOIN profiles o ON o.id = l.owner_id
         WHERE i.deleted = 0 AND i.commune_id {IN_COMMUNES}"
    );
    vec![
        Rule {
            sql: format!("SELECT {p}, {}, count(*) FROM {people} GROUP BY 1, 2", month_of("p.consent_at")),
            place: |f, n| f.people_registered += n,
            month: Some(|m, n| m.registered += n),
        },
        Rule {
            sql: format!(
                "SELECT {p}, {}, count(*) FROM (
                   SELECT c.profile_id, min(s.starts_at) AS at FROM training_sessions s
                   JOIN {CURRENT} c ON c.session_id = s.id
                   WHERE {HELD} AND s.commune_id {IN_COMMUNES} AND c.status IN {ATTENDED}
                   GROUP BY c.profile_id) x
                 JOIN profiles p ON p.id = x.profile_id AND p.deleted = 0 AND p.commune_id {IN_COMMUNES}
                 GROUP BY 1, 2",
                month_of("x.at")
            ),
            place: |f, n| f.people_trained += n,
            month: Some(|m, n| m.trained += n),
        },
        Rule {
            sql: format!(
                "SELECT {p}, x.month, sum(x.lessons) FROM profiles p JOIN learner_months x ON x.profile_id = p.id
                 WHERE p.deleted = 0 AND p.commune_id {IN_COMMUNES} GROUP BY 1, 2"
            ),
            place: |f, n| f.lessons_completed += n,
            month: Some(|m, n| m.lessons += n),
        },
        Rule {
            sql: format!(
                "SELECT {p}, NULL, count(*) FROM {people}
                   AND EXISTS (SELECT 1 FROM learner_activity a WHERE a.profile_id = p.id AND a.last_at >= ?3)
                 GROUP BY 1"
            ),
            place: |f, n| f.active_learners += n,
            month: None,
        },
        Rule {
            sql: format!(
                "SELECT {h}, NULL, count(*) FROM households h WHERE h.deleted = 0 AND h.commune_id {IN_COMMUNES} GROUP BY 1"
            ),
            place: |f, n| f.households += n,
            month: None,
        },
        Rule {
            sql: format!(
                "SELECT {s}, {}, count(*) FROM training_sessions s WHERE {HELD} AND s.commune_id {IN_COMMUNES} GROUP BY 1, 2",
                month_of("s.starts_at")
            ),
            place: |f, n| f.sessions_held += n,
            month: Some(|m, n| m.sessions += n),
        },
        Rule {
            sql: format!(
                "SELECT {s}, NULL, count(DISTINCT s.volunteer_id) FROM training_sessions s
                 WHERE {HELD} AND s.commune_id {IN_COMMUNES} GROUP BY 1"
            ),
            place: |f, n| f.volunteers_active += n,
            month: None,
        },
        Rule {
            sql: format!(
                "SELECT {o}, NULL, count(*) FROM listings l JOIN profiles o ON o.id = l.owner_id
                 WHERE l.deleted = 0 AND l.status = 'published' AND l.commune_id {IN_COMMUNES} GROUP BY 1"
            ),
            place: |f, n| f.listings_published += n,
            month: None,
        },
        Rule {
            sql: format!("SELECT {o}, {}, count(*) FROM {inquiries} GROUP BY 1, 2", month_of("i.created_at")),
            place: |f, n| f.inquiries_received += n,
            month: Some(|m, n| m.inquiries += n),
        },
        Rule {
            sql: format!(
                "SELECT {o}, NULL, count(*) FROM {inquiries} AND i.status IN ('answered', 'closed') GROUP BY 1"
            ),
            place: |f, n| f.inquiries_answered += n,
            month: None,
        },
    ]
}

/// The skill rules over the same checks, read once: `(rule, place, month, skill, n)` rows for
/// people with all five, households at the target, and people with each skill.
fn skill_rules(by: By) -> String {
    let (p, h) = (by.key("p"), by.key("h"));
    let checks = format!("k.session_id IN (SELECT id FROM training_sessions WHERE commune_id {IN_COMMUNES})");
    format!(
        "WITH held AS MATERIALIZED {held}, five AS MATERIALIZED {five}
         SELECT 'all-five', {p}, {five_month}, NULL, count(*) FROM five x
           JOIN profiles p ON p.id = x.profile_id AND p.commune_id {IN_COMMUNES} GROUP BY 2, 3
         UNION ALL
         SELECT 'households', {h}, {household_month}, NULL, count(*) FROM {households} x
           JOIN households h ON h.id = x.household_id AND h.commune_id {IN_COMMUNES} GROUP BY 2, 3
         UNION ALL
         SELECT 'skill', {p}, NULL, hs.skill, count(*) FROM held hs
           JOIN profiles p ON p.id = hs.profile_id AND p.deleted = 0 AND p.commune_id {IN_COMMUNES} GROUP BY 2, 4",
        held = held_skills(&checks),
        five = all_five_of("held"),
        households = households_at_target_of("five"),
        five_month = month_of("x.at"),
        household_month = month_of("x.at"),
    )
}

/// Counts every figure of the communes in `communes`, grouped `by` place and by month, at
/// time `now` (UTC ms). The skill rules run on a second reader beside the others: each half
/// takes about as long, and phones and servers have a core to spare. Each half reads its own
/// snapshot, so a sync landing between the two may show in one half a moment before the other.
pub(crate) fn count(store: &Store, by: By, communes: &[&str], now: i64) -> Result<Counted> {
    let (rest, skills) = std::thread::scope(|scope| {
        let skills = scope.spawn(|| store.read(|c| count_skills(c, by, communes)));
        let rest = store.read(|c| count_rules(c, by, communes, now));
        (rest, skills.join())
    });
    let mut counted = rest?;
    let skills = skills.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
    for (place, figures) in skills.places {
        counted.places.entry(place).or_default().add(&figures);
    }
    for (month, counts) in skills.months {
        let mine = counted.months.entry(month).or_default();
        mine.all_five += counts.all_five;
        mine.households += counts.households;
    }
    Ok(counted)
}

/// Every rule but the skills'.
fn count_rules(c: &Connection, by: By, communes: &[&str], now: i64) -> Result<Counted> {
    let ids = serde_json::to_string(communes).unwrap_or_else(|_| "[]".into());
    let since = now - ACTIVE_WINDOW_MS;
    let all: [&dyn ToSql; 3] = [&ids, &now, &since];
    let mut counted = Counted::default();
    for rule in rules(by) {
        let mut stmt = c.prepare_cached(&rule.sql)?;
        let bound = stmt.parameter_count();
        let rows = stmt.query_map(&all[..bound.min(all.len())], |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, i64>(2)?))
        })?;
        for row in rows {
            let (place, month, n) = row?;
            (rule.place)(counted.places.entry(place.unwrap_or_default()).or_default(), n);
            if let (Some(add), Some(month)) = (rule.month, month) {
                add(counted.months.entry(month).or_default(), n);
            }
        }
    }
    Ok(counted)
}

/// The skill rules: people with all five, households at the target, people with each skill.
fn count_skills(c: &Connection, by: By, communes: &[&str]) -> Result<Counted> {
    let ids = serde_json::to_string(communes).unwrap_or_else(|_| "[]".into());
    let mut counted = Counted::default();
    let mut stmt = c.prepare_cached(&skill_rules(by))?;
    let rows = stmt.query_map([&ids], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, i64>(4)?,
        ))
    })?;
    for row in rows {
        let (rule, place, month, skill, n) = row?;
        let figures = counted.places.entry(place.unwrap_or_default()).or_default();
        match (rule.as_str(), skill) {
            ("all-five", _) => figures.people_all_five += n,
            ("households", _) => figures.households_at_target += n,
            (_, Some(skill)) => {
                if let Some(holders) = figures.skills.iter_mut().find(|h| h.skill.as_str() == skill) {
                    holders.people += n;
                }
            }
            _ => {}
        }
        if let Some(month) = month {
            let counts = counted.months.entry(month).or_default();
            match rule.as_str() {
                "all-five" => counts.all_five += n,
                "households" => counts.households += n,
                _ => {}
            }
        }
    }
    Ok(counted)
}

/// The different volunteers who led a held session in each commune of `communes`.
pub(crate) fn volunteers(c: &Connection, communes: &[&str], now: i64) -> Result<HashMap<String, i64>> {
    let ids = serde_json::to_string(communes).unwrap_or_else(|_| "[]".into());
    let mut stmt = c.prepare_cached(&format!(
        "SELECT s.commune_id, count(DISTINCT s.volunteer_id) FROM training_sessions s
         WHERE {HELD} AND s.commune_id {IN_COMMUNES} GROUP BY 1"
    ))?;
    let rows = stmt.query_map(rusqlite::params![ids, now], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
