//! Merge is deterministic and order-independent: replicas that have seen the same changes,
//! in any order, any number of times, in any batches, hold identical data (compared through
//! the canonical dump).

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{seed, tea, temp_store};
use langso_core::Store;
use langso_core::market::listing::ListingStatus;
use langso_core::replica::change::{Change, ChangeBody};
use langso_core::replica::clock::Stamp;
use langso_core::replica::schema::{self, Column, ColumnType, Kind};
use langso_core::replica::value::Value;
use proptest::prelude::*;
use uuid::Uuid;

const NODES: [u128; 3] = [0x0101, 0x0202, 0x0303];
const ROWS: [u128; 4] = [
    0x01a2_0000_0000_7000_8000_0000_0000_0001,
    0x01a2_0000_0000_7000_8000_0000_0000_0002,
    0x01a2_0000_0000_7000_8000_0000_0000_0003,
    0x01a2_0000_0000_7000_8000_0000_0000_0004,
];
const TABLES: [&str; 3] = ["listings", "profiles", "attendance"];

fn value_for(column: &Column, pick: u8) -> Value {
    match (column.ty, pick % 4) {
        _ if column.retired => Value::Null,
        (ColumnType::Int, 0) if column.required => Value::Int(0),
        (_, 0) => Value::Null,
        (ColumnType::Int, n) => Value::Int(i64::from(n)),
        (ColumnType::Text, n) => Value::Text(["Chè", "Mật ong", "Gạo nếp"][usize::from(n) - 1].to_owned()),
    }
}

/// A random change; facts get content determined by their row id, as real facts (written
/// once, under a fresh id) always have.
fn change() -> impl Strategy<Value = Change> {
    (0..TABLES.len(), 0..ROWS.len(), any::<u8>(), any::<u8>(), 1u64..12, 0..NODES.len()).prop_map(
        |(t, r, column, pick, hlc, node)| {
            let table = schema::table(TABLES[t]).expect("table");
            let row = Uuid::from_u128(ROWS[r]).to_string();
            let stamp = Stamp { hlc, node: Uuid::from_u128(NODES[node]) };
            let body = match table.kind {
                Kind::Entity => {
                    let col = &table.columns[usize::from(column) % table.columns.len()];
                    ChangeBody::Column { column: col.name.to_owned(), value: value_for(col, pick) }
                }
                Kind::Fact => ChangeBody::Fact {
                    values: table
                        .columns
                        .iter()
                        .map(|c| (c.name.to_owned(), value_for(c, (r % 3) as u8 + 1)))
                        .collect(),
                },
            };
            Change { table: table.name.to_owned(), row, stamp, body }
        },
    )
}

/// Real replicas never reuse a change identity with other content, nor a fact id.
fn unique(changes: Vec<Change>) -> Vec<Change> {
    let mut seen = BTreeSet::new();
    let mut facts_seen = BTreeMap::new();
    changes
        .into_iter()
        .filter(|c| match &c.body {
            ChangeBody::Column { column, .. } => seen.insert((c.stamp, c.table.clone(), c.row.clone(), column.clone())),
            ChangeBody::Fact { .. } => *facts_seen.entry(c.row.clone()).or_insert(c.stamp) == c.stamp,
        })
        .collect()
}

fn apply_in_batches(store: &Store, changes: &[Change], batch: usize) {
    for chunk in changes.chunks(batch.max(1)) {
        let report = store.apply(chunk).expect("apply");
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_order_any_batches_any_repeats_give_identical_replicas(
        changes in prop::collection::vec(change(), 1..60).prop_map(unique),
        seed_order in any::<u64>(),
        batch_a in 1usize..20,
        batch_b in 1usize..20,
    ) {
        let mut shuffled = changes.clone();
        // A deterministic shuffle from the generated seed.
        let mut state = seed_order | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let mut repeated = shuffled.clone();
        repeated.extend(changes.iter().rev().cloned());

        let (_a_dir, a) = temp_store();
        let (_b_dir, b) = temp_store();
        apply_in_batches(&a, &changes, batch_a);
        apply_in_batches(&b, &repeated, batch_b);
        let dump = a.canonical_dump().expect("dump");
        prop_assert_eq!(&dump, &b.canonical_dump().expect("dump"));

        // Applying everything again is a no-op.
        let again = a.apply(&changes).expect("apply");
        prop_assert_eq!(again.applied, 0);
        prop_assert_eq!(dump, a.canonical_dump().expect("dump"));
    }
}

fn sync(from: &Store, to: &Store, cursor: u64) -> u64 {
    common::copy_changes(from, to, cursor, 7)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    /// Three real replicas edit the same listing and record facts concurrently, then sync
    /// pairwise in a random order, relaying for each other, until all have seen everything.
    #[test]
    fn replicas_that_edit_concurrently_converge_whatever_the_sync_order(
        edits in prop::collection::vec((0usize..3, 0u8..4, 1i64..500), 1..24),
        order in prop::collection::vec((0usize..3, 0usize..3), 4..30),
    ) {
        let (dumps, hits) = converge(&edits, &order);
        prop_assert_eq!(&dumps[0], &dumps[1]);
        prop_assert_eq!(&dumps[1], &dumps[2]);
        // The search index followed the merged rows too.
        prop_assert!(hits.iter().all(|h| *h == hits[0]));
    }
}

/// Runs the edits on three replicas, syncs them in `order` and then all pairs; returns each
/// replica's dump and how many search hits it finds for the listing.
fn converge(edits: &[(usize, u8, i64)], order: &[(usize, usize)]) -> (Vec<String>, Vec<usize>) {
    let dirs: Vec<_> = (0..3).map(|_| temp_store()).collect();
    let stores: Vec<&Store> = dirs.iter().map(|(_, s)| s).collect();
    let c = seed(stores[0]);
    let listing = stores[0].create_listing(&c.farmer.id, &tea()).expect("listing");
    let mut cursors = [[0u64; 3]; 3];
    for to in 1..3 {
        cursors[0][to] = sync(stores[0], stores[to], 0);
    }
    for (replica, what, amount) in edits {
        let store = stores[*replica];
        match what {
            0 => {
                let mut input = store.listing(&listing.id).expect("read").expect("listing").input;
                input.price_dong = amount * 1000;
                store.edit_listing(&listing.id, &input).expect("price");
            }
            1 => {
                let status = if amount % 2 == 0 { ListingStatus::Published } else { ListingStatus::SoldOut };
                store.set_listing_status(&listing.id, status).expect("status");
            }
            2 => store
                .record_step(&c.villager.id, &store.catalogue("vi").expect("catalogue")[0].id, (*amount % 4) as u16)
                .expect("step"),
            _ => {
                let mut input = store.listing(&listing.id).expect("read").expect("listing").input;
                input.name = format!("Chè Shan Tuyết loại {amount}");
                store.edit_listing(&listing.id, &input).expect("name");
            }
        }
    }
    for &(from, to) in order.iter().filter(|(f, t)| f != t) {
        cursors[from][to] = sync(stores[from], stores[to], cursors[from][to]);
    }
    // Then everyone talks to everyone until nothing moves.
    for _ in 0..2 {
        for from in 0..3 {
            for to in (0..3).filter(|t| *t != from) {
                cursors[from][to] = sync(stores[from], stores[to], cursors[from][to]);
            }
        }
    }
    let dumps: Vec<String> = stores.iter().map(|s| s.canonical_dump().expect("dump")).collect();
    let hits = stores.iter().map(|s| s.search("che shan", "vi", 10).expect("search").len()).collect();
    (dumps, hits)
}

/// A reader paging through the log must still get a column whose row was rewritten (and so
/// moved later in the log) before the reader reached it.
#[test]
fn a_reader_paging_past_a_moved_row_still_gets_every_column() {
    let (_a_dir, a) = temp_store();
    let (_b_dir, b) = temp_store();
    let c = seed(&a);
    let listing = a.create_listing(&c.farmer.id, &tea()).expect("listing");
    let base = sync(&a, &b, 0);
    let mut input = b.listing(&listing.id).expect("read").expect("listing").input;
    input.price_dong = 334_000;
    b.edit_listing(&listing.id, &input).expect("price on b");
    for step in 0..4 {
        a.record_step(&c.villager.id, &a.catalogue("vi").expect("catalogue")[0].id, step).expect("fact on a");
    }
    input.name = "Chè Shan Tuyết loại đặc biệt".into();
    input.price_dong = tea().price_dong;
    a.edit_listing(&listing.id, &input).expect("name on a");
    sync(&a, &b, base);
    // b's listing row now sits after its facts in b's log; page through it one entry at a time.
    common::copy_changes(&b, &a, 0, 1);
    let on_a = a.listing(&listing.id).expect("read").expect("listing").input;
    assert_eq!((on_a.price_dong, on_a.name.as_str()), (334_000, "Chè Shan Tuyết loại đặc biệt"));
    assert_eq!(a.canonical_dump().expect("dump"), b.canonical_dump().expect("dump"));
}
