//! No data loss on crash: a child process writes in a loop and is killed with SIGKILL at a
//! random moment, over and over, on the same file. Every write it reported committed is
//! there afterwards, whole; nothing is half-written; the file passes integrity_check; and the
//! change log still holds every change.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{seed, tea};
use langso_core::Store;

const CHILD: &str = "LANGSO_CRASH_CHILD_DB";
const ROUNDS: usize = 12;

/// The child: writes listings, edits and progress facts until killed, printing each id
/// after its transaction committed.
fn write_until_killed(path: &str) -> ! {
    let store = Store::open(std::path::Path::new(path)).expect("child opens the store");
    let farmer = std::env::var("LANGSO_CRASH_FARMER").expect("farmer id");
    let villager = std::env::var("LANGSO_CRASH_VILLAGER").expect("villager id");
    let lesson = store.catalogue("vi").expect("catalogue")[0].id.clone();
    let mut n: i64 = 0;
    loop {
        n += 1;
        let mut input = tea();
        input.name = format!("Chè mẻ {n}");
        let listing = store.create_listing(&farmer, &input).expect("create");
        println!("listing {} {n}", listing.id);
        input.price_dong = 1000 + n;
        store.edit_listing(&listing.id, &input).expect("edit");
        println!("price {} {}", listing.id, 1000 + n);
        store.record_step(&villager, &lesson, (n % 4) as u16).expect("fact");
        println!("fact");
    }
}

fn pseudo_random_millis(round: usize) -> u64 {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    20 + (u64::from(nanos) ^ (round as u64 * 7919)) % 400
}

#[test]
fn a_writer_killed_at_random_moments_loses_nothing_it_committed() {
    if let Ok(path) = std::env::var(CHILD) {
        write_until_killed(&path);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("langso.sqlite3");
    let (farmer, villager) = {
        let store = Store::open(&path).expect("open");
        let c = seed(&store);
        (c.farmer.id, c.villager.id)
    };
    let mut committed_listings = BTreeSet::new();
    let mut committed_prices = Vec::new();
    let mut committed_facts = 0usize;
    for round in 0..ROUNDS {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args(["--exact", "a_writer_killed_at_random_moments_loses_nothing_it_committed", "--nocapture"])
            .env(CHILD, &path)
            .env("LANGSO_CRASH_FARMER", &farmer)
            .env("LANGSO_CRASH_VILLAGER", &villager)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the writer");
        let stdout = child.stdout.take().expect("stdout");
        let reader =
            std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).collect::<Vec<_>>());
        std::thread::sleep(Duration::from_millis(pseudo_random_millis(round)));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        for line in reader.join().expect("reader") {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts.as_slice() {
                ["listing", id, _] => {
                    committed_listings.insert((*id).to_owned());
                }
                ["price", id, price] => committed_prices.push(((*id).to_owned(), price.parse::<i64>().expect("price"))),
                ["fact"] => committed_facts += 1,
                _ => {}
            }
        }

        let store = Store::open(&path).expect("reopen after the kill");
        let integrity: String = {
            let conn = rusqlite::Connection::open(&path).expect("open");
            conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check")
        };
        assert_eq!(integrity, "ok", "round {round}");
        for id in &committed_listings {
            let listing =
                store.listing(id).expect("read").unwrap_or_else(|| panic!("round {round}: listing {id} lost"));
            assert!(listing.input.name.starts_with("Chè mẻ"), "whole row");
        }
        for (id, price) in &committed_prices {
            assert_eq!(store.listing(id).expect("read").expect("listing").input.price_dong, *price, "round {round}");
        }
        let dump = store.canonical_dump().expect("dump");
        let facts = dump.lines().filter(|l| l.starts_with("lesson_progress ")).count();
        assert!(facts >= committed_facts, "round {round}: {facts} facts stored, {committed_facts} committed");
        // Every row is complete: no listing row exists without the fields a create writes.
        let rows = dump.lines().filter(|l| l.starts_with("listings ")).count();
        assert_eq!(rows, store.listings_of(&farmer).expect("mine").len(), "round {round}: a half-written listing");
        // And the change log can hand every listing on to another replica.
        let (_other_dir, other) = common::temp_store();
        common::copy_changes(&store, &other, 0, 500);
        assert_eq!(other.canonical_dump().expect("dump"), dump, "round {round}: the log lost a change");
    }
    assert!(committed_listings.len() >= ROUNDS, "the writer made progress: {}", committed_listings.len());
}
