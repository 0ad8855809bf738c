//! Bodies on the wire: postcard, then zstd. Decoding refuses bodies that decompress past
//! [`MAX_DECODED_BYTES`](crate::protocol::MAX_DECODED_BYTES).

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::SyncError;
use crate::protocol::{MAX_BODY_BYTES, MAX_DECODED_BYTES};

const LEVEL: i32 = 3;

pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, SyncError> {
    let plain = postcard::to_allocvec(value).map_err(|e| SyncError::Malformed(e.to_string()))?;
    let packed = zstd::bulk::compress(&plain, LEVEL).map_err(|e| SyncError::Malformed(e.to_string()))?;
    if packed.len() > MAX_BODY_BYTES {
        return Err(SyncError::TooLarge);
    }
    Ok(packed)
}

pub fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, SyncError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(SyncError::TooLarge);
    }
    let plain = zstd::bulk::decompress(body, MAX_DECODED_BYTES).map_err(|e| SyncError::Malformed(e.to_string()))?;
    postcard::from_bytes(&plain).map_err(|e| SyncError::Malformed(e.to_string()))
}
