use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use langso_reports::{ReportError, Tab, Value, xlsx};

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

fn tab(name: &str, header: &[&str], rows: Vec<Vec<Value>>) -> Tab {
    Tab { name: name.to_owned(), header: header.iter().map(|h| (*h).to_owned()).collect(), rows }
}

fn villages() -> Tab {
    tab(
        "Theo thôn",
        &["Thôn", "Người đủ 5 kỹ năng", "Hộ đạt chuẩn", "Ghi chú"],
        vec![
            vec![text("Thôn Nà Ngần"), Value::Int(12), Value::Share(0.667), text("=1+1")],
            vec![text("Bản Phủng"), Value::Int(-3), Value::Share(0.0), Value::Empty],
            vec![text("@SUM(A1)"), Value::Int(1_234_567), Value::Share(1.0), text("+84 912")],
        ],
    )
}

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes)).expect("calamine opens the workbook")
}

#[test]
fn text_numbers_and_shares_read_back() {
    let mut book = open(xlsx(&[villages()]).expect("xlsx"));
    assert_eq!(book.sheet_names(), ["Theo thôn"]);
    let range = book.worksheet_range("Theo thôn").expect("sheet");
    let at = |row: u32, col: u32| range.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(0, 1), Data::String("Người đủ 5 kỹ năng".into()));
    assert_eq!(at(1, 0), Data::String("Thôn Nà Ngần".into()));
    assert_eq!(at(1, 1), Data::Float(12.0));
    assert_eq!(at(2, 1), Data::Float(-3.0));
    assert_eq!(at(3, 1), Data::Float(1_234_567.0));
    assert_eq!(at(1, 2), Data::Float(0.667));
    assert_eq!(at(3, 2), Data::Float(1.0));
    assert_eq!(at(2, 3), Data::Empty);
    assert_eq!(range.get_size(), (4, 4));
}

#[test]
fn formula_looking_text_stays_text() {
    let mut book = open(xlsx(&[villages()]).expect("xlsx"));
    let range = book.worksheet_range("Theo thôn").expect("sheet");
    assert_eq!(range.get_value((1, 3)), Some(&Data::String("=1+1".into())));
    assert_eq!(range.get_value((3, 0)), Some(&Data::String("@SUM(A1)".into())));
    assert_eq!(range.get_value((3, 3)), Some(&Data::String("+84 912".into())));
    let formulas = book.worksheet_formula("Theo thôn").expect("formulas");
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell holds a formula");
}

#[test]
fn header_is_bold_and_shares_are_percents() {
    let mut book = open(xlsx(&[villages()]).expect("xlsx"));
    let styles = book.worksheet_style("Theo thôn").expect("styles");
    for col in 0..4 {
        let bold = styles.get((0, col)).and_then(|s| s.font.as_ref()).is_some_and(|f| f.is_bold());
        assert!(bold, "header cell {col} is bold");
    }
    let format =
        |row, col| styles.get((row, col)).and_then(|s| s.number_format.as_ref()).map(|n| n.format_code.clone());
    assert_eq!(format(1, 2).as_deref(), Some("0.0%"));
    assert_ne!(format(1, 1).as_deref(), Some("0.0%"));
}

#[test]
fn each_tab_is_a_sheet_with_a_clean_unique_name() {
    let header = ["Tháng", "Số người"];
    let row = || vec![vec![text("11/2026"), Value::Int(4)]];
    let tabs = [
        tab("Báo cáo 11/2026: [thôn]?", &header, row()),
        tab("Theo thôn", &header, row()),
        tab("theo thôn", &header, row()),
        tab("Người đủ 5 kỹ năng theo từng thôn bản", &header, row()),
    ];
    let mut book = open(xlsx(&tabs).expect("xlsx"));
    assert_eq!(
        book.sheet_names(),
        ["Báo cáo 11-2026- -thôn--", "Theo thôn", "theo thôn (2)", "Người đủ 5 kỹ năng theo từng th"]
    );
    let range = book.worksheet_range("theo thôn (2)").expect("sheet");
    assert_eq!(range.get_value((1, 0)), Some(&Data::String("11/2026".into())));
}

#[test]
fn rows_must_fit_the_header() {
    let mut short = villages();
    short.rows[1].pop();
    let err = xlsx(&[tab("Một", &["a"], vec![]), short]).expect_err("a short row is refused");
    assert!(matches!(err, ReportError::RowLength { row: 1, expected: 4, found: 3 }), "{err:?}");
}

#[test]
fn no_tabs_or_no_columns_are_refused() {
    assert!(matches!(xlsx(&[]), Err(ReportError::NoColumns)));
    assert!(matches!(xlsx(&[tab("Trống", &[], vec![])]), Err(ReportError::NoColumns)));
}

#[test]
fn a_header_only_tab_is_a_sheet() {
    let mut book = open(xlsx(&[tab("Trống", &["Thôn"], vec![])]).expect("xlsx"));
    let range = book.worksheet_range("Trống").expect("sheet");
    assert_eq!(range.get_value((0, 0)), Some(&Data::String("Thôn".into())));
}

#[test]
fn the_writers_own_limits_are_errors_not_panics() {
    let long = "x".repeat(40_000);
    let err = xlsx(&[tab("Dài", &["a"], vec![vec![text(&long)]])]).expect_err("too long for Excel");
    assert!(matches!(err, ReportError::Xlsx(_)), "{err:?}");
}
