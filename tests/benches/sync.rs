//! Figures for sync, printed, never asserted: 10,000 small changes (attendance marks) from a
//! volunteer's device through the server to a second device, over loopback and over a
//! throttled 2G link; and the bytes re-sent after a push is cut at 50%.
//!
//! Run: `cargo bench -p langso-tests --bench sync`

use std::time::{Duration, Instant};

use langso_core::learning::topic::Topic;
use langso_core::role::Role;
use langso_core::training::attendance::Attendance;
use langso_core::training::session::SessionInput;
use langso_sync::client::{Client, SyncReport};
use langso_testkit::{Device, TestServer};
use langso_tests::proxy::{Faults, Proxy};

const SESSIONS: usize = 100;
const PEOPLE: usize = 100;

fn peak_rss_mib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM")).and_then(|l| l.split_whitespace().nth(1)).map(str::to_owned)
        })
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or("n/a".into(), |kb| format!("{:.0} MiB", kb / 1024.0))
}

/// A volunteer device with 100 sessions and 100 people, synced; returns the device, its
/// client and the 10,000 (session, person) pairs to mark.
async fn volunteer(server: &TestServer, url: &str) -> (Device, Client, Vec<(String, String)>, String) {
    let device = Device::new();
    let client = device.enroll(url, server.code(Role::Volunteer)).await;
    device.sync_until_done(&client).await;
    let me = device.person(Role::Volunteer, "Vàng Văn Dũng");
    let village =
        device.store.villages(&device.store.communes().expect("communes")[0].id).expect("villages")[0].id.clone();
    let people: Vec<String> = (0..PEOPLE).map(|i| device.person(Role::Villager, &format!("Người học {i}"))).collect();
    let sessions: Vec<String> = (0..SESSIONS)
        .map(|i| {
            let start = 1_795_000_000_000 + i as i64 * 86_400_000;
            device
                .store
                .create_session(
                    &me,
                    &SessionInput {
                        village_id: village.clone(),
                        title: format!("Buổi {i}: an toàn trên mạng"),
                        place: None,
                        starts_at: start,
                        ends_at: start + 7_200_000,
                        lessons: vec![],
                        skills: vec![Topic::OnlineSafety],
                    },
                )
                .expect("session")
                .id
        })
        .collect();
    device.sync_until_done(&client).await;
    let pairs = sessions.iter().flat_map(|s| people.iter().map(move |p| (s.clone(), p.clone()))).collect();
    (device, client, pairs, me)
}

fn mark_all(device: &Device, pairs: &[(String, String)], me: &str) {
    for (session, person) in pairs {
        device.store.mark_attendance(session, person, Attendance::Present, me).expect("mark");
    }
}

fn line(what: &str, changes: usize, elapsed: Duration, push: &SyncReport, pull: &SyncReport) {
    let bytes = push.bytes_sent + push.bytes_received + pull.bytes_sent + pull.bytes_received;
    println!(
        "{what}: {changes} changes in {:.2} s (push {} requests, {} bytes up; pull {} requests, {} bytes down); \
         {:.1} bytes per change on the wire each way, {:.1} in all",
        elapsed.as_secs_f64(),
        push.requests,
        push.bytes_sent,
        pull.requests,
        pull.bytes_received,
        push.bytes_sent as f64 / changes as f64,
        bytes as f64 / changes as f64,
    );
}

async fn through(server: &TestServer, url: &str, what: &str) {
    let (device, client, pairs, me) = volunteer(server, url).await;
    let reader = Device::new();
    let reader_client = reader.enroll(url, server.code(Role::Official)).await;
    reader.sync_until_done(&reader_client).await;
    mark_all(&device, &pairs, &me);
    let started = Instant::now();
    let push = client.sync(&device.store).await.expect("push");
    let pull = reader_client.sync(&reader.store).await.expect("pull");
    line(what, pairs.len(), started.elapsed(), &push, &pull);
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    runtime.block_on(async {
        let server = TestServer::builder().code_uses(1_000).start().await;
        let direct = format!("http://{}", server.addr);
        through(&server, &direct, "loopback").await;

        let slow = Proxy::start(server.addr, Faults::two_g(11)).await.expect("proxy");
        through(&server, &format!("http://{}", slow.addr), "2G (50 kbit/s, 300 ms RTT)").await;

        // A push cut at half its bytes, then resumed: what is sent twice?
        let (device, client, pairs, me) = volunteer(&server, &direct).await;
        mark_all(&device, &pairs, &me);
        let pushed_before = device.store.peer_state(client.peer()).expect("state").pushed;
        let full = {
            let mut bytes = 0;
            let mut cursor = pushed_before;
            loop {
                let page = device.store.own_changes_since(cursor, langso_sync::protocol::BATCH_ENTRIES).expect("page");
                if page.changes.is_empty() {
                    break;
                }
                let envelope = langso_sync::envelope::Envelope::seal(device.store.identity(), device.store.node_id(), &page.changes)
                    .expect("seal");
                let request = langso_sync::protocol::PushRequest { envelopes: vec![envelope], devices: vec![], cursor: page.cursor };
                bytes += langso_sync::codec::encode(&request).expect("encode").len();
                cursor = page.cursor;
                if !page.more {
                    break;
                }
            }
            bytes
        };
        let cutter = Proxy::start(server.addr, Faults { cut_once_after: Some(full as u64 / 2), ..Faults::none() }).await.expect("proxy");
        let cut_client = Client::new(&format!("http://{}", cutter.addr), &device.store.peers().expect("peers")[0].1).expect("client");
        // The device's outbox for the proxy's URL starts where its server outbox stands.
        device.store.acknowledge(cut_client.peer(), pushed_before).expect("same starting point");
        let first = cut_client.sync(&device.store).await;
        let second = cut_client.sync(&device.store).await.expect("resumed");
        let sent = cutter.tally.bytes_up.load(std::sync::atomic::Ordering::Relaxed) as usize;
        let batches = pairs.len().div_ceil(langso_sync::protocol::BATCH_ENTRIES);
        let acknowledged_first = pairs.len() - second.pushed;
        println!(
            "interrupted at 50%: first attempt {}, {} changes acknowledged before the cut, {} pushed after; {} bytes went up (HTTP included) for {} bytes of batches: {} bytes re-sent, one batch is about {} bytes",
            if first.is_err() { "cut" } else { "completed" },
            acknowledged_first,
            second.pushed,
            sent,
            full,
            sent.saturating_sub(full),
            full / batches,
        );
        println!("peak memory (RSS high-water, server and both clients in this process): {}", peak_rss_mib());
    });
}
