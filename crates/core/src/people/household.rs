//! Households: the commune counts households, not only people. A household is known by its
//! head's name and a house number or hamlet, and belongs to one village; a profile names its
//! household by id.

use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::places::village_in;
use crate::replica::capture::new_id;
use crate::replica::schema::HOUSEHOLDS;
use crate::replica::store::Tx;
use crate::validate::{self, Field, Invalid, Rule};
use crate::{Result, Store};

const HEAD_NAME_MAX: usize = 60;
const ADDRESS_MAX: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewHousehold {
    pub village_id: String,
    pub head_name: String,
    /// A house number or the hamlet, as people say it.
    pub address: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Household {
    pub id: String,
    pub village_id: String,
    pub head_name: String,
    pub address: Option<String>,
    /// How many live profiles belong to it.
    pub members: i64,
}

/// A person's household on a form: one already known, or a new one made with the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum HouseholdChoice {
    None,
    Existing { id: String },
    New { head_name: String, address: Option<String> },
}

const COMPLETE: &str =
    "h.deleted = 0 AND h.commune_id IS NOT NULL AND h.village_id IS NOT NULL AND h.head_name IS NOT NULL";

fn household_row(r: &Row<'_>) -> rusqlite::Result<Household> {
    Ok(Household { id: r.get(0)?, village_id: r.get(1)?, head_name: r.get(2)?, address: r.get(3)?, members: r.get(4)? })
}

const HOUSEHOLD_COLUMNS: &str = "h.id, h.village_id, h.head_name, h.address,
    (SELECT count(*) FROM profiles p WHERE p.household = h.id AND p.deleted = 0)";

/// The live household `id`.
pub(crate) fn household_in(tx: &Tx<'_>, id: &str) -> Result<Household> {
    let sql = format!("SELECT {HOUSEHOLD_COLUMNS} FROM households h WHERE h.id = ?1 AND {COMPLETE}");
    tx.sql
        .prepare_cached(&sql)?
        .query_row([id], household_row)
        .optional()?
        .ok_or_else(|| Invalid::new(Field::Household, Rule::Unknown).into())
}

/// Makes a household in a village, inside the caller's transaction.
pub(crate) fn create_household_in(tx: &mut Tx<'_>, new: &NewHousehold) -> Result<Household> {
    let head_name = validate::text(Field::HeadName, &new.head_name, HEAD_NAME_MAX)?;
    let address = validate::optional_text(Field::Address, new.address.as_deref(), ADDRESS_MAX)?;
    let village = village_in(tx, &new.village_id)?;
    let id = new_id();
    tx.write_entity(
        &HOUSEHOLDS,
        &id,
        &[
            ("commune_id", village.commune_id.into()),
            ("village_id", village.id.into()),
            ("head_name", head_name.into()),
            ("address", address.into()),
            ("deleted", 0.into()),
        ],
    )?;
    household_in(tx, &id)
}

/// The household id a profile of `village_id` is given for `choice`, making a new one if
/// asked. An existing household must be in the same village.
pub(crate) fn resolve_household(tx: &mut Tx<'_>, village_id: &str, choice: &HouseholdChoice) -> Result<Option<String>> {
    match choice {
        HouseholdChoice::None => Ok(None),
        HouseholdChoice::Existing { id } => {
            let household = household_in(tx, id)?;
            if household.village_id != village_id {
                return Err(Invalid::new(Field::Household, Rule::OtherVillage).into());
            }
            Ok(Some(household.id))
        }
        HouseholdChoice::New { head_name, address } => {
            let new = NewHousehold {
                village_id: village_id.to_owned(),
                head_name: head_name.clone(),
                address: address.clone(),
            };
            Ok(Some(create_household_in(tx, &new)?.id))
        }
    }
}

impl Store {
    pub fn create_household(&self, new: &NewHousehold) -> Result<Household> {
        self.write(|tx| create_household_in(tx, new))
    }

    /// A village's households, by the head's name.
    pub fn households(&self, village_id: &str) -> Result<Vec<Household>> {
        self.read(|c| {
            let sql = format!(
                "SELECT {HOUSEHOLD_COLUMNS} FROM households h WHERE h.village_id = ?1 AND {COMPLETE} ORDER BY h.head_name, h.address"
            );
            Ok(c.prepare_cached(&sql)?.query_map([village_id], household_row)?.collect::<rusqlite::Result<_>>()?)
        })
    }

    pub fn household(&self, id: &str) -> Result<Option<Household>> {
        self.read(|c| {
            let sql = format!("SELECT {HOUSEHOLD_COLUMNS} FROM households h WHERE h.id = ?1 AND {COMPLETE}");
            Ok(c.prepare_cached(&sql)?.query_row([id], household_row).optional()?)
        })
    }
}
