//! The server's logic, written once over any [`Storage`]: enrollment, push and pull under
//! the rules, blobs, the lesson pack and administration. The routes and the command line call
//! it; engines only store.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use langso_core::Store;
use langso_core::learning::pack::Pack;
use langso_core::market::inquiry::{NewInquiry, inquiry_changes};
use langso_core::places::{Commune, NewCommune, Village};
use langso_core::replica::change::{Change, ChangeBody};
use langso_core::replica::clock::wall_stamp;
use langso_core::replica::merge::{ApplyReport, Rejection};
use langso_core::replica::relay::Relayed;
use langso_core::role::Role;
use langso_core::time::now_ms;
use langso_core::validate;
use langso_sync::envelope::Envelope;
use langso_sync::protocol::{EnrollRequest, PushRequest};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::join_codes::{self, CodeLimits, JoinCode, MAX_USES, MAX_VALIDITY, NewCode};
use crate::storage::{CellKey, Chunk, Device, Known, NewDevice, Storage};
use crate::trust::{self, DEVICE_NAME_MAX};
use crate::{ServerError, rules, uploads};

/// The node the public pages write buyers' inquiries as: no device's, and the same on every
/// server, so that a record says where it came from.
const PUBLIC_PAGES: Uuid = Uuid::from_u128(0x1a9_5005_0000_4000_8000_0000_0000_0001);

/// How many log pages one pull may scan looking for changes the device may see.
const PAGES_PER_PULL: usize = 8;

/// Secrets (codes, tokens) are kept only as their SHA-256.
pub(crate) fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Unix seconds: the server's records (codes, devices, uploads) are dated in seconds.
pub(crate) fn now_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// What a push did: the merge's report, and the stored version of each refused column of the
/// sender's own that the sender may see, for it to take back.
#[derive(Debug, Clone, PartialEq)]
pub struct Pushed {
    pub report: ApplyReport,
    pub current: Vec<Change>,
}

/// What a pull hands back.
#[derive(Debug, Clone, PartialEq)]
pub struct PullPage {
    pub changes: Vec<Change>,
    pub cursor: u64,
    pub more: bool,
    /// With the last page, to staff: the commune's revoked devices.
    pub revoked: Vec<Uuid>,
}

#[derive(Debug, Clone)]
pub struct Service {
    storage: Arc<dyn Storage>,
    /// A hub's own store, where it keeps the signed batches it receives to forward them.
    relay: Option<Arc<Store>>,
}

impl Service {
    pub fn new(storage: Arc<dyn Storage>) -> Service {
        Service { storage, relay: None }
    }

    /// A hub's service: every signed batch it accepts is also kept in `store`, as received,
    /// to go upstream with the hub's next sync.
    pub fn relaying(storage: Arc<dyn Storage>, store: Arc<Store>) -> Service {
        Service { storage, relay: Some(store) }
    }

    pub fn storage(&self) -> &dyn Storage {
        self.storage.as_ref()
    }

    /// Trades a join code for a device token (the server keeps only its hash). The device
    /// registers its public key, proving it holds it. A node that is known already needs its
    /// current token or its registered key (and stays in its commune); a revoked node never
    /// enrolls again. A refused enrollment uses up nothing of the code.
    pub fn enroll(&self, request: &EnrollRequest) -> Result<(Device, String), ServerError> {
        let key = trust::enrolling_key(request)?;
        let token = format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple());
        let name = validate::display_name(&request.device_name, DEVICE_NAME_MAX);
        let now = now_secs();
        let current_token = request.device_token.as_deref();
        let admit = |code: Option<&JoinCode>, enrolled: Option<&crate::storage::Enrolled>| {
            // The code first, so that a caller without one learns nothing about devices.
            let code = code.filter(|c| c.usable(now)).ok_or(ServerError::BadCode)?;
            // A node id is no secret (it is in the clock of every row it wrote): enrolling it
            // again takes its current token or its key, stays in its commune, and a
            // revocation is final.
            if let Some(enrolled) = enrolled {
                if enrolled.revoked {
                    return Err(ServerError::DeviceRevoked);
                }
                let by_token = current_token.is_some_and(|t| enrolled.token_hash.as_deref() == Some(hash(t).as_str()));
                let by_key = enrolled.public_key == Some(key);
                let other_key = enrolled.public_key.is_some_and(|k| k != key);
                if !(by_token || by_key) || other_key || enrolled.commune_id != code.commune_id {
                    return Err(ServerError::DeviceEnrolled);
                }
            }
            Ok(NewDevice {
                device: Device {
                    node: request.node,
                    commune_id: code.commune_id.clone(),
                    role: code.role,
                    public_key: Some(key),
                },
                token_hash: hash(&token),
                name: name.clone(),
            })
        };
        let enrolled = self.storage.enroll(&hash(&join_codes::normalise(&request.code)), request.node, &admit)?;
        Ok((enrolled.device, token))
    }

    /// The device a token belongs to: `None` if unknown, refused if revoked.
    pub fn device(&self, token: &str) -> Result<Option<Device>, ServerError> {
        Ok(self.caller(token)?.map(|k| k.device))
    }

    /// The device a token belongs to as stored (its name, when it was last seen): `None` if
    /// unknown, refused if revoked.
    pub fn caller(&self, token: &str) -> Result<Option<Known>, ServerError> {
        match self.storage.device(&hash(token))? {
            Some(known) if known.revoked => Err(ServerError::DeviceRevoked),
            found => Ok(found),
        }
    }

    /// Applies the signed batches of a push, in one transaction: each batch only if its
    /// origin is proven (see `trust`), each change only if the rules let its origin make it;
    /// the rest are rejected one by one, by their index among all the batches' changes.
    pub fn push(&self, sender: &Device, request: &PushRequest) -> Result<Pushed, ServerError> {
        let storage = self.storage();
        let mut changes: Vec<Change> = Vec::new();
        let mut spans = Vec::with_capacity(request.envelopes.len());
        for envelope in &request.envelopes {
            let start = changes.len();
            changes.extend(envelope.changes().map_err(|e| ServerError::Malformed(e.to_string()))?);
            spans.push(start..changes.len());
        }
        let origins = trust::origins(storage, sender, &request.envelopes, &request.devices, now_secs())?;
        let mut refused: Vec<(usize, Rejection)> = Vec::new();
        let mut actors: Vec<Device> = Vec::new();
        for ((envelope, span), origin) in request.envelopes.iter().zip(&spans).zip(origins) {
            match origin {
                Ok(known) => {
                    refused.extend(
                        span.clone()
                            .filter(|i| changes[*i].stamp.node != envelope.origin)
                            .map(|i| (i, Rejection::ForgedOrigin)),
                    );
                    self.keep_for_upstream(envelope, &known)?;
                    if !actors.iter().any(|a| a.node == known.device.node) {
                        actors.push(known.device);
                    }
                }
                Err(why) => refused.extend(span.clone().map(|i| (i, why.clone()))),
            }
        }
        // A change relayed from another device and held already is a no-op, whatever the
        // relayer's rights. The sender's own changes pass the rules as they did the first
        // time and merge as no-ops, so they need no look.
        let proven: Vec<usize> = (0..changes.len()).filter(|i| !refused.iter().any(|(r, _)| r == i)).collect();
        let relayed: Vec<usize> = proven.iter().copied().filter(|i| changes[*i].stamp.node != sender.node).collect();
        let mut held = vec![false; changes.len()];
        if !relayed.is_empty() {
            let batch: Vec<Change> = relayed.iter().map(|i| changes[*i].clone()).collect();
            for (i, is_held) in relayed.iter().zip(storage.holds(&sender.commune_id, &batch)?) {
                held[*i] = is_held;
            }
        }
        let fresh: Vec<usize> = proven.into_iter().filter(|i| !held[*i]).collect();
        let candidates: Vec<Change> = fresh.iter().map(|i| changes[*i].clone()).collect();
        let checked = rules::check_push(storage, &sender.commune_id, &actors, &candidates)?;
        let forbidden: Vec<usize> = checked.rejected.iter().map(|(i, _)| fresh[*i]).collect();
        refused.extend(checked.rejected.into_iter().map(|(i, why)| (fresh[i], why)));
        let mut allowed: Vec<usize> = Vec::new();
        let mut readers = Vec::new();
        for (index, reader) in fresh.into_iter().zip(checked.readers) {
            if !forbidden.contains(&index) {
                allowed.push(index);
                readers.push(reader);
            }
        }
        let batch: Vec<Change> = allowed.iter().map(|i| changes[*i].clone()).collect();
        let mut report = storage.apply(&sender.commune_id, &batch, &readers)?;
        report.unchanged += held.iter().filter(|h| **h).count();
        // The merge numbered its rejections within the allowed changes; renumber them.
        for (index, _) in &mut report.rejected {
            *index = allowed[*index];
        }
        report.rejected.extend(refused);
        report.rejected.sort_by_key(|(i, _)| *i);
        let own: Vec<&Change> =
            report.rejected.iter().map(|(i, _)| &changes[*i]).filter(|c| c.stamp.node == sender.node).collect();
        let current = self.current_versions(sender, &own)?;
        Ok(Pushed { report, current })
    }

    /// The stored versions of the columns these changes wrote, as far as `device` may see them.
    fn current_versions(&self, device: &Device, changes: &[&Change]) -> Result<Vec<Change>, ServerError> {
        let keys: Vec<CellKey<'_>> = changes
            .iter()
            .filter_map(|c| match &c.body {
                ChangeBody::Column { column, .. } => Some(CellKey { table: &c.table, row: &c.row, column }),
                ChangeBody::Fact { .. } => None,
            })
            .collect();
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let stored = self.storage.cells(&device.commune_id, &keys)?;
        let versions = keys
            .iter()
            .zip(stored)
            .filter_map(|(key, cell)| {
                let cell = cell?;
                Some(Change {
                    table: key.table.to_owned(),
                    row: key.row.to_owned(),
                    stamp: cell.stamp,
                    body: ChangeBody::Column { column: key.column.to_owned(), value: cell.value },
                })
            })
            .collect();
        rules::seen_by(self.storage(), device, versions)
    }

    /// On a hub, keeps a proven batch of another device, as received, to forward upstream
    /// with its origin's registration.
    fn keep_for_upstream(&self, envelope: &Envelope, origin: &Known) -> Result<(), ServerError> {
        let (Some(store), Some(public_key)) = (&self.relay, origin.device.public_key) else { return Ok(()) };
        if envelope.origin == store.node_id() {
            return Ok(());
        }
        store.keep_relayed(&Relayed {
            origin: envelope.origin,
            role: origin.device.role,
            public_key,
            name: origin.name.clone(),
            envelope: envelope.to_bytes().map_err(|e| ServerError::Encode(e.to_string()))?,
        })?;
        Ok(())
    }

    /// The changes after `cursor` the device may see, not its own.
    pub fn pull(&self, device: &Device, cursor: u64, max_entries: usize) -> Result<PullPage, ServerError> {
        let mut page = PullPage { changes: Vec::new(), cursor, more: true, revoked: Vec::new() };
        for _ in 0..PAGES_PER_PULL {
            let log = self.storage.page(&device.commune_id, page.cursor, max_entries, rules::narrowed_to(device))?;
            page.changes.extend(rules::visible(self.storage(), device, log.changes)?);
            page.cursor = log.cursor;
            page.more = log.more;
            if !page.more || !page.changes.is_empty() {
                break;
            }
        }
        if !page.more && matches!(device.role, Role::Volunteer | Role::Official) {
            page.revoked = self.storage.revoked_in(&device.commune_id)?;
        }
        Ok(page)
    }

    /// How many bytes of a blob the device has uploaded: `None` once the server holds it
    /// whole and the device may see it.
    pub fn blob_received(&self, device: &Device, hash: &str) -> Result<Option<usize>, ServerError> {
        if !langso_core::replica::blob::is_hash(hash) {
            return Err(ServerError::Upload(crate::error::UploadRefusal::Name));
        }
        if self.storage.has_blob(hash)? && rules::may_fetch(self.storage(), device, hash)? {
            return Ok(None);
        }
        let since = now_secs() - uploads::EXPIRY_SECS;
        Ok(Some(self.storage.upload_len(device.node, hash, since)?.unwrap_or(0)))
    }

    /// Takes the next chunk of a device's upload; returns whether the blob is now whole (and
    /// checked).
    pub fn receive_blob(
        &self,
        device: &Device,
        hash: &str,
        mime: &str,
        total: usize,
        offset: usize,
        bytes: &[u8],
    ) -> Result<bool, ServerError> {
        let chunk = Chunk { node: device.node, hash, mime, total, offset, bytes };
        uploads::check_chunk(&chunk)?;
        let now = now_secs();
        let append = |held, others| uploads::append(&chunk, held, others);
        let Some(data) = self.storage.append_upload(&chunk, now, now - uploads::EXPIRY_SECS, &append)? else {
            return Ok(false);
        };
        uploads::check_whole(hash, mime, &data)?;
        self.storage.put_blob(&data, mime)?;
        self.storage.add_uploader(hash, device.node)?;
        Ok(true)
    }

    /// A whole blob and its type, if the device may see it.
    pub fn blob(&self, device: &Device, hash: &str) -> Result<Option<(Vec<u8>, String)>, ServerError> {
        // Checked before any engine sees it: PostgreSQL refuses text with a NUL in it.
        if !langso_core::replica::blob::is_hash(hash) {
            return Err(ServerError::Upload(crate::error::UploadRefusal::Name));
        }
        if !rules::may_fetch(self.storage(), device, hash)? {
            return Ok(None);
        }
        self.storage.blob(hash)
    }

    /// Publishes (or upgrades) the lesson pack, if one of the programme's publishers signed
    /// it.
    pub fn publish(&self, pack: &Pack) -> Result<ApplyReport, ServerError> {
        if !langso_sync::envelope::pack_is_trusted(pack) {
            return Err(ServerError::UnsignedPack);
        }
        self.storage.publish(pack)
    }

    pub fn communes(&self) -> Result<Vec<Commune>, ServerError> {
        self.storage.communes()
    }

    pub fn create_commune(&self, new: &NewCommune) -> Result<Commune, ServerError> {
        self.storage.create_commune(new)
    }

    pub fn create_village(&self, commune_id: &str, name: &str) -> Result<Village, ServerError> {
        self.storage.create_village(commune_id, name)
    }

    /// Revokes a device (a lost phone): its token stops working at once, and its node can
    /// never enroll again.
    pub fn revoke_device(&self, node: Uuid) -> Result<bool, ServerError> {
        self.storage.revoke_device(node, now_secs())
    }

    pub fn create_code(&self, commune_id: &str, role: Role) -> Result<String, ServerError> {
        Ok(self.create_code_with(commune_id, role, CodeLimits::for_role(role))?.code)
    }

    pub fn create_code_with(&self, commune_id: &str, role: Role, limits: CodeLimits) -> Result<NewCode, ServerError> {
        if !self.storage.communes()?.iter().any(|c| c.id == commune_id) {
            return Err(ServerError::UnknownCommune(commune_id.to_owned()));
        }
        if limits.uses == 0 || limits.uses > MAX_USES || limits.valid_for.is_zero() || limits.valid_for > MAX_VALIDITY {
            return Err(ServerError::CodeLimits { max_days: MAX_VALIDITY.as_secs() / 86_400, max_uses: MAX_USES });
        }
        let code = join_codes::random_code();
        let now = now_secs();
        let listed = JoinCode {
            id: Uuid::new_v4().simple().to_string()[..12].to_owned(),
            commune_id: commune_id.to_owned(),
            role,
            created_at: now,
            expires_at: now.saturating_add(i64::try_from(limits.valid_for.as_secs()).unwrap_or(i64::MAX)),
            uses: 0,
            max_uses: limits.uses,
            revoked: false,
        };
        self.storage.insert_code(&hash(&join_codes::normalise(&code)), &listed)?;
        Ok(NewCode { code: format!("{}-{}", &code[..4], &code[4..]), listed })
    }

    pub fn codes(&self, commune_id: Option<&str>) -> Result<Vec<JoinCode>, ServerError> {
        self.storage.codes(commune_id)
    }

    pub fn revoke_code(&self, id: &str) -> Result<bool, ServerError> {
        self.storage.revoke_code(id)
    }

    /// A buyer's inquiry from the public pages, about a published product: written into the
    /// product's commune as the server's own change, it reaches the farmer's phone with its
    /// next sync. Returns the inquiry's id.
    pub fn receive_inquiry(&self, new: &NewInquiry) -> Result<String, ServerError> {
        let product = self.storage.market_product(&new.listing_id)?.ok_or(ServerError::NotFound)?;
        let commune = product.card.commune_id;
        let (id, changes) = inquiry_changes(new, &commune, wall_stamp(PUBLIC_PAGES), now_ms())?;
        self.merge_as_server(&commune, &changes)?;
        Ok(id)
    }

    /// Merges changes the server itself makes (a buyer's inquiry from the public pages, data
    /// made on another replica) into a commune, past the rules that bind devices.
    pub fn merge_as_server(&self, commune: &str, changes: &[Change]) -> Result<ApplyReport, ServerError> {
        let readers = rules::readers_of(self.storage(), commune, changes)?;
        self.storage.apply(commune, changes, &readers)
    }

    /// Copies every change this server holds, of every commune, into `store`: to read the
    /// server's data with the store's own queries, or to compare two servers.
    pub fn copy_into(&self, store: &Store) -> Result<(), ServerError> {
        self.storage.export(&mut |changes| {
            store.apply(&changes)?;
            Ok(())
        })
    }
}
