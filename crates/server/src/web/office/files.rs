//! What the office downloads and shows as pictures: the two charts as SVG (drawn by
//! `langso-charts`), and the figures as CSV and XLSX (`langso-reports`), written from the same
//! rows as the page, so the numbers match it.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use langso_core::dashboard::Dashboard;
use langso_reports::{Tab, Value};

use super::pages::visible_dashboard;
use super::sheet::{self, Number, t};
use crate::web::{Ctx, Refusal, Web, no_store};

fn file(mime: &'static str, name: Option<String>, bytes: Vec<u8>) -> Response {
    let mut response = ([(header::CONTENT_TYPE, mime)], bytes).into_response();
    if let Some(name) = name
        && let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
    {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    no_store(response)
}

/// `lang-so-<commune>.ext`, in ASCII letters, digits and dashes only.
fn file_name(d: &Dashboard, ext: &str) -> String {
    let folded = langso_core::search::fold(&d.commune_name);
    let slug: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("lang-so-{slug}.{ext}")
}

pub(crate) async fn villages_chart(
    State(web): State<Web>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    chart(&web, &ctx, &headers, id, langso_charts::village_bars).await
}

pub(crate) async fn months_chart(
    State(web): State<Web>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    chart(&web, &ctx, &headers, id, langso_charts::month_line).await
}

async fn chart(
    web: &Web,
    ctx: &Ctx,
    headers: &HeaderMap,
    id: String,
    draw: fn(&Dashboard, &str) -> Result<String, langso_charts::ChartError>,
) -> Response {
    let (_, d) = match visible_dashboard(web, ctx, headers, id).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    match draw(&d, &ctx.lang) {
        Ok(svg) => file("image/svg+xml", None, svg.into_bytes()),
        Err(e) => Refusal::Server(crate::ServerError::Encode(e.to_string())).page(ctx),
    }
}

/// The village table with the whole commune under it, one row per line.
pub(crate) async fn csv(State(web): State<Web>, ctx: Ctx, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let (_, d) = match visible_dashboard(&web, &ctx, &headers, id).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let table = sheet::villages(&d, &ctx.lang);
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .chain(table.total.iter())
        .map(|r| std::iter::once(r.name.clone()).chain(r.cells.iter().map(|c| c.plain())).collect())
        .collect();
    match langso_reports::csv(&table.headers, &rows) {
        Ok(bytes) => file("text/csv; charset=utf-8", Some(file_name(&d, "csv")), bytes),
        Err(e) => Refusal::Server(crate::ServerError::Encode(e.to_string())).page(&ctx),
    }
}

fn cell(n: Number) -> Value {
    match n {
        Number::Count(n) => Value::Int(n),
        Number::Share(p) => Value::Share(p as f64 / 1000.0),
    }
}

/// A workbook: the figures with their rules, the village table, and the months.
pub(crate) async fn xlsx(State(web): State<Web>, ctx: Ctx, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let (_, d) = match visible_dashboard(&web, &ctx, &headers, id).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let lang = ctx.lang.as_str();
    let figures = Tab {
        name: t(lang, "office-figures"),
        header: vec![t(lang, "office-figures"), d.commune_name.clone(), t(lang, "office-rules")],
        rows: sheet::MEASURES
            .iter()
            .map(|m| {
                vec![
                    Value::Text(t(lang, &format!("dash-col-{}", m.key))),
                    cell((m.read)(&d.totals)),
                    Value::Text(t(lang, &format!("dash-rule-{}", m.key))),
                ]
            })
            .collect(),
    };
    let table = sheet::villages(&d, lang);
    let villages = Tab {
        name: t(lang, "office-by-village"),
        header: table.headers.clone(),
        rows: table
            .rows
            .iter()
            .chain(table.total.iter())
            .map(|r| std::iter::once(Value::Text(r.name.clone())).chain(r.cells.iter().map(|c| cell(*c))).collect())
            .collect(),
    };
    let months = sheet::months(&d, lang);
    let months = Tab {
        name: t(lang, "office-by-month"),
        header: months.headers,
        rows: months
            .rows
            .into_iter()
            .map(|(label, cells)| std::iter::once(Value::Text(label)).chain(cells.into_iter().map(cell)).collect())
            .collect(),
    };
    match langso_reports::xlsx(&[figures, villages, months]) {
        Ok(bytes) => file(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Some(file_name(&d, "xlsx")),
            bytes,
        ),
        Err(e) => Refusal::Server(crate::ServerError::Encode(e.to_string())).page(&ctx),
    }
}
