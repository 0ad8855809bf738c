//! Content-addressed bytes: photos, illustrations, narration. A blob is named by the SHA-256
//! of its bytes; its metadata may arrive (through sync) before the bytes do.

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

    /// The bytes and type of a blob, if they are here.
    pub fn blob(&self, hash: &str) -> Result<Option<(Vec<u8>, String)>> {
        self.read(|c| {
            Ok(c.prepare_cached("SELECT data, mime FROM blobs WHERE hash = ?1 AND data IS NOT NULL")?
                .query_row([hash], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?)
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
