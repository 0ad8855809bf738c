//! Background sync for the app: within seconds of a local write (whatever wrote it: the engine
//! looks at the outbox), when asked ("sync now"), and on a timer, with exponential backoff and
//! jitter while the server cannot be reached. Its
//! status (enrolled, syncing, waiting changes, last success, last error) is what the UI shows
//! on every screen.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use langso_core::Store;
use langso_core::role::Role;
use langso_sync::SyncError;
use langso_sync::client::Client;
use serde::Serialize;
use tokio::sync::Notify;
use ts_rs::TS;

/// After a success, look again this often (new data from others).
const IDLE: Duration = Duration::from_secs(60);
/// First retry after a failure; doubled on each further failure up to `LONGEST`.
const FIRST_RETRY: Duration = Duration::from_secs(5);
const LONGEST: Duration = Duration::from_secs(10 * 60);
/// A burst of writes (a volunteer ticking skills) is sent together.
const DEBOUNCE: Duration = Duration::from_secs(2);
/// How often the engine looks for local writes waiting to be sent.
const LOOK: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct SyncStatus {
    pub enrolled: bool,
    /// The role this device enrolled with, e.g. `volunteer`.
    pub role: Option<Role>,
    pub syncing: bool,
    /// Whether the last attempt reached the server.
    pub online: bool,
    pub waiting: u64,
    pub last_ok_at: Option<i64>,
    /// The Fluent id of the last error, if the last attempt failed.
    pub error: Option<&'static str>,
}

#[derive(Debug)]
pub struct SyncEngine {
    store: Arc<Store>,
    wake: Notify,
    status: Mutex<SyncStatus>,
}

fn jitter(limit: Duration) -> Duration {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    Duration::from_millis(u64::from(nanos) % (limit.as_millis() as u64 / 4 + 1))
}

impl SyncEngine {
    /// Starts the engine on `runtime`.
    pub fn start(store: Arc<Store>, runtime: &tokio::runtime::Handle) -> Arc<SyncEngine> {
        let engine = Arc::new(SyncEngine { store, wake: Notify::new(), status: Mutex::new(SyncStatus::default()) });
        runtime.spawn(engine.clone().run());
        engine
    }

    /// Asks for a sync soon (after a local write) or now.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    pub fn status(&self) -> SyncStatus {
        let mut status = self.status.lock().unwrap_or_else(|p| p.into_inner()).clone();
        if let Ok(peers) = self.store.peers() {
            status.enrolled = !peers.is_empty();
            status.role = peers.first().and_then(|(peer, _)| self.store.peer_role(peer).ok().flatten());
            status.waiting = peers.iter().filter_map(|(peer, _)| self.store.waiting(peer).ok()).sum();
            status.last_ok_at = peers.iter().filter_map(|(peer, _)| self.store.peer_state(peer).ok()?.last_ok_at).max();
        }
        status
    }

    /// Enrolls this device with a server and syncs at once.
    pub async fn enroll(&self, server: &str, code: &str) -> Result<(), SyncError> {
        Client::enroll(server, code, &self.store, "Làng Số").await?;
        self.wake();
        Ok(())
    }

    fn set(&self, change: impl FnOnce(&mut SyncStatus)) {
        change(&mut self.status.lock().unwrap_or_else(|p| p.into_inner()));
    }

    /// Syncs with every peer; as a hub, that forwards the phones' batches it keeps too.
    async fn sync_all(&self) -> Result<(), SyncError> {
        for (peer, token) in self.store.peers()? {
            Client::new(&peer, &token)?.sync(&self.store).await?;
        }
        Ok(())
    }

    async fn run(self: Arc<Self>) {
        let mut next = Instant::now();
        let mut failures = 0u32;
        loop {
            tokio::select! {
                () = self.wake.notified() => {
                    tokio::time::sleep(DEBOUNCE).await;
                    next = Instant::now();
                }
                () = tokio::time::sleep(LOOK.min(next.saturating_duration_since(Instant::now()))) => {}
            }
            let waiting = self.status().waiting > 0;
            // Local writes wait to be sent: go now, unless the server is being given time.
            let due = Instant::now() >= next || (waiting && failures == 0);
            if !due || self.store.peers().map(|p| p.is_empty()).unwrap_or(true) {
                continue;
            }
            self.set(|s| s.syncing = true);
            let result = self.sync_all().await;
            let wait = match &result {
                Ok(()) => {
                    failures = 0;
                    IDLE
                }
                Err(_) => {
                    failures = failures.saturating_add(1);
                    FIRST_RETRY.saturating_mul(1 << (failures - 1).min(10)).min(LONGEST)
                }
            };
            next = Instant::now() + wait + jitter(wait);
            self.set(|s| {
                s.syncing = false;
                s.online = !matches!(result, Err(SyncError::Offline(_)));
                s.error = result.as_ref().err().map(SyncError::message_id);
            });
        }
    }
}
