//! What the tests of Làng Số build on, both the server's own (`crates/server/tests`) and the
//! cross-crate ones (`tests/`): a real server on a loopback port holding the lesson pack, a
//! demo commune with a village and a join code per role ([`TestServer`], made by
//! [`ServerBuilder`]); a volunteer's hub enrolled with it ([`TestHub`]); devices, each a store
//! on a temp file, enrolled with the real client ([`Device`], [`Phone`]); and test profiles
//! ([`person`]) and listings ([`honey`]).
//!
//! Servers run on the engine the environment names: with `LANGSO_TEST_ENGINE=postgres` (as
//! `scripts/test.sh` sets it for its second pass over the server's tests) each server gets a
//! fresh database in the cluster `LANGSO_TEST_POSTGRES` names; otherwise SQLite in a temp
//! folder.
//!
//! The hostile tests (killing, faulty links, fuzzing) run more rounds when the environment
//! asks ([`rounds`], [`round_seeds`]), as `scripts/long.sh` does; each round's seed is printed
//! so that a failing one can be run again alone.

use std::net::SocketAddr;
use std::ops::Deref;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use langso_core::Store;
use langso_core::learning::pack::Pack;
use langso_core::market::listing::ListingInput;
use langso_core::people::profile::NewProfile;
use langso_core::places::NewCommune;
use langso_core::replica::change::Change;
use langso_core::replica::identity::{Identity, to_hex};
use langso_core::role::Role;
use langso_server::engine::Engine;
use langso_server::hub::Hub;
use langso_server::join_codes::CodeLimits;
use langso_server::routes::{self, ServerLimits};
use langso_server::{Service, Storage};
use langso_sync::client::Client;
use langso_sync::envelope::{Envelope, enrollment_message};
use langso_sync::protocol::{EnrollRequest, PushRequest};
use tempfile::TempDir;
use tokio::task::JoinHandle;

/// The variable naming the PostgreSQL cluster tests may use (a connection string without a
/// database name); `scripts/test.sh` starts a throwaway cluster and sets it.
pub const POSTGRES_VAR: &str = "LANGSO_TEST_POSTGRES";

/// The variable that puts every test server on PostgreSQL (`postgres`) instead of SQLite.
pub const ENGINE_VAR: &str = "LANGSO_TEST_ENGINE";

/// The test PostgreSQL cluster; tests that compare the engines need one.
pub fn postgres_cluster() -> String {
    std::env::var(POSTGRES_VAR).ok().filter(|v| !v.is_empty()).unwrap_or_else(|| {
        panic!("{POSTGRES_VAR} is not set: run the tests with scripts/test.sh, which starts a PostgreSQL cluster")
    })
}

/// The engine tests run servers on, with its data in `dir`: a fresh database of the test
/// cluster when [`ENGINE_VAR`] is `postgres`, else SQLite in `dir`.
pub fn test_engine(dir: &Path) -> Engine {
    match std::env::var(ENGINE_VAR).as_deref() {
        Ok("postgres") => Engine::Postgres(fresh_database(&postgres_cluster())),
        _ => Engine::Sqlite(dir.to_owned()),
    }
}

/// How many rounds (or cases) a test runs: the number in the environment variable `var`, else
/// `default`, so that the usual test command keeps its usual count. A value that is not a
/// whole number of at least 1 stops the test with a message naming `var`.
pub fn rounds(var: &str, default: usize) -> usize {
    match env_number(var) {
        None => default,
        Some(0) => panic!("{var} is 0: a test needs at least one round (unset it for the usual {default})"),
        Some(n) => usize::try_from(n).unwrap_or_else(|_| panic!("{var} is {n}: too many rounds for this machine")),
    }
}

/// The seeds of a test's rounds. When `seed_var` is set, only that seed: the replay of one
/// round a run printed. Otherwise [`rounds`]`(rounds_var, default)` seeds: `first` (the seeds
/// the test has always used), then fresh random ones. A malformed value stops the test with a
/// message naming its variable.
pub fn round_seeds(rounds_var: &str, seed_var: &str, default: usize, first: &[u64]) -> Vec<u64> {
    if let Some(seed) = env_number(seed_var) {
        return vec![seed];
    }
    let count = rounds(rounds_var, default);
    first.iter().copied().chain(std::iter::repeat_with(fresh_seed)).take(count).collect()
}

/// The seed `var` names (a replay), else a fresh random one.
pub fn seed(var: &str) -> u64 {
    env_number(var).unwrap_or_else(fresh_seed)
}

fn fresh_seed() -> u64 {
    uuid::Uuid::new_v4().as_u64_pair().0
}

/// The whole number in `var`; `None` when it is unset or empty. Anything else stops the test
/// with a message naming the variable.
fn env_number(var: &str) -> Option<u64> {
    whole_number(var, std::env::var_os(var).as_deref())
}

fn whole_number(var: &str, value: Option<&std::ffi::OsStr>) -> Option<u64> {
    let value = value?.to_str().unwrap_or_else(|| panic!("{var} is not a whole number: {value:?}")).trim();
    if value.is_empty() {
        return None;
    }
    match value.parse::<u64>() {
        Ok(n) if value.bytes().all(|b| b.is_ascii_digit()) => Some(n),
        _ => panic!("{var} is not a whole number: {value:?} (digits only, such as {var}=100)"),
    }
}

/// Makes an empty database in the cluster; returns its connection string.
pub fn fresh_database(cluster: &str) -> String {
    let name = format!("langso_{}", uuid::Uuid::new_v4().simple());
    postgres_sql(&format!("{cluster} dbname=postgres"), &format!("CREATE DATABASE {name}"));
    format!("{cluster} dbname={name}")
}

/// Runs one statement on a PostgreSQL database; returns the first column of the first row.
/// The driver blocks on a runtime of its own, so on a tokio worker this runs as a blocking
/// section.
fn postgres_sql(url: &str, sql: &str) -> Option<String> {
    let run = || {
        let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect to the test PostgreSQL");
        let rows = client.query(sql, &[]).expect("sql");
        rows.first().map(|r| r.get::<_, String>(0))
    };
    match tokio::runtime::Handle::try_current() {
        Ok(_) => tokio::task::block_in_place(run),
        Err(_) => run(),
    }
}

/// A copy of everything a server holds, in a store of its own, to read with the store's
/// queries (lessons, listings, the canonical dump) whatever the server's engine.
#[derive(Debug)]
pub struct Snapshot {
    pub store: Store,
    _dir: TempDir,
}

impl Deref for Snapshot {
    type Target = Store;

    fn deref(&self) -> &Store {
        &self.store
    }
}

/// Copies everything `service` holds into a fresh store.
pub fn snapshot(service: &Service) -> Snapshot {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("snapshot.sqlite3")).expect("snapshot store");
    service.copy_into(&store).expect("copy the server's data");
    Snapshot { store, _dir: dir }
}

/// The name test devices enroll under.
const DEVICE_NAME: &str = "điện thoại thử";

/// The lesson pack the app bundles, read once.
pub fn bundled_pack() -> &'static Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(|| {
        Pack::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/lessons")).expect("bundled pack")
    })
}

/// How a [`TestServer`] is made: [`TestServer::builder`], any of the options, then
/// [`ServerBuilder::start`] (or [`ServerBuilder::seed`] for a server run as its own process).
#[derive(Debug, Clone)]
pub struct ServerBuilder {
    limits: ServerLimits,
    code_uses: Option<u32>,
    other_commune: bool,
}

impl Default for ServerBuilder {
    /// The server's own limits, but no cap on requests a minute: a phone whose store was
    /// empty ([`phone`]) fetches every lesson file, one request each (981 in pack 4), and the
    /// tests of one binary run side by side from the same address. A test of that cap sets
    /// [`ServerLimits::default`].
    fn default() -> ServerBuilder {
        ServerBuilder {
            limits: ServerLimits { requests_per_minute: u32::MAX, ..ServerLimits::default() },
            code_uses: None,
            other_commune: false,
        }
    }
}

impl ServerBuilder {
    /// Limits (connections, the enrollment throttle, requests a minute) other than the
    /// builder's.
    pub fn limits(mut self, limits: ServerLimits) -> ServerBuilder {
        self.limits = limits;
        self
    }

    /// Each join code enrolls up to `uses` devices, for tests where many devices share one
    /// code. Without it a code has its role's usual limits, as `langso-server code` makes it:
    /// an official's code enrolls one device.
    pub fn code_uses(mut self, uses: u32) -> ServerBuilder {
        self.code_uses = Some(uses);
        self
    }

    /// A second commune besides the demo one, with a volunteer's code
    /// ([`TestServer::other_commune_code`]): an outsider to the demo commune.
    pub fn other_commune(mut self) -> ServerBuilder {
        self.other_commune = true;
        self
    }

    /// Writes a server's data (into the data folder `dir`, or a fresh PostgreSQL database)
    /// without serving it; [`Seed::engine`] tells `langso-server` where it is.
    pub fn seed(&self, dir: &Path) -> Seed {
        self.seed_engine(test_engine(dir)).1
    }

    /// Opens `engine` and writes a server's data into it; the service serves it.
    pub fn seed_engine(&self, engine: Engine) -> (Service, Seed) {
        let db = Service::new(engine.open().expect("server storage"));
        db.publish(bundled_pack()).expect("publish");
        let commune = db
            .create_commune(&NewCommune {
                name: "Xã Lũng Cú".into(),
                district: None,
                province: Some("Hà Giang".into()),
            })
            .expect("commune");
        let village = db.create_village(&commune.id, "Thôn Lô Lô Chải").expect("village");
        let code = |commune_id: &str, role: Role| {
            let usual = CodeLimits::for_role(role);
            let limits = CodeLimits { uses: self.code_uses.unwrap_or(usual.uses), ..usual };
            db.create_code_with(commune_id, role, limits).expect("code").code
        };
        let codes = [Role::Villager, Role::Volunteer, Role::Farmer, Role::Official]
            .into_iter()
            .map(|role| (role, code(&commune.id, role)))
            .collect();
        let other_commune_code = self.other_commune.then(|| {
            let other = db
                .create_commune(&NewCommune { name: "Xã Sủng Là".into(), district: None, province: None })
                .expect("commune");
            db.create_village(&other.id, "Thôn Sủng Là").expect("village");
            code(&other.id, Role::Volunteer)
        });
        let seed = Seed { commune_id: commune.id, village_id: village.id, codes, other_commune_code, engine };
        (db, seed)
    }

    /// Starts the server on the current tokio runtime, with its data in a temp folder (or a
    /// fresh PostgreSQL database).
    pub async fn start(self) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let (service, seed) = self.seed_engine(test_engine(dir.path()));
        let addr = serve(service.clone(), self.limits).await;
        TestServer { url: format!("http://{addr}"), addr, service, seed, dir }
    }
}

/// What a test server's data holds besides the lesson pack.
#[derive(Debug, Clone)]
pub struct Seed {
    /// The demo commune, "Xã Lũng Cú".
    pub commune_id: String,
    /// Its one village.
    pub village_id: String,
    codes: Vec<(Role, String)>,
    other_commune_code: Option<String>,
    /// Where the data is.
    pub engine: Engine,
}

impl Seed {
    /// The `langso-server` arguments that open this data: `--data DIR` or `--database URL`.
    pub fn server_args(&self) -> Vec<String> {
        match &self.engine {
            Engine::Sqlite(dir) => vec!["--data".into(), dir.display().to_string()],
            Engine::Postgres(url) => vec!["--database".into(), url.clone()],
        }
    }

    /// Opens the data again (after the server that held it is gone).
    pub fn open(&self) -> Service {
        Service::new(self.engine.open().expect("server storage"))
    }

    /// The demo commune's join code for `role`.
    pub fn code(&self, role: Role) -> &str {
        &self.codes.iter().find(|(r, _)| *r == role).expect("code").1
    }

    /// A volunteer's code of another commune; the server must be built with
    /// [`ServerBuilder::other_commune`].
    pub fn other_commune_code(&self) -> &str {
        self.other_commune_code.as_deref().expect("a server built with .other_commune()")
    }
}

/// The central server, serving on a loopback port.
#[derive(Debug)]
pub struct TestServer {
    /// `http://127.0.0.1:port`.
    pub url: String,
    pub addr: SocketAddr,
    pub service: Service,
    pub seed: Seed,
    /// The data folder (`data.sqlite3`, `server.sqlite3`), unused on PostgreSQL.
    pub dir: TempDir,
}

impl TestServer {
    pub fn builder() -> ServerBuilder {
        ServerBuilder::default()
    }

    /// A server with the default limits and codes, on the current tokio runtime.
    pub async fn start() -> TestServer {
        TestServer::builder().start().await
    }

    /// The demo commune's join code for `role`.
    pub fn code(&self, role: Role) -> &str {
        self.seed.code(role)
    }

    /// A volunteer's code of another commune (see [`ServerBuilder::other_commune`]).
    pub fn other_commune_code(&self) -> &str {
        self.seed.other_commune_code()
    }

    /// A copy of everything the server holds now.
    pub fn snapshot(&self) -> Snapshot {
        snapshot(&self.service)
    }

    /// The server's storage, for what a snapshot does not copy (blobs).
    pub fn storage(&self) -> &dyn Storage {
        self.service.storage()
    }

    /// Runs SQL that both engines read alike on the server's own records (codes, devices,
    /// uploads), to age or inspect them; returns the first column of the first row as text.
    pub fn admin_sql(&self, sql: &str) -> Option<String> {
        match &self.seed.engine {
            Engine::Sqlite(dir) => {
                let conn = rusqlite::Connection::open(dir.join("server.sqlite3")).expect("server.sqlite3");
                let mut stmt = conn.prepare(sql).expect("admin sql");
                let mut rows = stmt.query([]).expect("admin sql");
                rows.next().expect("admin sql").map(|r| r.get::<_, String>(0).expect("a text column"))
            }
            Engine::Postgres(url) => postgres_sql(url, sql),
        }
    }

    /// Writes on the server as the server itself does (the public marketplace's inquiries,
    /// before its pages exist): `write` changes a copy of the server's data, and what it
    /// wrote is merged into the commune.
    pub fn write_as_server<T>(&self, write: impl FnOnce(&Store) -> T) -> T {
        let copy = self.snapshot();
        let before = copy.last_seq().expect("seq");
        let made = write(&copy);
        let changes = copy.changes_since(before, usize::MAX).expect("changes").changes;
        self.service.merge_as_server(&self.seed.commune_id, &changes).expect("merge on the server");
        made
    }
}

/// Serves `service` with the server's routes on a free loopback port, on the current tokio runtime.
pub async fn serve(service: Service, limits: ServerLimits) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(routes::serve_with(listener, service, limits));
    addr
}

/// Serves `service` with the server's routes on `addr`, until the returned task is aborted:
/// a server stopped and started again on the address its devices know.
pub async fn serve_at(addr: SocketAddr, service: Service, limits: ServerLimits) -> JoinHandle<std::io::Result<()>> {
    let listener = tokio::net::TcpListener::bind(addr).await.expect("bind");
    tokio::spawn(routes::serve_with(listener, service, limits))
}

/// A volunteer's laptop as a hub: enrolled with the server with the volunteer's code, and
/// serving on its own loopback port. It derefs to the [`Hub`].
#[derive(Debug)]
pub struct TestHub {
    hub: Hub,
    /// `http://127.0.0.1:port`.
    pub url: String,
    _dir: TempDir,
}

impl TestHub {
    pub async fn start(server: &TestServer) -> TestHub {
        let dir = tempfile::tempdir().expect("hub dir");
        let hub = Hub::open(dir.path(), &server.url, Some(server.code(Role::Volunteer)), "laptop").await.expect("hub");
        // Uncapped, like a test server: the phones behind it fetch every lesson file.
        let addr =
            serve(hub.service(), ServerLimits { requests_per_minute: u32::MAX, ..ServerLimits::default() }).await;
        TestHub { hub, url: format!("http://{addr}"), _dir: dir }
    }
}

impl Deref for TestHub {
    type Target = Hub;

    fn deref(&self) -> &Hub {
        &self.hub
    }
}

/// Attempts [`Device::sync_until_done`] makes before it gives up.
const SYNC_ATTEMPTS: usize = 5_000;

/// A device: a store on its own temp file.
#[derive(Debug)]
pub struct Device {
    pub store: Arc<Store>,
    dir: TempDir,
}

impl Device {
    /// A device as the app makes it: its store holds the bundled pack, pictures and
    /// narration included, before it first syncs.
    pub fn new() -> Device {
        let device = Device::empty();
        device.store.install_pack(bundled_pack()).expect("bundled pack");
        device
    }

    /// A device whose store is empty: the lessons, their pictures and narration come by sync.
    pub fn empty() -> Device {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Arc::new(Store::open(&dir.path().join("device.sqlite3")).expect("store"));
        Device { store, dir }
    }

    /// Enrolls through `url` (a server, a hub, or a proxy in front of one), retrying while
    /// the link fails.
    pub async fn enroll(&self, url: &str, code: &str) -> Client {
        let mut errors = Vec::new();
        for _ in 0..200 {
            match Client::enroll(url, code, &self.store, DEVICE_NAME).await {
                Ok((client, _)) => return client,
                Err(e) => errors.push(e.to_string()),
            }
        }
        errors.dedup();
        panic!("could not enroll through {url}; the answers, in order: {errors:?}");
    }

    /// Syncs until one sync completes; returns how many attempts it took. Through a link that
    /// cuts connections a photo may take hundreds: a 64 KiB chunk gets through whole one try
    /// in about 27 when 5% of each KiB are cut.
    pub async fn sync_until_done(&self, client: &Client) -> usize {
        let mut errors = Vec::new();
        for attempt in 1..=SYNC_ATTEMPTS {
            match client.sync(&self.store).await {
                Ok(_) => return attempt,
                Err(e) => errors.push(e.to_string()),
            }
        }
        errors.sort();
        errors.dedup();
        panic!("sync never completed in {SYNC_ATTEMPTS} attempts; the errors: {errors:?}");
    }

    /// A person of `role` in the device's first village.
    pub fn person(&self, role: Role, name: &str) -> String {
        person(&self.store, role, name)
    }

    /// Enrolls with `server` directly, once (a refusal fails the test), and syncs once.
    pub async fn into_phone(self, server: &TestServer, code: &str) -> Phone {
        let (client, _) = Client::enroll(&server.url, code, &self.store, DEVICE_NAME).await.expect("enroll");
        client.sync(&self.store).await.expect("first sync");
        Phone { store: self.store, client, _dir: self.dir }
    }
}

impl Default for Device {
    fn default() -> Device {
        Device::new()
    }
}

/// A device enrolled with a [`TestServer`] and synced once, with its client.
#[derive(Debug)]
pub struct Phone {
    pub store: Arc<Store>,
    pub client: Client,
    _dir: TempDir,
}

/// A phone whose store was empty before its first sync: it pulled the lessons and downloaded
/// their pictures and sounds.
pub async fn phone(server: &TestServer, code: &str) -> Phone {
    Device::empty().into_phone(server, code).await
}

/// A phone as the app makes it: the bundled pack is installed before its first sync, so it
/// downloads none of the pack's pictures and sounds.
pub async fn app_phone(server: &TestServer, code: &str) -> Phone {
    Device::new().into_phone(server, code).await
}

/// Waits, a tenth of a second at a time for up to 20 s, until `done` says yes; fails the test
/// naming `what` otherwise.
pub async fn eventually<F, Fut>(what: &str, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..200 {
        if done().await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("never happened: {what}");
}

/// The token `store` was given when it enrolled (with its first peer).
pub fn token(store: &Store) -> String {
    store.peers().expect("peers")[0].1.clone()
}

/// What a person of `role` in `village_id` fills in, consent given, no PIN.
pub fn new_profile(village_id: &str, role: Role, name: &str) -> NewProfile {
    NewProfile {
        village_id: Some(village_id.to_owned()),
        role,
        name: name.into(),
        household: None,
        birth_year: Some(1985),
        phone: Some("0912345678".into()),
        avatar: None,
        pin: None,
        consent_version: Some("2026-11".into()),
        read_aloud: false,
    }
}

/// A person of `role` in the first village `store` knows, who consented; returns the id.
pub fn person(store: &Store, role: Role, name: &str) -> String {
    let village = store.villages(&store.communes().expect("communes")[0].id).expect("villages")[0].clone();
    store.create_profile(&new_profile(&village.id, role, name)).expect("profile").id
}

/// A farmer's product: honey at 450,000 đồng a litre.
pub fn honey() -> ListingInput {
    ListingInput {
        name: "Mật ong bạc hà".into(),
        price_dong: 450_000,
        unit: "lít".into(),
        quantity: Some(20),
        contact_phone: "0987654321".into(),
        ..ListingInput::default()
    }
}

/// The same honey with the farmer's bank account for VietQR payments: what a forger wants.
pub fn honey_with_bank() -> ListingInput {
    ListingInput {
        bank_bin: Some("970436".into()),
        bank_account: Some("0123456789".into()),
        bank_holder: Some("SUNG THI DE".into()),
        ..honey()
    }
}

/// A push of `changes` made on `store`, signed by it, as the client sends it: for tests that
/// write requests by hand.
pub fn signed_push(store: &Store, changes: &[Change], cursor: u64) -> PushRequest {
    let envelope = Envelope::seal(store.identity(), store.node_id(), changes).expect("seal");
    PushRequest { envelopes: vec![envelope], devices: Vec::new(), cursor }
}

/// An enrollment with `code` for a new device (a fresh key, and the node made from it),
/// signed as the client signs it.
pub fn enroll_request(code: &str, device_name: &str) -> EnrollRequest {
    enroll_request_as(&Identity::generate(), code, device_name)
}

/// An enrollment with `code` by the device of `identity` (its node made from the key).
pub fn enroll_request_as(identity: &Identity, code: &str, device_name: &str) -> EnrollRequest {
    let node = identity.public_key().node();
    EnrollRequest {
        code: code.to_owned(),
        node,
        device_name: device_name.to_owned(),
        device_token: None,
        public_key: identity.public_key().to_hex(),
        proof: to_hex(&identity.sign(&enrollment_message(node, code.trim()))),
    }
}

#[cfg(test)]
mod round_tests {
    use std::ffi::OsStr;

    use super::whole_number;

    #[test]
    fn a_count_is_digits_only_and_unset_or_empty_means_the_default() {
        assert_eq!(whole_number("X", None), None);
        assert_eq!(whole_number("X", Some(OsStr::new(" "))), None);
        assert_eq!(whole_number("X", Some(OsStr::new("100000"))), Some(100_000));
        assert_eq!(whole_number("X", Some(OsStr::new(" 7\n"))), Some(7));
    }

    #[test]
    fn a_malformed_count_is_refused_naming_its_variable() {
        for bad in ["1e5", "-3", "+3", "100_000", "lots", "18446744073709551616"] {
            let refused = std::panic::catch_unwind(|| whole_number("LANGSO_FAULT_ROUNDS", Some(OsStr::new(bad))));
            let message = refused.expect_err(bad).downcast::<String>().expect("a message");
            assert!(message.contains("LANGSO_FAULT_ROUNDS"), "{bad}: {message}");
        }
    }
}
