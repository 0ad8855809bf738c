use langso_reports::{ReportError, csv};

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

/// Reads a CSV file back with the `csv` crate, after checking and dropping the byte-order mark.
fn read_back(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("starts with the UTF-8 byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn vietnamese_round_trips_after_the_bom() {
    let header = strings(&["Họ và tên", "Thôn", "Có mặt"]);
    let rows = vec![strings(&["Nguyễn Thị Lan", "Thôn Đông", "12"]), strings(&["Đỗ Văn Bình", "Xóm Chợ", "3/5"])];
    let bytes = csv(&header, &rows).expect("csv");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    let mut expected = vec![header];
    expected.extend(rows);
    assert_eq!(read_back(&bytes), expected);
}

#[test]
fn lines_end_in_crlf_and_awkward_cells_are_quoted() {
    let header = strings(&["Tên", "Ghi chú"]);
    let rows = vec![
        strings(&["Lê, Văn Tám", "nói \"sẽ đến\""]),
        strings(&["Bùi Thị Yến", "dòng một\ndòng hai"]),
        strings(&["", "đơn giản"]),
    ];
    let bytes = csv(&header, &rows).expect("csv");
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    assert_eq!(
        text,
        "Tên,Ghi chú\r\n\"Lê, Văn Tám\",\"nói \"\"sẽ đến\"\"\"\r\nBùi Thị Yến,\"dòng một\ndòng hai\"\r\n,đơn giản\r\n"
    );
    let mut expected = vec![header];
    expected.extend(rows);
    assert_eq!(read_back(&bytes), expected);
}

#[test]
fn formulas_are_defused_but_numbers_kept() {
    let header = strings(&["a", "b", "c", "d", "e", "f", "g", "h"]);
    let rows = vec![strings(&["=1+2", "+84 912 345 678", "-cmd", "@SUM(A1)", "\tx", "\rx", "12", "-3"])];
    let bytes = csv(&header, &rows).expect("csv");
    let back = read_back(&bytes);
    assert_eq!(back[1], strings(&["'=1+2", "'+84 912 345 678", "'-cmd", "'@SUM(A1)", "'\tx", "'\rx", "12", "-3"]));
    let rows = vec![strings(&["3/5", "Nguyễn = Lan", "0", "2,5", "-0.5", "", "x", "y"])];
    let back = read_back(&csv(&header, &rows).expect("csv"));
    assert_eq!(back[1], rows[0]);
}

#[test]
fn rows_of_another_length_are_refused() {
    let header = strings(&["Tên", "Thôn"]);
    for (bad, found) in [(strings(&["Nguyễn Thị Lan"]), 1), (strings(&["a", "b", "c"]), 3)] {
        let rows = vec![strings(&["Đỗ Văn Bình", "Xóm Chợ"]), bad];
        match csv(&header, &rows) {
            Err(ReportError::RowLength { row: 1, expected: 2, found: f }) => assert_eq!(f, found),
            other => panic!("expected a row-length error, got {other:?}"),
        }
    }
    assert!(matches!(csv(&[], &[]), Err(ReportError::NoColumns)));
}

#[test]
fn a_header_alone_is_a_file() {
    let bytes = csv(&strings(&["Tên"]), &[]).expect("csv");
    assert_eq!(bytes, b"\xEF\xBB\xBFT\xC3\xAAn\r\n");
}
