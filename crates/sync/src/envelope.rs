//! Proof of origin that survives relaying. A device signs each batch of its own changes it
//! pushes; a hub keeps the signed batch as received and forwards it unchanged, and whoever
//! applies it (a hub, the server) checks the signature against the key the origin registered
//! when it enrolled. Changing a byte of the batch, or writing in another device's name,
//! breaks the signature.

use langso_core::learning::pack::Pack;
use langso_core::replica::change::Change;
use langso_core::replica::identity::{Identity, PublicKey, SIGNATURE_LEN};
use langso_core::role::Role;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::SyncError;
use crate::protocol::Batch;

/// What a batch's signature covers besides the batch: the purpose, so that a signature made
/// for anything else (an enrollment) never passes for a batch, and the origin.
const CONTEXT: &[u8] = b"langso/envelope/1";

/// A batch of changes of one origin, signed by it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub origin: Uuid,
    /// A [`Batch`], postcard-encoded: the bytes signed, kept and forwarded as they are.
    body: Vec<u8>,
    signature: Vec<u8>,
}

/// A device a hub enrolled, as the hub registers it upstream along with the batches it
/// forwards: the upstream learns the device's role and key from its first forwarded batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    pub node: Uuid,
    pub role: Role,
    pub public_key: PublicKey,
    pub name: String,
}

fn message(origin: Uuid, body: &[u8]) -> Vec<u8> {
    [CONTEXT, origin.as_bytes(), body].concat()
}

impl Envelope {
    /// Signs a batch of changes that all have `origin` (this replica's node) as their origin.
    pub fn seal(identity: &Identity, origin: Uuid, changes: &[Change]) -> Result<Envelope, SyncError> {
        let body =
            postcard::to_allocvec(&Batch::from_changes(changes)?).map_err(|e| SyncError::Malformed(e.to_string()))?;
        let signature = identity.sign(&message(origin, &body));
        Ok(Envelope { origin, body, signature })
    }

    /// The changes inside, unverified: a receiver counts them before it decides on them.
    pub fn changes(&self) -> Result<Vec<Change>, SyncError> {
        postcard::from_bytes::<Batch>(&self.body).map_err(|e| SyncError::Malformed(e.to_string()))?.into_changes()
    }

    /// Whether `key` signed this batch for its origin.
    pub fn is_signed_by(&self, key: &PublicKey) -> bool {
        self.signature.len() == SIGNATURE_LEN && key.verifies(&message(self.origin, &self.body), &self.signature)
    }

    /// The envelope as bytes, to keep it for forwarding.
    pub fn to_bytes(&self) -> Result<Vec<u8>, SyncError> {
        postcard::to_allocvec(self).map_err(|e| SyncError::Malformed(e.to_string()))
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Envelope, SyncError> {
        postcard::from_bytes(bytes).map_err(|e| SyncError::Malformed(e.to_string()))
    }
}

/// The keys of the programme's lesson pack publishers: a pack signed by one of them may be
/// published on a server and installed from an app's bundle. Its secret is kept by the
/// publisher, never in the repository (see `assets/lessons/README.md`).
pub const PUBLISHER_KEYS: [&str; 1] = ["7aca02bc71a2f7fde8a1bf253d4ad9266e2adfd60e999db48d6d8708606efb4d"];

fn pack_body(pack: &Pack) -> Result<Vec<u8>, SyncError> {
    postcard::to_allocvec(&Batch::from_changes(&pack.changes())?).map_err(|e| SyncError::Malformed(e.to_string()))
}

/// Signs a lesson pack the way a device signs a batch: the publisher signs the pack's
/// changes, under the pack's publisher node.
pub fn sign_pack(publisher: &Identity, pack: &Pack) -> Result<Vec<u8>, SyncError> {
    Ok(publisher.sign(&message(pack.publisher, &pack_body(pack)?)))
}

/// Whether one of the programme's publishers signed this pack, unaltered.
pub fn pack_is_trusted(pack: &Pack) -> bool {
    let (Some(signature), Ok(body)) = (&pack.signature, pack_body(pack)) else { return false };
    let envelope = Envelope { origin: pack.publisher, body, signature: signature.clone() };
    PUBLISHER_KEYS.iter().filter_map(|k| PublicKey::from_hex(k)).any(|key| envelope.is_signed_by(&key))
}

/// What a device signs when it enrolls: proof that it holds the key it registers.
pub fn enrollment_message(node: Uuid, code: &str) -> Vec<u8> {
    [b"langso/enroll/1".as_slice(), node.as_bytes(), code.as_bytes()].concat()
}

#[cfg(test)]
mod tests {
    use langso_core::Store;
    use langso_core::replica::change::ChangeBody;
    use langso_core::replica::clock::Stamp;
    use langso_core::replica::value::Value;

    use super::*;

    fn change(node: Uuid, name: &str) -> Change {
        Change {
            table: "villages".into(),
            row: Uuid::now_v7().to_string(),
            stamp: Stamp { hlc: 1 << 40, node },
            body: ChangeBody::Column { column: "name".into(), value: Value::Text(name.into()) },
        }
    }

    #[test]
    fn an_envelope_opens_only_for_its_signer_and_unaltered() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(&dir.path().join("a.sqlite3")).expect("store");
        let other = Store::open(&dir.path().join("b.sqlite3")).expect("store");
        let node = store.node_id();
        let sealed = Envelope::seal(store.identity(), node, &[change(node, "Bản Lác")]).expect("seal");
        let key = store.identity().public_key();
        assert_eq!(key.node(), node, "a new replica's node comes from its key");
        assert!(sealed.is_signed_by(&key));
        assert!(!sealed.is_signed_by(&other.identity().public_key()));
        let kept = Envelope::from_bytes(&sealed.to_bytes().expect("bytes")).expect("read back");
        assert!(kept.is_signed_by(&key), "kept and read back, it still verifies");

        let mut altered = sealed.clone();
        let last = altered.body.len() - 1;
        altered.body[last] ^= 1;
        assert!(!altered.is_signed_by(&key));
        let mut renamed = sealed.clone();
        renamed.origin = other.node_id();
        assert!(!renamed.is_signed_by(&key));
        let mut cut = sealed;
        cut.signature.truncate(10);
        assert!(!cut.is_signed_by(&key));
    }
}
