//! Buyers' inquiries about a listing, which the farmer answers when back online.

use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::replica::capture::new_id;
use crate::replica::change::{Change, ChangeBody};
use crate::replica::clock::Stamp;
use crate::replica::schema::INQUIRIES;
use crate::replica::store::Tx;
use crate::replica::value::Value;
use crate::time::now_ms;
use crate::validate::{self, Field, Invalid, Rule};
use crate::{Result, Store};

const NAME_MAX: usize = 60;
const MESSAGE_MAX: usize = 1000;
const QUANTITY_MAX: i64 = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum InquiryStatus {
    New,
    Answered,
    Closed,
}

impl InquiryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InquiryStatus::New => "new",
            InquiryStatus::Answered => "answered",
            InquiryStatus::Closed => "closed",
        }
    }

    fn parse(s: &str) -> InquiryStatus {
        [InquiryStatus::Answered, InquiryStatus::Closed]
            .into_iter()
            .find(|x| x.as_str() == s)
            .unwrap_or(InquiryStatus::New)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInquiry {
    pub listing_id: String,
    pub buyer_name: String,
    pub buyer_phone: String,
    pub quantity: i64,
    pub message: Option<String>,
}

/// An inquiry as the farmer's list shows it: with the name of the product asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct InquiryLine {
    #[serde(flatten)]
    #[ts(flatten)]
    pub inquiry: Inquiry,
    pub product: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Inquiry {
    pub id: String,
    pub listing_id: String,
    pub buyer_name: String,
    pub buyer_phone: String,
    pub quantity: i64,
    pub message: Option<String>,
    pub status: InquiryStatus,
    pub created_at: i64,
}

const COLUMNS: &str = "id, listing_id, buyer_name, buyer_phone, quantity, message, status, created_at";
const COMPLETE: &str = "deleted = 0 AND listing_id IS NOT NULL AND buyer_name IS NOT NULL AND buyer_phone IS NOT NULL
    AND quantity IS NOT NULL AND status IS NOT NULL AND created_at IS NOT NULL";

fn inquiry_row(r: &Row<'_>) -> rusqlite::Result<Inquiry> {
    let status: String = r.get(6)?;
    Ok(Inquiry {
        id: r.get(0)?,
        listing_id: r.get(1)?,
        buyer_name: r.get(2)?,
        buyer_phone: r.get(3)?,
        quantity: r.get(4)?,
        message: r.get(5)?,
        status: InquiryStatus::parse(&status),
        created_at: r.get(7)?,
    })
}

fn inquiry_in(tx: &Tx<'_>, id: &str) -> Result<Inquiry> {
    let sql = format!("SELECT {COLUMNS} FROM inquiries WHERE id = ?1 AND {COMPLETE}");
    tx.sql
        .prepare_cached(&sql)?
        .query_row([id], inquiry_row)
        .optional()?
        .ok_or_else(|| Invalid::new(Field::Message, Rule::Unknown).into())
}

/// Checks what the buyer typed; returns the columns of the new inquiry but its commune.
fn inquiry_values(new: &NewInquiry, created_at: i64) -> Result<Vec<(&'static str, Value)>> {
    let buyer_name = validate::text(Field::BuyerName, &new.buyer_name, NAME_MAX)?;
    let buyer_phone = validate::phone(Field::Phone, &new.buyer_phone)?;
    let quantity = validate::range(Field::Quantity, new.quantity, 1, QUANTITY_MAX)?;
    let message = validate::optional_text(Field::Message, new.message.as_deref(), MESSAGE_MAX)?;
    Ok(vec![
        ("listing_id", new.listing_id.as_str().into()),
        ("buyer_name", buyer_name.into()),
        ("buyer_phone", buyer_phone.into()),
        ("quantity", quantity.into()),
        ("message", message.into()),
        ("status", InquiryStatus::New.as_str().into()),
        ("created_at", created_at.into()),
        ("deleted", 0.into()),
    ])
}

/// A buyer's inquiry as the marketplace's server writes it into the listing's commune (it
/// keeps no store of its own for that): the new row's id and its changes, each stamped
/// `stamp`. The caller has checked that the listing is published in `commune_id`.
pub fn inquiry_changes(
    new: &NewInquiry,
    commune_id: &str,
    stamp: Stamp,
    created_at: i64,
) -> Result<(String, Vec<Change>)> {
    let mut values = inquiry_values(new, created_at)?;
    values.push(("commune_id", commune_id.into()));
    let id = new_id();
    let changes = values
        .into_iter()
        .map(|(column, value)| Change {
            table: INQUIRIES.name.to_owned(),
            row: id.clone(),
            stamp,
            body: ChangeBody::Column { column: column.to_owned(), value },
        })
        .collect();
    Ok((id, changes))
}

impl Store {
    /// A buyer's inquiry about a published listing.
    pub fn create_inquiry(&self, new: &NewInquiry) -> Result<Inquiry> {
        let values = inquiry_values(new, now_ms())?;
        let id = new_id();
        self.write(|tx| {
            let commune: Option<String> = tx
                .sql
                .prepare_cached(
                    "SELECT commune_id FROM listings WHERE id = ?1 AND deleted = 0 AND status = 'published'",
                )?
                .query_row([&new.listing_id], |r| r.get(0))
                .optional()?;
            let commune = commune.ok_or(Invalid::new(Field::Listing, Rule::Unknown))?;
            let mut values = values.clone();
            values.push(("commune_id", commune.into()));
            tx.write_entity(&INQUIRIES, &id, &values)?;
            inquiry_in(tx, &id)
        })
    }

    pub fn set_inquiry_status(&self, id: &str, status: InquiryStatus) -> Result<Inquiry> {
        self.write(|tx| {
            inquiry_in(tx, id)?;
            tx.update_entity(&INQUIRIES, id, &[("status", status.as_str().into())])?;
            inquiry_in(tx, id)
        })
    }

    /// The inquiries about a farmer's listings, newest first, each with its product's name.
    pub fn inquiries_for(&self, owner_id: &str) -> Result<Vec<InquiryLine>> {
        self.read(|c| {
            let sql = format!(
                "SELECT {COLUMNS}, (SELECT name FROM listings WHERE listings.id = listing_id) FROM inquiries
                 WHERE {COMPLETE} AND listing_id IN (SELECT id FROM listings WHERE owner_id = ?1 AND deleted = 0)
                 ORDER BY created_at DESC, id DESC"
            );
            let line = |r: &Row<'_>| Ok(InquiryLine { inquiry: inquiry_row(r)?, product: r.get(8)? });
            Ok(c.prepare_cached(&sql)?.query_map([owner_id], line)?.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// The inquiries about a listing, newest first.
    pub fn inquiries(&self, listing_id: &str) -> Result<Vec<Inquiry>> {
        self.read(|c| {
            let sql = format!(
                "SELECT {COLUMNS} FROM inquiries WHERE listing_id = ?1 AND {COMPLETE} ORDER BY created_at DESC"
            );
            Ok(c.prepare_cached(&sql)?.query_map([listing_id], inquiry_row)?.collect::<rusqlite::Result<_>>()?)
        })
    }
}
