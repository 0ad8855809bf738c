use charts_rs::{HorizontalBarChart, LegendCategory, Position, Series, TextConfig};
use langso_core::dashboard::figures::Figures;
use langso_core::dashboard::{Dashboard, VillageRow};

use crate::ChartError;
use crate::style::{BLUE, GREEN, ORANGE, TEXT_SIZE, dress, word};

/// Height of the title, sub-title and legend above the bars.
const FRAME_HEIGHT: f32 = 120.0;
/// Height of one village's three bars: room for a label beside each.
const VILLAGE_HEIGHT: f32 = 48.0;
/// Longer village names are cut, so the bars keep most of a phone's width.
const NAME_MAX: usize = 24;

/// Bars by village: for each village, people trained, people with all five skills,
/// households at the target.
pub fn village_bars(d: &Dashboard, lang: &str) -> Result<String, ChartError> {
    // charts-rs draws the first category at the bottom; the villages read top down.
    let villages: Vec<&VillageRow> = d.villages.iter().rev().collect();
    let names = villages.iter().map(|v| short(&v.name)).collect();
    let series = |id: &str, figure: fn(&Figures) -> i64| {
        let mut s = Series::new(word(lang, id), villages.iter().map(|v| figure(&v.figures) as f32).collect());
        s.label_show = true;
        s
    };
    let largest = villages
        .iter()
        .flat_map(|v| [v.figures.people_trained, v.figures.people_all_five, v.figures.households_at_target])
        .max();
    let mut chart = HorizontalBarChart::new(
        vec![
            series("chart-people-trained", |f| f.people_trained),
            series("chart-people-all-five", |f| f.people_all_five),
            series("chart-households-at-target", |f| f.households_at_target),
        ],
        names,
    );
    let height = FRAME_HEIGHT + VILLAGE_HEIGHT * d.villages.len().max(1) as f32;
    dress(&mut chart, height, word(lang, "chart-villages-title"), d.commune_name.clone(), &[BLUE, GREEN, ORANGE]);
    // The bars carry their numbers, so the value axis is left out, and with it charts-rs's
    // `1.2k` ticks; the plot reaches a quarter past the longest bar to leave its number room.
    chart.x_axis.hidden = true;
    chart.grid.stroke_width = 0.0;
    for axis in &mut chart.y_axis_configs {
        axis.min = Some(0.0);
        axis.max = Some(largest.map_or(1.0, |n| n.max(1) as f32 * 1.25));
    }
    chart.legend.category = LegendCategory::Rect;
    chart.series_label_position = Some(Position::Right);
    if d.villages.is_empty() {
        // Only the title and a line saying why there are no bars.
        chart.legend.show = Some(false);
        chart.y_axis_hidden = true;
        let mut note = TextConfig { text: word(lang, "chart-no-villages"), ..TextConfig::default() };
        note.font.size = TEXT_SIZE;
        chart.texts.push(note);
    }
    Ok(chart.svg()?)
}

/// `name`, cut to [`NAME_MAX`] characters with an ellipsis.
fn short(name: &str) -> String {
    let name = name.trim();
    if name.chars().count() <= NAME_MAX {
        return name.to_owned();
    }
    let cut: String = name.chars().take(NAME_MAX - 1).collect();
    format!("{}…", cut.trim_end())
}
