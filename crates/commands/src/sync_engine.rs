//! Background sync for the app: within seconds of a local write (whatever wrote it: the engine
//! looks at the outbox), when asked ("sync now"), and on a timer, with exponential backoff and
//! jitter after a failure. While a peer cannot be reached, the engine knocks on its door every
//! few seconds (a TCP connect, no request) and syncs as soon as a door it found shut opens, so
//! a sync starts within seconds of the server or hub coming back, whatever the backoff; a
//! server's own errors keep the backoff. Its status (enrolled, syncing, waiting changes, last
//! success, last error) is what the UI shows on every screen.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use langso_core::Store;
use langso_core::role::Role;
use langso_sync::SyncError;
use langso_sync::client::{self, Client};
use serde::Serialize;
use tokio::sync::Notify;
use ts_rs::TS;

/// After a success, look again this often (new data from others).
const IDLE: Duration = Duration::from_secs(60);
/// First retry after a failure; doubled on each further failure up to `LONGEST`.
const FIRST_RETRY: Duration = Duration::from_secs(5);
const LONGEST: Duration = Duration::from_secs(10 * 60);
/// A revoked device does not try again by itself for this long.
const REVOKED: Duration = Duration::from_secs(7 * 24 * 3600);
/// A burst of writes (a volunteer ticking skills) is sent together.
const DEBOUNCE: Duration = Duration::from_secs(2);
/// How often the engine looks for local writes waiting to be sent.
const LOOK: Duration = Duration::from_secs(3);
/// While a peer cannot be reached, knock on its door this often: a peer back in service is
/// noticed within this plus a knock. A knock is a TCP handshake and nothing else: a few packets
/// of some 60 bytes (two when refused, none with no network at all), no HTTP.
const KNOCK_EVERY: Duration = Duration::from_secs(5);
/// A knock unanswered for this long counts as a shut door.
const KNOCK_TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct SyncStatus {
    pub enrolled: bool,
    /// The role this device enrolled with, e.g. `volunteer`.
    pub role: Option<Role>,
    pub syncing: bool,
    /// Whether the last attempt reached the server.
    pub online: bool,
    pub waiting: u64,
    /// Profiles on this device that wait for their person to choose a village: until then
    /// they and what they learnt stay here.
    pub unplaced: u32,
    pub last_ok_at: Option<i64>,
    /// The Fluent id of the last error, if the last attempt failed.
    pub error: Option<&'static str>,
}

#[derive(Debug)]
pub struct SyncEngine {
    store: Arc<Store>,
    wake: Notify,
    status: Mutex<SyncStatus>,
    /// Syncs in a row that failed.
    failures: AtomicU32,
}

fn jitter(limit: Duration) -> Duration {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    Duration::from_millis(u64::from(nanos) % (limit.as_millis() as u64 / 4 + 1))
}

impl SyncEngine {
    /// Starts the engine on `runtime`.
    pub fn start(store: Arc<Store>, runtime: &tokio::runtime::Handle) -> Arc<SyncEngine> {
        let engine = Arc::new(SyncEngine {
            store,
            wake: Notify::new(),
            status: Mutex::new(SyncStatus::default()),
            failures: AtomicU32::new(0),
        });
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
        status.unplaced = self.store.unplaced_profiles().map_or(0, |p| u32::try_from(p.len()).unwrap_or(u32::MAX));
        status
    }

    /// How many syncs in a row have failed (0 after a success); the backoff grows with it.
    pub fn failures(&self) -> u32 {
        self.failures.load(Ordering::Relaxed)
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
        // While the last sync could not reach its peers: the knocks on their doors.
        let mut knocks: Option<Knocks> = None;
        loop {
            let until = knocks.as_ref().map_or(next, |k| k.next.min(next));
            tokio::select! {
                () = self.wake.notified() => {
                    tokio::time::sleep(DEBOUNCE).await;
                    next = Instant::now();
                }
                () = tokio::time::sleep(LOOK.min(until.saturating_duration_since(Instant::now()))) => {}
            }
            let peers: Vec<String> = match self.store.peers() {
                Ok(peers) if !peers.is_empty() => peers.into_iter().map(|(peer, _)| peer).collect(),
                _ => continue,
            };
            let waiting = self.status().waiting > 0;
            // Local writes wait to be sent: go now, unless the server is being given time.
            let mut due = Instant::now() >= next || (waiting && failures == 0);
            if !due
                && let Some(knocks) = knocks.as_mut()
                && Instant::now() >= knocks.next
            {
                // A peer that could not be reached is back: no need to wait out the backoff.
                due = knocks.knock(&peers).await;
            }
            if !due {
                continue;
            }
            self.set(|s| s.syncing = true);
            let result = self.sync_all().await;
            let wait = match &result {
                Ok(()) => {
                    failures = 0;
                    IDLE
                }
                // Revoked: the status says so, and only "sync now" tries again.
                Err(SyncError::Revoked) => {
                    failures = failures.saturating_add(1);
                    REVOKED
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
            knocks = None;
            if let Err(SyncError::Offline(_)) = result {
                // Knock at once: a door shut now is a peer gone, whose return a later knock
                // notices; a door open now means the sync failed on the way (a cut, something
                // in between), which the backoff is for.
                let mut first = Knocks { shut: HashSet::new(), next: Instant::now() };
                first.knock(&peers).await;
                knocks = Some(first);
            }
            self.failures.store(failures, Ordering::Relaxed);
        }
    }
}

/// The knocks on the doors of peers that could not be reached, while the backoff runs.
#[derive(Debug)]
struct Knocks {
    /// Peers a knock has found shut since the failed sync.
    shut: HashSet<String>,
    /// When to knock again.
    next: Instant,
}

impl Knocks {
    /// Knocks on every peer's door at once; whether one found shut before is open now.
    async fn knock(&mut self, peers: &[String]) -> bool {
        self.next = Instant::now() + KNOCK_EVERY;
        let mut answers = tokio::task::JoinSet::new();
        for peer in peers {
            let peer = peer.clone();
            answers.spawn(async move {
                let open = client::reachable(&peer, KNOCK_TIMEOUT).await;
                (peer, open)
            });
        }
        let mut back = false;
        while let Some(answer) = answers.join_next().await {
            match answer {
                Ok((peer, true)) => back |= self.shut.contains(&peer),
                Ok((peer, false)) => {
                    self.shut.insert(peer);
                }
                Err(_) => {}
            }
        }
        back
    }
}
