//! The wire format: any changes survive packing, compression and back; malformed bodies are
//! refused, never panicked on.

use std::collections::BTreeMap;

use langso_core::replica::change::{Change, ChangeBody};
use langso_core::replica::clock::Stamp;
use langso_core::replica::identity::Identity;
use langso_core::replica::schema::{Kind, TABLES};
use langso_core::replica::value::Value;
use langso_sync::codec;
use langso_sync::envelope::Envelope;
use langso_sync::protocol::PushRequest;
use proptest::prelude::*;
use uuid::Uuid;

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![Just(Value::Null), any::<i64>().prop_map(Value::Int), "\\PC{0,40}".prop_map(Value::Text)]
}

fn change() -> impl Strategy<Value = Change> {
    (0..TABLES.len(), any::<u128>(), any::<u64>(), 0u128..4, any::<u8>(), value()).prop_map(
        |(t, row, hlc, node, column, v)| {
            let table = TABLES[t];
            let body = match table.kind {
                Kind::Entity => ChangeBody::Column {
                    column: table.columns[usize::from(column) % table.columns.len()].name.to_owned(),
                    value: v,
                },
                Kind::Fact => ChangeBody::Fact {
                    values: table.columns.iter().map(|c| (c.name.to_owned(), v.clone())).collect::<BTreeMap<_, _>>(),
                },
            };
            Change {
                table: table.name.to_owned(),
                row: Uuid::from_u128(row).to_string(),
                stamp: Stamp { hlc, node: Uuid::from_u128(node + 1) },
                body,
            }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn changes_survive_the_wire(changes in prop::collection::vec(change(), 0..40), cursor in any::<u64>()) {
        let identity = Identity::generate();
        let origin = identity.public_key().node();
        let envelope = Envelope::seal(&identity, origin, &changes).expect("seal");
        let request = PushRequest { envelopes: vec![envelope], devices: vec![], cursor };
        let body = codec::encode(&request).expect("encode");
        let back: PushRequest = codec::decode(&body).expect("decode");
        prop_assert_eq!(back.cursor, cursor);
        prop_assert!(back.envelopes[0].is_signed_by(&identity.public_key()));
        prop_assert_eq!(back.envelopes[0].changes().expect("unpack"), changes);
    }

    #[test]
    fn garbage_is_refused_not_panicked_on(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = codec::decode::<PushRequest>(&bytes);
        if let Ok(compressed) = zstd::bulk::compress(&bytes, 1)
            && let Ok(request) = codec::decode::<PushRequest>(&compressed)
        {
            for envelope in request.envelopes {
                let _ = envelope.changes();
            }
        }
    }
}

#[test]
fn small_changes_are_small_on_the_wire() {
    let node = Uuid::new_v4();
    let changes: Vec<Change> = (0..1000u64)
        .map(|i| Change {
            table: "listings".into(),
            row: Uuid::now_v7().to_string(),
            stamp: Stamp { hlc: (1 << 62) + i * 4096, node },
            body: ChangeBody::Column { column: "price_dong".into(), value: Value::Int(350_000 + i as i64) },
        })
        .collect();
    let identity = Identity::generate();
    let envelope = Envelope::seal(&identity, identity.public_key().node(), &changes).expect("seal");
    let body = codec::encode(&PushRequest { envelopes: vec![envelope], devices: vec![], cursor: 1 }).expect("encode");
    let per_change = body.len() as f64 / changes.len() as f64;
    println!("{per_change:.1} bytes per change on the wire");
    assert!(per_change < 60.0, "{per_change} bytes per change");
}
