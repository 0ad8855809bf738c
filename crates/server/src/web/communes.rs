//! The communes with products for sale, which the home page lists and the search form offers
//! as filters. Counting them reads every published product (130 ms over 50,000 on the
//! embedded engine), so the answer is kept for as long as the pages themselves are cached.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use langso_core::market::public::CommuneCard;

use crate::{ServerError, Service};

/// As long as a page may be cached (`PAGE_CACHE`).
const KEPT: Duration = Duration::from_secs(60);

#[derive(Debug, Default)]
pub(crate) struct CommuneCache {
    kept: Mutex<Option<(Instant, Arc<Vec<CommuneCard>>)>>,
}

impl CommuneCache {
    /// The communes, counted at most a minute ago.
    pub(crate) fn get(&self, service: &Service) -> Result<Arc<Vec<CommuneCard>>, ServerError> {
        if let Some((at, communes)) = self.kept.lock().unwrap_or_else(|p| p.into_inner()).as_ref()
            && at.elapsed() < KEPT
        {
            return Ok(communes.clone());
        }
        let communes = Arc::new(service.storage().market_communes()?);
        *self.kept.lock().unwrap_or_else(|p| p.into_inner()) = Some((Instant::now(), communes.clone()));
        Ok(communes)
    }
}
