//! Finding a commune's people by name as a volunteer types, without diacritics: "nguyen thi
//! lan" finds "Nguyễn Thị Lan". Every word typed must begin a word of the name.

use rusqlite::Row;
use serde::Serialize;
use ts_rs::TS;

use crate::role::Role;
use crate::search::fold;
use crate::{Result, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonHit {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub village_id: String,
    pub village_name: Option<String>,
    pub household_name: Option<String>,
    pub birth_year: Option<i64>,
}

/// A row of (id, name, role, village_id, village name, household name, birth_year).
pub(crate) fn person_hit(r: &Row<'_>) -> rusqlite::Result<PersonHit> {
    let role: String = r.get(2)?;
    Ok(PersonHit {
        id: r.get(0)?,
        name: r.get(1)?,
        role: Role::parse(&role).unwrap_or(Role::Villager),
        village_id: r.get(3)?,
        village_name: r.get(4)?,
        household_name: r.get(5)?,
        birth_year: r.get(6)?,
    })
}

/// Whether every word of the folded `query` begins a word of the folded `name`.
fn matches(name: &str, query: &[String]) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    query.iter().all(|q| words.iter().any(|w| w.starts_with(q.as_str())))
}

impl Store {
    /// A commune's people whose name matches `query`, by name; at most `limit`.
    pub fn find_people(&self, commune_id: &str, query: &str, limit: usize) -> Result<Vec<PersonHit>> {
        let query: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let people: Vec<(PersonHit, String)> = self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT p.id, p.name, p.role, p.village_id, v.name,
                        (SELECT h.head_name || coalesce(', ' || h.address, '') FROM households h
                          WHERE h.id = p.household AND h.deleted = 0),
                        p.birth_year
                 FROM profiles p LEFT JOIN villages v ON v.id = p.village_id
                 WHERE p.commune_id = ?1 AND p.deleted = 0 AND p.name IS NOT NULL AND p.village_id IS NOT NULL
                   AND p.role IS NOT NULL AND p.consent_at IS NOT NULL",
            )?;
            let rows = stmt.query_map([commune_id], person_hit)?;
            let mut out = Vec::new();
            for hit in rows {
                let hit = hit?;
                let folded = fold(&hit.name);
                if matches(&folded, &query) {
                    out.push((hit, folded));
                }
            }
            Ok(out)
        })?;
        let mut people = people;
        people.sort_by(|(a, fa), (b, fb)| fa.cmp(fb).then(a.id.cmp(&b.id)));
        Ok(people.into_iter().take(limit).map(|(hit, _)| hit).collect())
    }
}
