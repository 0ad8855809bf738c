//! The office's pages: sign-in, sign-out, a commune's dashboard and a province's table.

use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use langso_core::dashboard::{CommuneRow, Dashboard};
use langso_core::i18n::Arg;
use langso_core::money::format_share;
use langso_core::time::{VIETNAM_OFFSET_MINUTES, format_datetime};
use langso_sync::protocol::ERROR_HEADER;
use serde::Deserialize;

use super::sheet::{self, Headline, MEASURES, Number};
use super::{Session, home_of, same_site, see_other, session, session_cookie, signed_in};
use crate::office::{OfficeScope, form_token};
use crate::web::views::{Frame, render};
use crate::web::{Ctx, Params, Refusal, Web, blocking, html, no_store, params};

/// What every office page has: the frame, and the sign-out form's token when signed in.
#[derive(Template)]
#[template(path = "office_signin.html")]
struct SignInPage {
    page: Frame,
    signout: Option<String>,
    note: Option<String>,
    error: Option<String>,
}

pub(crate) struct ShownRow {
    pub name: String,
    pub cells: Vec<String>,
}

pub(crate) struct ShownTable {
    pub headers: Vec<String>,
    pub rows: Vec<ShownRow>,
    pub total: Option<ShownRow>,
}

pub(crate) struct ShownMonths {
    pub headers: Vec<String>,
    pub rows: Vec<(String, Vec<String>)>,
}

#[derive(Template)]
#[template(path = "office_commune.html")]
struct CommunePage {
    page: Frame,
    signout: Option<String>,
    name: String,
    place: Option<String>,
    back: Option<String>,
    back_label: String,
    target: String,
    headline: Vec<Headline>,
    villages_chart: String,
    months_chart: String,
    caption: String,
    table: ShownTable,
    months: ShownMonths,
    csv: String,
    xlsx: String,
    counted_at: String,
}

pub(crate) struct SortHeader {
    pub label: String,
    pub href: String,
    pub sorted: Option<&'static str>,
}

pub(crate) struct ProvinceRow {
    pub name: String,
    pub href: String,
    pub cells: Vec<String>,
}

#[derive(Template)]
#[template(path = "office_province.html")]
struct ProvincePage {
    page: Frame,
    signout: Option<String>,
    heading: String,
    headers: Vec<SortHeader>,
    rows: Vec<ProvinceRow>,
    counted_at: String,
}

fn frame(ctx: &Ctx, title: &str) -> Frame {
    let mut page = Frame::new(ctx, title, String::new());
    page.home = ctx.href("/office");
    page
}

fn page_response(status: StatusCode, body: String) -> Response {
    no_store(html(status, body))
}

/// `/office`: the sign-in form, or the signed-in person's own page.
pub(crate) async fn start(State(web): State<Web>, ctx: Ctx, headers: HeaderMap, query: Params) -> Response {
    match session(&web, &headers).await {
        Ok(Some(session)) => see_other(&home_of(&ctx, &session.scope)),
        Ok(None) => {
            let note = params(query).contains_key("signed-out").then(|| ctx.t("office-signed-out"));
            sign_in_form(&ctx, StatusCode::OK, note, None)
        }
        Err(refusal) => refusal.page(&ctx),
    }
}

/// The sign-in form; with `error`, the message id of why the last try was refused, shown
/// beside the field and named in the refusal header.
fn sign_in_form(ctx: &Ctx, status: StatusCode, note: Option<String>, error: Option<&'static str>) -> Response {
    let page = frame(ctx, &ctx.t("office-signin-title"));
    let mut response =
        page_response(status, render(&SignInPage { page, signout: None, note, error: error.map(|id| ctx.t(id)) }));
    if let Some(id) = error {
        response.headers_mut().insert(ERROR_HEADER, HeaderValue::from_static(id));
    }
    response
}

#[derive(Debug, Deserialize)]
pub(crate) struct CodeForm {
    #[serde(default)]
    code: String,
}

/// Trades a code for a session. Every try counts against the address's limit, as join codes
/// do; a refused code gets the form again with the reason.
pub(crate) async fn sign_in(
    State(web): State<Web>,
    ctx: Ctx,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    form: Result<Form<CodeForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    if !same_site(&ctx, &headers) {
        return sign_in_form(&ctx, StatusCode::FORBIDDEN, None, Some("office-signin-cross-site"));
    }
    if let Err(wait) = web.sign_ins.check(peer.ip()) {
        return Refusal::TooMany { wait }.page(&ctx);
    }
    web.sign_ins.count(peer.ip());
    let code = form.map(|Form(f)| f.code).unwrap_or_default();
    if code.len() > 64 {
        return sign_in_form(&ctx, StatusCode::BAD_REQUEST, None, Some("office-signin-refused"));
    }
    let service = web.service.clone();
    match blocking(move || service.office_sign_in(&code)).await {
        Ok(Some(signed)) => {
            let mut response = see_other(&home_of(&ctx, &signed.scope));
            response.headers_mut().insert(header::SET_COOKIE, session_cookie(&web, Some(&signed.token)));
            response
        }
        Ok(None) => sign_in_form(&ctx, StatusCode::UNAUTHORIZED, None, Some("office-signin-refused")),
        Err(e) => Refusal::from(e).page(&ctx),
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct SignOutForm {
    #[serde(default)]
    form: String,
}

pub(crate) async fn sign_out(
    State(web): State<Web>,
    ctx: Ctx,
    headers: HeaderMap,
    form: Result<Form<SignOutForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let session = match session(&web, &headers).await {
        Ok(Some(session)) => session,
        Ok(None) => return see_other(&ctx.href("/office")),
        Err(refusal) => return refusal.page(&ctx),
    };
    let token = form.map(|Form(f)| f.form).unwrap_or_default();
    if !same_site(&ctx, &headers) || token != form_token(&session.token) {
        return Refusal::CrossSite.page(&ctx);
    }
    let service = web.service.clone();
    if let Err(e) = blocking(move || service.office_sign_out(&session.token)).await {
        return Refusal::from(e).page(&ctx);
    }
    let mut response = see_other(&ctx.href("/office?signed-out"));
    response.headers_mut().insert(header::SET_COOKIE, session_cookie(&web, None));
    response
}

/// The commune's dashboard, when the session may see it: its own commune's official, or the
/// province's account for a commune of that province. Anything else is refused alike, so a
/// refusal does not say whether a commune exists.
pub(crate) async fn visible_dashboard(
    web: &Web,
    ctx: &Ctx,
    headers: &HeaderMap,
    id: String,
) -> Result<(Session, Dashboard), Response> {
    let session = signed_in(web, ctx, headers).await?;
    if id.len() > 64 {
        return Err(Refusal::Forbidden.page(ctx));
    }
    let service = web.service.clone();
    let dashboard = blocking(move || service.dashboard(&id)).await.map_err(|e| Refusal::from(e).page(ctx))?;
    match dashboard {
        Some(d) if session.scope.sees(&d.commune_id, d.province.as_deref()) => Ok((session, d)),
        _ => Err(Refusal::Forbidden.page(ctx)),
    }
}

pub(crate) async fn commune(State(web): State<Web>, ctx: Ctx, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let (session, d) = match visible_dashboard(&web, &ctx, &headers, id).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let lang = ctx.lang.as_str();
    let villages = sheet::villages(&d, lang);
    let months = sheet::months(&d, lang);
    let shown = |row: &sheet::Row| ShownRow {
        name: row.name.clone(),
        cells: row.cells.iter().map(|c| c.shown(lang)).collect(),
    };
    let base = format!("/office/commune/{}", d.commune_id);
    let place = [d.district.as_deref(), d.province.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ");
    let target = match d.target_percent {
        Some(percent) => ctx.t_with(
            "dash-target",
            &[
                ("percent", Arg::from(percent)),
                ("actual", Arg::from(format_share(d.totals.household_share_permille(), lang).as_str())),
            ],
        ),
        None => ctx.t("dash-no-target"),
    };
    let back = matches!(session.scope, OfficeScope::Province(_)).then(|| ctx.href("/office/province"));
    let page = CommunePage {
        page: frame(&ctx, &d.commune_name),
        signout: Some(form_token(&session.token)),
        name: d.commune_name.clone(),
        place: (!place.is_empty()).then_some(place),
        back,
        back_label: d
            .province
            .as_deref()
            .map_or_else(String::new, |p| ctx.t_with("office-province-title", &[("province", Arg::from(p))])),
        target,
        headline: sheet::headline(&d, lang),
        villages_chart: ctx.href(&format!("{base}/villages.svg")),
        months_chart: ctx.href(&format!("{base}/months.svg")),
        caption: ctx.t("office-by-village"),
        table: ShownTable {
            headers: villages.headers.clone(),
            rows: villages.rows.iter().map(shown).collect(),
            total: villages.total.as_ref().map(shown),
        },
        months: ShownMonths {
            headers: months.headers,
            rows: months
                .rows
                .iter()
                .map(|(label, cells)| (label.clone(), cells.iter().map(|c| c.shown(lang)).collect()))
                .collect(),
        },
        csv: ctx.href(&format!("{base}/figures.csv")),
        xlsx: ctx.href(&format!("{base}/figures.xlsx")),
        counted_at: counted_at(&ctx, d.counted_at),
    };
    page_response(StatusCode::OK, render(&page))
}

fn counted_at(ctx: &Ctx, at: i64) -> String {
    ctx.t_with("office-counted-at", &[("time", Arg::from(format_datetime(at, VIETNAM_OFFSET_MINUTES).as_str()))])
}

/// A province's communes, sorted by `?sort=` (`name` or a measure's key) and `?dir=`.
pub(crate) async fn province(State(web): State<Web>, ctx: Ctx, headers: HeaderMap, query: Params) -> Response {
    let session = match signed_in(&web, &ctx, &headers).await {
        Ok(session) => session,
        Err(refused) => return refused,
    };
    let OfficeScope::Province(province) = session.scope.clone() else {
        return Refusal::Forbidden.page(&ctx);
    };
    let params = params(query);
    let service = web.service.clone();
    let asked = province.clone();
    let rows = match blocking(move || service.province_table(&asked)).await {
        Ok(rows) => rows,
        Err(e) => return Refusal::from(e).page(&ctx),
    };
    let sort = params.get("sort").map(String::as_str).filter(|s| *s == "name" || MEASURES.iter().any(|m| m.key == *s));
    let descending = params.get("dir").is_some_and(|d| d == "desc");
    let rows = sorted(rows, sort.unwrap_or("name"), descending);
    let lang = ctx.lang.as_str();
    let table = sheet::communes(&rows, lang);
    let keys = std::iter::once("name").chain(MEASURES.iter().map(|m| m.key));
    let headers = table
        .headers
        .iter()
        .zip(keys)
        .map(|(label, key)| {
            let current = sort.unwrap_or("name") == key;
            let dir = if current && !descending { "desc" } else { "asc" };
            SortHeader {
                label: label.clone(),
                href: ctx.href(&format!("/office/province?sort={key}&dir={dir}")),
                sorted: current.then_some(if descending { "descending" } else { "ascending" }),
            }
        })
        .collect();
    let heading = ctx.t_with("office-province-title", &[("province", Arg::from(province.as_str()))]);
    let page = ProvincePage {
        page: frame(&ctx, &heading),
        signout: Some(form_token(&session.token)),
        heading,
        headers,
        rows: table
            .rows
            .iter()
            .map(|r| ProvinceRow {
                name: r.name.clone(),
                href: ctx.href(&format!("/office/commune/{}", r.id.as_deref().unwrap_or_default())),
                cells: r.cells.iter().map(|c| c.shown(lang)).collect(),
            })
            .collect(),
        counted_at: counted_at(&ctx, langso_core::time::now_ms()),
    };
    page_response(StatusCode::OK, render(&page))
}

/// The communes by `key` (a measure; anything else is the name alone), ties by name.
fn sorted(mut rows: Vec<CommuneRow>, key: &str, descending: bool) -> Vec<CommuneRow> {
    let measure = MEASURES.iter().find(|m| m.key == key);
    let value = |r: &CommuneRow| match measure.map(|m| (m.read)(&r.figures)) {
        Some(Number::Count(n) | Number::Share(n)) => n,
        None => 0,
    };
    rows.sort_by(|a, b| {
        let by = value(a).cmp(&value(b)).then_with(|| a.name.cmp(&b.name));
        if descending { by.reverse() } else { by }
    });
    rows
}
