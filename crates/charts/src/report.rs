//! A run report as Markdown: the headline figures, each component's load, and the scale
//! sweep with its chart (SVG, inline, which Markdown renderers pass through as HTML) and
//! its break points. Text from the design is escaped for tables and HTML.

use std::fmt::Write;

use scalelab_model::format_count;
use scalelab_model::number::fixed;

use crate::{escape, format_ms, push_escaped};

/// The design's figures at its daily peak.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figures {
    pub users: f64,
    pub entry_rps: f64,
    pub error_rate: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub cost_usd_per_month: f64,
}

/// One component's line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row<'a> {
    pub name: &'a str,
    /// The kind's name: the model's, not the design's, so not escaped.
    pub kind: &'static str,
    pub offered_rps: f64,
    pub capacity_rps: f64,
    pub utilisation: f64,
    /// "ok", or what ran out.
    pub status: &'a str,
}

/// The sweep's part: its chart as SVG text and one line per break point, earliest first.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepSection {
    pub svg: String,
    pub breaks: Vec<String>,
}

/// Text for a Markdown table cell: no pipes or line breaks, and no HTML.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            _ => push_escaped(&mut out, c),
        }
    }
    out
}

/// The report. `title` is the design's name.
pub fn markdown(title: &str, figures: &Figures, rows: &[Row<'_>], sweep: Option<&SweepSection>) -> String {
    let f = figures;
    let mut out = format!(
        "# {}: run report\n\nAt the daily peak with {} monthly active users, as computed by scalelab's flow engine \
         (steady state).\n\n| requests/s | errors | p50 | p95 | p99 | cost / month |\n|---|---|---|---|---|---|\n\
         | {} | {} % | {} | {} | {} | ${} |\n\n## Components\n\n| component | kind | offered req/s | capacity req/s | \
         utilisation | status |\n|---|---|---|---|---|---|\n",
        cell(title),
        format_count(f.users),
        format_count(f.entry_rps),
        fixed(f.error_rate * 100.0, 2),
        format_ms(f.p50_ms),
        format_ms(f.p95_ms),
        format_ms(f.p99_ms),
        format_count(f.cost_usd_per_month)
    );
    for r in rows {
        let capacity = if r.capacity_rps.is_finite() { format_count(r.capacity_rps) } else { "unlimited".to_owned() };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {capacity} | {} % | {} |",
            cell(r.name),
            r.kind,
            format_count(r.offered_rps),
            fixed(r.utilisation * 100.0, 0),
            cell(r.status)
        );
    }
    if let Some(sweep) = sweep {
        out.push_str("\n## Scale sweep from 1K to 1B users\n\n");
        out.push_str(&sweep.svg);
        out.push_str("\n\n");
        if sweep.breaks.is_empty() {
            out.push_str("Nothing saturates between 1K and 1B users.\n");
        }
        for (i, line) in sweep.breaks.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i + 1, escape(line));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures() -> Figures {
        Figures {
            users: 5e3,
            entry_rps: 12.8,
            error_rate: 0.0012,
            p50_ms: 77.0,
            p95_ms: 123.0,
            p99_ms: 155.0,
            cost_usd_per_month: 1020.0,
        }
    }

    #[test]
    fn the_headline_and_a_line_per_component() {
        let rows = [
            Row {
                name: "App server",
                kind: "Service",
                offered_rps: 12.8,
                capacity_rps: 200.0,
                utilisation: 0.064,
                status: "ok",
            },
            Row {
                name: "Users",
                kind: "Users",
                offered_rps: 12.8,
                capacity_rps: f64::INFINITY,
                utilisation: 0.0,
                status: "ok",
            },
        ];
        let text = markdown("Stage 1", &figures(), &rows, None);
        assert!(text.starts_with("# Stage 1: run report\n"), "{text}");
        assert!(text.contains("| 12.8 | 0.12 % | 77 ms | 123 ms | 155 ms | $1.02K |\n"), "{text}");
        assert!(text.contains("| App server | Service | 12.8 | 200 | 6 % | ok |"), "{text}");
        assert!(text.contains("| Users | Users | 12.8 | unlimited | 0 % | ok |"), "{text}");
        assert!(!text.contains("Scale sweep"), "no sweep was run");
    }

    #[test]
    fn names_cannot_break_the_table_or_carry_markup() {
        let rows = [Row {
            name: "a|b<script>\nc",
            kind: "service",
            offered_rps: 1.0,
            capacity_rps: 2.0,
            utilisation: 0.5,
            status: "ok",
        }];
        let text = markdown("x</h1><img src=x onerror=alert(1)>", &figures(), &rows, None);
        assert!(text.contains("| a\\|b&lt;script&gt; c | service |"), "{text}");
        assert!(!text.contains("<img") && !text.contains("<script"), "{text}");
    }

    #[test]
    fn the_sweep_brings_its_chart_and_break_points() {
        let svg = crate::sweep_chart(&[], &[], 1e3, 1e9);
        let sweep =
            SweepSection { svg: svg.clone(), breaks: vec!["app: 78.3K users · CPU".into(), "db: 1M users".into()] };
        let text = markdown("Stage 1", &figures(), &[], Some(&sweep));
        assert!(text.contains(&svg));
        assert!(text.contains("1. app: 78.3K users · CPU\n2. db: 1M users\n"), "{text}");
        let none = SweepSection { svg, breaks: vec![] };
        assert!(
            markdown("Stage 1", &figures(), &[], Some(&none)).contains("Nothing saturates between 1K and 1B users.")
        );
    }
}
