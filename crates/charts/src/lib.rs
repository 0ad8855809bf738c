//! The two charts of the commune dashboard, drawn as SVG: the villages side by side (people
//! trained, people with all five skills, households at the target) and the share of
//! households at the target month by month against the commune's target.
//!
//! The same SVG is shown scaled to a phone's width as an image and printed on an A4 page, so
//! it is narrow (a viewBox about 420 units wide) with text of 12 units or more. Every word
//! comes from `locales/<lang>/charts.ftl`.
//!
//! Drawn with `charts-rs` built without its raster features: it writes SVG text from plain
//! Rust (no browser, no JavaScript, no system fonts), escapes the text it is given, and lays
//! out axes and legends well enough that this crate only picks sizes, colours and words.

mod error;
mod months;
mod style;
mod villages;

pub use error::ChartError;
pub use months::month_line;
pub use villages::village_bars;
