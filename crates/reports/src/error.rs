/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A row has more or fewer cells than there are columns.
    #[error("row {row} has {found} cells, but the table has {expected} columns")]
    RowLength { row: usize, expected: usize, found: usize },
    /// A CSV file or a workbook's sheet needs at least one column, and a workbook one sheet.
    #[error("a table needs at least one column")]
    NoColumns,
    /// A column's relative width is not a positive number.
    #[error("column {column} has width {width}; a width must be a positive number")]
    ColumnWidth { column: usize, width: f32 },
    /// The bundled font could not be read or cut down.
    #[error("the report font could not be used: {0}")]
    Font(String),
    /// Drawing a picture failed.
    #[error("drawing the picture failed: {0}")]
    Picture(String),
    /// The CSV writer failed.
    #[error("writing the CSV file failed: {0}")]
    Csv(#[from] csv::Error),
    /// The Excel writer refused the workbook (a text over 32,767 characters, too many rows).
    #[error("writing the Excel file failed: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// Writing into memory failed.
    #[error("writing the report failed: {0}")]
    Io(#[from] std::io::Error),
}
