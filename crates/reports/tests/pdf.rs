mod common;

use std::path::PathBuf;
use std::process::Command;

use langso_reports::{Align, Column, ReportError, Sheet, pdf};

fn pages(bytes: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(bytes).expect("text extracted from the PDF")
}

/// Extracted text with runs of whitespace made single spaces, so layout gaps do not matter.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn sixty_rows_fit_one_page_and_read_back() {
    let sheet = common::sheet(60);
    let bytes = pdf(&sheet).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    let pages = pages(&bytes);
    assert_eq!(pages.len(), 1);
    let text = squeezed(&pages[0]);
    for expected in [
        "Danh sách điểm danh lớp học kỹ năng số",
        "Xã Tân Lập, huyện Đồng Hỷ",
        "Nguyễn Thị Lan",
        "Đỗ Văn Bình",
        "Có mặt",
        "12",
        "Tổng số học viên",
        "Họ và tên",
        "Bản Nà Ơi",
        "Làng Số",
    ] {
        assert!(text.contains(expected), "{expected:?} not found in {text}");
    }
    // Every row is there: the last row's number and name.
    let last = format!("60 {}", sheet.rows[59][1]);
    assert!(text.contains(&last), "{last:?} not found in {text}");
    // A note too long for its column is cut with an ellipsis.
    assert!(text.contains('…'), "no ellipsis in {text}");
}

#[test]
fn the_pdf_carries_a_unicode_map_and_subset_fonts() {
    let bytes = pdf(&common::sheet(60)).expect("pdf");
    let doc = pdf_extract::Document::load_mem(&bytes).expect("a PDF lopdf can read");
    let fonts: Vec<_> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Subtype").and_then(|s| s.as_name()).is_ok_and(|n| n == b"Type0"))
        .collect();
    assert_eq!(fonts.len(), 2, "a regular and a bold face");
    assert!(fonts.iter().all(|d| d.has(b"ToUnicode")));
    assert!(bytes.len() < 120_000, "the fonts are cut down: {} bytes", bytes.len());
}

#[test]
fn long_tables_continue_with_the_header_repeated() {
    let sheet = common::sheet(140);
    let bytes = pdf(&sheet).expect("pdf");
    let pages = pages(&bytes);
    assert_eq!(pages.len(), 2);
    for page in &pages {
        let text = squeezed(page);
        assert!(text.contains("Họ và tên") && text.contains("Ghi chú"), "header missing on {text}");
    }
    // No row lost: every row number appears once as the start of a table line.
    let all: String = pages.iter().map(|p| squeezed(p)).collect::<Vec<_>>().join(" ");
    for (i, row) in sheet.rows.iter().enumerate() {
        let line = format!("{} {}", i + 1, row[1]);
        assert!(all.contains(&line), "row {line:?} is missing");
    }
    assert!(squeezed(&pages[1]).contains("2/2"));
}

#[test]
fn rows_must_match_the_columns() {
    let mut sheet = common::sheet(3);
    sheet.rows[2].pop();
    assert!(matches!(pdf(&sheet), Err(ReportError::RowLength { row: 2, expected: 6, found: 5 })));
    let mut sheet = common::sheet(3);
    sheet.columns[1].width = 0.0;
    assert!(matches!(pdf(&sheet), Err(ReportError::ColumnWidth { column: 1, .. })));
}

#[test]
fn a_sheet_without_a_table_is_a_page() {
    let sheet = Sheet {
        title: "Tóm tắt".to_owned(),
        figures: vec![("Có mặt".to_owned(), "12".to_owned())],
        ..Sheet::default()
    };
    let text = squeezed(&pages(&pdf(&sheet).expect("pdf"))[0]);
    assert!(text.contains("Tóm tắt") && text.contains("12"), "{text}");
    let empty = Sheet { columns: vec![Column::new("Tên", 1.0, Align::Left)], ..Sheet::default() };
    assert_eq!(pages(&pdf(&empty).expect("pdf")).len(), 1);
}

/// Saves a sample to `$CARGO_TARGET_DIR/tmp/reports/sample.pdf` to look at, and its first
/// page as `sample-1.png` when poppler's `pdftoppm` is installed.
#[test]
fn sample_is_saved() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("reports");
    std::fs::create_dir_all(&dir).expect("a folder for the sample");
    let path = dir.join("sample.pdf");
    std::fs::write(&path, pdf(&common::sheet(60)).expect("pdf")).expect("sample written");
    let long = dir.join("sample-long.pdf");
    std::fs::write(&long, pdf(&common::sheet(140)).expect("pdf")).expect("sample written");
    let rendered = Command::new("pdftoppm")
        .args(["-png", "-r", "110", "-f", "1", "-l", "1"])
        .arg(&path)
        .arg(dir.join("sample"))
        .status();
    if let Ok(status) = rendered {
        assert!(status.success(), "pdftoppm could not render the sample");
    }
}
