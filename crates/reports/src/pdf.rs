//! The sheet laid out on A4 portrait pages and written as PDF.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    TextItem,
};

use crate::font::{Face, Fonts};
use crate::{Align, ReportError, Sheet};

pub(crate) const PAGE_W_MM: f32 = 210.0;
pub(crate) const PAGE_H_MM: f32 = 297.0;
/// Points per millimetre.
pub(crate) const PT_PER_MM: f32 = 72.0 / 25.4;
/// Top, left and right margin (8.5 mm).
const MARGIN: f32 = 24.0;
/// Baseline of the footer, above the bottom edge (7 mm).
const FOOTER_Y: f32 = 20.0;
const TITLE_SIZE: f32 = 16.0;
/// Subtitle lines and figures.
const TEXT_SIZE: f32 = 10.0;
const FOOTER_SIZE: f32 = 8.0;
/// The table's font size: the largest that fits all rows on the first page, within these bounds.
const TABLE_MAX: f32 = 10.0;
const TABLE_MIN: f32 = 7.0;
/// Line height as a multiple of the font size, and the room below the baseline. Be Vietnam
/// Pro's letters reach from 0.21 em below the baseline (g) to 1.16 em above it (Ể, a capital
/// with stacked marks), so a line of 1.4 em holds any of them clear of the rules between rows.
pub(crate) const LEADING: f32 = 1.4;
pub(crate) const DESCENT: f32 = 0.22;
/// Space between a cell's text and its column's edges.
const CELL_PAD: f32 = 3.0;
/// Space between the two columns of figures, and between a label and its value.
const FIGURE_GAP: f32 = 16.0;
const VALUE_GAP: f32 = 6.0;
/// Space between blocks: title, subtitle, figures, table.
const BLOCK_GAP: f32 = 8.0;
const FOOTER_GREY: f32 = 0.35;

/// The sheet as A4 portrait PDF pages. All rows are kept: rows that do not fit on the
/// first page continue on further pages under a repeated header row.
pub fn pdf(sheet: &Sheet) -> Result<Vec<u8>, ReportError> {
    check(sheet)?;
    let fonts = Fonts::load()?;
    let pages = Layout::new(&fonts).sheet(sheet);
    render(&sheet.title, &fonts, &pages)
}

fn check(sheet: &Sheet) -> Result<(), ReportError> {
    if let Some((column, c)) = sheet.columns.iter().enumerate().find(|(_, c)| !(c.width.is_finite() && c.width > 0.0)) {
        return Err(ReportError::ColumnWidth { column, width: c.width });
    }
    let expected = sheet.columns.len();
    match sheet.rows.iter().enumerate().find(|(_, cells)| cells.len() != expected) {
        Some((row, cells)) => Err(ReportError::RowLength { row, expected, found: cells.len() }),
        None => Ok(()),
    }
}

/// Text placed with its baseline's left end at (x, y), in points from the page's bottom left.
#[derive(Debug)]
pub(crate) struct Text {
    pub(crate) face: Face,
    pub(crate) size: f32,
    pub(crate) grey: f32,
    pub(crate) x: f32,
    pub(crate) y: f32,
    pub(crate) text: String,
}

/// A straight line from (x1, y1) to (x2, y2).
#[derive(Debug)]
pub(crate) struct Rule {
    pub(crate) x1: f32,
    pub(crate) y1: f32,
    pub(crate) x2: f32,
    pub(crate) y2: f32,
    pub(crate) thickness: f32,
    pub(crate) grey: f32,
}

#[derive(Debug, Default)]
pub(crate) struct Page {
    pub(crate) texts: Vec<Text>,
    pub(crate) rules: Vec<Rule>,
}

/// Places the sheet's parts top to bottom, starting a new page when one is full.
struct Layout<'a> {
    fonts: &'a Fonts,
    pages: Vec<Page>,
    /// The top of the free space on the last page.
    y: f32,
    page_w: f32,
    page_h: f32,
}

impl<'a> Layout<'a> {
    fn new(fonts: &'a Fonts) -> Self {
        let page_h = PAGE_H_MM * PT_PER_MM;
        Self { fonts, pages: vec![Page::default()], y: page_h - MARGIN, page_w: PAGE_W_MM * PT_PER_MM, page_h }
    }

    fn left(&self) -> f32 {
        MARGIN
    }

    fn content_w(&self) -> f32 {
        self.page_w - 2.0 * MARGIN
    }

    /// Lowest point the body may reach; the footer sits below it.
    fn bottom(&self) -> f32 {
        FOOTER_Y + FOOTER_SIZE + BLOCK_GAP / 2.0
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.page_h - MARGIN;
    }

    /// Room for a line `height` high, on a new page if this one is full.
    fn room(&mut self, height: f32) {
        if self.y - height < self.bottom() {
            self.new_page();
        }
    }

    /// Baseline of text of `size` in a line whose top is `top` and height `height`:
    /// room for descenders below, the rest above for Vietnamese marks stacked on letters.
    fn baseline(top: f32, height: f32, size: f32) -> f32 {
        top - height + DESCENT * size
    }

    fn text(&mut self, face: Face, size: f32, x: f32, y: f32, text: String) {
        if !text.is_empty() {
            self.page().texts.push(Text { face, size, grey: 0.0, x, y, text });
        }
    }

    /// `text` in a box from `x` `width` wide, aligned, cut to fit.
    #[allow(clippy::too_many_arguments)]
    fn cell(&mut self, face: Face, size: f32, x: f32, width: f32, y: f32, align: Align, text: &str) {
        let metrics = self.fonts.face(face);
        let shown = metrics.fit(&metrics.clean(text), size, width);
        let spare = (width - metrics.width(&shown, size)).max(0.0);
        let x = match align {
            Align::Left => x,
            Align::Right => x + spare,
            Align::Center => x + spare / 2.0,
        };
        self.text(face, size, x, y, shown);
    }

    /// One line across the page.
    fn line(&mut self, face: Face, size: f32, text: &str) {
        let height = size * LEADING;
        self.room(height);
        let y = Self::baseline(self.y, height, size);
        let (x, width) = (self.left(), self.content_w());
        self.cell(face, size, x, width, y, Align::Left, text);
        self.y -= height;
    }

    /// The title, small and grey, atop a continuation page, so a loose page still says
    /// what it belongs to.
    fn running_head(&mut self, title: &str) {
        let height = FOOTER_SIZE * LEADING;
        let y = Self::baseline(self.y, height, FOOTER_SIZE);
        let regular = self.fonts.face(Face::Regular);
        let text = regular.fit(&regular.clean(title), FOOTER_SIZE, self.content_w());
        if !text.is_empty() {
            let x = self.left();
            self.page().texts.push(Text { face: Face::Regular, size: FOOTER_SIZE, grey: FOOTER_GREY, x, y, text });
        }
        self.y -= height;
    }

    fn rule(&mut self, y: f32, thickness: f32, grey: f32) {
        let (x1, x2) = (self.left(), self.left() + self.content_w());
        self.page().rules.push(Rule { x1, y1: y, x2, y2: y, thickness, grey });
    }

    fn sheet(mut self, sheet: &Sheet) -> Vec<Page> {
        self.line(Face::Bold, TITLE_SIZE, &sheet.title);
        for line in &sheet.subtitle {
            self.line(Face::Regular, TEXT_SIZE, line);
        }
        if !sheet.subtitle.is_empty() || !sheet.figures.is_empty() {
            self.y -= BLOCK_GAP / 2.0;
        }
        self.figures(&sheet.figures);
        self.y -= BLOCK_GAP;
        self.table(sheet);
        self.footer(&sheet.footer);
        self.pages
    }

    /// The figures two to a line, each column's labels in a fixed width and values in bold.
    fn figures(&mut self, figures: &[(String, String)]) {
        let regular = self.fonts.face(Face::Regular);
        let column_w = (self.content_w() - FIGURE_GAP) / 2.0;
        let widest =
            figures.iter().map(|(label, _)| regular.width(&regular.clean(label), TEXT_SIZE)).fold(0.0, f32::max);
        let label_w = widest.min(column_w * 0.6);
        let height = TEXT_SIZE * LEADING;
        for pair in figures.chunks(2) {
            self.room(height);
            let y = Self::baseline(self.y, height, TEXT_SIZE);
            for (i, (label, value)) in pair.iter().enumerate() {
                let x = self.left() + i as f32 * (column_w + FIGURE_GAP);
                self.cell(Face::Regular, TEXT_SIZE, x, label_w, y, Align::Left, label);
                let value_x = x + label_w + VALUE_GAP;
                self.cell(Face::Bold, TEXT_SIZE, value_x, column_w - label_w - VALUE_GAP, y, Align::Left, value);
            }
            self.y -= height;
        }
    }

    /// The largest table font size at which the header and every row fit in the space left.
    fn table_size(&self, rows: usize) -> f32 {
        let space = self.y - self.bottom();
        let mut size = TABLE_MAX;
        while size > TABLE_MIN && space < (rows + 1) as f32 * size * LEADING {
            size -= 0.25;
        }
        size.max(TABLE_MIN)
    }

    fn table(&mut self, sheet: &Sheet) {
        if sheet.columns.is_empty() {
            return;
        }
        let size = self.table_size(sheet.rows.len());
        let height = size * LEADING;
        let total: f32 = sheet.columns.iter().map(|c| c.width).sum();
        let scale = self.content_w() / total;
        let mut edges = Vec::with_capacity(sheet.columns.len());
        let mut x = self.left();
        for column in &sheet.columns {
            edges.push(x);
            x += column.width * scale;
        }
        let header: Vec<&str> = sheet.columns.iter().map(|c| c.heading.as_str()).collect();

        // The header row needs one data row under it on the same page.
        self.room(2.0 * height);
        self.table_row(sheet, &edges, scale, size, Face::Bold, &header);
        for (i, row) in sheet.rows.iter().enumerate() {
            if self.y - height < self.bottom() {
                self.rule(self.y, 0.6, 0.0);
                self.new_page();
                self.running_head(&sheet.title);
                self.table_row(sheet, &edges, scale, size, Face::Bold, &header);
            }
            let cells: Vec<&str> = row.iter().map(String::as_str).collect();
            self.table_row(sheet, &edges, scale, size, Face::Regular, &cells);
            let last = i + 1 == sheet.rows.len();
            if last {
                self.rule(self.y, 0.6, 0.0);
            } else {
                self.rule(self.y, 0.25, 0.6);
            }
        }
    }

    /// One row of the table; a header row (bold) gets a rule above and below.
    fn table_row(&mut self, sheet: &Sheet, edges: &[f32], scale: f32, size: f32, face: Face, cells: &[&str]) {
        let height = size * LEADING;
        if face == Face::Bold {
            self.rule(self.y, 0.6, 0.0);
        }
        let y = Self::baseline(self.y, height, size);
        for ((column, &edge), cell) in sheet.columns.iter().zip(edges).zip(cells) {
            let width = (column.width * scale - 2.0 * CELL_PAD).max(0.0);
            self.cell(face, size, edge + CELL_PAD, width, y, column.align, cell);
        }
        self.y -= height;
        if face == Face::Bold {
            self.rule(self.y, 0.4, 0.0);
        }
    }

    /// The footer at the bottom of every page, with page numbers when there is more than one.
    fn footer(&mut self, footer: &str) {
        let count = self.pages.len();
        let y = FOOTER_Y;
        let regular = self.fonts.face(Face::Regular);
        let footer = regular.clean(footer);
        let right = self.left() + self.content_w();
        let content_w = self.content_w();
        for (i, page) in self.pages.iter_mut().enumerate() {
            let mut room = content_w;
            if count > 1 {
                let number = format!("{}/{}", i + 1, count);
                let width = regular.width(&number, FOOTER_SIZE);
                room -= width + FIGURE_GAP;
                page.texts.push(Text {
                    face: Face::Regular,
                    size: FOOTER_SIZE,
                    grey: FOOTER_GREY,
                    x: right - width,
                    y,
                    text: number,
                });
            }
            let text = regular.fit(&footer, FOOTER_SIZE, room.max(0.0));
            if !text.is_empty() {
                page.texts.push(Text { face: Face::Regular, size: FOOTER_SIZE, grey: FOOTER_GREY, x: MARGIN, y, text });
            }
        }
    }
}

/// Writes the laid-out pages, each face cut down to the characters it shows.
pub(crate) fn render(title: &str, fonts: &Fonts, pages: &[Page]) -> Result<Vec<u8>, ReportError> {
    let mut used: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for text in pages.iter().flat_map(|p| &p.texts) {
        used.entry(text.face).or_default().extend(text.text.chars());
    }
    let mut doc = PdfDocument::new(title);
    let mut ids: BTreeMap<Face, FontId> = BTreeMap::new();
    for (face, chars) in &used {
        let font = fonts.face(*face).subset(chars)?;
        ids.insert(*face, doc.add_font(&font));
    }
    let pdf_pages = pages
        .iter()
        .map(|page| {
            let mut ops = Vec::new();
            for rule in &page.rules {
                ops.extend([
                    Op::SetOutlineThickness { pt: Pt(rule.thickness) },
                    Op::SetOutlineColor { col: grey(rule.grey) },
                    Op::DrawLine {
                        line: Line { points: vec![point(rule.x1, rule.y1), point(rule.x2, rule.y2)], is_closed: false },
                    },
                ]);
            }
            for text in &page.texts {
                let Some(id) = ids.get(&text.face) else { continue };
                ops.extend([
                    Op::StartTextSection,
                    Op::SetFillColor { col: grey(text.grey) },
                    Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(text.size) },
                    Op::SetTextCursor { pos: Point { x: Pt(text.x), y: Pt(text.y) } },
                    Op::ShowText { items: vec![TextItem::Text(text.text.clone())] },
                    Op::EndTextSection,
                ]);
            }
            PdfPage::new(Mm(PAGE_W_MM), Mm(PAGE_H_MM), ops)
        })
        .collect();
    let mut warnings = Vec::new();
    Ok(doc.with_pages(pdf_pages).save(&PdfSaveOptions::default(), &mut warnings))
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale::new(level, None))
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false }
}
