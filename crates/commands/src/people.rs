//! The start screen and a person's own data: create, open (with a PIN), correct, export and
//! delete a profile, and display preferences. Commands about a person act on the profile open
//! on this device, never on an id the page sends.

use langso_core::people::device_profiles::{Display, ProfileCard};
use langso_core::people::profile::{NewProfile, Profile, ProfileEdit};
use langso_core::replica::refusal::RefusalNote;
use langso_core::role::Role;
use serde::Serialize;
use ts_rs::TS;

use crate::person::check_pin;
use crate::{App, Failure, Result};

/// A village a profile can belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VillageChoice {
    pub id: String,
    pub name: String,
    pub commune_id: String,
    pub commune: String,
}

/// The person now using the device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Opened {
    pub profile: Profile,
    pub display: Display,
}

/// The open person's profile as this device holds it now, and, when the server refused this
/// device's last change to it, why (the profile is then back to the server's version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MyRecord {
    pub profile: Profile,
    pub refusal: Option<RefusalNote>,
}

/// Where an export was saved, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Exported {
    pub path: String,
    pub json: String,
}

impl App {
    fn open(&self, id: &str) -> Result<Opened> {
        self.store.remember_profile(id)?;
        let profile = self.store.profile(id)?.ok_or(Failure::NoProfile)?;
        self.person.open(id);
        Ok(Opened { display: self.store.display(id)?, profile })
    }

    pub async fn villages(&self) -> Result<Vec<VillageChoice>> {
        let mut choices = Vec::new();
        for commune in self.store.communes()? {
            for village in self.store.villages(&commune.id)? {
                choices.push(VillageChoice {
                    id: village.id,
                    name: village.name,
                    commune_id: commune.id.clone(),
                    commune: commune.name.clone(),
                });
            }
        }
        Ok(choices)
    }

    pub async fn device_profiles(&self) -> Result<Vec<ProfileCard>> {
        Ok(self.store.device_profiles()?)
    }

    /// Makes a profile and opens it. A volunteer's or official's profile only on a device
    /// enrolled in that role: the role is what lets a profile run sessions here.
    pub async fn create_profile(&self, profile: NewProfile) -> Result<Opened> {
        let staff = matches!(profile.role, Role::Volunteer | Role::Official);
        if staff && self.engine.status().role != Some(profile.role) {
            return Err(Failure::RoleNotEnrolled);
        }
        let created = self.store.create_profile(&profile)?;
        self.open(&created.id)
    }

    pub async fn open_profile(&self, id: String, pin: Option<String>) -> Result<Opened> {
        check_pin(&self.store, &id, pin.as_deref().unwrap_or_default())?;
        self.open(&id)
    }

    pub async fn close_profile(&self) -> Result<()> {
        self.person.close();
        Ok(())
    }

    pub async fn edit_profile(&self, edit: ProfileEdit) -> Result<Profile> {
        Ok(self.store.edit_profile(&self.person.require()?, &edit)?)
    }

    /// The open profile now: sync may have changed it, or taken back a refused change.
    pub async fn my_record(&self) -> Result<MyRecord> {
        let id = self.person.require()?;
        let profile = self.store.profile(&id)?.ok_or(Failure::NoProfile)?;
        Ok(MyRecord { profile, refusal: self.store.refusal("profiles", &id)? })
    }

    /// The person has read why their change was refused.
    pub async fn dismiss_refusal(&self) -> Result<()> {
        Ok(self.store.dismiss_refusal("profiles", &self.person.require()?)?)
    }

    /// Puts the open profile, made before this device joined a commune, in its village: from
    /// then on it and what its person learnt sync.
    pub async fn place_profile(&self, village_id: String) -> Result<Profile> {
        let placed = self.store.place_profile(&self.person.require()?, &village_id)?;
        self.engine.wake();
        Ok(placed)
    }

    /// Switches the low-literacy mode (everything read aloud) of the open person.
    pub async fn set_read_aloud(&self, on: bool) -> Result<Profile> {
        Ok(self.store.set_read_aloud(&self.person.require()?, on)?)
    }

    pub async fn set_pin(&self, pin: Option<String>) -> Result<()> {
        Ok(self.store.set_pin(&self.person.require()?, pin.as_deref())?)
    }

    pub async fn set_display(&self, display: Display) -> Result<Display> {
        Ok(self.store.set_display(&self.person.require()?, display)?)
    }

    /// Erases the person everywhere (through sync) and returns to the start screen.
    pub async fn delete_profile(&self) -> Result<()> {
        self.store.delete_profile(&self.person.require()?)?;
        self.person.close();
        Ok(())
    }

    /// Saves everything held about the person as JSON in the Downloads folder (or, where
    /// there is none, the app's data folder) and returns it to show on screen too.
    pub async fn export_profile(&self) -> Result<Exported> {
        let id = self.person.require()?;
        let export = self.store.export_profile(&id)?;
        let json = serde_json::to_string_pretty(&export).map_err(|e| Failure::Internal(e.to_string()))?;
        let path = self.save_folder().join(format!("langso-{}.json", &id[..8.min(id.len())]));
        std::fs::write(&path, &json).map_err(|source| Failure::SaveFailed { path: path.clone(), source })?;
        Ok(Exported { path: path.display().to_string(), json })
    }
}
