//! The lesson pack: published lessons as files (`pack.toml` plus one `<slug>/lesson.toml`
//! per lesson), parsed and checked before anything reaches the store.
//! The format is described in `assets/lessons/README.md`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::i18n::{Arg, Localizer};
use crate::learning::topic::Topic;
use crate::replica::blob::{self, MAX_BLOB_BYTES};
use crate::replica::change::{Change, ChangeBody};
use crate::replica::clock::Stamp;
use crate::replica::value::Value;

/// Languages every lesson must be written in; other languages are optional.
pub const REQUIRED_LANGUAGES: [&str; 2] = ["vi", "en"];

const TITLE_MAX_CHARS: usize = 80;
const SUMMARY_MAX_CHARS: usize = 240;
const STEP_MAX_CHARS: usize = 1200;
const STEPS: std::ops::RangeInclusive<usize> = 4..=8;
const LEVELS: std::ops::RangeInclusive<u8> = 1..=3;
const MINUTES: std::ops::RangeInclusive<u16> = 1..=60;
const QUESTIONS: std::ops::RangeInclusive<usize> = 3..=5;
const CHOICES: std::ops::RangeInclusive<usize> = 2..=5;
/// The least number of lessons that teach each of the five basic skills.
pub const LESSONS_PER_SKILL: usize = 3;

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
    /// The pictures and sounds the lessons refer to, by path relative to the pack folder.
    pub assets: BTreeMap<String, Asset>,
    /// The publisher's Ed25519 signature of the pack's changes (`pack.sig`, in hex), which
    /// `langso_sync::envelope` checks; `None` for an unsigned pack.
    pub signature: Option<Vec<u8>>,
}

/// A file of the pack that goes into the store as a blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub hash: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
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

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackStep {
    pub text: Texts,
    /// The step's picture, relative to the lesson folder.
    pub illustration: String,
    /// The step read aloud, per language, relative to the lesson folder.
    pub narration: Texts,
}

/// A step as `lessons.steps` stores it: files are named by the hash of their blob.
/// Steps synced from a pack older than illustrations have none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredStep {
    pub text: Texts,
    #[serde(default)]
    pub illustration: Option<String>,
    #[serde(default)]
    pub narration: Texts,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackQuestion {
    pub id: String,
    pub question: Texts,
    /// The question read aloud, per language, relative to the lesson folder.
    pub narration: Texts,
    pub choices: Vec<PackChoice>,
    pub explanation: Texts,
    pub explanation_narration: Texts,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackChoice {
    pub text: Texts,
    pub narration: Texts,
    #[serde(default)]
    pub correct: bool,
}

/// A quiz question's sounds as `quiz_questions.narration` stores them: blob hashes by
/// language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredQuizNarration {
    #[serde(default)]
    pub question: Texts,
    #[serde(default)]
    pub choices: Vec<Texts>,
    #[serde(default)]
    pub explanation: Texts,
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
    #[error("pack.toml: the basic skill {topic} has {lessons} lessons, fewer than {needed}")]
    TooFewLessons { topic: String, lessons: usize, needed: usize },
    #[error(
        "{file}: {field} refers to {path:?}, which is missing, too big, outside the lesson folder or of an unknown type"
    )]
    BrokenAsset { file: String, field: String, path: String },
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
            PackError::TooFewLessons { .. } => "pack-error-too-few-lessons",
            PackError::BrokenAsset { .. } => "pack-error-broken-asset",
        }
    }

    pub fn localize(&self, l10n: &Localizer, lang: &str) -> String {
        let s = |v: &str| Arg::from(v.to_owned());
        let args: Vec<(&str, Arg<'_>)> = match self {
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
                vec![("file", s(file)), ("question", Arg::from(*question))]
            }
            PackError::BrokenAsset { file, field, path } => {
                vec![("file", s(file)), ("field", s(field)), ("path", s(path))]
            }
            PackError::TooFewLessons { topic, lessons, needed } => {
                vec![("topic", s(topic)), ("lessons", Arg::from(*lessons)), ("needed", Arg::from(*needed))]
            }
        };
        l10n.format(lang, self.message_id(), &args)
    }
}

impl Pack {
    /// Reads a pack through `read`, which returns the bytes of a file given its path relative
    /// to the pack folder (the app reads its embedded copy, the server a folder on disk).
    pub fn load(read: impl Fn(&str) -> Option<Vec<u8>>) -> Result<Pack, PackError> {
        let manifest: Manifest = parse(&read, "pack.toml")?;
        let mut lessons = Vec::with_capacity(manifest.lessons.len());
        let mut assets = BTreeMap::new();
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
            check_lesson(&lesson, &file)?;
            load_assets(&lesson, &slug, &file, &read, &mut assets)?;
            lesson.slug = slug;
            lessons.push(lesson);
        }
        if manifest.version == 0 {
            return Err(PackError::OutOfRange { file: "pack.toml".into(), field: "version".into() });
        }
        check_coverage(&lessons)?;
        let signature = match read("pack.sig") {
            None => None,
            Some(bytes) => Some(
                std::str::from_utf8(&bytes)
                    .ok()
                    .and_then(|text| crate::replica::identity::from_hex(text.trim()))
                    .ok_or_else(|| PackError::Syntax {
                        file: "pack.sig".into(),
                        detail: "not a hex signature".into(),
                    })?,
            ),
        };
        Ok(Pack { publisher: manifest.publisher, version: manifest.version, lessons, assets, signature })
    }

    /// A pack read from a folder on disk.
    pub fn from_dir(dir: &std::path::Path) -> Result<Pack, PackError> {
        Pack::load(|path| std::fs::read(dir.join(path)).ok())
    }

    /// The hash of the blob behind a path of `lesson`'s folder.
    fn asset_hash(&self, lesson: &PackLesson, path: &str) -> Option<String> {
        self.assets.get(&format!("{}/{path}", lesson.slug)).map(|a| a.hash.clone())
    }

    fn stored_steps(&self, lesson: &PackLesson) -> Vec<StoredStep> {
        lesson
            .steps
            .iter()
            .map(|step| StoredStep {
                text: step.text.clone(),
                illustration: self.asset_hash(lesson, &step.illustration),
                narration: self.hashes(lesson, &step.narration),
            })
            .collect()
    }

    /// The blob hashes behind each language's file of `paths`.
    fn hashes(&self, lesson: &PackLesson, paths: &Texts) -> Texts {
        paths.iter().filter_map(|(lang, path)| Some((lang.clone(), self.asset_hash(lesson, path)?))).collect()
    }

    fn stored_quiz_narration(&self, lesson: &PackLesson, q: &PackQuestion) -> StoredQuizNarration {
        StoredQuizNarration {
            question: self.hashes(lesson, &q.narration),
            choices: q.choices.iter().map(|c| self.hashes(lesson, &c.narration)).collect(),
            explanation: self.hashes(lesson, &q.explanation_narration),
        }
    }

    /// The pack as changes from its publisher, stamped with the pack version: installing it
    /// is an ordinary merge, so a newer pack wins column by column and an older one is a
    /// no-op.
    pub fn changes(&self) -> Vec<Change> {
        let stamp = Stamp { hlc: u64::from(self.version), node: self.publisher };
        let mut changes = Vec::new();
        let mut column = |table: &str, row: &str, column: &str, value: Value| {
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
                ("slug", Value::from(l.slug.as_str())),
                ("version", Value::Int(i64::from(l.version))),
                ("position", Value::Int(position as i64)),
                ("topic", Value::from(l.topic.as_str())),
                ("level", Value::Int(i64::from(l.level))),
                ("minutes", Value::Int(i64::from(l.minutes))),
                ("languages", json(&languages)),
                ("title", json(&l.title)),
                ("summary", json(&l.summary)),
                ("steps", json(&self.stored_steps(l))),
                ("deleted", Value::Int(0)),
            ] {
                column("lessons", &l.id, name, value);
            }
            for (position, q) in l.quiz.iter().enumerate() {
                let choices: Vec<&Texts> = q.choices.iter().map(|c| &c.text).collect();
                let correct = q.choices.iter().position(|c| c.correct).unwrap_or_default();
                for (name, value) in [
                    ("lesson_id", Value::from(l.id.as_str())),
                    ("position", Value::Int(position as i64)),
                    ("prompt", json(&q.question)),
                    ("choices", json(&choices)),
                    ("correct", Value::Int(correct as i64)),
                    ("explanation", json(&q.explanation)),
                    ("narration", json(&self.stored_quiz_narration(l, q))),
                    ("deleted", Value::Int(0)),
                ] {
                    column("quiz_questions", &q.id, name, value);
                }
            }
        }
        changes
    }
}

/// A structured field as the JSON text its column holds.
fn json<T: Serialize>(value: &T) -> Value {
    Value::Text(serde_json::to_string(value).unwrap_or_default())
}

fn parse<T: serde::de::DeserializeOwned>(read: &impl Fn(&str) -> Option<Vec<u8>>, file: &str) -> Result<T, PackError> {
    let bytes = read(file).ok_or_else(|| PackError::Missing { file: file.into() })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| PackError::Syntax { file: file.into(), detail: "not UTF-8 text".into() })?;
    toml::from_str(&text).map_err(|e| PackError::Syntax { file: file.into(), detail: e.message().to_owned() })
}

/// What a step's file may be, by the end of its name.
const PICTURES: [(&str, &str); 4] =
    [(".svg", "image/svg+xml"), (".png", "image/png"), (".webp", "image/webp"), (".jpg", "image/jpeg")];
const SOUNDS: [(&str, &str); 3] = [(".opus", "audio/ogg"), (".ogg", "audio/ogg"), (".mp3", "audio/mpeg")];

/// Reads the files `lesson`'s steps refer to into `assets`, refusing a missing, oversized,
/// untyped or escaping one.
fn load_assets(
    lesson: &PackLesson,
    slug: &str,
    file: &str,
    read: &impl Fn(&str) -> Option<Vec<u8>>,
    assets: &mut BTreeMap<String, Asset>,
) -> Result<(), PackError> {
    let mut wanted = Vec::new();
    for (i, step) in lesson.steps.iter().enumerate() {
        let n = i + 1;
        wanted.push((format!("steps[{n}].illustration"), &step.illustration, &PICTURES[..]));
        for (language, path) in &step.narration {
            wanted.push((format!("steps[{n}].narration.{language}"), path, &SOUNDS[..]));
        }
    }
    wanted.extend(quiz_sounds(lesson).into_iter().map(|(field, path)| (field, path, &SOUNDS[..])));
    for (field, path, types) in wanted {
        let broken = || PackError::BrokenAsset { file: file.into(), field: field.clone(), path: path.clone() };
        let mime = types.iter().find(|(end, _)| path.ends_with(end)).map(|(_, mime)| *mime).ok_or_else(broken)?;
        if !is_asset_path(path) {
            return Err(broken());
        }
        let full = format!("{slug}/{path}");
        if assets.contains_key(&full) {
            continue;
        }
        let bytes = read(&full).filter(|b| !b.is_empty() && b.len() <= MAX_BLOB_BYTES).ok_or_else(broken)?;
        assets.insert(full, Asset { hash: blob::hash(&bytes), mime, bytes });
    }
    Ok(())
}

/// Every quiz sound of a lesson, with the field that names it.
fn quiz_sounds(lesson: &PackLesson) -> Vec<(String, &String)> {
    let mut sounds = Vec::new();
    for (i, q) in lesson.quiz.iter().enumerate() {
        let n = i + 1;
        sounds.extend(q.narration.iter().map(|(lang, path)| (format!("quiz[{n}].narration.{lang}"), path)));
        for (j, c) in q.choices.iter().enumerate() {
            let field = format!("quiz[{n}].choices[{}].narration", j + 1);
            sounds.extend(c.narration.iter().map(|(lang, path)| (format!("{field}.{lang}"), path)));
        }
        sounds.extend(
            q.explanation_narration
                .iter()
                .map(|(lang, path)| (format!("quiz[{n}].explanation_narration.{lang}"), path)),
        );
    }
    sounds
}

/// A relative path inside the lesson folder: no `..`, no leading `/`, plain names.
fn is_asset_path(path: &str) -> bool {
    path.split('/').all(|part| {
        !part.is_empty()
            && part != "."
            && part != ".."
            && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
    })
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
        check_narration(&step.narration, &step.text, file, &format!("steps[{}].narration", i + 1))?;
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
        check_narration(&q.narration, &q.question, file, &format!("quiz[{n}].narration"))?;
        check_texts(&q.explanation, file, &format!("quiz[{n}].explanation"), STEP_MAX_CHARS)?;
        check_narration(&q.explanation_narration, &q.explanation, file, &format!("quiz[{n}].explanation_narration"))?;
        if !CHOICES.contains(&q.choices.len()) {
            return Err(out_of_range(&format!("quiz[{n}].choices")));
        }
        for (j, c) in q.choices.iter().enumerate() {
            let field = format!("quiz[{n}].choices[{}]", j + 1);
            check_texts(&c.text, file, &field, TITLE_MAX_CHARS)?;
            check_narration(&c.narration, &c.text, file, &format!("{field}.narration"))?;
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

/// Narration in every required language, and only in languages the text is written in.
fn check_narration(narration: &Texts, text: &Texts, file: &str, field: &str) -> Result<(), PackError> {
    for language in REQUIRED_LANGUAGES.iter().copied().chain(narration.keys().map(String::as_str)) {
        if !narration.contains_key(language) || !text.contains_key(language) {
            return Err(PackError::MissingTranslation {
                file: file.into(),
                field: field.into(),
                language: language.into(),
            });
        }
    }
    Ok(())
}

/// Every basic skill is taught by at least [`LESSONS_PER_SKILL`] lessons.
fn check_coverage(lessons: &[PackLesson]) -> Result<(), PackError> {
    for topic in Topic::BASIC_SKILLS {
        let count = lessons.iter().filter(|l| l.topic == topic).count();
        if count < LESSONS_PER_SKILL {
            return Err(PackError::TooFewLessons {
                topic: topic.as_str().to_owned(),
                lessons: count,
                needed: LESSONS_PER_SKILL,
            });
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
illustration = "illustrations/step-1.svg"
narration = { vi = "narration/vi/step-1.opus", en = "narration/en/step-1.opus" }
[[steps]]
text = { vi = "Hai", en = "Two" }
illustration = "illustrations/step-2.svg"
narration = { vi = "narration/vi/step-2.opus", en = "narration/en/step-2.opus" }
[[steps]]
text = { vi = "Ba", en = "Three" }
illustration = "illustrations/step-3.svg"
narration = { vi = "narration/vi/step-3.opus", en = "narration/en/step-3.opus" }
[[steps]]
text = { vi = "Bốn", en = "Four" }
illustration = "illustrations/step-4.svg"
narration = { vi = "narration/vi/step-4.opus", en = "narration/en/step-4.opus" }
[[quiz]]
id = "019ab3f0-0000-7000-8000-000000000002"
question = { vi = "Ai được biết mã OTP?", en = "Who may know your OTP?" }
narration = { vi = "narration/vi/quiz-1.opus", en = "narration/en/quiz-1.opus" }
explanation = { vi = "Chỉ mình bạn.", en = "Only you." }
explanation_narration = { vi = "narration/vi/quiz-1-explanation.opus", en = "narration/en/quiz-1-explanation.opus" }
[[quiz.choices]]
text = { vi = "Công an", en = "The police" }
narration = { vi = "narration/vi/quiz-1-choice-1.opus", en = "narration/en/quiz-1-choice-1.opus" }
[[quiz.choices]]
text = { vi = "Chỉ mình tôi", en = "Only me" }
narration = { vi = "narration/vi/quiz-1-choice-2.opus", en = "narration/en/quiz-1-choice-2.opus" }
correct = true
[[quiz]]
id = "019ab3f0-0000-7000-8000-000000000003"
question = { vi = "Cúp máy được không?", en = "May you hang up?" }
narration = { vi = "narration/vi/quiz-2.opus", en = "narration/en/quiz-2.opus" }
explanation = { vi = "Được.", en = "Yes." }
explanation_narration = { vi = "narration/vi/quiz-2-explanation.opus", en = "narration/en/quiz-2-explanation.opus" }
[[quiz.choices]]
text = { vi = "Được", en = "Yes" }
narration = { vi = "narration/vi/quiz-2-choice-1.opus", en = "narration/en/quiz-2-choice-1.opus" }
correct = true
[[quiz.choices]]
text = { vi = "Không", en = "No" }
narration = { vi = "narration/vi/quiz-2-choice-2.opus", en = "narration/en/quiz-2-choice-2.opus" }
[[quiz]]
id = "019ab3f0-0000-7000-8000-000000000004"
question = { vi = "Bấm link lạ?", en = "Tap a strange link?" }
narration = { vi = "narration/vi/quiz-3.opus", en = "narration/en/quiz-3.opus" }
explanation = { vi = "Không bấm.", en = "Do not tap." }
explanation_narration = { vi = "narration/vi/quiz-3-explanation.opus", en = "narration/en/quiz-3-explanation.opus" }
[[quiz.choices]]
text = { vi = "Bấm", en = "Tap" }
narration = { vi = "narration/vi/quiz-3-choice-1.opus", en = "narration/en/quiz-3-choice-1.opus" }
[[quiz.choices]]
text = { vi = "Không bấm", en = "Do not tap" }
narration = { vi = "narration/vi/quiz-3-choice-2.opus", en = "narration/en/quiz-3-choice-2.opus" }
correct = true
"#;

    /// Three lessons for each basic skill, made from [`GOOD_LESSON`] with their own ids:
    /// (slug, lesson.toml).
    fn fillers(skills: &[Topic]) -> Vec<(String, String)> {
        let mut made = Vec::new();
        for topic in skills {
            let t = Topic::BASIC_SKILLS.iter().position(|s| s == topic).unwrap_or_default();
            for k in 0..LESSONS_PER_SKILL {
                let text = GOOD_LESSON
                    .replace("019ab3f0-0000-", &format!("019ab3f0-{:04x}-", 1 + t * LESSONS_PER_SKILL + k))
                    .replace("topic = \"online-safety\"", &format!("topic = \"{}\"", topic.as_str()));
                made.push((format!("filler-{}-{k}", topic.as_str()), text));
            }
        }
        made
    }

    /// A pack with `lesson` as `scam-calls` and the lessons `others`; every file under a
    /// listed lesson's folder exists, except one named `missing`.
    fn pack_of(lesson: &str, others: Vec<(String, String)>) -> Result<Pack, PackError> {
        let mut lessons: BTreeMap<String, String> = others.into_iter().collect();
        lessons.insert("scam-calls".into(), lesson.to_owned());
        let listed: Vec<String> = lessons.keys().map(|slug| format!("{slug:?}")).collect();
        let manifest = format!("{PUBLISHER}version = 1\nlessons = [{}]", listed.join(", "));
        Pack::load(move |path| {
            if path == "pack.toml" {
                return Some(manifest.clone().into_bytes());
            }
            let (slug, rest) = path.split_once('/')?;
            let lesson = lessons.get(slug)?;
            match rest {
                "lesson.toml" => Some(lesson.clone().into_bytes()),
                _ if !rest.contains("missing") => Some(path.as_bytes().to_vec()),
                _ => None,
            }
        })
    }

    /// A whole pack whose lesson under test is `lesson`.
    fn pack_with(lesson: &str) -> Result<Pack, PackError> {
        pack_of(lesson, fillers(&Topic::BASIC_SKILLS))
    }

    #[test]
    fn a_good_pack_loads() {
        let pack = pack_with(GOOD_LESSON).expect("valid pack");
        assert_eq!(pack.lessons.len(), 16);
        let lesson = pack.lessons.iter().find(|l| l.slug == "scam-calls").expect("the lesson");
        assert_eq!(lesson.title["vi"], "Cuộc gọi lừa đảo");
        let own = pack.assets.keys().filter(|path| path.starts_with("scam-calls/")).count();
        assert_eq!(own, 4 + 8 + 3 * 2 * 4, "4 pictures, 8 step narrations, 3 questions of 4 sounds in 2 languages");
        let picture = &pack.assets["scam-calls/illustrations/step-1.svg"];
        assert_eq!((picture.mime, picture.hash.len()), ("image/svg+xml", 64));
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
            ("missing picture", "illustrations/step-2.svg", "illustrations/missing.svg"),
            ("missing narration", "narration/en/step-3.opus", "narration/en/missing.opus"),
            ("picture of unknown type", "illustrations/step-1.svg", "illustrations/step-1.exe"),
            ("picture outside the lesson", "illustrations/step-4.svg", "../zalo-safely/illustrations/step-4.svg"),
            ("narration without English", ", en = \"narration/en/step-1.opus\"", ""),
            (
                "narration in a language the step lacks",
                "en = \"narration/en/step-2.opus\"",
                "en = \"narration/en/step-2.opus\", fr = \"x.opus\"",
            ),
            (
                "question without narration",
                "narration = { vi = \"narration/vi/quiz-1.opus\", en = \"narration/en/quiz-1.opus\" }\n",
                "",
            ),
            ("choice without English narration", ", en = \"narration/en/quiz-2-choice-1.opus\"", ""),
            ("missing explanation narration", "narration/vi/quiz-3-explanation.opus", "narration/vi/missing.opus"),
            (
                "no narration",
                "narration = { vi = \"narration/vi/step-4.opus\", en = \"narration/en/step-4.opus\" }",
                "",
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
        let two_questions = GOOD_LESSON.rsplit_once("[[quiz]]").map(|(head, _)| head.to_owned()).unwrap_or_default();
        assert!(matches!(pack_with(&two_questions), Err(PackError::OutOfRange { field, .. }) if field == "quiz"));
        let missing = Pack::load(|p| {
            (p == "pack.toml").then(|| format!("{PUBLISHER}version = 1\nlessons = [\"gone\"]").into_bytes())
        });
        assert_eq!(missing, Err(PackError::Missing { file: "gone/lesson.toml".into() }));
    }

    #[test]
    fn each_basic_skill_needs_three_lessons() {
        let without_payments: Vec<Topic> =
            Topic::BASIC_SKILLS.into_iter().filter(|t| *t != Topic::OnlinePayments).collect();
        let mut others = fillers(&without_payments);
        others.extend(fillers(&[Topic::OnlinePayments]).into_iter().take(LESSONS_PER_SKILL - 1));
        let err = pack_of(GOOD_LESSON, others).expect_err("two payment lessons are too few");
        assert_eq!(err, PackError::TooFewLessons { topic: "online-payments".into(), lessons: 2, needed: 3 });
        assert!(err.localize(Localizer::embedded(), "vi").contains("online-payments"));
    }

    #[test]
    fn a_lesson_listed_twice_is_refused() {
        let lesson = GOOD_LESSON.to_owned();
        let twice = Pack::load(move |path| match path {
            "pack.toml" => Some(format!("{PUBLISHER}version = 1\nlessons = [\"a\", \"b\"]").into_bytes()),
            _ => Some(lesson.clone().into_bytes()),
        });
        assert!(matches!(twice, Err(PackError::Duplicate { .. })));
    }
}
