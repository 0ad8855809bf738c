/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The chart library refused the chart.
    #[error("drawing the chart failed: {0}")]
    Draw(#[from] charts_rs::Error),
}
