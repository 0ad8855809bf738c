//! A central server with one commune, its villages, join codes and the lesson pack, serving
//! on a loopback port; and devices that enroll with it.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use langso_core::Store;
use langso_core::learning::pack::Pack;
use langso_core::people::profile::NewProfile;
use langso_core::places::NewCommune;
use langso_core::role::Role;
use langso_server::join_codes::CodeLimits;
use langso_server::{Database, SqliteDatabase, routes};
use langso_sync::client::Client;

/// The lesson pack the app bundles, read once.
pub fn bundled_pack() -> &'static Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(|| {
        Pack::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/lessons")).expect("bundled pack")
    })
}

#[derive(Debug)]
pub struct TestServer {
    pub addr: SocketAddr,
    pub db: Arc<SqliteDatabase>,
    pub codes: Vec<(Role, String)>,
    _dir: tempfile::TempDir,
}

impl TestServer {
    /// Starts the server on the current tokio runtime.
    pub async fn start() -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Arc::new(SqliteDatabase::open(dir.path()).expect("server db"));
        db.publish(bundled_pack()).expect("publish");
        let commune = db
            .create_commune(&NewCommune {
                name: "Xã Lũng Cú".into(),
                district: None,
                province: Some("Hà Giang".into()),
            })
            .expect("commune");
        db.create_village(&commune.id, "Thôn Lô Lô Chải").expect("village");
        let codes = [Role::Villager, Role::Volunteer, Role::Farmer, Role::Official]
            .into_iter()
            // One code per role serves every test device of that role.
            .map(|r| {
                let limits = CodeLimits { uses: 1_000, ..CodeLimits::for_role(r) };
                (r, db.create_code_with(&commune.id, r, limits).expect("code").code)
            })
            .collect();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let served: Arc<dyn Database> = db.clone();
        tokio::spawn(routes::serve(listener, served));
        TestServer { addr, db, codes, _dir: dir }
    }

    pub fn code(&self, role: Role) -> &str {
        &self.codes.iter().find(|(r, _)| *r == role).expect("code").1
    }
}

/// A device with its own store file.
#[derive(Debug)]
pub struct Device {
    pub store: Arc<Store>,
    _dir: tempfile::TempDir,
}

impl Device {
    /// A device as the app makes it: its store holds the bundled pack, pictures and
    /// narration included, before it first syncs.
    pub fn new() -> Device {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Arc::new(Store::open(&dir.path().join("device.sqlite3")).expect("store"));
        store.install_pack(bundled_pack()).expect("bundled pack");
        Device { store, _dir: dir }
    }

    /// Enrolls through `url` (the server, or a proxy in front of it), retrying while the
    /// link fails.
    pub async fn enroll(&self, url: &str, code: &str) -> Client {
        for _ in 0..200 {
            if let Ok((client, _)) = Client::enroll(url, code, &self.store, "thiết bị thử").await {
                return client;
            }
        }
        panic!("could not enroll through {url}");
    }

    /// Syncs until one sync completes; returns how many attempts it took.
    pub async fn sync_until_done(&self, client: &Client) -> usize {
        for attempt in 1..=500 {
            if client.sync(&self.store).await.is_ok() {
                return attempt;
            }
        }
        panic!("sync never completed");
    }

    /// A person of `role` in the device's first village.
    pub fn person(&self, role: Role, name: &str) -> String {
        let commune = &self.store.communes().expect("communes")[0];
        let village = self.store.villages(&commune.id).expect("villages")[0].clone();
        self.store
            .create_profile(&NewProfile {
                village_id: village.id,
                role,
                name: name.into(),
                household: None,
                birth_year: Some(1985),
                phone: Some("0912345678".into()),
                avatar: None,
                pin: None,
                consent_version: Some("2026-11".into()),
            })
            .expect("profile")
            .id
    }
}

impl Default for Device {
    fn default() -> Device {
        Device::new()
    }
}
