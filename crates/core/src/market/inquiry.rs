//! Buyers' inquiries about a listing, which the farmer answers when back online.

use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::replica::capture::new_id;
use crate::replica::schema::INQUIRIES;
use crate::replica::store::Tx;
use crate::time::now_ms;
use crate::validate::{self, Field, Invalid, Rule};
use crate::{Result, Store};

const NAME_MAX: usize = 60;
const MESSAGE_MAX: usize = 1000;
const QUANTITY_MAX: i64 = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

impl Store {
    /// A buyer's inquiry about a published listing.
    pub fn create_inquiry(&self, new: &NewInquiry) -> Result<Inquiry> {
        let buyer_name = validate::text(Field::BuyerName, &new.buyer_name, NAME_MAX)?;
        let buyer_phone = validate::phone(Field::Phone, &new.buyer_phone)?;
        let quantity = validate::range(Field::Quantity, new.quantity, 1, QUANTITY_MAX)?;
        let message = validate::optional_text(Field::Message, new.message.as_deref(), MESSAGE_MAX)?;
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
            tx.write_entity(
                &INQUIRIES,
                &id,
                &[
                    ("listing_id", new.listing_id.as_str().into()),
                    ("commune_id", commune.into()),
                    ("buyer_name", buyer_name.as_str().into()),
                    ("buyer_phone", buyer_phone.as_str().into()),
                    ("quantity", quantity.into()),
                    ("message", message.clone().into()),
                    ("status", InquiryStatus::New.as_str().into()),
                    ("created_at", now_ms().into()),
                    ("deleted", 0.into()),
                ],
            )?;
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
