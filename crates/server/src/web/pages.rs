//! The pages: home, search, a commune, a product and its label sheet.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use langso_core::i18n::Arg;
use langso_core::market::banks;
use langso_core::market::public::{CommuneCard, MarketQuery, PAGE_MAX, ProductCard, PublicProduct};
use langso_core::money::format_dong;

use super::format::{self, date, dial, paragraphs, payment_note};
use super::views::{
    AskView, Card, CategoryChip, CommuneLink, CommunePage, Frame, HomePage, LabelPage, Link, Og, Opt, PayView, Photo,
    ProductPage, ProductView, ProvinceGroup, SearchPage, price_per_unit, render, stars_line,
};
use super::{Ctx, Params, Refusal, Web, blocking, html, params};
use crate::ServerError;

/// Products on a page of results.
const PER_PAGE: usize = 24;
/// Products on the home page's shelves.
const SHELF: usize = 8;
/// Pages of results one can go through.
const PAGES_MAX: usize = 100;
/// Longest text a filter may hold (a search of more words is not a buyer's).
const FILTER_MAX: usize = 100;
/// Labels on an A4 sheet: 3 across, 7 down.
const LABELS: usize = 21;
/// The largest quantity a buyer may ask about or pay for.
pub(crate) const QUANTITY_MAX: i64 = 1_000_000;

fn param<'a>(params: &'a HashMap<String, String>, name: &str) -> &'a str {
    params.get(name).map_or("", |v| v.trim())
}

pub(crate) async fn home(State(web): State<Web>, ctx: Ctx, query: Params) -> Result<Response, Response> {
    let params = params(query);
    let (storage, cache) = (web.service.clone(), web.communes.clone());
    let today = format::today();
    let (featured, newest, communes) = blocking(move || {
        let s = storage.storage();
        let featured = s.market_search(&MarketQuery {
            min_stars: Some(4),
            limit: SHELF,
            today: today.clone(),
            ..MarketQuery::default()
        })?;
        let newest = s.market_search(&MarketQuery { limit: SHELF, today, ..MarketQuery::default() })?;
        Ok((featured, newest, cache.get(&storage)?))
    })
    .await
    .map_err(|e| Refusal::from(e).page(&ctx))?;
    let page = Frame::new(&ctx, "", ctx.t("web-home-description"));
    let cards = |list: &[ProductCard]| list.iter().map(|c| Card::new(&ctx, c)).collect();
    let body = render(&HomePage {
        page,
        q: param(&params, "q").to_owned(),
        featured: cards(&featured),
        newest: cards(&newest),
        provinces: by_province(&ctx, &communes),
    });
    Ok(html(StatusCode::OK, body))
}

/// Communes grouped by province, in the store's order (province, then name).
fn by_province(ctx: &Ctx, communes: &[CommuneCard]) -> Vec<ProvinceGroup> {
    let mut groups: Vec<ProvinceGroup> = Vec::new();
    for c in communes {
        let name = c.province.clone().unwrap_or_default();
        let link = CommuneLink {
            href: ctx.href(&format!("/commune/{}", c.id)),
            name: c.name.clone(),
            count: ctx.t_with("web-commune-count", &[("count", Arg::from(c.products))]),
        };
        match groups.last_mut() {
            Some(g) if g.name == name => g.communes.push(link),
            _ => groups.push(ProvinceGroup { name, communes: vec![link] }),
        }
    }
    groups
}

/// A search as typed into the form, and what of it could not be used.
#[derive(Debug, Default)]
struct SearchInput {
    query: MarketQuery,
    page: usize,
    ignored: Vec<String>,
}

/// A price as a buyer types it: `150000`, `150.000`, `150,000 ₫`.
fn price(value: &str) -> Option<i64> {
    let digits: String = value.chars().filter(|c| !matches!(c, '.' | ',' | ' ' | '₫' | 'đ' | 'd')).collect();
    if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn cut(value: &str) -> String {
    value.chars().take(FILTER_MAX).collect()
}

fn read_search(ctx: &Ctx, params: &HashMap<String, String>) -> SearchInput {
    let mut input = SearchInput { page: 1, ..SearchInput::default() };
    let mut ignore = |id: &str| input.ignored.push(ctx.t(id).trim_end_matches(" (₫)").to_owned());
    let text = |name: &str| Some(cut(param(params, name))).filter(|v| !v.is_empty());
    input.query.text = cut(param(params, "q"));
    input.query.province = text("province");
    input.query.commune_id = text("commune");
    input.query.category = text("category");
    input.query.in_season = matches!(param(params, "season"), "1" | "on" | "true");
    match param(params, "stars") {
        "" => {}
        s => match s.parse::<i64>() {
            Ok(n @ 1..=5) => input.query.min_stars = Some(n),
            _ => ignore("web-filter-stars"),
        },
    }
    for (name, id) in [("min", "web-filter-min-price"), ("max", "web-filter-max-price")] {
        let value = param(params, name);
        if value.is_empty() {
            continue;
        }
        match price(value) {
            Some(p) if name == "min" => input.query.min_price = Some(p),
            Some(p) => input.query.max_price = Some(p),
            None => ignore(id),
        }
    }
    if let (Some(min), Some(max)) = (input.query.min_price, input.query.max_price)
        && min > max
    {
        // Typed the wrong way round: what was meant is clear.
        input.query.min_price = Some(max);
        input.query.max_price = Some(min);
    }
    match param(params, "page") {
        "" => {}
        p => match p.parse::<usize>() {
            Ok(n @ 1..=PAGES_MAX) => input.page = n,
            _ => input.ignored.push(ctx.t_with("web-page-number", &[("page", Arg::from(p))])),
        },
    }
    input.query.limit = PER_PAGE + 1;
    input.query.offset = (input.page - 1) * PER_PAGE;
    input.query.today = format::today();
    input
}

/// `/search?…` with the parameters of `params` but `page`, in the page's language.
fn search_href(ctx: &Ctx, params: &HashMap<String, String>, skip: &str, page: Option<usize>) -> String {
    let mut pairs: Vec<(String, String)> = params
        .iter()
        .filter(|(k, v)| !matches!(k.as_str(), "page" | "lang") && k.as_str() != skip && !v.trim().is_empty())
        .filter(|(k, _)| {
            ["q", "province", "commune", "category", "stars", "season", "min", "max"].contains(&k.as_str())
        })
        .map(|(k, v)| (k.clone(), v.trim().to_owned()))
        .collect();
    pairs.sort();
    if let Some(page) = page.filter(|p| *p > 1) {
        pairs.push(("page".into(), page.to_string()));
    }
    let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
    let path = if query.is_empty() { "/search".to_owned() } else { format!("/search?{}", query.join("&")) };
    ctx.href(&path)
}

/// Percent-encodes a query value.
pub(crate) fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub(crate) async fn search(State(web): State<Web>, ctx: Ctx, query: Params) -> Result<Response, Response> {
    let params = params(query);
    let input = read_search(&ctx, &params);
    let (storage, cache) = (web.service.clone(), web.communes.clone());
    let market_query = input.query.clone();
    let (mut found, communes) =
        blocking(move || Ok((storage.storage().market_search(&market_query)?, cache.get(&storage)?)))
            .await
            .map_err(|e| Refusal::from(e).page(&ctx))?;
    let more = found.len() > PER_PAGE;
    found.truncate(PER_PAGE);
    let q = &input.query;
    let heading = if q.text.is_empty() {
        ctx.t("web-search-all")
    } else {
        ctx.t_with("web-search-results-for", &[("text", Arg::from(q.text.as_str()))])
    };
    let mut provinces: Vec<String> = communes.iter().filter_map(|c| c.province.clone()).collect();
    provinces.dedup();
    let option = |value: String, label: String, selected: bool| Opt { value, label, selected };
    let page = Frame::new(&ctx, &heading, ctx.t("web-home-description"));
    let view = SearchPage {
        heading: heading.clone(),
        q: q.text.clone(),
        category: q.category.as_ref().map(|c| CategoryChip {
            label: ctx.t_with("web-filter-category", &[("category", Arg::from(c.as_str()))]),
            value: c.clone(),
            remove: search_href(&ctx, &params, "category", None),
        }),
        filters_open: q.province.is_some()
            || q.commune_id.is_some()
            || q.min_stars.is_some()
            || q.in_season
            || q.min_price.is_some()
            || q.max_price.is_some()
            || !input.ignored.is_empty(),
        provinces: provinces
            .into_iter()
            .map(|p| option(p.clone(), p.clone(), q.province.as_deref() == Some(p.as_str())))
            .collect(),
        communes: communes
            .iter()
            .map(|c| {
                let label = super::views::place(&c.name, c.province.as_deref());
                option(c.id.clone(), label, q.commune_id.as_deref() == Some(c.id.as_str()))
            })
            .collect(),
        stars: (3..=5)
            .map(|n| {
                let label = ctx.t_with("web-filter-stars-at-least", &[("stars", Arg::from(n))]);
                option(n.to_string(), label, q.min_stars == Some(n))
            })
            .collect(),
        min: q.min_price.map(|p| p.to_string()).unwrap_or_default(),
        max: q.max_price.map(|p| p.to_string()).unwrap_or_default(),
        season: q.in_season,
        clear: search_href(&ctx, &HashMap::from([("q".to_owned(), q.text.clone())]), "", None),
        note: (!input.ignored.is_empty())
            .then(|| ctx.t_with("web-filter-ignored", &[("filters", Arg::from(input.ignored.join(", ")))])),
        cards: found.iter().map(|c| Card::new(&ctx, c)).collect(),
        prev: (input.page > 1).then(|| search_href(&ctx, &params, "", Some(input.page - 1))),
        next: (more && input.page < PAGES_MAX).then(|| search_href(&ctx, &params, "", Some(input.page + 1))),
        page_label: ctx.t_with("web-page-number", &[("page", Arg::from(input.page))]),
        page,
    };
    Ok(html(StatusCode::OK, render(&view)))
}

/// Every published product of a commune (a pilot commune lists dozens, not thousands; past
/// 20 pages of the store's largest the rest is left out).
fn commune_products(web: &Web, commune_id: &str) -> Result<Vec<ProductCard>, ServerError> {
    let mut all = Vec::new();
    for page in 0..20 {
        let batch = web.service.storage().market_search(&MarketQuery {
            commune_id: Some(commune_id.to_owned()),
            limit: PAGE_MAX,
            offset: page * PAGE_MAX,
            today: format::today(),
            ..MarketQuery::default()
        })?;
        let last = batch.len() < PAGE_MAX;
        all.extend(batch);
        if last {
            break;
        }
    }
    Ok(all)
}

/// The commune's signature product: its published product with the most OCOP stars, and
/// among those the oldest listing (ids are UUIDv7, so the smallest id was listed first);
/// with no starred product, simply its oldest.
fn signature(products: &[ProductCard]) -> Option<usize> {
    products
        .iter()
        .enumerate()
        .max_by(|(_, a), (_, b)| a.ocop_stars.unwrap_or(0).cmp(&b.ocop_stars.unwrap_or(0)).then(b.id.cmp(&a.id)))
        .map(|(i, _)| i)
}

pub(crate) async fn commune(
    State(web): State<Web>,
    ctx: Ctx,
    Path(id): Path<String>,
    query: Params,
) -> Result<Response, Response> {
    let params = params(query);
    let not_found = || Refusal::NotFound.page(&ctx);
    if id.len() > 64 {
        return Err(not_found());
    }
    let state = web.clone();
    let wanted = id.clone();
    let (commune, mut products) = blocking(move || {
        let commune = state.service.storage().market_communes()?.into_iter().find(|c| c.id == wanted);
        let products = match &commune {
            Some(c) => commune_products(&state, &c.id)?,
            None => Vec::new(),
        };
        Ok((commune, products))
    })
    .await
    .map_err(|e| Refusal::from(e).page(&ctx))?;
    let commune = commune.ok_or_else(not_found)?;
    let signature = signature(&products).map(|i| products.remove(i));
    let page_number = match param(&params, "page").parse::<usize>() {
        Ok(n) if (1..=PAGES_MAX).contains(&n) => n,
        _ => 1,
    };
    let start = (page_number - 1) * PER_PAGE;
    let more = products.len() > start + PER_PAGE;
    let cards = products.iter().skip(start).take(PER_PAGE).map(|c| Card::new(&ctx, c)).collect();
    let place = match (&commune.district, &commune.province) {
        (Some(d), Some(p)) => Some(format!("{d}, {p}")),
        (Some(x), None) | (None, Some(x)) => Some(x.clone()),
        (None, None) => None,
    };
    let count = ctx.t_with("web-commune-count", &[("count", Arg::from(commune.products))]);
    let description = format!("{} · {count}", super::views::place(&commune.name, commune.province.as_deref()));
    let page_href = |n: usize| {
        let path = if n > 1 { format!("/commune/{}?page={n}", commune.id) } else { format!("/commune/{}", commune.id) };
        ctx.href(&path)
    };
    let view = CommunePage {
        page: Frame::new(&ctx, &commune.name, description),
        name: commune.name.clone(),
        place,
        signature: signature.filter(|_| page_number == 1).map(|c| Card::new(&ctx, &c)),
        cards,
        prev: (page_number > 1).then(|| page_href(page_number - 1)),
        next: more.then(|| page_href(page_number + 1)),
        page_label: ctx.t_with("web-page-number", &[("page", Arg::from(page_number))]),
    };
    Ok(html(StatusCode::OK, render(&view)))
}

/// A published product, or the 404 page.
pub(crate) async fn load_product(web: &Web, ctx: &Ctx, id: &str) -> Result<PublicProduct, Response> {
    if id.is_empty() || id.len() > 64 {
        return Err(Refusal::NotFound.page(ctx));
    }
    let storage = web.service.clone();
    let id = id.to_owned();
    blocking(move || storage.storage().market_product(&id))
        .await
        .map_err(|e| Refusal::from(e).page(ctx))?
        .ok_or_else(|| Refusal::NotFound.page(ctx))
}

pub(crate) async fn product(
    State(web): State<Web>,
    ctx: Ctx,
    Path(id): Path<String>,
    query: Params,
) -> Result<Response, Response> {
    let params = params(query);
    let product = load_product(&web, &ctx, &id).await?;
    let asked = param(&params, "asked") == "1";
    let quantity = param(&params, "qty");
    let ask = AskView { quantity: "1".into(), ..AskView::default() };
    Ok(product_page(&ctx, &product, quantity, asked, ask, StatusCode::OK))
}

/// A product's page: with the inquiry form as typed (and its errors), and the payment code for
/// `quantity` as the buyer typed it.
pub(crate) fn product_page(
    ctx: &Ctx,
    product: &PublicProduct,
    quantity: &str,
    asked: bool,
    mut ask: AskView,
    status: StatusCode,
) -> Response {
    let card = &product.card;
    let path = format!("/product/{}", card.id);
    let price = price_per_unit(ctx, card.price_dong, &card.unit);
    let place = super::views::place(&card.commune, card.province.as_deref());
    let photos: Vec<Photo> = product
        .photos
        .iter()
        .enumerate()
        .map(|(i, hash)| Photo {
            src: format!("/photo/{hash}"),
            alt: ctx
                .t_with("web-product-photo", &[("name", Arg::from(card.name.as_str())), ("number", Arg::from(i + 1))]),
        })
        .collect();
    let mut page = Frame::new(ctx, &card.name, format!("{price} · {place}"));
    page.canonical = ctx.absolute(&path);
    page.og = Some(Og {
        kind: "product",
        locale: if ctx.lang == "en" { "en_US" } else { "vi_VN" },
        title: card.name.clone(),
        description: format!("{price} · {place}"),
        url: ctx.absolute(&path),
        image: product.photos.first().map(|h| ctx.absolute(&format!("/photo/{h}"))),
        price: Some(card.price_dong),
    });
    let mut facts = Vec::new();
    if product.made_to_order {
        facts.push(ctx.t("web-product-made-to-order"));
    } else if let Some(q) = product.quantity.filter(|q| *q > 0) {
        facts.push(
            ctx.t_with("web-product-in-stock", &[("quantity", Arg::from(q)), ("unit", Arg::from(card.unit.as_str()))]),
        );
    }
    if let Some(season) = &product.season {
        facts.push(ctx.t_with("web-product-season", &[("season", Arg::from(season.as_str()))]));
    }
    if let Some(from) = &product.available_from {
        facts.push(ctx.t_with("web-product-available-from", &[("date", Arg::from(date(from)))]));
    }
    if let Some(expiry) = product.ocop_expiry.as_ref().filter(|_| card.ocop_stars.is_some()) {
        facts.push(ctx.t_with("web-product-ocop-expiry", &[("date", Arg::from(date(expiry)))]));
    }
    if let Some(category) = &product.category {
        facts.push(ctx.t_with("web-product-category", &[("category", Arg::from(category.as_str()))]));
    }
    let seller = product.farmer.as_ref().map(|name| match &product.village {
        Some(village) => ctx.t_with(
            "web-product-farmer",
            &[("name", Arg::from(name.as_str())), ("village", Arg::from(village.as_str()))],
        ),
        None => ctx.t_with("web-product-farmer-only", &[("name", Arg::from(name.as_str()))]),
    });
    let commune_href = ctx.href(&format!("/commune/{}", card.commune_id));
    let mut links = Vec::new();
    if let Some(category) = &product.category {
        links.push(Link {
            href: ctx.href(&format!("/search?category={}", encode(category))),
            label: ctx.t_with("web-product-more-category", &[("category", Arg::from(category.as_str()))]),
        });
    }
    links.push(Link {
        href: commune_href.clone(),
        label: ctx.t_with("web-product-more-commune", &[("commune", Arg::from(card.commune.as_str()))]),
    });
    links.push(Link { href: ctx.href(&format!("{path}/label")), label: ctx.t("web-product-label") });
    let view = ProductView {
        name: card.name.clone(),
        price,
        pack: card.pack_size.as_ref().map(|p| ctx.t_with("web-pack", &[("pack", Arg::from(p.as_str()))])),
        stars: card.ocop_stars.map(|s| stars_line(ctx, s)),
        facts,
        place,
        commune_href,
        seller,
        tel: format!("tel:{}", dial(&product.contact_phone)),
        call: ctx.t_with("web-product-call", &[("phone", Arg::from(format::phone(&product.contact_phone)))]),
        zalo: product.zalo.as_deref().map(dial).filter(|z| !z.is_empty()).map(|z| format!("https://zalo.me/{z}")),
        description: paragraphs(product.description.as_deref()),
        story: paragraphs(product.story.as_deref()),
        photos,
        links,
    };
    ask.action = format!("{}#ask", ctx.href(&format!("{path}/ask")));
    ask.quantity_label = ctx.t_with("web-ask-quantity", &[("unit", Arg::from(card.unit.as_str()))]);
    let pay = pay_view(ctx, product, quantity);
    let body = render(&ProductPage { page, p: view, asked, ask, pay });
    html(status, body)
}

/// `qty` as typed: a whole number from 1 to [`QUANTITY_MAX`], else `None`.
pub(crate) fn quantity(value: &str) -> Option<i64> {
    value.trim().parse::<i64>().ok().filter(|q| (1..=QUANTITY_MAX).contains(q))
}

fn pay_view(ctx: &Ctx, product: &PublicProduct, typed: &str) -> Option<PayView> {
    let (bin, account, holder) =
        (product.bank_bin.as_deref()?, product.bank_account.as_deref()?, product.bank_holder.as_deref()?);
    let card = &product.card;
    let unit = Arg::from(card.unit.as_str());
    let parsed = quantity(typed);
    let quantity_note = (!typed.trim().is_empty() && parsed.is_none())
        .then(|| ctx.t_with("web-pay-quantity-ignored", &[("unit", unit.clone())]));
    let qty = parsed.unwrap_or(1);
    let amount = card.price_dong.saturating_mul(qty);
    let amount_text = format_dong(amount, &ctx.lang);
    let payable = super::format::payment_payload(product, qty).is_some();
    let bank = banks::bank(bin).map_or_else(|| bin.to_owned(), |b| format!("{} ({})", b.short_name, b.name));
    Some(PayView {
        action: format!("/product/{}#pay", card.id),
        quantity_label: ctx.t_with("web-pay-quantity", &[("unit", unit)]),
        quantity: qty,
        quantity_note,
        amount: ctx.t_with("web-pay-amount", &[("amount", Arg::from(amount_text.as_str()))]),
        qr: payable.then(|| ctx.href(&format!("/product/{}/pay.svg?qty={qty}", card.id))),
        qr_alt: ctx.t_with("web-pay-qr", &[("amount", Arg::from(amount_text.as_str())), ("holder", Arg::from(holder))]),
        bank,
        account: account.to_owned(),
        holder: holder.to_owned(),
        note: payment_note(&card.name, qty),
    })
}

pub(crate) async fn label(State(web): State<Web>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, Response> {
    let product = load_product(&web, &ctx, &id).await?;
    let card = &product.card;
    let title = ctx.t_with("web-label-title", &[("name", Arg::from(card.name.as_str()))]);
    let price = price_per_unit(&ctx, card.price_dong, &card.unit);
    let view = LabelPage {
        page: Frame::new(&ctx, &title, price.clone()),
        title,
        back: ctx.href(&format!("/product/{}", card.id)),
        qr: ctx.href(&format!("/product/{}/qr.svg", card.id)),
        name: card.name.clone(),
        price,
        stars: card.ocop_stars.map(|s| stars_line(&ctx, s)),
        count: LABELS,
    };
    Ok(html(StatusCode::OK, render(&view)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(id: &str, stars: Option<i64>) -> ProductCard {
        ProductCard {
            id: id.into(),
            name: id.into(),
            price_dong: 1,
            unit: "kg".into(),
            pack_size: None,
            ocop_stars: stars,
            photo: None,
            commune_id: "c".into(),
            commune: "c".into(),
            province: None,
        }
    }

    #[test]
    fn the_signature_product_has_the_most_stars_then_is_the_oldest() {
        let list = [card("3", None), card("2", Some(4)), card("1", Some(3)), card("0", Some(4))];
        assert_eq!(signature(&list), Some(3));
        assert_eq!(signature(&[card("b", None), card("a", None)]), Some(1));
        assert_eq!(signature(&[]), None);
    }

    #[test]
    fn prices_as_typed() {
        assert_eq!(price("150.000 ₫"), Some(150_000));
        assert_eq!(price("150,000"), Some(150_000));
        assert_eq!(price("abc"), None);
        assert_eq!(price("-5"), None);
        assert_eq!(encode("chè & mật"), "ch%C3%A8+%26+m%E1%BA%ADt");
    }
}
