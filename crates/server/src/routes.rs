//! The HTTP face of the server: `/v2/enroll` (JSON), `/v2/push` and `/v2/pull` (postcard +
//! zstd, see `langso_sync::codec`), `/v2/blobs/{hash}`. Errors answer with a status and a
//! message in the caller's language (`Accept-Language`, Vietnamese by default), and write
//! nothing. Every response tells browsers not to guess types or run anything in it.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequest, Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use langso_core::Localizer;
use langso_core::i18n::DEFAULT_LANGUAGE;
use langso_sync::codec;
use langso_sync::protocol::{
    BATCH_ENTRIES, Batch, ERROR_HEADER, EnrollRequest, EnrollResponse, MAX_BODY_BYTES, PullResponse, PushRequest,
    PushResponse, RECEIVED_HEADER, WireRejection, paths,
};
use serde::Deserialize;
use tower_http::set_header::SetResponseHeaderLayer;
use uuid::Uuid;

use crate::ServerError;
use crate::devices;
use crate::error::UploadRefusal;
use crate::listener::{self, ConnectionLimits};
use crate::service::Service;
use crate::storage::{Device, Known};
use crate::throttle::{EnrollThrottle, ThrottleLimits};

mod commune;

/// Requests one device may make per minute. A sync of thousands of changes takes a few dozen,
/// but a device that lacks the lesson pack's files (an app older than the pack) fetches each
/// once, one request per file: 981 in pack 4, so its first sync must fit in a minute.
pub const REQUESTS_PER_MINUTE: u32 = 1_500;

/// What a server (or a hub) puts up with; tests shorten the limits (or, to fuzz it, lift the
/// per-device rate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLimits {
    pub connections: ConnectionLimits,
    pub enroll: ThrottleLimits,
    /// Requests one device may make per minute: [`REQUESTS_PER_MINUTE`].
    pub requests_per_minute: u32,
}

impl Default for ServerLimits {
    fn default() -> ServerLimits {
        ServerLimits {
            connections: ConnectionLimits::default(),
            enroll: ThrottleLimits::default(),
            requests_per_minute: REQUESTS_PER_MINUTE,
        }
    }
}

/// API answers are data, never pages: nothing in them may run, be framed or be sniffed.
const API_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

#[derive(Clone)]
struct App {
    service: Service,
    limiter: Arc<Mutex<HashMap<Uuid, (Instant, u32)>>>,
    requests_per_minute: u32,
    throttle: Arc<EnrollThrottle>,
}

/// A failed request: the error and the language to explain it in.
struct Failure(ServerError, String);

impl Failure {
    fn status(&self) -> StatusCode {
        match self.0 {
            ServerError::BadCode | ServerError::NotStaff | ServerError::NotOfficial | ServerError::DeviceRevoked => {
                StatusCode::FORBIDDEN
            }
            ServerError::UnknownDevice | ServerError::UnknownCode => StatusCode::NOT_FOUND,
            ServerError::DeviceEnrolled | ServerError::DeviceAlreadyRevoked | ServerError::CodeAlreadyRevoked => {
                StatusCode::CONFLICT
            }
            ServerError::Unauthorized => StatusCode::UNAUTHORIZED,
            ServerError::RateLimited | ServerError::TooManyTries { .. } => StatusCode::TOO_MANY_REQUESTS,
            ServerError::NotFound | ServerError::NoFile => StatusCode::NOT_FOUND,
            ServerError::Range => StatusCode::RANGE_NOT_SATISFIABLE,
            ServerError::Upload(UploadRefusal::Type) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ServerError::TooLarge | ServerError::Upload(UploadRefusal::Size | UploadRefusal::Quota) => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            ServerError::Upload(_)
            | ServerError::Malformed(_)
            | ServerError::DeviceKey
            | ServerError::UnsignedPack
            | ServerError::OwnDevice
            | ServerError::UnknownCommune(_)
            | ServerError::UnknownProvince(_)
            | ServerError::OfficeCodeValidity { .. }
            | ServerError::CodeLimits { .. } => StatusCode::BAD_REQUEST,
            ServerError::Store(langso_core::Error::Invalid(_)) => StatusCode::BAD_REQUEST,
            ServerError::Io(_)
            | ServerError::Bind { .. }
            | ServerError::Task(_)
            | ServerError::Encode(_)
            | ServerError::Postgres(_)
            | ServerError::Pool(_)
            | ServerError::Corrupt(_)
            | ServerError::TargetNotEmpty
            | ServerError::Admin(_)
            | ServerError::Migration(_)
            | ServerError::Store(_)
            | ServerError::Upstream(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The refusal's status, message id and localised message, on top of `response`'s other
    /// headers.
    fn explain(self, status: StatusCode, response: Response) -> Response {
        if status.is_server_error() {
            tracing::error!(error = %self.0, %status, "request failed");
        } else {
            tracing::warn!(error = %self.0, %status, "request refused");
        }
        let (mut parts, _) = response.into_parts();
        parts.status = status;
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
        parts.headers.insert(ERROR_HEADER, HeaderValue::from_static(self.0.message_id()));
        if let ServerError::TooManyTries { wait_secs } = self.0 {
            parts.headers.insert(header::RETRY_AFTER, HeaderValue::from(wait_secs));
        }
        Response::from_parts(parts, Body::from(self.0.localize(&self.1)))
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let status = self.status();
        self.explain(status, Response::default())
    }
}

/// Every refusal says why, as the handlers' own do: one that no handler made (a method a path
/// does not take, a query string, path or body that axum's extractors refused) keeps its
/// status and gets a message id and a localised message in place of axum's English text.
async fn explain_refusals(request: Request, next: Next) -> Response {
    let lang = language(request.headers());
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || response.headers().contains_key(ERROR_HEADER) {
        return response;
    }
    let error = match status {
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => ServerError::NotFound,
        StatusCode::PAYLOAD_TOO_LARGE => ServerError::TooLarge,
        _ if status.is_server_error() => ServerError::Task(status.to_string()),
        _ => ServerError::Malformed(status.to_string()),
    };
    Failure(error, lang).explain(status, response)
}

/// Reads a request's body whole (within the body limit) before any route answers, also those
/// that take no body: an answer sent while part of a body is still unread closes the
/// connection under a client that may already be sending its next request on it.
/// A body over the limit, or one that stops coming, is refused as the routes' own extractors
/// refuse it.
async fn read_whole_body(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    match Bytes::from_request(Request::from_parts(parts.clone(), body), &()).await {
        Ok(body) => next.run(Request::from_parts(parts, Body::from(body))).await,
        Err(rejection) => rejection.into_response(),
    }
}

/// What a path the server does not serve answers.
async fn not_found(headers: HeaderMap) -> Failure {
    Failure(ServerError::NotFound, language(&headers))
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
    tokio::task::spawn_blocking(f).await.map_err(|e| ServerError::Task(e.to_string()))?
}

impl App {
    async fn device(&self, headers: &HeaderMap) -> Result<Device, ServerError> {
        Ok(self.caller(headers).await?.device)
    }

    /// The device making the request, as stored.
    async fn caller(&self, headers: &HeaderMap) -> Result<Known, ServerError> {
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .filter(|t| !t.is_empty() && t.len() <= 128)
            .ok_or(ServerError::Unauthorized)?
            .to_owned();
        let db = self.service.clone();
        let caller = blocking(move || db.caller(&token)).await?.ok_or(ServerError::Unauthorized)?;
        let mut limiter = self.limiter.lock().unwrap_or_else(|p| p.into_inner());
        let (since, count) = limiter.entry(caller.device.node).or_insert((Instant::now(), 0));
        if since.elapsed() > Duration::from_secs(60) {
            *since = Instant::now();
            *count = 0;
        }
        *count = count.saturating_add(1);
        if *count > self.requests_per_minute {
            return Err(ServerError::RateLimited);
        }
        Ok(caller)
    }
}

async fn enroll(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<EnrollResponse>, Failure> {
    let lang = language(&headers);
    let request: EnrollRequest =
        serde_json::from_slice(&body).map_err(|e| Failure(ServerError::Malformed(e.to_string()), lang.clone()))?;
    let token_too_long = request.device_token.as_ref().is_some_and(|t| t.len() > 128);
    let key_too_long = request.public_key.len() > 64 || request.proof.len() > 128;
    if request.node.is_nil() || request.code.len() > 64 || token_too_long || key_too_long {
        return Err(Failure(ServerError::Malformed("node, code, token or key".into()), lang));
    }
    if let Err(wait) = app.throttle.admit(peer.ip()) {
        let wait_secs = wait.as_secs().max(1);
        return Err(Failure(ServerError::TooManyTries { wait_secs }, lang));
    }
    let db = app.service.clone();
    let node = request.node;
    let enrolled = blocking(move || db.enroll(&request)).await;
    let (device, token) = match enrolled {
        Ok(enrolled) => enrolled,
        Err(e) => {
            tracing::warn!(%peer, %node, "enrollment refused");
            return Err(Failure(e, lang));
        }
    };
    app.throttle.refund(peer.ip());
    tracing::info!(node = %device.node, commune = %device.commune_id, role = device.role.as_str(), "device enrolled");
    Ok(Json(EnrollResponse { device_token: token, commune_id: device.commune_id, role: device.role }))
}

async fn push(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Result<Vec<u8>, Failure> {
    let lang = language(&headers);
    let fail = |e: ServerError| Failure(e, lang.clone());
    let device = app.device(&headers).await.map_err(fail)?;
    let request: PushRequest = codec::decode(&body).map_err(|e| fail(ServerError::Malformed(e.to_string())))?;
    let db = app.service.clone();
    let who = device.clone();
    let (cursor, batches) = (request.cursor, request.envelopes.len());
    let pushed = blocking(move || db.push(&who, &request)).await.map_err(fail)?;
    let report = &pushed.report;
    tracing::info!(node = %device.node, batches, applied = report.applied, rejected = report.rejected.len(), "push");
    let response = PushResponse {
        acknowledged: cursor,
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
        current: Batch::from_changes(&pushed.current).map_err(|e| fail(ServerError::Encode(e.to_string())))?,
    };
    codec::encode(&response).map_err(|e| fail(ServerError::Encode(e.to_string())))
}

#[derive(Deserialize)]
struct PullQuery {
    cursor: u64,
}

async fn pull(State(app): State<App>, headers: HeaderMap, Query(q): Query<PullQuery>) -> Result<Vec<u8>, Failure> {
    let lang = language(&headers);
    let fail = |e: ServerError| Failure(e, lang.clone());
    let caller = app.caller(&headers).await.map_err(fail)?;
    let device = caller.device.clone();
    // Cursors are sequence numbers of a SQLite log, which stops at i64::MAX.
    if i64::try_from(q.cursor).is_err() {
        return Err(fail(ServerError::Malformed("cursor".into())));
    }
    let db = app.service.clone();
    let version = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).and_then(devices::app_version);
    let version = version.map(str::to_owned);
    let page = blocking(move || {
        let page = db.pull(&caller.device, q.cursor, BATCH_ENTRIES)?;
        // Bookkeeping for the officials' list: failing it must not fail the device's sync.
        if !page.more
            && let Err(e) = db.note_seen(&caller, version.as_deref())
        {
            tracing::warn!(node = %caller.device.node, error = %e, "last sync not recorded");
        }
        Ok(page)
    })
    .await
    .map_err(fail)?;
    tracing::debug!(node = %device.node, changes = page.changes.len(), cursor = page.cursor, "pull");
    let changes = Batch::from_changes(&page.changes).map_err(|e| fail(ServerError::Encode(e.to_string())))?;
    codec::encode(&PullResponse { changes, cursor: page.cursor, more: page.more, revoked: page.revoked })
        .map_err(|e| fail(ServerError::Encode(e.to_string())))
}

/// Tells an uploading device how far it got: 200 when the server holds the blob whole and the
/// device may see it, else 404 with what arrived of the device's own upload.
async fn blob_head(State(app): State<App>, headers: HeaderMap, Path(hash): Path<String>) -> Result<Response, Failure> {
    let lang = language(&headers);
    let fail = |e: ServerError| Failure(e, lang.clone());
    let device = app.device(&headers).await.map_err(fail)?;
    let db = app.service.clone();
    let received = blocking(move || db.blob_received(&device, &hash)).await.map_err(fail)?;
    Ok(match received {
        None => StatusCode::OK.into_response(),
        Some(n) => {
            let mut response = fail(ServerError::NoFile).into_response();
            response.headers_mut().insert(RECEIVED_HEADER, HeaderValue::from(n));
            response
        }
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
    let device = app.device(&headers).await.map_err(fail)?;
    let db = app.service.clone();
    let received =
        chunk.offset.checked_add(body.len()).ok_or_else(|| fail(ServerError::Upload(UploadRefusal::Offset)))?;
    let whole = blocking(move || db.receive_blob(&device, &hash, &chunk.mime, chunk.total, chunk.offset, &body))
        .await
        .map_err(fail)?;
    Ok(if whole {
        StatusCode::OK.into_response()
    } else {
        (StatusCode::ACCEPTED, [(RECEIVED_HEADER, received.to_string())]).into_response()
    })
}

/// Serves a blob the device may see, from the offset a `Range: bytes=N-` asks for. A blob it
/// may not see is answered as if it did not exist.
async fn blob_get(State(app): State<App>, headers: HeaderMap, Path(hash): Path<String>) -> Result<Response, Failure> {
    let lang = language(&headers);
    let fail = |e: ServerError| Failure(e, lang.clone());
    let device = app.device(&headers).await.map_err(fail)?;
    let db = app.service.clone();
    let Some((bytes, mime)) = blocking(move || db.blob(&device, &hash)).await.map_err(fail)? else {
        return Err(fail(ServerError::NoFile));
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
        Some(_) => fail(ServerError::Range).into_response(),
        None => ([(header::CONTENT_TYPE, mime)], bytes).into_response(),
    })
}

pub fn router(service: Service, limits: &ServerLimits) -> Router {
    let web = crate::web::router(service.clone());
    let app = App {
        service,
        limiter: Arc::new(Mutex::new(HashMap::new())),
        requests_per_minute: limits.requests_per_minute,
        throttle: Arc::new(EnrollThrottle::new(limits.enroll)),
    };
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route(paths::ENROLL, post(enroll))
        .route(paths::PUSH, post(push))
        .route(paths::PULL, get(pull))
        .route(&format!("{}{{hash}}", paths::BLOBS), get(blob_get).head(blob_head).put(blob_put))
        .merge(commune::routes())
        .fallback(not_found)
        .layer(middleware::from_fn(read_whole_body))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(explain_refusals))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(API_POLICY),
        ))
        .with_state(app)
        // The public marketplace pages, with their own headers and limits.
        .merge(web)
}

/// Serves with the default limits until the listener fails or the task is dropped.
pub async fn serve(listener: tokio::net::TcpListener, service: Service) -> std::io::Result<()> {
    serve_with(listener, service, ServerLimits::default()).await
}

pub async fn serve_with(
    listener: tokio::net::TcpListener,
    service: Service,
    limits: ServerLimits,
) -> std::io::Result<()> {
    listener::serve(listener, router(service, &limits), limits.connections).await
}
