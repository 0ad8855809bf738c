//! A buyer's inquiry, posted from a product's page (a plain form: no script, no cookie). A
//! valid one is written into the product's commune and reaches the farmer's phone with its
//! next sync; the buyer is sent back to the product's page with a thank-you note
//! (Post/Redirect/Get). An invalid one shows the page again with what was typed and a note
//! beside the field. A filled-in honeypot (a field people never see) gets the thank-you and
//! writes nothing. Each client address may send a few per window (honeypot hits included).

use std::net::SocketAddr;

use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Form, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use langso_core::Localizer;
use langso_core::market::inquiry::NewInquiry;
use langso_core::validate::{Field, Invalid, Rule};
use langso_sync::protocol::ERROR_HEADER;
use serde::Deserialize;

use super::pages::{QUANTITY_MAX, load_product, product_page, quantity};
use super::views::AskView;
use super::{Ctx, Refusal, Web, blocking, no_store};
use crate::ServerError;

/// What the form sends; a missing field is empty.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct AskForm {
    name: String,
    phone: String,
    quantity: String,
    message: String,
    /// The honeypot: hidden from people, filled in by bots.
    website: String,
}

pub(crate) async fn ask(
    State(web): State<Web>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Result<Form<AskForm>, FormRejection>,
) -> Response {
    no_store(answer(&web, peer, &ctx, &id, form).await.unwrap_or_else(|refused| refused))
}

async fn answer(
    web: &Web,
    peer: SocketAddr,
    ctx: &Ctx,
    id: &str,
    form: Result<Form<AskForm>, FormRejection>,
) -> Result<Response, Response> {
    let Form(form) = form.map_err(|rejection| {
        tracing::warn!(reason = %rejection.body_text(), "an inquiry form was refused");
        let refusal = match rejection {
            FormRejection::InvalidFormContentType(_) => Refusal::FormType,
            r if r.status() == StatusCode::PAYLOAD_TOO_LARGE => Refusal::TooLarge,
            _ => Refusal::BadRequest,
        };
        refusal.page(ctx)
    })?;
    let product = load_product(web, ctx, id).await?;
    web.asks.check(peer.ip()).map_err(|wait| Refusal::TooMany { wait }.page(ctx))?;
    let thanks = || {
        web.asks.count(peer.ip());
        let to = ctx.href(&format!("/product/{}?asked=1", product.card.id));
        (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
    };
    if !form.website.is_empty() {
        tracing::info!(product = %product.card.id, "an inquiry filled the honeypot; not written");
        return Ok(thanks());
    }
    let typed = AskView {
        name: form.name.clone(),
        phone: form.phone.clone(),
        quantity: form.quantity.clone(),
        message: form.message.clone(),
        ..AskView::default()
    };
    let Some(amount) = quantity(&form.quantity) else {
        let invalid = Invalid::new(Field::Quantity, Rule::Range { min: 1, max: QUANTITY_MAX });
        return Err(refused(ctx, &product, typed, &invalid));
    };
    let message = Some(form.message.trim().to_owned()).filter(|m| !m.is_empty());
    let new = NewInquiry {
        listing_id: product.card.id.clone(),
        buyer_name: form.name,
        buyer_phone: form.phone,
        quantity: amount,
        message,
    };
    let service = web.service.clone();
    match blocking(move || service.receive_inquiry(&new)).await {
        Ok(inquiry) => {
            tracing::info!(product = %product.card.id, %inquiry, "inquiry received from the marketplace");
            Ok(thanks())
        }
        Err(ServerError::Store(langso_core::Error::Invalid(invalid))) => Err(refused(ctx, &product, typed, &invalid)),
        Err(e) => Err(Refusal::from(e).page(ctx)),
    }
}

/// The product's page again, with what was typed and the note beside the field (400).
fn refused(
    ctx: &Ctx,
    product: &langso_core::market::public::PublicProduct,
    mut typed: AskView,
    invalid: &Invalid,
) -> Response {
    let message = invalid.localize(Localizer::embedded(), &ctx.lang);
    typed.summary = Some(ctx.t("web-ask-fix"));
    match invalid.field {
        Field::BuyerName => typed.name_error = Some(message),
        Field::Phone => typed.phone_error = Some(message),
        Field::Quantity => typed.quantity_error = Some(message),
        _ => typed.message_error = Some(message),
    }
    let mut page = product_page(ctx, product, "", false, typed, StatusCode::BAD_REQUEST);
    page.headers_mut().insert(ERROR_HEADER, HeaderValue::from_static(invalid.message_id()));
    page
}
