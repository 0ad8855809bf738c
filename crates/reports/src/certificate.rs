//! A learner's certificate, laid out once on an A4 portrait page and written two ways: as a
//! PDF to print (greyscale, for the commune office's printer) and as a PNG picture to show on
//! a phone or send over Zalo (in colour, drawn from SVG by resvg with the bundled faces).

use std::fmt::Write as _;
use std::sync::Arc;

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{Options, Tree};

use crate::ReportError;
use crate::font::{Face, Fonts};
use crate::pdf::{PAGE_H_MM, PAGE_W_MM, PT_PER_MM, Page, Rule, Text, render};

/// What the certificate says, already in the learner's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Certificate {
    /// Who gives it: the app and the commune.
    pub org: String,
    pub heading: String,
    pub given_to: String,
    pub name: String,
    /// The village and commune.
    pub place: String,
    /// What was achieved, e.g. "Đã học xong 5 bài".
    pub achievement: String,
    pub skills_heading: Option<String>,
    pub skills: Vec<String>,
    pub date: String,
    pub note: String,
}

/// The picture's width in pixels: A4 at 150 dots per inch.
pub const PICTURE_WIDTH: u32 = 1240;
const DPI: f32 = 150.0;
/// The border: a thick outer frame and a thin inner one, inset from the page's edges.
const OUTER: f32 = 26.0;
const INNER: f32 = 34.0;
/// Text stays this far inside the inner frame.
const PADDING: f32 = 30.0;
const LINE: f32 = 1.55;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Ink,
    Title,
    Soft,
}

/// A line of text centred on the page, its baseline `top` points below the page's top.
#[derive(Debug)]
struct Placed {
    face: Face,
    size: f32,
    tone: Tone,
    top: f32,
    text: String,
}

fn page_size() -> (f32, f32) {
    (PAGE_W_MM * PT_PER_MM, PAGE_H_MM * PT_PER_MM)
}

/// Every line, top to bottom, each cut to fit inside the frame.
fn layout(certificate: &Certificate, fonts: &Fonts) -> Vec<(Placed, f32)> {
    let (width, height) = page_size();
    let room = width - 2.0 * (INNER + PADDING);
    let mut placed = Vec::new();
    let mut top = 150.0;
    let mut line = |face: Face, size: f32, tone: Tone, text: &str, gap_after: f32| {
        let metrics = fonts.face(face);
        let shown = metrics.fit(&metrics.clean(text), size, room);
        let shown_width = metrics.width(&shown, size);
        top += size * LINE;
        placed.push((Placed { face, size, tone, top, text: shown }, shown_width));
        top += gap_after;
    };
    line(Face::Bold, 14.0, Tone::Soft, &certificate.org, 24.0);
    line(Face::Bold, 32.0, Tone::Title, &certificate.heading, 30.0);
    line(Face::Regular, 15.0, Tone::Ink, &certificate.given_to, 6.0);
    line(Face::Bold, 34.0, Tone::Ink, &certificate.name, 10.0);
    line(Face::Regular, 14.0, Tone::Ink, &certificate.place, 40.0);
    line(Face::Bold, 19.0, Tone::Ink, &certificate.achievement, 30.0);
    if let Some(heading) = &certificate.skills_heading {
        line(Face::Regular, 14.0, Tone::Ink, heading, 8.0);
        let count = certificate.skills.len();
        for (i, skill) in certificate.skills.iter().enumerate() {
            line(Face::Bold, 16.0, Tone::Title, skill, if i + 1 == count { 30.0 } else { 4.0 });
        }
    }
    line(Face::Regular, 13.0, Tone::Ink, &certificate.date, 0.0);
    // The note sits at the foot of the frame, whatever came above it.
    let metrics = fonts.face(Face::Regular);
    let note = metrics.fit(&metrics.clean(&certificate.note), 10.0, room);
    let note_width = metrics.width(&note, 10.0);
    let note_top = (height - INNER - PADDING).max(top + 30.0);
    placed.push((Placed { face: Face::Regular, size: 10.0, tone: Tone::Soft, top: note_top, text: note }, note_width));
    placed
}

/// The certificate as a one-page A4 PDF.
pub fn certificate_pdf(certificate: &Certificate) -> Result<Vec<u8>, ReportError> {
    let fonts = Fonts::load()?;
    let (width, height) = page_size();
    let mut page = Page::default();
    for (inset, thickness) in [(OUTER, 3.0), (INNER, 0.8)] {
        let (left, right, bottom, top) = (inset, width - inset, inset, height - inset);
        for (x1, y1, x2, y2) in [
            (left, bottom, right, bottom),
            (right, bottom, right, top),
            (right, top, left, top),
            (left, top, left, bottom),
        ] {
            page.rules.push(Rule { x1, y1, x2, y2, thickness, grey: 0.3 });
        }
    }
    for (line, line_width) in layout(certificate, &fonts) {
        let grey = match line.tone {
            Tone::Ink | Tone::Title => 0.0,
            Tone::Soft => 0.35,
        };
        page.texts.push(Text {
            face: line.face,
            size: line.size,
            grey,
            x: (width - line_width) / 2.0,
            y: height - line.top,
            text: line.text,
        });
    }
    render(&certificate.heading, &fonts, &[page])
}

/// Text as it may stand in SVG character data or an attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The certificate as SVG, in points (the same layout as the PDF).
fn svg(certificate: &Certificate, fonts: &Fonts) -> String {
    let (width, height) = page_size();
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">
<rect width="100%" height="100%" fill="#fffdf5"/>
<rect x="{OUTER}" y="{OUTER}" width="{ow}" height="{oh}" fill="none" stroke="#b8860b" stroke-width="3"/>
<rect x="{INNER}" y="{INNER}" width="{iw}" height="{ih}" fill="none" stroke="#b8860b" stroke-width="0.8"/>
"##,
        ow = width - 2.0 * OUTER,
        oh = height - 2.0 * OUTER,
        iw = width - 2.0 * INNER,
        ih = height - 2.0 * INNER,
    );
    for (line, _) in layout(certificate, fonts) {
        let weight = match line.face {
            Face::Regular => 400,
            Face::Bold => 700,
        };
        let colour = match line.tone {
            Tone::Ink => "#1d1b16",
            Tone::Title => "#8c1d18",
            Tone::Soft => "#6b5200",
        };
        let _ = writeln!(
            out,
            r#"<text x="{x}" y="{y}" text-anchor="middle" font-family="Be Vietnam Pro" font-weight="{weight}" font-size="{size}" fill="{colour}">{text}</text>"#,
            x = width / 2.0,
            y = line.top,
            size = line.size,
            text = escape(&line.text),
        );
    }
    out.push_str("</svg>\n");
    out
}

/// The certificate as a PNG picture, [`PICTURE_WIDTH`] pixels wide.
pub fn certificate_png(certificate: &Certificate) -> Result<Vec<u8>, ReportError> {
    let fonts = Fonts::load()?;
    let mut options = Options::default();
    let db = Arc::make_mut(&mut options.fontdb);
    db.load_font_data(fonts.face(Face::Regular).bytes().to_vec());
    db.load_font_data(fonts.face(Face::Bold).bytes().to_vec());
    let tree = Tree::from_str(&svg(certificate, &fonts), &options).map_err(|e| ReportError::Picture(e.to_string()))?;
    let scale = DPI / 72.0;
    let (width, height) = page_size();
    let mut pixmap = Pixmap::new((width * scale).round() as u32, (height * scale).round() as u32)
        .ok_or_else(|| ReportError::Picture("empty picture".into()))?;
    resvg::render(&tree, Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| ReportError::Picture(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_svg() {
        assert_eq!(escape("<b>\"Lò\" & 'Páo'</b>"), "&lt;b&gt;&quot;Lò&quot; &amp; &apos;Páo&apos;&lt;/b&gt;");
    }
}
