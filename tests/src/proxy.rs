//! A fault-injecting TCP proxy in user space (the kernel here has no netem): between a client
//! and a server on loopback it cuts connections mid-request and mid-response, delays,
//! throttles to a 2G link, and truncates. Faults are drawn from a seeded generator, so a
//! failing run can be replayed.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the proxy does to each connection.
#[derive(Debug, Clone, Copy)]
pub struct Faults {
    /// Chance (0–1), for each chunk of up to 1 KiB in either direction, that the connection
    /// is cut after part of that chunk went through.
    pub cut: f64,
    /// Added before each chunk is forwarded (half a round trip).
    pub delay: Duration,
    /// Bytes per second in each direction; 0 for unlimited.
    pub bytes_per_second: u64,
    /// Cut the link once, when this many bytes have gone upward in all (an interruption
    /// part-way through a sync).
    pub cut_once_after: Option<u64>,
    pub seed: u64,
}

impl Faults {
    /// A clean link.
    pub fn none() -> Faults {
        Faults { cut: 0.0, delay: Duration::ZERO, bytes_per_second: 0, cut_once_after: None, seed: 1 }
    }

    /// About 50 kbit/s with a 300 ms round trip.
    pub fn two_g(seed: u64) -> Faults {
        Faults { delay: Duration::from_millis(150), bytes_per_second: 50_000 / 8, seed, ..Faults::none() }
    }
}

/// Counts of what went through and what was done to it.
#[derive(Debug, Default)]
pub struct Tally {
    pub connections: AtomicU64,
    pub cut: AtomicU64,
    pub bytes_up: AtomicU64,
    pub bytes_down: AtomicU64,
    pub cut_once_done: AtomicBool,
}

/// A running proxy; it stops when its runtime does.
#[derive(Debug)]
pub struct Proxy {
    pub addr: SocketAddr,
    pub tally: Arc<Tally>,
}

/// A pause this long between chunks starts a new burst.
const BURST_GAP: Duration = Duration::from_millis(50);

fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

impl Proxy {
    /// Listens on a free loopback port and forwards to `upstream`.
    pub async fn start(upstream: SocketAddr, faults: Faults) -> std::io::Result<Proxy> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let tally = Arc::new(Tally::default());
        let shared = tally.clone();
        tokio::spawn(async move {
            let mut rng = faults.seed | 1;
            while let Ok((client, _)) = listener.accept().await {
                shared.connections.fetch_add(1, Ordering::Relaxed);
                let seeds = (next(&mut rng), next(&mut rng));
                let tally = shared.clone();
                tokio::spawn(async move {
                    if let Ok(server) = TcpStream::connect(upstream).await {
                        let _ = relay(client, server, faults, seeds, tally).await;
                    }
                });
            }
        });
        Ok(Proxy { addr, tally })
    }
}

async fn relay(
    client: TcpStream,
    server: TcpStream,
    faults: Faults,
    seeds: (u64, u64),
    tally: Arc<Tally>,
) -> std::io::Result<()> {
    let (client_read, client_write) = client.into_split();
    let (server_read, server_write) = server.into_split();
    let up = pump(client_read, server_write, faults, seeds.0 | 1, tally.clone(), true);
    let down = pump(server_read, client_write, faults, seeds.1 | 1, tally.clone(), false);
    // When either side ends (or is cut), the whole connection goes.
    tokio::select! {
        r = up => r,
        r = down => r,
    }
}

async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    faults: Faults,
    mut rng: u64,
    tally: Arc<Tally>,
    upward: bool,
) -> std::io::Result<()> {
    let mut buf = vec![0u8; 1024];
    let mut last = Instant::now() - BURST_GAP;
    loop {
        let n = from.read(&mut buf).await?;
        if n == 0 {
            to.shutdown().await?;
            return Ok(());
        }
        let chunk = &buf[..n];
        if upward
            && let Some(limit) = faults.cut_once_after
            && tally.bytes_up.load(Ordering::Relaxed) + n as u64 >= limit
            && !tally.cut_once_done.swap(true, Ordering::Relaxed)
        {
            tally.cut.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        if faults.cut > 0.0 && (next(&mut rng) % 10_000) as f64 / 10_000.0 < faults.cut {
            let part = (next(&mut rng) % n as u64) as usize;
            to.write_all(&chunk[..part]).await?;
            tally.cut.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        // Latency once per burst (a request or a response), not per chunk of it.
        if !faults.delay.is_zero() && last.elapsed() >= BURST_GAP {
            tokio::time::sleep(faults.delay).await;
        }
        if faults.bytes_per_second > 0 {
            tokio::time::sleep(Duration::from_secs_f64(chunk.len() as f64 / faults.bytes_per_second as f64)).await;
        }
        to.write_all(chunk).await?;
        last = Instant::now();
        let counter = if upward { &tally.bytes_up } else { &tally.bytes_down };
        counter.fetch_add(chunk.len() as u64, Ordering::Relaxed);
    }
}
