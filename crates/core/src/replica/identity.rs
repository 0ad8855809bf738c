//! Who a replica is, provably: an Ed25519 key pair made on first open. The secret stays in the
//! store's file; the public key is registered when the device enrolls, and every batch of
//! changes the device pushes is signed with it, so that a hub forwarding the batch cannot
//! alter it or write in the device's name. A replica made with a key takes its node id from
//! the public key, so that no one can register another key for that node.

use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::Result;

/// Bytes of an Ed25519 signature.
pub const SIGNATURE_LEN: usize = 64;

/// Bytes as lowercase hex: how keys and signatures travel in JSON.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hex back to bytes; `None` for anything but pairs of hex digits.
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok()).collect()
}

/// A device's public key, as registered with its server or hub.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PublicKey(pub [u8; 32]);

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PublicKey({})", self.to_hex())
    }
}

impl PublicKey {
    pub fn from_slice(bytes: &[u8]) -> Option<PublicKey> {
        bytes.try_into().ok().map(PublicKey)
    }

    pub fn to_hex(&self) -> String {
        to_hex(&self.0)
    }

    pub fn from_hex(text: &str) -> Option<PublicKey> {
        PublicKey::from_slice(&from_hex(text)?)
    }

    /// The node id of a replica made with this key: a version-8 UUID from its SHA-256.
    pub fn node(&self) -> Uuid {
        let digest = Sha256::new().chain_update(b"langso/node/1").chain_update(self.0).finalize();
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        Uuid::new_v8(bytes)
    }

    /// Whether this key may speak for `node`. A node made from a key is bound to that key
    /// alone; a node made before replicas had keys (any other UUID version) is bound to the
    /// first key its server registered for it.
    pub fn binds(&self, node: Uuid) -> bool {
        node.get_version_num() != 8 || self.node() == node
    }

    /// Whether `signature` is this key's over `message` (strict verification: no malleable
    /// or weak-key signatures).
    pub fn verifies(&self, message: &[u8], signature: &[u8]) -> bool {
        let Ok(key) = VerifyingKey::from_bytes(&self.0) else { return false };
        let Ok(signature) = ed25519_dalek::Signature::from_slice(signature) else { return false };
        key.verify_strict(message, &signature).is_ok()
    }
}

/// This replica's key pair. Its `Debug` never shows the secret.
#[derive(Clone)]
pub struct Identity {
    key: SigningKey,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity").field("public_key", &self.public_key()).finish_non_exhaustive()
    }
}

impl Identity {
    /// A fresh key pair from the operating system's randomness. A replica makes its own on
    /// first open (`Store::identity`); tests make throwaway ones.
    pub fn generate() -> Identity {
        Identity { key: SigningKey::generate(&mut rand_core::OsRng) }
    }

    /// The key pair of a 32-byte secret kept elsewhere: a lesson pack publisher's, read
    /// from its key file.
    pub fn from_secret(secret: [u8; 32]) -> Identity {
        Identity { key: SigningKey::from_bytes(&secret) }
    }

    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.key.verifying_key().to_bytes())
    }

    /// Signs `message`; the signature is [`SIGNATURE_LEN`] bytes.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        self.key.sign(message).to_bytes().to_vec()
    }

    /// The store's key pair, made (from the operating system's randomness) if it has none.
    pub(crate) fn ensure(conn: &Connection) -> Result<Identity> {
        let found: Option<[u8; 32]> = conn.query_row("SELECT secret FROM device_key", [], |r| r.get(0)).optional()?;
        let key = match found {
            Some(secret) => SigningKey::from_bytes(&secret),
            None => {
                let made = Identity::generate();
                conn.execute("INSERT INTO device_key (singleton, secret) VALUES (1, ?1)", [made.key.to_bytes()])?;
                made.key
            }
        };
        Ok(Identity { key })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_its_key_and_message() {
        let (one, other) = (Identity::generate(), Identity::generate());
        let signature = one.sign(b"batch");
        assert_eq!(signature.len(), SIGNATURE_LEN);
        assert!(one.public_key().verifies(b"batch", &signature));
        assert!(!one.public_key().verifies(b"batcH", &signature));
        assert!(!other.public_key().verifies(b"batch", &signature));
        assert!(!one.public_key().verifies(b"batch", &signature[..63]));
    }

    #[test]
    fn a_key_binds_the_node_made_from_it_and_no_other_made_from_a_key() {
        let (one, other) = (Identity::generate().public_key(), Identity::generate().public_key());
        assert!(one.binds(one.node()));
        assert!(!one.binds(other.node()));
        assert!(one.binds(Uuid::new_v4()), "a node from before keys is bound on first registration");
        assert_eq!(PublicKey::from_hex(&one.to_hex()), Some(one));
        assert_eq!(PublicKey::from_hex("zz"), None);
        assert_eq!(from_hex("00ff10"), Some(vec![0, 255, 16]));
        assert_eq!(from_hex("0"), None);
        assert_eq!(from_hex("éé"), None);
    }
}
