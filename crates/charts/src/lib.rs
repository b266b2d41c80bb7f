//! Charts as SVG text. The page inserts the markup as it is, and an exported report
//! carries the same drawing, so there is one renderer for both; writing text also costs
//! the wasm far less than building a virtual DOM node per mark. Pure functions, no DOM.
//!
//! Every text that can come from a design (a component's id) is escaped, so a chart can
//! never carry markup of its own. Charts are readable without colour: series differ in
//! dash as well as in colour (see the stylesheet's `.chart` rules), and points say their
//! figures on hover (`<title>`).

use std::fmt::Write;

use scalelab_model::format_count;
use scalelab_model::number::{fixed, push_fixed, shortest};

pub mod report;
pub mod series;

/// Escapes text for an SVG/XML text node or a quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    out
}

/// Pushes `c`, escaped as [`escape`] does.
fn push_escaped(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        _ => out.push(c),
    }
}

/// A latency for people: a decimal below 10 ms, "unbounded" past saturation.
pub fn format_ms(value: f64) -> String {
    if !value.is_finite() {
        "unbounded".to_owned()
    } else if value < 10.0 {
        format!("{} ms", fixed(value, 1))
    } else {
        format!("{} ms", fixed(value, 0))
    }
}

/// One point of a scale sweep.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SweepPoint {
    pub users: f64,
    pub error_rate: f64,
    /// Infinite where unbounded (past saturation).
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// Where a component saturates, marked on the chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BreakMark<'a> {
    pub component: &'a str,
    pub users: f64,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 52.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 30.0;

/// The decades from the one at or below `low` to the one at or above `high` (at least one).
fn decades(low: f64, high: f64) -> (f64, f64) {
    let low = if low.is_finite() && low > 0.0 { libm::pow(10.0, libm::floor(libm::log10(low))) } else { 1.0 };
    let high = if high.is_finite() && high > 0.0 { libm::pow(10.0, libm::ceil(libm::log10(high))) } else { low };
    (low, high.max(low * 10.0))
}

/// Powers of ten from `low` to `high`, both included.
fn ticks(low: f64, high: f64) -> Vec<f64> {
    let mut out = Vec::new();
    let mut value = low;
    while value <= high * 1.01 {
        out.push(value);
        value *= 10.0;
    }
    out
}

/// A polyline's `d` through the points that have a figure, lifting the pen where one has none.
fn path(points: impl Iterator<Item = Option<(f64, f64)>>) -> String {
    let mut d = String::new();
    let mut pen_down = false;
    for point in points {
        match point {
            Some((x, y)) => {
                d.push(if pen_down { 'L' } else { 'M' });
                push_fixed(&mut d, x, 1);
                d.push(',');
                push_fixed(&mut d, y, 1);
                d.push(' ');
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    d
}

fn positive(v: f64) -> Option<f64> {
    (v.is_finite() && v > 0.0).then_some(v)
}

/// Latency p50 and p99 (log scale, left axis) and the error rate (right axis) against users
/// (log scale, from `from` to `to`), with a dashed marker where each component saturates,
/// numbered in order. `breaks` come earliest first.
pub fn sweep_chart(points: &[SweepPoint], breaks: &[BreakMark<'_>], from: f64, to: f64) -> String {
    sweep_chart_scaled(points, breaks, from, to, &[])
}

/// [`sweep_chart`] with a latency axis that also spans the latencies of `scale_with`
/// (another design's sweep, drawn beside it on the same scale), which are not drawn.
pub fn sweep_chart_scaled(
    points: &[SweepPoint],
    breaks: &[BreakMark<'_>],
    from: f64,
    to: f64,
    scale_with: &[SweepPoint],
) -> String {
    let span = libm::log10(to / from).max(f64::MIN_POSITIVE);
    let x = |users: f64| LEFT + libm::log10(users.max(from) / from) / span * (WIDTH - LEFT - RIGHT);
    let latencies = points.iter().chain(scale_with).flat_map(|p| [positive(p.p50_ms), positive(p.p99_ms)]).flatten();
    let (low, high) = latencies.fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (low, high) = decades(low, high);
    let plot = HEIGHT - TOP - BOTTOM;
    let y = |latency: f64| TOP + (1.0 - libm::log10(latency / low) / libm::log10(high / low)) * plot;
    let y_errors = |share: f64| TOP + (1.0 - share.clamp(0.0, 1.0)) * plot;
    let bottom_y = HEIGHT - BOTTOM;
    // The layout's numbers as text, once (see `scalelab_model::number` for why by hand).
    let (width, height, left, top, bottom) =
        (shortest(WIDTH), shortest(HEIGHT), shortest(LEFT), shortest(TOP), shortest(bottom_y));
    let mut svg = String::with_capacity(8192);
    let _ = write!(
        svg,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" \
         data-testid=\"sweep-chart\" aria-label=\"Latency p50 and p99 and the error rate against users, from {} to {}, \
         with the break points\"><rect class=\"plot\" x=\"{left}\" y=\"{top}\" width=\"{}\" height=\"{}\"/>",
        format_count(from),
        format_count(to),
        shortest(WIDTH - LEFT - RIGHT),
        shortest(plot)
    );
    for users in ticks(from, to) {
        let at = fixed(x(users), 1);
        let _ = write!(
            svg,
            "<g class=\"tick\"><line x1=\"{at}\" x2=\"{at}\" y1=\"{top}\" y2=\"{bottom}\"/>\
             <text x=\"{at}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>",
            shortest(bottom_y + 16.0),
            format_count(users)
        );
    }
    for latency in ticks(low, high) {
        let at = y(latency);
        let _ = write!(
            svg,
            "<g class=\"tick\"><line x1=\"{left}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text></g>",
            shortest(WIDTH - RIGHT),
            fixed(at, 1),
            fixed(at, 1),
            shortest(LEFT - 6.0),
            fixed(at + 4.0, 1),
            format_ms(latency)
        );
    }
    for share in [0.0, 0.5, 1.0] {
        let _ = write!(
            svg,
            "<text class=\"tick\" x=\"{}\" y=\"{}\">{} %</text>",
            shortest(WIDTH - RIGHT + 6.0),
            fixed(y_errors(share) + 4.0, 1),
            fixed(share * 100.0, 0)
        );
    }
    for (i, mark) in breaks.iter().enumerate() {
        let (at, component) = (x(mark.users), escape(mark.component));
        let _ = write!(
            svg,
            "<g class=\"break\" data-component=\"{component}\"><line x1=\"{}\" x2=\"{}\" y1=\"{top}\" \
             y2=\"{bottom}\"/><text x=\"{}\" y=\"{}\">{} {component}</text></g>",
            fixed(at, 1),
            fixed(at, 1),
            fixed(at + 3.0, 1),
            shortest(TOP + 12.0 + 12.0 * (i % 3) as f64),
            i + 1
        );
    }
    let series = [
        ("p50", path(points.iter().map(|p| positive(p.p50_ms).map(|v| (x(p.users), y(v)))))),
        ("errors", path(points.iter().map(|p| Some((x(p.users), y_errors(p.error_rate)))))),
        ("p99", path(points.iter().map(|p| positive(p.p99_ms).map(|v| (x(p.users), y(v)))))),
    ];
    for (class, d) in series {
        let _ = write!(svg, "<path class=\"series {class}\" d=\"{d}\"/>");
    }
    for p in points {
        if let Some(v) = positive(p.p99_ms) {
            let _ = write!(
                svg,
                "<circle class=\"point\" cx=\"{}\" cy=\"{}\" r=\"3\"><title>{} users: p50 {}, p99 {}, errors {} %</title></circle>",
                fixed(x(p.users), 1),
                fixed(y(v), 1),
                format_count(p.users),
                format_ms(p.p50_ms),
                format_ms(v),
                fixed(p.error_rate * 100.0, 2)
            );
        }
    }
    let _ = write!(
        svg,
        "<g class=\"legend\" transform=\"translate({}, {})\"><rect class=\"legend-box\" x=\"-4\" y=\"-2\" width=\"150\" height=\"50\"/>\
         <path class=\"series p99\" d=\"M0,8 L24,8\"/><text x=\"30\" y=\"12\">p99 latency</text>\
         <path class=\"series p50\" d=\"M0,24 L24,24\"/><text x=\"30\" y=\"28\">p50 latency</text>\
         <path class=\"series errors\" d=\"M0,40 L24,40\"/><text x=\"30\" y=\"44\">errors (right axis)</text></g></svg>",
        shortest(LEFT + 8.0),
        shortest(TOP + 4.0)
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(users: f64, p50_ms: f64, p99_ms: f64, error_rate: f64) -> SweepPoint {
        SweepPoint { users, error_rate, p50_ms, p99_ms }
    }

    fn count(haystack: &str, needle: &str) -> usize {
        haystack.matches(needle).count()
    }

    #[test]
    fn text_from_a_design_cannot_carry_markup() {
        assert_eq!(
            escape(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        let svg = sweep_chart(
            &[point(1e3, 5.0, 9.0, 0.0)],
            &[BreakMark { component: "<img onerror=x>", users: 5e3 }],
            1e3,
            1e9,
        );
        assert!(!svg.contains("<img"), "{svg}");
        assert!(svg.contains("data-component=\"&lt;img onerror=x&gt;\""));
    }

    #[test]
    fn a_point_per_finite_p99_a_mark_per_break_and_a_tick_per_decade() {
        let points = [
            point(1e3, 5.0, 9.0, 0.0),
            point(1e4, 6.0, 20.0, 0.0),
            point(1e5, f64::INFINITY, f64::INFINITY, 0.4),
            point(1e6, f64::INFINITY, f64::INFINITY, 0.9),
        ];
        let breaks = [BreakMark { component: "app", users: 5e4 }, BreakMark { component: "db", users: 2e5 }];
        let svg = sweep_chart(&points, &breaks, 1e3, 1e9);
        assert_eq!(count(&svg, "class=\"point\""), 2);
        assert_eq!(count(&svg, "class=\"break\""), 2);
        // Users from 1K to 1B: seven decades; latency from 1 ms to 100 ms: three.
        for label in ["1K", "10K", "100K", "1M", "10M", "100M", "1B", "1.0 ms", "10 ms", "100 ms"] {
            assert!(svg.contains(&format!(">{label}</text>")), "no tick {label}: {svg}");
        }
        assert_eq!(count(&svg, "<g class=\"tick\">"), 7 + 3);
        assert!(svg.contains("<title>1K users: p50 5.0 ms, p99 9.0 ms, errors 0.00 %</title>"));
    }

    #[test]
    fn a_chart_beside_another_takes_the_other_s_latencies_into_its_scale() {
        let ours = [point(1e3, 5.0, 9.0, 0.0), point(1e4, 6.0, 20.0, 0.0)];
        let theirs = [point(1e3, 50.0, 900.0, 0.0)];
        let alone = sweep_chart(&ours, &[], 1e3, 1e9);
        let beside = sweep_chart_scaled(&ours, &[], 1e3, 1e9, &theirs);
        assert!(!alone.contains(">1000 ms</text>"), "{alone}");
        assert!(beside.contains(">1000 ms</text>"), "the axis reaches the other's 900 ms: {beside}");
        // Only this design's points are drawn.
        assert_eq!(count(&beside, "class=\"point\""), 2);
    }

    #[test]
    fn an_unbounded_latency_lifts_the_pen_and_errors_run_on() {
        let points =
            [point(1e3, 5.0, 9.0, 0.0), point(1e4, f64::INFINITY, f64::INFINITY, 0.5), point(1e5, 7.0, 12.0, 1.0)];
        let svg = sweep_chart(&points, &[], 1e3, 1e5);
        let series = |class: &str| {
            let prefix = format!("class=\"series {class}\" d=\"");
            let start = svg.find(&prefix).map_or(svg.len(), |i| i + prefix.len());
            svg[start..].split('"').next().unwrap_or("").to_owned()
        };
        assert_eq!(count(&series("p99"), "M"), 2, "{}", series("p99"));
        assert_eq!(count(&series("p99"), "L"), 0);
        assert_eq!(count(&series("errors"), "M"), 1);
        assert_eq!(count(&series("errors"), "L"), 2);
    }

    #[test]
    fn x_grows_with_users_on_a_log_scale_and_y_falls_as_latency_rises() {
        let points = [point(1e3, 1.0, 1.0, 0.0), point(1e6, 100.0, 100.0, 0.0), point(1e9, 10.0, 10.0, 0.0)];
        let svg = sweep_chart(&points, &[], 1e3, 1e9);
        let circles: Vec<(f64, f64)> = svg
            .split("<circle class=\"point\" cx=\"")
            .skip(1)
            .filter_map(|rest| {
                let mut parts = rest.split('"');
                let cx = parts.next()?.parse().ok()?;
                let cy = parts.nth(1)?.parse().ok()?;
                Some((cx, cy))
            })
            .collect();
        assert_eq!(circles.len(), 3);
        // Equal steps in log(users) are equal steps in x.
        let (a, b, c) = (circles[0], circles[1], circles[2]);
        assert!((b.0 - a.0 - (c.0 - b.0)).abs() < 0.2, "{circles:?}");
        // 100 ms sits higher (smaller y) than 10 ms, which sits higher than 1 ms.
        assert!(b.1 < c.1 && c.1 < a.1, "{circles:?}");
    }

    #[test]
    fn latencies_for_people() {
        assert_eq!(format_ms(4.25), "4.2 ms");
        assert_eq!(format_ms(125.4), "125 ms");
        assert_eq!(format_ms(f64::INFINITY), "unbounded");
    }
}
