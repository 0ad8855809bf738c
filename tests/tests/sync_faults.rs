//! Sync over a bad link: connections cut mid-request and mid-response, and a throttled 2G
//! line. Sync keeps retrying until it completes; then nothing is lost and nothing doubled:
//! the server and every device hold byte-identical data.
//!
//! The cutting-link tests run one round per seed of the proxy's faults: their usual seeds, or
//! `LANGSO_FAULT_ROUNDS` rounds (the usual seeds, then fresh ones), as `scripts/long.sh` asks.
//! Each round prints its seed, and a failing one does not stop the others: the test fails at
//! the end naming every failing seed. `LANGSO_FAULT_SEED` runs one round alone again (the
//! same faults drawn; where they land still depends on how the bytes arrive).

use langso_core::market::listing::{ListingInput, ListingStatus};
use langso_core::role::Role;
use langso_server::routes::ServerLimits;
use langso_testkit::{Device, TestServer, round_seeds};
use langso_tests::proxy::{Faults, Proxy};

/// The variables that set the number of rounds and replay one round's seed.
const ROUNDS_VAR: &str = "LANGSO_FAULT_ROUNDS";
const SEED_VAR: &str = "LANGSO_FAULT_SEED";

/// Runs `round` once per seed, each on a runtime of its own (its server, proxy and
/// connections end with it) and each printed as it starts: the `usual` seeds unless the
/// environment asks for more rounds or for one seed. A failing round does not stop the
/// others; the test then fails naming every failing seed. Returns what the rounds returned.
fn each_round<F: Future>(test: &str, usual: &[u64], round: impl Fn(u64) -> F) -> Vec<F::Output> {
    let seeds = round_seeds(ROUNDS_VAR, SEED_VAR, usual.len(), usual);
    let mut outputs = Vec::new();
    let mut failed = Vec::new();
    for (i, seed) in seeds.iter().enumerate() {
        println!("{test} round {}/{}: seed {seed} ({SEED_VAR}={seed} runs it again)", i + 1, seeds.len());
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| runtime.block_on(round(*seed)))) {
            Ok(output) => outputs.push(output),
            Err(_) => failed.push(*seed),
        }
    }
    assert!(
        failed.is_empty(),
        "{test}: {} of {} rounds failed, with the seeds {failed:?} ({SEED_VAR}=seed runs one again)",
        failed.len(),
        seeds.len()
    );
    outputs
}

fn product(n: usize) -> ListingInput {
    ListingInput {
        name: format!("Gạo nếp nương mẻ {n}"),
        price_dong: 30_000 + n as i64,
        unit: "kg".into(),
        quantity: Some(10),
        contact_phone: "0987654321".into(),
        ..ListingInput::default()
    }
}

/// A farmer's phone with `n` published listings and as many lesson steps recorded.
fn busy_farmer(farmer: &Device, n: usize) {
    let seller = farmer.person(Role::Farmer, "Sùng Thị Dế");
    let lesson = farmer.store.catalogue("vi").expect("catalogue")[0].id.clone();
    for i in 0..n {
        let listing = farmer.store.create_listing(&seller, &product(i)).expect("listing");
        farmer.store.set_listing_status(&listing.id, ListingStatus::Published).expect("publish");
        farmer.store.record_step(&seller, &lesson, (i % 4) as u16).expect("step");
    }
}

/// A server for a link that cuts connections. A device retries its sync at once after each
/// cut, which on this link can mean hundreds of requests a minute (a 64 KiB photo chunk gets
/// through one try in about 27): these tests are about what is lost or doubled, so the
/// per-device rate limit, which has a test of its own, is lifted.
async fn cutting_link_server() -> TestServer {
    let limits = ServerLimits { requests_per_minute: u32::MAX, ..ServerLimits::default() };
    TestServer::builder().code_uses(1_000).limits(limits).start().await
}

/// One round over a link that cuts connections: returns how many it cut.
async fn cutting_round(seed: u64) -> u64 {
    let server = cutting_link_server().await;
    let proxy = Proxy::start(server.addr, Faults { cut: 0.05, seed, ..Faults::none() }).await.expect("proxy");
    let url = format!("http://{}", proxy.addr);

    let farmer = Device::new();
    let client = farmer.enroll(&url, server.code(Role::Farmer)).await;
    farmer.sync_until_done(&client).await;
    busy_farmer(&farmer, 300);
    let attempts = farmer.sync_until_done(&client).await;
    assert_eq!(farmer.store.waiting(client.peer()).expect("waiting"), 0, "seed {seed}");

    let volunteer = Device::new();
    let other = volunteer.enroll(&url, server.code(Role::Volunteer)).await;
    let pulls = volunteer.sync_until_done(&other).await;

    let on_server = server.snapshot().canonical_dump().expect("dump");
    assert_eq!(volunteer.store.canonical_dump().expect("dump"), on_server, "seed {seed}: the volunteer sees it all");
    let farmer_dump = farmer.store.canonical_dump().expect("dump");
    for line in farmer_dump.lines() {
        assert!(on_server.contains(line), "seed {seed}: the server lacks {line}");
    }
    let cut = proxy.tally.cut.load(std::sync::atomic::Ordering::Relaxed);
    println!("seed {seed}: {attempts} push attempts, {pulls} pull attempts, {cut} connections cut");
    cut
}

#[test]
fn sync_through_a_link_that_cuts_connections_loses_and_doubles_nothing() {
    let cuts: u64 = each_round("cutting link", &[7, 1_234, 99_991], cutting_round).into_iter().sum();
    assert!(cuts > 0, "the link really did fail");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_over_a_throttled_2g_link_completes() {
    let server = TestServer::builder().code_uses(1_000).start().await;
    let slow = Proxy::start(server.addr, Faults::two_g(3)).await.expect("proxy");
    let farmer = Device::new();
    let client = farmer.enroll(&format!("http://{}", slow.addr), server.code(Role::Farmer)).await;
    farmer.sync_until_done(&client).await;
    busy_farmer(&farmer, 40);
    let report = client.sync(&farmer.store).await.expect("sync over 2G");
    assert!(report.pushed > 0);
    let on_server = server.snapshot().canonical_dump().expect("dump");
    for line in farmer.store.canonical_dump().expect("dump").lines() {
        assert!(on_server.contains(line), "the server lacks {line}");
    }
}

#[test]
fn photos_reach_the_server_and_other_devices_whole_over_a_cutting_link() {
    each_round("photos", &[42], photo_round);
}

/// One round of a photo sent up and fetched down over a link that cuts connections.
async fn photo_round(seed: u64) {
    let server = cutting_link_server().await;
    let proxy = Proxy::start(server.addr, Faults { cut: 0.05, seed, ..Faults::none() }).await.expect("proxy");
    let url = format!("http://{}", proxy.addr);
    let farmer = Device::new();
    let client = farmer.enroll(&url, server.code(Role::Farmer)).await;
    farmer.sync_until_done(&client).await;
    // A 300 KB "photo" that does not compress: several chunks, each at risk of a cut. It
    // starts as a JPEG does, which is what the server checks its type by.
    let mut photo = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0];
    let mut x: u32 = 2_463_534_242;
    while photo.len() < 300 * 1024 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        photo.extend_from_slice(&x.to_le_bytes());
    }
    let hash = farmer.store.put_blob(&photo, "image/jpeg").expect("photo");
    let seller = farmer.person(Role::Farmer, "Sùng Thị Dế");
    let mut input = product(1);
    input.photos = vec![hash.clone()];
    let listing = farmer.store.create_listing(&seller, &input).expect("listing");
    farmer.store.set_listing_status(&listing.id, ListingStatus::Published).expect("publish");
    farmer.sync_until_done(&client).await;
    assert_eq!(
        server.storage().blob(&hash).expect("read").map(|(b, _)| b),
        Some(photo.clone()),
        "seed {seed}: the server has it whole"
    );

    let buyer_side = Device::new();
    let other = buyer_side.enroll(&url, server.code(Role::Villager)).await;
    buyer_side.sync_until_done(&other).await;
    assert_eq!(buyer_side.store.blob(&hash).expect("read"), Some((photo, "image/jpeg".to_owned())), "seed {seed}");
    assert!(buyer_side.store.wanted_blobs().expect("wanted").is_empty(), "seed {seed}");
}
