//! The two engines give the same answers. One commune is seeded identically on a SQLite server
//! and a PostgreSQL server; four devices, each enrolled with both, write at random (seeded)
//! and sync with one server then the other, in random order, some of it refused. Afterwards
//! both servers hold the same data, refused the same changes, and a fresh device of each role
//! pulls the same from either.

use std::path::Path;
use std::sync::Arc;

use langso_core::Store;
use langso_core::learning::topic::Topic;
use langso_core::market::inquiry::NewInquiry;
use langso_core::market::listing::{ListingInput, ListingStatus};
use langso_core::market::public::{MarketQuery, PAGE_MAX};
use langso_core::places::NewCommune;
use langso_core::role::Role;
use langso_core::training::attendance::Attendance;
use langso_core::training::session::SessionInput;
use langso_server::join_codes::CodeLimits;
use langso_server::postgres::PostgresStorage;
use langso_server::routes::ServerLimits;
use langso_server::{Service, SqliteStorage};
use langso_sync::client::Client;
use langso_testkit::{bundled_pack, fresh_database, new_profile, postgres_cluster, serve, signed_push, snapshot};

const ROUNDS: usize = 60;
const ROLES: [Role; 4] = [Role::Villager, Role::Farmer, Role::Volunteer, Role::Official];

/// A small seeded generator (SplitMix64): the same run every time.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % below as u64) as usize
    }
}

struct Server {
    name: &'static str,
    service: Service,
    url: String,
}

/// Serves `service` after seeding it with the lesson pack and `places` (the same commune and
/// village on every server).
async fn start(
    name: &'static str,
    service: Service,
    commune: &str,
    places: &[langso_core::replica::change::Change],
) -> Server {
    service.publish(bundled_pack()).expect("pack");
    service.merge_as_server(commune, places).expect("places");
    let addr = serve(service.clone(), ServerLimits::default()).await;
    Server { name, service, url: format!("http://{addr}") }
}

fn code(server: &Server, commune: &str, role: Role) -> String {
    let limits = CodeLimits { uses: 100, ..CodeLimits::for_role(role) };
    server.service.create_code_with(commune, role, limits).expect("code").code
}

struct Phone {
    role: Role,
    store: Arc<Store>,
    clients: Vec<Client>,
    me: String,
    _dir: tempfile::TempDir,
}

async fn phone(role: Role, servers: &[Server], commune: &str) -> Phone {
    let dir = tempfile::tempdir().expect("dir");
    let store = Arc::new(Store::open(&dir.path().join("phone.sqlite3")).expect("store"));
    store.install_pack(bundled_pack()).expect("pack");
    let mut clients = Vec::new();
    for server in servers {
        let (client, _) =
            Client::enroll(&server.url, &code(server, commune, role), &store, "máy so sánh").await.expect("enroll");
        client.sync(&store).await.expect("first sync");
        clients.push(client);
    }
    let village = store.villages(commune).expect("villages")[0].id.clone();
    let me = store.create_profile(&new_profile(&village, role, "Chủ máy")).expect("profile").id;
    Phone { role, store, clients, me, _dir: dir }
}

/// One random thing a person of the phone's role does, or tries.
fn act(phone: &Phone, dice: &mut Dice, round: usize, commune: &str, listings: &[String]) {
    let store = &phone.store;
    let village = store.villages(commune).expect("villages")[0].id.clone();
    let lessons = store.catalogue("vi").expect("catalogue");
    let lesson = &lessons[dice.roll(lessons.len())].id;
    match (phone.role, dice.roll(4)) {
        (Role::Farmer, 0) | (Role::Farmer, 1) => {
            let input = ListingInput {
                name: format!("Chè Shan tuyết {round}"),
                price_dong: 100_000 + 1_000 * dice.roll(100) as i64,
                unit: "kg".into(),
                quantity: Some(dice.roll(50) as i64 + 1),
                contact_phone: "0987654321".into(),
                ..ListingInput::default()
            };
            let listing = store.create_listing(&phone.me, &input).expect("listing");
            store.set_listing_status(&listing.id, ListingStatus::Published).expect("publish");
        }
        (Role::Volunteer, 0) => {
            let input = SessionInput {
                village_id: village.clone(),
                title: format!("Buổi học {round}"),
                place: Some("Nhà văn hoá".into()),
                starts_at: 1_795_486_200_000,
                ends_at: 1_795_493_400_000,
                lessons: vec![lesson.clone()],
                skills: vec![Topic::OnlineSafety],
            };
            let session = store.create_session(&phone.me, &input).expect("session").id;
            for person in store.profiles(&village).expect("people").iter().take(3) {
                store.mark_attendance(&session, &person.id, Attendance::Present, &phone.me).expect("attendance");
                store.check_skill(&session, &person.id, Topic::OnlineSafety, true, &phone.me).expect("skill");
            }
        }
        (Role::Official, 0) => {
            store.create_village(commune, &format!("Thôn {round}")).expect("village");
        }
        // Not theirs to change: refused by both servers alike.
        (Role::Villager, 0) if !listings.is_empty() => {
            let _ = store.set_listing_status(&listings[dice.roll(listings.len())], ListingStatus::Archived);
        }
        (_, 3) => {
            let person = store.create_profile(&new_profile(&village, Role::Villager, &format!("Người {round}")));
            if let Ok(person) = person {
                store.record_step(&person.id, lesson, 0).expect("step");
            }
        }
        _ => store.record_step(&phone.me, lesson, dice.roll(4) as u16).expect("step"),
    }
}

/// How many of the changes `phone` has not sent `server` yet the server refuses, pushed
/// straight into its service, as the client would sign them, without the client's take-back.
fn judge(server: &Server, phone: &Phone, client: &Client) -> usize {
    let page = phone.store.outbox(client.peer(), 10_000).expect("outbox");
    if page.changes.is_empty() {
        return 0;
    }
    let (_, token) = phone.store.peers().expect("peers").into_iter().find(|(p, _)| p == client.peer()).expect("token");
    tokio::task::block_in_place(|| {
        let device = server.service.device(&token).expect("device").expect("enrolled");
        server.service.push(&device, &signed_push(&phone.store, &page.changes, page.cursor)).expect("push")
    })
    .report
    .rejected
    .len()
}

/// What a fresh device of `role` pulls from `server`.
async fn fresh_pull(server: &Server, commune: &str, role: Role, dir: &Path) -> String {
    let store = Arc::new(Store::open(&dir.join(format!("{}-{}.sqlite3", server.name, role.as_str()))).expect("store"));
    let (client, _) =
        Client::enroll(&server.url, &code(server, commune, role), &store, "máy mới").await.expect("enroll");
    client.sync(&store).await.expect("sync");
    store.canonical_dump().expect("dump")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_engines_hold_refuse_and_hand_out_the_same() {
    let dir = tempfile::tempdir().expect("dir");
    let seed = Store::open(&dir.path().join("seed.sqlite3")).expect("seed");
    let commune = seed
        .create_commune(&NewCommune {
            name: "Xã Lũng Cú".into(), district: None, province: Some("Hà Giang".into())
        })
        .expect("commune")
        .id;
    seed.create_village(&commune, "Thôn Lô Lô Chải").expect("village");
    let places = seed.changes_since(0, 1_000).expect("places").changes;

    let sqlite = Service::new(Arc::new(SqliteStorage::open(&dir.path().join("sqlite")).expect("sqlite")));
    let postgres = Service::new(Arc::new(
        tokio::task::block_in_place(|| PostgresStorage::open(&fresh_database(&postgres_cluster()))).expect("postgres"),
    ));
    let servers =
        [start("sqlite", sqlite, &commune, &places).await, start("postgres", postgres, &commune, &places).await];

    let mut phones = Vec::new();
    for role in ROLES {
        phones.push(phone(role, &servers, &commune).await);
    }
    let mut dice = Dice(20_261_130);
    let mut refused = [0usize; 2];
    let mut pushed = [0usize; 2];
    for round in 0..ROUNDS {
        let farmer = &phones[1];
        let listings: Vec<String> =
            farmer.store.listings_of(&farmer.me).expect("listings").into_iter().map(|l| l.id).collect();
        let phone = &phones[dice.roll(phones.len())];
        act(phone, &mut dice, round, &commune, &listings);
        // Each server judges the same new changes first: a device takes back what the first
        // server it syncs with refuses, so the second would never see it.
        for (s, server) in servers.iter().enumerate() {
            refused[s] += judge(server, phone, &phone.clients[s]);
        }
        // Then one server first, then the other.
        let first = dice.roll(2);
        for s in [first, 1 - first] {
            let report = phone.clients[s].sync(&phone.store).await.expect("sync");
            pushed[s] += report.pushed;
        }
    }
    for _ in 0..2 {
        for phone in &phones {
            for (s, client) in phone.clients.iter().enumerate() {
                let report = client.sync(&phone.store).await.expect("sync");
                pushed[s] += report.pushed;
            }
        }
    }
    println!("pushed {pushed:?}, refused {refused:?}");
    assert!(refused[0] > 0, "the run tried something forbidden");
    assert_eq!(refused[0], refused[1], "both engines refuse the same changes");

    let dumps: Vec<String> = servers.iter().map(|s| snapshot(&s.service).canonical_dump().expect("dump")).collect();
    assert!(dumps[0].lines().count() > 100, "the run wrote enough to compare");
    assert_eq!(dumps[0], dumps[1], "both engines hold the same rows, values and clocks");
    for role in ROLES {
        let sqlite = fresh_pull(&servers[0], &commune, role, dir.path()).await;
        let postgres = fresh_pull(&servers[1], &commune, role, dir.path()).await;
        assert_eq!(sqlite, postgres, "a fresh {} device pulls the same from both", role.as_str());
    }
    tokio::task::block_in_place(|| the_marketplace_reads_the_same(&servers, &commune));
    tokio::task::block_in_place(|| the_dashboard_counts_the_same(&servers, &commune));
}

/// The commune dashboard and the province's table, counted by both engines and by a replica
/// of the same data, at the same moment.
fn the_dashboard_counts_the_same(servers: &[Server], commune: &str) {
    let now = langso_core::time::now_ms();
    let replica = snapshot(&servers[0].service);
    let expected = replica.store.dashboard(commune, now).expect("count").expect("commune");
    assert!(
        expected.totals.people_registered > 0 && expected.totals.sessions_held + expected.totals.active_learners > 0
    );
    for server in servers {
        let storage = server.service.storage();
        assert_eq!(storage.dashboard(commune, now).expect("count").as_ref(), Some(&expected), "{}", server.name);
        let table = storage.province_table("Hà Giang", now).expect("table");
        assert_eq!(table.len(), 1, "{}", server.name);
        assert_eq!(table[0].figures, expected.totals, "{}", server.name);
    }
}

/// The public pages' questions, asked of both engines over the same data.
fn the_marketplace_reads_the_same(servers: &[Server], commune: &str) {
    let storages = [servers[0].service.storage(), servers[1].service.storage()];
    let query = |text: &str, change: &dyn Fn(&mut MarketQuery)| {
        let mut q =
            MarketQuery { text: text.into(), today: "2026-11-30".into(), limit: PAGE_MAX, ..MarketQuery::default() };
        change(&mut q);
        q
    };
    let queries = [
        query("", &|_| {}),
        query("", &|q| q.offset = 3),
        query("", &|q| q.max_price = Some(150_000)),
        query("", &|q| q.min_price = Some(150_000)),
        query("", &|q| q.province = Some("Hà Giang".into())),
        query("", &|q| q.commune_id = Some(commune.to_owned())),
        query("", &|q| q.province = Some("Lào Cai".into())),
    ];
    for q in &queries {
        let found: Vec<_> = storages.iter().map(|s| s.market_search(q).expect("search")).collect();
        assert_eq!(found[0], found[1], "{q:?}");
    }
    let all = storages[0].market_search(&queries[0]).expect("search");
    assert!(all.len() > 3, "the run published products: {}", all.len());
    // Words are ranked by each engine's own measure: the same products come, maybe in another order.
    for text in ["che shan tuyet", "CHÈ SHAN TUY", "shan tuyết 1", "không có"] {
        let mut found: Vec<Vec<String>> = storages
            .iter()
            .map(|s| s.market_search(&query(text, &|_| {})).expect("search").into_iter().map(|c| c.id).collect())
            .collect();
        found.iter_mut().for_each(|ids| ids.sort());
        assert_eq!(found[0], found[1], "{text}");
    }
    assert_eq!(
        storages[0].market_search(&query("che shan tuyet", &|_| {})).expect("search").len(),
        all.len().min(PAGE_MAX)
    );
    assert_eq!(storages[0].market_communes().expect("communes"), storages[1].market_communes().expect("communes"));
    assert_eq!(storages[0].market_ids().expect("ids"), storages[1].market_ids().expect("ids"));
    for card in &all {
        let pages: Vec<_> = storages.iter().map(|s| s.market_product(&card.id).expect("product")).collect();
        assert!(pages[0].is_some());
        assert_eq!(pages[0], pages[1]);
    }

    // A buyer's inquiry is taken the same way by both, and refused the same way.
    let ask = NewInquiry {
        listing_id: all[0].id.clone(),
        buyer_name: "Nguyễn Văn Bình".into(),
        buyer_phone: "0912345678".into(),
        quantity: 2,
        message: None,
    };
    for server in servers {
        let id = server.service.receive_inquiry(&ask).expect("inquiry");
        let held = snapshot(&server.service).inquiries(&ask.listing_id).expect("inquiries");
        assert_eq!(held.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), [id.as_str()], "{}", server.name);
        let bad = NewInquiry { buyer_phone: "12345".into(), ..ask.clone() };
        assert!(server.service.receive_inquiry(&bad).is_err());
        let unknown = NewInquiry { listing_id: "nope".into(), ..ask.clone() };
        assert!(server.service.receive_inquiry(&unknown).is_err());
    }
}
