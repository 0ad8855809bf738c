//! The commune dashboard: what officials report upward. Every figure is defined once in
//! `figures.rs` (with its rule), counted by village, by commune and (`months.rs`) by month
//! from whatever store holds the commune: an official's replica, offline, or the server's.

pub mod figures;
pub(crate) mod learning;
pub mod months;

use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use crate::dashboard::figures::{By, Figures, count, volunteers};
use crate::dashboard::months::MonthRow;
use crate::replica::schema::COMMUNES;
use crate::validate::{Field, Invalid, Rule};
use crate::{Result, Store};

/// One village's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VillageRow {
    pub village_id: String,
    pub name: String,
    pub figures: Figures,
}

/// A commune's dashboard at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Dashboard {
    pub commune_id: String,
    pub commune_name: String,
    pub district: Option<String>,
    pub province: Option<String>,
    /// The share of households the commune aims for, in percent.
    pub target_percent: Option<i64>,
    pub totals: Figures,
    /// Every live village of the commune, by name.
    pub villages: Vec<VillageRow>,
    pub months: Vec<MonthRow>,
    /// When it was counted (UTC ms): "active" and "held" are as of then.
    pub counted_at: i64,
}

/// One commune in a province's table: figures only, nothing about a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommuneRow {
    pub commune_id: String,
    pub name: String,
    pub district: Option<String>,
    pub target_percent: Option<i64>,
    pub figures: Figures,
}

/// The highest target a commune may set, in percent.
const TARGET_MAX: i64 = 100;

impl Store {
    /// The dashboard of a live commune, counted at `now` (UTC ms); `None` for an unknown one.
    pub fn dashboard(&self, commune_id: &str, now: i64) -> Result<Option<Dashboard>> {
        let place = self.read(|c| {
            let commune = c
                .prepare_cached(
                    "SELECT name, district, province, household_target FROM communes WHERE id = ?1 AND deleted = 0",
                )?
                .query_row([commune_id], |r| {
                    Ok((r.get::<_, Option<String>>(0)?, r.get(1)?, r.get(2)?, r.get::<_, Option<i64>>(3)?))
                })
                .optional()?;
            let villages: Vec<(String, String)> = c
                .prepare_cached(
                    "SELECT id, name FROM villages WHERE commune_id = ?1 AND deleted = 0 AND name IS NOT NULL
                     ORDER BY name, id",
                )?
                .query_map([commune_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let volunteers = volunteers(c, &[commune_id], now)?.get(commune_id).copied().unwrap_or(0);
            Ok(commune.map(|commune| (commune, villages, volunteers)))
        })?;
        let Some(((name, district, province, target_percent), villages, volunteers)) = place else { return Ok(None) };
        let mut counted = count(self, By::Village, &[commune_id], now)?;
        let mut totals = counted.total();
        totals.volunteers_active = volunteers;
        let villages = villages
            .into_iter()
            .map(|(village_id, name)| {
                let figures = counted.places.remove(&village_id).unwrap_or_default();
                VillageRow { village_id, name, figures }
            })
            .collect();
        Ok(Some(Dashboard {
            commune_id: commune_id.to_owned(),
            commune_name: name.unwrap_or_default(),
            district,
            province,
            target_percent,
            totals,
            villages,
            months: months::months(&counted.months, now),
            counted_at: now,
        }))
    }

    /// The live communes of a province (by its name as written on the communes), each with its
    /// figures at `now`, by name.
    pub fn province_table(&self, province: &str, now: i64) -> Result<Vec<CommuneRow>> {
        let communes: Vec<(String, String, Option<String>, Option<i64>)> = self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT id, name, district, household_target FROM communes
                 WHERE province = ?1 AND deleted = 0 AND name IS NOT NULL ORDER BY name, id",
            )?
            .query_map([province], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?)
        })?;
        let ids: Vec<&str> = communes.iter().map(|(id, ..)| id.as_str()).collect();
        let mut figures = count(self, By::Commune, &ids, now)?.places;
        Ok(communes
            .into_iter()
            .map(|(commune_id, name, district, target_percent)| CommuneRow {
                figures: figures.remove(&commune_id).unwrap_or_default(),
                commune_id,
                name,
                district,
                target_percent,
            })
            .collect())
    }

    /// Sets (or, with `None`, clears) the share of households the commune aims for, 1 to 100
    /// percent. The server lets only the commune's officials write it.
    pub fn set_household_target(&self, commune_id: &str, percent: Option<i64>) -> Result<()> {
        if percent.is_some_and(|p| !(1..=TARGET_MAX).contains(&p)) {
            return Err(Invalid::new(Field::Target, Rule::Range { min: 1, max: TARGET_MAX }).into());
        }
        self.write(|tx| {
            let live: bool = tx
                .sql
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM communes WHERE id = ?1 AND deleted = 0)")?
                .query_row([commune_id], |r| r.get(0))?;
            if !live {
                return Err(Invalid::new(Field::Commune, Rule::Unknown).into());
            }
            tx.update_entity(&COMMUNES, commune_id, &[("household_target", percent.into())])?;
            Ok(())
        })
    }
}
