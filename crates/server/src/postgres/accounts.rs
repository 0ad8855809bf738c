//! The server's own records in PostgreSQL: join codes, enrolled devices, unfinished uploads.
//! Only storage: what is admitted is decided by the caller.

use langso_core::replica::identity::PublicKey;
use langso_core::role::Role;
use langso_sync::protocol::DeviceEntry;
use postgres::{GenericClient, Row};
use uuid::Uuid;

use crate::ServerError;
use crate::join_codes::JoinCode;
use crate::storage::{Admit, Append, Chunk, Device, Enrolled, Known, NewDevice, Partial, Registered};

const LISTED: &str = "id, commune_id, role, created_at, expires_at, uses, max_uses, revoked";

fn listed(r: &Row) -> Result<Option<JoinCode>, ServerError> {
    let role: String = r.try_get("role")?;
    let Some(role) = Role::parse(&role) else { return Ok(None) };
    let count = |name: &str| -> Result<u32, ServerError> { Ok(u32::try_from(r.try_get::<_, i32>(name)?).unwrap_or(0)) };
    Ok(Some(JoinCode {
        id: r.try_get("id")?,
        commune_id: r.try_get("commune_id")?,
        role,
        created_at: r.try_get("created_at")?,
        expires_at: r.try_get("expires_at")?,
        uses: count("uses")?,
        max_uses: count("max_uses")?,
        revoked: r.try_get("revoked")?,
    }))
}

pub(super) fn enroll(
    client: &mut postgres::Client,
    code_hash: &str,
    node: Uuid,
    admit: &Admit<'_>,
) -> Result<NewDevice, ServerError> {
    let mut tx = client.transaction()?;
    let code = match tx
        .query_opt(&format!("SELECT {LISTED} FROM join_codes WHERE code_hash = $1 FOR UPDATE"), &[&code_hash])?
    {
        Some(row) => listed(&row)?,
        None => None,
    };
    let enrolled = tx
        .query_opt(
            "SELECT token_hash, commune_id, revoked_at IS NOT NULL, public_key FROM devices WHERE node = $1 FOR UPDATE",
            &[&node],
        )?
        .map(|r| -> Result<Enrolled, ServerError> {
            Ok(Enrolled {
                token_hash: r.try_get(0)?,
                commune_id: r.try_get(1)?,
                revoked: r.try_get(2)?,
                public_key: key(r.try_get(3)?),
            })
        })
        .transpose()?;
    let new = admit(code.as_ref(), enrolled.as_ref())?;
    if let Some(code) = &code {
        tx.execute("UPDATE join_codes SET uses = uses + 1 WHERE id = $1", &[&code.id])?;
    }
    let public_key = new.device.public_key.map(|k| k.0.to_vec());
    tx.execute(
        "INSERT INTO devices (node, token_hash, commune_id, role, name, enrolled_at, public_key)
         VALUES ($1, $2, $3, $4, $5, extract(epoch FROM now())::bigint, $6)
         ON CONFLICT (node) DO UPDATE SET token_hash = excluded.token_hash, role = excluded.role,
           name = excluded.name, public_key = coalesce(devices.public_key, excluded.public_key)",
        &[&node, &new.token_hash, &new.device.commune_id, &new.device.role.as_str(), &new.name, &public_key],
    )?;
    tx.commit()?;
    Ok(new)
}

fn key(bytes: Option<Vec<u8>>) -> Option<PublicKey> {
    bytes.as_deref().and_then(PublicKey::from_slice)
}

const KNOWN: &str = "node, commune_id, role, public_key, name, revoked_at IS NOT NULL, last_seen_at, app_version";

fn known(row: &Row) -> Result<Option<Known>, ServerError> {
    let role: String = row.try_get(2)?;
    let Some(role) = Role::parse(&role) else { return Ok(None) };
    Ok(Some(Known {
        device: Device { node: row.try_get(0)?, commune_id: row.try_get(1)?, role, public_key: key(row.try_get(3)?) },
        name: row.try_get(4)?,
        revoked: row.try_get(5)?,
        last_seen_at: row.try_get(6)?,
        app_version: row.try_get(7)?,
    }))
}

pub(super) fn device(client: &mut impl GenericClient, token_hash: &str) -> Result<Option<Known>, ServerError> {
    match client.query_opt(&format!("SELECT {KNOWN} FROM devices WHERE token_hash = $1"), &[&token_hash])? {
        Some(row) => known(&row),
        None => Ok(None),
    }
}

pub(super) fn known_devices(
    client: &mut impl GenericClient,
    nodes: &[Uuid],
) -> Result<Vec<Option<Known>>, ServerError> {
    let rows = client.query(&format!("SELECT {KNOWN} FROM devices WHERE node = ANY($1)"), &[&nodes])?;
    let mut found = std::collections::HashMap::new();
    for row in &rows {
        if let Some(k) = known(row)? {
            found.insert(k.device.node, k);
        }
    }
    Ok(nodes.iter().map(|n| found.get(n).cloned()).collect())
}

pub(super) fn register(client: &mut postgres::Client, new: &Registered, now: i64) -> Result<Known, ServerError> {
    let device = &new.device;
    let public_key = device.public_key.map(|k| k.0.to_vec());
    client.execute(
        "INSERT INTO devices (node, commune_id, role, name, public_key, enrolled_at, registered_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (node) DO NOTHING",
        &[&device.node, &device.commune_id, &device.role.as_str(), &new.name, &public_key, &now, &new.by],
    )?;
    known_devices(client, &[device.node])?
        .into_iter()
        .flatten()
        .next()
        .ok_or_else(|| ServerError::Corrupt(format!("device {} not stored", device.node)))
}

pub(super) fn revoked_in(client: &mut impl GenericClient, commune: &str) -> Result<Vec<Uuid>, ServerError> {
    let rows = client.query(
        "SELECT node FROM devices WHERE commune_id = $1 AND revoked_at IS NOT NULL ORDER BY node",
        &[&commune],
    )?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

pub(super) fn devices_in(client: &mut impl GenericClient, commune: &str) -> Result<Vec<DeviceEntry>, ServerError> {
    let rows = client.query(
        "SELECT d.node, d.name, d.role, d.enrolled_at, d.last_seen_at, d.app_version, d.revoked_at,
           d.registered_by, hub.name
         FROM devices d LEFT JOIN devices hub ON hub.node = d.registered_by
         WHERE d.commune_id = $1 ORDER BY d.node",
        &[&commune],
    )?;
    let mut devices = Vec::with_capacity(rows.len());
    for r in &rows {
        let role: String = r.try_get(2)?;
        let Some(role) = Role::parse(&role) else { continue };
        devices.push(DeviceEntry {
            node: r.try_get(0)?,
            name: r.try_get(1)?,
            role,
            enrolled_at: r.try_get(3)?,
            last_seen_at: r.try_get(4)?,
            app_version: r.try_get(5)?,
            revoked_at: r.try_get(6)?,
            registered_by: r.try_get(7)?,
            hub_name: r.try_get(8)?,
        });
    }
    Ok(devices)
}

pub(super) fn seen(
    client: &mut impl GenericClient,
    node: Uuid,
    at: i64,
    app_version: Option<&str>,
) -> Result<(), ServerError> {
    client.execute(
        "UPDATE devices SET last_seen_at = $2, app_version = coalesce($3, app_version) WHERE node = $1",
        &[&node, &at, &app_version],
    )?;
    Ok(())
}

pub(super) fn revoke_device(client: &mut impl GenericClient, node: Uuid, now: i64) -> Result<bool, ServerError> {
    Ok(client.execute("UPDATE devices SET revoked_at = $2 WHERE node = $1 AND revoked_at IS NULL", &[&node, &now])?
        == 1)
}

pub(super) fn insert_code(
    client: &mut impl GenericClient,
    code_hash: &str,
    code: &JoinCode,
) -> Result<(), ServerError> {
    let max_uses = i32::try_from(code.max_uses).unwrap_or(i32::MAX);
    client.execute(
        "INSERT INTO join_codes (code_hash, id, commune_id, role, created_at, expires_at, max_uses)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[&code_hash, &code.id, &code.commune_id, &code.role.as_str(), &code.created_at, &code.expires_at, &max_uses],
    )?;
    Ok(())
}

pub(super) fn codes(client: &mut impl GenericClient, commune: Option<&str>) -> Result<Vec<JoinCode>, ServerError> {
    let rows = client.query(
        &format!(
            "SELECT {LISTED} FROM join_codes WHERE $1::text IS NULL OR commune_id = $1
             ORDER BY created_at DESC, id"
        ),
        &[&commune],
    )?;
    let mut codes = Vec::new();
    for row in rows {
        codes.extend(listed(&row)?);
    }
    Ok(codes)
}

pub(super) fn revoke_code(client: &mut impl GenericClient, id: &str) -> Result<bool, ServerError> {
    Ok(client.execute("UPDATE join_codes SET revoked = true WHERE id = $1 AND NOT revoked", &[&id])? == 1)
}

pub(super) fn upload_len(
    client: &mut impl GenericClient,
    node: Uuid,
    hash: &str,
    since: i64,
) -> Result<Option<usize>, ServerError> {
    let held = client.query_opt(
        "SELECT length(data)::bigint FROM uploads WHERE node = $1 AND hash = $2 AND touched_at > $3",
        &[&node, &hash, &since],
    )?;
    Ok(held.map(|r| usize::try_from(r.get::<_, i64>(0)).unwrap_or(0)))
}

pub(super) fn append_upload(
    client: &mut postgres::Client,
    chunk: &Chunk<'_>,
    now: i64,
    expired: i64,
    append: &Append<'_>,
) -> Result<Option<Vec<u8>>, ServerError> {
    let mut tx = client.transaction()?;
    tx.execute("DELETE FROM uploads WHERE touched_at <= $1", &[&expired])?;
    let held = tx
        .query_opt(
            "SELECT data, mime, total FROM uploads WHERE node = $1 AND hash = $2 FOR UPDATE",
            &[&chunk.node, &chunk.hash],
        )?
        .map(|r| -> Result<Partial, ServerError> {
            Ok(Partial {
                data: r.try_get(0)?,
                mime: r.try_get(1)?,
                total: usize::try_from(r.try_get::<_, i64>(2)?).unwrap_or(0),
            })
        })
        .transpose()?;
    let others: i64 = tx
        .query_one(
            "SELECT coalesce(sum(length(data)), 0)::bigint FROM uploads WHERE node = $1 AND hash <> $2",
            &[&chunk.node, &chunk.hash],
        )?
        .try_get(0)?;
    let data = append(held, usize::try_from(others).unwrap_or(usize::MAX))?;
    let total = i64::try_from(chunk.total).unwrap_or(i64::MAX);
    if data.len() < chunk.total {
        tx.execute(
            "INSERT INTO uploads (node, hash, mime, total, data, touched_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (node, hash) DO UPDATE SET mime = excluded.mime, total = excluded.total,
               data = excluded.data, touched_at = excluded.touched_at",
            &[&chunk.node, &chunk.hash, &chunk.mime, &total, &data, &now],
        )?;
        tx.commit()?;
        return Ok(None);
    }
    tx.execute("DELETE FROM uploads WHERE node = $1 AND hash = $2", &[&chunk.node, &chunk.hash])?;
    tx.commit()?;
    Ok(Some(data))
}

pub(super) fn add_uploader(client: &mut impl GenericClient, hash: &str, node: Uuid) -> Result<(), ServerError> {
    client
        .execute("INSERT INTO blob_uploaders (hash, node) VALUES ($1, $2) ON CONFLICT DO NOTHING", &[&hash, &node])?;
    Ok(())
}

pub(super) fn uploaded(client: &mut impl GenericClient, hash: &str, node: Uuid) -> Result<bool, ServerError> {
    Ok(client
        .query_one("SELECT EXISTS (SELECT 1 FROM blob_uploaders WHERE hash = $1 AND node = $2)", &[&hash, &node])?
        .try_get(0)?)
}

/// Writes another server's records as they are, in the caller's transaction.
pub(super) fn import(
    tx: &mut postgres::Transaction<'_>,
    accounts: &crate::migrate::Accounts,
) -> Result<(), ServerError> {
    for d in &accounts.devices {
        tx.execute(
            "INSERT INTO devices (node, token_hash, commune_id, role, name, enrolled_at, revoked_at, public_key,
               registered_by, last_seen_at, app_version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            &[
                &d.node,
                &d.token_hash,
                &d.commune_id,
                &d.role,
                &d.name,
                &d.enrolled_at,
                &d.revoked_at,
                &d.public_key,
                &d.registered_by,
                &d.last_seen_at,
                &d.app_version,
            ],
        )?;
    }
    for (hash, code) in &accounts.codes {
        insert_code(tx, hash, code)?;
        let uses = i32::try_from(code.uses).unwrap_or(i32::MAX);
        tx.execute("UPDATE join_codes SET uses = $2, revoked = $3 WHERE id = $1", &[&code.id, &uses, &code.revoked])?;
    }
    for (hash, node) in &accounts.uploaders {
        add_uploader(tx, hash, *node)?;
    }
    Ok(())
}
