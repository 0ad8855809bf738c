//! A learner's certificate as a PDF to print and a picture to send: one page, the Vietnamese
//! text readable back from the PDF, a picture of the set width with something drawn on it,
//! and a name that looks like markup drawn as text. Both are kept in
//! `$CARGO_TARGET_DIR/tmp/reports/` to look at.

use std::path::Path;

use langso_reports::{Certificate, PICTURE_WIDTH, certificate_pdf, certificate_png};
use resvg::tiny_skia::Pixmap;

fn certificate(name: &str) -> Certificate {
    Certificate {
        org: "Làng Số · Xã Lũng Cú".into(),
        heading: "GIẤY CHỨNG NHẬN".into(),
        given_to: "Chứng nhận".into(),
        name: name.into(),
        place: "Thôn Lô Lô Chải, Xã Lũng Cú".into(),
        achievement: "Đã học xong 5 bài".into(),
        skills_heading: Some("Đã nắm được các kỹ năng:".into()),
        skills: vec!["Dịch vụ công trực tuyến".into(), "Tự bảo vệ trên mạng".into()],
        date: "Ngày 30/11/2026".into(),
        note: "Giấy này ghi nhận việc tự học trên ứng dụng Làng Số.".into(),
    }
}

fn kept(name: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("reports");
    std::fs::create_dir_all(&dir).expect("folder");
    std::fs::write(dir.join(name), bytes).expect("kept");
}

#[test]
fn the_pdf_is_one_page_whose_vietnamese_reads_back() {
    let pdf = certificate_pdf(&certificate("Giàng Thị Súa")).expect("pdf");
    kept("certificate.pdf", &pdf);
    let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf).expect("text");
    assert_eq!(pages.len(), 1);
    let text: String = pages[0].split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in ["GIẤY CHỨNG NHẬN", "Giàng Thị Súa", "Đã học xong 5 bài", "Tự bảo vệ trên mạng", "30/11/2026"]
    {
        assert!(text.contains(expected), "{expected:?} in {text:?}");
    }
}

#[test]
fn the_picture_is_a4_at_150_dpi_with_the_certificate_drawn() {
    let png = certificate_png(&certificate("Giàng Thị Súa")).expect("png");
    kept("certificate.png", &png);
    let pixmap = Pixmap::decode_png(&png).expect("a PNG");
    assert_eq!((pixmap.width(), pixmap.height()), (PICTURE_WIDTH, 1754));
    // Ink: the dark pixels of the text and the gold of the frame, against the paper.
    let inked = pixmap.pixels().iter().filter(|p| p.red() < 200).count();
    assert!(inked > 20_000, "only {inked} pixels drawn");
    assert!(png.len() < 400_000, "small enough to send over 2G: {} bytes", png.len());
}

#[test]
fn a_name_that_looks_like_markup_is_drawn_as_text() {
    let png = certificate_png(&certificate("<script>alert(1)</script> & \"Páo\"")).expect("png");
    assert!(Pixmap::decode_png(&png).is_ok());
    let pdf = certificate_pdf(&certificate("<b>Páo</b> & co")).expect("pdf");
    let text = pdf_extract::extract_text_from_mem(&pdf).expect("text");
    assert!(text.contains("<b>Páo</b> & co"), "{text}");
}
