//! Who is on a session's list and who came: listed, present, late or absent. Each mark is a
//! fact; the latest mark for a person at a session holds, so a mistaken tap is corrected by
//! tapping again.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::learning::topic::Topic;
use crate::people::directory::{PersonHit, person_hit};
use crate::people::household::HouseholdChoice;
use crate::people::profile::{NewChecked, NewProfile, Profile, profile_in};
use crate::replica::capture::new_id;
use crate::replica::schema::ATTENDANCE;
use crate::replica::store::Tx;
use crate::time::now_ms;
use crate::training::session::{open_session_in, volunteer_in};
use crate::training::skills;
use crate::validate::{Field, Invalid, Rule};
use crate::{Result, Store};

/// A person's mark at a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Attendance {
    /// On the list, not marked yet.
    Listed,
    Present,
    /// Came after the start.
    Late,
    Absent,
}

impl Attendance {
    pub fn as_str(self) -> &'static str {
        match self {
            Attendance::Listed => "listed",
            Attendance::Present => "present",
            Attendance::Late => "late",
            Attendance::Absent => "absent",
        }
    }

    pub fn parse(s: &str) -> Option<Attendance> {
        [Attendance::Listed, Attendance::Present, Attendance::Late, Attendance::Absent]
            .into_iter()
            .find(|a| a.as_str() == s)
    }

    /// Was there: present or late.
    pub fn attended(self) -> bool {
        matches!(self, Attendance::Present | Attendance::Late)
    }
}

/// Each person's current mark at each session, as `(session_id, profile_id, status, at)`: the
/// latest fact holds (by its clock, then its id, so every replica agrees), as `current.rs`
/// keeps it; a fact from before marks had a status reads as present.
pub const CURRENT: &str = "(SELECT session_id, profile_id, status, at FROM attendance_current)";

/// The statuses that count as having attended.
pub const ATTENDED: &str = "('present', 'late')";

/// A person on a session's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RosterEntry {
    pub profile_id: String,
    /// None once the person's profile was deleted.
    pub name: Option<String>,
    pub village_name: Option<String>,
    pub household_name: Option<String>,
    pub status: Attendance,
    /// When the mark was made.
    pub marked_at: i64,
    /// The basic skills checked for them at this session.
    pub skills: Vec<Topic>,
    /// Whether they have all five basic skills, over every session.
    pub all_five: bool,
}

/// The mark `profile_id` has at a session, if listed.
pub(crate) fn status_in(tx: &Tx<'_>, session_id: &str, profile_id: &str) -> Result<Option<Attendance>> {
    let status: Option<String> = tx
        .sql
        .prepare_cached(
            "SELECT coalesce(status, 'present') FROM attendance WHERE session_id = ?1 AND profile_id = ?2
             ORDER BY _hlc DESC, id DESC LIMIT 1",
        )?
        .query_row([session_id, profile_id], |r| r.get(0))
        .optional()?;
    Ok(status.as_deref().and_then(Attendance::parse))
}

/// Marks a person at a session, inside the caller's transaction; the same mark again records
/// nothing.
pub(crate) fn mark_in(tx: &mut Tx<'_>, session_id: &str, profile_id: &str, status: Attendance, by: &str) -> Result<()> {
    let session = open_session_in(tx, session_id)?;
    let person = profile_in(tx, profile_id)?;
    if person.commune_id.as_ref() != Some(&session.commune_id) {
        return Err(Invalid::new(Field::Profile, Rule::OtherCommune).into());
    }
    volunteer_in(tx, by)?;
    if status_in(tx, session_id, profile_id)? == Some(status) {
        return Ok(());
    }
    tx.insert_fact(
        &ATTENDANCE,
        &new_id(),
        &[
            ("session_id", session_id.into()),
            ("profile_id", profile_id.into()),
            ("marked_by", by.into()),
            ("at", now_ms().into()),
            ("status", status.as_str().into()),
        ],
    )
}

impl Store {
    /// Sets a person's mark at a session (by the volunteer or official `by`).
    pub fn mark_attendance(&self, session_id: &str, profile_id: &str, status: Attendance, by: &str) -> Result<()> {
        self.write(|tx| mark_in(tx, session_id, profile_id, status, by))
    }

    /// Puts a person on a session's list, leaving a mark they already have.
    pub fn add_to_session(&self, session_id: &str, profile_id: &str, by: &str) -> Result<()> {
        self.write(|tx| match status_in(tx, session_id, profile_id)? {
            Some(_) => open_session_in(tx, session_id).map(drop),
            None => mark_in(tx, session_id, profile_id, Attendance::Listed, by),
        })
    }

    /// Registers a villager at a session in one step: the profile (with the consent the
    /// volunteer read to them), the household chosen or made with them, and a mark on the
    /// session's list. All of it is written, or nothing.
    pub fn register_at_session(
        &self,
        new: &NewProfile,
        household: &HouseholdChoice,
        session_id: &str,
        status: Attendance,
        by: &str,
    ) -> Result<Profile> {
        let checked = NewChecked::check(new)?;
        self.write(|tx| {
            let session = open_session_in(tx, session_id)?;
            let profile = checked.insert(tx, household)?;
            if profile.commune_id.as_ref() != Some(&session.commune_id) {
                return Err(Invalid::new(Field::Village, Rule::OtherCommune).into());
            }
            mark_in(tx, session_id, &profile.id, status, by)?;
            Ok(profile)
        })
    }

    /// People of the session's commune who learnt on their own phones during the session (from
    /// half an hour before it to half an hour after) and are not on its list yet: the phones
    /// syncing with the volunteer's hub, for the volunteer to add with one tap.
    pub fn learning_nearby(&self, session_id: &str) -> Result<Vec<PersonHit>> {
        const MARGIN_MS: i64 = 30 * 60 * 1000;
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT p.id, p.name, p.role, p.village_id, v.name,
                        (SELECT h.head_name || coalesce(', ' || h.address, '') FROM households h
                          WHERE h.id = p.household AND h.deleted = 0),
                        p.birth_year
                 FROM training_sessions s
                 JOIN (SELECT DISTINCT l.profile_id FROM training_sessions s
                       JOIN lesson_progress l ON l.at BETWEEN s.starts_at - ?2 AND s.ends_at + ?2
                       WHERE s.id = ?1) l
                 JOIN profiles p ON p.id = l.profile_id AND p.commune_id = s.commune_id
                   AND p.deleted = 0 AND p.name IS NOT NULL
                 LEFT JOIN villages v ON v.id = p.village_id
                 WHERE s.id = ?1
                   AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id AND a.profile_id = p.id)
                 ORDER BY p.name, p.id",
            )?;
            let rows = stmt.query_map(rusqlite::params![session_id, MARGIN_MS], person_hit)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Everyone on a session's list, by name, with their mark and skills.
    pub fn roster(&self, session_id: &str) -> Result<Vec<RosterEntry>> {
        let sql = format!(
            "SELECT c.profile_id, p.name, v.name,
                    (SELECT h.head_name || coalesce(', ' || h.address, '') FROM households h
                      WHERE h.id = p.household AND h.deleted = 0),
                    c.status, c.at,
                    (SELECT json_group_array(skill) FROM (SELECT skill FROM {session_skills} k
                      WHERE k.profile_id = c.profile_id ORDER BY skill)),
                    c.profile_id IN (SELECT profile_id FROM {all_five})
             FROM (SELECT * FROM {CURRENT} WHERE session_id = ?1) c
             LEFT JOIN profiles p ON p.id = c.profile_id AND p.deleted = 0
             LEFT JOIN villages v ON v.id = p.village_id
             ORDER BY p.name IS NULL, p.name, c.profile_id",
            session_skills = skills::checked_at_session("?1"),
            all_five = skills::all_five(),
        );
        self.read(|c| {
            let mut stmt = c.prepare_cached(&sql)?;
            let rows = stmt.query_map([session_id], |r| {
                let status: String = r.get(4)?;
                let skills: String = r.get(6)?;
                Ok(RosterEntry {
                    profile_id: r.get(0)?,
                    name: r.get(1)?,
                    village_name: r.get(2)?,
                    household_name: r.get(3)?,
                    status: Attendance::parse(&status).unwrap_or(Attendance::Present),
                    marked_at: r.get(5)?,
                    skills: serde_json::from_str::<Vec<String>>(&skills)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|s| Topic::parse(s))
                        .collect(),
                    all_five: r.get(7)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }
}
