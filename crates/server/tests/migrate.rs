//! `langso-server migrate-to-postgres`: a SQLite server with devices, codes, changes and a
//! photo is copied into PostgreSQL, and served from there at the same address. The copy holds
//! the same data and hands a fresh device the same pull; devices enrolled before carry on
//! with their tokens and cursors, losing and doubling nothing.

use std::net::SocketAddr;
use std::sync::Arc;

use langso_core::market::listing::ListingStatus;
use langso_core::role::Role;
use langso_server::engine::Engine;
use langso_server::postgres::PostgresStorage;
use langso_server::routes::{self, ServerLimits};
use langso_server::{ServerError, Service, SqliteStorage, migrate};
use langso_sync::client::Client;
use langso_testkit::{Device, TestServer, bundled_pack, fresh_database, honey, postgres_cluster, snapshot, token};
use tokio::task::JoinHandle;

async fn serve_at(addr: SocketAddr, service: Service) -> JoinHandle<std::io::Result<()>> {
    let listener = tokio::net::TcpListener::bind(addr).await.expect("bind");
    tokio::spawn(routes::serve_with(listener, service, ServerLimits::default()))
}

async fn fresh_pull(url: &str, code: &str) -> String {
    let device = Device::empty();
    let (client, _) = Client::enroll(url, code, &device.store, "máy mới").await.expect("enroll");
    client.sync(&device.store).await.expect("sync");
    device.store.canonical_dump().expect("dump")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_server_moves_to_postgres_and_devices_carry_on() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("server");
    let (sqlite, seed) = TestServer::builder().code_uses(1_000).seed_engine(Engine::Sqlite(data.clone()));
    let addr = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr");
    let url = format!("http://{addr}");
    let serving = serve_at(addr, sqlite.clone()).await;

    let farmer = Device::new();
    let farmer_client = farmer.enroll(&url, seed.code(Role::Farmer)).await;
    farmer.sync_until_done(&farmer_client).await;
    let mut photo = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0];
    photo.extend((0..90_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let hash = farmer.store.put_blob(&photo, "image/jpeg").expect("photo");
    let seller = farmer.person(Role::Farmer, "Sùng Thị Dế");
    let mut input = honey();
    input.photos = vec![hash.clone()];
    let listing = farmer.store.create_listing(&seller, &input).expect("listing");
    farmer.store.set_listing_status(&listing.id, ListingStatus::Published).expect("publish");
    farmer.sync_until_done(&farmer_client).await;
    let volunteer = Device::new();
    let volunteer_client = volunteer.enroll(&url, seed.code(Role::Volunteer)).await;
    volunteer.sync_until_done(&volunteer_client).await;
    volunteer.person(Role::Villager, "Lò Văn Pao");
    volunteer.sync_until_done(&volunteer_client).await;

    let before = snapshot(&sqlite).canonical_dump().expect("dump");
    let pulled_before = fresh_pull(&url, seed.code(Role::Villager)).await;
    let devices_before = sqlite.storage().devices_in(&seed.commune_id).expect("devices");
    assert!(devices_before.iter().all(|d| d.last_seen_at.is_some() && d.app_version.is_some()), "{devices_before:?}");
    serving.abort();
    let _ = serving.await;

    let target = fresh_database(&postgres_cluster());
    let postgres = tokio::task::block_in_place(|| PostgresStorage::open(&target)).expect("postgres");
    let source = SqliteStorage::open(&data).expect("sqlite again");
    let copied = tokio::task::block_in_place(|| migrate::sqlite_to_postgres(&source, &postgres)).expect("copy");
    assert_eq!(copied.devices, 3, "{copied:?}");
    assert!(copied.codes >= 4 && copied.blobs > 1 && copied.changes > 400, "{copied:?}");
    let again = tokio::task::block_in_place(|| migrate::sqlite_to_postgres(&source, &postgres));
    assert!(matches!(again, Err(ServerError::TargetNotEmpty)), "a second copy refuses to mix");

    let moved = Service::new(Arc::new(postgres));
    assert_eq!(snapshot(&moved).canonical_dump().expect("dump"), before, "the copy holds the same data");
    let devices_after = tokio::task::block_in_place(|| moved.storage().devices_in(&seed.commune_id)).expect("devices");
    assert_eq!(devices_after, devices_before, "devices keep their last sync and app version");
    let _serving = serve_at(addr, moved.clone()).await;
    assert_eq!(fresh_pull(&url, seed.code(Role::Villager)).await, pulled_before, "and serves the same pull");
    assert_eq!(moved.storage().blob(&hash).expect("read").map(|(b, _)| b), Some(photo), "the photo came along");

    // The devices enrolled before keep their tokens and cursors: the farmer's next listing
    // reaches the volunteer once, and nothing is sent twice. (New clients: the old server's
    // kept-alive connections would still reach it, which a stopped process does not allow.)
    let farmer_client = Client::new(&url, &token(&farmer.store)).expect("client");
    let volunteer_client = Client::new(&url, &token(&volunteer.store)).expect("client");
    let mut second = honey();
    second.name = "Chè Shan tuyết".into();
    let next = farmer.store.create_listing(&seller, &second).expect("listing");
    farmer.store.set_listing_status(&next.id, ListingStatus::Published).expect("publish");
    let report = farmer_client.sync(&farmer.store).await.expect("the farmer syncs after the move");
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let report = volunteer_client.sync(&volunteer.store).await.expect("the volunteer syncs after the move");
    assert!(volunteer.store.listing(&next.id).expect("read").is_some(), "new data arrives");
    let pack = bundled_pack().changes().len();
    assert!(
        report.pulled < pack + 50,
        "only the lesson pack's {pack} rows come again, not the commune's: {}",
        report.pulled
    );
    let dump = snapshot(&moved).canonical_dump().expect("dump");
    assert_eq!(dump.lines().filter(|l| l.starts_with("listings ")).count(), 2);
}
