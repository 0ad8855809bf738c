//! How the pages write prices, stars, dates and phone numbers, and the QR codes they serve.

use langso_core::market::public::PublicProduct;
use langso_core::market::vietqr::{self, Transfer};
use langso_core::time::{VIETNAM_OFFSET_MINUTES, format_datetime, now_ms};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// A QR code of `text` as a standalone SVG document (served as its own image: the pages'
/// CSP allows no inline markup of this kind), or `None` when the text is too long for one.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    Some(code.render::<svg::Color<'_>>().min_dimensions(256, 256).quiet_zone(true).build())
}

/// The transfer note of a VietQR payment for `quantity` of a product.
pub fn payment_note(product_name: &str, quantity: i64) -> String {
    format!("{product_name} x{quantity}")
}

/// The VietQR payload to pay for `quantity` of `product`: its price × quantity to the bank
/// account it publishes, with [`payment_note`]. `None` without bank details, or when the
/// amount is beyond what a VietQR code carries.
pub fn payment_payload(product: &PublicProduct, quantity: i64) -> Option<String> {
    let bin = product.bank_bin.as_deref()?;
    let account = product.bank_account.as_deref()?;
    product.bank_holder.as_deref()?;
    let amount_dong = product.card.price_dong.checked_mul(quantity).filter(|a| *a > 0)?;
    let note = payment_note(&product.card.name, quantity);
    vietqr::payload(&Transfer { bin, account, amount_dong: Some(amount_dong), note: &note }).ok()
}

/// `24/11/2026` for `2026-11-24`; anything else as it is.
pub(crate) fn date(iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>()[..] {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => format!("{d}/{m}/{y}"),
        _ => iso.to_owned(),
    }
}

/// Today in Vietnam, `YYYY-MM-DD`.
pub(crate) fn today() -> String {
    // `24/11/2026 09:10 UTC+7`
    let shown = format_datetime(now_ms(), VIETNAM_OFFSET_MINUTES);
    match shown.get(..10).map(|d| d.split('/').collect::<Vec<_>>()).as_deref() {
        Some([d, m, y]) => format!("{y}-{m}-{d}"),
        _ => String::new(),
    }
}

/// The digits of a phone number (and a leading `+`), safe in a `tel:` or Zalo link.
pub(crate) fn dial(phone: &str) -> String {
    phone.chars().enumerate().filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+')).map(|(_, c)| c).collect()
}

/// `0987 654 321` for `0987654321`, as Vietnamese write mobile numbers.
pub(crate) fn phone(phone: &str) -> String {
    let digits = dial(phone);
    if digits.len() == 10 && digits.starts_with('0') {
        format!("{} {} {}", &digits[..4], &digits[4..7], &digits[7..])
    } else {
        digits
    }
}

/// `★★★★` for four stars.
pub(crate) fn stars(count: i64) -> String {
    "★".repeat(usize::try_from(count.clamp(0, 5)).unwrap_or(0))
}

/// Paragraphs of a farmer's text, split at blank lines or line breaks.
pub(crate) fn paragraphs(text: Option<&str>) -> Vec<String> {
    text.map(|t| t.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_phones_and_stars() {
        assert_eq!(date("2026-11-24"), "24/11/2026");
        assert_eq!(date("soon"), "soon");
        assert_eq!(today().len(), 10);
        assert_eq!(phone("0987654321"), "0987 654 321");
        assert_eq!(dial("+84 987-654\"321"), "+84987654321");
        assert_eq!(stars(4), "★★★★");
        assert_eq!(paragraphs(Some("a\n\n b \n")), vec!["a", "b"]);
    }
}
