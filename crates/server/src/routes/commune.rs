//! The routes an official's device manages its commune's devices and join codes by (see
//! `crate::devices`). Bodies are postcard + zstd like the sync routes; a device that is not an
//! official's is refused (403), and a device or code outside the official's commune is
//! unknown (404).

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::{get, post};
use langso_sync::codec;
use langso_sync::protocol::{
    CodeEntry, CodesResponse, DevicesResponse, NewCodeRequest, NewCodeResponse, OfficeCodeResponse, RevokeCodeRequest,
    RevokeDeviceRequest, RevokeDeviceResponse, paths,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{App, Failure, blocking, language};
use crate::ServerError;

/// Longest join code id taken (they are 12 characters).
const CODE_ID_MAX: usize = 64;

pub(super) fn routes() -> Router<App> {
    Router::new()
        .route(paths::DEVICES, get(devices))
        .route(paths::REVOKE_DEVICE, post(revoke_device))
        .route(paths::CODES, get(codes).post(make_code))
        .route(paths::REVOKE_CODE, post(revoke_code))
        .route(paths::OFFICE_CODE, post(office_code))
}

fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, ServerError> {
    codec::decode(body).map_err(|e| ServerError::Malformed(e.to_string()))
}

fn encode<T: Serialize>(answer: &T) -> Result<Vec<u8>, ServerError> {
    codec::encode(answer).map_err(|e| ServerError::Encode(e.to_string()))
}

async fn devices(State(app): State<App>, headers: HeaderMap) -> Result<Vec<u8>, Failure> {
    let fail = |e: ServerError| Failure(e, language(&headers));
    let caller = app.device(&headers).await.map_err(fail)?;
    let db = app.service.clone();
    let devices = blocking(move || db.commune_devices(&caller)).await.map_err(fail)?;
    encode(&DevicesResponse { devices }).map_err(fail)
}

async fn revoke_device(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Result<Vec<u8>, Failure> {
    let fail = |e: ServerError| Failure(e, language(&headers));
    let caller = app.device(&headers).await.map_err(fail)?;
    let request: RevokeDeviceRequest = decode(&body).map_err(fail)?;
    let db = app.service.clone();
    let by = caller.node;
    let revoked_at = blocking(move || db.revoke_commune_device(&caller, request.node)).await.map_err(fail)?;
    tracing::info!(node = %request.node, %by, "device revoked by an official");
    encode(&RevokeDeviceResponse { revoked_at }).map_err(fail)
}

async fn codes(State(app): State<App>, headers: HeaderMap) -> Result<Vec<u8>, Failure> {
    let fail = |e: ServerError| Failure(e, language(&headers));
    let caller = app.device(&headers).await.map_err(fail)?;
    let db = app.service.clone();
    let codes = blocking(move || db.commune_codes(&caller)).await.map_err(fail)?;
    encode(&CodesResponse { codes: codes.iter().map(CodeEntry::from).collect() }).map_err(fail)
}

async fn make_code(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Result<Vec<u8>, Failure> {
    let fail = |e: ServerError| Failure(e, language(&headers));
    let caller = app.device(&headers).await.map_err(fail)?;
    let request: NewCodeRequest = decode(&body).map_err(fail)?;
    let db = app.service.clone();
    let by = caller.node;
    let made = blocking(move || db.make_commune_code(&caller, request.role, request.days, request.uses))
        .await
        .map_err(fail)?;
    tracing::info!(id = %made.listed.id, role = made.listed.role.as_str(), %by, "join code made by an official");
    encode(&NewCodeResponse { code: made.code, entry: CodeEntry::from(&made.listed) }).map_err(fail)
}

async fn revoke_code(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Result<Vec<u8>, Failure> {
    let fail = |e: ServerError| Failure(e, language(&headers));
    let caller = app.device(&headers).await.map_err(fail)?;
    let request: RevokeCodeRequest = decode(&body).map_err(fail)?;
    if request.id.is_empty() || request.id.len() > CODE_ID_MAX {
        return Err(fail(ServerError::Malformed("code id".into())));
    }
    let db = app.service.clone();
    let (id, by) = (request.id.clone(), caller.node);
    blocking(move || db.revoke_commune_code(&caller, &request.id)).await.map_err(fail)?;
    tracing::info!(%id, %by, "join code revoked by an official");
    encode(&()).map_err(fail)
}

async fn office_code(State(app): State<App>, headers: HeaderMap) -> Result<Vec<u8>, Failure> {
    let fail = |e: ServerError| Failure(e, language(&headers));
    let caller = app.device(&headers).await.map_err(fail)?;
    let db = app.service.clone();
    let by = caller.node;
    let made = blocking(move || db.office_code_for(&caller)).await.map_err(fail)?;
    tracing::info!(%by, "office sign-in code made");
    encode(&OfficeCodeResponse { code: made.code, expires_at: made.expires_at }).map_err(fail)
}
