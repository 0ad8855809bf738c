//! The HTTP face of the server: `/v1/enroll` (JSON), `/v1/push` and `/v1/pull` (postcard +
//! zstd, see `langso_sync::codec`). Errors answer with a status and a message in the
//! caller's language (`Accept-Language`, Vietnamese by default), and write nothing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use langso_core::Localizer;
use langso_core::i18n::DEFAULT_LANGUAGE;
use langso_sync::codec;
use langso_sync::protocol::{
    BATCH_ENTRIES, Batch, EnrollRequest, EnrollResponse, MAX_BODY_BYTES, PullResponse, PushRequest, PushResponse,
    WireRejection,
};
use serde::Deserialize;
use uuid::Uuid;

use crate::ServerError;
use crate::db::{Database, Device};

/// Requests one device may make per minute; a sync of thousands of changes takes a few dozen.
pub const REQUESTS_PER_MINUTE: u32 = 600;

#[derive(Clone)]
struct App {
    db: Arc<dyn Database>,
    limiter: Arc<Mutex<HashMap<Uuid, (Instant, u32)>>>,
}

/// A failed request: the error and the language to explain it in.
struct Failure(ServerError, String);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let status = match self.0 {
            ServerError::BadCode | ServerError::NotStaff => StatusCode::FORBIDDEN,
            ServerError::Unauthorized => StatusCode::UNAUTHORIZED,
            ServerError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ServerError::Malformed(_) | ServerError::UnknownCommune(_) => StatusCode::BAD_REQUEST,
            ServerError::Store(langso_core::Error::Invalid(_)) => StatusCode::BAD_REQUEST,
            ServerError::Admin(_) | ServerError::Store(_) | ServerError::Upstream(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        tracing::warn!(error = %self.0, %status, "request refused");
        (status, self.0.localize(&self.1)).into_response()
    }
}

fn language(headers: &HeaderMap) -> String {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split([',', ';', '-']).next())
        .map(str::trim)
        .filter(|l| Localizer::embedded().has_language(l))
        .unwrap_or(DEFAULT_LANGUAGE)
        .to_owned()
}

/// Runs blocking storage work off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ServerError> + Send + 'static,
) -> Result<T, ServerError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| ServerError::Malformed(format!("task: {e}")))?
}

impl App {
    async fn device(&self, headers: &HeaderMap) -> Result<Device, ServerError> {
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .filter(|t| !t.is_empty() && t.len() <= 128)
            .ok_or(ServerError::Unauthorized)?
            .to_owned();
        let db = self.db.clone();
        let device = blocking(move || db.device(&token)).await?.ok_or(ServerError::Unauthorized)?;
        let mut limiter = self.limiter.lock().unwrap_or_else(|p| p.into_inner());
        let (since, count) = limiter.entry(device.node).or_insert((Instant::now(), 0));
        if since.elapsed() > Duration::from_secs(60) {
            *since = Instant::now();
            *count = 0;
        }
        *count += 1;
        if *count > REQUESTS_PER_MINUTE {
            return Err(ServerError::RateLimited);
        }
        Ok(device)
    }
}

async fn enroll(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Result<Json<EnrollResponse>, Failure> {
    let lang = language(&headers);
    let request: EnrollRequest =
        serde_json::from_slice(&body).map_err(|e| Failure(ServerError::Malformed(e.to_string()), lang.clone()))?;
    if request.node.is_nil() || request.code.len() > 64 {
        return Err(Failure(ServerError::Malformed("node or code".into()), lang));
    }
    let db = app.db.clone();
    let (device, token) = blocking(move || db.enroll(&request.code, request.node, &request.device_name))
        .await
        .map_err(|e| Failure(e, lang))?;
    tracing::info!(node = %device.node, commune = %device.commune_id, role = device.role.as_str(), "device enrolled");
    Ok(Json(EnrollResponse { device_token: token, commune_id: device.commune_id, role: device.role }))
}

async fn push(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Result<Vec<u8>, Failure> {
    let lang = language(&headers);
    let fail = |e: ServerError| Failure(e, lang.clone());
    let device = app.device(&headers).await.map_err(fail)?;
    let request: PushRequest = codec::decode(&body).map_err(|e| fail(ServerError::Malformed(e.to_string())))?;
    let changes = request.changes.into_changes().map_err(|e| fail(ServerError::Malformed(e.to_string())))?;
    let db = app.db.clone();
    let who = device.clone();
    let count = changes.len();
    let attested = request.attested;
    let report = blocking(move || db.push(&who, &attested, &changes)).await.map_err(fail)?;
    tracing::info!(node = %device.node, changes = count, applied = report.applied, rejected = report.rejected.len(), "push");
    let response = PushResponse {
        acknowledged: request.cursor,
        applied: u32::try_from(report.applied).unwrap_or(u32::MAX),
        unchanged: u32::try_from(report.unchanged).unwrap_or(u32::MAX),
        rejected: report
            .rejected
            .iter()
            .map(|(i, why)| WireRejection {
                index: u32::try_from(*i).unwrap_or(u32::MAX),
                reason: why.message_id().to_owned(),
            })
            .collect(),
    };
    codec::encode(&response).map_err(|e| fail(ServerError::Malformed(e.to_string())))
}

#[derive(Deserialize)]
struct PullQuery {
    cursor: u64,
}

async fn pull(State(app): State<App>, headers: HeaderMap, Query(q): Query<PullQuery>) -> Result<Vec<u8>, Failure> {
    let lang = language(&headers);
    let fail = |e: ServerError| Failure(e, lang.clone());
    let device = app.device(&headers).await.map_err(fail)?;
    let db = app.db.clone();
    let who = device.clone();
    let page = blocking(move || db.pull(&who, q.cursor, BATCH_ENTRIES)).await.map_err(fail)?;
    tracing::debug!(node = %device.node, changes = page.changes.len(), cursor = page.cursor, "pull");
    let changes = Batch::from_changes(&page.changes).map_err(|e| fail(ServerError::Malformed(e.to_string())))?;
    codec::encode(&PullResponse { changes, cursor: page.cursor, more: page.more })
        .map_err(|e| fail(ServerError::Malformed(e.to_string())))
}

/// Tells how much of a blob the server has: 200 when whole, else 404 with what arrived.
async fn blob_head(State(app): State<App>, headers: HeaderMap, Path(hash): Path<String>) -> Result<Response, Failure> {
    let lang = language(&headers);
    let fail = |e: ServerError| Failure(e, lang.clone());
    app.device(&headers).await.map_err(fail)?;
    let db = app.db.clone();
    let received = blocking(move || db.blob_received(&hash)).await.map_err(fail)?;
    Ok(match received {
        None => StatusCode::OK.into_response(),
        Some(n) => (StatusCode::NOT_FOUND, [(RECEIVED, n.to_string())]).into_response(),
    })
}

#[derive(Deserialize)]
struct Chunk {
    offset: usize,
    total: usize,
    mime: String,
}

/// Takes the next chunk of an upload; answers 200 when the blob is whole and its SHA-256
/// checked, 202 with what arrived otherwise.
async fn blob_put(
    State(app): State<App>,
    headers: HeaderMap,
    Path(hash): Path<String>,
    Query(chunk): Query<Chunk>,
    body: Bytes,
) -> Result<Response, Failure> {
    let lang = language(&headers);
    let fail = |e: ServerError| Failure(e, lang.clone());
    app.device(&headers).await.map_err(fail)?;
    let db = app.db.clone();
    let received = chunk.offset + body.len();
    let whole =
        blocking(move || db.receive_blob(&hash, &chunk.mime, chunk.total, chunk.offset, &body)).await.map_err(fail)?;
    Ok(if whole {
        StatusCode::OK.into_response()
    } else {
        (StatusCode::ACCEPTED, [(RECEIVED, received.to_string())]).into_response()
    })
}

/// Serves a blob, from the offset a `Range: bytes=N-` asks for.
async fn blob_get(State(app): State<App>, headers: HeaderMap, Path(hash): Path<String>) -> Result<Response, Failure> {
    let lang = language(&headers);
    let fail = |e: ServerError| Failure(e, lang.clone());
    app.device(&headers).await.map_err(fail)?;
    let db = app.db.clone();
    let Some((bytes, mime)) = blocking(move || db.blob(&hash)).await.map_err(fail)? else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let from = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("bytes="))
        .and_then(|v| v.strip_suffix('-'))
        .and_then(|v| v.parse::<usize>().ok());
    let total = bytes.len();
    Ok(match from {
        Some(from) if from < total => (
            StatusCode::PARTIAL_CONTENT,
            [(header::CONTENT_TYPE, mime), (header::CONTENT_RANGE, format!("bytes {from}-{}/{total}", total - 1))],
            bytes[from..].to_vec(),
        )
            .into_response(),
        Some(_) => StatusCode::RANGE_NOT_SATISFIABLE.into_response(),
        None => ([(header::CONTENT_TYPE, mime)], bytes).into_response(),
    })
}

/// The header that says how many bytes of a blob have arrived.
const RECEIVED: &str = "x-langso-received";

pub fn router(db: Arc<dyn Database>) -> Router {
    let app = App { db, limiter: Arc::new(Mutex::new(HashMap::new())) };
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/v1/enroll", post(enroll))
        .route("/v1/push", post(push))
        .route("/v1/pull", get(pull))
        .route("/v1/blobs/{hash}", get(blob_get).head(blob_head).put(blob_put))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(app)
}

/// Serves until the listener fails or the task is dropped.
pub async fn serve(listener: tokio::net::TcpListener, db: Arc<dyn Database>) -> std::io::Result<()> {
    axum::serve(listener, router(db)).await
}
