//! What the public marketplace shows: published listings of communes that exist, with nothing
//! of the farmer beyond the contact they chose to publish, their first name and their village.
//! These are the store's queries (the server's embedded SQLite engine runs them); the
//! PostgreSQL engine answers the same questions with the same types.

use rusqlite::{OptionalExtension, Row, ToSql};
use serde::Serialize;

use crate::search::match_expression;
use crate::{Result, Store};

/// The most products a page of results holds.
pub const PAGE_MAX: usize = 48;
/// Words with no filter rank at most this many products, the best by the engine's own
/// measure (about 20 pages): so that a common word costs the same as a rare one.
pub const RANKED_MAX: usize = 1_000;

/// A product as a card in a list: enough to recognise it and its price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProductCard {
    pub id: String,
    pub name: String,
    pub price_dong: i64,
    pub unit: String,
    pub pack_size: Option<String>,
    pub ocop_stars: Option<i64>,
    /// The first photo's hash.
    pub photo: Option<String>,
    pub commune_id: String,
    pub commune: String,
    pub province: Option<String>,
}

/// A product's own page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicProduct {
    pub card: ProductCard,
    pub category: Option<String>,
    pub description: Option<String>,
    pub story: Option<String>,
    pub season: Option<String>,
    /// `YYYY-MM-DD`.
    pub available_from: Option<String>,
    pub ocop_expiry: Option<String>,
    pub made_to_order: bool,
    pub quantity: Option<i64>,
    pub photos: Vec<String>,
    pub contact_phone: String,
    pub zalo: Option<String>,
    pub bank_bin: Option<String>,
    pub bank_account: Option<String>,
    pub bank_holder: Option<String>,
    /// The last word of the farmer's name, as Vietnamese people are called.
    pub farmer: Option<String>,
    pub village: Option<String>,
}

/// A commune with products for sale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommuneCard {
    pub id: String,
    pub name: String,
    pub district: Option<String>,
    pub province: Option<String>,
    pub products: i64,
}

/// What a buyer searches for; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarketQuery {
    /// Words as typed, with or without marks; the last may be half typed.
    pub text: String,
    pub province: Option<String>,
    pub commune_id: Option<String>,
    pub category: Option<String>,
    pub min_stars: Option<i64>,
    /// Only what can be had on `today`: no "available from" date after it.
    pub in_season: bool,
    pub min_price: Option<i64>,
    pub max_price: Option<i64>,
    /// `YYYY-MM-DD`, for `in_season`.
    pub today: String,
    pub limit: usize,
    pub offset: usize,
}

impl MarketQuery {
    /// Whether anything narrows the search besides its words.
    pub fn filtered(&self) -> bool {
        self.province.is_some()
            || self.commune_id.is_some()
            || self.category.is_some()
            || self.min_stars.is_some()
            || self.in_season
            || self.min_price.is_some()
            || self.max_price.is_some()
    }
}

/// The farmer's given name: the last word of their full name.
pub fn first_name(full_name: &str) -> Option<String> {
    full_name.split_whitespace().last().map(str::to_owned)
}

/// The photos column (a JSON list of hashes).
pub fn photo_list(json: Option<&str>) -> Vec<String> {
    json.and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default()
}

const CARD_COLUMNS: &str = "l.id, l.name, l.price_dong, l.unit, l.pack_size, l.ocop_stars, l.photos, l.commune_id,
    c.name, c.province";
/// Published, whole, in a commune that exists.
const LIVE: &str = "FROM listings l JOIN communes c ON c.id = l.commune_id AND c.deleted = 0 AND c.name IS NOT NULL
    WHERE l.deleted = 0 AND l.status = 'published' AND l.name IS NOT NULL AND l.price_dong IS NOT NULL
      AND l.unit IS NOT NULL AND l.contact_phone IS NOT NULL AND l.owner_id IS NOT NULL";

fn card(r: &Row<'_>) -> rusqlite::Result<ProductCard> {
    let photos: Option<String> = r.get(6)?;
    Ok(ProductCard {
        id: r.get(0)?,
        name: r.get(1)?,
        price_dong: r.get(2)?,
        unit: r.get(3)?,
        pack_size: r.get(4)?,
        ocop_stars: r.get(5)?,
        photo: photo_list(photos.as_deref()).into_iter().next(),
        commune_id: r.get(7)?,
        commune: r.get(8)?,
        province: r.get(9)?,
    })
}

impl Store {
    /// Published products matching `query`: the best matches first when words were typed,
    /// otherwise the newest.
    pub fn market_search(&self, query: &MarketQuery) -> Result<Vec<ProductCard>> {
        let words = match_expression(&query.text);
        let limit = i64::try_from(query.limit.min(PAGE_MAX)).unwrap_or(0);
        let offset = i64::try_from(query.offset).unwrap_or(i64::MAX);
        let window = if query.filtered() { -1 } else { i64::try_from(RANKED_MAX).unwrap_or(-1) };
        let (from, order) = match words {
            Some(_) => (
                "JOIN (SELECT d.ref, s.rank FROM (SELECT rowid, rank FROM search WHERE search MATCH :words
                         ORDER BY rank LIMIT :window) s
                       JOIN search_docs d ON d.rowid = s.rowid WHERE d.kind = 'listing') hits ON hits.ref = l.id",
                "hits.rank, l.id DESC",
            ),
            None => ("", "l.id DESC"),
        };
        let live = LIVE.replacen("WHERE", &format!("{from} WHERE"), 1);
        let sql = format!(
            "SELECT {CARD_COLUMNS} {live}
               AND (:province IS NULL OR c.province = :province)
               AND (:commune IS NULL OR l.commune_id = :commune)
               AND (:category IS NULL OR l.category = :category)
               AND (:stars IS NULL OR l.ocop_stars >= :stars)
               AND (:min IS NULL OR l.price_dong >= :min)
               AND (:max IS NULL OR l.price_dong <= :max)
               AND (:season = 0 OR l.available_from IS NULL OR l.available_from <= :today)
             ORDER BY {order} LIMIT :limit OFFSET :offset"
        );
        let mut params: Vec<(&str, &dyn ToSql)> = vec![
            (":province", &query.province),
            (":commune", &query.commune_id),
            (":category", &query.category),
            (":stars", &query.min_stars),
            (":min", &query.min_price),
            (":max", &query.max_price),
            (":season", &query.in_season),
            (":today", &query.today),
            (":limit", &limit),
            (":offset", &offset),
        ];
        if let Some(words) = &words {
            params.extend([(":words", words as &dyn ToSql), (":window", &window)]);
        }
        self.read(|c| {
            Ok(c.prepare_cached(&sql)?.query_map(params.as_slice(), card)?.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// A published product's page, or `None` for anything else (a draft, a sold-out or deleted
    /// product, one of a commune that is gone).
    pub fn market_product(&self, id: &str) -> Result<Option<PublicProduct>> {
        let sql = format!(
            "SELECT {CARD_COLUMNS}, l.category, l.description, l.story, l.season, l.available_from, l.ocop_expiry,
                    l.made_to_order, l.quantity, l.contact_phone, l.zalo, l.bank_bin, l.bank_account, l.bank_holder,
                    p.name, v.name
             {LIVE} AND l.id = :id",
        )
        .replacen(
            "WHERE",
            "LEFT JOIN profiles p ON p.id = l.owner_id AND p.deleted = 0
             LEFT JOIN villages v ON v.id = p.village_id AND v.deleted = 0 WHERE",
            1,
        );
        self.read(|c| {
            let product = c
                .prepare_cached(&sql)?
                .query_row(&[(":id", &id)], |r| {
                    let photos: Option<String> = r.get(6)?;
                    let farmer: Option<String> = r.get(23)?;
                    Ok(PublicProduct {
                        card: card(r)?,
                        category: r.get(10)?,
                        description: r.get(11)?,
                        story: r.get(12)?,
                        season: r.get(13)?,
                        available_from: r.get(14)?,
                        ocop_expiry: r.get(15)?,
                        made_to_order: r.get::<_, Option<bool>>(16)?.unwrap_or(false),
                        quantity: r.get(17)?,
                        photos: photo_list(photos.as_deref()),
                        contact_phone: r.get(18)?,
                        zalo: r.get(19)?,
                        bank_bin: r.get(20)?,
                        bank_account: r.get(21)?,
                        bank_holder: r.get(22)?,
                        farmer: farmer.as_deref().and_then(first_name),
                        village: r.get(24)?,
                    })
                })
                .optional()?;
            Ok(product)
        })
    }

    /// Communes with products for sale, by province then name.
    pub fn market_communes(&self) -> Result<Vec<CommuneCard>> {
        let sql = format!(
            "SELECT c.id, c.name, c.district, c.province, count(*) {LIVE}
             GROUP BY c.id ORDER BY c.province IS NULL, c.province, c.name"
        );
        self.read(|c| {
            let row = |r: &Row<'_>| {
                Ok(CommuneCard {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    district: r.get(2)?,
                    province: r.get(3)?,
                    products: r.get(4)?,
                })
            };
            Ok(c.prepare_cached(&sql)?.query_map([], row)?.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Every published product's id, newest first, for the sitemap (which holds at most
    /// 50,000 addresses).
    pub fn market_ids(&self) -> Result<Vec<String>> {
        let sql = format!("SELECT l.id {LIVE} ORDER BY l.id DESC LIMIT 50000");
        self.read(|c| Ok(c.prepare_cached(&sql)?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?))
    }

    /// Whether the public may see this photo: one of a published product's.
    pub fn market_photo(&self, hash: &str) -> Result<bool> {
        let sql =
            format!("SELECT EXISTS (SELECT 1 {LIVE} AND EXISTS (SELECT 1 FROM json_each(l.photos) WHERE value = ?1))");
        self.read(|c| Ok(c.prepare_cached(&sql)?.query_row([hash], |r| r.get(0))?))
    }
}
