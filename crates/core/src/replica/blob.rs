//! Content-addressed bytes: photos, illustrations, narration. A blob is named by the SHA-256
//! of its bytes; its metadata may arrive (through sync) before the bytes do. Which blobs the
//! domain wants and shares is in `crate::media`.

use rusqlite::OptionalExtension;
use sha2::{Digest, Sha256};

use crate::validate::{Field, Invalid, Rule};
use crate::{Result, Store};

/// Photos are resized on the device before they get here; narration is compressed.
pub const MAX_BLOB_BYTES: usize = 4 * 1024 * 1024;

/// The kinds of media the app stores.
pub const MIME_TYPES: [&str; 7] =
    ["image/jpeg", "image/png", "image/webp", "image/svg+xml", "audio/ogg", "audio/mpeg", "audio/opus"];

/// Whether `s` is a lower-case hex SHA-256.
pub fn is_hash(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn check(size: usize, mime: &str) -> Result<()> {
    if size > MAX_BLOB_BYTES {
        return Err(Invalid::new(Field::Photos, Rule::TooLong { max: MAX_BLOB_BYTES }).into());
    }
    if !MIME_TYPES.contains(&mime) {
        return Err(Invalid::new(Field::Photos, Rule::Format).into());
    }
    Ok(())
}

impl Store {
    /// Stores bytes and returns their hash; storing the same bytes again is a no-op.
    pub fn put_blob(&self, bytes: &[u8], mime: &str) -> Result<String> {
        check(bytes.len(), mime)?;
        let hash = hash(bytes);
        self.write(|tx| {
            tx.sql.execute(
                "INSERT INTO blobs (hash, size, mime, data) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (hash) DO UPDATE SET data = excluded.data WHERE blobs.data IS NULL",
                rusqlite::params![hash, bytes.len() as i64, mime, bytes],
            )?;
            Ok(())
        })?;
        Ok(hash)
    }

    /// Stores many files in one transaction, skipping those already here: installing the
    /// bundled lesson pack at every start costs reads, not writes.
    pub fn put_blobs<'a>(&self, files: impl IntoIterator<Item = (&'a [u8], &'a str)>) -> Result<()> {
        let files: Vec<(&[u8], &str)> = files.into_iter().collect();
        for (bytes, mime) in &files {
            check(bytes.len(), mime)?;
        }
        self.write(|tx| {
            for (bytes, mime) in &files {
                let hash = hash(bytes);
                let here: bool = tx
                    .sql
                    .prepare_cached("SELECT EXISTS (SELECT 1 FROM blobs WHERE hash = ?1 AND data IS NOT NULL)")?
                    .query_row([&hash], |r| r.get(0))?;
                if !here {
                    tx.sql
                        .prepare_cached(
                            "INSERT INTO blobs (hash, size, mime, data) VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (hash) DO UPDATE SET data = excluded.data",
                        )?
                        .execute(rusqlite::params![hash, bytes.len() as i64, mime, bytes])?;
                }
            }
            Ok(())
        })
    }

    /// Records a blob known by its hash whose bytes are not here yet.
    pub fn expect_blob(&self, hash: &str, size: usize, mime: &str) -> Result<()> {
        if !is_hash(hash) {
            return Err(Invalid::new(Field::Photos, Rule::Format).into());
        }
        check(size, mime)?;
        self.write(|tx| {
            tx.sql.execute(
                "INSERT OR IGNORE INTO blobs (hash, size, mime) VALUES (?1, ?2, ?3)",
                rusqlite::params![hash, size as i64, mime],
            )?;
            Ok(())
        })
    }

    /// Whether the bytes of a blob are here, without reading them.
    pub fn has_blob(&self, hash: &str) -> Result<bool> {
        self.read(|c| {
            Ok(c.prepare_cached("SELECT EXISTS (SELECT 1 FROM blobs WHERE hash = ?1 AND data IS NOT NULL)")?
                .query_row([hash], |r| r.get(0))?)
        })
    }

    /// The bytes and type of a blob, if they are here.
    pub fn blob(&self, hash: &str) -> Result<Option<(Vec<u8>, String)>> {
        self.read(|c| {
            Ok(c.prepare_cached("SELECT data, mime FROM blobs WHERE hash = ?1 AND data IS NOT NULL")?
                .query_row([hash], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?)
        })
    }

    /// Records that `peer` holds a blob.
    pub fn blob_held_by(&self, hash: &str, peer: &str) -> Result<()> {
        self.write(|tx| {
            tx.sql.execute("INSERT OR IGNORE INTO blob_peers (hash, peer) VALUES (?1, ?2)", [hash, peer])?;
            Ok(())
        })
    }

    /// How many bytes of a blob have arrived so far.
    pub fn blob_received(&self, hash: &str) -> Result<usize> {
        self.read(|c| {
            Ok(c.prepare_cached("SELECT length(data) FROM blob_partials WHERE hash = ?1")?
                .query_row([hash], |r| r.get::<_, i64>(0))
                .optional()?
                .map_or(0, |n| n as usize))
        })
    }

    /// Adds the next bytes of a blob being received, at `offset` (which must be what has
    /// arrived so far). When all `total` bytes are here and their SHA-256 is `hash`, the blob
    /// is stored and `Ok(true)` returned; bytes that do not match are dropped with an error.
    pub fn receive_blob(&self, hash: &str, mime: &str, total: usize, offset: usize, bytes: &[u8]) -> Result<bool> {
        if !is_hash(hash) {
            return Err(Invalid::new(Field::Photos, Rule::Format).into());
        }
        check(total, mime)?;
        let done = self.write(|tx| {
            let held: Option<Vec<u8>> =
                tx.sql.query_row("SELECT data FROM blob_partials WHERE hash = ?1", [hash], |r| r.get(0)).optional()?;
            let mut data = held.unwrap_or_default();
            if offset != data.len() || data.len() + bytes.len() > total {
                return Err(Invalid::new(Field::Photos, Rule::Format).into());
            }
            data.extend_from_slice(bytes);
            if data.len() < total {
                tx.sql.execute(
                    "INSERT INTO blob_partials (hash, mime, total, data) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (hash) DO UPDATE SET data = excluded.data",
                    rusqlite::params![hash, mime, total as i64, data],
                )?;
                return Ok(None);
            }
            tx.sql.execute("DELETE FROM blob_partials WHERE hash = ?1", [hash])?;
            Ok(Some(data))
        })?;
        let Some(data) = done else { return Ok(false) };
        if self::hash(&data) != hash {
            return Err(Invalid::new(Field::Photos, Rule::Format).into());
        }
        self.put_blob(&data, mime)?;
        Ok(true)
    }

    /// Drops what arrived of a blob, to receive it again from the start.
    pub fn restart_blob(&self, hash: &str) -> Result<()> {
        self.write(|tx| {
            tx.sql.execute("DELETE FROM blob_partials WHERE hash = ?1", [hash])?;
            Ok(())
        })
    }

    /// Hashes of blobs whose bytes are still to fetch.
    pub fn missing_blobs(&self) -> Result<Vec<String>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached("SELECT hash FROM blobs WHERE data IS NULL ORDER BY hash")?;
            Ok(stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
        })
    }
}
