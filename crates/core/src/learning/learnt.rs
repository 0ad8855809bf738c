//! "What I have learnt": a learner's completed lessons and the skills they cover, for the
//! profile screen and the certificate shown at the commune office.

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::i18n::DEFAULT_LANGUAGE;
use crate::learning::lesson::known_language;
use crate::learning::topic::Topic;
use crate::validate::{Field, Invalid, Rule};
use crate::{Result, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Learnt {
    pub name: String,
    pub village: String,
    pub commune: String,
    /// Completed lessons, first completed first.
    pub lessons: Vec<CompletedLesson>,
    /// Every topic the catalogue teaches, the five basic skills first.
    pub skills: Vec<SkillProgress>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CompletedLesson {
    pub lesson_id: String,
    pub title: String,
    pub topic: Topic,
    pub completed_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SkillProgress {
    pub topic: Topic,
    pub basic: bool,
    pub completed: u32,
    pub total: u32,
    /// Every lesson of the topic completed.
    pub mastered: bool,
}

impl Store {
    pub fn learnt(&self, profile_id: &str, language: &str) -> Result<Learnt> {
        let language = known_language(language);
        self.read(|c| {
            let who = c
                .prepare_cached(
                    "SELECT p.name, v.name, m.name FROM profiles p
                     LEFT JOIN villages v ON v.id = p.village_id LEFT JOIN communes m ON m.id = p.commune_id
                     WHERE p.id = ?1 AND p.deleted = 0 AND p.name IS NOT NULL",
                )?
                .query_row([profile_id], |r| {
                    Ok((r.get(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?))
                });
            let (name, village, commune): (String, _, _) = match who {
                Ok(who) => who,
                Err(rusqlite::Error::QueryReturnedNoRows) => {
                    return Err(Invalid::new(Field::Profile, Rule::Unknown).into());
                }
                Err(e) => return Err(e.into()),
            };
            let mut stmt = c.prepare_cached(
                "SELECT l.id, coalesce(json_extract(l.title, '$.' || ?2), json_extract(l.title, '$.' || ?3)), l.topic,
                        min(p.at)
                 FROM lesson_progress p JOIN lessons l ON l.id = p.lesson_id
                 WHERE p.profile_id = ?1 AND p.kind = 'complete' AND l.deleted = 0 AND l.topic IS NOT NULL
                 GROUP BY l.id ORDER BY min(p.at), l.id",
            )?;
            let lessons = stmt
                .query_map(params![profile_id, language, DEFAULT_LANGUAGE], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, String>(2)?, r.get(3)?))
                })?
                .filter_map(|row| match row {
                    Ok((lesson_id, title, topic, completed_at)) => Topic::parse(&topic).map(|topic| {
                        Ok(CompletedLesson { lesson_id, title: title.unwrap_or_default(), topic, completed_at })
                    }),
                    Err(e) => Some(Err(e)),
                })
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut totals =
                c.prepare_cached("SELECT topic, count(*) FROM lessons WHERE deleted = 0 GROUP BY topic")?;
            let totals: Vec<(String, u32)> =
                totals.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            let mut topics: Vec<Topic> = Topic::ALL.to_vec();
            topics.sort_by_key(|t| !t.is_basic_skill());
            let skills = topics
                .into_iter()
                .filter_map(|topic| {
                    let total = totals.iter().find(|(t, _)| t == topic.as_str()).map(|(_, n)| *n)?;
                    let completed = lessons.iter().filter(|l| l.topic == topic).count() as u32;
                    Some(SkillProgress {
                        topic,
                        basic: topic.is_basic_skill(),
                        completed,
                        total,
                        mastered: completed >= total,
                    })
                })
                .collect();
            Ok(Learnt {
                name,
                village: village.unwrap_or_default(),
                commune: commune.unwrap_or_default(),
                lessons,
                skills,
            })
        })
    }
}
