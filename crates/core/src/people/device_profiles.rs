//! The profiles used on this (shared) device: its start screen, each person's display
//! preferences, PIN hash and wrong PINs. Local only, never synced.

use std::time::Duration;

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::people::profile::profile_in;
use crate::replica::schema::{PROFILES, Table};
use crate::replica::store::Tx;
use crate::time::now_ms;
use crate::validate::{Field, Invalid, Rule};
use crate::{Result, Store};

/// A profile deleted, here or on another replica, leaves nothing on this device: not its PIN
/// hash, not its place on the start screen.
pub(crate) fn forget_if_deleted(tx: &Tx<'_>, table: &Table, id: &str) -> Result<()> {
    if table.name == PROFILES.name {
        tx.sql
            .prepare_cached(
                "DELETE FROM device_profiles WHERE profile_id = ?1
                 AND EXISTS (SELECT 1 FROM profiles WHERE id = ?1 AND deleted = 1)",
            )?
            .execute([id])?;
    }
    Ok(())
}

/// A picture on the start screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProfileCard {
    pub id: String,
    pub name: String,
    pub avatar: Option<String>,
    pub has_pin: bool,
    /// Empty while the profile has no village (made before the device joined a commune).
    pub village: String,
    /// It has a village: false for a profile made before the device joined a commune.
    pub placed: bool,
}

/// How a person likes the screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Display {
    /// 0 normal, 1 large, 2 largest.
    pub text_size: u8,
    pub high_contrast: bool,
}

const TEXT_SIZES: u8 = 3;

/// Wrong PINs in a row after which a profile must wait before the next try.
pub const PIN_TRIES: u32 = 5;
pub const PIN_WAIT: Duration = Duration::from_secs(60);

impl Store {
    /// Puts a profile on this device's start screen (or moves it first).
    pub fn remember_profile(&self, profile_id: &str) -> Result<()> {
        self.write(|tx| {
            profile_in(tx, profile_id)?;
            tx.sql.execute(
                "INSERT INTO device_profiles (profile_id, last_used_at) VALUES (?1, ?2)
                 ON CONFLICT (profile_id) DO UPDATE SET last_used_at = excluded.last_used_at",
                rusqlite::params![profile_id, now_ms()],
            )?;
            Ok(())
        })
    }

    /// The start screen: profiles used here, the most recent first.
    pub fn device_profiles(&self) -> Result<Vec<ProfileCard>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT p.id, p.name, p.avatar, d.pin_hash IS NOT NULL, coalesce(v.name, ''), p.village_id IS NOT NULL
                 FROM device_profiles d JOIN profiles p ON p.id = d.profile_id
                 LEFT JOIN villages v ON v.id = p.village_id
                 WHERE p.deleted = 0 AND p.name IS NOT NULL ORDER BY d.last_used_at DESC, p.name",
            )?;
            let cards = stmt.query_map([], |r| {
                Ok(ProfileCard {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    avatar: r.get(2)?,
                    has_pin: r.get(3)?,
                    village: r.get(4)?,
                    placed: r.get(5)?,
                })
            })?;
            Ok(cards.collect::<rusqlite::Result<_>>()?)
        })
    }

    pub fn display(&self, profile_id: &str) -> Result<Display> {
        self.read(|c| {
            let display = c
                .prepare_cached("SELECT text_size, high_contrast FROM device_profiles WHERE profile_id = ?1")?
                .query_row([profile_id], |r| Ok(Display { text_size: r.get(0)?, high_contrast: r.get(1)? }))
                .optional()?;
            Ok(display.unwrap_or_default())
        })
    }

    pub fn set_display(&self, profile_id: &str, display: Display) -> Result<Display> {
        if display.text_size >= TEXT_SIZES {
            return Err(Invalid::new(Field::TextSize, Rule::Range { min: 0, max: i64::from(TEXT_SIZES - 1) }).into());
        }
        self.remember_profile(profile_id)?;
        self.write(|tx| {
            tx.sql.execute(
                "UPDATE device_profiles SET text_size = ?2, high_contrast = ?3 WHERE profile_id = ?1",
                rusqlite::params![profile_id, display.text_size, display.high_contrast],
            )?;
            Ok(())
        })?;
        Ok(display)
    }

    /// Seconds before `profile_id` may try a PIN again, if it must wait.
    pub fn pin_wait(&self, profile_id: &str) -> Result<Option<u64>> {
        let until: Option<Option<i64>> = self.read(|c| {
            Ok(c.prepare_cached("SELECT pin_wait_until FROM device_profiles WHERE profile_id = ?1")?
                .query_row([profile_id], |r| r.get(0))
                .optional()?)
        })?;
        Ok(seconds_left(until.flatten()))
    }

    /// Counts a wrong PIN for `profile_id` and returns the seconds it must now wait, if it
    /// must: the last wrong PIN allowed starts the wait, and after the wait the count starts
    /// again. A try during the wait changes nothing.
    pub fn record_wrong_pin(&self, profile_id: &str) -> Result<Option<u64>> {
        self.write(|tx| {
            let found: Option<(u32, Option<i64>)> = tx
                .sql
                .prepare_cached("SELECT wrong_pins, pin_wait_until FROM device_profiles WHERE profile_id = ?1")?
                .query_row([profile_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            // Without a row there is no PIN here, so no PIN could be wrong.
            let Some((wrong, until)) = found else { return Ok(None) };
            if let Some(seconds) = seconds_left(until) {
                return Ok(Some(seconds));
            }
            let wrong = if wrong >= PIN_TRIES { 1 } else { wrong + 1 };
            let until = (wrong >= PIN_TRIES).then(|| now_ms() + wait_ms());
            tx.sql.execute(
                "UPDATE device_profiles SET wrong_pins = ?2, pin_wait_until = ?3 WHERE profile_id = ?1",
                rusqlite::params![profile_id, wrong, until],
            )?;
            Ok(until.map(|_| PIN_WAIT.as_secs()))
        })
    }
}

fn wait_ms() -> i64 {
    PIN_WAIT.as_millis() as i64
}

/// Whole seconds (rounded up) until `until`, if it is still to come.
fn seconds_left(until: Option<i64>) -> Option<u64> {
    let left = until.map_or(0, |until| until - now_ms());
    // More than a whole wait left means the clock was set back: the wait ends rather than
    // sticking for as long as the clock went back.
    (1..=wait_ms()).contains(&left).then(|| (left as u64).div_ceil(1000))
}
