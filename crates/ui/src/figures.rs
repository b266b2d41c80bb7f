//! A selected component's own numbers and charts in the inspector: each figure at the
//! daily peak with how the engine computed it (the formula, its inputs, exact or
//! approximate: `scalelab_sim::explain`), and, once a live run has played, the
//! component's requests, errors, utilisation and queue over time.
//!
//! Both are markup, and both are made again only when what they show changes: the
//! figures with the design, the charts with the run (drawn whole; a curtain hides what is
//! not yet played, as in the live panel).

use std::fmt::Write;

use scalelab_charts::escape;
use scalelab_charts::series::{Line, TimeChart, Unit, time_chart};
use scalelab_model::{Document, format_count};
use scalelab_sim::explain::explain;
use yew::AttrValue;

use crate::live::RunView;

/// The figures of `id` at the design's daily peak, with how each was computed; None when
/// the engine cannot evaluate the design or does not evaluate this component.
pub fn explained(doc: &Document, id: &str) -> Option<AttrValue> {
    let figures = explain(doc, id).ok()??;
    let mut out = format!(
        "<h3>Under load</h3><p class=\"hint\">At the daily peak of {} users, by the flow engine. Each figure says how it was computed and whether it is exact for the engine's model or an approximation.</p><dl>",
        format_count(doc.traffic.users)
    );
    for f in &figures {
        let quality = f.quality.label();
        let _ = write!(
            out,
            "<div class=\"figure\" data-testid=\"figure\" data-name=\"{name}\" data-quality=\"{quality}\"><dt>{name}</dt><dd><b>{value}</b> <span class=\"quality {quality}\">{quality}</span><small>{how}</small></dd></div>",
            name = escape(&f.name),
            value = escape(&f.value),
            how = escape(&f.how),
        );
    }
    out.push_str("</dl>");
    Some(out.into())
}

/// The component's own charts over the whole live run, as markup, each under a curtain
/// whose edge is the custom property `--played` (set where the markup is placed, so a
/// tick changes one attribute and redraws no chart); None if the run does not cover it.
pub fn charts(run: &RunView, id: &str) -> Option<AttrValue> {
    let c = run.components.iter().find(|c| c.id.as_str() == id && c.offered_rps.iter().any(|v| !v.is_nan()))?;
    let specs: [(&str, &str, Unit, &[Line<'_>]); 3] = [
        (
            "component-rps",
            "Requests/s here",
            Unit::Count,
            &[
                Line { class: "offered", label: "offered", values: &c.offered_rps },
                Line { class: "failed", label: "errors", values: &c.errors_rps },
            ],
        ),
        (
            "component-utilisation",
            "Utilisation",
            Unit::Share,
            &[Line { class: "c0", label: "utilisation", values: &c.utilisation }],
        ),
        ("component-queue", "Queue", Unit::Count, &[Line { class: "c1", label: "waiting", values: &c.queue }]),
    ];
    let mut out = String::from("<h3>Over the live run</h3>");
    for (key, title, unit, lines) in specs {
        out.push_str("<div class=\"live-chart\">");
        out.push_str(&time_chart(&TimeChart {
            key,
            title,
            unit,
            times: &run.times,
            end_s: run.end_s,
            lines,
            until_s: run.end_s,
            threshold: None,
        }));
        out.push_str("<div class=\"curtain\"></div></div>");
    }
    Some(out.into())
}
