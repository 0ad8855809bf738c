//! Hub mode: a volunteer's or an official's device serves the phones at a training session
//! over the local network, with the same routes and rules as the central server, and syncs
//! upstream when it has a connection, forwarding the phones' signed batches exactly as they
//! arrived, with the registration (role, public key) of each phone it enrolled. The same
//! change reaching the server directly and through the hub is stored once. The `langso hub`
//! command and the app's hub both run this.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use langso_core::Store;
use langso_core::role::Role;
use langso_sync::client::{Client, SyncReport};
use tokio::task::JoinHandle;

use crate::{ServerError, Service, SqliteStorage, routes};

/// The roles phones join a session's hub with: those a hub may register upstream.
pub const SESSION_ROLES: [Role; 3] = crate::trust::REGISTRABLE;

#[derive(Debug)]
pub struct Hub {
    storage: Arc<SqliteStorage>,
    service: Service,
    upstream: String,
}

/// A hub serving phones: where they connect, and a join code per role for this session.
#[derive(Debug)]
pub struct Serving {
    /// `http://<this device's address on the local network>:<port>`.
    pub address: String,
    pub codes: Vec<(Role, String)>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Serving {
    /// Stops serving; what the phones sent stays, and goes upstream with the next sync.
    pub fn stop(&self) {
        self.task.abort();
    }

    /// Whether serving ended (the listener failed).
    pub fn is_finished(&self) -> bool {
        self.task.is_finished()
    }
}

impl Hub {
    /// Opens the hub's data in `dir` (the `langso hub` command). With a join code (a
    /// volunteer's or an official's), it first enrolls with the server at `upstream` and takes
    /// its commune from there.
    pub async fn open(dir: &Path, upstream: &str, code: Option<&str>, name: &str) -> Result<Hub, ServerError> {
        let storage = Arc::new(SqliteStorage::open(dir)?);
        let upstream = upstream.trim_end_matches('/').to_owned();
        if let Some(code) = code {
            let (client, _) = Client::enroll(&upstream, code, storage.store(), name).await?;
            client.sync(storage.store()).await?;
        }
        Hub::checked(storage, upstream)
    }

    /// A hub over a device's own store (the app), enrolled upstream already; the hub's join
    /// codes and the phones enrolled with it are kept in `admin`.
    pub fn over_store(store: Arc<Store>, admin: &Path) -> Result<Hub, ServerError> {
        let (upstream, _) = store.peers()?.into_iter().next().ok_or(ServerError::Unauthorized)?;
        Hub::checked(Arc::new(SqliteStorage::with_store(store, admin)?), upstream)
    }

    /// Only a volunteer's or an official's device may register phones upstream.
    fn checked(storage: Arc<SqliteStorage>, upstream: String) -> Result<Hub, ServerError> {
        match storage.store().peer_role(&upstream)? {
            Some(Role::Volunteer | Role::Official) => {
                let service = Service::relaying(storage.clone(), storage.store().clone());
                Ok(Hub { service, storage, upstream })
            }
            Some(_) => Err(ServerError::NotStaff),
            None => Err(ServerError::Unauthorized),
        }
    }

    /// What the hub serves: the same logic as the central server, over the hub's store.
    pub fn service(&self) -> Service {
        self.service.clone()
    }

    /// The hub's replica: the device's own store.
    pub fn store(&self) -> &Arc<Store> {
        self.storage.store()
    }

    /// A join code for phones at this hub, in the hub's commune. A device whose first sync
    /// has not finished knows no commune yet: that is worth waiting for, not a refusal.
    pub fn create_code(&self, role: Role) -> Result<String, ServerError> {
        let commune = self
            .store()
            .communes()?
            .into_iter()
            .next()
            .ok_or_else(|| ServerError::UnknownCommune("(first sync not finished)".into()))?;
        self.service.create_code(&commune.id, role)
    }

    /// Starts serving phones on `listen`, with a fresh join code per session role.
    pub async fn serve(&self, listen: SocketAddr) -> Result<Serving, ServerError> {
        let codes = SESSION_ROLES
            .into_iter()
            .map(|role| self.create_code(role).map(|code| (role, code)))
            .collect::<Result<Vec<_>, _>>()?;
        let bind_error = |e: std::io::Error| ServerError::Bind { address: listen.to_string(), reason: e.to_string() };
        let listener = tokio::net::TcpListener::bind(listen).await.map_err(bind_error)?;
        let bound = listener.local_addr().map_err(bind_error)?;
        // Bound to every interface: phones need the address on the local network.
        let host = if bound.ip().is_unspecified() {
            local_ip_address::local_ip().map_or_else(|_| bound.ip().to_string(), |ip| ip.to_string())
        } else {
            bound.ip().to_string()
        };
        let task = tokio::spawn(routes::serve(listener, self.service.clone()));
        Ok(Serving { address: format!("http://{host}:{}", bound.port()), codes, task })
    }

    /// Pushes the hub's own changes and the phones' batches it keeps, then pulls what is new.
    pub async fn sync_upstream(&self) -> Result<SyncReport, ServerError> {
        let token = self
            .store()
            .peers()?
            .into_iter()
            .find(|(peer, _)| *peer == self.upstream)
            .map(|(_, token)| token)
            .ok_or(ServerError::Unauthorized)?;
        Ok(Client::new(&self.upstream, &token)?.sync(self.store()).await?)
    }
}
