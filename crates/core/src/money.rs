//! Money is whole đồng; shown the way each language writes it (150.000 ₫, 150,000 ₫), as are
//! counts (1.234) and shares (66,7 %).

/// `amount` in đồng with the thousands separator of `lang`: a comma in English, a dot in
/// Vietnamese and the other languages of the communes.
pub fn format_dong(amount: i64, lang: &str) -> String {
    format!("{} ₫", format_count(amount, lang))
}

/// A whole number grouped in thousands as `lang` writes it: 1.234 (1,234 in English).
pub fn format_count(n: i64, lang: &str) -> String {
    let separator = if lang == "en" { ',' } else { '.' };
    let digits = n.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(c);
    }
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{grouped}")
}

/// A share in tenths of a percent as `lang` writes it: 66,7 % (66.7% in English).
pub fn format_share(permille: i64, lang: &str) -> String {
    let whole = format_count(permille / 10, lang);
    let tenth = (permille % 10).abs();
    if lang == "en" { format!("{whole}.{tenth}%") } else { format!("{whole},{tenth} %") }
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

    #[test]
    fn counts_and_shares_follow_the_locale() {
        assert_eq!(super::format_count(12_345, "vi"), "12.345");
        assert_eq!(super::format_share(667, "vi"), "66,7 %");
        assert_eq!(super::format_share(1000, "en"), "100.0%");
        assert_eq!(super::format_share(0, "vi"), "0,0 %");
    }
}
