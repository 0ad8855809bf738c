use std::collections::HashSet;

use rust_xlsxwriter::{ColNum, Format, RowNum, Workbook, Worksheet, XlsxError};
use unicode_normalization::UnicodeNormalization;

use crate::ReportError;

/// One worksheet of a workbook: a header row, then rows of as many cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Tab {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// A cell of a [`Tab`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(i64),
    /// A share 0.0..=1.0 shown as a percent with one decimal.
    Share(f64),
    Empty,
}

/// Excel refuses longer sheet names, counted in UTF-16 units.
const NAME_MAX: usize = 31;
/// Column widths, in Excel's units of about one character.
const WIDTH_MIN: usize = 8;
const WIDTH_MAX: usize = 60;

/// An Excel workbook with one worksheet per tab: the header row bold and frozen, columns about
/// as wide as their longest cell, numbers as numbers and shares as percents. Text is always
/// written as text, so a cell like `=1+1` is never a formula.
pub fn xlsx(tabs: &[Tab]) -> Result<Vec<u8>, ReportError> {
    if tabs.is_empty() {
        return Err(ReportError::NoColumns);
    }
    for tab in tabs {
        check(tab)?;
    }
    let bold = Format::new().set_bold();
    let share = Format::new().set_num_format("0.0%");
    let mut workbook = Workbook::new();
    for (tab, name) in tabs.iter().zip(sheet_names(tabs)) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        write_tab(sheet, tab, &bold, &share)?;
    }
    Ok(workbook.save_to_buffer()?)
}

fn check(tab: &Tab) -> Result<(), ReportError> {
    if tab.header.is_empty() {
        return Err(ReportError::NoColumns);
    }
    if let Some((row, cells)) = tab.rows.iter().enumerate().find(|(_, cells)| cells.len() != tab.header.len()) {
        return Err(ReportError::RowLength { row, expected: tab.header.len(), found: cells.len() });
    }
    Ok(())
}

fn write_tab(sheet: &mut Worksheet, tab: &Tab, bold: &Format, share: &Format) -> Result<(), XlsxError> {
    for (col, title) in tab.header.iter().enumerate() {
        let col = column(col)?;
        sheet.write_string_with_format(0, col, title, bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (index, cells) in tab.rows.iter().enumerate() {
        let row = RowNum::try_from(index + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (col, value) in cells.iter().enumerate() {
            let col = column(col)?;
            match value {
                Value::Text(text) => sheet.write_string(row, col, text)?,
                Value::Int(n) => sheet.write_number(row, col, *n as f64)?,
                Value::Share(s) => sheet.write_number_with_format(row, col, *s, share)?,
                Value::Empty => sheet,
            };
        }
    }
    for (col, title) in tab.header.iter().enumerate() {
        let longest = tab.rows.iter().filter_map(|cells| cells.get(col)).map(shown_width).max().unwrap_or(0);
        // The bold header needs about one character more than its letters.
        let width = longest.max(shown_width_of(title) + 1) + 2;
        sheet.set_column_width(column(col)?, width.clamp(WIDTH_MIN, WIDTH_MAX) as f64)?;
    }
    Ok(())
}

fn column(index: usize) -> Result<ColNum, XlsxError> {
    ColNum::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}

/// About how many characters a cell shows: its longest line for text.
fn shown_width(value: &Value) -> usize {
    match value {
        Value::Text(text) => shown_width_of(text),
        Value::Int(n) => n.to_string().len(),
        Value::Share(s) => format!("{:.1}%", s * 100.0).len(),
        Value::Empty => 0,
    }
}

fn shown_width_of(text: &str) -> usize {
    text.lines().map(|line| line.nfc().count()).max().unwrap_or(0)
}

/// Sheet names Excel accepts, one per tab: the tab's name without the characters Excel
/// forbids, cut to 31 units, and made unique (Excel compares names ignoring case) with a
/// ` (2)`-style suffix.
fn sheet_names(tabs: &[Tab]) -> Vec<String> {
    // Excel keeps "History" for itself.
    let mut taken: HashSet<String> = HashSet::from(["history".to_owned()]);
    let mut names = Vec::with_capacity(tabs.len());
    for (index, tab) in tabs.iter().enumerate() {
        let cleaned = clean_name(&tab.name);
        let base = if cleaned.is_empty() { (index + 1).to_string() } else { cleaned };
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name.to_lowercase()) {
            let suffix = format!(" ({n})");
            name = format!("{}{suffix}", cut(&base, NAME_MAX - suffix.len()));
            n += 1;
        }
        taken.insert(name.to_lowercase());
        names.push(name);
    }
    names
}

/// `name` in NFC, with `[]:*?/\` as `-`, control characters as spaces, no apostrophe or
/// space at either end, and at most [`NAME_MAX`] UTF-16 units.
fn clean_name(name: &str) -> String {
    let replaced: String = name
        .nfc()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    cut(trim(&replaced), NAME_MAX).to_owned()
}

/// At most `max` UTF-16 units of `name`, trimmed again since the cut may leave a space or an
/// apostrophe at the end.
fn cut(name: &str, max: usize) -> &str {
    let mut units = 0;
    let end = name
        .char_indices()
        .find(|(_, c)| {
            units += c.len_utf16();
            units > max
        })
        .map_or(name.len(), |(at, _)| at);
    trim(&name[..end])
}

fn trim(name: &str) -> &str {
    name.trim_matches(|c: char| c == '\'' || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tab(name: &str) -> Tab {
        Tab { name: name.to_owned(), header: vec!["a".into()], rows: vec![] }
    }

    #[test]
    fn names_lose_forbidden_characters_and_fit_31_units() {
        assert_eq!(clean_name("Báo cáo 11/2026: [thôn]?*\\"), "Báo cáo 11-2026- -thôn----");
        assert_eq!(clean_name("'Thôn Nà Ngần'"), "Thôn Nà Ngần");
        assert_eq!(clean_name("  \t "), "");
        let long = clean_name("Người đủ 5 kỹ năng theo từng thôn bản");
        assert_eq!(long, "Người đủ 5 kỹ năng theo từng th");
        assert_eq!(long.encode_utf16().count(), 31);
        // Decomposed letters are composed first, so they count once.
        assert_eq!(clean_name("Ngu\u{31b}o\u{31b}\u{300}i"), "Người");
        assert_eq!(cut("abc 😀x", 5), "abc");
    }

    #[test]
    fn equal_names_get_a_suffix_within_31_units() {
        let long = "x".repeat(40);
        let names =
            sheet_names(&[tab("Thôn"), tab("THÔN"), tab("thôn"), tab(""), tab("History"), tab(&long), tab(&long)]);
        assert_eq!(names[..5], ["Thôn", "THÔN (2)", "thôn (3)", "4", "History (2)"]);
        assert_eq!(names[5], "x".repeat(31));
        assert_eq!(names[6], format!("{} (2)", "x".repeat(27)));
    }
}
