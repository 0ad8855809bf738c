//! How fast the public marketplace answers, on each engine: 50,000 published products of 300
//! communes in 30 provinces, then searches as buyers type them (words without diacritics,
//! filters) and product pages, each asked many times: of the storage, then as whole pages
//! (the web routes, rendering included; no network). Prints latency percentiles; asserts
//! nothing. SQLite always; PostgreSQL when `LANGSO_TEST_POSTGRES` names a cluster
//! (`scripts/bench.sh` starts one).
//!
//! `cargo bench -p langso-server --bench market` (`MARKET_LISTINGS` changes the 50,000).

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use langso_core::Store;
use langso_core::market::public::{MarketQuery, PAGE_MAX};
use langso_core::places::NewCommune;
use langso_core::replica::change::{Change, ChangeBody};
use langso_core::replica::clock::wall_stamp;
use langso_core::replica::value::Value;
use langso_core::role::Role;
use langso_server::Service;
use langso_server::engine::Engine;
use langso_server::web::{self, WebOptions};
use langso_testkit::{POSTGRES_VAR, fresh_database, new_profile};
use tower::ServiceExt;
use uuid::Uuid;

const COMMUNES: usize = 300;
const PROVINCES: usize = 30;
const PRODUCTS: [&str; 12] = [
    "Chè Shan Tuyết",
    "Cà phê Shan Tuyết",
    "Mật ong bạc hà",
    "Táo mèo",
    "Thịt trâu gác bếp",
    "Gạo nếp cái hoa vàng",
    "Măng khô",
    "Miến dong",
    "Rượu ngô",
    "Tam thất",
    "Mận hậu",
    "Thổ cẩm dệt tay",
];
const KINDS: [&str; 6] = ["loại 1", "cổ thụ", "hữu cơ", "sấy khô", "đặc biệt", "truyền thống"];

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn column(table: &str, row: &str, column: &str, value: Value, node: Uuid) -> Change {
    Change {
        table: table.into(),
        row: row.into(),
        stamp: wall_stamp(node),
        body: ChangeBody::Column { column: column.into(), value },
    }
}

/// Each commune with its village and farmer, and its share of the products, as changes.
fn communes(dir: &std::path::Path, listings: usize) -> Vec<(String, Vec<Change>)> {
    let store = Store::open(&dir.join("seed.sqlite3")).expect("store");
    let node = Uuid::now_v7();
    let mut made = Vec::new();
    for c in 0..COMMUNES {
        let before = store.last_seq().expect("seq");
        let commune = store
            .create_commune(&NewCommune {
                name: format!("Xã {c}"),
                district: Some(format!("Huyện {}", c / 3)),
                province: Some(format!("Tỉnh {}", c % PROVINCES)),
            })
            .expect("commune");
        let village = store.create_village(&commune.id, "Thôn Một").expect("village");
        let farmer = store.create_profile(&new_profile(&village.id, Role::Farmer, "Sùng Thị Dế")).expect("farmer");
        let mut changes = store.changes_since(before, usize::MAX).expect("places").changes;
        for i in (c..listings).step_by(COMMUNES) {
            let id = Uuid::now_v7().to_string();
            let name = format!("{} {} {}", PRODUCTS[i % PRODUCTS.len()], KINDS[(i / 7) % KINDS.len()], i % 97);
            let columns: [(&str, Value); 14] = [
                ("commune_id", commune.id.as_str().into()),
                ("owner_id", farmer.id.as_str().into()),
                ("status", "published".into()),
                ("deleted", 0.into()),
                ("name", name.into()),
                ("category", ["Nông sản", "Đồ uống", "Dược liệu"][i % 3].into()),
                ("description", "Đặc sản vùng cao, làm theo cách truyền thống của đồng bào.".into()),
                ("price_dong", i64::try_from(20_000 + (i % 50) * 10_000).expect("price").into()),
                ("unit", "kg".into()),
                ("quantity", 10.into()),
                ("made_to_order", false.into()),
                ("ocop_stars", if i % 4 == 0 { Value::Int(3 + (i % 3) as i64) } else { Value::Null }),
                ("photos", "[]".into()),
                ("contact_phone", "0987654321".into()),
            ];
            changes.extend(columns.into_iter().map(|(name, value)| column("listings", &id, name, value, node)));
        }
        made.push((commune.id, changes));
    }
    made
}

/// Percentiles of the timings, in milliseconds.
fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1000.0;
    println!(
        "  {what}: {} runs, p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        at(0.5),
        at(0.95),
        at(0.99),
        at(1.0)
    );
}

fn run(name: &str, engine: Engine, listings: usize) {
    let dir = tempfile::tempdir().expect("dir");
    let engine = match engine {
        Engine::Sqlite(_) => Engine::Sqlite(dir.path().join("server")),
        postgres => postgres,
    };
    let service = Service::new(engine.open().expect("storage"));
    let seeded = Instant::now();
    for (commune, changes) in communes(dir.path(), listings) {
        service.merge_as_server(&commune, &changes).expect("seed");
    }
    let storage = service.storage();
    let today = "2026-11-30".to_owned();
    let all = MarketQuery { today: today.clone(), limit: PAGE_MAX, ..MarketQuery::default() };
    let ids: Vec<String> = storage.market_ids().expect("ids");
    println!("{name}: {} published products seeded in {:.1} s", ids.len(), seeded.elapsed().as_secs_f64());

    let searches = [
        MarketQuery { text: "ca phe shan tuyet".into(), ..all.clone() },
        MarketQuery { text: "mat ong bac h".into(), ..all.clone() },
        MarketQuery { text: "che".into(), ..all.clone() },
        MarketQuery { text: "thit trau gac bep huu co".into(), min_stars: Some(4), ..all.clone() },
        MarketQuery { text: "tao meo".into(), province: Some("Tỉnh 9".into()), ..all.clone() },
        MarketQuery { max_price: Some(100_000), in_season: true, ..all.clone() },
        MarketQuery { category: Some("Dược liệu".into()), offset: 480, ..all.clone() },
        all.clone(),
    ];
    let mut all_times = Vec::new();
    for q in &searches {
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..40 {
            let started = Instant::now();
            found = storage.market_search(q).expect("search").len();
            times.push(started.elapsed());
        }
        let what = format!("search {:?}{}, {found} shown", q.text, if q == &all { " (newest)" } else { "" });
        report(&what, times.clone());
        all_times.extend(times);
    }
    report("search, all of the above", all_times);

    let mut times = Vec::new();
    for i in 0..1_000 {
        let id = &ids[(i * 7_919) % ids.len()];
        let started = Instant::now();
        storage.market_product(id).expect("product").expect("published");
        times.push(started.elapsed());
    }
    report("product page data", times);

    let started = Instant::now();
    let communes = storage.market_communes().expect("communes");
    report("communes with products (counted at most once a minute by the pages)", vec![started.elapsed()]);
    assert_eq!(communes.len(), COMMUNES.min(listings));

    let pages = web::router_with(service.clone(), WebOptions::default());
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let get = |path: &str| {
        let request = Request::get(path).header("host", "cho.example.vn").body(Body::empty()).expect("request");
        let started = Instant::now();
        let response = runtime.block_on(pages.clone().oneshot(request)).expect("page");
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        runtime.block_on(axum::body::to_bytes(response.into_body(), usize::MAX)).expect("body");
        started.elapsed()
    };
    get("/");
    let searches = ["/search?q=ca+phe+shan+tuyet", "/search?q=mat+ong", "/search?q=che&province=T%E1%BB%89nh+9"];
    let times: Vec<Duration> = (0..40).flat_map(|_| searches.iter().map(|p| get(p)).collect::<Vec<_>>()).collect();
    report("search page, rendered", times);
    let times: Vec<Duration> = (0..1_000).map(|i| get(&format!("/product/{}", ids[(i * 7_919) % ids.len()]))).collect();
    report("product page, rendered", times);
}

fn main() {
    let listings = setting("MARKET_LISTINGS", 50_000);
    run("SQLite", Engine::Sqlite(Default::default()), listings);
    match std::env::var(POSTGRES_VAR).ok().filter(|v| !v.is_empty()) {
        Some(cluster) => run("PostgreSQL", Engine::Postgres(fresh_database(&cluster)), listings),
        None => println!("{POSTGRES_VAR} is not set: SQLite only (scripts/bench.sh starts a PostgreSQL cluster)"),
    }
}
