//! The app's background sync comes back by itself: a write made while the server was down
//! reaches it within seconds of its return, however long the backoff had grown; a peer that
//! answers but fails (a server's error, a connection cut) is given its backoff, not hammered.
//! Real servers and plain sockets on loopback; the engine as the app starts it.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use langso_commands::sync_engine::SyncEngine;
use langso_core::role::Role;
use langso_server::routes::ServerLimits;
use langso_testkit::{Device, TestServer, serve_at, snapshot, test_engine};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The requirement: sync starts within 10 seconds of the server being reachable.
const PROMPTLY: Duration = Duration::from_secs(10);

/// Waits for `done`, polling; fails the test after `limit`.
async fn wait_for(what: &str, limit: Duration, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "still waiting after {limit:?}: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Asks for `count` syncs in a row, each after the last one failed: the backoff doubles each time.
async fn fail_again(engine: &SyncEngine, count: u32) {
    let before = engine.failures();
    for n in 1..=count {
        engine.wake();
        wait_for("a failed sync", Duration::from_secs(20), || engine.failures() >= before + n).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_made_offline_reaches_the_server_within_seconds_of_its_return() {
    let dir = tempfile::tempdir().expect("dir");
    let (service, seed) = TestServer::builder().seed_engine(test_engine(dir.path()));
    let addr = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr");
    let serving = serve_at(addr, service, ServerLimits::default()).await;

    let device = Device::new();
    let engine = SyncEngine::start(device.store.clone(), &tokio::runtime::Handle::current());
    engine.enroll(&format!("http://{addr}"), seed.code(Role::Villager)).await.expect("enrolled");
    wait_for("the first sync", Duration::from_secs(60), || engine.status().last_ok_at.is_some()).await;

    // The server stops; the device keeps failing until its next try is over a minute away.
    serving.abort();
    let _ = serving.await;
    fail_again(&engine, 5).await;
    assert_eq!(engine.failures(), 5);
    assert!(!engine.status().online);
    let person = device.person(Role::Villager, "Lò Thị Mai");
    assert!(engine.status().waiting > 0, "the write waits to be sent");

    // The same server, its data and address, comes back, just after the engine last knocked
    // (it knocks once a sync has failed, before counting the failure): the slowest case.
    let back = Instant::now();
    let restarted = seed.open();
    let _serving = serve_at(addr, restarted.clone(), ServerLimits::default()).await;
    wait_for("the write to reach the server", Duration::from_secs(60), || engine.status().waiting == 0).await;
    let delay = back.elapsed();
    println!(
        "reconnect: the write made offline reached the restarted server {:.2} s after it started",
        delay.as_secs_f64()
    );
    assert!(delay < PROMPTLY, "sync started {delay:?} after the server came back");
    wait_for("the sync to end", Duration::from_secs(30), || engine.failures() == 0 && !engine.status().syncing).await;
    let status = engine.status();
    assert!(status.online && status.error.is_none(), "{status:?}");
    assert!(snapshot(&restarted).profile(&person).expect("read").is_some(), "the server holds the write");
}

/// A peer on loopback that counts the requests it receives (connections that send nothing,
/// such as a knock, are not requests) and answers each with `answer`, or hangs up without one.
async fn failing_peer(answer: Option<&'static [u8]>) -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr: SocketAddr = listener.local_addr().expect("addr");
    let requests = Arc::new(AtomicUsize::new(0));
    let counted = requests.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let counted = counted.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                if matches!(stream.read(&mut buf).await, Ok(n) if n > 0) {
                    counted.fetch_add(1, Ordering::SeqCst);
                    if let Some(answer) = answer {
                        let _ = stream.write_all(answer).await;
                    }
                }
            });
        }
    });
    (format!("http://{addr}"), requests)
}

/// Starts an engine with `peer` as its server, fails it four times (next try 40 s or more
/// away), then counts what it sends over twelve seconds.
async fn requests_during_backoff(peer: &str, requests: &AtomicUsize) -> usize {
    let device = Device::empty();
    device.store.save_peer_token(peer, "a-token", Role::Villager).expect("peer");
    let engine = SyncEngine::start(device.store.clone(), &tokio::runtime::Handle::current());
    wait_for("a first failed sync", Duration::from_secs(20), || engine.failures() >= 1).await;
    fail_again(&engine, 3).await;
    let before = requests.load(Ordering::SeqCst);
    tokio::time::sleep(Duration::from_secs(12)).await;
    requests.load(Ordering::SeqCst) - before
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_that_answers_but_fails_is_given_its_backoff() {
    let (troubled, troubled_requests) =
        failing_peer(Some(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"))
            .await;
    let (cut, cut_requests) = failing_peer(None).await;
    let (to_troubled, to_cut) = tokio::join!(
        requests_during_backoff(&troubled, &troubled_requests),
        requests_during_backoff(&cut, &cut_requests),
    );
    assert_eq!(to_troubled, 0, "a server's error is not retried before its backoff");
    assert_eq!(to_cut, 0, "a peer that takes connections but cuts them is not retried before its backoff");
}
