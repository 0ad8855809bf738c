use crate::ReportError;

/// The UTF-8 byte-order mark: without it, spreadsheet programs read the file in a
/// legacy code page and Vietnamese letters come out garbled.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV file of `header` then `rows`: UTF-8 with a byte-order mark, commas, CRLF line ends,
/// fields quoted where needed. Every row must have as many cells as the header.
pub fn csv(header: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, ReportError> {
    if header.is_empty() {
        return Err(ReportError::NoColumns);
    }
    if let Some((row, cells)) = rows.iter().enumerate().find(|(_, cells)| cells.len() != header.len()) {
        return Err(ReportError::RowLength { row, expected: header.len(), found: cells.len() });
    }
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(BOM.to_vec());
    for record in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let cells: Vec<_> = record.iter().map(|cell| guard(cell)).collect();
        writer.write_record(cells.iter().map(|cell| cell.as_bytes()))?;
    }
    writer.into_inner().map_err(|e| ReportError::Io(e.into_error()))
}

/// Formula guard: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return would be
/// run as a formula by a spreadsheet, so it gets a leading apostrophe and shows as text; a cell
/// that is a plain number (`12`, `-3`, `2,5`) is left as it is.
fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) { format!("'{cell}").into() } else { cell.into() }
}

/// An optional sign, digits, and at most one `.` or `,` followed by more digits.
fn is_plain_number(cell: &str) -> bool {
    let unsigned = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (whole, fraction) = match unsigned.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_plain() {
        for n in ["12", "-3", "+2", "2,5", "-0.75"] {
            assert!(is_plain_number(n), "{n}");
        }
        for n in ["", "-", "3/5", "1.2.3", "-.5", "5.", "=1", "1e3", "- 3"] {
            assert!(!is_plain_number(n), "{n}");
        }
    }

    #[test]
    fn guard_marks_only_formulas() {
        assert_eq!(guard("=SUM(A1:A2)"), "'=SUM(A1:A2)");
        assert_eq!(guard("@cmd"), "'@cmd");
        assert_eq!(guard("+84 912"), "'+84 912");
        assert_eq!(guard("-"), "'-");
        assert_eq!(guard("\tx"), "'\tx");
        assert_eq!(guard("\rx"), "'\rx");
        assert_eq!(guard("-3"), "-3");
        assert_eq!(guard("3/5"), "3/5");
        assert_eq!(guard("Nguyễn Thị Lan"), "Nguyễn Thị Lan");
        assert_eq!(guard("a=b"), "a=b");
    }
}
