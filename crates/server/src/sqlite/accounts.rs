//! The server's own records in `server.sqlite3`: join codes, enrolled devices, unfinished
//! uploads. Only storage: what is admitted is decided by the caller.

use langso_core::replica::identity::PublicKey;
use langso_core::role::Role;
use langso_sync::protocol::DeviceEntry;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use uuid::Uuid;

use crate::ServerError;
use crate::join_codes::JoinCode;
use crate::storage::{Admit, Append, Chunk, Device, Enrolled, Known, NewDevice, Partial, Registered};

const LISTED: &str = "id, commune_id, role, created_at, expires_at, uses, max_uses, revoked";

fn listed(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<JoinCode>> {
    let role: String = r.get(2)?;
    let Some(role) = Role::parse(&role) else { return Ok(None) };
    Ok(Some(JoinCode {
        id: r.get(0)?,
        commune_id: r.get(1)?,
        role,
        created_at: r.get(3)?,
        expires_at: r.get(4)?,
        uses: r.get(5)?,
        max_uses: r.get(6)?,
        revoked: r.get(7)?,
    }))
}

pub(super) fn enroll(
    admin: &mut Connection,
    code_hash: &str,
    node: Uuid,
    admit: &Admit<'_>,
) -> Result<NewDevice, ServerError> {
    let tx = admin.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let code = tx
        .query_row(&format!("SELECT {LISTED} FROM join_codes WHERE code_hash = ?1"), [code_hash], listed)
        .optional()?
        .flatten();
    let enrolled = tx
        .query_row(
            "SELECT token_hash, commune_id, revoked_at IS NOT NULL, public_key FROM devices WHERE node = ?1",
            [node.as_bytes()],
            |r| {
                Ok(Enrolled {
                    token_hash: r.get(0)?,
                    commune_id: r.get(1)?,
                    revoked: r.get(2)?,
                    public_key: r.get::<_, Option<[u8; 32]>>(3)?.map(PublicKey),
                })
            },
        )
        .optional()?;
    let new = admit(code.as_ref(), enrolled.as_ref())?;
    if let Some(code) = &code {
        tx.execute("UPDATE join_codes SET uses = uses + 1 WHERE id = ?1", [&code.id])?;
    }
    tx.execute(
        "INSERT INTO devices (token_hash, node, commune_id, role, name, public_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (node) DO UPDATE SET token_hash = excluded.token_hash, role = excluded.role,
           name = excluded.name, public_key = coalesce(devices.public_key, excluded.public_key)",
        rusqlite::params![
            new.token_hash,
            node.as_bytes(),
            new.device.commune_id,
            new.device.role.as_str(),
            new.name,
            new.device.public_key.map(|k| k.0)
        ],
    )?;
    tx.commit()?;
    Ok(new)
}

const KNOWN: &str = "node, commune_id, role, public_key, name, revoked_at IS NOT NULL, last_seen_at, app_version";

fn known(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Known>> {
    let role: String = r.get(2)?;
    let Some(role) = Role::parse(&role) else { return Ok(None) };
    Ok(Some(Known {
        device: Device {
            node: Uuid::from_bytes(r.get(0)?),
            commune_id: r.get(1)?,
            role,
            public_key: r.get::<_, Option<[u8; 32]>>(3)?.map(PublicKey),
        },
        name: r.get(4)?,
        revoked: r.get(5)?,
        last_seen_at: r.get(6)?,
        app_version: r.get(7)?,
    }))
}

pub(super) fn device(admin: &Connection, token_hash: &str) -> Result<Option<Known>, ServerError> {
    Ok(admin
        .prepare_cached(&format!("SELECT {KNOWN} FROM devices WHERE token_hash = ?1"))?
        .query_row([token_hash], known)
        .optional()?
        .flatten())
}

pub(super) fn known_devices(admin: &Connection, nodes: &[Uuid]) -> Result<Vec<Option<Known>>, ServerError> {
    let mut stmt = admin.prepare_cached(&format!("SELECT {KNOWN} FROM devices WHERE node = ?1"))?;
    nodes.iter().map(|node| Ok(stmt.query_row([node.as_bytes()], known).optional()?.flatten())).collect()
}

pub(super) fn register(admin: &mut Connection, new: &Registered, now: i64) -> Result<Known, ServerError> {
    let tx = admin.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let device = &new.device;
    tx.execute(
        "INSERT INTO devices (node, commune_id, role, name, public_key, enrolled_at, registered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (node) DO NOTHING",
        rusqlite::params![
            device.node.as_bytes(),
            device.commune_id,
            device.role.as_str(),
            new.name,
            device.public_key.map(|k| k.0),
            now,
            new.by.as_bytes()
        ],
    )?;
    let stored = known_devices(&tx, &[device.node])?.into_iter().flatten().next();
    tx.commit()?;
    stored.ok_or_else(|| ServerError::Corrupt(format!("device {} not stored", device.node)))
}

pub(super) fn revoked_in(admin: &Connection, commune: &str) -> Result<Vec<Uuid>, ServerError> {
    let mut stmt = admin
        .prepare_cached("SELECT node FROM devices WHERE commune_id = ?1 AND revoked_at IS NOT NULL ORDER BY node")?;
    let nodes = stmt.query_map([commune], |r| Ok(Uuid::from_bytes(r.get(0)?)))?;
    Ok(nodes.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn devices_in(admin: &Connection, commune: &str) -> Result<Vec<DeviceEntry>, ServerError> {
    let mut stmt = admin.prepare_cached(
        "SELECT d.node, d.name, d.role, d.enrolled_at, d.last_seen_at, d.app_version, d.revoked_at,
           d.registered_by, hub.name
         FROM devices d LEFT JOIN devices hub ON hub.node = d.registered_by
         WHERE d.commune_id = ?1 ORDER BY d.node",
    )?;
    let rows = stmt.query_map([commune], |r| {
        let role: String = r.get(2)?;
        let Some(role) = Role::parse(&role) else { return Ok(None) };
        Ok(Some(DeviceEntry {
            node: Uuid::from_bytes(r.get(0)?),
            name: r.get(1)?,
            role,
            enrolled_at: r.get(3)?,
            last_seen_at: r.get(4)?,
            app_version: r.get(5)?,
            revoked_at: r.get(6)?,
            registered_by: r.get::<_, Option<[u8; 16]>>(7)?.map(Uuid::from_bytes),
            hub_name: r.get(8)?,
        }))
    })?;
    let mut devices = Vec::new();
    for row in rows {
        devices.extend(row?);
    }
    Ok(devices)
}

pub(super) fn seen(admin: &Connection, node: Uuid, at: i64, app_version: Option<&str>) -> Result<(), ServerError> {
    admin
        .prepare_cached(
            "UPDATE devices SET last_seen_at = ?2, app_version = coalesce(?3, app_version) WHERE node = ?1",
        )?
        .execute(rusqlite::params![node.as_bytes(), at, app_version])?;
    Ok(())
}

pub(super) fn insert_code(admin: &Connection, code_hash: &str, code: &JoinCode) -> Result<(), ServerError> {
    admin.execute(
        "INSERT INTO join_codes (code_hash, id, commune_id, role, created_at, expires_at, max_uses)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        rusqlite::params![
            code_hash,
            code.id,
            code.commune_id,
            code.role.as_str(),
            code.created_at,
            code.expires_at,
            code.max_uses
        ],
    )?;
    Ok(())
}

pub(super) fn codes(admin: &Connection, commune: Option<&str>) -> Result<Vec<JoinCode>, ServerError> {
    let mut stmt = admin.prepare(&format!(
        "SELECT {LISTED} FROM join_codes WHERE ?1 IS NULL OR commune_id = ?1 ORDER BY created_at DESC, id"
    ))?;
    let rows = stmt.query_map([commune], listed)?;
    let mut codes = Vec::new();
    for row in rows {
        codes.extend(row?);
    }
    Ok(codes)
}

pub(super) fn upload_len(admin: &Connection, node: Uuid, hash: &str, since: i64) -> Result<Option<usize>, ServerError> {
    let held: Option<i64> = admin
        .query_row(
            "SELECT length(data) FROM uploads WHERE node = ?1 AND hash = ?2 AND touched_at > ?3",
            rusqlite::params![node.as_bytes(), hash, since],
            |r| r.get(0),
        )
        .optional()?;
    Ok(held.map(|n| usize::try_from(n).unwrap_or(0)))
}

pub(super) fn append_upload(
    admin: &mut Connection,
    chunk: &Chunk<'_>,
    now: i64,
    expired: i64,
    append: &Append<'_>,
) -> Result<Option<Vec<u8>>, ServerError> {
    let tx = admin.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute("DELETE FROM uploads WHERE touched_at <= ?1", [expired])?;
    let node = chunk.node.as_bytes();
    let held = tx
        .query_row(
            "SELECT data, mime, total FROM uploads WHERE node = ?1 AND hash = ?2",
            rusqlite::params![node, chunk.hash],
            |r| {
                Ok(Partial {
                    data: r.get(0)?,
                    mime: r.get(1)?,
                    total: usize::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                })
            },
        )
        .optional()?;
    let others: i64 = tx.query_row(
        "SELECT coalesce(sum(length(data)), 0) FROM uploads WHERE node = ?1 AND hash <> ?2",
        rusqlite::params![node, chunk.hash],
        |r| r.get(0),
    )?;
    let data = append(held, usize::try_from(others).unwrap_or(usize::MAX))?;
    if data.len() < chunk.total {
        tx.execute(
            "INSERT INTO uploads (node, hash, mime, total, data, touched_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (node, hash) DO UPDATE SET mime = excluded.mime, total = excluded.total,
               data = excluded.data, touched_at = excluded.touched_at",
            rusqlite::params![node, chunk.hash, chunk.mime, chunk.total as i64, data, now],
        )?;
        tx.commit()?;
        return Ok(None);
    }
    tx.execute("DELETE FROM uploads WHERE node = ?1 AND hash = ?2", rusqlite::params![node, chunk.hash])?;
    tx.commit()?;
    Ok(Some(data))
}

pub(super) fn all(admin: &Connection) -> Result<crate::migrate::Accounts, ServerError> {
    let mut stmt = admin.prepare(
        "SELECT node, token_hash, commune_id, role, name, enrolled_at, revoked_at, public_key, registered_by,
           last_seen_at, app_version
         FROM devices ORDER BY node",
    )?;
    let devices = stmt
        .query_map([], |r| {
            Ok(crate::migrate::DeviceRecord {
                node: Uuid::from_bytes(r.get(0)?),
                token_hash: r.get(1)?,
                commune_id: r.get(2)?,
                role: r.get(3)?,
                name: r.get(4)?,
                enrolled_at: r.get(5)?,
                revoked_at: r.get(6)?,
                public_key: r.get(7)?,
                registered_by: r.get::<_, Option<[u8; 16]>>(8)?.map(Uuid::from_bytes),
                last_seen_at: r.get(9)?,
                app_version: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // The hash after the listed columns, so that `listed` reads the row as it does elsewhere.
    let mut stmt = admin.prepare(&format!("SELECT {LISTED}, code_hash FROM join_codes ORDER BY id"))?;
    let mut codes = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        if let Some(code) = listed(row)? {
            codes.push((row.get(8)?, code));
        }
    }
    let mut stmt = admin.prepare("SELECT hash, node FROM blob_uploaders ORDER BY hash")?;
    let uploaders =
        stmt.query_map([], |r| Ok((r.get(0)?, Uuid::from_bytes(r.get(1)?))))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(crate::migrate::Accounts { devices, codes, uploaders })
}
