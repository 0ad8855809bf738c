//! Real devices (stores on temp files) syncing through the real server on a loopback port,
//! with the real client: enrollment, scoping, authorization, and hostile requests.

use std::time::{SystemTime, UNIX_EPOCH};

use langso_core::market::listing::{ListingInput, ListingStatus};
use langso_core::people::household::NewHousehold;
use langso_core::replica::change::{Change, ChangeBody};
use langso_core::replica::clock::Stamp;
use langso_core::replica::value::Value;
use langso_core::role::Role;
use langso_server::routes::{self, ServerLimits};
use langso_sync::SyncError;
use langso_sync::client::Client;
use langso_sync::codec;
use langso_sync::protocol::{EnrollRequest, PushResponse};
use langso_testkit::{Device, TestServer, app_phone, enroll_request, honey, person, phone, signed_push, token};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn devices_see_what_their_commune_and_role_allow() {
    let server = TestServer::builder().other_commune().start().await;
    let farmer = phone(&server, server.code(Role::Farmer)).await;
    let lessons = server.snapshot().catalogue("vi").expect("lessons").len();
    assert!(lessons >= 12);
    assert_eq!(farmer.store.catalogue("vi").expect("lessons").len(), lessons, "lessons arrive by ordinary pull");
    assert!(farmer.store.wanted_blobs().expect("wanted").is_empty(), "and their pictures and narration");
    let first = &farmer.store.catalogue("vi").expect("lessons")[0];
    let lesson = farmer.store.lesson(&first.id, "vi").expect("lesson").expect("exists");
    assert!(lesson.steps.iter().all(|s| s.illustration.is_some() && s.narration.is_some()));
    assert_eq!(farmer.store.communes().expect("communes").len(), 1, "only its own commune");

    let seller = person(&farmer.store, Role::Farmer, "Sùng Thị Dế");
    let listing = farmer.store.create_listing(&seller, &honey()).expect("listing");
    farmer.store.set_listing_status(&listing.id, ListingStatus::Published).expect("publish");
    let report = farmer.client.sync(&farmer.store).await.expect("sync");
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(farmer.store.waiting(farmer.client.peer()).expect("waiting"), 0);
    assert_eq!(server.snapshot().listing(&listing.id).expect("read").map(|l| l.status), Some(ListingStatus::Published));

    let volunteer = phone(&server, server.code(Role::Volunteer)).await;
    assert!(volunteer.store.listing(&listing.id).expect("read").is_some());
    assert!(volunteer.store.profile(&seller).expect("read").is_some(), "volunteers see the commune's people");

    let villager = phone(&server, server.code(Role::Villager)).await;
    assert!(villager.store.listing(&listing.id).expect("read").is_some(), "listings are public in the commune");
    assert!(villager.store.profile(&seller).expect("read").is_none(), "personal data stays with volunteers");
    let raw_dump = villager.store.canonical_dump().expect("dump");
    assert!(!raw_dump.contains("Sùng Thị Dế"));

    let outsider = phone(&server, server.other_commune_code()).await;
    assert!(outsider.store.listing(&listing.id).expect("read").is_none(), "another commune sees nothing of this one");
    assert_eq!(outsider.store.catalogue("vi").expect("lessons").len(), lessons);

    // A villager edits the farmer's listing locally: the server refuses it, one by one.
    let mut cheaper = villager.store.listing(&listing.id).expect("read").expect("listing").input;
    cheaper.price_dong = 1_000;
    villager.store.edit_listing(&listing.id, &cheaper).expect("local edit");
    let report = villager.client.sync(&villager.store).await.expect("sync");
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].reason, "reject-forbidden");
    assert_eq!(server.snapshot().listing(&listing.id).expect("read").expect("listing").input.price_dong, 450_000);
    assert_eq!(
        villager.store.waiting(villager.client.peer()).expect("waiting"),
        0,
        "a refused change is not re-sent forever"
    );

    // The farmer's own edit goes through and reaches the volunteer; nothing is echoed back.
    let mut edit = farmer.store.listing(&listing.id).expect("read").expect("listing").input;
    edit.price_dong = 420_000;
    farmer.store.edit_listing(&listing.id, &edit).expect("edit");
    farmer.client.sync(&farmer.store).await.expect("sync");
    let report = volunteer.client.sync(&volunteer.store).await.expect("sync");
    assert_eq!(volunteer.store.listing(&listing.id).expect("read").expect("listing").input.price_dong, 420_000);
    assert!(report.pulled > 0);
    let again = farmer.client.sync(&farmer.store).await.expect("sync");
    assert_eq!((again.pushed, again.pulled), (0, 0), "nothing to send, nothing echoed: {again:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_requests_are_refused_and_write_nothing() {
    let server = TestServer::start().await;
    let farmer = phone(&server, server.code(Role::Farmer)).await;
    let before = server.snapshot().canonical_dump().expect("dump");
    // No pooled connections: the server may close one early on an oversized body.
    let http = reqwest::Client::builder().pool_max_idle_per_host(0).build().expect("client");
    let token = token(&farmer.store);
    let push = |body: Vec<u8>, token: Option<&str>| {
        let mut request = http.post(format!("{}/v2/push", server.url)).body(body).header("accept-language", "en");
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        request.send()
    };

    // A forged origin: a change claiming another device wrote it.
    let forged = Change {
        table: "listings".into(),
        row: "01a20b0a-0000-7000-8000-0000000000f0".into(),
        stamp: Stamp { hlc: 1 << 40, node: uuid::Uuid::new_v4() },
        body: ChangeBody::Column { column: "name".into(), value: Value::from("giả mạo") },
    };
    let body = codec::encode(&signed_push(&farmer.store, &[forged], 1)).expect("encode");
    let answer = push(body.clone(), Some(&token)).await.expect("send");
    assert_eq!(answer.status(), 200);
    let ack: PushResponse = codec::decode(&answer.bytes().await.expect("body")).expect("decode");
    assert_eq!(ack.rejected.iter().map(|r| r.reason.as_str()).collect::<Vec<_>>(), ["reject-forged"]);

    let cases: Vec<(&str, Vec<u8>, Option<&str>, u16)> = vec![
        ("no token", body.clone(), None, 401),
        ("wrong token", body.clone(), Some("not-a-token"), 401),
        ("not zstd", b"{\"changes\": []}".to_vec(), Some(&token), 400),
        ("zstd of garbage", zstd::bulk::compress(b"\xff\xfe garbage", 3).expect("zstd"), Some(&token), 400),
        ("truncated", body[..body.len() / 2].to_vec(), Some(&token), 400),
        ("compression bomb", zstd::bulk::compress(&vec![0u8; 40 * 1024 * 1024], 19).expect("zstd"), Some(&token), 400),
        ("too large", vec![0u8; 5 * 1024 * 1024], Some(&token), 413),
    ];
    for (what, body, token, status) in cases {
        let answer = match push(body, token).await {
            Ok(answer) => answer,
            // The server may answer 413 and close before the client has finished sending.
            Err(e) if status == 413 && e.is_request() => continue,
            Err(e) => panic!("{what}: {e}"),
        };
        assert_eq!(answer.status().as_u16(), status, "{what}");
        let text = answer.text().await.expect("text");
        if status != 413 {
            assert!(!text.is_empty() && !text.contains('['), "{what}: {text}");
        }
    }
    assert_eq!(server.snapshot().canonical_dump().expect("dump"), before, "nothing was written");

    // A revoked device can no longer sync, and is told why.
    server.service.revoke_device(farmer.store.node_id()).expect("revoke");
    assert!(matches!(farmer.client.sync(&farmer.store).await, Err(SyncError::Revoked)));
    // A wrong join code is refused with its own error.
    let device = Device::empty();
    let store = device.store.clone();
    assert!(matches!(Client::enroll(&server.url, "WRONG-CODE", &store, "x").await, Err(SyncError::BadCode)));
}

#[test]
fn every_sync_and_server_message_exists_in_every_language() {
    use langso_core::Localizer;
    use langso_server::ServerError;
    let l10n = Localizer::embedded();
    let sync = [
        SyncError::Offline(String::new()),
        SyncError::Server { status: 500, message: String::new() },
        SyncError::Unauthorized,
        SyncError::BadCode,
        SyncError::Malformed(String::new()),
        SyncError::TooLarge,
    ];
    let server = [
        ServerError::BadCode,
        ServerError::Unauthorized,
        ServerError::RateLimited,
        ServerError::Malformed(String::new()),
        ServerError::UnknownCommune(String::new()),
        ServerError::NotStaff,
        ServerError::NotFound,
        ServerError::TooLarge,
        ServerError::NoFile,
        ServerError::Range,
    ];
    let ids = sync.iter().map(SyncError::message_id).chain(server.iter().map(ServerError::message_id));
    let cli = [
        "server-listening",
        "server-commune-created",
        "server-village-created",
        "server-code-created",
        "server-device-revoked",
        "server-device-unknown",
        "server-pack-published",
        "server-demo-ready",
        "cli-enrolled",
        "cli-not-enrolled",
        "cli-synced",
        "cli-status",
        "cli-hub-listening",
        "cli-hub-code",
        "reject-forbidden",
        "reject-forged",
    ];
    for id in ids.chain(cli) {
        for lang in l10n.languages() {
            assert!(l10n.has_message(lang, id), "{lang} lacks {id}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_enrollments_and_replayed_batches_change_nothing() {
    let server = TestServer::start().await;
    let http = reqwest::Client::new();
    let before = server.snapshot().canonical_dump().expect("dump");
    let enroll = |body: String| {
        http.post(format!("{}/v2/enroll", server.url)).header("content-type", "application/json").body(body).send()
    };
    let json = |request: &EnrollRequest| serde_json::to_string(request).expect("json");
    let valid = enroll_request("ABCD-EFGH", "x");
    for (what, body, status) in [
        ("not JSON", "{code: ".to_owned(), 400),
        ("wrong types", r#"{"code": 5, "node": "x", "device_name": []}"#.to_owned(), 400),
        ("missing fields", r#"{"code": "ABCD-EFGH"}"#.to_owned(), 400),
        ("nil node", json(&EnrollRequest { node: uuid::Uuid::nil(), ..valid.clone() }), 400),
        ("no key", json(&EnrollRequest { public_key: String::new(), ..valid.clone() }), 400),
        (
            "a proof by another key",
            json(&EnrollRequest { proof: enroll_request("ABCD-EFGH", "x").proof, ..valid }),
            400,
        ),
        ("SQL in the code", json(&enroll_request("x' OR '1'='1", "x")), 403),
    ] {
        let answer = enroll(body).await.expect("send");
        assert_eq!(answer.status().as_u16(), status, "{what}");
        assert!(!answer.text().await.expect("text").is_empty(), "{what}: a message explains it");
    }
    assert_eq!(server.snapshot().canonical_dump().expect("dump"), before);

    // A batch sent twice (a lost acknowledgement) is applied once.
    let farmer = phone(&server, server.code(Role::Farmer)).await;
    let seller = person(&farmer.store, Role::Farmer, "Sùng Thị Dế");
    farmer.store.create_listing(&seller, &honey()).expect("listing");
    let page = farmer.store.own_changes_since(0, 1000).expect("log");
    let token = token(&farmer.store);
    let body = codec::encode(&signed_push(&farmer.store, &page.changes, page.cursor)).expect("encode");
    let mut acks = Vec::new();
    for _ in 0..2 {
        let answer = http
            .post(format!("{}/v2/push", server.url))
            .bearer_auth(&token)
            .body(body.clone())
            .send()
            .await
            .expect("push");
        acks.push(codec::decode::<PushResponse>(&answer.bytes().await.expect("body")).expect("decode"));
    }
    assert!(acks[0].applied > 0 && acks[0].rejected.is_empty());
    assert_eq!(acks[1].applied, 0, "the replay changed nothing");
    assert_eq!(acks[1].unchanged as usize, page.changes.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_blob_uploads_are_refused_and_store_nothing() {
    let server = TestServer::start().await;
    let farmer = phone(&server, server.code(Role::Farmer)).await;
    let token = token(&farmer.store);
    let http = reqwest::Client::new();
    // The start of a JPEG (what the server checks the type by), then anything.
    let bytes = [&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10][..], b"JFIF\0 the rest of a photo"].concat();
    let right = langso_core::replica::blob::hash(&bytes);
    let wrong = "ab".repeat(32);
    let put = |hash: String, query: String, body: Vec<u8>, token: Option<String>| {
        let mut request = http.put(format!("{}/v2/blobs/{hash}?{query}", server.url)).body(body);
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        request.send()
    };
    let total = bytes.len();
    for (what, hash, query, status, token) in [
        (
            "bytes that are not the hash",
            wrong.clone(),
            format!("offset=0&total={total}&mime=image/jpeg"),
            400,
            Some(token.clone()),
        ),
        ("too large", right.clone(), "offset=0&total=999999999&mime=image/jpeg".to_owned(), 413, Some(token.clone())),
        (
            "a type that is not media",
            right.clone(),
            format!("offset=0&total={total}&mime=text/html"),
            415,
            Some(token.clone()),
        ),
        ("a gap", right.clone(), format!("offset=5&total={total}&mime=image/jpeg"), 400, Some(token.clone())),
        (
            "a bad name",
            "..%2F..%2Fetc".to_owned(),
            format!("offset=0&total={total}&mime=image/jpeg"),
            400,
            Some(token.clone()),
        ),
        ("no token", right.clone(), format!("offset=0&total={total}&mime=image/jpeg"), 401, None),
    ] {
        let answer = put(hash, query, bytes.clone(), token).await.expect("send");
        assert_eq!(answer.status().as_u16(), status, "{what}");
    }
    assert!(server.storage().blob(&wrong).expect("read").is_none());
    assert!(server.storage().blob(&right).expect("read").is_none());
    let answer = put(right.clone(), format!("offset=0&total={total}&mime=image/jpeg"), bytes.clone(), Some(token))
        .await
        .expect("send");
    assert_eq!(answer.status(), 200, "the right bytes are taken");
    assert_eq!(server.storage().blob(&right).expect("read").map(|(b, _)| b), Some(bytes));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_that_floods_the_server_is_slowed_down() {
    let server = TestServer::builder().limits(ServerLimits::default()).start().await;
    let farmer = app_phone(&server, server.code(Role::Farmer)).await;
    let token = token(&farmer.store);
    let http = reqwest::Client::new();
    let mut statuses = Vec::new();
    for _ in 0..routes::REQUESTS_PER_MINUTE + 5 {
        let answer =
            http.get(format!("{}/v2/pull?cursor=0", server.url)).bearer_auth(&token).send().await.expect("pull");
        statuses.push(answer.status().as_u16());
    }
    let ok = statuses.iter().filter(|s| **s == 200).count() as u32;
    assert!(ok < routes::REQUESTS_PER_MINUTE && ok + 10 > routes::REQUESTS_PER_MINUTE, "{ok} answered");
    assert!(statuses.iter().filter(|s| **s == 429).count() >= 5, "the rest get Too Many Requests");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_change_returns_to_the_servers_version_with_a_note_on_the_record() {
    let server = TestServer::start().await;
    let dế = phone(&server, server.code(Role::Farmer)).await;
    let seller = person(&dế.store, Role::Farmer, "Sùng Thị Dế");
    let honey_listing = dế.store.create_listing(&seller, &honey()).expect("listing");
    dế.store.set_listing_status(&honey_listing.id, ListingStatus::Published).expect("publish");
    dế.client.sync(&dế.store).await.expect("sync");

    // Another farmer's phone sees the published listing and edits its price: not its own.
    let other = phone(&server, server.code(Role::Farmer)).await;
    let mut input = other.store.listing(&honey_listing.id).expect("read").expect("pulled").input;
    input.price_dong = 1_000;
    other.store.edit_listing(&honey_listing.id, &input).expect("a local edit");
    let report = other.client.sync(&other.store).await.expect("sync");
    assert_eq!(report.rejected.iter().map(|r| r.reason.as_str()).collect::<Vec<_>>(), ["reject-forbidden"]);
    let back = other.store.listing(&honey_listing.id).expect("read").expect("still there");
    assert_eq!(back.input.price_dong, honey().price_dong, "the server's price is back");
    let note = other.store.refusal("listings", &honey_listing.id).expect("read").expect("a note on the listing");
    assert_eq!(note.reason, "reject-forbidden");
    assert_eq!(other.store.waiting(other.client.peer()).expect("waiting"), 0, "nothing left to send");

    // A phone whose clock ran two months ahead: its edit is refused, and so is a record it
    // makes, which the server never had.
    let path = dế.store.path().to_owned();
    let ahead = (SystemTime::now().duration_since(UNIX_EPOCH).expect("time").as_secs() + 60 * 86_400) << 32;
    rusqlite::Connection::open(&path)
        .expect("open")
        .execute("UPDATE replica SET last_hlc = ?1", [ahead as i64])
        .expect("clock ahead");
    let ahead_store = std::sync::Arc::new(langso_core::Store::open(&path).expect("reopen"));
    let mut input = ahead_store.listing(&honey_listing.id).expect("read").expect("listing").input;
    input.price_dong = 999_000;
    ahead_store.edit_listing(&honey_listing.id, &input).expect("a local edit");
    let new = ahead_store.create_listing(&seller, &ListingInput { name: "Chè Shan".into(), ..honey() }).expect("new");
    let report = dế.client.sync(&ahead_store).await.expect("sync");
    assert!(report.rejected.iter().all(|r| r.reason == "reject-clock"), "{:?}", report.rejected);
    assert!(!report.rejected.is_empty());
    let back = ahead_store.listing(&honey_listing.id).expect("read").expect("listing");
    assert_eq!(back.input.price_dong, honey().price_dong);
    assert_eq!(
        ahead_store.refusal("listings", &honey_listing.id).expect("read").map(|n| n.reason).as_deref(),
        Some("reject-clock")
    );
    assert!(ahead_store.listing(&new.id).expect("read").is_none(), "a record the server never took is gone");
    assert!(server.snapshot().listing(&new.id).expect("read").is_none());
    ahead_store.dismiss_refusal("listings", &honey_listing.id).expect("read it");
    assert!(ahead_store.refusal("listings", &honey_listing.id).expect("read").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nul_in_a_text_or_a_file_name_is_refused_not_a_server_failure() {
    let server = TestServer::start().await;
    let farmer = phone(&server, server.code(Role::Farmer)).await;
    let seller = person(&farmer.store, Role::Farmer, "Sùng Thị Dế");
    farmer.client.sync(&farmer.store).await.expect("sync");
    let change = Change {
        table: "profiles".into(),
        row: seller.clone(),
        stamp: Stamp {
            hlc: farmer.store.column_stamp("profiles", &seller, "name").expect("read").expect("made").hlc + 1,
            node: farmer.store.node_id(),
        },
        body: ChangeBody::Column { column: "name".into(), value: Value::from("Sùng\0Thị Dế") },
    };
    let http = reqwest::Client::new();
    let answer = http
        .post(format!("{}{}", server.url, langso_sync::protocol::paths::PUSH))
        .bearer_auth(token(&farmer.store))
        .body(codec::encode(&signed_push(&farmer.store, &[change], 1)).expect("encode"))
        .send()
        .await
        .expect("push");
    assert_eq!(answer.status(), 200);
    let ack: PushResponse = codec::decode(&answer.bytes().await.expect("body")).expect("decode");
    assert_eq!(ack.rejected.iter().map(|r| r.reason.as_str()).collect::<Vec<_>>(), ["reject-malformed"]);
    assert_eq!(server.snapshot().profile(&seller).expect("read").map(|p| p.name).as_deref(), Some("Sùng Thị Dế"));
    let file = http
        .get(format!("{}{}{}", server.url, langso_sync::protocol::paths::BLOBS, "ab%00cd"))
        .bearer_auth(token(&farmer.store))
        .send()
        .await
        .expect("get");
    assert_eq!(file.status(), 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn households_are_recorded_by_staff_and_seen_only_by_staff() {
    let server = TestServer::start().await;
    let village = server.seed.village_id.clone();
    let home =
        |head: &str| NewHousehold {
            village_id: village.clone(), head_name: head.into(), address: Some("Số 3".into())
        };

    // A villager's phone may not record a household: refused, and taken back on the phone.
    let villager = phone(&server, server.code(Role::Villager)).await;
    let theirs = villager.store.create_household(&home("Giàng A Páo")).expect("local household");
    let report = villager.client.sync(&villager.store).await.expect("sync");
    assert!(!report.rejected.is_empty() && report.rejected.iter().all(|r| r.reason == "reject-forbidden"));
    assert!(server.snapshot().household(&theirs.id).expect("read").is_none());
    assert!(villager.store.household(&theirs.id).expect("read").is_none(), "the phone took it back");

    // A volunteer's goes through, reaches an official, and stays hidden from villagers.
    let volunteer = phone(&server, server.code(Role::Volunteer)).await;
    let ours = volunteer.store.create_household(&home("Lò Văn Tú")).expect("household");
    let report = volunteer.client.sync(&volunteer.store).await.expect("sync");
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let official = phone(&server, server.code(Role::Official)).await;
    assert_eq!(official.store.household(&ours.id).expect("read").map(|h| h.head_name).as_deref(), Some("Lò Văn Tú"));
    villager.client.sync(&villager.store).await.expect("sync");
    assert!(villager.store.household(&ours.id).expect("read").is_none(), "a household's head is personal data");
    assert!(!villager.store.canonical_dump().expect("dump").contains("Lò Văn Tú"));
}
