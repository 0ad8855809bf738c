//! A farmer's products and the inquiries buyers send about them. Everything works offline on
//! this device's store: a product listed with no signal, its photos included, goes up with
//! the next sync, and inquiries come down with it. Each command acts as the farmer whose
//! profile is open.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use langso_core::market::banks::BANKS;
use langso_core::market::inquiry::{Inquiry, InquiryLine, InquiryStatus};
use langso_core::market::listing::{Listing, ListingInput, ListingStatus};
use langso_core::role::Role;
use langso_core::validate::{self, Field, Invalid, Rule};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{App, Failure, Result};

/// A product on the farmer's list: with how many buyers asked, and how many of those are new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MyListing {
    pub listing: Listing,
    pub inquiries: u32,
    pub new_inquiries: u32,
}

/// A photo ready for a listing: stored on this device, sent with the next sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PreparedPhoto {
    pub hash: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u32,
}

/// A bank a farmer may be paid at, as the form's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BankChoice {
    pub bin: String,
    pub short_name: String,
    pub name: String,
}

/// How the farmer answers a buyer: the phone's dialer, or Zalo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ContactApp {
    Call,
    Zalo,
}

fn unknown_listing() -> Failure {
    Failure::Core(Invalid::new(Field::Listing, Rule::Unknown).into())
}

impl App {
    /// The open profile's id, if it is a farmer's with a village: a listing belongs to a commune.
    fn farmer(&self) -> Result<String> {
        let profile = self.store.profile(&self.person.require()?)?.ok_or(Failure::NoProfile)?;
        match (profile.role, profile.commune_id) {
            (Role::Farmer, Some(_)) => Ok(profile.id),
            _ => Err(Failure::FarmerOnly),
        }
    }

    /// The server takes products only from a farmer's or an official's device: refused here,
    /// before the farmer's work waits to be refused at the next sync.
    fn selling_device(&self) -> Result<()> {
        match self.engine.status().role {
            Some(Role::Farmer | Role::Official) => Ok(()),
            _ => Err(Failure::NotSellerDevice),
        }
    }

    /// One of the open farmer's own listings.
    fn own_listing(&self, id: &str) -> Result<Listing> {
        let me = self.farmer()?;
        match self.store.listing(id)? {
            Some(listing) if listing.owner_id == me => Ok(listing),
            _ => Err(unknown_listing()),
        }
    }

    /// The farmer's products, newest first, each with its inquiries counted.
    pub async fn my_listings(&self) -> Result<Vec<MyListing>> {
        let me = self.farmer()?;
        let inquiries = self.store.inquiries_for(&me)?;
        let count = |id: &str, new_only: bool| {
            let n = inquiries
                .iter()
                .filter(|l| l.inquiry.listing_id == id && (!new_only || l.inquiry.status == InquiryStatus::New))
                .count();
            u32::try_from(n).unwrap_or(u32::MAX)
        };
        Ok(self
            .store
            .listings_of(&me)?
            .into_iter()
            .map(|listing| MyListing {
                inquiries: count(&listing.id, false),
                new_inquiries: count(&listing.id, true),
                listing,
            })
            .collect())
    }

    pub async fn my_listing(&self, id: String) -> Result<Listing> {
        self.own_listing(&id)
    }

    /// A new product, kept as a draft until the farmer publishes it.
    pub async fn create_listing(&self, input: ListingInput) -> Result<Listing> {
        let me = self.farmer()?;
        self.selling_device()?;
        self.photos_here(&input, &[])?;
        Ok(self.store.create_listing(&me, &input)?)
    }

    pub async fn edit_listing(&self, id: String, input: ListingInput) -> Result<Listing> {
        let listing = self.own_listing(&id)?;
        self.selling_device()?;
        self.photos_here(&input, &listing.input.photos)?;
        Ok(self.store.edit_listing(&id, &input)?)
    }

    pub async fn set_listing_status(&self, id: String, status: ListingStatus) -> Result<Listing> {
        self.own_listing(&id)?;
        self.selling_device()?;
        Ok(self.store.set_listing_status(&id, status)?)
    }

    /// A photo the farmer picked (its bytes in base64): turned upright, made small, stripped of
    /// where and when it was taken, and stored; the listing names it by the hash returned.
    pub async fn add_listing_photo(&self, photo: String) -> Result<PreparedPhoto> {
        self.farmer()?;
        // Bytes that are not base64 are no picture either: the pipeline says so.
        let bytes = BASE64.decode(photo.trim()).unwrap_or_default();
        let prepared = tokio::task::spawn_blocking(move || langso_photos::prepare(&bytes))
            .await
            .map_err(|e| Failure::Internal(e.to_string()))??;
        let hash = self.store.put_blob(&prepared.bytes, prepared.mime)?;
        Ok(PreparedPhoto {
            hash,
            width: prepared.width,
            height: prepared.height,
            bytes: u32::try_from(prepared.bytes.len()).unwrap_or(u32::MAX),
        })
    }

    /// What buyers asked about the farmer's products, newest first.
    pub async fn my_inquiries(&self) -> Result<Vec<InquiryLine>> {
        let me = self.farmer()?;
        Ok(self.store.inquiries_for(&me)?)
    }

    /// Marks an inquiry about one of the farmer's products answered, closed, or new again.
    pub async fn set_inquiry_status(&self, id: String, status: InquiryStatus) -> Result<Inquiry> {
        let me = self.farmer()?;
        if !self.store.inquiries_for(&me)?.iter().any(|l| l.inquiry.id == id) {
            return Err(Failure::Core(Invalid::new(Field::Message, Rule::Unknown).into()));
        }
        Ok(self.store.set_inquiry_status(&id, status)?)
    }

    /// The banks a farmer may be paid at, by their short name.
    pub async fn banks(&self) -> Result<Vec<BankChoice>> {
        Ok(BANKS
            .iter()
            .map(|b| BankChoice { bin: b.bin.to_owned(), short_name: b.short_name.to_owned(), name: b.name.to_owned() })
            .collect())
    }

    /// A listing may name only photos the farmer added on this device, or that it had already
    /// (from another of their devices, perhaps not downloaded yet).
    fn photos_here(&self, input: &ListingInput, already: &[String]) -> Result<()> {
        for hash in &input.photos {
            if !already.contains(hash) && !self.store.has_blob(hash)? {
                return Err(Failure::Core(Invalid::new(Field::Photos, Rule::Unknown).into()));
            }
        }
        Ok(())
    }

    /// Opens the dialer or Zalo for a buyer's number; only a Vietnamese phone number gets
    /// through, so nothing a buyer typed can open anything else.
    pub async fn open_contact(&self, phone: String, via: ContactApp) -> Result<()> {
        self.farmer()?;
        let phone = validate::phone(Field::Phone, &phone).map_err(langso_core::Error::from)?;
        let address = match via {
            ContactApp::Call => format!("tel:{phone}"),
            ContactApp::Zalo => format!("https://zalo.me/{phone}"),
        };
        open::that_detached(&address).map_err(|e| Failure::Internal(format!("opening {address}: {e}")))
    }
}
