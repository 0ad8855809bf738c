//! Lessons as the catalogue shows them, and the topics they teach.

use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::Result;
use crate::i18n::DEFAULT_LANGUAGE;
use crate::pack::PackLesson;

/// What a lesson teaches: one of the five basic digital skills the Ministry asks community
/// teams to teach, or another topic a villager needs on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    PublicServices,
    OnlineShopping,
    OnlinePayments,
    OnlineSafety,
    LocalPlatforms,
    DeviceBasics,
    SellingOnline,
    Information,
}

impl Topic {
    pub const ALL: [Topic; 8] = [
        Topic::PublicServices,
        Topic::OnlineShopping,
        Topic::OnlinePayments,
        Topic::OnlineSafety,
        Topic::LocalPlatforms,
        Topic::DeviceBasics,
        Topic::SellingOnline,
        Topic::Information,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Topic::PublicServices => "public-services",
            Topic::OnlineShopping => "online-shopping",
            Topic::OnlinePayments => "online-payments",
            Topic::OnlineSafety => "online-safety",
            Topic::LocalPlatforms => "local-platforms",
            Topic::DeviceBasics => "device-basics",
            Topic::SellingOnline => "selling-online",
            Topic::Information => "information",
        }
    }

    pub fn parse(s: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Whether this is one of the five basic skills the commune dashboard counts.
    pub fn is_basic_skill(self) -> bool {
        matches!(
            self,
            Topic::PublicServices
                | Topic::OnlineShopping
                | Topic::OnlinePayments
                | Topic::OnlineSafety
                | Topic::LocalPlatforms
        )
    }

    /// The Fluent id of the topic's name.
    pub fn message_id(self) -> String {
        format!("topic-{}", self.as_str())
    }
}

/// One lesson in the catalogue, in the language asked for (or Vietnamese where a
/// translation is missing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LessonCard {
    pub id: String,
    pub slug: String,
    pub topic: Topic,
    pub level: u8,
    pub minutes: u16,
    pub steps: u16,
    pub title: String,
    pub summary: String,
}

const CATALOGUE_SQL: &str = "
SELECT l.id, l.slug, l.topic, l.level, l.minutes,
       (SELECT count(*) FROM lesson_steps s WHERE s.lesson_id = l.id AND s.lang = ?2),
       coalesce(t.title, d.title), coalesce(t.summary, d.summary)
FROM lessons l
JOIN lesson_texts d ON d.lesson_id = l.id AND d.lang = ?2
LEFT JOIN lesson_texts t ON t.lesson_id = l.id AND t.lang = ?1
ORDER BY l.position, l.slug";

pub(crate) fn list_cards(conn: &Connection, lang: &str) -> Result<Vec<LessonCard>> {
    let mut stmt = conn.prepare_cached(CATALOGUE_SQL)?;
    let rows = stmt.query_map(params![lang, DEFAULT_LANGUAGE], |r| {
        let topic: String = r.get(2)?;
        Ok(LessonCard {
            id: r.get(0)?,
            slug: r.get(1)?,
            topic: Topic::parse(&topic).ok_or_else(|| {
                rusqlite::Error::FromSqlConversionFailure(
                    2,
                    rusqlite::types::Type::Text,
                    format!("unknown topic {topic:?}").into(),
                )
            })?,
            level: r.get(3)?,
            minutes: r.get(4)?,
            steps: r.get(5)?,
            title: r.get(6)?,
            summary: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How installing a lesson changed the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Installed {
    Added,
    Upgraded,
    Unchanged,
}

/// Writes `lesson` at catalogue `position` unless the store already holds this version or
/// a newer one; published lessons are read-only on devices, so a newer version replaces all
/// of its texts and steps.
pub(crate) fn install(
    tx: &Transaction<'_>,
    lesson: &PackLesson,
    position: usize,
) -> Result<Installed> {
    let stored: Option<u32> = tx
        .query_row(
            "SELECT version FROM lessons WHERE id = ?1",
            [&lesson.id],
            |r| r.get(0),
        )
        .map(Some)
        .or_else(|e| {
            if e == rusqlite::Error::QueryReturnedNoRows {
                Ok(None)
            } else {
                Err(e)
            }
        })?;
    tx.execute(
        "UPDATE lessons SET position = ?2 WHERE id = ?1",
        params![lesson.id, position],
    )?;
    if stored.is_some_and(|v| v >= lesson.version) {
        return Ok(Installed::Unchanged);
    }
    tx.execute(
        "INSERT INTO lessons (id, slug, version, position, topic, level, minutes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET slug = excluded.slug, version = excluded.version,
           position = excluded.position, topic = excluded.topic, level = excluded.level,
           minutes = excluded.minutes",
        params![
            lesson.id,
            lesson.slug,
            lesson.version,
            position,
            lesson.topic.as_str(),
            lesson.level,
            lesson.minutes
        ],
    )?;
    tx.execute(
        "DELETE FROM lesson_texts WHERE lesson_id = ?1",
        [&lesson.id],
    )?;
    tx.execute(
        "DELETE FROM lesson_steps WHERE lesson_id = ?1",
        [&lesson.id],
    )?;
    for (lang, title) in &lesson.title {
        let summary = lesson
            .summary
            .get(lang)
            .map(String::as_str)
            .unwrap_or_default();
        tx.execute(
            "INSERT INTO lesson_texts (lesson_id, lang, title, summary) VALUES (?1, ?2, ?3, ?4)",
            params![lesson.id, lang, title, summary],
        )?;
    }
    for (position, step) in lesson.steps.iter().enumerate() {
        for (lang, body) in &step.text {
            tx.execute(
                "INSERT INTO lesson_steps (lesson_id, position, lang, body) VALUES (?1, ?2, ?3, ?4)",
                params![lesson.id, position, lang, body],
            )?;
        }
    }
    Ok(if stored.is_some() {
        Installed::Upgraded
    } else {
        Installed::Added
    })
}
