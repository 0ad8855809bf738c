//! The device management commands on a plain test host against a real server on loopback: an
//! official's device lists the commune's devices and join codes, revokes a lost phone (which
//! then cannot sync), makes and revokes codes; any other device is refused before anything is
//! sent, bad input is refused, and with the server out of reach nothing changes.

use std::net::SocketAddr;
use std::sync::Arc;

use langso_commands::devices::CodeState;
use langso_commands::{App, Failure};
use langso_core::Store;
use langso_core::role::Role;
use langso_sync::SyncError;
use langso_testkit::{TestServer, phone};

struct Host {
    app: App,
    _dir: tempfile::TempDir,
}

fn host() -> Host {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(Store::open(&dir.path().join("langso.sqlite3")).expect("store"));
    let loopback = SocketAddr::from(([127, 0, 0, 1], 0));
    let app =
        App::new(store, dir.path().to_owned(), None, &tokio::runtime::Handle::current()).with_hub_address(loopback);
    Host { app, _dir: dir }
}

/// The code the UI would show for a refusal.
fn code<T: std::fmt::Debug>(result: Result<T, Failure>) -> &'static str {
    result.expect_err("refused").localize("vi").code
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_official_manages_the_communes_devices_from_the_app() {
    let server = TestServer::start().await;
    let official = host();
    let app = &official.app;
    app.enroll(server.url.clone(), server.code(Role::Official).to_owned()).await.expect("enrolled");
    let lost = phone(&server, server.code(Role::Villager)).await;
    let lost_node = lost.store.node_id().to_string();

    let devices = app.commune_devices().await.expect("devices");
    assert_eq!(devices.len(), 2);
    let me = devices.iter().find(|d| d.this_device).expect("this device is marked");
    assert_eq!((me.role, me.node.clone()), (Role::Official, app.store().node_id().to_string()));
    let phone_view = devices.iter().find(|d| d.node == lost_node).expect("the phone");
    assert!(!phone_view.this_device && !phone_view.via_hub && phone_view.revoked_at.is_none());
    assert!(phone_view.last_sync_at.is_some_and(|at| at >= phone_view.enrolled_at - 1_000), "times in ms");
    assert!(phone_view.enrolled_at > 1_000_000_000_000, "milliseconds: {}", phone_view.enrolled_at);
    assert!(phone_view.app_version.is_some());

    // Bad input is refused and revokes nothing.
    assert_eq!(code(app.revoke_device(me.node.clone()).await), "devices-error-own-device");
    assert_eq!(code(app.revoke_device("not a node".into()).await), "devices-error-unknown-device");
    assert_eq!(code(app.revoke_device(uuid_of_nobody()).await), "devices-error-unknown-device");
    assert_eq!(app.commune_devices().await.expect("devices"), devices, "nothing changed");

    // The lost phone is revoked: it cannot sync any more; revoking again says so.
    app.revoke_device(lost_node.clone()).await.expect("revoked");
    assert!(matches!(lost.client.sync(&lost.store).await, Err(SyncError::Revoked)));
    assert_eq!(code(app.revoke_device(lost_node.clone()).await), "devices-error-already-revoked");
    let devices = app.commune_devices().await.expect("devices");
    assert!(devices.iter().find(|d| d.node == lost_node).is_some_and(|d| d.revoked_at.is_some()));
    assert_eq!(devices.last().map(|d| d.node.clone()), Some(lost_node), "revoked last");
}

fn uuid_of_nobody() -> String {
    "01890a5d-ac96-774b-bcce-b302099a8057".into()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_official_makes_and_revokes_join_codes_from_the_app() {
    let server = TestServer::start().await;
    let official = host();
    let app = &official.app;
    app.enroll(server.url.clone(), server.code(Role::Official).to_owned()).await.expect("enrolled");

    let codes = app.join_codes().await.expect("codes");
    assert_eq!((codes.max_days, codes.max_uses), (90, 1_000));
    assert_eq!(codes.codes.len(), 4);
    assert!(codes.codes.iter().any(|c| c.role == Role::Official && c.state == CodeState::UsedUp));
    let villager_default = codes.defaults.iter().find(|d| d.role == Role::Villager).expect("a default");
    assert_eq!((villager_default.days, villager_default.uses), (14, 200));

    let made = app.make_join_code(Role::Volunteer, 7, 3).await.expect("made");
    assert!(made.code.len() == 9 && made.code.as_bytes()[4] == b'-', "ABCD-EFGH: {}", made.code);
    assert_eq!((made.listed.role, made.listed.max_uses, made.listed.state), (Role::Volunteer, 3, CodeState::Active));
    assert_eq!(made.listed.expires_at - made.listed.created_at, 7 * 86_400_000);
    let newcomer = phone(&server, &made.code).await;
    assert_eq!(newcomer.store.peer_role(&server.url).expect("role"), Some(Role::Volunteer));
    let listed = app.join_codes().await.expect("codes").codes;
    let used = listed.iter().find(|c| c.id == made.listed.id).expect("listed");
    assert_eq!((used.uses, used.state), (1, CodeState::Active), "used once, still open");

    for (days, uses) in [(0, 3), (91, 3), (7, 0), (7, 1_001)] {
        assert_eq!(code(app.make_join_code(Role::Villager, days, uses).await), "server-error-code-limits");
    }
    assert_eq!(code(app.revoke_join_code(String::new()).await), "devices-error-unknown-code");
    assert_eq!(code(app.revoke_join_code("nope".into()).await), "devices-error-unknown-code");
    assert_eq!(app.join_codes().await.expect("codes").codes, listed, "the refusals changed nothing");

    app.revoke_join_code(made.listed.id.clone()).await.expect("revoked");
    assert_eq!(code(app.revoke_join_code(made.listed.id.clone()).await), "devices-error-code-already-revoked");
    let codes = app.join_codes().await.expect("codes").codes;
    assert_eq!(codes.iter().find(|c| c.id == made.listed.id).map(|c| c.state), Some(CodeState::Revoked));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_an_official_device_may_and_offline_nothing_changes() {
    let server = TestServer::start().await;
    let check_refused = async |app: &App, why: &str| {
        assert_eq!(code(app.commune_devices().await), why);
        assert_eq!(code(app.revoke_device(uuid_of_nobody()).await), why);
        assert_eq!(code(app.join_codes().await), why);
        assert_eq!(code(app.make_join_code(Role::Villager, 14, 10).await), why);
        assert_eq!(code(app.revoke_join_code("abc".into()).await), why);
    };

    let nobody = host();
    check_refused(&nobody.app, "sync-error-unauthorized").await;
    for role in [Role::Villager, Role::Volunteer, Role::Farmer] {
        let other = host();
        other.app.enroll(server.url.clone(), server.code(role).to_owned()).await.expect("enrolled");
        check_refused(&other.app, "devices-error-not-official").await;
    }
    // Out of reach: the offline message, and on the server nothing changed.
    let away = host();
    away.app.store().save_peer_token("http://127.0.0.1:1", "a-token", Role::Official).expect("peer");
    check_refused(&away.app, "sync-error-offline").await;
    assert_eq!(server.service.codes(None).expect("codes").len(), 4);
}
