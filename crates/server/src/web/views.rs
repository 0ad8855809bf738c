//! The pages' templates (`templates/`, Askama: compile-time checked, HTML auto-escaped) and
//! what each shows, already put into words in the buyer's language.

use askama::Template;
use langso_core::Localizer;
use langso_core::i18n::Arg;
use langso_core::market::public::ProductCard;
use langso_core::money::format_dong;

use super::Ctx;
use super::assets;
use super::format::stars;

/// What every page has: its language, title, links and the tags a shared link shows.
#[derive(Debug)]
pub(crate) struct Frame {
    pub lang: String,
    pub explicit: bool,
    pub css: &'static str,
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub home: String,
    pub search: String,
    pub other_lang: &'static str,
    pub other_href: String,
    pub og: Option<Og>,
}

/// Open Graph and Twitter card tags, so that a link shared on Zalo or Facebook shows the
/// product's photo, name and price.
#[derive(Debug)]
pub(crate) struct Og {
    pub kind: &'static str,
    pub locale: &'static str,
    pub title: String,
    pub description: String,
    pub url: String,
    pub image: Option<String>,
    /// Whole đồng.
    pub price: Option<i64>,
}

impl Frame {
    /// `title` is the page's own; the site's name follows it.
    pub fn new(ctx: &Ctx, title: &str, description: String) -> Frame {
        let site = ctx.t("web-site-name");
        let (other_lang, other_href) = ctx.other_language();
        Frame {
            lang: ctx.lang.clone(),
            explicit: ctx.explicit,
            css: assets::stylesheet(),
            title: if title.is_empty() { site } else { format!("{title} · {site}") },
            description,
            canonical: ctx.absolute(&ctx.href(&ctx.here)),
            home: ctx.href("/"),
            search: ctx.href("/search"),
            other_lang,
            other_href,
            og: None,
        }
    }

    /// A message of `locales/<lang>/web.ftl` without variables.
    pub fn t(&self, id: &str) -> String {
        Localizer::embedded().format(&self.lang, id, &[])
    }
}

/// A product in a list.
#[derive(Debug)]
pub(crate) struct Card {
    pub href: String,
    pub name: String,
    pub price: String,
    pub pack: Option<String>,
    pub stars: Option<String>,
    pub photo: Option<String>,
    pub place: String,
}

impl Card {
    pub fn new(ctx: &Ctx, card: &ProductCard) -> Card {
        Card {
            href: ctx.href(&format!("/product/{}", card.id)),
            name: card.name.clone(),
            price: price_per_unit(ctx, card.price_dong, &card.unit),
            pack: card.pack_size.as_ref().map(|p| ctx.t_with("web-pack", &[("pack", Arg::from(p.as_str()))])),
            stars: card.ocop_stars.map(|s| stars_line(ctx, s)),
            photo: card.photo.as_ref().map(|h| format!("/photo/{h}?size=thumb")),
            place: place(&card.commune, card.province.as_deref()),
        }
    }
}

pub(crate) fn price_per_unit(ctx: &Ctx, price: i64, unit: &str) -> String {
    ctx.t_with("web-price-per-unit", &[("price", Arg::from(format_dong(price, &ctx.lang))), ("unit", Arg::from(unit))])
}

/// `★★★★ OCOP 4 sao`.
pub(crate) fn stars_line(ctx: &Ctx, count: i64) -> String {
    format!("{} {}", stars(count), ctx.t_with("web-stars", &[("stars", Arg::from(count))]))
}

/// `Xã Lũng Cú · Hà Giang`.
pub(crate) fn place(commune: &str, province: Option<&str>) -> String {
    match province {
        Some(p) => format!("{commune} · {p}"),
        None => commune.to_owned(),
    }
}

/// An option of a `<select>`.
#[derive(Debug)]
pub(crate) struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Debug)]
pub(crate) struct Link {
    pub href: String,
    pub label: String,
}

#[derive(Debug)]
pub(crate) struct CommuneLink {
    pub href: String,
    pub name: String,
    pub count: String,
}

#[derive(Debug)]
pub(crate) struct ProvinceGroup {
    pub name: String,
    pub communes: Vec<CommuneLink>,
}

#[derive(Template, Debug)]
#[template(path = "home.html")]
pub(crate) struct HomePage {
    pub page: Frame,
    pub q: String,
    pub featured: Vec<Card>,
    pub newest: Vec<Card>,
    pub provinces: Vec<ProvinceGroup>,
}

#[derive(Debug)]
pub(crate) struct CategoryChip {
    pub label: String,
    pub value: String,
    pub remove: String,
}

#[derive(Template, Debug)]
#[template(path = "search.html")]
pub(crate) struct SearchPage {
    pub page: Frame,
    pub heading: String,
    pub q: String,
    pub category: Option<CategoryChip>,
    pub filters_open: bool,
    pub provinces: Vec<Opt>,
    pub communes: Vec<Opt>,
    pub stars: Vec<Opt>,
    pub min: String,
    pub max: String,
    pub season: bool,
    pub clear: String,
    pub note: Option<String>,
    pub cards: Vec<Card>,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub page_label: String,
}

#[derive(Template, Debug)]
#[template(path = "commune.html")]
pub(crate) struct CommunePage {
    pub page: Frame,
    pub name: String,
    pub place: Option<String>,
    /// Named `c` as the card template expects.
    pub signature: Option<Card>,
    pub cards: Vec<Card>,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub page_label: String,
}

#[derive(Debug)]
pub(crate) struct Photo {
    pub src: String,
    pub alt: String,
}

/// A product's page, in words.
#[derive(Debug)]
pub(crate) struct ProductView {
    pub name: String,
    pub price: String,
    pub pack: Option<String>,
    pub stars: Option<String>,
    pub facts: Vec<String>,
    pub place: String,
    pub commune_href: String,
    pub seller: Option<String>,
    pub tel: String,
    pub call: String,
    pub zalo: Option<String>,
    pub description: Vec<String>,
    pub story: Vec<String>,
    pub photos: Vec<Photo>,
    pub links: Vec<Link>,
}

/// The inquiry form: what was typed, and what is wrong with it.
#[derive(Debug, Default)]
pub(crate) struct AskView {
    pub action: String,
    pub quantity_label: String,
    pub name: String,
    pub phone: String,
    pub quantity: String,
    pub message: String,
    pub summary: Option<String>,
    pub name_error: Option<String>,
    pub phone_error: Option<String>,
    pub quantity_error: Option<String>,
    pub message_error: Option<String>,
}

/// The VietQR payment box.
#[derive(Debug)]
pub(crate) struct PayView {
    pub action: String,
    pub quantity_label: String,
    pub quantity: i64,
    pub quantity_note: Option<String>,
    pub amount: String,
    pub qr: Option<String>,
    pub qr_alt: String,
    pub bank: String,
    pub account: String,
    pub holder: String,
    pub note: String,
}

#[derive(Template, Debug)]
#[template(path = "product.html")]
pub(crate) struct ProductPage {
    pub page: Frame,
    pub p: ProductView,
    pub asked: bool,
    pub ask: AskView,
    pub pay: Option<PayView>,
}

#[derive(Template, Debug)]
#[template(path = "label.html")]
pub(crate) struct LabelPage {
    pub page: Frame,
    pub title: String,
    pub back: String,
    pub qr: String,
    pub name: String,
    pub price: String,
    pub stars: Option<String>,
    pub count: usize,
}

#[derive(Template, Debug)]
#[template(path = "error.html")]
pub(crate) struct ErrorPage {
    pub page: Frame,
    pub message: String,
}

#[derive(Template, Debug)]
#[template(path = "sitemap.xml")]
pub(crate) struct Sitemap {
    pub urls: Vec<String>,
}

/// Renders a template; a failure (none is expected: the templates are checked when built)
/// is logged and becomes an empty page rather than a panic.
pub(crate) fn render(template: &impl Template) -> String {
    template.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "a template failed to render");
        String::new()
    })
}

pub(crate) fn error_page(ctx: &Ctx, message: &str) -> String {
    let mut page = Frame::new(ctx, &ctx.t("web-error-title"), message.to_owned());
    page.canonical = ctx.absolute("/");
    render(&ErrorPage { page, message: message.to_owned() })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Every message the templates name exists in every language.
    #[test]
    fn the_templates_messages_exist_in_every_language() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut ids = BTreeSet::new();
        for entry in std::fs::read_dir(&dir).expect("templates") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("template");
            for piece in text.split("t(\"").skip(1) {
                ids.insert(piece.split('"').next().unwrap_or_default().to_owned());
            }
        }
        assert!(ids.len() > 30, "{ids:?}");
        let l10n = Localizer::embedded();
        for lang in l10n.languages() {
            for id in &ids {
                assert!(l10n.has_message(lang, id), "{lang} lacks {id}");
            }
        }
    }
}
