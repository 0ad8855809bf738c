//! Trust through a hub: the batches a hub forwards carry their origin's signature, so a
//! malicious hub can neither alter a farmer's listing, nor write in the farmer's name, nor
//! slip in another commune's change, while the honest batches it forwards still land; and a
//! revoked phone is stopped by the server and by the hub. A lesson pack is published only
//! with its publisher's signature. Against the real server, through
//! the real hub code: the hub's kept batches are tampered with in its own store, as a
//! malicious hub's owner could, then its ordinary upstream sync sends them.

use langso_core::replica::change::ChangeBody;
use langso_core::replica::identity::Identity;
use langso_core::replica::relay::Relayed;
use langso_core::replica::value::Value;
use langso_core::role::Role;
use langso_server::ServerError;
use langso_sync::SyncError;
use langso_sync::envelope::{Envelope, sign_pack};
use langso_testkit::{Device, TestHub, TestServer, bundled_pack, honey_with_bank, person};

fn reasons(rejected: &[langso_sync::protocol::WireRejection]) -> Vec<&str> {
    let mut reasons: Vec<&str> = rejected.iter().map(|r| r.reason.as_str()).collect();
    reasons.dedup();
    reasons
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malicious_hub_cannot_alter_or_invent_a_farmers_changes_or_replay_another_communes() {
    let server = TestServer::builder().other_commune().start().await;
    let hub = TestHub::start(&server).await;

    // A farmer at the session lists honey with her bank account, through the hub.
    let farmer = Device::empty();
    let at_hub = farmer.enroll(&hub.url, &hub.create_code(Role::Farmer).expect("code")).await;
    at_hub.sync(&farmer.store).await.expect("first sync");
    let seller = person(&farmer.store, Role::Farmer, "Sùng Thị Dế");
    let input = honey_with_bank();
    let listing = farmer.store.create_listing(&seller, &input).expect("listing");
    at_hub.sync(&farmer.store).await.expect("to the hub");
    let kept = hub.store().relayed_for(&server.url, 10).expect("kept");
    let (_, registration) = kept.last().cloned().expect("the hub keeps the farmer's signed batch to forward");
    let genuine = Envelope::from_bytes(&registration.envelope).expect("read");

    // The hub's owner rewrites the bank account in the farmer's batch and signs it himself.
    let mut changes = genuine.changes().expect("changes");
    for change in &mut changes {
        if let ChangeBody::Column { column, value } = &mut change.body
            && column == "bank_account"
        {
            *value = Value::from("9999999999");
        }
    }
    let farmer_node = farmer.store.node_id();
    let hub_key = hub.store().identity();
    let altered = Envelope::seal(hub_key, farmer_node, &changes).expect("seal");
    // ...or changes one byte of it and leaves the signature.
    let mut flipped = genuine.to_bytes().expect("bytes");
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    // ...or invents a price change in her name.
    let mut invented = changes.iter().find(|c| c.table == "listings").cloned().expect("a listing change");
    invented.body = ChangeBody::Column { column: "price_dong".into(), value: Value::Int(1) };
    invented.stamp.hlc += 1 << 20;
    let invented = Envelope::seal(hub_key, farmer_node, &[invented]).expect("seal");
    // ...or replays what a volunteer of another commune sent to the server.
    let stranger = Device::empty();
    let (stranger_client, _) =
        langso_sync::client::Client::enroll(&server.url, server.other_commune_code(), &stranger.store, "máy lạ")
            .await
            .expect("enroll elsewhere");
    stranger_client.sync(&stranger.store).await.expect("sync elsewhere");
    let stranger_person = person(&stranger.store, Role::Villager, "Người Xã Khác");
    stranger_client.sync(&stranger.store).await.expect("sync elsewhere");
    let theirs = stranger.store.own_changes_since(0, 1000).expect("theirs").changes;
    let replayed = Envelope::seal(stranger.store.identity(), stranger.store.node_id(), &theirs).expect("seal");
    let stranger_registration = Relayed {
        origin: stranger.store.node_id(),
        role: Role::Villager,
        public_key: stranger.store.identity().public_key(),
        name: "máy lạ".into(),
        envelope: replayed.to_bytes().expect("bytes"),
    };
    for envelope in [altered.to_bytes().expect("bytes"), flipped, invented.to_bytes().expect("bytes")] {
        hub.store().keep_relayed(&Relayed { envelope, ..registration.clone() }).expect("keep");
    }
    hub.store().keep_relayed(&stranger_registration).expect("keep");

    let report = hub.sync_upstream().await.expect("the hub syncs");
    let reasons = reasons(&report.rejected);
    assert!(reasons.contains(&"reject-signature"), "{reasons:?}");
    assert!(reasons.contains(&"reject-unknown-device"), "{reasons:?}");
    assert!(reasons.iter().all(|r| ["reject-signature", "reject-unknown-device"].contains(r)), "{reasons:?}");

    // The honest batches in the same pushes landed; nothing forged did.
    let on_server = server.snapshot().listing(&listing.id).expect("read").expect("the farmer's listing landed");
    assert_eq!(on_server.input.bank_account.as_deref(), Some("0123456789"));
    assert_eq!(on_server.input.price_dong, input.price_dong);
    let other_commune_person = server.snapshot().profile(&stranger_person).expect("read");
    assert!(other_commune_person.is_some(), "the stranger's own push landed, in its own commune");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_met_through_a_hub_is_known_by_its_key_and_a_revoked_one_stops_everywhere() {
    let server = TestServer::start().await;
    let hub = TestHub::start(&server).await;
    let phone = Device::empty();
    let at_hub = phone.enroll(&hub.url, &hub.create_code(Role::Villager).expect("code")).await;
    at_hub.sync(&phone.store).await.expect("first sync");
    let mai = person(&phone.store, Role::Villager, "Lò Thị Mai");
    at_hub.sync(&phone.store).await.expect("to the hub");
    let report = hub.sync_upstream().await.expect("upstream");
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert!(server.snapshot().profile(&mai).expect("read").is_some(), "forwarded under the phone's own name");

    // Registered by the hub, the phone later enrolls at the commune office by its key.
    let (direct, answer) = langso_sync::client::Client::enroll(
        &server.url,
        server.code(Role::Villager),
        &phone.store,
        "điện thoại của Mai",
    )
    .await
    .expect("its key proves it is the phone the hub registered");
    assert_eq!(answer.role, Role::Villager);
    direct.sync(&phone.store).await.expect("syncs directly");

    // The phone is lost: the commune revokes it. A batch it left at the hub is refused upstream.
    person(&phone.store, Role::Villager, "Lò Văn Sinh");
    at_hub.sync(&phone.store).await.expect("to the hub, before the hub knows");
    assert!(server.service.revoke_device(phone.store.node_id()).expect("revoke"));
    let report = hub.sync_upstream().await.expect("upstream");
    assert_eq!(reasons(&report.rejected), ["reject-unknown-device"]);
    // The hub learnt of the revocation with that sync, and refuses the phone too.
    assert!(matches!(at_hub.sync(&phone.store).await, Err(SyncError::Revoked)));
    assert!(matches!(direct.sync(&phone.store).await, Err(SyncError::Revoked)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_lesson_pack_its_publisher_signed_is_published() {
    let server = TestServer::start().await;
    let pack = bundled_pack();
    assert!(langso_sync::envelope::pack_is_trusted(pack), "the bundled pack carries the publisher's signature");
    server.service.publish(pack).expect("the signed pack publishes again");

    // A lesson's text changed after signing (a tampered copy on a USB stick, say).
    let mut altered = pack.clone();
    altered.version += 1;
    altered.lessons[0].title.insert("vi".into(), "Bài học giả".into());
    assert!(matches!(server.service.publish(&altered), Err(ServerError::UnsignedPack)));
    // Signed, but by someone else.
    altered.signature = Some(sign_pack(&Identity::generate(), &altered).expect("sign"));
    assert!(matches!(server.service.publish(&altered), Err(ServerError::UnsignedPack)));
    let mut unsigned = pack.clone();
    unsigned.signature = None;
    assert!(matches!(server.service.publish(&unsigned), Err(ServerError::UnsignedPack)));
    let titles: Vec<String> =
        server.snapshot().catalogue("vi").expect("catalogue").into_iter().map(|l| l.title).collect();
    assert!(!titles.iter().any(|t| t == "Bài học giả"), "nothing of it reached the server");
}
