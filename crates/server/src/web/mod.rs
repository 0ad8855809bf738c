//! The public marketplace: server-rendered pages where buyers anywhere find the communes'
//! published products, call or Zalo the farmer, ask to buy (the inquiry reaches the farmer's
//! phone with its next sync) and pay by VietQR. Askama templates (`templates/`), one embedded
//! stylesheet (`static/`), no script: every page works on a cheap phone with JavaScript off.
//!
//! Every page is in the buyer's language (`?lang=`, kept by every link, else
//! `Accept-Language`, else Vietnamese), is sent with a strict CSP (no inline style or script),
//! `nosniff`, a referrer policy and a short public cache, and gzip-compressed. Nothing of a
//! farmer is shown beyond what `langso_core::market::public` returns: the contact and bank
//! details they published, their first name and village.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use langso_core::Localizer;
use langso_core::i18n::{Arg, DEFAULT_LANGUAGE};
use langso_sync::protocol::ERROR_HEADER;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::{ServerError, Service};

mod ask;
mod assets;
mod communes;
mod format;
mod limit;
mod media;
mod office;
mod pages;
mod views;

pub use format::{payment_note, payment_payload, qr_svg};

/// What the pages may load and do: only this server's own images, stylesheet and scripts; no
/// inline anything; forms post only here; no framing.
pub const PAGE_POLICY: &str = "default-src 'none'; img-src 'self'; style-src 'self'; script-src 'self'; \
     form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/// Pages change as farmers sync; a minute of caching spares a commune's small server.
const PAGE_CACHE: &str = "public, max-age=60";
/// Answers to a buyer's inquiry are theirs alone.
const NO_STORE: &str = "no-store";
/// The environment variable naming the address the public reaches the server at
/// (`https://cho.example.vn`), for the absolute links of shared pages and the sitemap.
pub const PUBLIC_URL_VAR: &str = "LANGSO_PUBLIC_URL";
/// Office sign-in codes one address may try in ten minutes: a code is eight letters from 32,
/// so guessing one within its ten minutes is out of reach.
const SIGN_IN_TRIES: usize = 10;
/// An inquiry form's body is a few hundred bytes; anything much larger is not a buyer's.
pub const BODY_LIMIT: usize = 8 * 1024;

/// How the pages behave; tests shorten the limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebOptions {
    /// `https://host[:port]` without a trailing slash; `None` takes the request's `Host`.
    pub public_url: Option<String>,
    /// Inquiries one client address may send within `window`.
    pub inquiries: usize,
    pub window: Duration,
}

impl Default for WebOptions {
    fn default() -> WebOptions {
        WebOptions { public_url: None, inquiries: 5, window: Duration::from_secs(10 * 60) }
    }
}

impl WebOptions {
    /// The defaults, with the public address from [`PUBLIC_URL_VAR`] when it is a valid
    /// `http(s)://host[:port]` address.
    pub fn from_env() -> WebOptions {
        let public_url = std::env::var(PUBLIC_URL_VAR).ok().and_then(|v| public_base(&v));
        WebOptions { public_url, ..WebOptions::default() }
    }
}

/// `http(s)://host[:port]` without a path or trailing slash, or `None`.
fn public_base(value: &str) -> Option<String> {
    let value = value.trim().trim_end_matches('/');
    let (scheme, host) = value.split_once("://")?;
    (matches!(scheme, "http" | "https") && valid_host(host)).then(|| value.to_owned())
}

/// The state of the pages' routes.
#[derive(Clone)]
pub(crate) struct Web {
    service: Service,
    public_url: Option<Arc<str>>,
    thumbs: Arc<media::ThumbCache>,
    communes: Arc<communes::CommuneCache>,
    asks: Arc<limit::AskLimiter>,
    /// Office sign-in tries per address.
    sign_ins: Arc<limit::AskLimiter>,
}

/// The marketplace's routes, with their own headers, body limit and compression; the
/// sync API's middleware does not touch them.
pub fn router(service: Service) -> Router {
    router_with(service, WebOptions::from_env())
}

pub fn router_with(service: Service, options: WebOptions) -> Router {
    let web = Web {
        service,
        public_url: options.public_url.map(Arc::from),
        thumbs: Arc::new(media::ThumbCache::default()),
        communes: Arc::new(communes::CommuneCache::default()),
        asks: Arc::new(limit::AskLimiter::new(options.inquiries, options.window)),
        sign_ins: Arc::new(limit::AskLimiter::new(SIGN_IN_TRIES, Duration::from_secs(10 * 60))),
    };
    Router::new()
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/commune/{id}", get(pages::commune))
        .route("/product/{id}", get(pages::product))
        .route("/product/{id}/ask", post(ask::ask))
        .route("/product/{id}/label", get(pages::label))
        .route("/product/{id}/qr.svg", get(media::product_qr))
        .route("/product/{id}/pay.svg", get(media::pay_qr))
        .route("/photo/{hash}", get(media::photo))
        .route("/sitemap.xml", get(media::sitemap))
        .route("/robots.txt", get(media::robots))
        .route("/static/{file}", get(assets::file))
        .merge(office::routes())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(explain_refusals))
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static(PAGE_CACHE)))
        .layer(SetResponseHeaderLayer::if_not_present(header::VARY, HeaderValue::from_static("accept-language")))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(PAGE_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(CompressionLayer::new())
        .with_state(web)
}

/// A page's query string, taken whole: one that cannot be read is a buyer's typo, not a
/// refusal.
pub(crate) type Params = Result<Query<HashMap<String, String>>, QueryRejection>;

/// The query's parameters; a query that cannot be read is taken as empty.
pub(crate) fn params(query: Params) -> HashMap<String, String> {
    query.map(|Query(q)| q).unwrap_or_default()
}

/// Who is asking, and how to answer: the language and where the site is.
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    pub lang: String,
    /// The language was chosen with `?lang=`: links and forms carry it on.
    pub explicit: bool,
    /// `scheme://host[:port]`, for absolute links.
    pub base: String,
    /// The path and query asked for, without `lang`: where the language link leads.
    pub here: String,
}

impl FromRequestParts<Web> for Ctx {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Ctx, Infallible> {
        let (lang, explicit) = language(parts.uri.query(), &parts.headers);
        let base = match &web.public_url {
            Some(url) => url.to_string(),
            None => format!("http://{}", request_host(&parts.headers)),
        };
        Ok(Ctx { lang, explicit, base, here: here(&parts.uri) })
    }
}

impl Ctx {
    pub fn t(&self, id: &str) -> String {
        Localizer::embedded().format(&self.lang, id, &[])
    }

    pub fn t_with(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        Localizer::embedded().format(&self.lang, id, args)
    }

    /// `path` with `?lang=` (or `&lang=`) when the language was chosen that way.
    pub fn href(&self, path: &str) -> String {
        if !self.explicit {
            return path.to_owned();
        }
        let joiner = if path.contains('?') { '&' } else { '?' };
        format!("{path}{joiner}lang={}", self.lang)
    }

    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The language the language link offers, and that link: this page in it.
    pub fn other_language(&self) -> (&'static str, String) {
        let other = if self.lang == "vi" { "en" } else { "vi" };
        let joiner = if self.here.contains('?') { '&' } else { '?' };
        (other, format!("{}{joiner}lang={other}", self.here))
    }
}

/// The path and query of `uri` without its `lang` parameter. A path a browser would read as
/// another site's (`//host`, `/\host`) becomes the home page's.
fn here(uri: &axum::http::Uri) -> String {
    let path = uri.path();
    let path = if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') { path } else { "/" };
    let query: Vec<&str> = uri
        .query()
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter(|p| !p.is_empty() && !p.starts_with("lang="))
        .collect();
    if query.is_empty() { path.to_owned() } else { format!("{path}?{}", query.join("&")) }
}

/// The page's language: `?lang=` when this server speaks it, else the first language of
/// `Accept-Language` it speaks, else Vietnamese. The flag says it came from the query.
pub(crate) fn language(query: Option<&str>, headers: &HeaderMap) -> (String, bool) {
    let l10n = Localizer::embedded();
    let asked = query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter_map(|pair| pair.strip_prefix("lang="))
        .find(|l| l10n.has_language(l));
    if let Some(lang) = asked {
        return (lang.to_owned(), true);
    }
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .into_iter()
        .flat_map(|v| v.split(','))
        .filter_map(|tag| tag.split([';', '-']).next())
        .map(|l| l.trim().to_ascii_lowercase())
        .find(|l| l10n.has_language(l));
    (accepted.unwrap_or_else(|| DEFAULT_LANGUAGE.to_owned()), false)
}

/// The request's `Host` when it is a host name (or IPv4 address) with an optional port, and
/// nothing else; else `localhost`.
fn request_host(headers: &HeaderMap) -> String {
    headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| valid_host(h))
        .unwrap_or("localhost")
        .to_ascii_lowercase()
}

/// A host name of letters, digits, dots and hyphens, with an optional port.
pub(crate) fn valid_host(host: &str) -> bool {
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (host, None),
    };
    let port_ok = port.is_none_or(|p| (1..=5).contains(&p.len()) && p.parse::<u16>().is_ok_and(|p| p > 0));
    let name_ok = (1..=253).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !name.starts_with(['.', '-'])
        && !name.contains("..");
    port_ok && name_ok
}

/// Runs blocking storage work off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ServerError> + Send + 'static,
) -> Result<T, ServerError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| ServerError::Task(e.to_string()))?
}

/// A page in full.
pub(crate) fn html(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// Marks a response as not to be kept (answers to a POST).
pub(crate) fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_STORE));
    response
}

/// Why a page could not be shown; each renders as a localised error page.
#[derive(Debug)]
pub(crate) enum Refusal {
    NotFound,
    /// Signed in, but this is not the account's commune or province.
    Forbidden,
    /// A form posted from another site's page.
    CrossSite,
    TooMany {
        wait: Duration,
    },
    TooLarge,
    FormType,
    BadRequest,
    Server(ServerError),
}

impl From<ServerError> for Refusal {
    fn from(e: ServerError) -> Refusal {
        match e {
            ServerError::NotFound | ServerError::NoFile => Refusal::NotFound,
            e => Refusal::Server(e),
        }
    }
}

impl Refusal {
    fn status(&self) -> StatusCode {
        match self {
            Refusal::NotFound => StatusCode::NOT_FOUND,
            Refusal::Forbidden | Refusal::CrossSite => StatusCode::FORBIDDEN,
            Refusal::TooMany { .. } => StatusCode::TOO_MANY_REQUESTS,
            Refusal::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::FormType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Refusal::BadRequest => StatusCode::BAD_REQUEST,
            Refusal::Server(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn message_id(&self) -> &'static str {
        match self {
            Refusal::NotFound => "web-error-not-found",
            Refusal::Forbidden => "office-refused",
            Refusal::CrossSite => "office-signin-cross-site",
            Refusal::TooMany { .. } => "web-error-too-many",
            Refusal::TooLarge => "web-error-too-large",
            Refusal::FormType => "web-error-form-type",
            Refusal::BadRequest => "web-error-bad-request",
            Refusal::Server(_) => "web-error-internal",
        }
    }

    /// The localised error page.
    pub fn page(self, ctx: &Ctx) -> Response {
        let status = self.status();
        let id = self.message_id();
        let message = match &self {
            Refusal::TooMany { wait } => ctx.t_with(id, &[("minutes", Arg::from(wait.as_secs().div_ceil(60).max(1)))]),
            _ => ctx.t(id),
        };
        if let Refusal::Server(e) = &self {
            tracing::error!(error = %e, "a marketplace page failed");
        }
        let mut response = html(status, views::error_page(ctx, &message));
        let headers = response.headers_mut();
        headers.insert(ERROR_HEADER, HeaderValue::from_static(id));
        if let Refusal::TooMany { wait } = self {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(wait.as_secs().max(1)));
        }
        // A product that comes back should be seen soon; any other refusal is this request's.
        let cache = if status == StatusCode::NOT_FOUND { PAGE_CACHE } else { NO_STORE };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        response
    }
}

/// A refusal no handler made (a method a path does not take, a path parameter axum refused)
/// becomes a localised page naming its message, as the handlers' own refusals do.
async fn explain_refusals(request: Request, next: Next) -> Response {
    let (lang, explicit) = language(request.uri().query(), request.headers());
    let host = request_host(request.headers());
    let here = here(request.uri());
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || response.headers().contains_key(ERROR_HEADER) {
        return response;
    }
    let refusal = match status {
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => Refusal::NotFound,
        StatusCode::PAYLOAD_TOO_LARGE => Refusal::TooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => Refusal::FormType,
        s if s.is_server_error() => Refusal::Server(ServerError::Task(s.to_string())),
        _ => Refusal::BadRequest,
    };
    let ctx = Ctx { lang, explicit, base: format!("http://{host}"), here };
    let mut page = refusal.page(&ctx);
    *page.status_mut() = status;
    if let Some(allow) = response.headers().get(header::ALLOW) {
        page.headers_mut().insert(header::ALLOW, allow.clone());
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_names_and_ports_only() {
        for good in ["example.vn", "cho.langso.vn:8443", "127.0.0.1:8080", "localhost"] {
            assert!(valid_host(good), "{good}");
        }
        for bad in ["", "a b", "evil.com/path", "x@y", "[::1]:80", "host:", "host:99999", ".x", "a..b", "h\"o"] {
            assert!(!valid_host(bad), "{bad}");
        }
        assert_eq!(public_base("https://cho.example.vn/"), Some("https://cho.example.vn".into()));
        assert_eq!(public_base("ftp://x"), None);
        assert_eq!(public_base("https://x/y"), None);
    }

    #[test]
    fn the_language_comes_from_the_query_then_the_browser() {
        let mut headers = HeaderMap::new();
        assert_eq!(language(None, &headers), ("vi".into(), false));
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("fr-FR,en-GB;q=0.8"));
        assert_eq!(language(None, &headers), ("en".into(), false));
        assert_eq!(language(Some("q=x&lang=vi"), &headers), ("vi".into(), true));
        assert_eq!(language(Some("lang=xx"), &headers), ("en".into(), false));
    }

    #[test]
    fn the_language_link_stays_on_this_site() {
        let uri = |u: &str| u.parse::<axum::http::Uri>().expect("uri");
        assert_eq!(here(&uri("/search?q=ch%C3%A8&lang=en&page=2")), "/search?q=ch%C3%A8&page=2");
        assert_eq!(here(&uri("//evil.example/x?lang=vi")), "/");
        assert_eq!(here(&uri("/%5Cevil")), "/%5Cevil");
    }
}
