//! Communes and their villages: the places every profile, session and listing belongs to.

use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::replica::capture::new_id;
use crate::replica::schema::{COMMUNES, VILLAGES};
use crate::replica::store::Tx;
use crate::validate::{self, Field, Invalid, Rule};
use crate::{Result, Store};

const PLACE_NAME_MAX: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commune {
    pub id: String,
    pub name: String,
    pub district: Option<String>,
    pub province: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCommune {
    pub name: String,
    pub district: Option<String>,
    pub province: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Village {
    pub id: String,
    pub commune_id: String,
    pub name: String,
}

fn commune_row(r: &Row<'_>) -> rusqlite::Result<Commune> {
    Ok(Commune { id: r.get(0)?, name: r.get(1)?, district: r.get(2)?, province: r.get(3)? })
}

fn village_row(r: &Row<'_>) -> rusqlite::Result<Village> {
    Ok(Village { id: r.get(0)?, commune_id: r.get(1)?, name: r.get(2)? })
}

impl Store {
    pub fn create_commune(&self, new: &NewCommune) -> Result<Commune> {
        let name = validate::text(Field::Commune, &new.name, PLACE_NAME_MAX)?;
        let district = validate::optional_text(Field::District, new.district.as_deref(), PLACE_NAME_MAX)?;
        let province = validate::optional_text(Field::Province, new.province.as_deref(), PLACE_NAME_MAX)?;
        let id = new_id();
        self.write(|tx| {
            tx.write_entity(
                &COMMUNES,
                &id,
                &[
                    ("name", name.as_str().into()),
                    ("district", district.clone().into()),
                    ("province", province.clone().into()),
                    ("deleted", 0.into()),
                ],
            )
        })?;
        Ok(Commune { id, name, district, province })
    }

    pub fn communes(&self) -> Result<Vec<Commune>> {
        self.read(|c| {
            let mut stmt =
                c.prepare_cached("SELECT id, name, district, province FROM communes WHERE deleted = 0 ORDER BY name")?;
            Ok(stmt.query_map([], commune_row)?.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Adds a village to a commune; two villages of one commune cannot share a name.
    pub fn create_village(&self, commune_id: &str, name: &str) -> Result<Village> {
        let name = validate::text(Field::Village, name, PLACE_NAME_MAX)?;
        let id = new_id();
        self.write(|tx| {
            if !tx.is_live(&COMMUNES, commune_id)? {
                return Err(Invalid::new(Field::Commune, Rule::Unknown).into());
            }
            check_unique_name(tx, commune_id, &name, None)?;
            tx.write_entity(
                &VILLAGES,
                &id,
                &[("commune_id", commune_id.into()), ("name", name.as_str().into()), ("deleted", 0.into())],
            )
        })?;
        Ok(Village { id, commune_id: commune_id.to_owned(), name })
    }

    pub fn rename_village(&self, id: &str, name: &str) -> Result<Village> {
        let name = validate::text(Field::Village, name, PLACE_NAME_MAX)?;
        self.write(|tx| {
            let village = village_in(tx, id)?;
            check_unique_name(tx, &village.commune_id, &name, Some(id))?;
            tx.update_entity(&VILLAGES, id, &[("name", name.as_str().into())])?;
            Ok(Village { name, ..village })
        })
    }

    pub fn delete_village(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            village_in(tx, id)?;
            tx.update_entity(&VILLAGES, id, &[("deleted", 1.into())]).map(drop)
        })
    }

    pub fn villages(&self, commune_id: &str) -> Result<Vec<Village>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, commune_id, name FROM villages WHERE commune_id = ?1 AND deleted = 0 ORDER BY name",
            )?;
            Ok(stmt.query_map([commune_id], village_row)?.collect::<rusqlite::Result<_>>()?)
        })
    }
}

/// The live village `id`, or an "unknown village" error.
pub(crate) fn village_in(tx: &Tx<'_>, id: &str) -> Result<Village> {
    tx.sql
        .prepare_cached("SELECT id, commune_id, name FROM villages WHERE id = ?1 AND deleted = 0 AND commune_id IS NOT NULL AND name IS NOT NULL")?
        .query_row([id], village_row)
        .optional()?
        .ok_or_else(|| Invalid::new(Field::Village, Rule::Unknown).into())
}

fn check_unique_name(tx: &Tx<'_>, commune_id: &str, name: &str, except: Option<&str>) -> Result<()> {
    let taken = tx
        .sql
        .prepare_cached(
            "SELECT 1 FROM villages WHERE commune_id = ?1 AND deleted = 0 AND lower(name) = lower(?2) AND id IS NOT ?3",
        )?
        .query_row(rusqlite::params![commune_id, name, except], |_| Ok(()))
        .optional()?
        .is_some();
    if taken { Err(Invalid::new(Field::Village, Rule::Duplicate).into()) } else { Ok(()) }
}
