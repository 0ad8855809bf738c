//! Convergence across a real topology: the central server, a volunteer's hub, phones behind
//! the hub and devices talking to the server directly, writing at random and syncing in a
//! random order. At the end every replica that may see everything holds byte-identical data,
//! and every other replica holds exactly a subset of it.
//!
//! Each round draws its steps from a seed: 8 rounds of fresh seeds, or
//! `LANGSO_CONVERGENCE_ROUNDS` of them (as `scripts/long.sh` asks). Each round prints its
//! seed; `LANGSO_CONVERGENCE_SEED` draws that round's steps again, alone. A failing round is
//! shrunk to its fewest steps, and the others still run.

use langso_core::learning::topic::Topic;
use langso_core::market::listing::{ListingInput, ListingStatus};
use langso_core::role::Role;
use langso_core::training::attendance::Attendance;
use langso_core::training::session::SessionInput;
use langso_sync::client::Client;
use langso_testkit::{Device, TestHub, TestServer, round_seeds};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};

/// The variables that set the number of rounds and replay one round's seed.
const ROUNDS_VAR: &str = "LANGSO_CONVERGENCE_ROUNDS";
const SEED_VAR: &str = "LANGSO_CONVERGENCE_SEED";
/// Rounds when the environment does not ask for more.
const ROUNDS: usize = 8;

#[derive(Debug, Clone, Copy)]
enum Action {
    /// The farmer (behind the hub) changes the price of the listing.
    FarmerPrice(i64),
    /// The official (at the server) renames it.
    OfficialName(u8),
    /// The villager (behind the hub) takes a lesson step.
    VillagerLearns(u8),
    /// The volunteer (at the server) marks the villager present, if it knows them yet.
    VolunteerMarks,
    FarmerSyncs,
    VillagerSyncs,
    HubSyncsUpstream,
    VolunteerSyncs,
    OfficialSyncs,
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        (1i64..900).prop_map(Action::FarmerPrice),
        any::<u8>().prop_map(Action::OfficialName),
        (0u8..4).prop_map(Action::VillagerLearns),
        Just(Action::VolunteerMarks),
        Just(Action::FarmerSyncs),
        Just(Action::VillagerSyncs),
        Just(Action::HubSyncsUpstream),
        Just(Action::VolunteerSyncs),
        Just(Action::OfficialSyncs),
    ]
}

async fn run(steps: Vec<Action>) {
    let server = TestServer::builder().code_uses(1_000).start().await;
    let server_url = server.url.clone();
    let hub = TestHub::start(&server).await;
    let hub_url = hub.url.clone();

    let farmer = Device::new();
    let farmer_client = farmer.enroll(&hub_url, &hub.create_code(Role::Farmer).expect("code")).await;
    let villager = Device::new();
    let villager_client = villager.enroll(&hub_url, &hub.create_code(Role::Villager).expect("code")).await;
    let volunteer = Device::new();
    let volunteer_client = volunteer.enroll(&server_url, server.code(Role::Volunteer)).await;
    let official = Device::new();
    let official_client = official.enroll(&server_url, server.code(Role::Official)).await;
    for (device, client) in [
        (&farmer, &farmer_client),
        (&villager, &villager_client),
        (&volunteer, &volunteer_client),
        (&official, &official_client),
    ] {
        device.sync_until_done(client).await;
    }

    let seller = farmer.person(Role::Farmer, "Sùng Thị Dế");
    let learner = villager.person(Role::Villager, "Lò Thị Mai");
    let teacher = volunteer.person(Role::Volunteer, "Vàng Văn Dũng");
    let input = ListingInput {
        name: "Chè Shan Tuyết".into(),
        price_dong: 300_000,
        unit: "kg".into(),
        quantity: Some(10),
        contact_phone: "0987654321".into(),
        ..ListingInput::default()
    };
    let listing = farmer.store.create_listing(&seller, &input).expect("listing");
    farmer.store.set_listing_status(&listing.id, ListingStatus::Published).expect("publish");
    let village =
        volunteer.store.villages(&volunteer.store.communes().expect("communes")[0].id).expect("villages")[0].id.clone();
    let session = volunteer
        .store
        .create_session(
            &teacher,
            &SessionInput {
                village_id: village,
                title: "Thanh toán an toàn".into(),
                place: None,
                starts_at: 1_795_000_000_000,
                ends_at: 1_795_007_200_000,
                lessons: vec![],
                skills: vec![Topic::OnlinePayments],
            },
        )
        .expect("session");
    let lesson = villager.store.catalogue("vi").expect("catalogue")[0].id.clone();
    let sync = |device: &Device, client: &Client| {
        let (store, client) = (device.store.clone(), client.clone());
        async move { client.sync(&store).await.map(drop).expect("sync") }
    };

    for step in steps {
        match step {
            Action::FarmerPrice(k) => {
                if let Some(mut l) = farmer.store.listing(&listing.id).expect("read") {
                    l.input.price_dong = k * 1000;
                    farmer.store.edit_listing(&listing.id, &l.input).expect("price");
                }
            }
            Action::OfficialName(n) => {
                if let Some(mut l) = official.store.listing(&listing.id).expect("read") {
                    l.input.name = format!("Chè Shan Tuyết loại {n}");
                    official.store.edit_listing(&listing.id, &l.input).expect("name");
                }
            }
            Action::VillagerLearns(s) => villager.store.record_step(&learner, &lesson, u16::from(s)).expect("step"),
            Action::VolunteerMarks => {
                if volunteer.store.profile(&learner).expect("read").is_some() {
                    volunteer
                        .store
                        .mark_attendance(&session.id, &learner, Attendance::Present, &teacher)
                        .expect("mark");
                }
            }
            Action::FarmerSyncs => sync(&farmer, &farmer_client).await,
            Action::VillagerSyncs => sync(&villager, &villager_client).await,
            Action::HubSyncsUpstream => {
                hub.sync_upstream().await.expect("upstream");
            }
            Action::VolunteerSyncs => sync(&volunteer, &volunteer_client).await,
            Action::OfficialSyncs => sync(&official, &official_client).await,
        }
    }
    // Then everyone syncs until nothing moves.
    for _ in 0..3 {
        sync(&farmer, &farmer_client).await;
        sync(&villager, &villager_client).await;
        hub.sync_upstream().await.expect("upstream");
        sync(&volunteer, &volunteer_client).await;
        sync(&official, &official_client).await;
    }

    let on_server = server.snapshot().canonical_dump().expect("dump");
    assert_eq!(hub.store().canonical_dump().expect("dump"), on_server, "hub");
    assert_eq!(volunteer.store.canonical_dump().expect("dump"), on_server, "volunteer");
    assert_eq!(official.store.canonical_dump().expect("dump"), on_server, "official");
    for (who, device) in [("farmer", &farmer), ("villager", &villager)] {
        for line in device.store.canonical_dump().expect("dump").lines() {
            assert!(on_server.contains(line), "{who} holds what the server lacks: {line}");
        }
        assert_eq!(
            device.store.listing(&listing.id).expect("read"),
            server.snapshot().listing(&listing.id).expect("read"),
            "{who}"
        );
    }
    for (who, device, client) in [("farmer", &farmer, &farmer_client), ("villager", &villager, &villager_client)] {
        assert_eq!(device.store.waiting(client.peer()).expect("waiting"), 0, "{who} has nothing left to send");
    }
}

#[test]
fn server_hub_and_phones_converge_whatever_the_order() {
    let seeds = round_seeds(ROUNDS_VAR, SEED_VAR, ROUNDS, &[]);
    let mut failed = Vec::new();
    for (i, seed) in seeds.iter().enumerate() {
        println!("convergence round {}/{}: seed {seed} ({SEED_VAR}={seed} runs it again)", i + 1, seeds.len());
        let config =
            Config { cases: 1, failure_persistence: None, rng_seed: RngSeed::Fixed(*seed), ..Config::default() };
        let outcome = TestRunner::new(config).run(&prop::collection::vec(action(), 5..40), |steps| {
            let runtime =
                tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
            runtime.block_on(run(steps));
            Ok(())
        });
        if let Err(failure) = outcome {
            println!("convergence round with seed {seed} failed: {failure}");
            failed.push(*seed);
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} rounds failed, with the seeds {failed:?} ({SEED_VAR}=seed runs one again)",
        failed.len(),
        seeds.len()
    );
}

/// A phone that syncs both with the server directly and with a hub: its changes reach the
/// server by two paths, and are stored once, with no refusals.
#[test]
fn the_same_change_by_two_paths_is_one_change() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    runtime.block_on(async {
        let server = TestServer::builder().code_uses(1_000).start().await;
        let server_url = server.url.clone();
        let hub = TestHub::start(&server).await;
        let hub_url = hub.url.clone();

        let phone = Device::new();
        let direct = phone.enroll(&server_url, server.code(Role::Farmer)).await;
        let via_hub = phone.enroll(&hub_url, &hub.create_code(Role::Farmer).expect("code")).await;
        phone.sync_until_done(&direct).await;
        let seller = phone.person(Role::Farmer, "Sùng Thị Dế");
        let input = ListingInput {
            name: "Măng khô".into(),
            price_dong: 250_000,
            unit: "kg".into(),
            quantity: Some(8),
            contact_phone: "0987654321".into(),
            ..ListingInput::default()
        };
        let listing = phone.store.create_listing(&seller, &input).expect("listing");
        let direct_report = direct.sync(&phone.store).await.expect("direct");
        let hub_report = via_hub.sync(&phone.store).await.expect("via the hub");
        let upstream = hub.sync_upstream().await.expect("upstream");
        assert!(direct_report.rejected.is_empty() && hub_report.rejected.is_empty() && upstream.rejected.is_empty());
        let on_server = server.snapshot().canonical_dump().expect("dump");
        assert_eq!(on_server.matches(&format!("listings {}", listing.id)).count(), 1);
        assert_eq!(hub.store().canonical_dump().expect("dump"), on_server);
        assert_eq!(phone.store.waiting(direct.peer()).expect("waiting"), 0);
        assert_eq!(phone.store.waiting(via_hub.peer()).expect("waiting"), 0);
    });
}
