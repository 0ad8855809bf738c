//! Accepting connections so that idle or slow clients cannot stall the server: a cap on
//! connections overall and per client address, a deadline for a request's headers (which is
//! also how long an idle keep-alive connection stays open), for each piece of a body, and for
//! a whole request. What these limits close is logged at the default level.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::StatusCode;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

/// The limits on connections; tests shorten them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// Open connections at once; beyond it, new ones wait to be accepted. Kept well below the
    /// usual open-file limit of 1,024 so that the databases can always open their files.
    pub max_connections: usize,
    /// Open connections from one address; beyond it, a new one is closed at once. Generous:
    /// behind carrier-grade NAT many phones share one address, and each keeps its connection
    /// open until the header timeout closes it.
    pub per_client: usize,
    /// To receive a request's headers, counted from when the connection is ready for one: a
    /// connection that sends nothing for this long is closed.
    pub header_timeout: Duration,
    /// Between two pieces of a request body; a 2G upload keeps moving, a stalled one does not.
    pub body_idle_timeout: Duration,
    /// For a whole request, body included.
    pub request_timeout: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> ConnectionLimits {
        ConnectionLimits {
            max_connections: 768,
            per_client: 256,
            header_timeout: Duration::from_secs(15),
            body_idle_timeout: Duration::from_secs(30),
            request_timeout: Duration::from_secs(300),
        }
    }
}

/// How many connections each address holds.
#[derive(Debug, Default)]
struct PerClient(Mutex<HashMap<IpAddr, usize>>);

/// One connection counted against its address until dropped.
struct ClientSlot {
    counts: Arc<PerClient>,
    ip: IpAddr,
}

impl PerClient {
    fn take(counts: &Arc<PerClient>, ip: IpAddr, max: usize) -> Option<ClientSlot> {
        let mut map = counts.0.lock().unwrap_or_else(|p| p.into_inner());
        let held = map.entry(ip).or_insert(0);
        if *held >= max {
            return None;
        }
        *held += 1;
        Some(ClientSlot { counts: counts.clone(), ip })
    }
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut map = self.counts.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(held) = map.get_mut(&self.ip) {
            *held -= 1;
            if *held == 0 {
                map.remove(&self.ip);
            }
        }
    }
}

/// Serves `router` on `listener` within `limits`, until the listener fails or the task is
/// dropped. Each request carries the peer's address as `ConnectInfo<SocketAddr>`.
pub async fn serve(listener: TcpListener, router: Router, limits: ConnectionLimits) -> std::io::Result<()> {
    let router = router
        .layer(RequestBodyTimeoutLayer::new(limits.body_idle_timeout))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, limits.request_timeout));
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let per_client = Arc::new(PerClient::default());
    loop {
        let permit = match permits.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                tracing::warn!(limit = limits.max_connections, "connection limit reached; new connections wait");
                permits.clone().acquire_owned().await.map_err(std::io::Error::other)?
            }
        };
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors, or a connection reset before it was accepted.
                tracing::warn!(error = %e, "accepting a connection failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let Some(slot) = PerClient::take(&per_client, peer.ip(), limits.per_client) else {
            tracing::warn!(%peer, limit = limits.per_client, "too many connections from one address; closed");
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = router.clone().map_request(move |mut request: hyper::Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            request
        });
        tokio::spawn(async move {
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
            if let Err(e) = connection.await {
                if e.is_timeout() {
                    tracing::info!(%peer, "closed a connection that sent no request in time");
                } else {
                    tracing::info!(%peer, error = %e, "connection ended with an error");
                }
            }
            drop(slot);
            drop(permit);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_holds_only_so_many_connections() {
        let counts = Arc::new(PerClient::default());
        let ip: IpAddr = "10.0.0.7".parse().expect("ip");
        let first = PerClient::take(&counts, ip, 2).expect("first");
        let _second = PerClient::take(&counts, ip, 2).expect("second");
        assert!(PerClient::take(&counts, ip, 2).is_none());
        assert!(PerClient::take(&counts, "10.0.0.8".parse().expect("ip"), 2).is_some());
        drop(first);
        assert!(PerClient::take(&counts, ip, 2).is_some(), "a closed connection frees its place");
    }
}
