//! Checks on what people type. Each failure names the field and the rule, and renders as a
//! localised message; a write that fails a check changes nothing.

use serde::Serialize;

use crate::i18n::{Arg, Localizer};
use crate::money::format_dong;

/// The field a person filled in; its label is the Fluent message `field-<name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    Commune,
    Village,
    District,
    Province,
    Name,
    Household,
    BirthYear,
    Phone,
    Avatar,
    Pin,
    Consent,
    Profile,
    Title,
    Place,
    EndsAt,
    Lessons,
    Skills,
    Volunteer,
    Session,
    Lesson,
    Question,
    Choice,
    Step,
    Listing,
    Category,
    OcopGroup,
    Description,
    Story,
    Price,
    Unit,
    PackSize,
    Quantity,
    Season,
    AvailableFrom,
    OcopStars,
    OcopExpiry,
    Certifications,
    Photos,
    Zalo,
    BankBin,
    BankAccount,
    BankHolder,
    BuyerName,
    Message,
    TextSize,
    HeadName,
    Address,
    StartsAt,
    CancelReason,
    Target,
}

impl Field {
    pub const ALL: [Field; 50] = [
        Field::Commune,
        Field::Village,
        Field::District,
        Field::Province,
        Field::Name,
        Field::Household,
        Field::BirthYear,
        Field::Phone,
        Field::Avatar,
        Field::Pin,
        Field::Consent,
        Field::Profile,
        Field::Title,
        Field::Place,
        Field::EndsAt,
        Field::Lessons,
        Field::Skills,
        Field::Volunteer,
        Field::Session,
        Field::Lesson,
        Field::Question,
        Field::Choice,
        Field::Step,
        Field::Listing,
        Field::Category,
        Field::OcopGroup,
        Field::Description,
        Field::Story,
        Field::Price,
        Field::Unit,
        Field::PackSize,
        Field::Quantity,
        Field::Season,
        Field::AvailableFrom,
        Field::OcopStars,
        Field::OcopExpiry,
        Field::Certifications,
        Field::Photos,
        Field::Zalo,
        Field::BankBin,
        Field::BankAccount,
        Field::BankHolder,
        Field::BuyerName,
        Field::Message,
        Field::TextSize,
        Field::HeadName,
        Field::Address,
        Field::StartsAt,
        Field::CancelReason,
        Field::Target,
    ];

    pub fn message_id(self) -> String {
        let name = serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        format!("field-{name}")
    }
}

/// What was wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    Empty,
    TooLong {
        max: usize,
    },
    Range {
        min: i64,
        max: i64,
    },
    Money {
        min: i64,
        max: i64,
    },
    Phone,
    Pin,
    Unknown,
    Consent,
    Format,
    Order,
    Duplicate,
    /// Belongs to another commune than the session or household it is put with.
    OtherCommune,
    /// Belongs to another village than the person put with it.
    OtherVillage,
    /// Not marked present (or late) at the session.
    NotPresent,
    /// The session was cancelled: nothing more is recorded at it.
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field:?} is invalid: {rule:?}")]
pub struct Invalid {
    pub field: Field,
    pub rule: Rule,
}

impl Invalid {
    pub fn new(field: Field, rule: Rule) -> Invalid {
        Invalid { field, rule }
    }

    pub fn message_id(&self) -> &'static str {
        match self.rule {
            Rule::Empty => "invalid-empty",
            Rule::TooLong { .. } => "invalid-too-long",
            Rule::Range { .. } => "invalid-range",
            Rule::Money { .. } => "invalid-money",
            Rule::Phone => "invalid-phone",
            Rule::Pin => "invalid-pin",
            Rule::Unknown => "invalid-unknown",
            Rule::Consent => "invalid-consent",
            Rule::Format => "invalid-format",
            Rule::Order => "invalid-order",
            Rule::Duplicate => "invalid-duplicate",
            Rule::OtherCommune => "invalid-other-commune",
            Rule::OtherVillage => "invalid-other-village",
            Rule::NotPresent => "invalid-not-present",
            Rule::Cancelled => "invalid-cancelled",
        }
    }

    pub fn localize(&self, l10n: &Localizer, lang: &str) -> String {
        let mut args = vec![("field", Arg::from(l10n.format(lang, &self.field.message_id(), &[])))];
        match self.rule {
            Rule::TooLong { max } => args.push(("max", Arg::from(max))),
            Rule::Range { min, max } => {
                args.push(("min", Arg::from(min)));
                args.push(("max", Arg::from(max)));
            }
            Rule::Money { min, max } => {
                args.push(("min", Arg::from(format_dong(min, lang))));
                args.push(("max", Arg::from(format_dong(max, lang))));
            }
            _ => {}
        }
        l10n.format(lang, self.message_id(), &args)
    }
}

pub type Checked<T> = Result<T, Invalid>;

/// Required text: trimmed, not empty, at most `max` characters, no control characters.
pub fn text(field: Field, value: &str, max: usize) -> Checked<String> {
    optional_text(field, Some(value), max)?.ok_or(Invalid::new(field, Rule::Empty))
}

/// Optional text: blank becomes `None`; line breaks are allowed, other control characters not.
pub fn optional_text(field: Field, value: Option<&str>, max: usize) -> Checked<Option<String>> {
    let value = value.map(without_invisible);
    let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if value.chars().count() > max {
        return Err(Invalid::new(field, Rule::TooLong { max }));
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Invalid::new(field, Rule::Format));
    }
    Ok(Some(value.to_owned()))
}

/// Characters that change how text around them is shown, or show nothing at all: direction
/// overrides and isolates (which can make "gnp.exe" read as "exe.png"), zero-width spaces and
/// joiners, the soft hyphen and the byte-order mark. Vietnamese text never needs them.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// `value` without invisible and direction-changing characters.
pub fn without_invisible(value: &str) -> String {
    value.chars().filter(|c| !is_invisible(*c)).collect()
}

/// A name a device gives itself, cleaned rather than refused (no person typed it): control
/// and invisible characters dropped, spaces trimmed, at most `max` characters.
pub fn display_name(value: &str, max: usize) -> String {
    value
        .chars()
        .filter(|c| !c.is_control() && !is_invisible(*c))
        .collect::<String>()
        .trim()
        .chars()
        .take(max)
        .collect()
}

pub fn range(field: Field, value: i64, min: i64, max: i64) -> Checked<i64> {
    if (min..=max).contains(&value) { Ok(value) } else { Err(Invalid::new(field, Rule::Range { min, max })) }
}

pub fn money(field: Field, value: i64, min: i64, max: i64) -> Checked<i64> {
    if (min..=max).contains(&value) { Ok(value) } else { Err(Invalid::new(field, Rule::Money { min, max })) }
}

/// A Vietnamese phone number, returned in the national form `0xxxxxxxxx`: mobile numbers
/// are 10 digits from 03, 05, 07, 08 or 09; landlines 11 digits from 02. Spaces, dots and
/// dashes are allowed, and +84 or 84 in place of the leading 0.
pub fn phone(field: Field, value: &str) -> Checked<String> {
    let digits: String = value.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')')).collect();
    let national = if let Some(rest) = digits.strip_prefix("+84") {
        format!("0{rest}")
    } else if let Some(rest) = digits.strip_prefix("84").filter(|r| r.len() == 9 || r.len() == 10) {
        format!("0{rest}")
    } else {
        digits
    };
    let ok = national.bytes().all(|b| b.is_ascii_digit())
        && match national.as_bytes() {
            [b'0', b'3' | b'5' | b'7' | b'8' | b'9', rest @ ..] => rest.len() == 8,
            [b'0', b'2', rest @ ..] => rest.len() == 9,
            _ => false,
        };
    if ok { Ok(national) } else { Err(Invalid::new(field, Rule::Phone)) }
}

pub fn optional_phone(field: Field, value: Option<&str>) -> Checked<Option<String>> {
    value.map(str::trim).filter(|v| !v.is_empty()).map(|v| phone(field, v)).transpose()
}

/// A canonical UUID (lower-case, hyphenated), as every row id is.
pub fn id(field: Field, value: &str) -> Checked<String> {
    match uuid::Uuid::parse_str(value) {
        Ok(u) if u.hyphenated().to_string() == value => Ok(value.to_owned()),
        _ => Err(Invalid::new(field, Rule::Unknown)),
    }
}

/// A calendar date, `YYYY-MM-DD`.
pub fn date(field: Field, value: &str) -> Checked<String> {
    let bad = || Invalid::new(field, Rule::Format);
    let parts: Vec<&str> = value.trim().split('-').collect();
    let [y, m, d] = parts.as_slice() else { return Err(bad()) };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(bad());
    };
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if !(2000..=2100).contains(&y) || d == 0 || d > days {
        return Err(bad());
    }
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_phone_numbers() {
        for (input, expected) in [
            ("0912345678", "0912345678"),
            ("091 234 5678", "0912345678"),
            ("+84 912 345 678", "0912345678"),
            ("84912345678", "0912345678"),
            ("0378.123.456", "0378123456"),
            ("024 3825 1234", "02438251234"),
        ] {
            assert_eq!(phone(Field::Phone, input).as_deref(), Ok(expected), "{input}");
        }
        for bad in
            ["", "12345", "0112345678", "091234567", "09123456789", "0912abc678", "+1 202 555 0100", "0000000000"]
        {
            assert!(phone(Field::Phone, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(text(Field::Name, "  Lò Thị Mai ", 40), Ok("Lò Thị Mai".to_owned()));
        assert_eq!(text(Field::Name, "   ", 40), Err(Invalid::new(Field::Name, Rule::Empty)));
        assert_eq!(text(Field::Name, &"a".repeat(41), 40), Err(Invalid::new(Field::Name, Rule::TooLong { max: 40 })));
        assert_eq!(text(Field::Name, "a\u{0}b", 40), Err(Invalid::new(Field::Name, Rule::Format)));
        assert_eq!(optional_text(Field::Story, Some("dòng 1\ndòng 2"), 100), Ok(Some("dòng 1\ndòng 2".to_owned())));
    }

    #[test]
    fn invisible_and_direction_characters_are_dropped() {
        // "Mai" + right-to-left override + "gnp.exe" would show as "Maiexe.png".
        assert_eq!(text(Field::Name, "Mai\u{202E}gnp.exe", 40), Ok("Maignp.exe".to_owned()));
        assert_eq!(text(Field::Name, "\u{200B}\u{FEFF}", 40), Err(Invalid::new(Field::Name, Rule::Empty)));
        assert_eq!(display_name(" Máy\u{200D} của\u{2066} Lan\n ", 80), "Máy của Lan");
        assert_eq!(display_name(&"á".repeat(100), 80).chars().count(), 80);
    }

    #[test]
    fn dates() {
        assert_eq!(date(Field::OcopExpiry, "2027-02-28").as_deref(), Ok("2027-02-28"));
        for bad in ["2027-02-30", "2027-13-01", "27-1-1x", "", "1999-01-01"] {
            assert!(date(Field::OcopExpiry, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_message_names_the_field_and_formats_money_for_the_language() {
        let l10n = Localizer::embedded();
        let price = Invalid::new(Field::Price, Rule::Money { min: 1, max: 100_000_000 });
        assert_eq!(price.localize(l10n, "vi"), "Giá: phải từ 1 ₫ đến 100.000.000 ₫.");
        assert_eq!(price.localize(l10n, "en"), "Price: must be from 1 ₫ to 100,000,000 ₫.");
        let long = Invalid::new(Field::Name, Rule::TooLong { max: 60 });
        assert_eq!(long.localize(l10n, "vi"), "Tên: dài quá, tối đa 60 ký tự.");
    }
}
