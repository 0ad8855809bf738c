//! Planning sessions: a title, a village and a place, a time on one day, the lessons taught
//! and the basic skills covered. A cancelled session stays listed with its reason.

use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::learning::topic::Topic;
use crate::people::profile::profile_in;
use crate::places::village_in;
use crate::replica::capture::new_id;
use crate::replica::schema::{LESSONS, TRAINING_SESSIONS};
use crate::replica::store::Tx;
use crate::replica::value::Value;
use crate::role::Role;
use crate::time::now_ms;
use crate::training::attendance::{ATTENDED, CURRENT};
use crate::validate::{self, Field, Invalid, Rule};
use crate::{Result, Store};

const TITLE_MAX: usize = 100;
const PLACE_MAX: usize = 100;
const REASON_MAX: usize = 200;
const LESSONS_MAX: usize = 20;
/// A session lasts at most a day.
const LONGEST_MS: i64 = 24 * 3600 * 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrainingSession {
    pub id: String,
    pub commune_id: String,
    pub village_id: String,
    pub village_name: Option<String>,
    pub volunteer_id: String,
    pub volunteer_name: Option<String>,
    pub title: String,
    pub place: Option<String>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub lessons: Vec<String>,
    pub skills: Vec<Topic>,
    pub cancelled_at: Option<i64>,
    pub cancel_reason: Option<String>,
    /// People marked present or late.
    pub present: i64,
}

const SESSION_COLUMNS: &str = "s.id, s.commune_id, s.village_id, s.volunteer_id, s.title, s.place, s.starts_at,
    s.ends_at, s.lessons, s.skills, s.cancelled_at, s.cancel_reason,
    (SELECT v.name FROM villages v WHERE v.id = s.village_id),
    (SELECT p.name FROM profiles p WHERE p.id = s.volunteer_id AND p.deleted = 0), coalesce(n.present, 0)";
/// The sessions with the count of people there, for a `WHERE` on `s`.
fn select_sessions(filter: &str) -> String {
    format!(
        "SELECT {SESSION_COLUMNS} FROM training_sessions s
         LEFT JOIN (SELECT session_id, count(*) AS present FROM {CURRENT} WHERE status IN {ATTENDED} GROUP BY session_id) n
           ON n.session_id = s.id
         WHERE {filter} AND {COMPLETE}"
    )
}

const COMPLETE: &str = "s.deleted = 0 AND s.commune_id IS NOT NULL AND s.village_id IS NOT NULL
    AND s.volunteer_id IS NOT NULL AND s.title IS NOT NULL AND s.starts_at IS NOT NULL AND s.ends_at IS NOT NULL";

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
        cancelled_at: r.get(10)?,
        cancel_reason: r.get(11)?,
        village_name: r.get(12)?,
        volunteer_name: r.get(13)?,
        present: r.get(14)?,
    })
}

/// The live session `id` (cancelled or not).
pub(crate) fn session_in(tx: &Tx<'_>, id: &str) -> Result<TrainingSession> {
    let sql = select_sessions("s.id = ?1");
    tx.sql
        .prepare_cached(&sql)?
        .query_row([id], session_row)
        .optional()?
        .ok_or_else(|| Invalid::new(Field::Session, Rule::Unknown).into())
}

/// The session `id`, if something may still be recorded at it.
pub(crate) fn open_session_in(tx: &Tx<'_>, id: &str) -> Result<TrainingSession> {
    let session = session_in(tx, id)?;
    if session.cancelled_at.is_some() {
        return Err(Invalid::new(Field::Session, Rule::Cancelled).into());
    }
    Ok(session)
}

/// The volunteer (or official) `id`, who may run sessions and check skills.
pub(crate) fn volunteer_in(tx: &Tx<'_>, id: &str) -> Result<()> {
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
    if input.starts_at <= 0 {
        return Err(Invalid::new(Field::StartsAt, Rule::Empty).into());
    }
    if input.ends_at <= input.starts_at || input.ends_at - input.starts_at > LONGEST_MS {
        return Err(Invalid::new(Field::EndsAt, Rule::Order).into());
    }
    if input.lessons.len() > LESSONS_MAX {
        return Err(Invalid::new(Field::Lessons, Rule::TooLong { max: LESSONS_MAX }).into());
    }
    let mut lessons: Vec<String> = Vec::with_capacity(input.lessons.len());
    for lesson in &input.lessons {
        if !tx.is_live(&LESSONS, lesson)? {
            return Err(Invalid::new(Field::Lessons, Rule::Unknown).into());
        }
        if !lessons.contains(lesson) {
            lessons.push(lesson.clone());
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
        ("lessons", serde_json::to_string(&lessons).unwrap_or_default().into()),
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

    /// Changes a planned session; a cancelled one cannot be changed.
    pub fn edit_session(&self, id: &str, input: &SessionInput) -> Result<TrainingSession> {
        self.write(|tx| {
            let session = open_session_in(tx, id)?;
            let values = session_values(tx, input)?;
            // A session stays in its commune: the village may change only within it.
            let commune = values.iter().find(|(column, _)| *column == "commune_id").and_then(|(_, v)| v.as_text());
            if commune != Some(session.commune_id.as_str()) {
                return Err(Invalid::new(Field::Village, Rule::OtherCommune).into());
            }
            tx.update_entity(&TRAINING_SESSIONS, id, &values)?;
            session_in(tx, id)
        })
    }

    /// Cancels a session, saying why; it stays in the list as cancelled.
    pub fn cancel_session(&self, id: &str, reason: &str) -> Result<TrainingSession> {
        let reason = validate::text(Field::CancelReason, reason, REASON_MAX)?;
        self.write(|tx| {
            open_session_in(tx, id)?;
            tx.update_entity(
                &TRAINING_SESSIONS,
                id,
                &[("cancelled_at", now_ms().into()), ("cancel_reason", reason.into())],
            )?;
            session_in(tx, id)
        })
    }

    /// A commune's sessions, soonest first, the cancelled ones included.
    pub fn sessions(&self, commune_id: &str) -> Result<Vec<TrainingSession>> {
        self.read(|c| {
            let sql = format!("{} ORDER BY s.starts_at", select_sessions("s.commune_id = ?1"));
            Ok(c.prepare_cached(&sql)?.query_map([commune_id], session_row)?.collect::<rusqlite::Result<_>>()?)
        })
    }

    pub fn session(&self, id: &str) -> Result<Option<TrainingSession>> {
        self.read(|c| Ok(c.prepare_cached(&select_sessions("s.id = ?1"))?.query_row([id], session_row).optional()?))
    }
}
