//! Money is whole đồng; shown the way each language writes it (150.000 ₫, 150,000 ₫).

/// `amount` in đồng with the thousands separator of `lang`: a comma in English, a dot in
/// Vietnamese and the other languages of the communes.
pub fn format_dong(amount: i64, lang: &str) -> String {
    let separator = if lang == "en" { ',' } else { '.' };
    let digits = amount.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 4);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(c);
    }
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}{grouped} ₫")
}

#[cfg(test)]
mod tests {
    use super::format_dong;

    #[test]
    fn dong_follows_the_locale() {
        assert_eq!(format_dong(150_000, "vi"), "150.000 ₫");
        assert_eq!(format_dong(150_000, "en"), "150,000 ₫");
        assert_eq!(format_dong(0, "vi"), "0 ₫");
        assert_eq!(format_dong(999, "vi"), "999 ₫");
        assert_eq!(format_dong(1_000, "vi"), "1.000 ₫");
        assert_eq!(format_dong(-25_500, "en"), "-25,500 ₫");
    }
}
