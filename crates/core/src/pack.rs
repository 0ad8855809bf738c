//! The lesson pack: published lessons as files (`pack.toml` plus one `<slug>/lesson.toml`
//! per lesson), parsed and checked before anything reaches the store.
//! The format is described in `assets/lessons/README.md`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::change::{Change, ChangeBody};
use crate::clock::Stamp;
use crate::i18n::{Localizer, Value};
use crate::lesson::Topic;
use crate::value::Value as Cell;

/// Languages every lesson must be written in; other languages are optional.
pub const REQUIRED_LANGUAGES: [&str; 2] = ["vi", "en"];

const TITLE_MAX_CHARS: usize = 80;
const SUMMARY_MAX_CHARS: usize = 240;
const STEP_MAX_CHARS: usize = 1200;
const STEPS: std::ops::RangeInclusive<usize> = 4..=8;
const LEVELS: std::ops::RangeInclusive<u8> = 1..=3;
const MINUTES: std::ops::RangeInclusive<u16> = 1..=60;
const QUESTIONS: std::ops::RangeInclusive<usize> = 0..=5;
const CHOICES: std::ops::RangeInclusive<usize> = 2..=5;

/// Texts of one field, by language.
pub type Texts = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    /// The node id under which the pack's lessons are published: every replica that installs
    /// the pack, bundled or synced, holds the same changes.
    pub publisher: Uuid,
    /// Raised on every change to the pack; it is the clock of every lesson it publishes.
    pub version: u32,
    pub lessons: Vec<PackLesson>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackLesson {
    #[serde(skip)]
    pub slug: String,
    pub id: String,
    pub version: u32,
    pub topic: Topic,
    pub level: u8,
    pub minutes: u16,
    pub title: Texts,
    pub summary: Texts,
    pub steps: Vec<PackStep>,
    #[serde(default)]
    pub quiz: Vec<PackQuestion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackStep {
    pub text: Texts,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackQuestion {
    pub id: String,
    pub question: Texts,
    pub choices: Vec<PackChoice>,
    pub explanation: Texts,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackChoice {
    pub text: Texts,
    #[serde(default)]
    pub correct: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    publisher: Uuid,
    version: u32,
    lessons: Vec<String>,
}

/// Why a pack was refused. `file` is relative to the pack folder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    #[error("{file}: file is missing")]
    Missing { file: String },
    #[error("{file}: {detail}")]
    Syntax { file: String, detail: String },
    #[error("{file}: {field} has no {language} text")]
    MissingTranslation { file: String, field: String, language: String },
    #[error("{file}: {field} is in language {language:?}, which has no locales/ folder")]
    UnknownLanguage { file: String, field: String, language: String },
    #[error("{file}: {field} is empty or too long")]
    BadText { file: String, field: String },
    #[error("{file}: {field} is out of range")]
    OutOfRange { file: String, field: String },
    #[error("{file}: id {id:?} is not a UUIDv7")]
    BadId { file: String, id: String },
    #[error("{file}: {value:?} is used twice")]
    Duplicate { file: String, value: String },
    #[error("{file}: question {question} needs exactly one correct choice")]
    CorrectChoice { file: String, question: usize },
}

impl PackError {
    pub fn message_id(&self) -> &'static str {
        match self {
            PackError::Missing { .. } => "pack-error-missing",
            PackError::Syntax { .. } => "pack-error-syntax",
            PackError::MissingTranslation { .. } => "pack-error-missing-translation",
            PackError::UnknownLanguage { .. } => "pack-error-unknown-language",
            PackError::BadText { .. } => "pack-error-bad-text",
            PackError::OutOfRange { .. } => "pack-error-out-of-range",
            PackError::BadId { .. } => "pack-error-bad-id",
            PackError::Duplicate { .. } => "pack-error-duplicate",
            PackError::CorrectChoice { .. } => "pack-error-correct-choice",
        }
    }

    pub fn localize(&self, l10n: &Localizer, lang: &str) -> String {
        let s = |v: &str| Value::from(v.to_owned());
        let args: Vec<(&str, Value<'_>)> = match self {
            PackError::Missing { file } => vec![("file", s(file))],
            PackError::Syntax { file, detail } => vec![("file", s(file)), ("detail", s(detail))],
            PackError::MissingTranslation { file, field, language }
            | PackError::UnknownLanguage { file, field, language } => {
                vec![("file", s(file)), ("field", s(field)), ("language", s(language))]
            }
            PackError::BadText { file, field } | PackError::OutOfRange { file, field } => {
                vec![("file", s(file)), ("field", s(field))]
            }
            PackError::BadId { file, id } => vec![("file", s(file)), ("id", s(id))],
            PackError::Duplicate { file, value } => vec![("file", s(file)), ("value", s(value))],
            PackError::CorrectChoice { file, question } => {
                vec![("file", s(file)), ("question", Value::from(*question))]
            }
        };
        l10n.format(lang, self.message_id(), &args)
    }
}

impl Pack {
    /// Reads a pack through `read`, which returns the text of a file given its path relative
    /// to the pack folder (the app reads its embedded copy, the server a folder on disk).
    pub fn load(read: impl Fn(&str) -> Option<String>) -> Result<Pack, PackError> {
        let manifest: Manifest = parse(&read, "pack.toml")?;
        let mut lessons = Vec::with_capacity(manifest.lessons.len());
        let mut seen = BTreeSet::new();
        for slug in manifest.lessons {
            let file = format!("{slug}/lesson.toml");
            if !is_slug(&slug) {
                return Err(PackError::Syntax { file: "pack.toml".into(), detail: format!("bad slug {slug:?}") });
            }
            let mut lesson: PackLesson = parse(&read, &file)?;
            for value in [&slug, &lesson.id].into_iter().chain(lesson.quiz.iter().map(|q| &q.id)) {
                if !seen.insert(value.clone()) {
                    return Err(PackError::Duplicate { file: file.clone(), value: value.clone() });
                }
            }
            lesson.slug = slug;
            check_lesson(&lesson, &file)?;
            lessons.push(lesson);
        }
        if manifest.version == 0 {
            return Err(PackError::OutOfRange { file: "pack.toml".into(), field: "version".into() });
        }
        Ok(Pack { publisher: manifest.publisher, version: manifest.version, lessons })
    }

    /// The pack as changes from its publisher, stamped with the pack version: installing it
    /// is an ordinary merge, so a newer pack wins column by column and an older one is a
    /// no-op.
    pub fn changes(&self) -> Vec<Change> {
        let stamp = Stamp { hlc: u64::from(self.version), node: self.publisher };
        let mut changes = Vec::new();
        let mut column = |table: &str, row: &str, column: &str, value: Cell| {
            changes.push(Change {
                table: table.to_owned(),
                row: row.to_owned(),
                stamp,
                body: ChangeBody::Column { column: column.to_owned(), value },
            });
        };
        for (position, l) in self.lessons.iter().enumerate() {
            let languages: Vec<&String> = l.title.keys().collect();
            for (name, value) in [
                ("slug", Cell::from(l.slug.as_str())),
                ("version", Cell::Int(i64::from(l.version))),
                ("position", Cell::Int(position as i64)),
                ("topic", Cell::from(l.topic.as_str())),
                ("level", Cell::Int(i64::from(l.level))),
                ("minutes", Cell::Int(i64::from(l.minutes))),
                ("languages", json(&languages)),
                ("title", json(&l.title)),
                ("summary", json(&l.summary)),
                ("steps", json(&l.steps)),
                ("deleted", Cell::Int(0)),
            ] {
                column("lessons", &l.id, name, value);
            }
            for (position, q) in l.quiz.iter().enumerate() {
                let choices: Vec<&Texts> = q.choices.iter().map(|c| &c.text).collect();
                let correct = q.choices.iter().position(|c| c.correct).unwrap_or_default();
                for (name, value) in [
                    ("lesson_id", Cell::from(l.id.as_str())),
                    ("position", Cell::Int(position as i64)),
                    ("prompt", json(&q.question)),
                    ("choices", json(&choices)),
                    ("correct", Cell::Int(correct as i64)),
                    ("explanation", json(&q.explanation)),
                    ("deleted", Cell::Int(0)),
                ] {
                    column("quiz_questions", &q.id, name, value);
                }
            }
        }
        changes
    }
}

/// A structured field as the JSON text its column holds.
fn json<T: Serialize>(value: &T) -> Cell {
    Cell::Text(serde_json::to_string(value).unwrap_or_default())
}

fn parse<T: serde::de::DeserializeOwned>(read: &impl Fn(&str) -> Option<String>, file: &str) -> Result<T, PackError> {
    let text = read(file).ok_or_else(|| PackError::Missing { file: file.into() })?;
    toml::from_str(&text).map_err(|e| PackError::Syntax { file: file.into(), detail: e.message().to_owned() })
}

fn check_lesson(lesson: &PackLesson, file: &str) -> Result<(), PackError> {
    if !is_uuid_v7(&lesson.id) {
        return Err(PackError::BadId { file: file.into(), id: lesson.id.clone() });
    }
    let out_of_range = |field: &str| PackError::OutOfRange { file: file.into(), field: field.into() };
    if !LEVELS.contains(&lesson.level) {
        return Err(out_of_range("level"));
    }
    if !MINUTES.contains(&lesson.minutes) {
        return Err(out_of_range("minutes"));
    }
    if lesson.version == 0 {
        return Err(out_of_range("version"));
    }
    if !STEPS.contains(&lesson.steps.len()) {
        return Err(out_of_range("steps"));
    }
    check_texts(&lesson.title, file, "title", TITLE_MAX_CHARS)?;
    check_texts(&lesson.summary, file, "summary", SUMMARY_MAX_CHARS)?;
    for (i, step) in lesson.steps.iter().enumerate() {
        check_texts(&step.text, file, &format!("steps[{}].text", i + 1), STEP_MAX_CHARS)?;
    }
    if !QUESTIONS.contains(&lesson.quiz.len()) {
        return Err(out_of_range("quiz"));
    }
    for (i, q) in lesson.quiz.iter().enumerate() {
        let n = i + 1;
        if !is_uuid_v7(&q.id) {
            return Err(PackError::BadId { file: file.into(), id: q.id.clone() });
        }
        check_texts(&q.question, file, &format!("quiz[{n}].question"), SUMMARY_MAX_CHARS)?;
        check_texts(&q.explanation, file, &format!("quiz[{n}].explanation"), STEP_MAX_CHARS)?;
        if !CHOICES.contains(&q.choices.len()) {
            return Err(out_of_range(&format!("quiz[{n}].choices")));
        }
        for (j, c) in q.choices.iter().enumerate() {
            check_texts(&c.text, file, &format!("quiz[{n}].choices[{}]", j + 1), TITLE_MAX_CHARS)?;
        }
        if q.choices.iter().filter(|c| c.correct).count() != 1 {
            return Err(PackError::CorrectChoice { file: file.into(), question: n });
        }
    }
    Ok(())
}

fn check_texts(texts: &Texts, file: &str, field: &str, max_chars: usize) -> Result<(), PackError> {
    for language in REQUIRED_LANGUAGES {
        if !texts.contains_key(language) {
            return Err(PackError::MissingTranslation {
                file: file.into(),
                field: field.into(),
                language: language.into(),
            });
        }
    }
    for (language, text) in texts {
        if !Localizer::embedded().has_language(language) {
            return Err(PackError::UnknownLanguage {
                file: file.into(),
                field: field.into(),
                language: language.clone(),
            });
        }
        let chars = text.trim().chars().count();
        if chars == 0 || chars > max_chars {
            return Err(PackError::BadText { file: file.into(), field: format!("{field}.{language}") });
        }
    }
    Ok(())
}

fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `xxxxxxxx-xxxx-7xxx-[89ab]xxx-xxxxxxxxxxxx`, lower-case hex.
fn is_uuid_v7(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(c),
        })
        && b[14] == b'7'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUBLISHER: &str = "publisher = \"01a20b0a-0000-7000-8000-000000000000\"\n";

    const GOOD_LESSON: &str = r#"
id = "019ab3f0-0000-7000-8000-000000000001"
version = 1
topic = "online-safety"
level = 1
minutes = 5
title = { vi = "Cuộc gọi lừa đảo", en = "Scam calls" }
summary = { vi = "Nhận ra kẻ gian", en = "Spot a scammer" }
[[steps]]
text = { vi = "Một", en = "One" }
[[steps]]
text = { vi = "Hai", en = "Two" }
[[steps]]
text = { vi = "Ba", en = "Three" }
[[steps]]
text = { vi = "Bốn", en = "Four" }
[[quiz]]
id = "019ab3f0-0000-7000-8000-000000000002"
question = { vi = "Ai được biết mã OTP?", en = "Who may know your OTP?" }
explanation = { vi = "Chỉ mình bạn.", en = "Only you." }
[[quiz.choices]]
text = { vi = "Công an", en = "The police" }
[[quiz.choices]]
text = { vi = "Chỉ mình tôi", en = "Only me" }
correct = true
"#;

    fn pack_with(lesson: &str) -> Result<Pack, PackError> {
        let lesson = lesson.to_owned();
        Pack::load(move |path| match path {
            "pack.toml" => Some(format!("{PUBLISHER}version = 1\nlessons = [\"scam-calls\"]")),
            "scam-calls/lesson.toml" => Some(lesson.clone()),
            _ => None,
        })
    }

    #[test]
    fn a_good_pack_loads() {
        let pack = pack_with(GOOD_LESSON).expect("valid pack");
        assert_eq!(pack.lessons.len(), 1);
        assert_eq!(pack.lessons[0].slug, "scam-calls");
        assert_eq!(pack.lessons[0].title["vi"], "Cuộc gọi lừa đảo");
    }

    #[test]
    fn bad_packs_are_refused_with_the_reason() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "missing English title",
                r#"title = { vi = "Cuộc gọi lừa đảo", en = "Scam calls" }"#,
                r#"title = { vi = "Cuộc gọi lừa đảo" }"#,
            ),
            ("unknown language", r#"en = "Spot a scammer""#, r#"en = "Spot a scammer", zz = "?""#),
            ("empty step", r#"text = { vi = "Ba", en = "Three" }"#, r#"text = { vi = "  ", en = "Three" }"#),
            ("level out of range", "level = 1", "level = 9"),
            ("zero minutes", "minutes = 5", "minutes = 0"),
            ("uuid v4 id", "7000-8000", "4000-8000"),
            ("unknown topic", "online-safety", "astrology"),
            ("unknown field", "level = 1", "level = 1\ncolour = \"red\""),
            ("not toml", "version = 1", "version = = 1"),
            (
                "two correct choices",
                r#"text = { vi = "Công an", en = "The police" }"#,
                "text = { vi = \"Công an\", en = \"The police\" }\ncorrect = true",
            ),
            (
                "quiz without English",
                r#"question = { vi = "Ai được biết mã OTP?", en = "Who may know your OTP?" }"#,
                r#"question = { vi = "Ai được biết mã OTP?" }"#,
            ),
            (
                "two correct choices",
                "text = { vi = \"Công an\", en = \"The police\" }",
                "text = { vi = \"Công an\", en = \"The police\" }\ncorrect = true",
            ),
            (
                "quiz without English",
                "question = { vi = \"Ai được biết mã OTP?\", en = \"Who may know your OTP?\" }",
                "question = { vi = \"Ai được biết mã OTP?\" }",
            ),
        ];
        for (what, from, to) in cases {
            let lesson = GOOD_LESSON.replacen(from, to, 1);
            assert_ne!(lesson, GOOD_LESSON, "case {what} did not change the lesson");
            let err = pack_with(&lesson).expect_err(what);
            let message = err.localize(Localizer::embedded(), "vi");
            assert!(message.contains("scam-calls/lesson.toml"), "{what}: {message}");
            assert!(!message.starts_with('['), "{what}: message id missing: {message}");
        }
    }

    #[test]
    fn too_few_steps_and_missing_files_are_refused() {
        let without_quiz = GOOD_LESSON.split_once("[[quiz]]").map(|(head, _)| head.to_owned()).unwrap_or_default();
        let three_steps = without_quiz.rsplit_once("[[steps]]").map(|(head, _)| head.to_owned()).unwrap_or_default();
        assert!(matches!(pack_with(&three_steps), Err(PackError::OutOfRange { field, .. }) if field == "steps"));
        let missing =
            Pack::load(|p| (p == "pack.toml").then(|| format!("{PUBLISHER}version = 1\nlessons = [\"gone\"]")));
        assert_eq!(missing, Err(PackError::Missing { file: "gone/lesson.toml".into() }));
    }

    #[test]
    fn a_lesson_listed_twice_is_refused() {
        let lesson = GOOD_LESSON.to_owned();
        let twice = Pack::load(move |path| match path {
            "pack.toml" => Some(format!("{PUBLISHER}version = 1\nlessons = [\"a\", \"b\"]")),
            _ => Some(lesson.clone()),
        });
        assert!(matches!(twice, Err(PackError::Duplicate { .. })));
    }
}
