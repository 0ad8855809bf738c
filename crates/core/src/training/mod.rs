//! Training sessions run by youth volunteers, who comes, and which of the five basic
//! digital skills each person has shown. Attendance and skill checks are facts.

use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::learning::topic::Topic;
use crate::people::profile::profile_in;
use crate::places::village_in;
use crate::replica::capture::new_id;
use crate::replica::schema::{ATTENDANCE, LESSONS, SKILL_CHECKS, TRAINING_SESSIONS};
use crate::replica::store::Tx;
use crate::replica::value::Value;
use crate::role::Role;
use crate::time::now_ms;
use crate::validate::{self, Field, Invalid, Rule};
use crate::{Result, Store};

const TITLE_MAX: usize = 100;
const PLACE_MAX: usize = 100;
const LESSONS_MAX: usize = 20;
/// A session lasts at most a day.
const LONGEST_MS: i64 = 24 * 3600 * 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInput {
    pub village_id: String,
    pub title: String,
    pub place: Option<String>,
    /// UTC milliseconds.
    pub starts_at: i64,
    pub ends_at: i64,
    pub lessons: Vec<String>,
    /// Basic skills the session covers.
    pub skills: Vec<Topic>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrainingSession {
    pub id: String,
    pub commune_id: String,
    pub village_id: String,
    pub volunteer_id: String,
    pub title: String,
    pub place: Option<String>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub lessons: Vec<String>,
    pub skills: Vec<Topic>,
}

/// A participant and the basic skills checked for them at the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterEntry {
    pub profile_id: String,
    pub name: Option<String>,
    pub skills: Vec<Topic>,
}

const SESSION_COLUMNS: &str =
    "id, commune_id, village_id, volunteer_id, title, place, starts_at, ends_at, lessons, skills";
const COMPLETE: &str = "deleted = 0 AND commune_id IS NOT NULL AND village_id IS NOT NULL AND volunteer_id IS NOT NULL
    AND title IS NOT NULL AND starts_at IS NOT NULL AND ends_at IS NOT NULL";

fn session_row(r: &Row<'_>) -> rusqlite::Result<TrainingSession> {
    let lessons: Option<String> = r.get(8)?;
    let skills: Option<String> = r.get(9)?;
    Ok(TrainingSession {
        id: r.get(0)?,
        commune_id: r.get(1)?,
        village_id: r.get(2)?,
        volunteer_id: r.get(3)?,
        title: r.get(4)?,
        place: r.get(5)?,
        starts_at: r.get(6)?,
        ends_at: r.get(7)?,
        lessons: lessons.and_then(|l| serde_json::from_str(&l).ok()).unwrap_or_default(),
        skills: skills.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default(),
    })
}

fn session_in(tx: &Tx<'_>, id: &str) -> Result<TrainingSession> {
    let sql = format!("SELECT {SESSION_COLUMNS} FROM training_sessions WHERE id = ?1 AND {COMPLETE}");
    tx.sql
        .prepare_cached(&sql)?
        .query_row([id], session_row)
        .optional()?
        .ok_or_else(|| Invalid::new(Field::Session, Rule::Unknown).into())
}

/// The volunteer (or official) `id`, who may run sessions and check skills.
fn volunteer_in(tx: &Tx<'_>, id: &str) -> Result<()> {
    let p = profile_in(tx, id)?;
    if matches!(p.role, Role::Volunteer | Role::Official) {
        Ok(())
    } else {
        Err(Invalid::new(Field::Volunteer, Rule::Unknown).into())
    }
}

/// Checks a session's fields; returns the columns to write.
fn session_values(tx: &Tx<'_>, input: &SessionInput) -> Result<Vec<(&'static str, Value)>> {
    let village = village_in(tx, &input.village_id)?;
    let title = validate::text(Field::Title, &input.title, TITLE_MAX)?;
    let place = validate::optional_text(Field::Place, input.place.as_deref(), PLACE_MAX)?;
    if input.ends_at <= input.starts_at || input.ends_at - input.starts_at > LONGEST_MS {
        return Err(Invalid::new(Field::EndsAt, Rule::Order).into());
    }
    if input.lessons.len() > LESSONS_MAX {
        return Err(Invalid::new(Field::Lessons, Rule::TooLong { max: LESSONS_MAX }).into());
    }
    for lesson in &input.lessons {
        if !tx.is_live(&LESSONS, lesson)? {
            return Err(Invalid::new(Field::Lessons, Rule::Unknown).into());
        }
    }
    if input.skills.iter().any(|s| !s.is_basic_skill()) {
        return Err(Invalid::new(Field::Skills, Rule::Unknown).into());
    }
    let mut skills = input.skills.clone();
    skills.sort_by_key(|s| s.as_str());
    skills.dedup();
    Ok(vec![
        ("commune_id", village.commune_id.into()),
        ("village_id", village.id.into()),
        ("title", title.into()),
        ("place", place.into()),
        ("starts_at", input.starts_at.into()),
        ("ends_at", input.ends_at.into()),
        ("lessons", serde_json::to_string(&input.lessons).unwrap_or_default().into()),
        ("skills", serde_json::to_string(&skills).unwrap_or_default().into()),
    ])
}

impl Store {
    /// Plans a session run by `volunteer_id`.
    pub fn create_session(&self, volunteer_id: &str, input: &SessionInput) -> Result<TrainingSession> {
        let id = new_id();
        self.write(|tx| {
            volunteer_in(tx, volunteer_id)?;
            let mut values = session_values(tx, input)?;
            values.push(("volunteer_id", volunteer_id.into()));
            values.push(("deleted", 0.into()));
            tx.write_entity(&TRAINING_SESSIONS, &id, &values)?;
            session_in(tx, &id)
        })
    }

    pub fn edit_session(&self, id: &str, input: &SessionInput) -> Result<TrainingSession> {
        self.write(|tx| {
            session_in(tx, id)?;
            let values = session_values(tx, input)?;
            tx.update_entity(&TRAINING_SESSIONS, id, &values)?;
            session_in(tx, id)
        })
    }

    pub fn cancel_session(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            session_in(tx, id)?;
            tx.update_entity(&TRAINING_SESSIONS, id, &[("deleted", 1.into())]).map(drop)
        })
    }

    /// A commune's sessions, soonest first.
    pub fn sessions(&self, commune_id: &str) -> Result<Vec<TrainingSession>> {
        self.read(|c| {
            let sql = format!(
                "SELECT {SESSION_COLUMNS} FROM training_sessions WHERE commune_id = ?1 AND {COMPLETE} ORDER BY starts_at"
            );
            Ok(c.prepare_cached(&sql)?.query_map([commune_id], session_row)?.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Marks `profile_id` present at a session; marking twice records nothing new.
    pub fn mark_attendance(&self, session_id: &str, profile_id: &str, marked_by: &str) -> Result<()> {
        self.write(|tx| {
            session_in(tx, session_id)?;
            profile_in(tx, profile_id)?;
            volunteer_in(tx, marked_by)?;
            let already = tx
                .sql
                .prepare_cached("SELECT 1 FROM attendance WHERE session_id = ?1 AND profile_id = ?2")?
                .query_row([session_id, profile_id], |_| Ok(()))
                .optional()?
                .is_some();
            if already {
                return Ok(());
            }
            tx.insert_fact(
                &ATTENDANCE,
                &new_id(),
                &[
                    ("session_id", session_id.into()),
                    ("profile_id", profile_id.into()),
                    ("marked_by", marked_by.into()),
                    ("at", now_ms().into()),
                ],
            )
        })
    }

    /// Records that `profile_id` showed one of the five basic skills at a session.
    pub fn check_skill(&self, session_id: &str, profile_id: &str, skill: Topic, checked_by: &str) -> Result<()> {
        if !skill.is_basic_skill() {
            return Err(Invalid::new(Field::Skills, Rule::Unknown).into());
        }
        self.write(|tx| {
            session_in(tx, session_id)?;
            profile_in(tx, profile_id)?;
            volunteer_in(tx, checked_by)?;
            let already = tx
                .sql
                .prepare_cached("SELECT 1 FROM skill_checks WHERE session_id = ?1 AND profile_id = ?2 AND skill = ?3")?
                .query_row([session_id, profile_id, skill.as_str()], |_| Ok(()))
                .optional()?
                .is_some();
            if already {
                return Ok(());
            }
            tx.insert_fact(
                &SKILL_CHECKS,
                &new_id(),
                &[
                    ("session_id", session_id.into()),
                    ("profile_id", profile_id.into()),
                    ("skill", skill.as_str().into()),
                    ("checked_by", checked_by.into()),
                    ("at", now_ms().into()),
                ],
            )
        })
    }

    /// Who came to a session, with the skills checked for each, by name.
    pub fn roster(&self, session_id: &str) -> Result<Vec<RosterEntry>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT a.profile_id, p.name,
                        (SELECT json_group_array(skill) FROM (SELECT DISTINCT skill FROM skill_checks k
                          WHERE k.session_id = a.session_id AND k.profile_id = a.profile_id ORDER BY skill))
                 FROM (SELECT DISTINCT session_id, profile_id FROM attendance WHERE session_id = ?1) a
                 LEFT JOIN profiles p ON p.id = a.profile_id AND p.deleted = 0
                 ORDER BY p.name, a.profile_id",
            )?;
            let rows = stmt.query_map([session_id], |r| {
                let skills: String = r.get(2)?;
                Ok(RosterEntry {
                    profile_id: r.get(0)?,
                    name: r.get(1)?,
                    skills: serde_json::from_str(&skills).unwrap_or_default(),
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }
}
