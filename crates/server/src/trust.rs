//! Whose changes a push carries, proven. Every batch is signed by the device that made it
//! (`langso_sync::envelope`); a batch counts only when its origin is a device of the
//! sender's commune, not revoked, and the signature is that device's. A hub (a volunteer's or
//! an official's device) may register, with the first batch it forwards of them, the devices
//! it enrolled itself, in its own commune and with a session role; it can never speak for a
//! device the receiver knows, nor give one another key.

use langso_core::replica::identity::{PublicKey, from_hex};
use langso_core::replica::merge::Rejection;
use langso_core::role::Role;
use langso_core::validate;
use langso_sync::envelope::{self, Envelope, Registration};
use langso_sync::protocol::EnrollRequest;
use uuid::Uuid;

use crate::ServerError;
use crate::storage::{Device, Known, Registered, Storage};

/// The roles a hub may register devices with: those of the session join codes it makes.
pub const REGISTRABLE: [Role; 3] = [Role::Villager, Role::Farmer, Role::Volunteer];

/// Longest device name kept, in characters.
pub const DEVICE_NAME_MAX: usize = 80;

/// The key an enrolling device registers, once it has proven it holds it and that it is the
/// key its node id was made from.
pub fn enrolling_key(request: &EnrollRequest) -> Result<PublicKey, ServerError> {
    let key = PublicKey::from_hex(&request.public_key).ok_or(ServerError::DeviceKey)?;
    let proof = from_hex(&request.proof).ok_or(ServerError::DeviceKey)?;
    let message = envelope::enrollment_message(request.node, request.code.trim());
    if !key.binds(request.node) || !key.verifies(&message, &proof) {
        return Err(ServerError::DeviceKey);
    }
    Ok(key)
}

fn staff(role: Role) -> bool {
    matches!(role, Role::Volunteer | Role::Official)
}

/// For each envelope, the stored device it is proven to come from, or why not. Devices a
/// hub registers are stored here, once their batch verifies.
pub fn origins(
    storage: &dyn Storage,
    sender: &Device,
    envelopes: &[Envelope],
    registrations: &[Registration],
    now: i64,
) -> Result<Vec<Result<Known, Rejection>>, ServerError> {
    let mut nodes: Vec<Uuid> = envelopes.iter().map(|e| e.origin).collect();
    nodes.sort_unstable();
    nodes.dedup();
    let mut known: Vec<(Uuid, Option<Known>)> = nodes.iter().copied().zip(storage.known_devices(&nodes)?).collect();
    let mut verdicts = Vec::with_capacity(envelopes.len());
    for envelope in envelopes {
        let slot = known.iter().position(|(n, _)| *n == envelope.origin).ok_or(ServerError::Unauthorized)?;
        let verdict = match &known[slot].1 {
            Some(found) => stored_origin(sender, found, envelope),
            None => match registered_origin(storage, sender, envelope, registrations, now)? {
                Ok(stored) => {
                    known[slot].1 = Some(stored.clone());
                    stored_origin(sender, &stored, envelope)
                }
                Err(why) => Err(why),
            },
        };
        verdicts.push(verdict);
    }
    Ok(verdicts)
}

fn stored_origin(sender: &Device, found: &Known, envelope: &Envelope) -> Result<Known, Rejection> {
    if found.revoked || found.device.commune_id != sender.commune_id {
        return Err(Rejection::UnknownDevice);
    }
    match found.device.public_key {
        Some(key) if envelope.is_signed_by(&key) => Ok(found.clone()),
        _ => Err(Rejection::BadSignature),
    }
}

/// Registers an origin the receiver has not met, if a hub of its commune registered it with
/// this push and its batch verifies with the registered key.
fn registered_origin(
    storage: &dyn Storage,
    sender: &Device,
    envelope: &Envelope,
    registrations: &[Registration],
    now: i64,
) -> Result<Result<Known, Rejection>, ServerError> {
    let offered: Vec<&Registration> = registrations.iter().filter(|r| r.node == envelope.origin).collect();
    if offered.is_empty() || !staff(sender.role) {
        return Ok(Err(Rejection::UnknownDevice));
    }
    // Of what is offered for the node, only a key it was made from, that signed the batch.
    let Some(registration) =
        offered.into_iter().find(|r| r.public_key.binds(r.node) && envelope.is_signed_by(&r.public_key))
    else {
        return Ok(Err(Rejection::BadSignature));
    };
    if !REGISTRABLE.contains(&registration.role) {
        return Ok(Err(Rejection::UnknownDevice));
    }
    let key = registration.public_key;
    let new = Registered {
        device: Device {
            node: registration.node,
            commune_id: sender.commune_id.clone(),
            role: registration.role,
            public_key: Some(key),
        },
        name: validate::display_name(&registration.name, DEVICE_NAME_MAX),
        by: sender.node,
    };
    Ok(Ok(storage.register(&new, now)?))
}
