//! The authorization matrix: each role (and a device of another commune) tries each kind of
//! write; the server lets through exactly what the role may do and refuses the rest, change by
//! change, writing nothing for a refused one.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use langso_core::market::inquiry::NewInquiry;
use langso_core::market::listing::{ListingInput, ListingStatus};
use langso_core::replica::change::{Change, ChangeBody};
use langso_core::replica::clock::Stamp;
use langso_core::replica::value::Value;
use langso_core::role::Role;
use langso_sync::codec;
use langso_sync::protocol::PushResponse;
use langso_testkit::{Phone, TestServer, person, phone, signed_push, token};
use uuid::Uuid;

/// A device enrolled with one role, and what it pushes with.
struct Actor {
    name: &'static str,
    node: Uuid,
    token: String,
    phone: Phone,
}

fn now_hlc() -> u64 {
    let d = SystemTime::now().duration_since(UNIX_EPOCH).expect("time");
    (d.as_secs() << 32) | u64::from(d.subsec_nanos() >> 2)
}

fn column(actor: &Actor, table: &str, row: &str, values: &[(&str, Value)]) -> Vec<Change> {
    let stamp = Stamp { hlc: now_hlc(), node: actor.node };
    values
        .iter()
        .map(|(c, v)| Change {
            table: table.into(),
            row: row.into(),
            stamp,
            body: ChangeBody::Column { column: (*c).into(), value: v.clone() },
        })
        .collect()
}

fn fact(actor: &Actor, table: &str, values: &[(&str, Value)]) -> Vec<Change> {
    vec![Change {
        table: table.into(),
        row: Uuid::now_v7().to_string(),
        stamp: Stamp { hlc: now_hlc(), node: actor.node },
        body: ChangeBody::Fact {
            values: values.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect::<BTreeMap<_, _>>(),
        },
    }]
}

async fn push(url: &str, actor: &Actor, changes: Vec<Change>) -> bool {
    let body = codec::encode(&signed_push(&actor.phone.store, &changes, 1)).expect("encode");
    let answer = reqwest::Client::new()
        .post(format!("{url}/v2/push"))
        .bearer_auth(&actor.token)
        .body(body)
        .send()
        .await
        .expect("push");
    assert_eq!(answer.status(), 200);
    let ack: PushResponse = codec::decode(&answer.bytes().await.expect("body")).expect("decode");
    assert!(ack.rejected.iter().all(|r| r.reason == "reject-forbidden"), "{:?}", ack.rejected);
    ack.rejected.is_empty()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_may_do_exactly_what_it_should() {
    let server = TestServer::builder().other_commune().start().await;
    let url = server.url.clone();
    let (here, village) = (&server.seed.commune_id, &server.seed.village_id);

    let mut actors = Vec::new();
    for (name, code) in [
        ("villager", server.code(Role::Villager)),
        ("volunteer", server.code(Role::Volunteer)),
        ("farmer", server.code(Role::Farmer)),
        ("official", server.code(Role::Official)),
        ("outsider", server.other_commune_code()),
    ] {
        let phone = phone(&server, code).await;
        actors.push(Actor { name, node: phone.store.node_id(), token: token(&phone.store), phone });
    }
    let by = |name: &str| actors.iter().find(|a| a.name == name).expect("actor");

    // What already exists: the villager's profile, the farmer's published listing with an
    // inquiry from a buyer, and the volunteer's session.
    let learner = person(&by("villager").phone.store, Role::Villager, "Lò Thị Mai");
    let seller = person(&by("farmer").phone.store, Role::Farmer, "Lò Thị Mai");
    let listing = by("farmer")
        .phone
        .store
        .create_listing(
            &seller,
            &ListingInput {
                name: "Mật ong".into(),
                price_dong: 400_000,
                unit: "lít".into(),
                quantity: Some(3),
                contact_phone: "0987654321".into(),
                ..ListingInput::default()
            },
        )
        .expect("listing");
    by("farmer").phone.store.set_listing_status(&listing.id, ListingStatus::Published).expect("publish");
    for name in ["villager", "farmer"] {
        let a = &by(name).phone;
        a.client.sync(&a.store).await.expect("sync");
    }
    let inquiry = server.write_as_server(|store| {
        store
            .create_inquiry(&NewInquiry {
                listing_id: listing.id.clone(),
                buyer_name: "An".into(),
                buyer_phone: "0903123456".into(),
                quantity: 1,
                message: None,
            })
            .expect("inquiry")
    });
    let session = Uuid::now_v7().to_string();
    let session_row = |a: &Actor| {
        column(
            a,
            "training_sessions",
            &session,
            &[
                ("commune_id", Value::from(here.as_str())),
                ("village_id", Value::from(village.as_str())),
                ("volunteer_id", Value::from("v")),
                ("title", Value::from("Buổi học")),
                ("starts_at", Value::Int(1)),
                ("ends_at", Value::Int(2)),
                ("deleted", Value::Int(0)),
            ],
        )
    };
    assert!(push(&url, by("volunteer"), session_row(by("volunteer"))).await, "setup: the volunteer's session");

    type Attempt = Box<dyn Fn(&Actor) -> Vec<Change>>;
    let (h, v, l, i, p, s) =
        (here.clone(), village.clone(), listing.id.clone(), inquiry.id.clone(), learner.clone(), session.clone());
    let cases: Vec<(&str, Attempt, [bool; 5])> = vec![
        // villager, volunteer, farmer, official, outsider
        (
            "add a village",
            Box::new(move |a| {
                column(
                    a,
                    "villages",
                    &Uuid::now_v7().to_string(),
                    &[
                        ("commune_id", Value::from(h.as_str())),
                        ("name", Value::from("Thôn mới")),
                        ("deleted", Value::Int(0)),
                    ],
                )
            }),
            [false, false, false, true, false],
        ),
        (
            "rename the commune",
            {
                let h = here.clone();
                Box::new(move |a| column(a, "communes", &h, &[("name", Value::from("Xã đổi tên"))]))
            },
            [false, false, false, true, false],
        ),
        (
            "register a person",
            {
                let (h, v) = (here.clone(), v.clone());
                Box::new(move |a| {
                    column(
                        a,
                        "profiles",
                        &Uuid::now_v7().to_string(),
                        &[
                            ("commune_id", Value::from(h.as_str())),
                            ("village_id", Value::from(v.as_str())),
                            ("role", Value::from("villager")),
                            ("name", Value::from("Người mới")),
                            ("deleted", Value::Int(0)),
                        ],
                    )
                })
            },
            [true, true, true, true, false],
        ),
        (
            "correct the villager's profile",
            {
                let p = p.clone();
                Box::new(move |a| column(a, "profiles", &p, &[("household", Value::from("Hộ 5"))]))
            },
            [true, true, false, true, false],
        ),
        (
            "plan a session",
            {
                let h = here.clone();
                Box::new(move |a| {
                    column(
                        a,
                        "training_sessions",
                        &Uuid::now_v7().to_string(),
                        &[
                            ("commune_id", Value::from(h.as_str())),
                            ("title", Value::from("Buổi mới")),
                            ("deleted", Value::Int(0)),
                        ],
                    )
                })
            },
            [false, true, false, true, false],
        ),
        (
            "list a product",
            {
                let h = here.clone();
                Box::new(move |a| {
                    column(
                        a,
                        "listings",
                        &Uuid::now_v7().to_string(),
                        &[
                            ("commune_id", Value::from(h.as_str())),
                            ("name", Value::from("Gạo")),
                            ("deleted", Value::Int(0)),
                        ],
                    )
                })
            },
            [false, false, true, true, false],
        ),
        (
            "change the farmer's price",
            {
                let l = l.clone();
                Box::new(move |a| column(a, "listings", &l, &[("price_dong", Value::Int(1))]))
            },
            [false, false, true, true, false],
        ),
        (
            "answer the farmer's inquiry",
            {
                let i = i.clone();
                Box::new(move |a| column(a, "inquiries", &i, &[("status", Value::from("answered"))]))
            },
            [false, false, true, true, false],
        ),
        (
            "rewrite a buyer's inquiry",
            {
                let i = i.clone();
                Box::new(move |a| column(a, "inquiries", &i, &[("buyer_phone", Value::from("0900000000"))]))
            },
            [false, false, false, false, false],
        ),
        (
            "edit a lesson",
            Box::new(|a| column(a, "lessons", "01a20b0a-24aa-7d98-98d3-350c62d4dec3", &[("minutes", Value::Int(1))])),
            [false, false, false, false, false],
        ),
        (
            "record progress for the villager",
            {
                let p = p.clone();
                Box::new(move |a| {
                    fact(
                        a,
                        "lesson_progress",
                        &[
                            ("profile_id", Value::from(p.as_str())),
                            ("lesson_id", Value::from("l")),
                            ("lesson_version", Value::Int(1)),
                            ("kind", Value::from("step")),
                            ("at", Value::Int(1)),
                        ],
                    )
                })
            },
            [true, true, false, true, false],
        ),
        (
            "mark attendance",
            {
                let (s, p) = (s.clone(), p.clone());
                Box::new(move |a| {
                    fact(
                        a,
                        "attendance",
                        &[
                            ("session_id", Value::from(s.as_str())),
                            ("profile_id", Value::from(p.as_str())),
                            ("marked_by", Value::from("x")),
                            ("at", Value::Int(1)),
                        ],
                    )
                })
            },
            [false, true, false, true, false],
        ),
        (
            "check a skill",
            {
                let (s, p) = (s.clone(), p.clone());
                Box::new(move |a| {
                    fact(
                        a,
                        "skill_checks",
                        &[
                            ("session_id", Value::from(s.as_str())),
                            ("profile_id", Value::from(p.as_str())),
                            ("skill", Value::from("online-safety")),
                            ("checked_by", Value::from("x")),
                            ("at", Value::Int(1)),
                        ],
                    )
                })
            },
            [false, true, false, true, false],
        ),
    ];
    let names = ["villager", "volunteer", "farmer", "official", "outsider"];
    let mut failures = Vec::new();
    for (what, attempt, expected) in &cases {
        for (name, allowed) in names.iter().zip(expected) {
            let actor = by(name);
            let before = server.snapshot().canonical_dump().expect("dump");
            let accepted = push(&url, actor, attempt(actor)).await;
            if accepted != *allowed {
                failures.push(format!(
                    "{name} / {what}: expected {}, got {}",
                    if *allowed { "allowed" } else { "refused" },
                    if accepted { "allowed" } else { "refused" }
                ));
            }
            if !accepted {
                assert_eq!(
                    server.snapshot().canonical_dump().expect("dump"),
                    before,
                    "{name} / {what}: a refusal wrote something"
                );
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
