//! The profiles used on this (shared) device: its start screen, and each person's display
//! preferences. Local only, never synced.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::profile::profile_in;
use crate::time::now_ms;
use crate::validate::{Field, Invalid, Rule};
use crate::{Result, Store};

/// A picture on the start screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileCard {
    pub id: String,
    pub name: String,
    pub avatar: Option<String>,
    pub has_pin: bool,
    pub village: String,
}

/// How a person likes the screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Display {
    /// 0 normal, 1 large, 2 largest.
    pub text_size: u8,
    pub high_contrast: bool,
}

const TEXT_SIZES: u8 = 3;

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
                "SELECT p.id, p.name, p.avatar, p.pin_hash IS NOT NULL, coalesce(v.name, '')
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
}
