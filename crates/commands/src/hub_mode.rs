//! Hub mode from the app: a volunteer's laptop serves the phones at a training session over
//! the village Wi-Fi, shown as an address, a QR code of it, and join codes; the app's own
//! background sync then forwards the phones' signed batches upstream as they arrived.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use langso_core::Store;
use langso_core::role::Role;
use langso_server::ServerError;
use langso_server::hub::{Hub, Serving};
use qrcode::QrCode;
use qrcode::render::svg;
use serde::Serialize;
use tokio::sync::Mutex;
use ts_rs::TS;

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
    running: Mutex<Option<(HubInfo, Serving)>>,
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
    pub async fn start(&self, store: &Arc<Store>, data_dir: &Path) -> Result<HubInfo, ServerError> {
        let mut running = self.running.lock().await;
        if let Some((info, _)) = running.as_ref() {
            return Ok(info.clone());
        }
        let hub = Hub::over_store(store.clone(), &data_dir.join("hub.sqlite3"))?;
        let serving = hub.serve(self.listen).await?;
        let qr_svg = QrCode::new(serving.address.as_bytes())
            .map(|qr| qr.render::<svg::Color<'_>>().min_dimensions(200, 200).build())
            .unwrap_or_default();
        let info = HubInfo { address: serving.address.clone(), codes: serving.codes.clone(), qr_svg };
        *running = Some((info.clone(), serving));
        Ok(info)
    }

    /// Stops serving phones; what they sent stays, and goes upstream with the next sync.
    pub async fn stop(&self) {
        if let Some((_, serving)) = self.running.lock().await.take() {
            serving.stop();
        }
    }

    pub async fn info(&self) -> Option<HubInfo> {
        self.running.lock().await.as_ref().map(|(info, _)| info.clone())
    }
}
