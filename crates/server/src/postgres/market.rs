//! The public marketplace on PostgreSQL: the read model `market_listings`, rewritten with every
//! change to a listing or its commune, and the pages' queries over it. They answer what
//! `langso_core::market::public` answers on the store, with the same rules: published and
//! whole, in a commune that exists; found by words folded without diacritics, the last one
//! as a prefix while it is being typed.

use std::collections::HashMap;

use langso_core::market::public::{
    CommuneCard, MarketQuery, PAGE_MAX, ProductCard, PublicProduct, RANKED_MAX, first_name,
};
use langso_core::replica::blob;
use langso_core::search::{fold, query_words};
use postgres::GenericClient;
use postgres::types::Type;

use crate::ServerError;

const CARD_COLUMNS: &str =
    "id, name, price_dong, unit, pack_size, ocop_stars, photos::text, commune_id, commune_name, province";

/// Rewrites the read model's rows for `listings` of `commune` (all of the commune's with
/// `None`: its name or province changed), in the caller's transaction.
pub(super) fn refresh(
    client: &mut impl GenericClient,
    commune: &str,
    listings: Option<&[String]>,
) -> Result<(), ServerError> {
    let place = client.query_typed_opt(
        "SELECT max(text_value) FILTER (WHERE col = 'name'), max(text_value) FILTER (WHERE col = 'district'),
                max(text_value) FILTER (WHERE col = 'province'),
                coalesce(max(int_value) FILTER (WHERE col = 'deleted'), 0)
         FROM cells WHERE tbl = 'communes' AND row_id = $1 GROUP BY row_id",
        &[(&commune, Type::TEXT)],
    )?;
    let (commune_name, district, province, commune_live) = match &place {
        Some(r) => {
            let name: Option<String> = r.try_get(0)?;
            let deleted: i64 = r.try_get(3)?;
            let live = name.is_some() && deleted == 0;
            (name, r.try_get::<_, Option<String>>(1)?, r.try_get::<_, Option<String>>(2)?, live)
        }
        None => (None, None, None, false),
    };
    let ids: Option<Vec<String>> = listings.map(<[String]>::to_vec);
    let rows = client.query_typed(
        "SELECT row_id,
            max(text_value) FILTER (WHERE col = 'status'), coalesce(max(int_value) FILTER (WHERE col = 'deleted'), 0),
            max(text_value) FILTER (WHERE col = 'owner_id'), max(text_value) FILTER (WHERE col = 'name'),
            max(int_value) FILTER (WHERE col = 'price_dong'), max(text_value) FILTER (WHERE col = 'unit'),
            max(text_value) FILTER (WHERE col = 'pack_size'), max(int_value) FILTER (WHERE col = 'ocop_stars'),
            max(text_value) FILTER (WHERE col = 'photos'), max(text_value) FILTER (WHERE col = 'category'),
            max(text_value) FILTER (WHERE col = 'available_from'),
            max(text_value) FILTER (WHERE col = 'contact_phone'),
            concat_ws(' ', max(text_value) FILTER (WHERE col = 'category'),
                max(text_value) FILTER (WHERE col = 'ocop_group'), max(text_value) FILTER (WHERE col = 'description'),
                max(text_value) FILTER (WHERE col = 'story'), max(text_value) FILTER (WHERE col = 'season'))
         FROM cells WHERE commune_id = $1 AND tbl = 'listings' AND ($2::text[] IS NULL OR row_id = ANY($2))
         GROUP BY row_id",
        &[(&commune, Type::TEXT), (&ids, Type::TEXT_ARRAY)],
    )?;
    let upsert = client.prepare_typed(
        "INSERT INTO market_listings (id, commune_id, live, name, price_dong, unit, pack_size, ocop_stars, photos,
             category, available_from, commune_name, commune_district, province, words)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10, $11, $12, $13, $14, to_tsvector('simple', $15))
         ON CONFLICT (id) DO UPDATE SET commune_id = excluded.commune_id, live = excluded.live, name = excluded.name,
             price_dong = excluded.price_dong, unit = excluded.unit, pack_size = excluded.pack_size,
             ocop_stars = excluded.ocop_stars, photos = excluded.photos, category = excluded.category,
             available_from = excluded.available_from, commune_name = excluded.commune_name,
             commune_district = excluded.commune_district, province = excluded.province, words = excluded.words",
        &[
            Type::TEXT,
            Type::TEXT,
            Type::BOOL,
            Type::TEXT,
            Type::INT8,
            Type::TEXT,
            Type::TEXT,
            Type::INT8,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
        ],
    )?;
    for r in &rows {
        let id: String = r.try_get(0)?;
        let status: Option<String> = r.try_get(1)?;
        let deleted: i64 = r.try_get(2)?;
        let owner: Option<String> = r.try_get(3)?;
        let name: Option<String> = r.try_get(4)?;
        let price: Option<i64> = r.try_get(5)?;
        let unit: Option<String> = r.try_get(6)?;
        let photos: Option<String> = r.try_get(9)?;
        let contact: Option<String> = r.try_get(12)?;
        let body: String = r.try_get(13)?;
        let live = commune_live
            && deleted == 0
            && status.as_deref() == Some("published")
            && owner.is_some()
            && name.is_some()
            && price.is_some()
            && unit.is_some()
            && contact.is_some();
        let photos = photos.filter(|p| serde_json::from_str::<Vec<String>>(p).is_ok()).unwrap_or_else(|| "[]".into());
        let words = format!("{} {}", fold(name.as_deref().unwrap_or_default()), fold(&body));
        client.execute(
            &upsert,
            &[
                &id,
                &commune,
                &live,
                &name,
                &price,
                &unit,
                &r.try_get::<_, Option<String>>(7)?,
                &r.try_get::<_, Option<i64>>(8)?,
                &photos,
                &r.try_get::<_, Option<String>>(10)?,
                &r.try_get::<_, Option<String>>(11)?,
                &commune_name,
                &district,
                &province,
                &words,
            ],
        )?;
    }
    Ok(())
}

/// A `to_tsquery` expression of what was typed (`search::query_words`); `None` when nothing
/// searchable was typed.
fn ts_query(text: &str) -> Option<String> {
    let terms: Vec<String> =
        query_words(text).into_iter().map(|(w, typing)| if typing { format!("{w}:*") } else { w }).collect();
    (!terms.is_empty()).then(|| terms.join(" & "))
}

fn card(r: &postgres::Row) -> Result<ProductCard, ServerError> {
    let photos: String = r.try_get(6)?;
    Ok(ProductCard {
        id: r.try_get(0)?,
        name: r.try_get::<_, Option<String>>(1)?.unwrap_or_default(),
        price_dong: r.try_get::<_, Option<i64>>(2)?.unwrap_or_default(),
        unit: r.try_get::<_, Option<String>>(3)?.unwrap_or_default(),
        pack_size: r.try_get(4)?,
        ocop_stars: r.try_get(5)?,
        photo: langso_core::market::public::photo_list(Some(&photos)).into_iter().next(),
        commune_id: r.try_get(7)?,
        commune: r.try_get::<_, Option<String>>(8)?.unwrap_or_default(),
        province: r.try_get(9)?,
    })
}

pub(super) fn search(client: &mut impl GenericClient, q: &MarketQuery) -> Result<Vec<ProductCard>, ServerError> {
    let words = ts_query(&q.text);
    let limit = i64::try_from(q.limit.min(PAGE_MAX)).unwrap_or(0);
    let offset = i64::try_from(q.offset).unwrap_or(i64::MAX);
    let filters = "live AND ($2::text IS NULL OR province = $2) AND ($3::text IS NULL OR commune_id = $3)
        AND ($4::text IS NULL OR category = $4) AND ($5::bigint IS NULL OR ocop_stars >= $5)
        AND ($6::bigint IS NULL OR price_dong >= $6) AND ($7::bigint IS NULL OR price_dong <= $7)
        AND (NOT $8 OR available_from IS NULL OR available_from <= $9)";
    let ranked = "ts_rank(words, to_tsquery('simple', $1)) DESC, id DESC";
    let sql = match (&words, q.filtered()) {
        (None, _) => format!("SELECT {CARD_COLUMNS} FROM market_listings WHERE {filters} ORDER BY id DESC"),
        (Some(_), true) => format!(
            "SELECT {CARD_COLUMNS} FROM market_listings WHERE {filters} AND words @@ to_tsquery('simple', $1)
             ORDER BY {ranked}"
        ),
        // Words and no filter: the best RANKED_MAX only, as on the store.
        (Some(_), false) => format!(
            "WITH found AS (SELECT {CARD_COLUMNS}, ts_rank(words, to_tsquery('simple', $1)) AS score
                            FROM market_listings WHERE {filters} AND words @@ to_tsquery('simple', $1)
                            ORDER BY {ranked} LIMIT $12)
             SELECT {CARD_COLUMNS} FROM found ORDER BY score DESC, id DESC"
        ),
    };
    let window = i64::try_from(RANKED_MAX).unwrap_or(i64::MAX);
    let rows = client.query_typed(
        &format!("{sql} LIMIT $10 OFFSET $11"),
        &[
            (&words, Type::TEXT),
            (&q.province, Type::TEXT),
            (&q.commune_id, Type::TEXT),
            (&q.category, Type::TEXT),
            (&q.min_stars, Type::INT8),
            (&q.min_price, Type::INT8),
            (&q.max_price, Type::INT8),
            (&q.in_season, Type::BOOL),
            (&q.today, Type::TEXT),
            (&limit, Type::INT8),
            (&offset, Type::INT8),
            (&window, Type::INT8),
        ],
    )?;
    rows.iter().map(card).collect()
}

/// A row's columns by name, each as its integer or its text.
type Columns = HashMap<String, (Option<i64>, Option<String>)>;

/// A row's columns.
fn columns(client: &mut impl GenericClient, commune: &str, table: &str, row: &str) -> Result<Columns, ServerError> {
    let rows = client.query_typed(
        "SELECT col, int_value, text_value FROM cells WHERE commune_id = $1 AND tbl = $2 AND row_id = $3",
        &[(&commune, Type::TEXT), (&table, Type::TEXT), (&row, Type::TEXT)],
    )?;
    rows.iter().map(|r| Ok((r.try_get(0)?, (r.try_get(1)?, r.try_get(2)?)))).collect()
}

pub(super) fn product(client: &mut impl GenericClient, id: &str) -> Result<Option<PublicProduct>, ServerError> {
    let Some(row) = client.query_typed_opt(
        &format!("SELECT {CARD_COLUMNS} FROM market_listings WHERE id = $1 AND live"),
        &[(&id, Type::TEXT)],
    )?
    else {
        return Ok(None);
    };
    let card = card(&row)?;
    let commune = card.commune_id.clone();
    let listing = columns(client, &commune, "listings", id)?;
    let text = |cols: &Columns, c: &str| cols.get(c).and_then(|v| v.1.clone());
    let int = |cols: &Columns, c: &str| cols.get(c).and_then(|v| v.0);
    let owner = columns(client, &commune, "profiles", &text(&listing, "owner_id").unwrap_or_default())?;
    let alive = |cols: &Columns| int(cols, "deleted") == Some(0);
    let (farmer, village) = if alive(&owner) {
        let village = columns(client, &commune, "villages", &text(&owner, "village_id").unwrap_or_default())?;
        (
            text(&owner, "name").as_deref().and_then(first_name),
            if alive(&village) { text(&village, "name") } else { None },
        )
    } else {
        (None, None)
    };
    Ok(Some(PublicProduct {
        category: text(&listing, "category"),
        description: text(&listing, "description"),
        story: text(&listing, "story"),
        season: text(&listing, "season"),
        available_from: text(&listing, "available_from"),
        ocop_expiry: text(&listing, "ocop_expiry"),
        made_to_order: int(&listing, "made_to_order").is_some_and(|v| v != 0),
        quantity: int(&listing, "quantity"),
        photos: langso_core::market::public::photo_list(text(&listing, "photos").as_deref()),
        contact_phone: text(&listing, "contact_phone").unwrap_or_default(),
        zalo: text(&listing, "zalo"),
        bank_bin: text(&listing, "bank_bin"),
        bank_account: text(&listing, "bank_account"),
        bank_holder: text(&listing, "bank_holder"),
        farmer,
        village,
        card,
    }))
}

pub(super) fn communes(client: &mut impl GenericClient) -> Result<Vec<CommuneCard>, ServerError> {
    let rows = client.query_typed(
        "SELECT commune_id, max(commune_name), max(commune_district), max(province), count(*) FROM market_listings
         WHERE live GROUP BY commune_id
         ORDER BY max(province) IS NULL, max(province), max(commune_name)",
        &[],
    )?;
    rows.iter()
        .map(|r| {
            Ok(CommuneCard {
                id: r.try_get(0)?,
                name: r.try_get::<_, Option<String>>(1)?.unwrap_or_default(),
                district: r.try_get(2)?,
                province: r.try_get(3)?,
                products: r.try_get(4)?,
            })
        })
        .collect()
}

pub(super) fn ids(client: &mut impl GenericClient) -> Result<Vec<String>, ServerError> {
    let rows = client.query_typed("SELECT id FROM market_listings WHERE live ORDER BY id DESC LIMIT 50000", &[])?;
    rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
}

pub(super) fn photo(client: &mut impl GenericClient, hash: &str) -> Result<bool, ServerError> {
    if !blob::is_hash(hash) {
        return Ok(false);
    }
    let wanted = serde_json::json!([hash]).to_string();
    Ok(client
        .query_typed_one(
            "SELECT EXISTS (SELECT 1 FROM market_listings WHERE live AND photos @> $1::text::jsonb)",
            &[(&wanted, Type::TEXT)],
        )?
        .try_get(0)?)
}
