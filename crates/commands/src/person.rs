//! Who is using the shared device right now, and the guard on guessing a PIN.
//! Commands that read or write a person's data act on the profile opened here, never on an
//! id the page sends, so a PIN cannot be bypassed from the UI.

use std::sync::Mutex;

use langso_core::Store;

use crate::error::{Failure, Result};

#[derive(Debug, Default)]
pub struct Person {
    current: Mutex<Option<String>>,
}

impl Person {
    pub fn current(&self) -> Option<String> {
        self.current.lock().map(|c| c.clone()).unwrap_or_default()
    }

    /// The open profile, or the error asking the person to choose theirs.
    pub fn require(&self) -> Result<String> {
        self.current().ok_or(Failure::NoProfile)
    }

    pub fn open(&self, profile_id: &str) {
        if let Ok(mut current) = self.current.lock() {
            *current = Some(profile_id.to_owned());
        }
    }

    pub fn close(&self) {
        if let Ok(mut current) = self.current.lock() {
            *current = None;
        }
    }
}

/// Checks the PIN typed to open `profile_id`. Five wrong PINs in a row make the profile wait a
/// minute; the count and the wait are kept in the store, so restarting the app does not reset
/// them, and the right PIN clears them.
pub fn check_pin(store: &Store, profile_id: &str, pin: &str) -> Result<()> {
    if let Some(seconds) = store.pin_wait(profile_id)? {
        return Err(Failure::PinWait(seconds));
    }
    match store.check_pin(profile_id, pin) {
        Err(wrong @ langso_core::Error::WrongPin) => match store.record_wrong_pin(profile_id)? {
            Some(seconds) => Err(Failure::PinWait(seconds)),
            None => Err(wrong.into()),
        },
        checked => Ok(checked?),
    }
}

#[cfg(test)]
mod tests {
    use langso_core::people::device_profiles::{PIN_TRIES, PIN_WAIT};
    use langso_core::people::profile::NewProfile;
    use langso_core::places::NewCommune;
    use langso_core::role::Role;
    use langso_testkit::new_profile;

    use super::*;

    fn code(result: Result<()>) -> &'static str {
        result.map_or_else(|e| e.localize("vi").code, |()| "ok")
    }

    #[test]
    fn five_wrong_pins_make_the_profile_wait_even_after_a_restart_and_the_right_one_clears_the_count() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("langso.sqlite3");
        let store = Store::open(&file).expect("store");
        let commune =
            store.create_commune(&NewCommune { name: "Xã Lũng Cú".into(), district: None, province: None });
        let village = store.create_village(&commune.expect("commune").id, "Thôn Lô Lô Chải").expect("village");
        let person = |name: &str, pin: &str| NewProfile {
            pin: Some(pin.into()),
            ..new_profile(&village.id, Role::Villager, name)
        };
        let mai = store.create_profile(&person("Lò Thị Mai", "2468")).expect("Mai").id;
        let dung = store.create_profile(&person("Vàng Văn Dũng", "1357")).expect("Dũng").id;

        for _ in 0..PIN_TRIES - 1 {
            assert_eq!(code(check_pin(&store, &mai, "0000")), "error-wrong-pin");
        }
        assert_eq!(code(check_pin(&store, &mai, "2468")), "ok", "four mistakes are forgiven");
        for _ in 0..PIN_TRIES - 1 {
            assert_eq!(code(check_pin(&store, &mai, "0000")), "error-wrong-pin", "the right PIN cleared the count");
        }
        assert_eq!(code(check_pin(&store, &mai, "0000")), "error-pin-wait", "the fifth makes her wait");
        let wait = store.pin_wait(&mai).expect("wait").expect("she waits");
        assert!((1..=PIN_WAIT.as_secs()).contains(&wait));
        assert_eq!(code(check_pin(&store, &mai, "2468")), "error-pin-wait", "even the right PIN waits");
        assert_eq!(code(check_pin(&store, &dung, "1357")), "ok", "other profiles are not affected");

        drop(store);
        let store = Store::open(&file).expect("reopened");
        assert_eq!(code(check_pin(&store, &mai, "2468")), "error-pin-wait", "a restart does not end the wait");
        assert!(store.pin_wait(&mai).expect("wait").is_some());
    }

    #[test]
    fn the_open_profile_is_remembered_until_closed() {
        let person = Person::default();
        person.open("mai");
        assert_eq!(person.current().as_deref(), Some("mai"));
        person.close();
        assert_eq!(person.current(), None);
    }
}
