//! Time series of a run: one or more lines over simulated time on a linear axis from
//! zero, drawn up to where the run has been played, with a cursor at the time shown and
//! an optional threshold line (an SLO). Like the sweep's chart, SVG text.

use std::fmt::Write;

use scalelab_model::format_count;
use scalelab_model::number::{fixed, shortest};

use crate::{escape, format_ms, path};

/// How a chart's figures read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A count or rate: 950, 12.5K, 2.6M.
    Count,
    /// Milliseconds.
    Ms,
    /// A share from 0 to 1, shown in per cent; the axis ends at 100 %.
    Share,
}

impl Unit {
    /// A figure for people.
    pub fn format(self, value: f64) -> String {
        match self {
            Self::Count => format_count(value),
            Self::Ms => format_ms(value),
            Self::Share => format!("{} %", fixed(value * 100.0, 0)),
        }
    }
}

/// One line: a class for its style (colour and dash), its label for the legend and its
/// value at each time of the chart (not-a-number or infinite where it has none).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line<'a> {
    pub class: &'a str,
    pub label: &'a str,
    pub values: &'a [f64],
}

/// A chart of lines over time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeChart<'a> {
    /// Names the chart for tests and assistive technology (`data-testid="series-{key}"`).
    pub key: &'a str,
    pub title: &'a str,
    pub unit: Unit,
    /// The time of each value, seconds from the run's start, increasing.
    pub times: &'a [f64],
    /// The run's length: the x axis ends there.
    pub end_s: f64,
    pub lines: &'a [Line<'a>],
    /// Draw values up to this time only (the run as played so far), with a cursor there.
    pub until_s: f64,
    /// A horizontal line at this value (an objective), if any.
    pub threshold: Option<f64>,
}

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 150.0;
const LEFT: f64 = 54.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 22.0;

/// The plot's left edge and width in the chart's own units, for mapping a pointer to a time.
pub const PLOT_LEFT_FRACTION: f64 = LEFT / WIDTH;
pub const PLOT_WIDTH_FRACTION: f64 = (WIDTH - LEFT - RIGHT) / WIDTH;

/// A round axis top at or above `max`: 1, 2 or 5 times a power of ten.
pub fn nice_top(max: f64) -> f64 {
    if !(max.is_finite() && max > 0.0) {
        return 1.0;
    }
    let power = libm::pow(10.0, libm::floor(libm::log10(max)));
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|&top| top >= max * (1.0 - 1e-9)).unwrap_or(10.0 * power)
}

/// A time for people: seconds under two minutes, then minutes, then hours.
pub fn format_time(seconds: f64) -> String {
    let s = seconds.max(0.0);
    if s < 120.0 {
        format!("{} s", fixed(s, 0))
    } else if s < 7_200.0 {
        format!("{} min", fixed(s / 60.0, 0))
    } else {
        format!("{} h", fixed(s / 3_600.0, 1))
    }
}

/// The chart as SVG text.
pub fn time_chart(chart: &TimeChart<'_>) -> String {
    let end = chart.end_s.max(f64::MIN_POSITIVE);
    let shown = chart.times.iter().take_while(|&&t| t <= chart.until_s).count();
    let finite = |v: &f64| v.is_finite().then_some(*v);
    let max = chart
        .lines
        .iter()
        .flat_map(|line| line.values.iter().take(shown).filter_map(finite))
        .chain(chart.threshold)
        .fold(0.0_f64, f64::max);
    let top = if chart.unit == Unit::Share { 1.0 } else { nice_top(max) };
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |t: f64| LEFT + (t / end).clamp(0.0, 1.0) * plot_w;
    let y = |v: f64| TOP + (1.0 - (v / top).clamp(0.0, 1.0)) * plot_h;
    let (key, title) = (escape(chart.key), escape(chart.title));
    // The layout's numbers as text, once (see `scalelab_model::number` for why by hand).
    let (width, height, left, right_x, top_y) =
        (shortest(WIDTH), shortest(HEIGHT), shortest(LEFT), shortest(WIDTH - RIGHT), shortest(TOP));
    let mut svg = String::with_capacity(4096);
    let _ = write!(
        svg,
        "<svg class=\"chart series-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" data-testid=\"series-{key}\" aria-label=\"{title} over the run\"><text class=\"title\" x=\"{left}\" \
         y=\"13\">{title}</text><rect class=\"plot\" x=\"{left}\" y=\"{top_y}\" width=\"{}\" height=\"{}\"/>",
        shortest(plot_w),
        shortest(plot_h)
    );
    for fraction in [0.0, 0.5, 1.0] {
        let at = y(top * fraction);
        let _ = write!(
            svg,
            "<g class=\"tick\"><line x1=\"{left}\" x2=\"{right_x}\" y1=\"{}\" y2=\"{}\"/><text x=\"{}\" y=\"{}\" \
             text-anchor=\"end\">{}</text></g>",
            fixed(at, 1),
            fixed(at, 1),
            shortest(LEFT - 4.0),
            fixed(at + 3.0, 1),
            chart.unit.format(top * fraction)
        );
    }
    for fraction in [0.0, 0.5, 1.0] {
        let _ = write!(
            svg,
            "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text>",
            fixed(x(end * fraction), 1),
            shortest(HEIGHT - 6.0),
            ["start", "middle", "end"][(fraction * 2.0) as usize],
            format_time(end * fraction)
        );
    }
    if let Some(limit) = chart.threshold.filter(|v| v.is_finite()) {
        let at = y(limit);
        let _ = write!(
            svg,
            "<line class=\"threshold\" x1=\"{left}\" x2=\"{right_x}\" y1=\"{}\" y2=\"{}\"><title>objective {}</title></line>",
            fixed(at, 1),
            fixed(at, 1),
            chart.unit.format(limit)
        );
    }
    // The legend follows the title (a name too long for the chart runs off its edge; the
    // read-out names every line in full).
    let mut legend_x = LEFT + 12.0 + 6.5 * chart.title.len() as f64;
    for line in chart.lines {
        let points = chart.times.iter().zip(line.values).take(shown).map(|(&t, &v)| finite(&v).map(|v| (x(t), y(v))));
        let (class, label) = (escape(line.class), escape(line.label));
        let _ = write!(
            svg,
            "<path class=\"series {class}\" d=\"{}\"/><path class=\"series {class}\" d=\"M{},9 l14,0\"/>\
             <text class=\"key\" x=\"{}\" y=\"13\">{label}</text>",
            path(points),
            fixed(legend_x, 0),
            fixed(legend_x + 17.0, 0)
        );
        legend_x += 24.0 + 6.2 * line.label.len() as f64;
    }
    if shown > 0 {
        let at = fixed(x(chart.until_s.min(end)), 1);
        let _ = write!(
            svg,
            "<line class=\"cursor\" x1=\"{at}\" x2=\"{at}\" y1=\"{top_y}\" y2=\"{}\"/>",
            shortest(TOP + plot_h)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d_of<'a>(svg: &'a str, class: &str) -> &'a str {
        let prefix = format!("class=\"series {class}\" d=\"");
        let start = svg.find(&prefix).map_or(svg.len(), |i| i + prefix.len());
        svg[start..].split('"').next().unwrap_or("")
    }

    fn chart<'a>(times: &'a [f64], lines: &'a [Line<'a>], until_s: f64) -> TimeChart<'a> {
        TimeChart {
            key: "rps",
            title: "Requests/s",
            unit: Unit::Count,
            times,
            end_s: 100.0,
            lines,
            until_s,
            threshold: None,
        }
    }

    #[test]
    fn only_the_part_played_is_drawn() {
        let times = [0.0, 25.0, 50.0, 75.0, 100.0];
        let values = [1.0, 2.0, 3.0, 4.0, 5.0];
        let lines = [Line { class: "offered", label: "offered", values: &values }];
        let half = time_chart(&chart(&times, &lines, 50.0));
        assert_eq!(d_of(&half, "offered").matches(['M', 'L']).count(), 3, "{half}");
        let whole = time_chart(&chart(&times, &lines, 100.0));
        assert_eq!(d_of(&whole, "offered").matches(['M', 'L']).count(), 5);
        // The axis fits what is shown: 3 tops out at 5 (1-2-5), 5 at 5.
        assert!(half.contains(">5</text>"), "{half}");
        assert!(half.contains("class=\"cursor\" x1=\"183.0\""), "{half}");
    }

    #[test]
    fn higher_values_sit_higher_and_gaps_lift_the_pen() {
        let times = [0.0, 50.0, 100.0];
        let values = [10.0, f64::NAN, 20.0];
        let lines = [Line { class: "p99", label: "p99", values: &values }];
        let svg = time_chart(&chart(&times, &lines, 100.0));
        let d = d_of(&svg, "p99");
        assert_eq!(d.matches('M').count(), 2, "{d}");
        let ys: Vec<f64> = d.split(['M', 'L']).filter_map(|p| p.trim().split(',').nth(1)?.parse().ok()).collect();
        assert!(ys[1] < ys[0], "{ys:?}");
    }

    #[test]
    fn shares_end_at_one_hundred_per_cent_and_a_threshold_is_drawn() {
        let times = [0.0, 100.0];
        let values = [0.2, 0.3];
        let lines = [Line { class: "u0", label: "<db>", values: &values }];
        let svg = time_chart(&TimeChart {
            unit: Unit::Share,
            threshold: Some(0.8),
            key: "util\"",
            ..chart(&times, &lines, 100.0)
        });
        assert!(svg.contains(">100 %</text>"));
        assert!(svg.contains("class=\"threshold\""));
        assert!(svg.contains("&lt;db&gt;") && !svg.contains("<db>"));
        assert!(svg.contains("data-testid=\"series-util&quot;\""));
    }

    #[test]
    fn round_tops_and_times_for_people() {
        assert_eq!(nice_top(0.0), 1.0);
        assert_eq!(nice_top(3.0), 5.0);
        assert_eq!(nice_top(10.0), 10.0);
        assert_eq!(nice_top(1_100.0), 2_000.0);
        assert_eq!(format_time(90.0), "90 s");
        assert_eq!(format_time(600.0), "10 min");
        assert_eq!(format_time(86_400.0), "24.0 h");
    }
}
