//! One search across lessons and published listings, insensitive to case and Vietnamese
//! diacritics ("ca phe shan tuyet" finds "Cà phê Shan Tuyết"), ranked, with prefix matching
//! as the user types.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::i18n::{DEFAULT_LANGUAGE, Localizer};
use crate::replica::schema::Table;
use crate::replica::store::Tx;
use crate::{Result, Store};

/// Lower case, no diacritics, and đ → d (đ has no Unicode decomposition, so NFD alone
/// leaves it).
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HitKind {
    Lesson,
    Listing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    pub kind: HitKind,
    pub id: String,
    pub title: String,
    pub summary: String,
    /// For a listing: its price per unit in đồng.
    pub price_dong: Option<i64>,
    pub unit: Option<String>,
}

/// The words of what the user typed, folded (only letters and digits remain, so no query
/// syntax gets through), at most twelve, each with whether it is being typed: the last, unless
/// something follows it, which then matches as a prefix. Every engine's search builds on this.
pub fn query_words(query: &str) -> Vec<(String, bool)> {
    let folded = fold(query);
    let typing = !folded.ends_with(|c: char| !c.is_alphanumeric());
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(12).collect();
    let last = words.len().saturating_sub(1);
    words.iter().enumerate().map(|(i, w)| ((*w).to_owned(), typing && i == last)).collect()
}

/// The FTS5 query for what the user typed: every word must match, the one being typed as a
/// prefix, the finished ones exactly.
pub(crate) fn match_expression(query: &str) -> Option<String> {
    let terms: Vec<String> = query_words(query)
        .into_iter()
        .map(|(w, typing)| if typing { format!("\"{w}\"*") } else { format!("\"{w}\"") })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// Ranks inside the full-text index and joins only the best few. A short prefix ("c") can
/// match every listing, and ranking them all costs tens of milliseconds on a laptop, more on
/// a phone; so only the most recently indexed `CANDIDATES` matches are ranked. A query of a
/// word or two has fewer matches than that and is ranked exactly.
const CANDIDATES: i64 = 2_000;

const SEARCH_SQL: &str = "
WITH recent AS (SELECT rowid, rank FROM search WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT ?5),
     best AS (SELECT rowid, rank FROM recent ORDER BY rank LIMIT ?2)
SELECT d.kind, d.ref,
       coalesce(json_extract(l.title, '$.' || ?3), json_extract(l.title, '$.' || ?4), p.name, ''),
       coalesce(json_extract(l.summary, '$.' || ?3), json_extract(l.summary, '$.' || ?4), p.description, ''),
       p.price_dong, p.unit
FROM best
JOIN search_docs d ON d.rowid = best.rowid
LEFT JOIN lessons l ON d.kind = 'lesson' AND l.id = d.ref
LEFT JOIN listings p ON d.kind = 'listing' AND p.id = d.ref
ORDER BY best.rank";

impl Store {
    /// Lessons and published listings matching `query`, best first, shown in `language`.
    pub fn search(&self, query: &str, language: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(expression) = match_expression(query) else {
            return Ok(Vec::new());
        };
        let language = if Localizer::embedded().has_language(language) { language } else { DEFAULT_LANGUAGE };
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(SEARCH_SQL)?;
            let hits =
                stmt.query_map(params![expression, limit as i64, language, DEFAULT_LANGUAGE, CANDIDATES], |r| {
                    let kind: String = r.get(0)?;
                    Ok(SearchHit {
                        kind: if kind == "lesson" { HitKind::Lesson } else { HitKind::Listing },
                        id: r.get(1)?,
                        title: r.get(2)?,
                        summary: r.get(3)?,
                        price_dong: r.get(4)?,
                        unit: r.get(5)?,
                    })
                })?;
            Ok(hits.collect::<rusqlite::Result<_>>()?)
        })
    }
}

/// Brings the search entry of a just-written row up to date.
pub(crate) fn reindex(tx: &Tx<'_>, table: &Table, id: &str) -> Result<()> {
    let doc = match table.name {
        "lessons" => lesson_doc(tx, id)?.map(|d| ("lesson", d)),
        "listings" => listing_doc(tx, id)?.map(|d| ("listing", d)),
        _ => return Ok(()),
    };
    let old: Option<i64> = tx
        .sql
        .prepare_cached("SELECT rowid FROM search_docs WHERE ref = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if let Some(rowid) = old {
        tx.sql.prepare_cached("DELETE FROM search WHERE rowid = ?1")?.execute([rowid])?;
        tx.sql.prepare_cached("DELETE FROM search_docs WHERE rowid = ?1")?.execute([rowid])?;
    }
    if let Some((kind, (title, body))) = doc {
        tx.sql.prepare_cached("INSERT INTO search_docs (kind, ref) VALUES (?1, ?2)")?.execute([kind, id])?;
        let rowid = tx.sql.last_insert_rowid();
        tx.sql.prepare_cached("INSERT INTO search (rowid, title, body) VALUES (?1, ?2, ?3)")?.execute(params![
            rowid,
            fold(&title),
            fold(&body)
        ])?;
    }
    Ok(())
}

/// Title and body of a lesson in every language it has; `None` when deleted.
fn lesson_doc(tx: &Tx<'_>, id: &str) -> Result<Option<(String, String)>> {
    let sql = "SELECT
        (SELECT group_concat(value, ' ') FROM json_each(coalesce(title, '{}'))),
        (SELECT group_concat(value, ' ') FROM json_each(coalesce(summary, '{}'))),
        (SELECT group_concat(t.value, ' ') FROM json_each(coalesce(steps, '[]')) s, json_tree(s.value) t
           WHERE t.type = 'text' AND t.path LIKE '%.text')
        FROM lessons WHERE id = ?1 AND deleted = 0";
    let row: Option<(Option<String>, Option<String>, Option<String>)> =
        tx.sql.prepare_cached(sql)?.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
    Ok(row.map(|(title, summary, steps)| {
        (title.unwrap_or_default(), format!("{} {}", summary.unwrap_or_default(), steps.unwrap_or_default()))
    }))
}

/// Name and descriptive text of a listing buyers may see; `None` unless published.
fn listing_doc(tx: &Tx<'_>, id: &str) -> Result<Option<(String, String)>> {
    let sql = "SELECT name, concat_ws(' ', category, ocop_group, description, story, season)
        FROM listings WHERE id = ?1 AND deleted = 0 AND status = 'published'";
    let row: Option<(Option<String>, String)> =
        tx.sql.prepare_cached(sql)?.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    Ok(row.map(|(name, body)| (name.unwrap_or_default(), body)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_case_and_every_vietnamese_mark() {
        assert_eq!(fold("Cà phê Shan Tuyết"), "ca phe shan tuyet");
        assert_eq!(fold("ĐẶC SẢN Đồng Văn"), "dac san dong van");
        assert_eq!(fold("Mật ong bạc hà, mướp đắng, ổi, ữ"), "mat ong bac ha, muop dang, oi, u");
    }

    #[test]
    fn queries_become_prefix_matches_and_cannot_inject_syntax() {
        assert_eq!(match_expression("ca phe shan tuy").as_deref(), Some("\"ca\" \"phe\" \"shan\" \"tuy\"*"));
        assert_eq!(match_expression("Cà phê ").as_deref(), Some("\"ca\" \"phe\""));
        assert_eq!(match_expression("\"OR\" NEAR(a b) *").as_deref(), Some("\"or\" \"near\" \"a\" \"b\""));
        assert_eq!(match_expression("  ,.;  "), None);
    }
}
