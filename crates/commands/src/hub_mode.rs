//! Hub mode from the app: a volunteer's laptop serves the phones at a training session over
//! the village Wi-Fi, shown as an address, a QR code of it, and join codes; the app's own
//! background sync then carries the phones' changes upstream, vouching for them.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use langso_core::Store;
use langso_core::role::Role;
use langso_server::hub::Hub;
use langso_server::{Database, ServerError, SqliteDatabase, routes};
use qrcode::QrCode;
use qrcode::render::svg;
use serde::Serialize;
use tokio::sync::Mutex;
use tokio::task::JoinHandle;
use ts_rs::TS;

use crate::sync_engine::SyncEngine;

/// The port phones connect to: one people can type.
const DEFAULT_PORT: u16 = 8765;

#[derive(Debug, Clone, Serialize, TS)]
pub struct HubInfo {
    /// What phones enter (or scan): `http://<laptop's address>:<port>`.
    pub address: String,
    /// A join code per role, for the phones at this session.
    pub codes: Vec<(Role, String)>,
    /// The address as a QR code, an SVG image.
    pub qr_svg: String,
}

#[derive(Debug)]
pub struct HubMode {
    listen: SocketAddr,
    running: Mutex<Option<(HubInfo, JoinHandle<std::io::Result<()>>)>>,
}

impl HubMode {
    /// A hub that will serve on `listen`.
    pub fn new(listen: SocketAddr) -> HubMode {
        HubMode { listen, running: Mutex::new(None) }
    }

    /// `LANGSO_HUB_LISTEN` (tests), else every interface on a port people can type.
    pub fn from_environment() -> HubMode {
        let listen = std::env::var("LANGSO_HUB_LISTEN")
            .ok()
            .and_then(|a| a.parse().ok())
            .unwrap_or(SocketAddr::from(([0, 0, 0, 0], DEFAULT_PORT)));
        HubMode::new(listen)
    }

    /// Starts serving, unless already started; the device must be enrolled as a volunteer or
    /// an official.
    pub async fn start(
        &self,
        store: &Arc<Store>,
        engine: &SyncEngine,
        data_dir: &Path,
    ) -> Result<HubInfo, ServerError> {
        let mut running = self.running.lock().await;
        if let Some((info, _)) = running.as_ref() {
            return Ok(info.clone());
        }
        let (upstream, _) = store.peers()?.into_iter().next().ok_or(ServerError::Unauthorized)?;
        if !matches!(store.peer_role(&upstream)?, Some(Role::Volunteer | Role::Official)) {
            return Err(ServerError::NotStaff);
        }
        let db = Arc::new(SqliteDatabase::with_store(store.clone(), &data_dir.join("hub.sqlite3"))?);
        let hub = Hub::with_database(db.clone(), &upstream);
        let codes = [Role::Villager, Role::Farmer, Role::Volunteer]
            .into_iter()
            .map(|role| hub.create_code(role).map(|code| (role, code)))
            .collect::<Result<Vec<_>, _>>()?;
        let listener =
            tokio::net::TcpListener::bind(self.listen).await.map_err(|e| ServerError::Internal(e.to_string()))?;
        let bound = listener.local_addr().map_err(|e| ServerError::Internal(e.to_string()))?;
        let host = if bound.ip().is_unspecified() {
            local_ip_address::local_ip().map_or_else(|_| bound.ip().to_string(), |ip| ip.to_string())
        } else {
            bound.ip().to_string()
        };
        let address = format!("http://{host}:{}", bound.port());
        let qr_svg = QrCode::new(address.as_bytes())
            .map(|qr| qr.render::<svg::Color<'_>>().min_dimensions(200, 200).build())
            .unwrap_or_default();
        engine.vouch_for(db.clone());
        let served: Arc<dyn Database> = db;
        let task = tokio::spawn(routes::serve(listener, served));
        let info = HubInfo { address, codes, qr_svg };
        *running = Some((info.clone(), task));
        Ok(info)
    }

    /// Stops serving phones; what they sent stays, and goes upstream with the next sync.
    pub async fn stop(&self, engine: &SyncEngine) {
        if let Some((_, task)) = self.running.lock().await.take() {
            task.abort();
        }
        engine.stop_vouching();
    }

    pub async fn info(&self) -> Option<HubInfo> {
        self.running.lock().await.as_ref().map(|(info, _)| info.clone())
    }
}
