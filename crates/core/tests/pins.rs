//! A PIN guards a profile on the device where it is used, and its hash never leaves it: not
//! in the change log, the synced data or an export. Hashes older versions synced are moved
//! to the device and erased everywhere; a hash arriving from another replica is refused; the
//! wait after wrong PINs survives a restart.

mod common;

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHasher, SaltString};
use common::{copy_changes, new_profile, seed, temp_store};
use langso_core::Store;
use langso_core::people::device_profiles::{PIN_TRIES, PIN_WAIT};
use langso_core::replica::change::{Change, ChangeBody};
use langso_core::replica::clock::Stamp;
use langso_core::replica::merge::Rejection;
use langso_core::replica::schema::PROFILES;
use langso_core::replica::value::Value;
use langso_core::role::Role;
use uuid::Uuid;

const FILE: &str = "langso.sqlite3";

fn pin_hashes_in_log(store: &Store) -> Vec<Value> {
    store
        .changes_since(0, 10_000)
        .expect("changes")
        .changes
        .into_iter()
        .filter_map(|c| match c.body {
            ChangeBody::Column { column, value } if column == "pin_hash" && value != Value::Null => Some(value),
            _ => None,
        })
        .collect()
}

fn local_pin_rows(dir: &Path, profile_id: &str) -> (i64, i64) {
    let conn = rusqlite::Connection::open(dir.join(FILE)).expect("open");
    conn.query_row("SELECT count(*), count(pin_hash) FROM device_profiles WHERE profile_id = ?1", [profile_id], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .expect("device_profiles")
}

#[test]
fn a_pin_stays_on_the_device_and_never_reaches_the_log_the_synced_data_or_an_export() {
    let (dir, store) = temp_store();
    let c = seed(&store);
    let mut new = new_profile(&c.village, Role::Villager, "Giàng Thị Sua");
    new.pin = Some("2468".into());
    let sua = store.create_profile(&new).expect("created with a PIN");
    assert!(sua.has_pin);
    let cards = store.device_profiles().expect("start screen");
    assert_eq!(cards.iter().map(|c| (c.name.as_str(), c.has_pin)).collect::<Vec<_>>(), [("Giàng Thị Sua", true)]);

    store.check_pin(&sua.id, "2468").expect("the right PIN opens");
    assert!(matches!(store.check_pin(&sua.id, "1357"), Err(langso_core::Error::WrongPin)));
    store.set_pin(&c.villager.id, Some("9753")).expect("a PIN set later");
    assert!(store.profile(&c.villager.id).expect("read").expect("profile").has_pin);

    assert_eq!(pin_hashes_in_log(&store), Vec::<Value>::new(), "no change carries a hash");
    let dump = store.canonical_dump().expect("dump");
    // The dump's clocks are long numbers that may hold the digits 2468; a value is quoted.
    assert!(!dump.contains("$argon2") && !dump.contains("\"2468\""), "the synced data holds no hash");
    assert_eq!(store.row_value("profiles", &sua.id, "pin_hash").expect("read"), Some(Value::Null));
    let export = serde_json::to_string(&store.export_profile(&sua.id).expect("export")).expect("json");
    assert!(!export.contains("$argon2") && export.contains("\"has_pin\":true"), "{export}");

    // A replica that syncs everything gets the profile without its PIN.
    let (other_dir, other) = temp_store();
    let cursor = copy_changes(&store, &other, 0, 50);
    assert!(!other.profile(&sua.id).expect("read").expect("synced").has_pin);
    other.check_pin(&sua.id, "").expect("elsewhere there is no PIN to ask for");
    other.set_pin(&sua.id, Some("1357")).expect("Sua sets a PIN on a second phone too");

    store.delete_profile(&sua.id).expect("delete");
    assert_eq!(local_pin_rows(dir.path(), &sua.id), (0, 0), "deleting the profile deletes its hash here");
    copy_changes(&store, &other, cursor, 50);
    assert_eq!(local_pin_rows(other_dir.path(), &sua.id), (0, 0), "and, through sync, on the other phone");
}

/// Puts a store file back in the state the app before `04-local-pins` left it: that
/// migration and the later ones not run, and `profile_id`'s hash in the synced column, written with the same clock as
/// the rest of the row, as the old `create_profile` did.
fn as_before_local_pins(file: &Path, hashes: &[(&str, &str)]) {
    let conn = rusqlite::Connection::open(file).expect("open");
    conn.execute_batch(
        "ALTER TABLE communes DROP COLUMN household_target;
         DROP INDEX households_commune;
         DROP INDEX training_sessions_commune;
         DROP INDEX listings_commune;
         DROP INDEX inquiries_commune;
         DROP TABLE attendance_current;
         DROP TABLE skill_current;
         DROP TABLE learner_activity;
         DROP TABLE lesson_completions;
         DROP TABLE learner_months;
         DROP INDEX profiles_unplaced;
         ALTER TABLE profiles DROP COLUMN read_aloud;
         ALTER TABLE quiz_questions DROP COLUMN narration;
         DROP TABLE households;
         DROP INDEX profiles_household;
         DROP INDEX profiles_commune;
         DROP INDEX attendance_profile;
         DROP INDEX skill_checks_session;
         DROP INDEX lesson_progress_lesson;
         DROP INDEX lesson_progress_at;
         ALTER TABLE training_sessions DROP COLUMN cancelled_at;
         ALTER TABLE training_sessions DROP COLUMN cancel_reason;
         ALTER TABLE attendance DROP COLUMN status;
         ALTER TABLE skill_checks DROP COLUMN checked;
         DROP TABLE device_key;
         DROP TABLE relay_envelopes;
         DROP TABLE revoked_nodes;
         DROP TABLE refusals;
         ALTER TABLE change_log DROP COLUMN local;
         ALTER TABLE sync_peers DROP COLUMN relayed;
         ALTER TABLE device_profiles DROP COLUMN pin_hash;
         ALTER TABLE device_profiles DROP COLUMN wrong_pins;
         ALTER TABLE device_profiles DROP COLUMN pin_wait_until;
         PRAGMA user_version = 3;",
    )
    .expect("undo the migration");
    // `_clock` ends with one byte per column naming its stamp: pin_hash takes role's.
    let n = PROFILES.columns.len();
    let (pin, role) = (PROFILES.column_index("pin_hash").expect("pin"), PROFILES.column_index("role").expect("role"));
    for (id, hash) in hashes {
        let mut clock: Vec<u8> =
            conn.query_row("SELECT _clock FROM profiles WHERE id = ?1", [id], |r| r.get(0)).expect("clock");
        let refs = clock.len() - n;
        assert_eq!(clock[refs + pin], 0, "pin_hash unwritten so far");
        clock[refs + pin] = clock[refs + role];
        conn.execute(
            "UPDATE profiles SET pin_hash = ?2, _clock = ?3 WHERE id = ?1",
            rusqlite::params![id, hash, clock],
        )
        .expect("old hash");
    }
}

fn argon2_hash(pin: &str) -> String {
    Argon2::default().hash_password(pin.as_bytes(), &SaltString::generate(&mut OsRng)).expect("hash").to_string()
}

#[test]
fn hashes_an_older_version_synced_move_to_the_device_and_their_erasure_syncs_everywhere() {
    // Device A and a replica B that synced A's profiles, both on the old version.
    let (a_dir, a) = temp_store();
    let c = seed(&a);
    a.remember_profile(&c.villager.id).expect("Mai uses this device");
    let (b_dir, b) = temp_store();
    copy_changes(&a, &b, 0, 50);
    let created = a.column_stamp("profiles", &c.villager.id, "role").expect("stamp").expect("created");
    drop((a, b));
    let (mai, dung) = (argon2_hash("2468"), argon2_hash("1357"));
    let old = [(c.villager.id.as_str(), mai.as_str()), (c.volunteer.id.as_str(), dung.as_str())];
    as_before_local_pins(&a_dir.path().join(FILE), &old);
    as_before_local_pins(&b_dir.path().join(FILE), &old);

    let a = Store::open(&a_dir.path().join(FILE)).expect("A upgrades");
    let mai_profile = a.profile(&c.villager.id).expect("read").expect("Mai");
    assert!(mai_profile.has_pin, "Mai's PIN moved to the device she uses");
    a.check_pin(&c.villager.id, "2468").expect("and still opens her profile");
    assert!(matches!(a.check_pin(&c.villager.id, "0000"), Err(langso_core::Error::WrongPin)));
    assert!(
        !a.profile(&c.volunteer.id).expect("read").expect("Dũng").has_pin,
        "Dũng does not use A: his PIN is his device's"
    );
    for id in [&c.villager.id, &c.volunteer.id] {
        assert_eq!(a.row_value("profiles", id, "pin_hash").expect("read"), Some(Value::Null));
    }
    assert!(!a.canonical_dump().expect("dump").contains("$argon2"));
    assert_eq!(pin_hashes_in_log(&a), Vec::<Value>::new());

    // The erasures are A's changes, newer than the hashes, so every replica takes them.
    let erasures: Vec<Change> = a
        .changes_since(0, 10_000)
        .expect("changes")
        .changes
        .into_iter()
        .filter(|c| matches!(&c.body, ChangeBody::Column { column, .. } if column == "pin_hash"))
        .collect();
    assert_eq!(erasures.len(), 2, "{erasures:?}");
    assert!(erasures.iter().all(|e| e.stamp.node == a.node_id() && e.stamp > created));

    let seq = a.last_seq().expect("seq");
    drop(a);
    let a = Store::open(&a_dir.path().join(FILE)).expect("reopened");
    assert_eq!(a.last_seq().expect("seq"), seq, "a clean store opens without a change");

    // B erased its own copy on opening; after syncing both ways, and a fresh replica C
    // syncing from A, all hold the same data and no hash.
    let b = Store::open(&b_dir.path().join(FILE)).expect("B upgrades");
    let (_c_dir, fresh) = temp_store();
    copy_changes(&a, &b, 0, 7);
    copy_changes(&b, &a, 0, 7);
    copy_changes(&a, &fresh, 0, 7);
    let dump = a.canonical_dump().expect("dump");
    assert_eq!(dump, b.canonical_dump().expect("dump"));
    assert_eq!(dump, fresh.canonical_dump().expect("dump"));
    assert!(!dump.contains("$argon2"));
    assert_eq!(fresh.row_value("profiles", &c.villager.id, "pin_hash").expect("read"), Some(Value::Null));
}

#[test]
fn a_hash_arriving_from_another_replica_is_refused_and_changes_nothing() {
    let (_dir, store) = temp_store();
    let c = seed(&store);
    let created = store.column_stamp("profiles", &c.villager.id, "role").expect("stamp").expect("created");
    let newer = Stamp { hlc: created.hlc + 1, node: Uuid::from_u128(0x0707) };
    let change = |column: &str, value: Value| Change {
        table: "profiles".into(),
        row: c.villager.id.clone(),
        stamp: newer,
        body: ChangeBody::Column { column: column.into(), value },
    };
    let hash = change("pin_hash", Value::Text(argon2_hash("2468")));
    let (dump, seq) = (store.canonical_dump().expect("dump"), store.last_seq().expect("seq"));

    let report = store.apply(std::slice::from_ref(&hash)).expect("apply");
    assert_eq!(report.rejected, [(0, Rejection::Retired("pin_hash".into()))]);
    assert_eq!((report.applied, report.unchanged), (0, 0));
    assert_eq!(store.canonical_dump().expect("dump"), dump, "nothing changed");
    assert_eq!(store.last_seq().expect("seq"), seq, "nothing logged");
    assert_eq!(Rejection::Retired(String::new()).message_id(), "reject-retired");

    // The rest of a batch lands, and an erasure is an ordinary change.
    let report =
        store.apply(&[change("name", "Lò Thị Mai".into()), hash, change("pin_hash", Value::Null)]).expect("apply");
    assert_eq!(report.rejected, [(1, Rejection::Retired("pin_hash".into()))]);
    assert_eq!(report.applied, 2);
    assert_eq!(store.row_value("profiles", &c.villager.id, "pin_hash").expect("read"), Some(Value::Null));
    assert!(!store.profile(&c.villager.id).expect("read").expect("Mai").has_pin);
}

#[test]
fn wrong_pins_make_a_profile_wait_and_the_wait_survives_reopening_the_store() {
    let (dir, store) = temp_store();
    let c = seed(&store);
    store.set_pin(&c.villager.id, Some("2468")).expect("PIN");
    let mai = c.villager.id.as_str();
    let seq = store.last_seq().expect("seq");
    for _ in 0..PIN_TRIES - 1 {
        assert_eq!(store.record_wrong_pin(mai).expect("count"), None);
    }
    store.check_pin(mai, "2468").expect("the right PIN");
    for _ in 0..PIN_TRIES - 1 {
        assert_eq!(store.record_wrong_pin(mai).expect("count"), None, "the right PIN cleared the count");
    }
    assert_eq!(store.pin_wait(mai).expect("wait"), None);
    assert_eq!(store.record_wrong_pin(mai).expect("count"), Some(PIN_WAIT.as_secs()), "the fifth starts the wait");
    let wait = store.pin_wait(mai).expect("wait").expect("waits");
    assert!((1..=PIN_WAIT.as_secs()).contains(&wait));
    assert!(store.record_wrong_pin(mai).expect("count").is_some(), "a try during the wait does not end it");
    assert_eq!(store.pin_wait(&c.farmer.id).expect("wait"), None, "other profiles do not wait");
    assert_eq!(store.record_wrong_pin(&c.farmer.id).expect("count"), None, "and without a PIN nothing counts");
    assert_eq!(store.last_seq().expect("seq"), seq, "the count is local: no change is logged");

    drop(store);
    let store = Store::open(&dir.path().join(FILE)).expect("reopened");
    assert!(store.pin_wait(mai).expect("wait").is_some(), "the wait survives a restart");

    let conn = rusqlite::Connection::open(dir.path().join(FILE)).expect("open");
    let set_wait_until = |offset_ms: i64| {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).expect("after 1970").as_millis() as i64;
        conn.execute(
            "UPDATE device_profiles SET pin_wait_until = ?2 WHERE profile_id = ?1",
            rusqlite::params![mai, now + offset_ms],
        )
        .expect("move the wait")
    };
    set_wait_until(-1);
    assert_eq!(store.pin_wait(mai).expect("wait"), None, "the wait is over");
    assert_eq!(store.record_wrong_pin(mai).expect("count"), None, "and the count starts again");
    set_wait_until(24 * 3600 * 1000);
    assert_eq!(store.pin_wait(mai).expect("wait"), None, "a clock set back a day does not lock her out a day");
}
