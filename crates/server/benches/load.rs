//! Load generator: many enrolled devices, spread over many communes, syncing with a
//! `langso-server` process on loopback. Most syncs find nothing new, some push 1 to 50
//! changes, a few are a volunteer uploading a session of 60 people. Prints syncs per second,
//! the latency of a whole sync (p50, p95, p99) and the server's CPU seconds per sync, then the
//! same for small syncs (every device caught up, nothing new either way), with the
//! data of 1 commune and of 1,000 communes on the server, for each engine: SQLite, and
//! PostgreSQL when `LANGSO_TEST_POSTGRES` names a cluster (`scripts/bench.sh` starts one).
//! Figures are printed, never asserted.
//!
//! `cargo bench -p langso-server --bench load` (`LOAD_DEVICES`, `LOAD_SYNCS`, `LOAD_TASKS`
//! change the defaults of 120 devices, 2,000 measured syncs and 16 syncs at a time).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use langso_core::Store;
use langso_core::learning::topic::Topic;
use langso_core::market::listing::ListingInput;
use langso_core::places::NewCommune;
use langso_core::role::Role;
use langso_core::training::attendance::Attendance;
use langso_core::training::session::SessionInput;
use langso_server::Service;
use langso_server::engine::Engine;
use langso_server::join_codes::CodeLimits;
use langso_sync::client::Client;
use langso_testkit::{POSTGRES_VAR, bundled_pack, fresh_database, new_profile};
use tokio::sync::Mutex;

/// Rows each commune holds on the server besides its devices' own: people and listings.
const PEOPLE_PER_COMMUNE: usize = 30;
const LISTINGS_PER_COMMUNE: usize = 5;
const SESSION_SIZE: usize = 60;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The server's data: `communes` communes, each with a village, people and listings, and a
/// join code per role. The rows are made on a replica of their own (as devices would make
/// them) and merged into each commune.
fn seed(db: &Service, dir: &Path, communes: usize) -> Vec<[(Role, String); 3]> {
    db.publish(bundled_pack()).expect("lesson pack");
    let store = Store::open(&dir.join("seed.sqlite3")).expect("seed replica");
    let mut codes = Vec::with_capacity(communes);
    for c in 0..communes {
        let before = store.last_seq().expect("seq");
        let commune = store
            .create_commune(&NewCommune {
                name: format!("Xã thử {c}"),
                district: None,
                province: Some("Hà Giang".into()),
            })
            .expect("commune");
        let village = store.create_village(&commune.id, "Thôn Một").expect("village");
        let mut farmer = String::new();
        for p in 0..PEOPLE_PER_COMMUNE {
            let role = if p == 0 { Role::Farmer } else { Role::Villager };
            let id =
                store.create_profile(&new_profile(&village.id, role, &format!("Người {c}-{p}"))).expect("person").id;
            if p == 0 {
                farmer = id;
            }
        }
        for l in 0..LISTINGS_PER_COMMUNE {
            let input = ListingInput {
                name: format!("Đặc sản {l}"),
                price_dong: 150_000,
                unit: "kg".into(),
                quantity: Some(10),
                contact_phone: "0987654321".into(),
                ..ListingInput::default()
            };
            store.create_listing(&farmer, &input).expect("listing");
        }
        let made = store.changes_since(before, usize::MAX).expect("changes").changes;
        db.merge_as_server(&commune.id, &made).expect("merge into the commune");
        let limits = |role| CodeLimits { uses: 1_000, ..CodeLimits::for_role(role) };
        codes.push(
            [Role::Villager, Role::Farmer, Role::Volunteer]
                .map(|role| (role, db.create_code_with(&commune.id, role, limits(role)).expect("code").code)),
        );
    }
    codes
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Server {
    fn start(engine: &Engine, port: u16) -> Server {
        let data = match engine {
            Engine::Sqlite(dir) => ["--data".to_owned(), dir.display().to_string()],
            Engine::Postgres(url) => ["--database".to_owned(), url.clone()],
        };
        let child = Command::new(env!("CARGO_BIN_EXE_langso-server"))
            .args(data)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start langso-server");
        Server(child)
    }

    /// User and system CPU seconds the server has used so far, from /proc.
    fn cpu_seconds(&self) -> f64 {
        process_cpu(&self.0.id().to_string())
    }
}

/// User and system CPU seconds a process (`self` for this one) has used, from /proc.
fn process_cpu(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The fields after the command name, which is in parentheses: utime is the 12th, stime the 13th.
    let fields: Vec<&str> =
        stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // Linux reports CPU time in clock ticks of 1/100 s.
    (ticks(11) + ticks(12)) / 100.0
}

/// CPU seconds the whole machine has been busy, from /proc/stat: what the database's
/// processes used is this, less the server's and the load generator's own.
fn machine_busy() -> f64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let ticks: Vec<f64> = stat
        .lines()
        .next()
        .map(|l| l.split_whitespace().skip(1).filter_map(|f| f.parse().ok()).collect())
        .unwrap_or_default();
    // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
    let busy: f64 = ticks.iter().enumerate().filter(|(i, _)| !matches!(i, 3 | 4)).take(8).map(|(_, t)| t).sum();
    busy / 100.0
}

struct Phone {
    store: Arc<Store>,
    client: Client,
    role: Role,
    profile: String,
    village: String,
    _dir: tempfile::TempDir,
}

async fn enroll(url: &str, code: &str, role: Role) -> Phone {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(Store::open(&dir.path().join("phone.sqlite3")).expect("store"));
    store.install_pack(bundled_pack()).expect("bundled pack");
    let (client, _) = Client::enroll(url, code, &store, "máy thử tải").await.expect("enroll");
    client.sync(&store).await.expect("first sync");
    let village = store.villages(&store.communes().expect("communes")[0].id).expect("villages")[0].id.clone();
    let profile = store.create_profile(&new_profile(&village, role, "Chủ máy")).expect("profile").id;
    client.sync(&store).await.expect("second sync");
    Phone { store, client, role, profile, village, _dir: dir }
}

/// What one sync carries: nothing new (most), a few changes, or a whole session.
enum Work {
    Nothing,
    Changes(usize),
    Session,
}

fn work(n: usize, role: Role) -> Work {
    match (n.wrapping_mul(7919) % 100, role) {
        (0..80, _) => Work::Nothing,
        (80..95, _) | (_, Role::Villager | Role::Farmer | Role::Official) => Work::Changes(1 + n % 50),
        _ => Work::Session,
    }
}

fn write(phone: &Phone, work: &Work, lesson: &str, n: usize) {
    match work {
        Work::Nothing => {}
        Work::Changes(k) => {
            for step in 0..*k {
                phone.store.record_step(&phone.profile, lesson, (step % 3) as u16).expect("progress");
            }
        }
        Work::Session => {
            let now = 1_795_486_200_000;
            let input = SessionInput {
                village_id: phone.village.clone(),
                title: format!("Lớp kỹ năng số {n}"),
                place: Some("Nhà văn hoá".into()),
                starts_at: now,
                ends_at: now + 7_200_000,
                lessons: vec![lesson.to_owned()],
                skills: vec![Topic::OnlinePayments, Topic::OnlineSafety],
            };
            let session = phone.store.create_session(&phone.profile, &input).expect("session").id;
            for p in 0..SESSION_SIZE {
                let person = new_profile(&phone.village, Role::Villager, &format!("Học viên {n}-{p}"));
                let id = phone.store.create_profile(&person).expect("person").id;
                phone.store.mark_attendance(&session, &id, Attendance::Present, &phone.profile).expect("attendance");
                phone.store.check_skill(&session, &id, Topic::OnlinePayments, true, &phone.profile).expect("skill");
            }
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

async fn run(engine: Engine, communes: usize) {
    let devices = setting("LOAD_DEVICES", 120);
    let syncs = setting("LOAD_SYNCS", 2_000);
    let tasks = setting("LOAD_TASKS", 16);
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = match engine {
        Engine::Sqlite(_) => Engine::Sqlite(dir.path().join("server")),
        postgres => postgres,
    };
    let seeding = Instant::now();
    let codes = {
        let db = Service::new(tokio::task::block_in_place(|| engine.open()).expect("server storage"));
        tokio::task::block_in_place(|| seed(&db, dir.path(), communes))
    };
    let seeded = seeding.elapsed();
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
    let server = Server::start(&engine, port);
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while reqwest::get(format!("{url}/health")).await.is_err() {
        assert!(Instant::now() < deadline, "the server did not come up");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mut phones = Vec::with_capacity(devices);
    for d in 0..devices {
        // Seven villagers, two farmers and a volunteer in every ten devices.
        let role = match d % 10 {
            0 => Role::Volunteer,
            1 | 2 => Role::Farmer,
            _ => Role::Villager,
        };
        let (_, code) = codes[d % communes].iter().find(|(r, _)| *r == role).expect("code");
        phones.push(Mutex::new(enroll(&url, code, role).await));
    }
    let lesson = bundled_pack().lessons[0].id.clone();
    let phones = Arc::new(phones);
    let next = Arc::new(AtomicUsize::new(0));
    let cpu_before = server.cpu_seconds();
    let (busy_before, own_before) = (machine_busy(), process_cpu("self"));
    let started = Instant::now();
    let mut handles = Vec::new();
    for _ in 0..tasks {
        let (phones, next, lesson) = (phones.clone(), next.clone(), lesson.clone());
        handles.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= syncs {
                    return latencies;
                }
                let phone = phones[n.wrapping_mul(31) % phones.len()].lock().await;
                let work = work(n, phone.role);
                write(&phone, &work, &lesson, n);
                let began = Instant::now();
                phone.client.sync(&phone.store).await.expect("sync");
                latencies.push(began.elapsed());
            }
        }));
    }
    let mut latencies = Vec::with_capacity(syncs);
    for handle in handles {
        latencies.extend(handle.await.expect("task"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    let cpu = server.cpu_seconds() - cpu_before;
    let database = (machine_busy() - busy_before) - cpu - (process_cpu("self") - own_before);
    latencies.sort();
    // Small syncs: once every device has caught up, nothing to push and nothing new to pull,
    // which is what most of a day's syncs are.
    for phone in phones.iter() {
        let phone = phone.lock().await;
        phone.client.sync(&phone.store).await.expect("catch up");
    }
    let quiet_cpu_before = server.cpu_seconds();
    let (quiet_busy_before, quiet_own_before) = (machine_busy(), process_cpu("self"));
    let quiet_started = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let mut handles = Vec::new();
    for _ in 0..tasks {
        let (phones, next) = (phones.clone(), next.clone());
        handles.push(tokio::spawn(async move {
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= syncs {
                    return;
                }
                let phone = phones[n.wrapping_mul(31) % phones.len()].lock().await;
                phone.client.sync(&phone.store).await.expect("sync");
            }
        }));
    }
    for handle in handles {
        handle.await.expect("task");
    }
    let quiet_elapsed = quiet_started.elapsed().as_secs_f64();
    let quiet_cpu = server.cpu_seconds() - quiet_cpu_before;
    let quiet_database = (machine_busy() - quiet_busy_before) - quiet_cpu - (process_cpu("self") - quiet_own_before);
    let name = match engine {
        Engine::Sqlite(_) => "SQLite",
        Engine::Postgres(_) => "PostgreSQL",
    };
    println!(
        "{name}, {communes} commune(s) of data ({seeded:.1?} to seed), {devices} devices, {tasks} at a time: \
         {syncs} syncs in {elapsed:.1} s = {:.0} syncs/s; latency p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms; \
         server CPU {cpu:.2} s = {:.2} ms per sync; database and the rest of the machine {:.2} ms per sync",
        syncs as f64 / elapsed,
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.95),
        percentile(&latencies, 0.99),
        cpu * 1000.0 / syncs as f64,
        database.max(0.0) * 1000.0 / syncs as f64,
    );
    println!(
        "{name}, {communes} commune(s): {syncs} small syncs (nothing new) in {quiet_elapsed:.1} s = {:.0} syncs/s; \
         server CPU {quiet_cpu:.2} s = {:.3} ms per small sync = {:.0} small syncs per server core-second; \
         database and the rest of the machine {:.3} ms per small sync",
        syncs as f64 / quiet_elapsed,
        quiet_cpu * 1000.0 / syncs as f64,
        syncs as f64 / quiet_cpu.max(0.01),
        quiet_database.max(0.0) * 1000.0 / syncs as f64,
    );
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let postgres = std::env::var(POSTGRES_VAR).ok().filter(|v| !v.is_empty());
    if postgres.is_none() {
        println!("{POSTGRES_VAR} is not set: SQLite only (scripts/bench.sh starts a PostgreSQL cluster)");
    }
    for communes in [1, 1_000] {
        runtime.block_on(run(Engine::Sqlite(Default::default()), communes));
        if let Some(cluster) = &postgres {
            runtime.block_on(run(Engine::Postgres(fresh_database(cluster)), communes));
        }
    }
}
