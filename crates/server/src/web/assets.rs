//! The one stylesheet, embedded and served under a name that carries its hash, so that a
//! browser may keep it for a year and still gets a changed one at once.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::{Ctx, Refusal};

const SITE_CSS: &str = include_str!("../../static/site.css");

static STYLESHEET: LazyLock<String> = LazyLock::new(|| {
    let digest = Sha256::digest(SITE_CSS.as_bytes());
    let short: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("/static/site-{short}.css")
});

/// The stylesheet's path, `/static/site-<hash>.css`.
pub(crate) fn stylesheet() -> &'static str {
    &STYLESHEET
}

pub(crate) async fn file(ctx: Ctx, Path(file): Path<String>) -> Response {
    if format!("/static/{file}") != stylesheet() {
        return Refusal::NotFound.page(&ctx);
    }
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        SITE_CSS,
    )
        .into_response()
}
