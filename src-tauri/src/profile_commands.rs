//! Commands of the start screen and of a person's own data: create, open (with a PIN),
//! correct, export and delete a profile, and display preferences.

use std::path::PathBuf;
use std::sync::Arc;

use langso_core::Store;
use langso_core::people::device_profiles::{Display, ProfileCard};
use langso_core::people::profile::{NewProfile, Profile, ProfileEdit};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};

use crate::error::CommandError;
use crate::person::{self, Person};
use crate::startup::DataDir;

/// A village a profile can belong to.
#[derive(Debug, Serialize)]
pub struct VillageChoice {
    pub id: String,
    pub name: String,
    pub commune: String,
}

/// The person now using the device.
#[derive(Debug, Serialize)]
pub struct Opened {
    pub profile: Profile,
    pub display: Display,
}

/// Where an export was saved, and what it holds.
#[derive(Debug, Serialize)]
pub struct Exported {
    pub path: String,
    pub json: String,
}

fn opened(store: &Store, person: &Person, id: &str) -> Result<Opened, CommandError> {
    let fail = |e: langso_core::Error| CommandError::new(&e, store);
    store.remember_profile(id).map_err(fail)?;
    let profile = store.profile(id).map_err(fail)?.ok_or_else(|| CommandError::no_profile(store))?;
    person.open(id);
    Ok(Opened { display: store.display(id).map_err(fail)?, profile })
}

#[tauri::command]
pub async fn villages(store: State<'_, Arc<Store>>) -> Result<Vec<VillageChoice>, CommandError> {
    let fail = |e: langso_core::Error| CommandError::new(&e, &store);
    let mut choices = Vec::new();
    for commune in store.communes().map_err(fail)? {
        for village in store.villages(&commune.id).map_err(fail)? {
            choices.push(VillageChoice { id: village.id, name: village.name, commune: commune.name.clone() });
        }
    }
    Ok(choices)
}

#[tauri::command]
pub async fn device_profiles(store: State<'_, Arc<Store>>) -> Result<Vec<ProfileCard>, CommandError> {
    store.device_profiles().map_err(|e| CommandError::new(&e, &store))
}

#[tauri::command]
pub async fn create_profile(
    store: State<'_, Arc<Store>>,
    person: State<'_, Person>,
    profile: NewProfile,
) -> Result<Opened, CommandError> {
    let created = store.create_profile(&profile).map_err(|e| CommandError::new(&e, &store))?;
    opened(&store, &person, &created.id)
}

#[tauri::command]
pub async fn open_profile(
    store: State<'_, Arc<Store>>,
    person: State<'_, Person>,
    id: String,
    pin: Option<String>,
) -> Result<Opened, CommandError> {
    person::check_pin(&store, &id, pin.as_deref().unwrap_or_default())?;
    opened(&store, &person, &id)
}

#[tauri::command]
pub async fn close_profile(person: State<'_, Person>) -> Result<(), CommandError> {
    person.close();
    Ok(())
}

#[tauri::command]
pub async fn edit_profile(
    store: State<'_, Arc<Store>>,
    person: State<'_, Person>,
    edit: ProfileEdit,
) -> Result<Profile, CommandError> {
    let id = person.require(&store)?;
    store.edit_profile(&id, &edit).map_err(|e| CommandError::new(&e, &store))
}

#[tauri::command]
pub async fn set_pin(
    store: State<'_, Arc<Store>>,
    person: State<'_, Person>,
    pin: Option<String>,
) -> Result<(), CommandError> {
    let id = person.require(&store)?;
    store.set_pin(&id, pin.as_deref()).map_err(|e| CommandError::new(&e, &store))
}

#[tauri::command]
pub async fn set_display(
    store: State<'_, Arc<Store>>,
    person: State<'_, Person>,
    display: Display,
) -> Result<Display, CommandError> {
    let id = person.require(&store)?;
    store.set_display(&id, display).map_err(|e| CommandError::new(&e, &store))
}

/// Erases the person everywhere (through sync) and returns to the start screen.
#[tauri::command]
pub async fn delete_profile(store: State<'_, Arc<Store>>, person: State<'_, Person>) -> Result<(), CommandError> {
    let id = person.require(&store)?;
    store.delete_profile(&id).map_err(|e| CommandError::new(&e, &store))?;
    person.close();
    Ok(())
}

/// Saves everything held about the person as JSON in the Downloads folder (or, where there
/// is none, the app's data folder) and returns it to show on screen too.
#[tauri::command]
pub async fn export_profile(
    app: AppHandle,
    store: State<'_, Arc<Store>>,
    person: State<'_, Person>,
    data: State<'_, DataDir>,
) -> Result<Exported, CommandError> {
    let id = person.require(&store)?;
    let export = store.export_profile(&id).map_err(|e| CommandError::new(&e, &store))?;
    let json = serde_json::to_string_pretty(&export).map_err(|_| CommandError::internal(&store))?;
    let folder: PathBuf = app.path().download_dir().ok().filter(|d| d.is_dir()).unwrap_or_else(|| data.0.clone());
    let path = folder.join(format!("langso-{}.json", &id[..8.min(id.len())]));
    std::fs::write(&path, &json).map_err(|e| CommandError::save_failed(&path, &e, &store))?;
    Ok(Exported { path: path.display().to_string(), json })
}
