//! Everything the app holds about one person, as one JSON document they can take away: the
//! right of access and portability under the 2025 Personal Data Protection Law.

use serde::Serialize;

use crate::people::profile::Profile;
use crate::time::{VIETNAM_OFFSET_MINUTES, format_datetime, now_ms};
use crate::validate::{Field, Invalid, Rule};
use crate::{Result, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileExport {
    pub exported_at: String,
    pub profile: Profile,
    pub consent_given_at: String,
    pub village: String,
    pub commune: String,
    pub lesson_progress: Vec<ProgressRecord>,
    pub attendance: Vec<AttendanceRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgressRecord {
    pub lesson: String,
    pub kind: String,
    pub step: Option<i64>,
    pub question_id: Option<String>,
    pub correct: Option<bool>,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttendanceRecord {
    pub session: String,
    pub at: String,
}

impl Store {
    pub fn export_profile(&self, profile_id: &str) -> Result<ProfileExport> {
        let profile = self.profile(profile_id)?.ok_or(Invalid::new(Field::Profile, Rule::Unknown))?;
        let when = |ms: i64| format_datetime(ms, VIETNAM_OFFSET_MINUTES);
        self.read(|c| {
            let name_of = |sql: &str, id: &Option<String>| -> rusqlite::Result<String> {
                let Some(id) = id else { return Ok(String::new()) };
                c.prepare_cached(sql)?.query_row([id], |r| r.get::<_, Option<String>>(0)).map(Option::unwrap_or_default)
            };
            let village = name_of("SELECT name FROM villages WHERE id = ?1", &profile.village_id)?;
            let commune = name_of("SELECT name FROM communes WHERE id = ?1", &profile.commune_id)?;
            let mut stmt = c.prepare_cached(
                "SELECT coalesce(l.slug, p.lesson_id), p.kind, p.step, p.question_id, p.correct, p.at
                 FROM lesson_progress p LEFT JOIN lessons l ON l.id = p.lesson_id
                 WHERE p.profile_id = ?1 ORDER BY p.at, p.id",
            )?;
            let lesson_progress = stmt
                .query_map([profile_id], |r| {
                    Ok(ProgressRecord {
                        lesson: r.get(0)?,
                        kind: r.get(1)?,
                        step: r.get(2)?,
                        question_id: r.get(3)?,
                        correct: r.get(4)?,
                        at: when(r.get(5)?),
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut stmt = c.prepare_cached(
                "SELECT coalesce(s.title, a.session_id), a.at FROM attendance a
                 LEFT JOIN training_sessions s ON s.id = a.session_id
                 WHERE a.profile_id = ?1 ORDER BY a.at, a.id",
            )?;
            let attendance = stmt
                .query_map([profile_id], |r| Ok(AttendanceRecord { session: r.get(0)?, at: when(r.get(1)?) }))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(ProfileExport {
                exported_at: when(now_ms()),
                consent_given_at: when(profile.consent_at),
                profile: profile.clone(),
                village,
                commune,
                lesson_progress,
                attendance,
            })
        })
    }
}
