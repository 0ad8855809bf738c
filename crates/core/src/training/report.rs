//! A session's report: one row per person on its list and the totals, the same numbers the
//! session's screen shows and its CSV and printable files hold.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use crate::learning::topic::Topic;
use crate::training::attendance::Attendance;
use crate::training::session::TrainingSession;
use crate::validate::{Field, Invalid, Rule};
use crate::{Result, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReportRow {
    pub profile_id: String,
    /// None once the person's profile was deleted.
    pub name: Option<String>,
    pub village: Option<String>,
    pub household: Option<String>,
    pub status: Attendance,
    /// Basic skills checked at this session.
    pub skills: Vec<Topic>,
    /// The session's lessons this person has completed (anywhere, any time).
    pub lessons_completed: i64,
    pub all_five: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SkillCount {
    pub skill: Topic,
    pub people: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SessionReport {
    pub session: TrainingSession,
    pub rows: Vec<ReportRow>,
    pub listed: i64,
    /// Present or late.
    pub attended: i64,
    pub late: i64,
    pub absent: i64,
    /// People checked for each basic skill at this session.
    pub skills: Vec<SkillCount>,
    /// People who attended and have all five (over every session).
    pub attended_with_all_five: i64,
    /// Lessons completed, summed over the rows.
    pub lessons_completed: i64,
}

impl Store {
    pub fn session_report(&self, session_id: &str) -> Result<SessionReport> {
        let session = self.session(session_id)?.ok_or(Invalid::new(Field::Session, Rule::Unknown))?;
        let roster = self.roster(session_id)?;
        let completed: HashMap<String, i64> = self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT profile_id, count(DISTINCT lesson_id) FROM lesson_progress
                 WHERE kind = 'complete' AND profile_id IN (SELECT profile_id FROM attendance WHERE session_id = ?1)
                   AND lesson_id IN (SELECT value FROM json_each((SELECT lessons FROM training_sessions WHERE id = ?1)))
                 GROUP BY profile_id",
            )?;
            Ok(stmt.query_map([session_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
        })?;
        let rows: Vec<ReportRow> = roster
            .into_iter()
            .map(|r| ReportRow {
                lessons_completed: completed.get(&r.profile_id).copied().unwrap_or(0),
                profile_id: r.profile_id,
                name: r.name,
                village: r.village_name,
                household: r.household_name,
                status: r.status,
                skills: r.skills,
                all_five: r.all_five,
            })
            .collect();
        let count = |f: &dyn Fn(&ReportRow) -> bool| rows.iter().filter(|r| f(r)).count() as i64;
        Ok(SessionReport {
            listed: rows.len() as i64,
            attended: count(&|r| r.status.attended()),
            late: count(&|r| r.status == Attendance::Late),
            absent: count(&|r| r.status == Attendance::Absent),
            skills: Topic::BASIC_SKILLS
                .into_iter()
                .map(|skill| SkillCount { skill, people: count(&|r| r.skills.contains(&skill)) })
                .collect(),
            attended_with_all_five: count(&|r| r.status.attended() && r.all_five),
            lessons_completed: rows.iter().map(|r| r.lessons_completed).sum(),
            session,
            rows,
        })
    }
}
