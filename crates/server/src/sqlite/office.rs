//! Office sign-in codes and sessions in the server's own database.

use rusqlite::{Connection, OptionalExtension};

use crate::ServerError;
use crate::office::OfficeScope;

/// `table` is `office_codes` (keyed by `code_hash`) or `office_sessions` (by `token_hash`).
pub(super) fn insert(
    admin: &Connection,
    table: &str,
    hash: &str,
    scope: &OfficeScope,
    expires_at: i64,
    now: i64,
) -> Result<(), ServerError> {
    let key = key_of(table);
    admin.execute(&format!("DELETE FROM {table} WHERE expires_at <= ?1"), [now])?;
    let (kind, value) = scope.parts();
    admin.execute(
        &format!("INSERT INTO {table} ({key}, kind, scope, expires_at) VALUES (?1, ?2, ?3, ?4)"),
        rusqlite::params![hash, kind, value, expires_at],
    )?;
    Ok(())
}

pub(super) fn take_code(admin: &Connection, hash: &str, now: i64) -> Result<Option<OfficeScope>, ServerError> {
    let taken: Option<(String, String, i64)> = admin
        .query_row("DELETE FROM office_codes WHERE code_hash = ?1 RETURNING kind, scope, expires_at", [hash], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    Ok(taken.filter(|(_, _, expires_at)| *expires_at > now).and_then(|(k, v, _)| OfficeScope::from_parts(&k, v)))
}

pub(super) fn session(admin: &Connection, hash: &str, now: i64) -> Result<Option<OfficeScope>, ServerError> {
    let found: Option<(String, String)> = admin
        .query_row(
            "SELECT kind, scope FROM office_sessions WHERE token_hash = ?1 AND expires_at > ?2",
            rusqlite::params![hash, now],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(found.and_then(|(k, v)| OfficeScope::from_parts(&k, v)))
}

pub(super) fn end_session(admin: &Connection, hash: &str) -> Result<(), ServerError> {
    admin.execute("DELETE FROM office_sessions WHERE token_hash = ?1", [hash])?;
    Ok(())
}

fn key_of(table: &str) -> &'static str {
    if table == "office_codes" { "code_hash" } else { "token_hash" }
}
