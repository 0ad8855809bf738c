//! The client engine: pushes this replica's outbox to a peer (the central server or a hub),
//! then pulls what the peer has for it. Each pushed batch leaves the outbox only once the peer
//! said it is durable; each pulled page is applied together with its cursor. An interrupted
//! sync therefore re-sends at most one batch and loses nothing.

use std::sync::Arc;
use std::time::Duration;

use langso_core::Store;
use langso_core::replica::identity::to_hex;
use langso_core::replica::refusal::Refusal;
use reqwest::StatusCode;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::envelope::{self, Envelope, Registration};
use crate::protocol::{
    BATCH_ENTRIES, ERROR_HEADER, EnrollRequest, EnrollResponse, PullResponse, PushRequest, PushResponse,
    RECEIVED_HEADER, WireRejection, paths, refusals,
};
use crate::{Result, SyncError, codec};

mod commune;

/// One upstream peer and this device's token there.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    token: String,
}

/// What one sync did, for the status line and for the benchmark.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    pub pushed: usize,
    pub pulled: usize,
    pub rejected: Vec<WireRejection>,
    pub requests: usize,
    pub bytes_sent: usize,
    pub bytes_received: usize,
}

/// Tells the peer which app version syncs, for its officials' device list.
pub const USER_AGENT: &str = concat!("langso/", env!("CARGO_PKG_VERSION"));

fn http() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(Duration::from_secs(15))
        .timeout(Duration::from_secs(120))
        .build()
        .map_err(|e| SyncError::Offline(e.to_string()))
}

async fn blocking<T: Send + 'static>(
    store: &Arc<Store>,
    f: impl FnOnce(&Store) -> langso_core::Result<T> + Send + 'static,
) -> Result<T> {
    let store = store.clone();
    tokio::task::spawn_blocking(move || f(&store))
        .await
        .map_err(|e| SyncError::Malformed(format!("store task: {e}")))?
        .map_err(SyncError::Store)
}

impl Client {
    pub fn new(base: &str, token: &str) -> Result<Client> {
        Ok(Client { http: http()?, base: base.trim_end_matches('/').to_owned(), token: token.to_owned() })
    }

    /// Enrolls this replica with a join code and remembers the token in the store.
    pub async fn enroll(
        base: &str,
        code: &str,
        store: &Arc<Store>,
        device_name: &str,
    ) -> Result<(Client, EnrollResponse)> {
        let base = base.trim_end_matches('/').to_owned();
        let peer = base.clone();
        let device_token =
            blocking(store, move |s| Ok(s.peers()?.into_iter().find(|(p, _)| *p == peer).map(|(_, token)| token)))
                .await?;
        let (code, node) = (code.trim().to_owned(), store.node_id());
        let identity = store.identity();
        let request = EnrollRequest {
            proof: to_hex(&identity.sign(&envelope::enrollment_message(node, &code))),
            public_key: identity.public_key().to_hex(),
            code,
            node,
            device_name: device_name.to_owned(),
            device_token,
        };
        let response = http()?
            .post(format!("{base}{}", paths::ENROLL))
            .json(&request)
            .send()
            .await
            .map_err(|e| SyncError::Offline(e.to_string()))?;
        match response.status() {
            StatusCode::OK => {}
            StatusCode::CONFLICT => return Err(SyncError::AlreadyEnrolled),
            StatusCode::TOO_MANY_REQUESTS => {
                let wait_secs = response
                    .headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(60);
                return Err(SyncError::TooManyTries { wait_secs });
            }
            StatusCode::FORBIDDEN if error_id(&response) == Some("server-error-device-revoked") => {
                return Err(SyncError::Revoked);
            }
            StatusCode::FORBIDDEN | StatusCode::NOT_FOUND => return Err(SyncError::BadCode),
            status => return Err(server_error(status, response).await),
        }
        let enrolled: EnrollResponse = response.json().await.map_err(|e| SyncError::Malformed(e.to_string()))?;
        let (token, role) = (enrolled.device_token.clone(), enrolled.role);
        let peer = base.clone();
        blocking(store, move |s| s.save_peer_token(&peer, &token, role)).await?;
        Ok((Client::new(&base, &enrolled.device_token)?, enrolled))
    }

    /// The peer's base URL, which names it in the store's sync state.
    pub fn peer(&self) -> &str {
        &self.base
    }

    /// Pushes everything waiting (this device's own changes, signed, then the signed batches
    /// it keeps for other devices as a hub), then pulls everything new.
    pub async fn sync(&self, store: &Arc<Store>) -> Result<SyncReport> {
        let mut report = SyncReport::default();
        self.push_own(store, &mut report).await?;
        self.push_relayed(store, &mut report).await?;
        loop {
            let peer = self.base.clone();
            let cursor = blocking(store, move |s| s.peer_state(&peer).map(|p| p.pulled)).await?;
            let path = format!("{}?cursor={cursor}", paths::PULL);
            let page: PullResponse = self.call::<(), _>(reqwest::Method::GET, &path, None, &mut report).await?;
            let changes = page.changes.into_changes()?;
            report.pulled += changes.len();
            let (peer, next, more) = (self.base.clone(), page.cursor, page.more);
            blocking(store, move |s| {
                s.apply_pulled(&peer, &changes, next)?;
                s.remember_revoked(&page.revoked)
            })
            .await?;
            if !more {
                break;
            }
        }
        self.send_blobs(store, &mut report).await?;
        self.fetch_blobs(store, &mut report).await?;
        let peer = self.base.clone();
        blocking(store, move |s| s.sync_completed(&peer)).await?;
        Ok(report)
    }

    /// Pushes this device's own changes, a signed batch at a time, each leaving the outbox
    /// once the peer says it is durable.
    async fn push_own(&self, store: &Arc<Store>, report: &mut SyncReport) -> Result<()> {
        loop {
            let peer = self.base.clone();
            let page = blocking(store, move |s| s.outbox(&peer, BATCH_ENTRIES)).await?;
            if page.changes.is_empty() {
                // Log entries whose changes were all superseded: nothing to send for them.
                let (peer, cursor) = (self.base.clone(), page.cursor);
                blocking(store, move |s| s.acknowledge(&peer, cursor)).await?;
                if page.more {
                    continue;
                }
                return Ok(());
            }
            let envelope = Envelope::seal(store.identity(), store.node_id(), &page.changes)?;
            let request = PushRequest { envelopes: vec![envelope], devices: Vec::new(), cursor: page.cursor };
            let ack = self.push(&request, report).await?;
            // What the peer refused goes back to the peer's version, with a note on the record,
            // in the same step as the batch leaves the outbox.
            let refused: Vec<Refusal> = ack
                .rejected
                .iter()
                .filter_map(|r| {
                    let change = page.changes.get(usize::try_from(r.index).ok()?)?.clone();
                    Some(Refusal { change, reason: r.reason.clone() })
                })
                .collect();
            let current = ack.current.into_changes()?;
            let (peer, acknowledged) = (self.base.clone(), ack.acknowledged);
            blocking(store, move |s| {
                s.take_refusals(&refused, &current)?;
                s.acknowledge(&peer, acknowledged)
            })
            .await?;
            if !page.more {
                return Ok(());
            }
        }
    }

    /// Forwards the signed batches this device keeps as a hub, as received, with the
    /// registrations of their origins.
    async fn push_relayed(&self, store: &Arc<Store>, report: &mut SyncReport) -> Result<()> {
        loop {
            let peer = self.base.clone();
            let kept = blocking(store, move |s| s.relayed_for(&peer, RELAYED_PER_PUSH)).await?;
            let Some((last, _)) = kept.last() else { return Ok(()) };
            let cursor = *last;
            let mut request = PushRequest { envelopes: Vec::new(), devices: Vec::new(), cursor };
            for (_, relayed) in &kept {
                request.envelopes.push(Envelope::from_bytes(&relayed.envelope)?);
                if !request.devices.iter().any(|d| d.node == relayed.origin && d.public_key == relayed.public_key) {
                    request.devices.push(Registration {
                        node: relayed.origin,
                        role: relayed.role,
                        public_key: relayed.public_key,
                        name: relayed.name.clone(),
                    });
                }
            }
            let ack = self.push(&request, report).await?;
            let (peer, acknowledged) = (self.base.clone(), ack.acknowledged);
            blocking(store, move |s| s.acknowledge_relayed(&peer, acknowledged)).await?;
            if kept.len() < RELAYED_PER_PUSH {
                return Ok(());
            }
        }
    }

    async fn push(&self, request: &PushRequest, report: &mut SyncReport) -> Result<PushResponse> {
        let ack: PushResponse = self.call(reqwest::Method::POST, paths::PUSH, Some(request), report).await?;
        report.pushed += usize::try_from(ack.applied + ack.unchanged).unwrap_or_default();
        report.rejected.extend(ack.rejected.iter().cloned());
        Ok(ack)
    }

    /// Uploads the blobs (photos) the peer lacks, in chunks, resuming where a cut upload
    /// stopped.
    async fn send_blobs(&self, store: &Arc<Store>, report: &mut SyncReport) -> Result<()> {
        let peer = self.base.clone();
        for (hash, mime, size) in blocking(store, move |s| s.blobs_to_send(&peer)).await? {
            let url = format!("{}{}{hash}", self.base, paths::BLOBS);
            let head = self.http.head(&url).bearer_auth(&self.token).send().await.map_err(offline)?;
            report.requests += 1;
            let from = match head.status() {
                StatusCode::OK => None,
                StatusCode::NOT_FOUND => Some(received(&head)),
                status => return Err(server_error(status, head).await),
            };
            if let Some(mut offset) = from {
                let wanted = hash.clone();
                let Some((bytes, _)) = blocking(store, move |s| s.blob(&wanted)).await? else { continue };
                let mut refused = false;
                while offset < size {
                    let end = (offset + BLOB_CHUNK).min(size);
                    let answer = self
                        .http
                        .put(&url)
                        .bearer_auth(&self.token)
                        .query(&[("offset", offset.to_string()), ("total", size.to_string()), ("mime", mime.clone())])
                        .body(bytes[offset..end].to_vec())
                        .send()
                        .await
                        .map_err(offline)?;
                    report.requests += 1;
                    report.bytes_sent += end - offset;
                    offset = match answer.status() {
                        StatusCode::OK => size,
                        StatusCode::ACCEPTED => received(&answer),
                        // The peer will never take this file (not a photo it accepts): the
                        // other files and the next syncs must not wait on it.
                        StatusCode::UNSUPPORTED_MEDIA_TYPE | StatusCode::PAYLOAD_TOO_LARGE => {
                            refused = true;
                            break;
                        }
                        status => return Err(server_error(status, answer).await),
                    };
                }
                if refused {
                    continue;
                }
            }
            let peer = self.base.clone();
            blocking(store, move |s| s.blob_held_by(&hash, &peer)).await?;
        }
        Ok(())
    }

    /// Downloads the blobs listings here refer to and that are missing, resuming a cut
    /// download from the bytes already received.
    async fn fetch_blobs(&self, store: &Arc<Store>, report: &mut SyncReport) -> Result<()> {
        for hash in blocking(store, |s| s.wanted_blobs()).await? {
            let wanted = hash.clone();
            let offset = blocking(store, move |s| s.blob_received(&wanted)).await?;
            let url = format!("{}{}{hash}", self.base, paths::BLOBS);
            let mut request = self.http.get(&url).bearer_auth(&self.token);
            if offset > 0 {
                request = request.header(reqwest::header::RANGE, format!("bytes={offset}-"));
            }
            let mut response = request.send().await.map_err(offline)?;
            report.requests += 1;
            let total = match response.status() {
                StatusCode::OK => response.content_length().map_or(0, |n| n as usize),
                StatusCode::PARTIAL_CONTENT => response
                    .headers()
                    .get(reqwest::header::CONTENT_RANGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.rsplit('/').next())
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0),
                // The peer does not have it (yet): try again at the next sync.
                StatusCode::NOT_FOUND => continue,
                status => return Err(server_error(status, response).await),
            };
            let mime = response
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            let mut at = if response.status() == StatusCode::OK { 0 } else { offset };
            if at == 0 && offset > 0 {
                // The peer sent the whole blob again: start the partial over.
                let h = hash.clone();
                blocking(store, move |s| s.restart_blob(&h)).await?;
            }
            while let Some(chunk) = response.chunk().await.map_err(offline)? {
                report.bytes_received += chunk.len();
                let (h, m, c) = (hash.clone(), mime.clone(), chunk.to_vec());
                blocking(store, move |s| s.receive_blob(&h, &m, total, at, &c)).await?;
                at += chunk.len();
            }
            let peer = self.base.clone();
            blocking(store, move |s| s.blob_held_by(&hash, &peer)).await?;
        }
        Ok(())
    }

    async fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&B>,
        report: &mut SyncReport,
    ) -> Result<T> {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream");
        if let Some(body) = body {
            let bytes = codec::encode(body)?;
            report.bytes_sent += bytes.len();
            request = request.body(bytes);
        }
        report.requests += 1;
        let response = request.send().await.map_err(|e| SyncError::Offline(e.to_string()))?;
        match response.status() {
            StatusCode::OK => {}
            status => return Err(server_error(status, response).await),
        }
        let bytes = response.bytes().await.map_err(|e| SyncError::Offline(e.to_string()))?;
        report.bytes_received += bytes.len();
        codec::decode(&bytes)
    }
}

/// Kept batches forwarded per push: each holds at most [`BATCH_ENTRIES`] entries.
const RELAYED_PER_PUSH: usize = 4;

/// Whether `peer` (a server's or a hub's base URL) accepts a TCP connection within `within`:
/// the cheapest sign that it can be reached, a handshake and no request, so a few dozen bytes
/// each way and nothing for the peer to do. A peer that accepts may still fail a sync (a
/// middlebox, a server in trouble); only a sync says that.
pub async fn reachable(peer: &str, within: Duration) -> bool {
    let Ok(url) = reqwest::Url::parse(peer) else { return false };
    let (Some(host), Some(port)) = (url.host_str(), url.port_or_known_default()) else { return false };
    // An IPv6 address comes bracketed, as URLs write it.
    let host = host.trim_start_matches('[').trim_end_matches(']');
    matches!(tokio::time::timeout(within, tokio::net::TcpStream::connect((host, port))).await, Ok(Ok(_)))
}

/// Upload chunk size: small enough to get through on a 2G link between cuts.
const BLOB_CHUNK: usize = 64 * 1024;

fn offline(e: reqwest::Error) -> SyncError {
    SyncError::Offline(e.to_string())
}

/// How many bytes of a blob the peer says it has received.
fn received(response: &reqwest::Response) -> usize {
    response.headers().get(RECEIVED_HEADER).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// The message id of the error the peer answered with.
fn error_id(response: &reqwest::Response) -> Option<&str> {
    response.headers().get(ERROR_HEADER).and_then(|v| v.to_str().ok())
}

/// Why the peer refused: this device unknown there, revoked, a refusal the person is told in
/// their language, or another error in words.
async fn server_error(status: StatusCode, response: reqwest::Response) -> SyncError {
    if status == StatusCode::UNAUTHORIZED {
        return SyncError::Unauthorized;
    }
    if status == StatusCode::FORBIDDEN && error_id(&response) == Some("server-error-device-revoked") {
        return SyncError::Revoked;
    }
    if let Some(refusal) = error_id(&response).and_then(|id| refusals::ALL.into_iter().find(|r| *r == id)) {
        return SyncError::Refused(refusal);
    }
    let message = response.text().await.unwrap_or_default();
    SyncError::Server { status: status.as_u16(), message: message.chars().take(500).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_peer_is_reachable_while_something_listens_on_its_port() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}/", listener.local_addr().expect("addr"));
        assert!(reachable(&url, Duration::from_secs(2)).await);
        drop(listener);
        assert!(!reachable(&url, Duration::from_secs(2)).await, "nothing listens there now");
        assert!(!reachable("not a url", Duration::from_secs(2)).await);
    }
}
