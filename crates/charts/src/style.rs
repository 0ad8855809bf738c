//! What both charts share: sizes a phone can read and an A4 page can hold, colours that stay
//! apart when printed in grey, and the words.

use charts_rs::{Align, Box, ChartBase, Color};
use langso_core::Localizer;

/// The viewBox's width: the image is scaled to the screen or the page, so this sets how
/// large the text is next to the chart; about 420 keeps 12-unit text readable on 360 px.
pub(crate) const WIDTH: f32 = 420.0;
/// Axis labels, data labels and notes.
pub(crate) const TEXT_SIZE: f32 = 12.0;
const TITLE_SIZE: f32 = 16.0;
const SUBTITLE_SIZE: f32 = 13.0;
const LEGEND_SIZE: f32 = 13.0;
/// Text is measured with the Roboto that charts-rs bundles (Android's own face); a viewer
/// without it uses its sans-serif, which every system has with Vietnamese letters.
const FONT_FAMILY: &str = "Roboto, sans-serif";

pub(crate) const INK: (u8, u8, u8) = (0x33, 0x33, 0x33);
const MUTED: (u8, u8, u8) = (0x66, 0x66, 0x66);
pub(crate) const BLUE: (u8, u8, u8) = (0x2f, 0x6f, 0xb3);
pub(crate) const ORANGE: (u8, u8, u8) = (0xe0, 0x8a, 0x1e);
pub(crate) const GREEN: (u8, u8, u8) = (0x2e, 0x8b, 0x57);
pub(crate) const RED: (u8, u8, u8) = (0xc0, 0x39, 0x2b);

/// Message `id` in `lang`.
pub(crate) fn word(lang: &str, id: &str) -> String {
    Localizer::embedded().format(lang, id, &[])
}

/// Size, fonts, title and sub-title, legend and series colours of a chart `height` high.
pub(crate) fn dress(base: &mut ChartBase, height: f32, title: String, subtitle: String, colors: &[(u8, u8, u8)]) {
    base.width = WIDTH;
    base.height = height;
    base.margin = Box { left: 8.0, top: 8.0, right: 16.0, bottom: 8.0 };
    base.font_family = FONT_FAMILY.to_owned();
    base.title.text = title;
    base.title.font.size = TITLE_SIZE;
    base.title.font.color = INK.into();
    base.title.font.weight = Some("bold".to_owned());
    base.title.align = Align::Left;
    base.sub_title.text = subtitle;
    base.sub_title.font.size = SUBTITLE_SIZE;
    base.sub_title.font.color = MUTED.into();
    base.sub_title.align = Align::Left;
    base.legend.font.size = LEGEND_SIZE;
    base.legend.font.color = INK.into();
    base.legend.align = Align::Left;
    base.x_axis.font.size = TEXT_SIZE;
    base.x_axis.font.color = INK.into();
    base.series.label.font.size = TEXT_SIZE;
    base.series.label.font.color = INK.into();
    base.series.colors = colors.iter().map(|&c| Color::from(c)).collect();
}
