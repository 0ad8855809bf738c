//! Which files the domain refers to: the pictures and narration of the lessons (published,
//! never uploaded by a device) and the photos of listings. Sync downloads what is wanted and
//! uploads what the peer lacks; the server serves a file only where a row refers to it.

use crate::replica::blob::is_hash;
use crate::{Result, Store};

/// The hashes of every picture and narration the lessons' steps and quiz questions refer to.
const LESSON_ASSETS: &str = "
    SELECT json_extract(s.value, '$.illustration') AS h FROM lessons l, json_each(l.steps) s WHERE l.deleted = 0
    UNION
    SELECT n.value FROM lessons l, json_each(l.steps) s, json_each(s.value, '$.narration') n WHERE l.deleted = 0
    UNION
    SELECT t.value FROM quiz_questions q, json_tree(q.narration) t
     WHERE q.deleted = 0 AND q.narration IS NOT NULL AND t.type = 'text'";

impl Store {
    /// Photos of listings and lesson pictures and narration whose bytes are not here: what
    /// to download.
    pub fn wanted_blobs(&self) -> Result<Vec<String>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT h FROM (
                   SELECT p.value AS h FROM listings l, json_each(coalesce(l.photos, '[]')) p WHERE l.deleted = 0
                   UNION {LESSON_ASSETS})
                 WHERE NOT EXISTS (SELECT 1 FROM blobs b WHERE b.hash = h AND b.data IS NOT NULL)
                 ORDER BY 1"
            ))?;
            let hashes: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            Ok(hashes.into_iter().filter(|h| is_hash(h)).collect())
        })
    }

    /// Blobs held here that `peer` is not known to hold: what to upload, with type and size.
    /// Lesson files come from the publisher, never from a device.
    pub fn blobs_to_send(&self, peer: &str) -> Result<Vec<(String, String, usize)>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT hash, mime, size FROM blobs WHERE data IS NOT NULL
                 AND hash NOT IN (SELECT hash FROM blob_peers WHERE peer = ?1)
                 AND hash NOT IN ({LESSON_ASSETS}) ORDER BY hash"
            ))?;
            Ok(stmt
                .query_map([peer], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as usize)))?
                .collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Whether a lesson step or quiz question of the published pack refers to the blob: public
    /// content.
    pub fn is_lesson_asset(&self, hash: &str) -> Result<bool> {
        self.read(|c| {
            Ok(c.prepare_cached(&format!("SELECT EXISTS (SELECT 1 FROM ({LESSON_ASSETS}) AS a WHERE a.h = ?1)"))?
                .query_row([hash], |r| r.get(0))?)
        })
    }

    /// Whether a live listing of the commune shows the blob among its photos.
    pub fn is_listing_photo_in(&self, hash: &str, commune_id: &str) -> Result<bool> {
        self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM listings l, json_each(coalesce(l.photos, '[]')) p
                 WHERE l.commune_id = ?2 AND l.deleted = 0 AND p.value = ?1)",
            )?
            .query_row([hash, commune_id], |r| r.get(0))?)
        })
    }
}
