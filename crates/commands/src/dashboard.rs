//! A commune official's dashboard in the app: the commune's figures by village and by month,
//! counted offline from this device's own replica by the same rules as the server's pages
//! (`langso_core::dashboard`), with its two charts; the commune's household target; and a
//! one-time code to sign in to the office's pages on the server.

use langso_core::dashboard::Dashboard;
use langso_core::role::Role;
use langso_core::time::now_ms;
use langso_server::ServerError;
use langso_sync::SyncError;
use langso_sync::client::Client;
use serde::Serialize;
use ts_rs::TS;

use crate::{App, Failure, Result};

/// The dashboard's two charts as SVG, in the person's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DashboardCharts {
    pub villages: String,
    pub months: String,
}

/// A code to type on the office's sign-in page, shown once. `expires_at` is unix ms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OfficeCode {
    pub code: String,
    pub expires_at: i64,
    /// The sign-in page on the server this device syncs with.
    pub address: String,
}

impl App {
    /// The commune of the open profile, which must be an official's.
    fn official_commune(&self) -> Result<String> {
        let profile = self.store.profile(&self.person.require()?)?.ok_or(Failure::NoProfile)?;
        match (profile.role, profile.commune_id) {
            (Role::Official, Some(commune_id)) => Ok(commune_id),
            _ => Err(Failure::OfficialOnly),
        }
    }

    /// The commune's dashboard, counted now from this device's store.
    pub async fn dashboard(&self) -> Result<Dashboard> {
        let commune = self.official_commune()?;
        self.store.dashboard(&commune, now_ms())?.ok_or(Failure::OfficialOnly)
    }

    /// The dashboard's charts, drawn from the same figures.
    pub async fn dashboard_charts(&self, language: String) -> Result<DashboardCharts> {
        let dashboard = self.dashboard().await?;
        let draw = |e: langso_charts::ChartError| Failure::Server(ServerError::Encode(e.to_string()));
        Ok(DashboardCharts {
            villages: langso_charts::village_bars(&dashboard, &language).map_err(draw)?,
            months: langso_charts::month_line(&dashboard, &language).map_err(draw)?,
        })
    }

    /// Sets (or clears) the share of households the commune aims for; it syncs like any change.
    pub async fn set_household_target(&self, percent: Option<i64>) -> Result<Dashboard> {
        let commune = self.official_commune()?;
        self.store.set_household_target(&commune, percent)?;
        self.dashboard().await
    }

    /// A one-time code to sign in to the office's pages, from the server this official's
    /// device joined; refused before anything is sent on any other device.
    pub async fn office_code(&self) -> Result<OfficeCode> {
        self.official_commune()?;
        let (peer, token) = self.store.peers()?.into_iter().next().ok_or(SyncError::Unauthorized)?;
        if self.store.peer_role(&peer)? != Some(Role::Official) {
            return Err(ServerError::NotOfficial.into());
        }
        let made = Client::new(&peer, &token)?.office_code().await?;
        Ok(OfficeCode {
            code: made.code,
            expires_at: made.expires_at.saturating_mul(1000),
            address: format!("{}/office", peer.trim_end_matches('/')),
        })
    }
}
