//! Office sign-in codes and sessions in PostgreSQL.

use postgres::GenericClient;

use crate::ServerError;
use crate::office::OfficeScope;

/// `table` is `office_codes` (keyed by `code_hash`) or `office_sessions` (by `token_hash`).
pub(super) fn insert(
    client: &mut impl GenericClient,
    table: &str,
    hash: &str,
    scope: &OfficeScope,
    expires_at: i64,
    now: i64,
) -> Result<(), ServerError> {
    let key = if table == "office_codes" { "code_hash" } else { "token_hash" };
    client.execute(&format!("DELETE FROM {table} WHERE expires_at <= $1"), &[&now])?;
    let (kind, value) = scope.parts();
    client.execute(
        &format!("INSERT INTO {table} ({key}, kind, scope, expires_at) VALUES ($1, $2, $3, $4)"),
        &[&hash, &kind, &value, &expires_at],
    )?;
    Ok(())
}

pub(super) fn take_code(
    client: &mut impl GenericClient,
    hash: &str,
    now: i64,
) -> Result<Option<OfficeScope>, ServerError> {
    let row = client
        .query_opt("DELETE FROM office_codes WHERE code_hash = $1 RETURNING kind, scope, expires_at", &[&hash])?;
    let Some(row) = row else { return Ok(None) };
    let expires_at: i64 = row.try_get(2)?;
    if expires_at <= now {
        return Ok(None);
    }
    Ok(OfficeScope::from_parts(row.try_get(0)?, row.try_get(1)?))
}

pub(super) fn session(
    client: &mut impl GenericClient,
    hash: &str,
    now: i64,
) -> Result<Option<OfficeScope>, ServerError> {
    let row = client.query_opt(
        "SELECT kind, scope FROM office_sessions WHERE token_hash = $1 AND expires_at > $2",
        &[&hash, &now],
    )?;
    match row {
        Some(row) => Ok(OfficeScope::from_parts(row.try_get(0)?, row.try_get(1)?)),
        None => Ok(None),
    }
}

pub(super) fn end_session(client: &mut impl GenericClient, hash: &str) -> Result<(), ServerError> {
    client.execute("DELETE FROM office_sessions WHERE token_hash = $1", &[&hash])?;
    Ok(())
}
