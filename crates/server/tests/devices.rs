//! An official's device manages its commune's devices and join codes over the API: lists
//! them (with when each last synced and its app version), revokes a lost phone (which then
//! cannot sync), makes and revokes codes. Every other device is refused, an official never
//! reaches another commune's devices or codes, and bad input changes nothing.

use std::time::{SystemTime, UNIX_EPOCH};

use langso_core::role::Role;
use langso_sync::SyncError;
use langso_sync::client::{Client, USER_AGENT};
use langso_sync::protocol::{DeviceEntry, refusals};
use langso_testkit::{Device, Phone, TestHub, TestServer, phone};
use uuid::Uuid;

fn now_secs() -> i64 {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).expect("time");
    i64::try_from(since.as_secs()).expect("seconds")
}

fn refused<T: std::fmt::Debug>(result: Result<T, SyncError>) -> &'static str {
    match result {
        Err(SyncError::Refused(id)) => id,
        other => panic!("expected a named refusal, got {other:?}"),
    }
}

fn entry(devices: &[DeviceEntry], node: Uuid) -> &DeviceEntry {
    devices.iter().find(|d| d.node == node).expect("listed")
}

/// The other commune's id, and an official's phone enrolled there.
async fn other_official(server: &TestServer) -> (String, Phone) {
    let other = server.service.communes().expect("communes").into_iter().find(|c| c.name == "Xã Sủng Là");
    let other = other.expect("a second commune").id;
    let code = server.service.create_code(&other, Role::Official).expect("code");
    (other, phone(server, &code).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_official_lists_and_revokes_the_communes_devices_and_nobody_else_may() {
    let server = TestServer::builder().other_commune().start().await;
    let started = now_secs();
    let official = phone(&server, server.code(Role::Official)).await;
    let villager = phone(&server, server.code(Role::Villager)).await;
    let volunteer = phone(&server, server.code(Role::Volunteer)).await;
    let (_, outsider) = other_official(&server).await;
    let (me, lost) = (official.store.node_id(), villager.store.node_id());

    // Every device of the commune, with when it last synced and the app it runs.
    let devices = official.client.devices().await.expect("listed");
    assert_eq!(devices.len(), 3, "the three phones of the commune, not the other commune's: {devices:?}");
    let listed = entry(&devices, lost);
    assert_eq!(listed.role, Role::Villager);
    assert!(listed.last_seen_at.is_some_and(|at| (started..=now_secs()).contains(&at)), "its first sync is seen");
    assert_eq!(listed.app_version.as_deref(), USER_AGENT.strip_prefix("langso/"));
    assert!(listed.revoked_at.is_none() && listed.registered_by.is_none() && listed.hub_name.is_none());
    assert_eq!(entry(&devices, me).role, Role::Official);

    // Other devices are refused, whatever they ask.
    for other in [&villager.client, &volunteer.client] {
        assert_eq!(refused(other.devices().await), refusals::NOT_OFFICIAL);
        assert_eq!(refused(other.revoke_device(me).await), refusals::NOT_OFFICIAL);
    }
    // Another commune's official sees only its own commune and cannot reach this one's.
    let theirs = outsider.client.devices().await.expect("its own commune");
    assert_eq!(theirs.iter().map(|d| d.node).collect::<Vec<_>>(), [outsider.store.node_id()]);
    assert_eq!(refused(outsider.client.revoke_device(lost).await), refusals::UNKNOWN_DEVICE);
    // Nobody revokes itself, nor a device that does not exist.
    assert_eq!(refused(official.client.revoke_device(me).await), refusals::OWN_DEVICE);
    assert_eq!(refused(official.client.revoke_device(Uuid::new_v4()).await), refusals::UNKNOWN_DEVICE);
    assert_eq!(official.client.devices().await.expect("listed"), devices, "the refusals changed nothing");
    villager.client.sync(&villager.store).await.expect("the villager still syncs");

    // The lost phone is revoked: it cannot sync any more, and revoking it again says so.
    let revoked_at = official.client.revoke_device(lost).await.expect("revoked");
    assert!(matches!(villager.client.sync(&villager.store).await, Err(SyncError::Revoked)));
    assert_eq!(refused(official.client.revoke_device(lost).await), refusals::DEVICE_ALREADY_REVOKED);
    let devices = official.client.devices().await.expect("listed");
    assert_eq!(entry(&devices, lost).revoked_at, Some(revoked_at));
    assert_eq!(devices.last().map(|d| d.node), Some(lost), "revoked devices come last");
    volunteer.client.sync(&volunteer.store).await.expect("the others still sync");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_official_makes_lists_and_revokes_the_communes_join_codes() {
    let server = TestServer::builder().other_commune().start().await;
    let official = phone(&server, server.code(Role::Official)).await;
    let volunteer = phone(&server, server.code(Role::Volunteer)).await;
    let (other_commune, outsider) = other_official(&server).await;

    // The commune's codes: the four the server was seeded with, the official's used up.
    let codes = official.client.codes().await.expect("codes");
    assert_eq!(codes.len(), 4);
    let used = codes.iter().find(|c| c.role == Role::Official).expect("the official's code");
    assert_eq!((used.uses, used.max_uses, used.revoked), (1, 1, false));

    // A farmer's code for 3 days and 5 phones, shown once; a phone joins with it.
    let made = official.client.make_code(Role::Farmer, 3, 5).await.expect("made");
    assert_eq!(made.code.len(), 9, "ABCD-EFGH: {}", made.code);
    assert_eq!((made.entry.role, made.entry.uses, made.entry.max_uses), (Role::Farmer, 0, 5));
    assert_eq!(made.entry.expires_at - made.entry.created_at, 3 * 86_400);
    let farmer = phone(&server, &made.code).await;
    assert_eq!(farmer.store.peer_role(&server.url).expect("role"), Some(Role::Farmer));
    let codes = official.client.codes().await.expect("codes");
    assert_eq!(codes.iter().find(|c| c.id == made.entry.id).map(|c| c.uses), Some(1), "used once");
    // An official may make a code for any role, an official's too.
    official.client.make_code(Role::Official, 1, 1).await.expect("an official's code");

    // Out of the limits: refused, and no code is made.
    for (days, uses) in [(0, 5), (91, 5), (5, 0), (5, 1_001)] {
        match official.client.make_code(Role::Villager, days, uses).await {
            Err(SyncError::Server { status: 400, .. }) => {}
            other => panic!("{days} days, {uses} uses: {other:?}"),
        }
    }
    assert_eq!(official.client.codes().await.expect("codes").len(), 6);
    // Others are refused; another commune's official works within its own commune only.
    assert_eq!(refused(volunteer.client.codes().await), refusals::NOT_OFFICIAL);
    assert_eq!(refused(volunteer.client.make_code(Role::Volunteer, 14, 10).await), refusals::NOT_OFFICIAL);
    assert_eq!(refused(volunteer.client.revoke_code(&made.entry.id).await), refusals::NOT_OFFICIAL);
    assert_eq!(refused(outsider.client.revoke_code(&made.entry.id).await), refusals::UNKNOWN_CODE);
    let theirs = outsider.client.make_code(Role::Villager, 7, 50).await.expect("their own code");
    assert!(server.service.codes(Some(&other_commune)).expect("codes").iter().any(|c| c.id == theirs.entry.id));
    assert!(!official.client.codes().await.expect("codes").iter().any(|c| c.id == theirs.entry.id));
    assert_eq!(refused(official.client.revoke_code(&theirs.entry.id).await), refusals::UNKNOWN_CODE);
    assert_eq!(refused(official.client.revoke_code("no-such-code").await), refusals::UNKNOWN_CODE);
    assert!(server.service.codes(None).expect("codes").iter().all(|c| !c.revoked), "nothing was revoked");

    // Revoked: it enrolls nobody more, the farmer who joined with it stays, and again says so.
    official.client.revoke_code(&made.entry.id).await.expect("revoked");
    assert_eq!(refused(official.client.revoke_code(&made.entry.id).await), refusals::CODE_ALREADY_REVOKED);
    let late = Device::new();
    let refused_enrollment = Client::enroll(&server.url, &made.code, &late.store, "late").await;
    assert!(matches!(refused_enrollment, Err(SyncError::BadCode)));
    farmer.client.sync(&farmer.store).await.expect("the farmer still syncs");
    assert!(official.client.codes().await.expect("codes").iter().any(|c| c.id == made.entry.id && c.revoked));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_a_hub_registered_is_listed_with_the_hubs_name_and_seen_is_written_sparingly() {
    let server = TestServer::start().await;
    let official = phone(&server, server.code(Role::Official)).await;
    let hub = TestHub::start(&server).await;
    let at_session = Device::new();
    let to_hub = at_session.enroll(&hub.url, &hub.create_code(Role::Villager).expect("code")).await;
    to_hub.sync(&at_session.store).await.expect("first sync, for the commune's villages");
    at_session.person(Role::Villager, "Lò Thị Mai");
    to_hub.sync(&at_session.store).await.expect("to the hub");
    hub.sync_upstream().await.expect("upstream");

    let devices = official.client.devices().await.expect("listed");
    let registered = entry(&devices, at_session.store.node_id());
    assert_eq!(registered.registered_by, Some(hub.store().node_id()));
    assert_eq!(registered.hub_name.as_deref(), Some("laptop"));
    assert!(registered.last_seen_at.is_none(), "it never pulled from the server itself");

    // A pull within a few minutes of the last one writes nothing; a stale one, or one from
    // another app version, does.
    let me = official.store.node_id();
    let seen = || async { entry(&official.client.devices().await.expect("listed"), me).clone() };
    let first = seen().await.last_seen_at.expect("seen at its first sync");
    server.admin_sql("UPDATE devices SET last_seen_at = 1000 WHERE role = 'official'");
    assert_eq!(seen().await.last_seen_at, Some(1000), "listing is no pull: nothing written");
    official.client.sync(&official.store).await.expect("sync");
    let now = seen().await.last_seen_at.expect("seen");
    assert!(now >= first, "a stale last sync is written again");
    server.admin_sql(&format!("UPDATE devices SET last_seen_at = {} WHERE role = 'official'", now - 60));
    official.client.sync(&official.store).await.expect("sync");
    assert_eq!(seen().await.last_seen_at, Some(now - 60), "a minute old: not written again");
    server.admin_sql("UPDATE devices SET app_version = '0.0.1' WHERE role = 'official'");
    official.client.sync(&official.store).await.expect("sync");
    let updated = seen().await;
    assert_eq!(updated.app_version.as_deref(), USER_AGENT.strip_prefix("langso/"), "a new version is written");
    assert!(updated.last_seen_at.is_some_and(|at| at >= now));
}
