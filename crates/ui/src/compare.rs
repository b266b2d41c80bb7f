//! Comparing the design with another under the same traffic and seed: a design saved in
//! this browser or a shipped example is given this design's traffic (users, shape, daily
//! curve, mix) and seed, then both are evaluated at the users shown and swept from 1K to
//! 1B users. The sweep panel shows their figures side by side and their sweep charts
//! beside each other on the same scales.
//!
//! The other design is evaluated on the page's thread (the worker serves the design being
//! edited): one evaluation and one sweep when it is chosen and when this design's traffic
//! changes; other edits of this design evaluate only this design, once, again.

use std::fmt::Write;

use scalelab_charts::{escape, format_ms as ms};
use scalelab_model::gallery::EXAMPLES;
use scalelab_model::{Document, format_count};

use crate::engine::{Outcome, SweepView, evaluate_here, sweep_here};
use crate::looks::display_name;
use crate::storage::library;

/// The select that chooses what to compare with (`chosen` is selected): the designs saved
/// in this browser (`saved:<id>`) and the examples (`example:<index>`).
pub fn options(chosen: &str) -> String {
    let mut out = String::from(
        "<label class=\"compare-with\">Compare with <select data-act=\"compare\" data-testid=\"compare-with\"><option value=\"\">nothing</option>",
    );
    let mut option = |value: String, name: &str| {
        let selected = if value == chosen { " selected" } else { "" };
        let _ = write!(out, "<option value=\"{}\"{selected}>{}</option>", escape(&value), escape(name));
    };
    for entry in library().unwrap_or_default() {
        option(format!("saved:{}", entry.id), &entry.name);
    }
    for (i, (_, name, _)) in EXAMPLES.iter().enumerate() {
        option(format!("example:{i}"), name);
    }
    out.push_str("</select></label>");
    out
}

/// The design `choice` names (see [`options`]): read from the library, or fetched from
/// beside the page.
pub async fn load(choice: &str) -> Result<Document, String> {
    if let Some(id) = choice.strip_prefix("saved:") {
        return library()?
            .into_iter()
            .find(|e| e.id == id)
            .map(|e| e.document)
            .ok_or_else(|| "that design is no longer in the library".to_owned());
    }
    let file = choice
        .strip_prefix("example:")
        .and_then(scalelab_model::number::parse_decimal)
        .and_then(|i| EXAMPLES.get(i as usize))
        .map(|(file, _, _)| *file)
        .ok_or_else(|| format!("there is no design {choice}"))?;
    let text = crate::files::fetch_text(&format!("examples/{file}")).await?;
    Document::from_json(&text).map_err(|e| e.to_string())
}

/// `other` under `doc`'s traffic and seed.
fn under_same_traffic(doc: &Document, other: &Document) -> Document {
    let mut other = other.clone();
    other.traffic = doc.traffic.clone();
    other.scenario.seed = doc.scenario.seed;
    other
}

/// A row of the figures: its key, its label, and the figure of an outcome.
type Row = (&'static str, &'static str, fn(&Outcome) -> String);

/// The other design under `doc`'s traffic and seed, evaluated at the users shown and
/// swept: what changes only with the other design and this one's traffic (so an edit of
/// anything else in this design does not evaluate the other again).
pub struct Theirs {
    pub doc: Document,
    pub now: Result<Outcome, String>,
    pub sweep: Result<SweepView, String>,
}

/// [`Theirs`] for `other` under `doc`'s traffic and seed.
pub fn theirs(doc: &Document, other: &Document) -> Theirs {
    let doc = under_same_traffic(doc, other);
    Theirs { now: evaluate_here(&doc), sweep: sweep_here(&doc), doc }
}

/// Both designs side by side as markup: the headline figures at the users shown, the
/// first bottleneck, and the sweep charts on the same scales. Text from the designs is
/// escaped.
pub fn markup(doc: &Document, ours: &SweepView, other: &Document, theirs: &Theirs) -> String {
    let theirs_doc = &theirs.doc;
    let ours_now = evaluate_here(doc);
    let (ours_now, theirs_now, theirs) = match (&ours_now, &theirs.now, &theirs.sweep) {
        (Ok(a), Ok(b), Ok(c)) => (a, b, c),
        (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => {
            return format!("<p class=\"field-error\" role=\"alert\" data-testid=\"compare-error\">{}</p>", escape(e));
        }
    };
    let mut out = format!(
        "<section class=\"compare\" data-testid=\"compare\"><h3>Compared with {} under this design's traffic ({} users) and seed</h3>\
         <table><thead><tr><th></th><th>This design</th><th>{}</th></tr></thead><tbody>",
        escape(&other.name),
        format_count(doc.traffic.users),
        escape(&other.name)
    );
    let rows: [Row; 6] = [
        ("rps", "Requests/s", |o| format_count(o.entry_rps)),
        ("errors", "Errors", |o| format!("{} %", format_count(o.error_rate * 100.0))),
        ("p50", "Latency p50", |o| ms(o.latency_p50_ms)),
        ("p95", "Latency p95", |o| ms(o.latency_p95_ms)),
        ("p99", "Latency p99", |o| ms(o.latency_p99_ms)),
        ("cost", "Cost / month", |o| format!("${}", format_count(o.cost_usd_per_month))),
    ];
    for (key, label, value) in rows {
        let _ = write!(
            out,
            "<tr data-figure=\"{key}\"><th>{label}</th><td>{}</td><td>{}</td></tr>",
            value(ours_now),
            value(theirs_now)
        );
    }
    let first = |d: &Document, s: &SweepView| match s.breaks.first() {
        Some(b) => {
            let name = d.component(&b.component).map_or_else(|| b.component.to_string(), display_name);
            format!("{} at {} users", escape(&name), format_count(b.users))
        }
        None => "none up to 1B users".to_owned(),
    };
    let _ = write!(
        out,
        "<tr data-figure=\"first-bottleneck\"><th>First bottleneck</th><td>{}</td><td>{}</td></tr></tbody></table><div class=\"compare-charts\">",
        first(doc, ours),
        first(theirs_doc, theirs)
    );
    for (name, sweep, other_points) in
        [("This design", ours, &theirs.points), (other.name.as_str(), theirs, &ours.points)]
    {
        let _ = write!(
            out,
            "<figure><figcaption>{}</figcaption>{}</figure>",
            escape(name),
            crate::lab::chart_svg(&sweep.points, &sweep.breaks, other_points)
        );
    }
    out.push_str("</div></section>");
    out
}
