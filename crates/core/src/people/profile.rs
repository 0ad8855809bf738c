//! People: villagers, volunteers, farmers and officials. Personal data is kept to the
//! minimum, only with recorded consent, and erased everywhere when a profile is deleted.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::people::household::{HouseholdChoice, resolve_household};
use crate::places::village_in;
use crate::replica::capture::new_id;
use crate::replica::schema::{LESSON_PROGRESS, PROFILES};
use crate::replica::store::Tx;
use crate::replica::value::Value;
use crate::role::Role;
use crate::time::now_ms;
use crate::validate::{self, Field, Invalid, Rule};
use crate::{Error, Result, Store};

const NAME_MAX: usize = 60;
const AVATAR_MAX: usize = 80;
const CONSENT_VERSION_MAX: usize = 40;
const OLDEST_BIRTH_YEAR: i64 = 1900;

/// What a person (or a volunteer for them) fills in to make a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewProfile {
    /// None only on a device that has not joined a commune yet: the person chooses their
    /// village once it has (see [`Store::place_profile`]).
    pub village_id: Option<String>,
    pub role: Role,
    pub name: String,
    /// The household's id (see `people::household`), or none.
    pub household: Option<String>,
    pub birth_year: Option<i64>,
    pub phone: Option<String>,
    pub avatar: Option<String>,
    /// Four digits, or none.
    pub pin: Option<String>,
    /// The version of the consent notice the person agreed to; no consent, no profile.
    pub consent_version: Option<String>,
    /// Everything read aloud (the low-literacy mode).
    #[serde(default)]
    pub read_aloud: bool,
}

/// The fields a person may correct later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProfileEdit {
    /// None keeps a profile that has no village yet without one.
    pub village_id: Option<String>,
    pub name: String,
    pub household: Option<String>,
    pub birth_year: Option<i64>,
    pub phone: Option<String>,
    pub avatar: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Profile {
    pub id: String,
    /// None (with the village) for a profile made before this device joined a commune.
    pub commune_id: Option<String>,
    pub village_id: Option<String>,
    pub role: Role,
    pub name: String,
    pub household: Option<String>,
    /// The household as people know it: its head's name and address.
    pub household_name: Option<String>,
    pub birth_year: Option<i64>,
    pub phone: Option<String>,
    pub avatar: Option<String>,
    pub has_pin: bool,
    pub consent_at: i64,
    pub consent_version: String,
    pub read_aloud: bool,
}

const PROFILE_COLUMNS: &str = "id, commune_id, village_id, role, name, household, birth_year, phone, avatar,
    EXISTS (SELECT 1 FROM device_profiles d WHERE d.profile_id = profiles.id AND d.pin_hash IS NOT NULL),
    consent_at, consent_version,
    (SELECT h.head_name || coalesce(', ' || h.address, '') FROM households h
      WHERE h.id = profiles.household AND h.deleted = 0),
    coalesce(read_aloud, 0)";
/// A profile is shown only once sync has brought all of its required fields. One without a
/// commune was made on this device before it joined one, and never left it.
const COMPLETE: &str = "deleted = 0 AND role IS NOT NULL AND name IS NOT NULL AND consent_at IS NOT NULL
    AND consent_version IS NOT NULL AND (commune_id IS NOT NULL AND village_id IS NOT NULL
      OR EXISTS (SELECT 1 FROM device_profiles d WHERE d.profile_id = profiles.id))";

fn profile_row(r: &Row<'_>) -> rusqlite::Result<Profile> {
    let role: String = r.get(3)?;
    Ok(Profile {
        id: r.get(0)?,
        commune_id: r.get(1)?,
        village_id: r.get(2)?,
        role: Role::parse(&role).unwrap_or(Role::Villager),
        name: r.get(4)?,
        household: r.get(5)?,
        birth_year: r.get(6)?,
        phone: r.get(7)?,
        avatar: r.get(8)?,
        has_pin: r.get(9)?,
        consent_at: r.get(10)?,
        consent_version: r.get(11)?,
        household_name: r.get(12)?,
        read_aloud: r.get(13)?,
    })
}

/// The personal fields, checked; shared by creating and editing.
struct Personal {
    name: String,
    birth_year: Option<i64>,
    phone: Option<String>,
    avatar: Option<String>,
}

fn check_personal(name: &str, birth_year: Option<i64>, phone: Option<&str>, avatar: Option<&str>) -> Result<Personal> {
    // An average Gregorian year is 31,556,952 seconds.
    let this_year = 1970 + now_ms() / 31_556_952_000;
    Ok(Personal {
        name: validate::text(Field::Name, name, NAME_MAX)?,
        birth_year: birth_year
            .map(|y| validate::range(Field::BirthYear, y, OLDEST_BIRTH_YEAR, this_year))
            .transpose()?,
        phone: validate::optional_phone(Field::Phone, phone)?,
        avatar: validate::optional_text(Field::Avatar, avatar, AVATAR_MAX)?,
    })
}

fn hash_pin(pin: &str) -> Result<String> {
    if pin.len() != 4 || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Invalid::new(Field::Pin, Rule::Pin).into());
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Schema(format!("PIN hashing failed: {e}")))
}

impl Store {
    pub fn create_profile(&self, new: &NewProfile) -> Result<Profile> {
        let checked = NewChecked::check(new)?;
        if new.village_id.is_none() && !self.peers()?.is_empty() {
            return Err(Invalid::new(Field::Village, Rule::Empty).into());
        }
        let household = match &new.household {
            Some(id) => HouseholdChoice::Existing { id: id.clone() },
            None => HouseholdChoice::None,
        };
        self.write(|tx| checked.insert(tx, &household))
    }

    /// Corrects a profile; only the fields that changed are written. Giving a village to a
    /// profile that had none places it (see [`Store::place_profile`]).
    pub fn edit_profile(&self, id: &str, edit: &ProfileEdit) -> Result<Profile> {
        let p = check_personal(&edit.name, edit.birth_year, edit.phone.as_deref(), edit.avatar.as_deref())?;
        self.write(|tx| {
            let before = profile_in(tx, id)?;
            let mut values = vec![
                ("name", p.name.as_str().into()),
                ("birth_year", p.birth_year.into()),
                ("phone", p.phone.clone().into()),
                ("avatar", p.avatar.clone().into()),
            ];
            match &edit.village_id {
                Some(village_id) => {
                    let village = village_in(tx, village_id)?;
                    if before.village_id.is_none() {
                        place(tx, &before, &village)?;
                    }
                    let household = household_of(tx, &village.id, edit.household.as_deref())?;
                    values.extend([
                        ("commune_id", village.commune_id.as_str().into()),
                        ("village_id", village.id.as_str().into()),
                        ("household", household.into()),
                    ]);
                }
                None if before.village_id.is_some() => return Err(Invalid::new(Field::Village, Rule::Empty).into()),
                None if edit.household.is_some() => {
                    return Err(Invalid::new(Field::Household, Rule::OtherVillage).into());
                }
                None => {}
            }
            tx.update_entity(&PROFILES, id, &values)?;
            profile_in(tx, id)
        })
    }

    /// Puts a profile in a village: the step a profile made before its device joined a
    /// commune takes once it has. Its progress keeps its times and syncs from then on.
    pub fn place_profile(&self, id: &str, village_id: &str) -> Result<Profile> {
        self.write(|tx| {
            let before = profile_in(tx, id)?;
            let village = village_in(tx, village_id)?;
            if before.village_id.is_none() {
                place(tx, &before, &village)?;
            } else {
                tx.update_entity(
                    &PROFILES,
                    id,
                    &[("commune_id", village.commune_id.as_str().into()), ("village_id", village.id.as_str().into())],
                )?;
            }
            profile_in(tx, id)
        })
    }

    /// The profiles on this device that have no village yet. They and what they learnt stay
    /// out of the outbox until they have one (see [`Store::outbox`]).
    pub fn unplaced_profiles(&self) -> Result<Vec<Profile>> {
        self.read(|c| {
            let sql =
                format!("SELECT {PROFILE_COLUMNS} FROM profiles WHERE commune_id IS NULL AND {COMPLETE} ORDER BY name");
            Ok(c.prepare_cached(&sql)?.query_map([], profile_row)?.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Switches the low-literacy mode of a profile on or off.
    pub fn set_read_aloud(&self, id: &str, on: bool) -> Result<Profile> {
        self.write(|tx| {
            profile_in(tx, id)?;
            tx.update_entity(&PROFILES, id, &[("read_aloud", Value::from(on))])?;
            profile_in(tx, id)
        })
    }

    /// Sets or (with `None`) removes a profile's PIN on this device, where it stays.
    pub fn set_pin(&self, id: &str, pin: Option<&str>) -> Result<()> {
        let hash = pin.filter(|p| !p.is_empty()).map(hash_pin).transpose()?;
        self.write(|tx| {
            profile_in(tx, id)?;
            save_pin(tx, id, hash.as_deref())
        })
    }

    /// Checks a PIN before switching to a profile; a profile without a PIN on this device
    /// opens freely. The right PIN clears the count of wrong ones.
    pub fn check_pin(&self, id: &str, pin: &str) -> Result<()> {
        let found: Option<(Option<String>, i64)> = self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT d.pin_hash, coalesce(d.wrong_pins, 0)
                 FROM profiles p LEFT JOIN device_profiles d ON d.profile_id = p.id
                 WHERE p.id = ?1 AND p.deleted = 0",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
        })?;
        let Some((hash, wrong_pins)) = found else {
            return Err(Invalid::new(Field::Profile, Rule::Unknown).into());
        };
        let Some(hash) = hash else { return Ok(()) };
        let parsed = PasswordHash::new(&hash).map_err(|_| Error::WrongPin)?;
        Argon2::default().verify_password(pin.as_bytes(), &parsed).map_err(|_| Error::WrongPin)?;
        if wrong_pins > 0 {
            self.write(|tx| {
                tx.sql.execute(
                    "UPDATE device_profiles SET wrong_pins = 0, pin_wait_until = NULL WHERE profile_id = ?1",
                    [id],
                )?;
                Ok(())
            })?;
        }
        Ok(())
    }

    /// Erases every PIN hash from the synced column, where app versions before
    /// `04-local-pins` kept them, as local changes: the erasure syncs to every replica like
    /// any change. Run at every open: once a store is clean the query finds nothing, and the
    /// merge refuses any hash that still arrives, so it stays clean.
    pub(crate) fn erase_synced_pins(&self) -> Result<()> {
        let select = |c: &rusqlite::Connection| -> Result<Vec<String>> {
            let mut stmt = c.prepare_cached("SELECT id FROM profiles WHERE pin_hash IS NOT NULL")?;
            Ok(stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
        };
        // Looked for first, so that a clean store opens without a write.
        if self.read(select)?.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            for id in select(&tx.sql)? {
                tx.write_entity(&PROFILES, &id, &[("pin_hash", Value::Null)])?;
            }
            Ok(())
        })
    }

    /// Deletes a profile: every personal field is erased, here and, through sync, on every
    /// replica. What the person learnt stays, attached to no one.
    pub fn delete_profile(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            profile_in(tx, id)?;
            let erased = ["name", "household", "birth_year", "phone", "avatar"].map(|c| (c, Value::Null));
            tx.write_entity(&PROFILES, id, &erased)?;
            tx.write_entity(&PROFILES, id, &[("deleted", 1.into())])
        })
    }

    pub fn profile(&self, id: &str) -> Result<Option<Profile>> {
        self.read(|c| {
            let sql = format!("SELECT {PROFILE_COLUMNS} FROM profiles WHERE id = ?1 AND {COMPLETE}");
            Ok(c.prepare_cached(&sql)?.query_row([id], profile_row).optional()?)
        })
    }

    /// The profiles of a village, by name.
    pub fn profiles(&self, village_id: &str) -> Result<Vec<Profile>> {
        self.read(|c| {
            let sql =
                format!("SELECT {PROFILE_COLUMNS} FROM profiles WHERE village_id = ?1 AND {COMPLETE} ORDER BY name");
            Ok(c.prepare_cached(&sql)?.query_map([village_id], profile_row)?.collect::<rusqlite::Result<_>>()?)
        })
    }
}

/// Keeps a profile's PIN hash (or none) on this device, putting the profile on its start
/// screen, and starts its count of wrong PINs afresh.
fn save_pin(tx: &Tx<'_>, id: &str, hash: Option<&str>) -> Result<()> {
    tx.sql
        .prepare_cached(
            "INSERT INTO device_profiles (profile_id, last_used_at, pin_hash) VALUES (?1, ?2, ?3)
             ON CONFLICT (profile_id) DO UPDATE SET pin_hash = excluded.pin_hash, wrong_pins = 0, pin_wait_until = NULL",
        )?
        .execute(rusqlite::params![id, now_ms(), hash])?;
    Ok(())
}

/// A new profile whose fields passed the checks that need no transaction.
pub(crate) struct NewChecked<'n> {
    new: &'n NewProfile,
    personal: Personal,
    consent_version: String,
    pin_hash: Option<String>,
}

impl<'n> NewChecked<'n> {
    pub(crate) fn check(new: &'n NewProfile) -> Result<NewChecked<'n>> {
        let personal = check_personal(&new.name, new.birth_year, new.phone.as_deref(), new.avatar.as_deref())?;
        let consent_version =
            validate::optional_text(Field::Consent, new.consent_version.as_deref(), CONSENT_VERSION_MAX)?
                .ok_or(Invalid::new(Field::Consent, Rule::Consent))?;
        let pin_hash = new.pin.as_deref().filter(|p| !p.is_empty()).map(hash_pin).transpose()?;
        Ok(NewChecked { new, personal, consent_version, pin_hash })
    }

    /// Writes the profile, in the household chosen (made now if it is new). A profile with
    /// no village (made before the device joined a commune) has no household either.
    pub(crate) fn insert(&self, tx: &mut Tx<'_>, household: &HouseholdChoice) -> Result<Profile> {
        let (new, p) = (self.new, &self.personal);
        let id = new_id();
        let (commune_id, village_id, household) = match &new.village_id {
            Some(village_id) => {
                let village = village_in(tx, village_id)?;
                let household = resolve_household(tx, &village.id, household)?;
                (Some(village.commune_id), Some(village.id), household)
            }
            None if *household != HouseholdChoice::None => {
                return Err(Invalid::new(Field::Household, Rule::OtherVillage).into());
            }
            None => (None, None, None),
        };
        tx.write_entity(
            &PROFILES,
            &id,
            &[
                ("commune_id", commune_id.into()),
                ("village_id", village_id.into()),
                ("role", new.role.as_str().into()),
                ("name", p.name.as_str().into()),
                ("household", household.into()),
                ("birth_year", p.birth_year.into()),
                ("phone", p.phone.clone().into()),
                ("avatar", p.avatar.clone().into()),
                ("consent_at", now_ms().into()),
                ("consent_version", self.consent_version.as_str().into()),
                ("deleted", 0.into()),
                ("read_aloud", Value::from(new.read_aloud)),
            ],
        )?;
        if self.pin_hash.is_some() || new.village_id.is_none() {
            save_pin(tx, &id, self.pin_hash.as_deref())?;
        }
        profile_in(tx, &id)
    }
}

/// Places a profile that has no village in `village`: every column is written again, so
/// that the whole profile travels in one change after everything the person did before,
/// and their progress facts are logged again after it, so that a push carries each after
/// the profile it belongs to. Safe because nothing of an unplaced profile was ever pushed.
fn place(tx: &mut Tx<'_>, before: &Profile, village: &crate::places::Village) -> Result<()> {
    let consent_version = before.consent_version.as_str();
    tx.write_entity(
        &PROFILES,
        &before.id,
        &[
            ("commune_id", village.commune_id.as_str().into()),
            ("village_id", village.id.as_str().into()),
            ("role", before.role.as_str().into()),
            ("name", before.name.as_str().into()),
            ("household", Value::Null),
            ("birth_year", before.birth_year.into()),
            ("phone", before.phone.clone().into()),
            ("avatar", before.avatar.clone().into()),
            ("consent_at", before.consent_at.into()),
            ("consent_version", consent_version.into()),
            ("deleted", 0.into()),
            ("read_aloud", Value::from(before.read_aloud)),
        ],
    )?;
    tx.relog_facts(&LESSON_PROGRESS, "profile_id", &before.id)
}

/// The household a profile of `village_id` names: none, or one of that village.
fn household_of(tx: &mut Tx<'_>, village_id: &str, household: Option<&str>) -> Result<Option<String>> {
    let choice = match household {
        Some(id) => HouseholdChoice::Existing { id: id.to_owned() },
        None => HouseholdChoice::None,
    };
    resolve_household(tx, village_id, &choice)
}

/// The live profile `id`, or an "unknown profile" error.
pub(crate) fn profile_in(tx: &Tx<'_>, id: &str) -> Result<Profile> {
    let sql = format!("SELECT {PROFILE_COLUMNS} FROM profiles WHERE id = ?1 AND {COMPLETE}");
    tx.sql
        .prepare_cached(&sql)?
        .query_row([id], profile_row)
        .optional()?
        .ok_or_else(|| Invalid::new(Field::Profile, Rule::Unknown).into())
}
