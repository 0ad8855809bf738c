//! Figures for the local store, printed, never asserted:
//! search latency over 50,000 listings and 200 lessons, the cost of change capture against
//! plain inserts, and the database size per 10,000 listings.
//!
//! Run: `cargo bench -p langso-core --bench store`; with `LANGSO_BENCH_KEEP=/some/file` it
//! also keeps the filled database there for inspection.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use langso_core::Store;
use langso_core::learning::pack::{Pack, PackStep};
use langso_core::learning::topic::Topic;
use langso_core::replica::change::{Change, ChangeBody};
use langso_core::replica::clock::Stamp;
use langso_core::replica::value::Value;
use uuid::Uuid;

const LISTINGS: usize = 50_000;
const LESSONS: usize = 200;
const WRITES: usize = 2_000;
const BATCH: usize = 1_000;

const PRODUCTS: [&str; 16] = [
    "Chè",
    "Cà phê",
    "Mật ong",
    "Gạo nếp",
    "Thịt trâu gác bếp",
    "Măng khô",
    "Rượu ngô",
    "Táo mèo",
    "Mận hậu",
    "Khăn thổ cẩm",
    "Nấm hương",
    "Tam thất",
    "Hạt dẻ",
    "Cam sành",
    "Lạc đỏ",
    "Đậu tương",
];
const QUALITIES: [&str; 10] =
    ["Shan Tuyết", "cổ thụ", "hữu cơ", "loại đặc biệt", "rừng", "bạc hà", "nương", "tím", "truyền thống", "sạch"];
const PLACES: [&str; 8] =
    ["Đồng Văn", "Mèo Vạc", "Hoàng Su Phì", "Bắc Hà", "Mù Cang Chải", "Sìn Hồ", "Lũng Cú", "Tủa Chùa"];

fn pick<'a>(list: &[&'a str], n: usize) -> &'a str {
    list[n % list.len()]
}

fn listing_changes(n: usize, node: Uuid, hlc: u64, status: &str) -> Vec<Change> {
    let id = Uuid::now_v7().to_string();
    let name = format!("{} {} {}", pick(&PRODUCTS, n), pick(&QUALITIES, n / 16), pick(&PLACES, n / 160));
    let description = format!(
        "{} của bà con {}, thu hái theo mùa, đóng gói cẩn thận. Mã lô {n}.",
        pick(&PRODUCTS, n * 7),
        pick(&PLACES, n * 3)
    );
    [
        ("commune_id", Value::from("01a20b0a-0000-7000-8000-00000000c0de")),
        ("owner_id", Value::from(format!("01a20b0a-0000-7000-8000-{:012x}", n % 500))),
        ("name", Value::from(name)),
        ("description", Value::from(description)),
        ("price_dong", Value::Int(10_000 + (n as i64 % 90) * 5_000)),
        ("unit", Value::from("kg")),
        ("contact_phone", Value::from("0912345678")),
        ("status", Value::from(status)),
        ("deleted", Value::Int(0)),
    ]
    .into_iter()
    .map(|(column, value)| Change {
        table: "listings".into(),
        row: id.clone(),
        stamp: Stamp { hlc, node },
        body: ChangeBody::Column { column: column.into(), value },
    })
    .collect()
}

fn lessons_pack() -> Pack {
    let texts = |vi: String, en: String| BTreeMap::from([("vi".to_owned(), vi), ("en".to_owned(), en)]);
    let lessons = (0..LESSONS)
        .map(|n| langso_core::learning::pack::PackLesson {
            slug: format!("lesson-{n}"),
            id: Uuid::now_v7().to_string(),
            version: 1,
            topic: Topic::ALL[n % Topic::ALL.len()],
            level: 1,
            minutes: 5,
            title: texts(
                format!("Bài {n}: {} an toàn trên mạng", pick(&PRODUCTS, n)),
                format!("Lesson {n}: staying safe"),
            ),
            summary: texts(
                "Học cách nhận biết lừa đảo và bảo vệ tài khoản.".into(),
                "Spot scams, protect accounts.".into(),
            ),
            steps: (0..5)
                .map(|s| PackStep {
                    text: texts(format!("Bước {s}: mở ứng dụng, kiểm tra mã OTP."), format!("Step {s}.")),
                    illustration: String::new(),
                    narration: BTreeMap::new(),
                })
                .collect(),
            quiz: Vec::new(),
        })
        .collect();
    Pack { publisher: Uuid::now_v7(), version: 1, lessons, assets: BTreeMap::new(), signature: None }
}

/// The app installs its bundled pack at every start: what that costs the first time (files
/// and all) and every time after (reads only).
fn bundled_pack_install() {
    let started = Instant::now();
    let pack = Pack::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/lessons"))
        .expect("bundled pack");
    let read = started.elapsed();
    let bytes: usize = pack.assets.values().map(|a| a.bytes.len()).sum();
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("pack.sqlite3")).expect("store");
    let started = Instant::now();
    store.install_pack(&pack).expect("install");
    let first = started.elapsed();
    let mut again = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        store.install_pack(&pack).expect("install again");
        again.push(started.elapsed());
    }
    again.sort();
    println!(
        "bundled pack: {} lessons, {} files, {:.2} MiB; read and hashed in {} ms; installed in {} ms, again (each app start) median {} ms",
        pack.lessons.len(),
        pack.assets.len(),
        bytes as f64 / (1024.0 * 1024.0),
        read.as_millis(),
        first.as_millis(),
        percentile(&again, 0.5).as_millis()
    );
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn micros(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}

fn peak_rss_mib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM")).map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_owned())
        })
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or("n/a".into(), |kb| format!("{:.0} MiB", kb / 1024.0))
}

fn file_mib(path: &std::path::Path) -> f64 {
    let conn = rusqlite::Connection::open(path).expect("open");
    let _: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0)).expect("checkpoint");
    std::fs::metadata(path).map_or(0.0, |m| m.len() as f64 / (1024.0 * 1024.0))
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.sqlite3");
    let store = Store::open(&path).expect("store");
    let node = Uuid::new_v4();

    // Fill: 200 lessons and 50,000 published listings, in batches of 1,000 rows.
    let started = Instant::now();
    store.install_pack(&lessons_pack()).expect("lessons");
    let mut hlc = 1u64 << 32;
    for chunk in (0..LISTINGS).collect::<Vec<_>>().chunks(BATCH) {
        let changes: Vec<Change> = chunk
            .iter()
            .flat_map(|n| {
                hlc += 1;
                listing_changes(*n, node, hlc, "published")
            })
            .collect();
        store.apply(&changes).expect("apply");
    }
    let fill = started.elapsed();
    println!(
        "fill: {LESSONS} lessons + {LISTINGS} listings merged in {:.1} s ({:.0} rows/s)",
        fill.as_secs_f64(),
        (LISTINGS + LESSONS) as f64 / fill.as_secs_f64()
    );
    println!(
        "size: {:.1} MiB for {LISTINGS} listings with clocks, change log and search index ({:.2} MiB per 10,000)",
        file_mib(&path),
        file_mib(&path) / (LISTINGS as f64 / 10_000.0)
    );

    // Search: what a person types, letter by letter.
    let typed = [
        "c",
        "ca",
        "ca p",
        "ca ph",
        "ca phe",
        "ca phe sh",
        "ca phe shan tuyet",
        "mat ong",
        "gao nep",
        "thit trau gac bep",
        "che shan tuyet dong van",
        "tam that",
        "kh",
        "khan tho cam",
        "lua dao",
        "otp",
        "dac biet meo vac",
        "xyz khong co",
    ];
    let mut all = Vec::new();
    for q in typed {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..50 {
            let t = Instant::now();
            hits = store.search(q, "vi", 20).expect("search").len();
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "search {q:>26}: median {:>7}  p95 {:>7}  ({hits} hits)",
            micros(percentile(&times, 0.5)),
            micros(percentile(&times, 0.95))
        );
        all.extend(times);
    }
    all.sort();
    println!(
        "search overall ({} queries): median {}  p95 {}  max {}",
        all.len(),
        micros(percentile(&all, 0.5)),
        micros(percentile(&all, 0.95)),
        micros(*all.last().expect("times"))
    );

    // Change capture against plain inserts of the same columns, one transaction per row as
    // the app writes, then batched as sync writes. Drafts, so that no search indexing is
    // counted: that is measured apart below.
    let plain = rusqlite::Connection::open(dir.path().join("plain.sqlite3")).expect("plain");
    plain.pragma_update(None, "journal_mode", "WAL").expect("wal");
    plain.pragma_update(None, "synchronous", "FULL").expect("sync");
    plain.execute_batch("CREATE TABLE listings (id TEXT PRIMARY KEY, commune_id TEXT, owner_id TEXT, name TEXT, description TEXT, price_dong INTEGER, unit TEXT, contact_phone TEXT, status TEXT, deleted INTEGER NOT NULL DEFAULT 0) STRICT").expect("table");
    let rows: Vec<Vec<Change>> = (0..WRITES)
        .map(|n| {
            hlc += 1;
            listing_changes(LISTINGS + n, node, hlc, "draft")
        })
        .collect();
    let plain_insert = |conn: &rusqlite::Connection, row: &[Change]| {
        let values: Vec<Value> = row
            .iter()
            .map(|c| match &c.body {
                ChangeBody::Column { value, .. } => value.clone(),
                ChangeBody::Fact { .. } => Value::Null,
            })
            .collect();
        conn.prepare_cached("INSERT INTO listings (id, commune_id, owner_id, name, description, price_dong, unit, contact_phone, status, deleted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)").expect("prepare")
            .execute(rusqlite::params![row[0].row, values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8]]).expect("insert");
    };
    let t = Instant::now();
    for row in &rows[..WRITES / 2] {
        store.apply(row).expect("apply");
    }
    let captured_single = t.elapsed();
    let t = Instant::now();
    for row in &rows[..WRITES / 2] {
        let tx = plain.unchecked_transaction().expect("tx");
        plain_insert(&tx, row);
        tx.commit().expect("commit");
    }
    let plain_single = t.elapsed();
    let t = Instant::now();
    let batched: Vec<Change> = rows[WRITES / 2..].iter().flatten().cloned().collect();
    store.apply(&batched).expect("apply");
    let captured_batch = t.elapsed();
    let t = Instant::now();
    let tx = plain.unchecked_transaction().expect("tx");
    for row in &rows[WRITES / 2..] {
        plain_insert(&tx, row);
    }
    tx.commit().expect("commit");
    let plain_batch = t.elapsed();
    let per = |d: Duration| micros(d / (WRITES as u32 / 2));
    println!(
        "write, one transaction per listing: captured {} / plain {} per row = {:.2}x",
        per(captured_single),
        per(plain_single),
        captured_single.as_secs_f64() / plain_single.as_secs_f64()
    );
    println!(
        "write, {} listings in one transaction: captured {} / plain {} per row = {:.2}x",
        WRITES / 2,
        per(captured_batch),
        per(plain_batch),
        captured_batch.as_secs_f64() / plain_batch.as_secs_f64()
    );
    let plain_mib = file_mib(&dir.path().join("plain.sqlite3"));
    println!(
        "size without capture or search: {:.2} MiB per 10,000 of the same listings",
        plain_mib / (WRITES as f64 / 10_000.0)
    );
    bundled_pack_install();
    println!("peak memory (RSS high-water): {}", peak_rss_mib());
    if let Some(keep) = std::env::var_os("LANGSO_BENCH_KEEP") {
        std::fs::copy(&path, keep).expect("keep the database for inspection");
    }
}
