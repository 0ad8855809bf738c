use charts_rs::{Box, LineChart, Series, Symbol};
use langso_core::dashboard::Dashboard;

use crate::ChartError;
use crate::style::{GREEN, INK, RED, TEXT_SIZE, dress, word};

const HEIGHT: f32 = 320.0;

/// A line by month: the share of households at the target at each month's end
/// (`households_at_target_total / d.totals.households`, in percent, 0 when there are no
/// households) over the months of `d.months`, and the commune's target as a flat dashed line
/// when it has one.
pub fn month_line(d: &Dashboard, lang: &str) -> Result<String, ChartError> {
    let households = d.totals.households;
    let shares: Vec<f32> = d.months.iter().map(|m| percent(m.households_at_target_total, households)).collect();
    let mut series = vec![Series::new(word(lang, "chart-household-share"), shares)];
    if let Some(target) = d.target_percent {
        let mut line = Series::new(word(lang, "chart-target"), vec![target.clamp(0, 100) as f32; d.months.len()]);
        line.stroke_dash_array = Some("6,4".to_owned());
        line.symbol = Some(Symbol::None);
        series.push(line);
    }
    let labels = d.months.iter().map(|m| month_label(&m.month)).collect();
    let mut chart = LineChart::new(series, labels);
    dress(&mut chart, HEIGHT, word(lang, "chart-months-title"), d.commune_name.clone(), &[GREEN, RED]);
    for axis in &mut chart.y_axis_configs {
        axis.font.size = TEXT_SIZE;
        axis.font.color = INK.into();
        axis.min = Some(0.0);
        axis.max = Some(100.0);
        axis.split_number = 5;
        axis.formatter = Some("{c}%".to_owned());
    }
    chart.legend.margin = Some(Box { bottom: 12.0, ..Box::default() });
    // Twelve labels like `11/2026` do not fit side by side on a phone. Turned by 37° they all
    // fit; at charts-rs's own 45° it drops two of every three, and the current month among
    // them.
    chart.x_axis.name_rotate = 37f32.to_radians();
    chart.x_axis.height = 48.0;
    Ok(chart.svg()?)
}

/// `part` of `whole` in percent, 0 of nothing being 0, and never past 100.
fn percent(part: i64, whole: i64) -> f32 {
    if whole <= 0 { 0.0 } else { (part as f32 * 100.0 / whole as f32).clamp(0.0, 100.0) }
}

/// `2026-11` as people write it in Vietnam: `11/2026`; anything else as it is.
fn month_label(month: &str) -> String {
    match month.split_once('-') {
        Some((year, m)) if m.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m)) => {
            format!("{}/{year}", m.trim_start_matches('0'))
        }
        _ => month.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_as_in_vietnam() {
        assert_eq!(month_label("2026-11"), "11/2026");
        assert_eq!(month_label("2027-01"), "1/2027");
        assert_eq!(month_label("2027-13"), "2027-13");
        assert_eq!(month_label("soon"), "soon");
    }

    #[test]
    fn shares_are_percents_of_the_households() {
        assert_eq!(percent(2, 4), 50.0);
        assert_eq!(percent(3, 0), 0.0);
        assert_eq!(percent(5, 4), 100.0);
    }
}
