//! What the server tests share: a real server on a loopback port with a demo commune and a
//! join code per role, and phones (stores on temp files) enrolled with the real client.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use langso_core::Store;
use langso_core::learning::pack::Pack;
use langso_core::market::listing::ListingInput;
use langso_core::people::profile::NewProfile;
use langso_core::places::NewCommune;
use langso_core::role::Role;
use langso_server::routes::{self, ServerLimits};
use langso_server::{Database, SqliteDatabase};
use langso_sync::client::Client;

pub struct Server {
    pub url: String,
    pub db: Arc<SqliteDatabase>,
    pub codes: Vec<(Role, String)>,
    pub other_commune_code: String,
    pub dir: tempfile::TempDir,
}

impl Server {
    pub fn code(&self, role: Role) -> &str {
        &self.codes.iter().find(|(r, _)| *r == role).expect("code").1
    }
}

pub async fn start_server() -> Server {
    start_server_with(ServerLimits::default()).await
}

/// A server whose limits (connections, enrollment throttle) a test chooses.
pub async fn start_server_with(limits: ServerLimits) -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Arc::new(SqliteDatabase::open(dir.path()).expect("server db"));
    db.publish(&bundled_pack()).expect("publish");
    let commune = db
        .create_commune(&NewCommune {
            name: "Xã Lũng Cú".into(), district: None, province: Some("Hà Giang".into())
        })
        .expect("commune");
    db.create_village(&commune.id, "Thôn Lô Lô Chải").expect("village");
    let codes = [Role::Villager, Role::Volunteer, Role::Farmer, Role::Official]
        .into_iter()
        .map(|r| (r, db.create_code(&commune.id, r).expect("code")))
        .collect();
    let other =
        db.create_commune(&NewCommune { name: "Xã Sủng Là".into(), district: None, province: None }).expect("commune");
    let other_commune_code = db.create_code(&other.id, Role::Volunteer).expect("code");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let served: Arc<dyn Database> = db.clone();
    tokio::spawn(routes::serve_with(listener, served, limits));
    Server { url, db, codes, other_commune_code, dir }
}

pub struct Phone {
    pub store: Arc<Store>,
    pub client: Client,
    pub _dir: tempfile::TempDir,
}

pub fn bundled_pack() -> Pack {
    Pack::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/lessons")).expect("pack")
}

pub async fn phone(server: &Server, code: &str) -> Phone {
    enrolled_phone(server, code, false).await
}

/// A phone as the app makes it: the bundled pack is installed before its first sync, so it
/// downloads none of the pack's pictures and sounds.
pub async fn app_phone(server: &Server, code: &str) -> Phone {
    enrolled_phone(server, code, true).await
}

pub async fn enrolled_phone(server: &Server, code: &str, with_pack: bool) -> Phone {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(Store::open(&dir.path().join("phone.sqlite3")).expect("store"));
    if with_pack {
        store.install_pack(&bundled_pack()).expect("bundled pack");
    }
    let (client, _) = Client::enroll(&server.url, code, &store, "điện thoại thử").await.expect("enroll");
    client.sync(&store).await.expect("first sync");
    Phone { store, client, _dir: dir }
}

pub fn person(store: &Store, role: Role, name: &str) -> String {
    let village = store.villages(&store.communes().expect("communes")[0].id).expect("villages")[0].clone();
    store
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
