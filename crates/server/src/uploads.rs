//! Photos arriving from devices, a chunk at a time. Each device has its own unfinished
//! uploads, within a quota, and an upload left untouched expires. Only photo types are taken,
//! and the bytes must be what the declared type says: an SVG or an HTML page never gets in,
//! whatever it is labelled.

use langso_core::replica::blob::{self, MAX_BLOB_BYTES};
use rusqlite::OptionalExtension;
use uuid::Uuid;

use crate::db::Device;
use crate::error::UploadRefusal;
use crate::sqlite::{SqliteDatabase, now_secs};
use crate::{ServerError, rules};

/// What devices may upload: photos of products. Lesson pictures and narration come only from
/// the published pack.
pub const PHOTO_TYPES: [&str; 3] = ["image/jpeg", "image/png", "image/webp"];
/// Unfinished uploads one device may hold at once, in bytes received so far.
pub const QUOTA_BYTES: usize = 3 * MAX_BLOB_BYTES;
/// An unfinished upload untouched for this long is dropped; the device starts it again.
pub const EXPIRY_SECS: i64 = 24 * 3600;
/// Enough of a file's start to tell its type.
const SNIFF_BYTES: usize = 16;

fn refused(why: UploadRefusal) -> ServerError {
    ServerError::Upload(why)
}

/// Whether `bytes` (the start of a file, or all of it) are of type `mime`.
fn is_of_type(bytes: &[u8], mime: &str) -> bool {
    infer::get(bytes).is_some_and(|t| t.mime_type() == mime)
}

impl SqliteDatabase {
    /// How many bytes of `hash` the device has uploaded so far: `None` when the server holds
    /// the blob whole and the device may see it. A device learns nothing about blobs that are
    /// not its to see.
    pub(crate) fn upload_progress(&self, device: &Device, hash: &str) -> Result<Option<usize>, ServerError> {
        if !blob::is_hash(hash) {
            return Err(refused(UploadRefusal::Name));
        }
        if self.data.has_blob(hash)? && self.may_fetch(device, hash)? {
            return Ok(None);
        }
        let held: Option<i64> = self
            .admin()
            .query_row(
                "SELECT length(data) FROM uploads WHERE node = ?1 AND hash = ?2 AND touched_at > ?3",
                rusqlite::params![device.node.as_bytes(), hash, now_secs() - EXPIRY_SECS],
                |r| r.get(0),
            )
            .optional()?;
        Ok(Some(held.map_or(0, |n| usize::try_from(n).unwrap_or(0))))
    }

    /// Takes the next chunk of a device's upload. Returns whether the blob is now whole, its
    /// SHA-256 and type checked, and stored.
    pub(crate) fn take_chunk(
        &self,
        device: &Device,
        hash: &str,
        mime: &str,
        total: usize,
        offset: usize,
        bytes: &[u8],
    ) -> Result<bool, ServerError> {
        if !blob::is_hash(hash) {
            return Err(refused(UploadRefusal::Name));
        }
        if !PHOTO_TYPES.contains(&mime) {
            return Err(refused(UploadRefusal::Type));
        }
        if total == 0 || total > MAX_BLOB_BYTES {
            return Err(refused(UploadRefusal::Size));
        }
        let end = offset.checked_add(bytes.len()).filter(|end| *end <= total).ok_or(refused(UploadRefusal::Offset))?;
        if offset == 0 && !is_of_type(&bytes[..bytes.len().min(SNIFF_BYTES)], mime) {
            return Err(refused(UploadRefusal::Type));
        }
        let node = device.node;
        let whole = self.append_chunk(node, hash, mime, total, offset, end, bytes)?;
        let Some(data) = whole else { return Ok(false) };
        if blob::hash(&data) != hash {
            return Err(refused(UploadRefusal::Hash));
        }
        if !is_of_type(&data, mime) {
            return Err(refused(UploadRefusal::Type));
        }
        self.data.put_blob(&data, mime)?;
        self.admin().execute(
            "INSERT OR IGNORE INTO blob_uploaders (hash, node) VALUES (?1, ?2)",
            rusqlite::params![hash, node.as_bytes()],
        )?;
        Ok(true)
    }

    /// Adds bytes to the device's unfinished upload; returns all of them once `total` are here
    /// (the unfinished upload is then gone).
    #[allow(clippy::too_many_arguments)]
    fn append_chunk(
        &self,
        node: Uuid,
        hash: &str,
        mime: &str,
        total: usize,
        offset: usize,
        end: usize,
        bytes: &[u8],
    ) -> Result<Option<Vec<u8>>, ServerError> {
        let mut admin = self.admin();
        let tx = admin.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let now = now_secs();
        tx.execute("DELETE FROM uploads WHERE touched_at <= ?1", [now - EXPIRY_SECS])?;
        let held: Option<(Vec<u8>, String, i64)> = tx
            .query_row(
                "SELECT data, mime, total FROM uploads WHERE node = ?1 AND hash = ?2",
                rusqlite::params![node.as_bytes(), hash],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let mut data = match held {
            Some((data, held_mime, held_total))
                if held_mime == mime && usize::try_from(held_total).ok() == Some(total) =>
            {
                data
            }
            // Another type or size under the same hash: it starts again from nothing.
            _ => Vec::new(),
        };
        if offset != data.len() {
            return Err(refused(UploadRefusal::Offset));
        }
        let others: i64 = tx.query_row(
            "SELECT coalesce(sum(length(data)), 0) FROM uploads WHERE node = ?1 AND hash <> ?2",
            rusqlite::params![node.as_bytes(), hash],
            |r| r.get(0),
        )?;
        if usize::try_from(others).unwrap_or(usize::MAX).saturating_add(end) > QUOTA_BYTES {
            return Err(refused(UploadRefusal::Quota));
        }
        data.extend_from_slice(bytes);
        if end < total {
            tx.execute(
                "INSERT INTO uploads (node, hash, mime, total, data, touched_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (node, hash) DO UPDATE SET mime = excluded.mime, total = excluded.total,
                   data = excluded.data, touched_at = excluded.touched_at",
                rusqlite::params![node.as_bytes(), hash, mime, total as i64, data, now],
            )?;
            tx.commit()?;
            return Ok(None);
        }
        tx.execute("DELETE FROM uploads WHERE node = ?1 AND hash = ?2", rusqlite::params![node.as_bytes(), hash])?;
        tx.commit()?;
        Ok(Some(data))
    }

    /// Whether the device may download a blob: public lesson content, a photo of a row it may
    /// see, or bytes it uploaded itself.
    pub(crate) fn may_fetch(&self, device: &Device, hash: &str) -> Result<bool, ServerError> {
        if rules::may_fetch(&self.data, device, hash)? {
            return Ok(true);
        }
        let uploaded: bool = self.admin().query_row(
            "SELECT EXISTS (SELECT 1 FROM blob_uploaders WHERE hash = ?1 AND node = ?2)",
            rusqlite::params![hash, device.node.as_bytes()],
            |r| r.get(0),
        )?;
        Ok(uploaded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_told_by_the_bytes() {
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0];
        let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R'];
        assert!(is_of_type(&jpeg, "image/jpeg"));
        assert!(is_of_type(&png, "image/png"));
        assert!(!is_of_type(&jpeg, "image/png"), "a JPEG labelled PNG");
        assert!(!is_of_type(b"<html><script>alert(1)</script></html>", "image/png"));
        assert!(!is_of_type(b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", "image/webp"));
    }
}
