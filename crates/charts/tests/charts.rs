//! Both charts drawn from a hand-made dashboard, parsed back as XML and rendered with resvg.
//! The renders are saved as PNG to `$CARGO_TARGET_DIR/tmp/charts/` to look at.

use std::path::Path;
use std::sync::Arc;

use langso_charts::{month_line, village_bars};
use langso_core::dashboard::figures::Figures;
use langso_core::dashboard::months::MonthRow;
use langso_core::dashboard::{Dashboard, VillageRow};
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{Options, Tree, roxmltree};

const SCRIPT_NAME: &str = "<script>alert(1)</script> & \"Nà\"";

fn village(name: &str, trained: i64, all_five: i64, households: i64, at_target: i64) -> VillageRow {
    VillageRow {
        village_id: name.to_lowercase(),
        name: name.to_owned(),
        figures: Figures {
            people_trained: trained,
            people_all_five: all_five,
            households,
            households_at_target: at_target,
            ..Figures::default()
        },
    }
}

fn month(month: &str, at_target: i64) -> MonthRow {
    MonthRow {
        month: month.to_owned(),
        people_registered: 0,
        people_trained: 0,
        lessons_completed: 0,
        sessions_held: 0,
        inquiries_received: 0,
        people_all_five_total: 0,
        households_at_target_total: at_target,
    }
}

/// A commune of three villages, 200 households of which 10 to 120 reach the target over the
/// twelve months from 12/2025 to 11/2026, aiming for 80 %.
fn dashboard() -> Dashboard {
    let months = (0..12)
        .map(|i| {
            let (year, m) = if i == 0 { (2025, 12) } else { (2026, i) };
            month(&format!("{year}-{m:02}"), 10 + i * 10)
        })
        .collect();
    Dashboard {
        commune_id: "c1".into(),
        commune_name: "Xã Nà Hang".into(),
        district: Some("Nà Hang".into()),
        province: Some("Tuyên Quang".into()),
        target_percent: Some(80),
        totals: Figures { households: 200, households_at_target: 120, ..Figures::default() },
        villages: vec![
            village("Thôn Nà Ngần", 1234, 310, 90, 60),
            village("Bản Phủng", 85, 20, 60, 40),
            village("Thôn Khuổi Phầy Trên Cao Nguyên Xa", 12, 0, 50, 20),
        ],
        months,
        counted_at: 1_795_000_000_000,
    }
}

/// The text of every `<text>` element, after checking the SVG is well-formed XML without
/// scripts.
fn texts(svg: &str) -> Vec<String> {
    assert!(!svg.contains("<script"), "no script element");
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert!(doc.root_element().attribute("viewBox").is_some(), "scales by its viewBox");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.descendants().filter(|t| t.is_text()).filter_map(|t| t.text()).collect::<String>().trim().to_owned())
        .collect()
}

/// Renders `svg` with the bundled Be Vietnam Pro as the sans-serif face, checks the picture
/// is not blank and saves it as `name`.png.
fn render(svg: &str, name: &str) {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/fonts");
    let mut options = Options::default();
    let db = Arc::make_mut(&mut options.fontdb);
    for face in ["BeVietnamPro-Regular.ttf", "BeVietnamPro-Bold.ttf"] {
        db.load_font_data(std::fs::read(fonts.join(face)).expect("bundled font"));
    }
    db.set_sans_serif_family("Be Vietnam Pro");
    let tree = Tree::from_str(svg, &options).expect("usvg reads the chart");
    let size = tree.size();
    assert!((360.0..=480.0).contains(&size.width()), "a phone-sized width: {}", size.width());
    let scale = 2.0;
    let mut pixmap =
        Pixmap::new((size.width() * scale).ceil() as u32, (size.height() * scale).ceil() as u32).expect("a picture");
    resvg::render(&tree, Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let first = pixmap.pixels()[0];
    assert!(pixmap.pixels().iter().any(|p| *p != first), "something is drawn");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("charts");
    std::fs::create_dir_all(&dir).expect("tmp dir");
    pixmap.save_png(dir.join(format!("{name}.png"))).expect("save png");
}

fn has(texts: &[String], wanted: &str) -> bool {
    texts.iter().any(|t| t == wanted)
}

#[test]
fn village_bars_name_every_village_and_figure() {
    let svg = village_bars(&dashboard(), "vi").expect("chart");
    let read = texts(&svg);
    for wanted in
        ["Theo thôn", "Xã Nà Hang", "Người đã học", "Người đủ 5 kỹ năng", "Hộ đạt chuẩn", "Thôn Nà Ngần", "Bản Phủng"]
    {
        assert!(has(&read, wanted), "{wanted} in {read:?}");
    }
    // A long name is cut, so the bars keep the width.
    assert!(has(&read, "Thôn Khuổi Phầy Trên Ca…"), "{read:?}");
    assert!(has(&read, "1234") && has(&read, "310"), "values printed plainly: {read:?}");
    render(&svg, "villages");
}

#[test]
fn thirty_villages_each_get_their_row() {
    let mut d = dashboard();
    d.villages = (1..=30).map(|i| village(&format!("Thôn Nà Ngần {i}"), i * 40, i * 7, i * 3, i)).collect();
    let svg = village_bars(&d, "vi").expect("chart");
    let read = texts(&svg);
    for i in 1..=30 {
        assert!(has(&read, &format!("Thôn Nà Ngần {i}")), "village {i} in {read:?}");
    }
    let names: Vec<_> = read.iter().filter(|t| t.starts_with("Thôn Nà Ngần ")).collect();
    assert_eq!(names.first().map(|n| n.as_str()), Some("Thôn Nà Ngần 1"), "the first village on top");
    render(&svg, "thirty-villages");
}

#[test]
fn the_words_follow_the_language() {
    let bars = texts(&village_bars(&dashboard(), "en").expect("chart"));
    for wanted in ["By village", "People trained", "People with all 5 skills", "Households at the target"] {
        assert!(has(&bars, wanted), "{wanted} in {bars:?}");
    }
    let line = texts(&month_line(&dashboard(), "en").expect("chart"));
    assert!(has(&line, "Target") && has(&line, "Share of households at the target"), "{line:?}");
}

#[test]
fn names_from_people_are_escaped_once() {
    let mut d = dashboard();
    d.commune_name = SCRIPT_NAME.into();
    d.villages[0].name = "<b>Nà</b> & Co".into();
    for svg in [village_bars(&d, "vi").expect("bars"), month_line(&d, "vi").expect("line")] {
        let read = texts(&svg);
        assert!(has(&read, SCRIPT_NAME), "the name reads back as it was written: {read:?}");
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"), "escaped in the markup");
        assert!(!svg.contains("&amp;lt;") && !svg.contains("&amp;amp;"), "not escaped twice");
        render(&svg, "escaped");
    }
    let read = texts(&village_bars(&d, "vi").expect("bars"));
    assert!(has(&read, "<b>Nà</b> & Co"), "{read:?}");
}

#[test]
fn no_villages_says_so() {
    let mut d = dashboard();
    d.villages.clear();
    let svg = village_bars(&d, "vi").expect("a chart, not an error");
    assert!(has(&texts(&svg), "Xã chưa có thôn nào"));
    render(&svg, "no-villages");
    let svg = village_bars(&d, "en").expect("a chart, not an error");
    assert!(has(&texts(&svg), "No villages yet"));
    let with_villages = texts(&village_bars(&dashboard(), "vi").expect("chart"));
    assert!(!has(&with_villages, "Xã chưa có thôn nào"));
}

#[test]
fn month_line_labels_the_months_as_written_in_vietnam() {
    let svg = month_line(&dashboard(), "vi").expect("chart");
    let read = texts(&svg);
    for wanted in ["Hộ đạt chuẩn theo tháng", "Tỷ lệ hộ đạt chuẩn", "12/2025", "1/2026", "11/2026", "100%", "0%"]
    {
        assert!(has(&read, wanted), "{wanted} in {read:?}");
    }
    assert!(!read.iter().any(|t| t.contains("2026-")), "{read:?}");
    render(&svg, "months");
}

#[test]
fn the_target_line_is_drawn_only_when_there_is_a_target() {
    let with_target = texts(&month_line(&dashboard(), "vi").expect("chart"));
    assert!(has(&with_target, "Chỉ tiêu"), "{with_target:?}");
    let mut d = dashboard();
    d.target_percent = None;
    let svg = month_line(&d, "vi").expect("chart");
    assert!(!has(&texts(&svg), "Chỉ tiêu"));
    assert!(!svg.contains("stroke-dasharray=\"6,4\""), "no dashed line");
    render(&svg, "months-no-target");
}

#[test]
fn zero_households_is_zero_percent() {
    let mut d = dashboard();
    d.totals.households = 0;
    let zero = month_line(&d, "vi").expect("chart");
    d.months.iter_mut().for_each(|m| m.households_at_target_total = 0);
    d.totals.households = 200;
    let none_at_target = month_line(&d, "vi").expect("chart");
    assert_eq!(zero, none_at_target, "no households draws the line at 0 %");
    assert!(!zero.contains("NaN") && !zero.contains("inf"));
    render(&zero, "months-zero");
}
