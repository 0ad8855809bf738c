//! The server tried as an attacker would, on loopback: taking over a device by its node id,
//! guessing join codes, stalling the server with idle and slow sockets, reading another
//! commune's files, uploading scripts as pictures, overflowing offsets and cursors.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use langso_core::market::listing::ListingInput;
use langso_core::people::profile::NewProfile;
use langso_core::replica::change::{Change, ChangeBody};
use langso_core::replica::clock::Stamp;
use langso_core::replica::value::Value;
use langso_core::role::Role;
use langso_server::join_codes::CodeLimits;
use langso_server::listener::ConnectionLimits;
use langso_server::routes::ServerLimits;
use langso_sync::SyncError;
use langso_sync::client::Client;
use langso_sync::codec;
use langso_sync::protocol::{EnrollRequest, PushResponse, paths};
use langso_testkit::{
    TestServer, enroll_request, enroll_request_as, honey, honey_with_bank, new_profile, person, phone, signed_push,
    token,
};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

/// The start of a JPEG: what the server tells a photo's type by.
const JPEG_START: [u8; 11] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0];

fn jpeg(size: usize, seed: u8) -> Vec<u8> {
    let mut bytes = JPEG_START.to_vec();
    bytes.extend((0..size.saturating_sub(JPEG_START.len())).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)));
    bytes
}

fn loopback(last: u8) -> IpAddr {
    IpAddr::from([127, 0, 0, last])
}

/// An HTTP client whose connections come from `from` (any 127.x.y.z is this machine).
fn http_from(from: IpAddr) -> reqwest::Client {
    reqwest::Client::builder().local_address(from).build().expect("client")
}

async fn enroll_raw(http: &reqwest::Client, server: &TestServer, request: &EnrollRequest) -> reqwest::Response {
    http.post(format!("{}{}", server.url, paths::ENROLL)).json(request).send().await.expect("enroll")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_id_cannot_be_taken_over_with_any_join_code() {
    let server = TestServer::builder().other_commune().start().await;
    let victim = phone(&server, server.code(Role::Farmer)).await;
    let seller = person(&victim.store, Role::Farmer, "Sùng Thị Dế");
    let input = honey_with_bank();
    let listing = victim.store.create_listing(&seller, &input).expect("listing");
    victim.client.sync(&victim.store).await.expect("sync");
    let node = victim.store.node_id();
    let uses_before = server.service.codes(None).expect("codes");

    let attacker = reqwest::Client::new();
    for (what, code) in [
        ("a code of the same commune", server.code(Role::Farmer)),
        ("a code of another commune", server.other_commune_code()),
    ] {
        // The node is made from the victim's key: the attacker's own key cannot claim it.
        let answer = enroll_raw(&attacker, &server, &EnrollRequest { node, ..enroll_request(code, "kẻ gian") }).await;
        assert_eq!(answer.status(), 400, "{what}");
        assert!(!answer.text().await.expect("text").is_empty(), "{what}: a message explains it");
    }
    assert_eq!(server.service.codes(None).expect("codes"), uses_before, "a refused enrollment uses no code");

    // The owner keeps working, and its listing's bank account is what it wrote.
    victim
        .store
        .set_listing_status(&listing.id, langso_core::market::listing::ListingStatus::Published)
        .expect("publish");
    victim.client.sync(&victim.store).await.expect("the owner still syncs");
    let on_server = server.snapshot().row_value("listings", &listing.id, "bank_account").expect("read");
    assert_eq!(on_server.and_then(|v| v.as_text().map(str::to_owned)).as_deref(), Some("0123456789"));

    // The owner itself may enroll again (for another role) with its current token.
    let old_token = token(&victim.store);
    let (again, answer) =
        Client::enroll(&server.url, server.code(Role::Villager), &victim.store, "điện thoại thử").await.expect("again");
    assert_eq!(answer.role, Role::Villager);
    again.sync(&victim.store).await.expect("syncs with the new token");
    let stale = reqwest::Client::new()
        .get(format!("{}/v2/pull?cursor=0", server.url))
        .bearer_auth(old_token)
        .send()
        .await
        .expect("pull");
    assert_eq!(stale.status(), 401, "the old token is gone");
    // ...but not into another commune.
    let moved = Client::enroll(&server.url, server.other_commune_code(), &victim.store, "x").await;
    assert!(matches!(moved, Err(SyncError::AlreadyEnrolled)), "{moved:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_node_never_enrolls_again() {
    let server = TestServer::start().await;
    let lost = phone(&server, server.code(Role::Farmer)).await;
    assert!(server.service.revoke_device(lost.store.node_id()).expect("revoke"));
    let fresh =
        server.service.create_code(&server.snapshot().communes().expect("communes")[0].id, Role::Farmer).expect("code");
    let with_token = Client::enroll(&server.url, &fresh, &lost.store, "điện thoại thử").await;
    assert!(matches!(with_token, Err(SyncError::Revoked)), "with its old token: {with_token:?}");
    let answer =
        enroll_raw(&reqwest::Client::new(), &server, &enroll_request_as(lost.store.identity(), &fresh, "x")).await;
    assert_eq!(answer.status(), 403, "without it, by its key");
    let synced = lost.client.sync(&lost.store).await;
    assert!(matches!(synced, Err(SyncError::Revoked)), "told it was revoked: {synced:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_wrong_codes_are_slowed_down_while_a_right_one_works() {
    let server = TestServer::start().await;
    let attacker = http_from(loopback(1));
    let guesses = 10_000;
    let workers = 8;
    let mut tasks = Vec::new();
    for w in 0..workers {
        let (http, url) = (attacker.clone(), server.url.clone());
        tasks.push(tokio::spawn(async move {
            let mut statuses = Vec::new();
            for i in (w..guesses).step_by(workers) {
                let body = enroll_request(&format!("WRONG{i:05}"), "x");
                let answer = http.post(format!("{url}{}", paths::ENROLL)).json(&body).send().await.expect("enroll");
                let waits = answer.headers().get("retry-after").is_some();
                statuses.push((answer.status().as_u16(), waits));
            }
            statuses
        }));
    }
    // Meanwhile, a villager at the commune office enrolls with a right code.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let honest = http_from(loopback(2));
    let answer = enroll_raw(&honest, &server, &enroll_request(server.code(Role::Villager), "điện thoại của Mai")).await;
    assert_eq!(answer.status(), 200, "the right code works during the attack");

    let mut statuses = Vec::new();
    for task in tasks {
        statuses.extend(task.await.expect("task"));
    }
    let checked = statuses.iter().filter(|(s, _)| *s == 403).count();
    let slowed = statuses.iter().filter(|(s, waits)| *s == 429 && *waits).count();
    println!("{guesses} wrong codes: {checked} checked, {slowed} told to wait");
    assert_eq!(checked + slowed, guesses, "every guess is refused, none enrolls");
    assert!(checked <= 20, "only a handful of guesses reach the codes: {checked}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn codes_are_checked_at_a_limited_pace_overall() {
    let limits = ServerLimits {
        enroll: langso_server::throttle::ThrottleLimits { checks_per_minute: 20, ..Default::default() },
        ..Default::default()
    };
    let server = TestServer::builder().limits(limits).start().await;
    let mut statuses = Vec::new();
    for last in 10..40 {
        let answer = enroll_raw(&http_from(loopback(last)), &server, &enroll_request("ABCD-EFGH", "x")).await;
        statuses.push(answer.status().as_u16());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 403).count(), 20, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 10, "{statuses:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_used_up_and_revoked_codes_enroll_nothing() {
    let server = TestServer::start().await;
    let http = reqwest::Client::new();
    // An official's code enrolls one device.
    let official = server.code(Role::Official);
    assert_eq!(enroll_raw(&http, &server, &enroll_request(official, "cán bộ")).await.status(), 200);
    assert_eq!(enroll_raw(&http, &server, &enroll_request(official, "người khác")).await.status(), 403, "used up");

    let commune = server.snapshot().communes().expect("communes")[0].id.clone();
    let limits = CodeLimits { valid_for: Duration::from_secs(86_400), uses: 5 };
    let expiring = server.service.create_code_with(&commune, Role::Villager, limits).expect("code");
    server.admin_sql(&format!("UPDATE join_codes SET expires_at = 1 WHERE id = '{}'", expiring.listed.id));
    assert_eq!(enroll_raw(&http, &server, &enroll_request(&expiring.code, "x")).await.status(), 403, "expired");

    let revoked = server.service.create_code_with(&commune, Role::Villager, limits).expect("code");
    assert!(server.service.revoke_code(&revoked.listed.id).expect("revoke"));
    assert!(!server.service.revoke_code(&revoked.listed.id).expect("twice"), "revoking again says so");
    assert_eq!(enroll_raw(&http, &server, &enroll_request(&revoked.code, "x")).await.status(), 403, "revoked");

    let listed = server.service.codes(Some(&commune)).expect("codes");
    let state = |id: &str| {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("now").as_secs() as i64;
        listed.iter().find(|c| c.id == id).expect("listed").state_id(now)
    };
    assert_eq!(state(&expiring.listed.id), "server-code-state-expired");
    assert_eq!(state(&revoked.listed.id), "server-code-state-revoked");
    assert!(listed.iter().any(|c| c.role == Role::Official && c.state_id(0) == "server-code-state-used-up"));

    // Bad limits are refused with a message.
    let forever = CodeLimits { valid_for: Duration::from_secs(3 * 365 * 86_400), uses: 5 };
    assert!(server.service.create_code_with(&commune, Role::Villager, forever).is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn codes_from_before_the_limits_expire_by_their_age() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = Connection::open(dir.path().join("server.sqlite3")).expect("old admin db");
    old.execute_batch(
        "CREATE TABLE join_codes (code_hash TEXT PRIMARY KEY, commune_id TEXT NOT NULL, role TEXT NOT NULL,
           created_at INTEGER NOT NULL DEFAULT (unixepoch()), revoked INTEGER NOT NULL DEFAULT 0) STRICT;
         CREATE TABLE devices (token_hash TEXT PRIMARY KEY, node BLOB NOT NULL UNIQUE, commune_id TEXT NOT NULL,
           role TEXT NOT NULL, name TEXT NOT NULL, enrolled_at INTEGER NOT NULL DEFAULT (unixepoch()),
           revoked_at INTEGER) STRICT;",
    )
    .expect("old schema");
    let hash = |code: &str| Sha256::digest(code.as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>();
    for (code, age_days) in [("OLDOLDAA", 3 * 365), ("NEWNEWBB", 1)] {
        old.execute(
            "INSERT INTO join_codes (code_hash, commune_id, role, created_at) VALUES (?1, 'x', 'villager', unixepoch() - ?2)",
            rusqlite::params![hash(code), age_days * 86_400],
        )
        .expect("old code");
    }
    drop(old);
    let db = langso_server::Service::new(std::sync::Arc::new(
        langso_server::SqliteStorage::open(dir.path()).expect("migrated"),
    ));
    assert!(matches!(db.enroll(&enroll_request("OLDO-LDAA", "x")), Err(langso_server::ServerError::BadCode)));
    assert!(db.enroll(&enroll_request("NEWN-EWBB", "x")).is_ok(), "a recent code still works");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn device_names_lose_invisible_and_direction_characters() {
    let server = TestServer::start().await;
    let name = "Máy\u{202E}gnp.exe\u{200B} của\u{2067} Lan";
    let answer = enroll_raw(&reqwest::Client::new(), &server, &enroll_request(server.code(Role::Villager), name)).await;
    assert_eq!(answer.status(), 200);
    let stored = server.admin_sql("SELECT name FROM devices").expect("device name");
    assert_eq!(stored, "Máygnp.exe của Lan");
}

/// Opens a connection from `from` to `to`.
async fn connect_from(from: IpAddr, to: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().expect("socket");
    socket.bind(SocketAddr::new(from, 0)).expect("bind");
    socket.connect(to).await.expect("connect")
}

/// Whether the server closed the connection within `within` (reading, ignoring any answer).
async fn closed_by_server(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 1024];
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0) | Err(_)) => return true,
            Ok(Ok(_)) => {}
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_slow_sockets_cannot_stall_the_server() {
    let connections = ConnectionLimits {
        max_connections: 100,
        per_client: 150,
        header_timeout: Duration::from_secs(1),
        body_idle_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(5),
    };
    let server = TestServer::builder().limits(ServerLimits { connections, ..Default::default() }).start().await;
    let addr = server.addr;
    // 1,000 sockets from ten addresses: half send nothing, half half a request's headers.
    let mut idle = Vec::new();
    for i in 0..1000u32 {
        let mut stream = connect_from(loopback(10 + (i % 10) as u8), addr).await;
        if i % 2 == 1 {
            stream.write_all(b"GET /health HTTP/1.1\r\nHost: langso\r\nX-Slow: ").await.expect("partial header");
        }
        idle.push(stream);
    }
    let health = reqwest::Client::builder().timeout(Duration::from_secs(60)).build().expect("client");
    let answer = health.get(format!("{}/health", server.url)).send().await.expect("health answers");
    assert_eq!(answer.status(), 200);
    let mut open = 0;
    for stream in &mut idle {
        if !closed_by_server(stream, Duration::from_secs(30)).await {
            open += 1;
        }
    }
    assert_eq!(open, 0, "the server closed every idle socket");

    // A client that trickles its headers a byte at a time is cut off all the same.
    let mut trickle = connect_from(loopback(20), addr).await;
    let header =
        b"GET /health HTTP/1.1\r\nHost: langso\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    let mut cut = false;
    for byte in header {
        if trickle.write_all(&[*byte]).await.is_err()
            || closed_by_server(&mut trickle, Duration::from_millis(200)).await
        {
            cut = true;
            break;
        }
    }
    assert!(cut, "the trickling client was cut before its headers were complete");

    // A body that stops arriving ends the request.
    let mut stalled = connect_from(loopback(21), addr).await;
    stalled
        .write_all(b"POST /v2/enroll HTTP/1.1\r\nHost: langso\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"code\":")
        .await
        .expect("partial body");
    assert!(closed_by_server(&mut stalled, Duration::from_secs(30)).await, "the stalled upload was ended");

    // And the server still answers.
    let answer = health.get(format!("{}/health", server.url)).send().await.expect("health answers");
    assert_eq!(answer.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_cannot_hold_every_connection() {
    let connections = ConnectionLimits { max_connections: 200, per_client: 50, ..Default::default() };
    let server = TestServer::builder().limits(ServerLimits { connections, ..Default::default() }).start().await;
    let addr = server.addr;
    let mut held = Vec::new();
    for _ in 0..500 {
        held.push(connect_from(loopback(1), addr).await);
    }
    // The health check comes from another address and is answered at once.
    let answer = http_from(loopback(2)).get(format!("{}/health", server.url)).send().await.expect("health");
    assert_eq!(answer.status(), 200);
    let mut closed = 0;
    for stream in &mut held {
        if closed_by_server(stream, Duration::from_millis(50)).await {
            closed += 1;
        }
    }
    assert!(closed >= 450, "connections beyond the address's share were closed at once: {closed}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_go_only_to_those_who_may_see_them() {
    let server = TestServer::builder().other_commune().start().await;
    let farmer = phone(&server, server.code(Role::Farmer)).await;
    let photo = jpeg(100 * 1024, 7);
    let hash = farmer.store.put_blob(&photo, "image/jpeg").expect("photo");
    let seller = person(&farmer.store, Role::Farmer, "Sùng Thị Dế");
    farmer.store.create_listing(&seller, &ListingInput { photos: vec![hash.clone()], ..honey() }).expect("listing");
    farmer.client.sync(&farmer.store).await.expect("sync");
    assert_eq!(server.storage().blob(&hash).expect("read").map(|(b, _)| b), Some(photo.clone()));

    let url = format!("{}/v2/blobs/{hash}", server.url);
    let http = reqwest::Client::new();
    let neighbour = phone(&server, server.code(Role::Villager)).await;
    let answer = http.get(&url).bearer_auth(token(&neighbour.store)).send().await.expect("get");
    assert_eq!(answer.status(), 200, "a device of the commune sees its listings' photos");
    assert_eq!(answer.headers()["x-content-type-options"], "nosniff");
    assert_eq!(answer.bytes().await.expect("bytes").to_vec(), photo);

    let outsider = phone(&server, server.other_commune_code()).await;
    let answer = http.get(&url).bearer_auth(token(&outsider.store)).send().await.expect("get");
    assert_eq!(answer.status(), 404, "another commune's device gets nothing");
    let answer = http.head(&url).bearer_auth(token(&outsider.store)).send().await.expect("head");
    assert_eq!(answer.status(), 404, "nor learns that the file exists");
    assert_eq!(answer.headers()["x-langso-received"], "0");

    // Lesson pictures are public to every enrolled device.
    let lesson_picture: String = Connection::open(server.snapshot().path())
        .expect("data")
        .query_row(
            "SELECT json_extract(s.value, '$.illustration') FROM lessons l, json_each(l.steps) s LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a lesson picture");
    let answer = http
        .get(format!("{}/v2/blobs/{lesson_picture}", server.url))
        .bearer_auth(token(&outsider.store))
        .send()
        .await
        .expect("get");
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["content-type"], "image/svg+xml");
    assert_eq!(answer.headers()["x-content-type-options"], "nosniff");
    assert!(answer.headers()["content-security-policy"].to_str().expect("csp").contains("sandbox"));
}

async fn put_chunk(server: &TestServer, token: &str, hash: &str, query: &str, body: Vec<u8>) -> reqwest::Response {
    reqwest::Client::new()
        .put(format!("{}/v2/blobs/{hash}?{query}", server.url))
        .bearer_auth(token)
        .body(body)
        .send()
        .await
        .expect("put")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scripts_and_pages_are_never_taken_as_pictures() {
    let server = TestServer::start().await;
    let farmer = phone(&server, server.code(Role::Farmer)).await;
    let token = token(&farmer.store);
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>fetch('/v2/pull')</script></svg>"#.to_vec();
    let html = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>".to_vec();
    for (what, bytes, mime) in [
        ("an SVG with a script", svg.clone(), "image/svg+xml"),
        ("the same SVG called a PNG", svg, "image/png"),
        ("HTML called a PNG", html.clone(), "image/png"),
        ("HTML called a JPEG", html, "image/jpeg"),
        (
            "a PNG called a JPEG",
            [&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..], &[0; 40]].concat(),
            "image/jpeg",
        ),
    ] {
        let hash = langso_core::replica::blob::hash(&bytes);
        let answer =
            put_chunk(&server, &token, &hash, &format!("offset=0&total={}&mime={mime}", bytes.len()), bytes).await;
        assert_eq!(answer.status(), 415, "{what}");
        assert_eq!(answer.headers()["x-content-type-options"], "nosniff", "{what}");
        assert!(server.storage().blob(&hash).expect("read").is_none(), "{what}: nothing stored");
    }
    assert_eq!(server.admin_sql("SELECT CAST(count(*) AS TEXT) FROM uploads").as_deref(), Some("0"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overflowing_offsets_and_cursors_are_refused() {
    let server = TestServer::start().await;
    let farmer = phone(&server, server.code(Role::Farmer)).await;
    let token = token(&farmer.store);
    let hash = "ab".repeat(32);
    let answer =
        put_chunk(&server, &token, &hash, "offset=18446744073709551615&total=100&mime=image/jpeg", vec![0xFF]).await;
    assert_eq!(answer.status(), 400);
    let http = reqwest::Client::new();
    for cursor in ["18446744073709551615", "9223372036854775808"] {
        let answer =
            http.get(format!("{}/v2/pull?cursor={cursor}", server.url)).bearer_auth(&token).send().await.expect("pull");
        assert_eq!(answer.status(), 400, "cursor {cursor}");
    }
    let answer = http.get(format!("{}/health", server.url)).send().await.expect("health");
    assert_eq!(answer.status(), 200, "the server is still up");
    assert_eq!(answer.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unfinished_uploads_have_a_quota_and_expire() {
    let server = TestServer::start().await;
    let farmer = phone(&server, server.code(Role::Farmer)).await;
    let token = token(&farmer.store);
    let total = langso_core::replica::blob::MAX_BLOB_BYTES;
    let chunk = jpeg(3 * 1024 * 1024, 1);
    let hashes: Vec<String> = (0..5u8).map(|i| format!("{:02x}", i + 1).repeat(32)).collect();
    let mut statuses = Vec::new();
    for hash in &hashes {
        let query = format!("offset=0&total={total}&mime=image/jpeg");
        statuses.push(put_chunk(&server, &token, hash, &query, chunk.clone()).await.status().as_u16());
    }
    assert_eq!(statuses, [202, 202, 202, 202, 413], "the fifth unfinished upload is over the quota");

    // A day later, the unfinished uploads are gone and the device may start again.
    server.admin_sql("UPDATE uploads SET touched_at = touched_at - 2 * 86400");
    let url = format!("{}/v2/blobs/{}", server.url, hashes[0]);
    let head = reqwest::Client::new().head(&url).bearer_auth(&token).send().await.expect("head");
    assert_eq!(head.headers()["x-langso-received"], "0", "the expired upload starts over");
    let query = format!("offset=0&total={total}&mime=image/jpeg");
    assert_eq!(put_chunk(&server, &token, &hashes[4], &query, chunk).await.status(), 202);
    let left = server.admin_sql("SELECT CAST(count(*) AS TEXT) FROM uploads");
    assert_eq!(left.as_deref(), Some("1"), "only the new one is kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_hash_reaches_neither_the_server_nor_a_volunteer() {
    let server = TestServer::start().await;
    let villager = phone(&server, server.code(Role::Villager)).await;
    let volunteer = phone(&server, server.code(Role::Volunteer)).await;
    let village =
        villager.store.villages(&villager.store.communes().expect("communes")[0].id).expect("villages")[0].id.clone();
    let mai = villager
        .store
        .create_profile(&NewProfile {
            pin: Some("1234".into()), ..new_profile(&village, Role::Villager, "Lò Thị Mai")
        })
        .expect("profile with a PIN");
    villager.client.sync(&villager.store).await.expect("sync");
    volunteer.client.sync(&volunteer.store).await.expect("sync");
    let pin_hash = |store: &langso_core::Store| store.row_value("profiles", &mai.id, "pin_hash").expect("read");
    assert!(server.snapshot().profile(&mai.id).expect("read").is_some(), "the profile itself syncs");
    assert_eq!(pin_hash(&server.snapshot()), Some(Value::Null), "no hash on the server");
    assert!(volunteer.store.profile(&mai.id).expect("read").is_some(), "the volunteer sees Mai");
    assert_eq!(pin_hash(&volunteer.store), Some(Value::Null), "no hash on the volunteer's device");
    villager.store.check_pin(&mai.id, "1234").expect("the PIN still opens the profile on her phone");

    // An old app that still pushes a hash is refused.
    let change = Change {
        table: "profiles".into(),
        row: mai.id.clone(),
        stamp: Stamp { hlc: u64::MAX >> 1, node: villager.store.node_id() },
        body: ChangeBody::Column {
            column: "pin_hash".into(),
            value: Value::from("$argon2id$v=19$m=19456,t=2,p=1$x$y"),
        },
    };
    let body = codec::encode(&signed_push(&villager.store, &[change], 1)).expect("encode");
    let answer = reqwest::Client::new()
        .post(format!("{}/v2/push", server.url))
        .bearer_auth(token(&villager.store))
        .body(body)
        .send()
        .await
        .expect("push");
    let ack: PushResponse = codec::decode(&answer.bytes().await.expect("body")).expect("decode");
    assert_eq!(ack.rejected.iter().map(|r| r.reason.as_str()).collect::<Vec<_>>(), ["reject-retired"]);
    assert_eq!(pin_hash(&server.snapshot()), Some(Value::Null));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_enrollment_whose_answer_was_lost_is_tried_again_by_the_devices_key() {
    let server = TestServer::start().await;
    let phone = langso_core::replica::identity::Identity::generate();
    let request = enroll_request_as(&phone, server.code(Role::Villager), "điện thoại của Mai");
    let http = reqwest::Client::new();
    // The first answer never reached the phone (the link was cut): it has no token.
    assert_eq!(enroll_raw(&http, &server, &request).await.status(), 200);
    let again = enroll_raw(&http, &server, &request).await;
    assert_eq!(again.status(), 200, "the same device, proven by its key, enrolls again");
    let token = again.json::<langso_sync::protocol::EnrollResponse>().await.expect("answer").device_token;
    assert!(server.service.device(&token).expect("device").is_some(), "and its new token works");
    // Someone else's key for that node is still refused.
    let other = EnrollRequest { node: request.node, ..enroll_request(server.code(Role::Villager), "kẻ gian") };
    assert_eq!(enroll_raw(&http, &server, &other).await.status(), 400);
}
