/// How a column's text sits in its cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Right,
    Center,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub heading: String,
    /// Relative width: the columns share the page width in proportion to it.
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub fn new(heading: impl Into<String>, width: f32, align: Align) -> Self {
        Self { heading: heading.into(), width, align }
    }
}

/// A one-page document: title, lines under it, summary figures, a table, a footer.
///
/// Every string is shown as given; rows longer than a page fits continue on further pages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    pub title: String,
    pub subtitle: Vec<String>,
    /// (label, value) pairs, e.g. ("Có mặt", "12").
    pub figures: Vec<(String, String)>,
    pub columns: Vec<Column>,
    /// Each row has one cell per column.
    pub rows: Vec<Vec<String>>,
    pub footer: String,
}
