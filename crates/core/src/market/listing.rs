//! Farmers' product listings for the commune marketplace.

use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::people::profile::profile_in;
use crate::replica::capture::new_id;
use crate::replica::schema::LISTINGS;
use crate::replica::store::Tx;
use crate::replica::value::Value;
use crate::role::Role;
use crate::validate::{self, Field, Invalid, Rule};
use crate::{Result, Store};

const NAME_MAX: usize = 80;
const SHORT_MAX: usize = 40;
const DESCRIPTION_MAX: usize = 2000;
const STORY_MAX: usize = 4000;
/// 100 million đồng per unit is far above any village product; more is a typing mistake.
pub const PRICE_MAX_DONG: i64 = 100_000_000;
const QUANTITY_MAX: i64 = 10_000_000;
const CERTIFICATIONS_MAX: usize = 10;
/// Photos of a product: enough to show it from each side, few enough for 2G.
pub const PHOTOS_MAX: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ListingStatus {
    Draft,
    Published,
    SoldOut,
    Archived,
}

impl ListingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ListingStatus::Draft => "draft",
            ListingStatus::Published => "published",
            ListingStatus::SoldOut => "sold-out",
            ListingStatus::Archived => "archived",
        }
    }

    fn parse(s: &str) -> ListingStatus {
        [ListingStatus::Published, ListingStatus::SoldOut, ListingStatus::Archived]
            .into_iter()
            .find(|x| x.as_str() == s)
            .unwrap_or(ListingStatus::Draft)
    }
}

/// What a farmer fills in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListingInput {
    pub name: String,
    /// OCOP product group (food, drinks, herbs, crafts, ...) and the farmer's own category.
    pub ocop_group: Option<String>,
    pub category: Option<String>,
    pub description: Option<String>,
    pub story: Option<String>,
    /// Whole đồng per unit.
    pub price_dong: i64,
    /// "kg", "hộp", "chai", ...
    pub unit: String,
    /// "500 g", "hộp 6 chai", ...
    pub pack_size: Option<String>,
    /// In stock; `None` with `made_to_order`.
    pub quantity: Option<i64>,
    pub made_to_order: bool,
    pub season: Option<String>,
    /// `YYYY-MM-DD`.
    pub available_from: Option<String>,
    /// OCOP stars 3–5 and when the certificate expires.
    pub ocop_stars: Option<i64>,
    pub ocop_expiry: Option<String>,
    pub certifications: Vec<String>,
    /// SHA-256 hashes of the photos (see `blob`).
    pub photos: Vec<String>,
    pub contact_phone: String,
    pub zalo: Option<String>,
    /// For a VietQR payment code: the bank's 6-digit BIN, the account, the holder's name.
    pub bank_bin: Option<String>,
    pub bank_account: Option<String>,
    pub bank_holder: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Listing {
    pub id: String,
    pub commune_id: String,
    pub owner_id: String,
    pub status: ListingStatus,
    #[serde(flatten)]
    #[ts(flatten)]
    pub input: ListingInput,
}

const LISTING_COLUMNS: &str = "id, commune_id, owner_id, status, name, ocop_group, category, description, story,
    price_dong, unit, pack_size, quantity, made_to_order, season, available_from, ocop_stars, ocop_expiry,
    certifications, photos, contact_phone, zalo, bank_bin, bank_account, bank_holder";
const COMPLETE: &str = "deleted = 0 AND commune_id IS NOT NULL AND owner_id IS NOT NULL AND status IS NOT NULL
    AND name IS NOT NULL AND price_dong IS NOT NULL AND unit IS NOT NULL AND contact_phone IS NOT NULL";

fn json_list(text: Option<String>) -> Vec<String> {
    text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

fn listing_row(r: &Row<'_>) -> rusqlite::Result<Listing> {
    let status: String = r.get(3)?;
    Ok(Listing {
        id: r.get(0)?,
        commune_id: r.get(1)?,
        owner_id: r.get(2)?,
        status: ListingStatus::parse(&status),
        input: ListingInput {
            name: r.get(4)?,
            ocop_group: r.get(5)?,
            category: r.get(6)?,
            description: r.get(7)?,
            story: r.get(8)?,
            price_dong: r.get(9)?,
            unit: r.get(10)?,
            pack_size: r.get(11)?,
            quantity: r.get(12)?,
            made_to_order: r.get::<_, Option<bool>>(13)?.unwrap_or(false),
            season: r.get(14)?,
            available_from: r.get(15)?,
            ocop_stars: r.get(16)?,
            ocop_expiry: r.get(17)?,
            certifications: json_list(r.get(18)?),
            photos: json_list(r.get(19)?),
            contact_phone: r.get(20)?,
            zalo: r.get(21)?,
            bank_bin: r.get(22)?,
            bank_account: r.get(23)?,
            bank_holder: r.get(24)?,
        },
    })
}

fn digits(field: Field, value: Option<&str>, len: std::ops::RangeInclusive<usize>) -> Result<Option<String>> {
    let Some(v) = value.map(|v| v.replace([' ', '-', '.'], "")).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if len.contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()) {
        Ok(Some(v))
    } else {
        Err(Invalid::new(field, Rule::Format).into())
    }
}

/// Checks every field; returns the columns to write.
fn listing_values(input: &ListingInput) -> Result<Vec<(&'static str, Value)>> {
    use validate::{optional_phone, optional_text as opt, text};
    let name = text(Field::Name, &input.name, NAME_MAX)?;
    let price = validate::money(Field::Price, input.price_dong, 1, PRICE_MAX_DONG)?;
    let unit = text(Field::Unit, &input.unit, SHORT_MAX)?;
    let quantity = match (input.made_to_order, input.quantity) {
        (true, _) => None,
        (false, None) => return Err(Invalid::new(Field::Quantity, Rule::Empty).into()),
        (false, Some(q)) => Some(validate::range(Field::Quantity, q, 0, QUANTITY_MAX)?),
    };
    let stars = input.ocop_stars.map(|s| validate::range(Field::OcopStars, s, 3, 5)).transpose()?;
    let expiry = input.ocop_expiry.as_deref().map(|d| validate::date(Field::OcopExpiry, d)).transpose()?;
    if stars.is_none() && expiry.is_some() {
        return Err(Invalid::new(Field::OcopStars, Rule::Empty).into());
    }
    if input.certifications.len() > CERTIFICATIONS_MAX {
        return Err(Invalid::new(Field::Certifications, Rule::TooLong { max: CERTIFICATIONS_MAX }).into());
    }
    let certifications: Vec<String> =
        input.certifications.iter().map(|c| text(Field::Certifications, c, SHORT_MAX)).collect::<Result<_, _>>()?;
    if input.photos.len() > PHOTOS_MAX {
        return Err(Invalid::new(Field::Photos, Rule::TooLong { max: PHOTOS_MAX }).into());
    }
    if input.photos.iter().any(|h| !crate::replica::blob::is_hash(h)) {
        return Err(Invalid::new(Field::Photos, Rule::Format).into());
    }
    let bank_bin = digits(Field::BankBin, input.bank_bin.as_deref(), 6..=6)?;
    if bank_bin.as_deref().is_some_and(|bin| super::banks::bank(bin).is_none()) {
        return Err(Invalid::new(Field::BankBin, Rule::Unknown).into());
    }
    let bank_account = digits(Field::BankAccount, input.bank_account.as_deref(), 6..=19)?;
    let bank_holder = opt(Field::BankHolder, input.bank_holder.as_deref(), NAME_MAX)?;
    // A payment code needs all three, or none.
    match (&bank_bin, &bank_account, &bank_holder) {
        (Some(_), Some(_), Some(_)) | (None, None, None) => {}
        (None, _, _) => return Err(Invalid::new(Field::BankBin, Rule::Empty).into()),
        (_, None, _) => return Err(Invalid::new(Field::BankAccount, Rule::Empty).into()),
        (_, _, None) => return Err(Invalid::new(Field::BankHolder, Rule::Empty).into()),
    }
    Ok(vec![
        ("name", name.into()),
        ("ocop_group", opt(Field::OcopGroup, input.ocop_group.as_deref(), SHORT_MAX)?.into()),
        ("category", opt(Field::Category, input.category.as_deref(), SHORT_MAX)?.into()),
        ("description", opt(Field::Description, input.description.as_deref(), DESCRIPTION_MAX)?.into()),
        ("story", opt(Field::Story, input.story.as_deref(), STORY_MAX)?.into()),
        ("price_dong", price.into()),
        ("unit", unit.into()),
        ("pack_size", opt(Field::PackSize, input.pack_size.as_deref(), SHORT_MAX)?.into()),
        ("quantity", quantity.into()),
        ("made_to_order", input.made_to_order.into()),
        ("season", opt(Field::Season, input.season.as_deref(), SHORT_MAX)?.into()),
        (
            "available_from",
            input.available_from.as_deref().map(|d| validate::date(Field::AvailableFrom, d)).transpose()?.into(),
        ),
        ("ocop_stars", stars.into()),
        ("ocop_expiry", expiry.into()),
        ("certifications", serde_json::to_string(&certifications).unwrap_or_default().into()),
        ("photos", serde_json::to_string(&input.photos).unwrap_or_default().into()),
        ("contact_phone", validate::phone(Field::Phone, &input.contact_phone)?.into()),
        ("zalo", optional_phone(Field::Zalo, input.zalo.as_deref())?.into()),
        ("bank_bin", bank_bin.into()),
        ("bank_account", bank_account.into()),
        ("bank_holder", bank_holder.into()),
    ])
}

fn listing_in(tx: &Tx<'_>, id: &str) -> Result<Listing> {
    let sql = format!("SELECT {LISTING_COLUMNS} FROM listings WHERE id = ?1 AND {COMPLETE}");
    tx.sql
        .prepare_cached(&sql)?
        .query_row([id], listing_row)
        .optional()?
        .ok_or_else(|| Invalid::new(Field::Listing, Rule::Unknown).into())
}

impl Store {
    /// A farmer's new listing, saved as a draft until they publish it.
    pub fn create_listing(&self, owner_id: &str, input: &ListingInput) -> Result<Listing> {
        let mut values = listing_values(input)?;
        let id = new_id();
        self.write(|tx| {
            let owner = profile_in(tx, owner_id)?;
            if owner.role != Role::Farmer {
                return Err(Invalid::new(Field::Profile, Rule::Unknown).into());
            }
            values.extend([
                ("commune_id", owner.commune_id.into()),
                ("owner_id", owner_id.into()),
                ("status", ListingStatus::Draft.as_str().into()),
                ("deleted", 0.into()),
            ]);
            tx.write_entity(&LISTINGS, &id, &values)?;
            listing_in(tx, &id)
        })
    }

    /// Corrects a listing; only the fields that changed are written.
    pub fn edit_listing(&self, id: &str, input: &ListingInput) -> Result<Listing> {
        let values = listing_values(input)?;
        self.write(|tx| {
            listing_in(tx, id)?;
            tx.update_entity(&LISTINGS, id, &values)?;
            listing_in(tx, id)
        })
    }

    pub fn set_listing_status(&self, id: &str, status: ListingStatus) -> Result<Listing> {
        self.write(|tx| {
            listing_in(tx, id)?;
            tx.update_entity(&LISTINGS, id, &[("status", status.as_str().into())])?;
            listing_in(tx, id)
        })
    }

    pub fn delete_listing(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            listing_in(tx, id)?;
            tx.update_entity(&LISTINGS, id, &[("deleted", 1.into())]).map(drop)
        })
    }

    pub fn listing(&self, id: &str) -> Result<Option<Listing>> {
        self.read(|c| {
            let sql = format!("SELECT {LISTING_COLUMNS} FROM listings WHERE id = ?1 AND {COMPLETE}");
            Ok(c.prepare_cached(&sql)?.query_row([id], listing_row).optional()?)
        })
    }

    /// A farmer's own listings, drafts included, newest first.
    pub fn listings_of(&self, owner_id: &str) -> Result<Vec<Listing>> {
        self.read(|c| {
            let sql =
                format!("SELECT {LISTING_COLUMNS} FROM listings WHERE owner_id = ?1 AND {COMPLETE} ORDER BY id DESC");
            Ok(c.prepare_cached(&sql)?.query_map([owner_id], listing_row)?.collect::<rusqlite::Result<_>>()?)
        })
    }
}
