//! The commune office's pages: an official signs in with a one-time code from their app (or
//! from `langso-server office-code`) and sees their commune's dashboard, its charts and its
//! exports; a province account sees a sortable table of its communes, each linking to the
//! commune's page. No personal data is shown: only counts, and the names of villages and
//! communes.
//!
//! The session is a cookie that is HttpOnly, SameSite=Strict, limited to `/office`, and
//! Secure when the public address is https. Every form is protected against cross-site
//! requests twice: a browser's `Origin` and `Sec-Fetch-Site` must name this site, and the
//! sign-out form carries a token derived from the session, which another site cannot read.

mod files;
mod pages;
mod sheet;

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::{Ctx, Refusal, Web, blocking, no_store};
use crate::office::OfficeScope;

/// The session cookie's name.
const COOKIE: &str = "langso_office";

pub(crate) fn routes() -> Router<Web> {
    Router::new()
        .route("/office", get(pages::start))
        .route("/office/sign-in", post(pages::sign_in))
        .route("/office/sign-out", post(pages::sign_out))
        .route("/office/province", get(pages::province))
        .route("/office/commune/{id}", get(pages::commune))
        .route("/office/commune/{id}/villages.svg", get(files::villages_chart))
        .route("/office/commune/{id}/months.svg", get(files::months_chart))
        .route("/office/commune/{id}/figures.csv", get(files::csv))
        .route("/office/commune/{id}/figures.xlsx", get(files::xlsx))
}

/// A signed-in session: its token (from the cookie) and what it may see.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub token: String,
    pub scope: OfficeScope,
}

/// The session the request's cookie names, if it is live.
async fn session(web: &Web, headers: &HeaderMap) -> Result<Option<Session>, Refusal> {
    let Some(token) = cookie(headers) else { return Ok(None) };
    let service = web.service.clone();
    let asked = token.clone();
    let scope = blocking(move || service.office_session(&asked)).await?;
    Ok(scope.map(|scope| Session { token, scope }))
}

/// The session, or the way to the sign-in page.
async fn signed_in(web: &Web, ctx: &Ctx, headers: &HeaderMap) -> Result<Session, Response> {
    match session(web, headers).await {
        Ok(Some(session)) => Ok(session),
        Ok(None) => Err(see_other(&ctx.href("/office"))),
        Err(refusal) => Err(refusal.page(ctx)),
    }
}

fn cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .map(str::to_owned)
        .next()
}

/// The cookie that carries a session (or, with `None`, ends it).
fn session_cookie(web: &Web, token: Option<&str>) -> HeaderValue {
    let secure = if web.public_url.as_deref().is_some_and(|u| u.starts_with("https://")) { "; Secure" } else { "" };
    let value = match token {
        Some(token) => format!(
            "{COOKIE}={token}; Path=/office; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
            crate::office::SESSION_VALIDITY.as_secs()
        ),
        None => format!("{COOKIE}=; Path=/office; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
    };
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("langso_office=; Max-Age=0"))
}

/// Whether a form post came from this site's own page: a browser names the page's origin in
/// `Origin` and says `same-origin` in `Sec-Fetch-Site`; a request with neither (not from a
/// browser's page) is let through to the other checks.
fn same_site(ctx: &Ctx, headers: &HeaderMap) -> bool {
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if fetch_site.is_some_and(|s| s != "same-origin" && s != "none") {
        return false;
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => origin == ctx.base,
    }
}

/// A 303 to `to`, not kept by any cache.
fn see_other(to: &str) -> Response {
    let location = HeaderValue::from_str(to).unwrap_or_else(|_| HeaderValue::from_static("/office"));
    no_store((StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response())
}

/// Where a scope's pages start.
fn home_of(ctx: &Ctx, scope: &OfficeScope) -> String {
    match scope {
        OfficeScope::Commune(id) => ctx.href(&format!("/office/commune/{id}")),
        OfficeScope::Province(_) => ctx.href("/office/province"),
    }
}
