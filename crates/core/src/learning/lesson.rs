//! Lessons as the catalogue shows them.

use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;
use ts_rs::TS;

use crate::i18n::{DEFAULT_LANGUAGE, Localizer};
use crate::learning::pack::{Pack, StoredQuizNarration, StoredStep, Texts};
use crate::learning::topic::Topic;
use crate::replica::merge::ApplyReport;
use crate::{Result, Store};

/// One lesson in the catalogue, in the language asked for (or Vietnamese where a
/// translation is missing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LessonCard {
    pub id: String,
    pub slug: String,
    pub version: u32,
    pub topic: Topic,
    pub level: u8,
    pub minutes: u16,
    pub steps: u16,
    pub title: String,
    pub summary: String,
}

/// A lesson to take: its steps and its quiz, without the answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Lesson {
    pub card: LessonCard,
    pub steps: Vec<StepView>,
    pub quiz: Vec<QuestionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "Step")]
pub struct StepView {
    pub text: String,
    /// The step's picture; none until sync has brought its bytes.
    pub illustration: Option<AssetRef>,
    /// The step read aloud in the language asked for (else Vietnamese).
    pub narration: Option<AssetRef>,
}

/// A blob held here, to fetch by hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AssetRef {
    pub hash: String,
    pub mime: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "Question")]
pub struct QuestionView {
    pub id: String,
    pub prompt: String,
    pub choices: Vec<String>,
    /// The question read aloud in the language asked for (else Vietnamese).
    pub narration: Option<AssetRef>,
    /// Each choice read aloud, in the order of `choices`.
    pub choice_narrations: Vec<Option<AssetRef>>,
}

/// A lesson is listed once sync has brought every column the catalogue shows.
const COMPLETE: &str = "deleted = 0 AND slug IS NOT NULL AND version IS NOT NULL AND topic IS NOT NULL
    AND level IS NOT NULL AND minutes IS NOT NULL AND title IS NOT NULL AND summary IS NOT NULL AND steps IS NOT NULL";

fn card_sql(filter: &str) -> String {
    format!(
        "SELECT id, slug, version, topic, level, minutes, json_array_length(steps),
           coalesce(json_extract(title, '$.' || ?1), json_extract(title, '$.' || ?2)),
           coalesce(json_extract(summary, '$.' || ?1), json_extract(summary, '$.' || ?2))
         FROM lessons WHERE {COMPLETE} {filter}"
    )
}

fn card_row(r: &Row<'_>) -> rusqlite::Result<LessonCard> {
    let topic: String = r.get(3)?;
    Ok(LessonCard {
        id: r.get(0)?,
        slug: r.get(1)?,
        version: r.get(2)?,
        topic: Topic::parse(&topic).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, format!("topic {topic:?}").into())
        })?,
        level: r.get(4)?,
        minutes: r.get(5)?,
        steps: r.get(6)?,
        title: r.get(7)?,
        summary: r.get(8)?,
    })
}

/// The blob `hash` if its bytes are here.
pub(crate) fn asset_ref(c: &rusqlite::Connection, hash: Option<&String>) -> rusqlite::Result<Option<AssetRef>> {
    let Some(hash) = hash else { return Ok(None) };
    c.prepare_cached("SELECT mime FROM blobs WHERE hash = ?1 AND data IS NOT NULL")?
        .query_row([hash], |r| Ok(AssetRef { hash: hash.clone(), mime: r.get(0)? }))
        .optional()
}

/// `language` if the app speaks it, else Vietnamese (also safe to splice into a JSON path).
pub(crate) fn known_language(language: &str) -> &str {
    if Localizer::embedded().has_language(language) { language } else { DEFAULT_LANGUAGE }
}

/// The sound of `sounds` in `language`, else Vietnamese, if its bytes are here.
pub(crate) fn voice(c: &rusqlite::Connection, sounds: &Texts, language: &str) -> rusqlite::Result<Option<AssetRef>> {
    asset_ref(c, sounds.get(language).or_else(|| sounds.get(DEFAULT_LANGUAGE)))
}

/// A quiz question's stored sounds; none for a question from a pack older than them.
pub(crate) fn quiz_narration(stored: Option<&str>) -> StoredQuizNarration {
    stored.and_then(|json| serde_json::from_str(json).ok()).unwrap_or_default()
}

/// Text in `language`, else Vietnamese, else any.
pub(crate) fn pick(texts: &Texts, language: &str) -> String {
    texts
        .get(language)
        .or_else(|| texts.get(DEFAULT_LANGUAGE))
        .or_else(|| texts.values().next())
        .cloned()
        .unwrap_or_default()
}

impl Store {
    /// The lesson catalogue in `language`, in pack order.
    pub fn catalogue(&self, language: &str) -> Result<Vec<LessonCard>> {
        let language = known_language(language);
        self.read(|c| {
            let mut stmt = c.prepare_cached(&card_sql("ORDER BY position, slug"))?;
            Ok(stmt.query_map(params![language, DEFAULT_LANGUAGE], card_row)?.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// One lesson with its steps and quiz in `language`.
    pub fn lesson(&self, id: &str, language: &str) -> Result<Option<Lesson>> {
        let language = known_language(language);
        self.read(|c| {
            let Some(card) =
                c.prepare_cached(&card_sql("AND id = ?3"))?.query_row(params![language, DEFAULT_LANGUAGE, id], card_row).optional()?
            else {
                return Ok(None);
            };
            let steps: String = c.query_row("SELECT steps FROM lessons WHERE id = ?1", [id], |r| r.get(0))?;
            let steps: Vec<StoredStep> = serde_json::from_str(&steps).unwrap_or_default();
            let mut stmt = c.prepare_cached(
                "SELECT id, prompt, choices, narration FROM quiz_questions
                 WHERE lesson_id = ?1 AND deleted = 0 AND prompt IS NOT NULL AND choices IS NOT NULL AND correct IS NOT NULL
                 ORDER BY position",
            )?;
            let rows = stmt
                .query_map([id], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<String>>(3)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let quiz = rows
                .into_iter()
                .map(|(id, prompt, choices, narration)| {
                    let prompt: Texts = serde_json::from_str(&prompt).unwrap_or_default();
                    let choices: Vec<Texts> = serde_json::from_str(&choices).unwrap_or_default();
                    let sounds = quiz_narration(narration.as_deref());
                    let choice_narrations = (0..choices.len())
                        .map(|i| sounds.choices.get(i).map_or(Ok(None), |s| voice(c, s, language)))
                        .collect::<rusqlite::Result<_>>()?;
                    Ok(QuestionView {
                        id,
                        prompt: pick(&prompt, language),
                        choices: choices.iter().map(|c| pick(c, language)).collect(),
                        narration: voice(c, &sounds.question, language)?,
                        choice_narrations,
                    })
                })
                .collect::<rusqlite::Result<_>>()?;
            let steps = steps
                .iter()
                .map(|s| {
                    Ok(StepView {
                        text: pick(&s.text, language),
                        illustration: asset_ref(c, s.illustration.as_ref())?,
                        narration: voice(c, &s.narration, language)?,
                    })
                })
                .collect::<rusqlite::Result<_>>()?;
            Ok(Some(Lesson { card, steps, quiz }))
        })
    }

    /// Installs a lesson pack as the publisher's changes: new and newer lessons land, the
    /// rest is a no-op, all in one transaction.
    pub fn install_pack(&self, pack: &Pack) -> Result<ApplyReport> {
        self.put_blobs(pack.assets.values().map(|a| (a.bytes.as_slice(), a.mime)))?;
        self.apply(&pack.changes())
    }
}
