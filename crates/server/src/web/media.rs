//! What the pages load or point to besides themselves: product photos (large, and thumbnails
//! made once and kept in a small cache), the QR codes (the product page's address for labels,
//! the VietQR payment), the sitemap and robots.txt.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use langso_core::replica::blob::is_hash;

use super::format::{payment_payload, qr_svg};
use super::pages::{load_product, quantity};
use super::views::{Sitemap, render};
use super::{Ctx, Params, Refusal, Web, blocking, params};

/// Photos are named by their content's hash: what is served under a name never changes.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// The only types a photo is served as (uploads are checked against their bytes as these).
const PHOTO_TYPES: [&str; 3] = ["image/jpeg", "image/png", "image/webp"];
/// The long edge of a thumbnail, in pixels.
const THUMB_EDGE: u32 = 400;
/// Thumbnails kept at most, and their bytes together (a 400 px JPEG is some 20–40 KB).
const THUMBS_MAX: usize = 512;
const THUMB_BYTES_MAX: usize = 24 * 1024 * 1024;

/// Thumbnails made, by photo hash, the oldest dropped first past the bounds.
#[derive(Debug, Default)]
pub(crate) struct ThumbCache {
    inner: Mutex<Thumbs>,
}

#[derive(Debug, Default)]
struct Thumbs {
    by_hash: HashMap<String, Arc<Vec<u8>>>,
    order: VecDeque<String>,
    bytes: usize,
}

impl ThumbCache {
    fn get(&self, hash: &str) -> Option<Arc<Vec<u8>>> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).by_hash.get(hash).cloned()
    }

    fn put(&self, hash: &str, bytes: Arc<Vec<u8>>) {
        let mut thumbs = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if bytes.len() > THUMB_BYTES_MAX / 4 || thumbs.by_hash.contains_key(hash) {
            return;
        }
        thumbs.bytes += bytes.len();
        thumbs.by_hash.insert(hash.to_owned(), bytes);
        thumbs.order.push_back(hash.to_owned());
        while thumbs.by_hash.len() > THUMBS_MAX || thumbs.bytes > THUMB_BYTES_MAX {
            let Some(oldest) = thumbs.order.pop_front() else { break };
            if let Some(dropped) = thumbs.by_hash.remove(&oldest) {
                thumbs.bytes -= dropped.len();
            }
        }
    }
}

/// `GET /photo/{hash}` (the stored photo, at most 1600 px) and `?size=thumb`: only a photo of
/// a published product; anything else is answered as if it did not exist.
pub(crate) async fn photo(State(web): State<Web>, ctx: Ctx, Path(hash): Path<String>, query: Params) -> Response {
    let thumb = params(query).get("size").is_some_and(|s| s == "thumb");
    if !is_hash(&hash) {
        return Refusal::NotFound.page(&ctx);
    }
    let service = web.service.clone();
    let thumbs = web.thumbs.clone();
    let found = blocking(move || {
        let storage = service.storage();
        if !storage.market_photo(&hash)? {
            return Ok(None);
        }
        if thumb && let Some(bytes) = thumbs.get(&hash) {
            return Ok(Some((bytes, "image/jpeg")));
        }
        let Some((bytes, mime)) = storage.blob(&hash)? else { return Ok(None) };
        let Some(mime) = PHOTO_TYPES.into_iter().find(|t| *t == mime) else { return Ok(None) };
        if !thumb {
            return Ok(Some((Arc::new(bytes), mime)));
        }
        match langso_photos::thumbnail(&bytes, THUMB_EDGE) {
            Ok(small) => {
                let small = Arc::new(small.bytes);
                thumbs.put(&hash, small.clone());
                Ok(Some((small, "image/jpeg")))
            }
            Err(e) => {
                // The large photo still shows the product.
                tracing::warn!(%hash, error = %e, "no thumbnail; serving the photo");
                Ok(Some((Arc::new(bytes), mime)))
            }
        }
    })
    .await;
    match found {
        Ok(Some((bytes, mime))) => {
            ([(header::CONTENT_TYPE, mime), (header::CACHE_CONTROL, IMMUTABLE)], bytes.as_ref().clone()).into_response()
        }
        Ok(None) => Refusal::NotFound.page(&ctx),
        Err(e) => Refusal::from(e).page(&ctx),
    }
}

fn svg(body: String) -> Response {
    ([(header::CONTENT_TYPE, "image/svg+xml")], body).into_response()
}

/// `GET /product/{id}/qr.svg`: a QR code of the product page's absolute address, for labels.
pub(crate) async fn product_qr(State(web): State<Web>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, Response> {
    let product = load_product(&web, &ctx, &id).await?;
    let url = ctx.absolute(&ctx.href(&format!("/product/{}", product.card.id)));
    qr_svg(&url).map(svg).ok_or_else(|| Refusal::NotFound.page(&ctx))
}

/// `GET /product/{id}/pay.svg?qty=N`: the VietQR code to pay for N (1 unless given) of a
/// product with bank details.
pub(crate) async fn pay_qr(
    State(web): State<Web>,
    ctx: Ctx,
    Path(id): Path<String>,
    query: Params,
) -> Result<Response, Response> {
    let product = load_product(&web, &ctx, &id).await?;
    let typed = params(query).remove("qty").unwrap_or_default();
    let qty = if typed.is_empty() { Some(1) } else { quantity(&typed) };
    qty.and_then(|qty| payment_payload(&product, qty))
        .and_then(|payload| qr_svg(&payload))
        .map(svg)
        .ok_or_else(|| Refusal::NotFound.page(&ctx))
}

/// `GET /sitemap.xml`: the home page, the communes and every published product, absolute.
pub(crate) async fn sitemap(State(web): State<Web>, ctx: Ctx) -> Result<Response, Response> {
    let service = web.service.clone();
    let (communes, products) = blocking(move || {
        let storage = service.storage();
        Ok((storage.market_communes()?, storage.market_ids()?))
    })
    .await
    .map_err(|e| Refusal::from(e).page(&ctx))?;
    let mut seen = HashSet::new();
    let urls = std::iter::once(ctx.absolute("/"))
        .chain(communes.iter().map(|c| ctx.absolute(&format!("/commune/{}", super::pages::encode(&c.id)))))
        .chain(products.iter().map(|id| ctx.absolute(&format!("/product/{}", super::pages::encode(id)))))
        .filter(|u| seen.insert(u.clone()))
        .collect();
    Ok(([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], render(&Sitemap { urls })).into_response())
}

/// `GET /robots.txt`: everything may be read but the inquiry form's answers; where the
/// sitemap is.
pub(crate) async fn robots(ctx: Ctx) -> Response {
    let body =
        format!("User-agent: *\nDisallow: /product/*/ask\nAllow: /\nSitemap: {}\n", ctx.absolute("/sitemap.xml"));
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}
