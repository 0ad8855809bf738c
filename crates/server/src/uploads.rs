//! Photos arriving from devices, a chunk at a time. Each device has its own unfinished
//! uploads, within a quota, and an upload left untouched expires. Only photo types are taken,
//! and the bytes must be what the declared type says: an SVG or an HTML page never gets in,
//! whatever it is labelled.

use langso_core::replica::blob::{self, MAX_BLOB_BYTES};

use crate::ServerError;
use crate::error::UploadRefusal;
use crate::storage::{Chunk, Partial};

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

/// Checks a chunk before anything is read or written: a SHA-256 name, a photo type, a size a
/// blob may have, bounds within it, and for the first chunk bytes of the declared type.
pub fn check_chunk(chunk: &Chunk<'_>) -> Result<(), ServerError> {
    if !blob::is_hash(chunk.hash) {
        return Err(refused(UploadRefusal::Name));
    }
    if !PHOTO_TYPES.contains(&chunk.mime) {
        return Err(refused(UploadRefusal::Type));
    }
    if chunk.total == 0 || chunk.total > MAX_BLOB_BYTES {
        return Err(refused(UploadRefusal::Size));
    }
    chunk
        .offset
        .checked_add(chunk.bytes.len())
        .filter(|end| *end <= chunk.total)
        .ok_or(refused(UploadRefusal::Offset))?;
    if chunk.offset == 0 && !is_of_type(&chunk.bytes[..chunk.bytes.len().min(SNIFF_BYTES)], chunk.mime) {
        return Err(refused(UploadRefusal::Type));
    }
    Ok(())
}

/// The upload with the chunk appended, given what is held of it (an upload of another type
/// or size starts again) and the bytes of the device's other unfinished uploads.
pub fn append(chunk: &Chunk<'_>, held: Option<Partial>, others: usize) -> Result<Vec<u8>, ServerError> {
    let mut data = match held {
        Some(p) if p.mime == chunk.mime && p.total == chunk.total => p.data,
        _ => Vec::new(),
    };
    if chunk.offset != data.len() {
        return Err(refused(UploadRefusal::Offset));
    }
    if others.saturating_add(chunk.offset + chunk.bytes.len()) > QUOTA_BYTES {
        return Err(refused(UploadRefusal::Quota));
    }
    data.extend_from_slice(chunk.bytes);
    Ok(data)
}

/// Checks a whole upload: its bytes hash to its name and are of its type.
pub fn check_whole(hash: &str, mime: &str, data: &[u8]) -> Result<(), ServerError> {
    if blob::hash(data) != hash {
        return Err(refused(UploadRefusal::Hash));
    }
    if !is_of_type(data, mime) {
        return Err(refused(UploadRefusal::Type));
    }
    Ok(())
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
