//! Who is using the shared device right now, and the guard on guessing a PIN.
//! Commands that read or write a person's data act on the profile opened here, never on an
//! id the page sends, so a PIN cannot be bypassed from the UI.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use langso_core::Store;

use crate::error::CommandError;

/// Wrong PINs allowed before the profile waits.
const PIN_TRIES: u32 = 5;
const PIN_WAIT: Duration = Duration::from_secs(60);

#[derive(Default)]
pub struct Person {
    current: Mutex<Option<String>>,
    wrong_pins: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Person {
    pub fn current(&self) -> Option<String> {
        self.current.lock().map(|c| c.clone()).unwrap_or_default()
    }

    /// The open profile, or the error asking the person to choose theirs.
    pub fn require(&self, store: &Store) -> Result<String, CommandError> {
        self.current().ok_or_else(|| CommandError::no_profile(store))
    }

    pub fn open(&self, profile_id: &str) {
        if let Ok(mut current) = self.current.lock() {
            *current = Some(profile_id.to_owned());
        }
        if let Ok(mut wrong) = self.wrong_pins.lock() {
            wrong.remove(profile_id);
        }
    }

    pub fn close(&self) {
        if let Ok(mut current) = self.current.lock() {
            *current = None;
        }
    }

    /// Seconds to wait before the next PIN try for `profile_id`, if it must wait.
    pub fn pin_wait(&self, profile_id: &str) -> Option<u64> {
        let wrong = self.wrong_pins.lock().ok()?;
        let (tries, last) = wrong.get(profile_id)?;
        let left = PIN_WAIT.checked_sub(last.elapsed())?;
        (*tries >= PIN_TRIES).then(|| left.as_secs().max(1))
    }

    pub fn wrong_pin(&self, profile_id: &str) {
        if let Ok(mut wrong) = self.wrong_pins.lock() {
            let entry = wrong.entry(profile_id.to_owned()).or_insert((0, Instant::now()));
            if entry.0 >= PIN_TRIES {
                *entry = (0, Instant::now());
            }
            entry.0 += 1;
            entry.1 = Instant::now();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_wrong_pins_make_the_profile_wait_and_the_right_one_clears_it() {
        let person = Person::default();
        for _ in 0..PIN_TRIES - 1 {
            person.wrong_pin("mai");
        }
        assert_eq!(person.pin_wait("mai"), None, "four mistakes are forgiven");
        person.wrong_pin("mai");
        let wait = person.pin_wait("mai").expect("the fifth makes her wait");
        assert!((1..=PIN_WAIT.as_secs()).contains(&wait));
        assert_eq!(person.pin_wait("dung"), None, "other profiles are not affected");
        person.open("mai");
        assert_eq!(person.pin_wait("mai"), None);
        assert_eq!(person.current().as_deref(), Some("mai"));
        person.close();
        assert_eq!(person.current(), None);
    }
}
