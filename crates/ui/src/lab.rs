//! The lab: the headline figures of the design under its traffic, and the scale sweep
//! from 1K to 1B users, charted, with the advisor that names the first bottleneck, the
//! resource that runs out there and the technique that relieves it, and applies that
//! technique as one undoable change.

use scalelab_charts::report::{self, Figures, Row, SweepSection};
use scalelab_charts::series::format_time;
use std::fmt::Write;

use scalelab_charts::{BreakMark, escape, format_ms as ms, sweep_chart_scaled};
use scalelab_model::number::{fixed, shortest};
use scalelab_model::slo::{Metric, Threshold};
use scalelab_model::{ComponentId, Document, format_count};
use yew::prelude::*;

use crate::engine::{BreakView, CurrentSweep, Outcome, SWEEP_FROM, SWEEP_TO, SweepPointView, SweepView};
use crate::files;
use crate::looks::display_name;
use crate::state::{AppState, edit};

fn name_of(doc: &Document, id: &ComponentId) -> String {
    doc.component(id).map_or_else(|| id.to_string(), display_name)
}

fn figures(o: &Outcome) -> Figures {
    Figures {
        users: o.users,
        entry_rps: o.entry_rps,
        error_rate: o.error_rate,
        p50_ms: o.latency_p50_ms,
        p95_ms: o.latency_p95_ms,
        p99_ms: o.latency_p99_ms,
        cost_usd_per_month: o.cost_usd_per_month,
    }
}

/// One break point in a line: where, when, what runs out, and what relieves it.
fn break_line(doc: &Document, b: &BreakView) -> String {
    format!(
        "{}: {} users · {} · {}",
        name_of(doc, &b.component),
        format_count(b.users),
        b.resource.label(),
        b.technique.label()
    )
}

/// Downloads the run report (Markdown, the sweep's chart inline as SVG) of `doc` under its
/// latest answer, with its sweep if one was run.
pub fn export_report(doc: &Document, outcome: &Outcome, sweep: Option<&SweepView>) -> Result<(), String> {
    let names: Vec<String> = outcome.components.iter().map(|m| name_of(doc, &m.id)).collect();
    let rows: Vec<Row<'_>> = outcome
        .components
        .iter()
        .zip(&names)
        .map(|(m, name)| Row {
            name,
            kind: doc.component(&m.id).map_or("", |c| c.kind.name()),
            offered_rps: m.offered_rps,
            capacity_rps: m.capacity_rps,
            utilisation: m.utilisation,
            status: if m.saturated { m.limit.map_or("saturated", |r| r.label()) } else { "ok" },
        })
        .collect();
    let sweep = sweep.map(|s| SweepSection {
        svg: chart_svg(&s.points, &s.breaks, &[]),
        breaks: s.breaks.iter().map(|b| break_line(doc, b)).collect(),
    });
    files::export_text(
        &report::markdown(&doc.name, &figures(outcome), &rows, sweep.as_ref()),
        "text/markdown",
        &format!("{}.report.md", files::file_stem(doc)),
    )
}

/// The headline cards (as k6 and Grafana users expect them), at the daily peak or, while
/// a live run is shown, at `moment_s` into it; the switches of the sweep and the live run,
/// and the report's download (once there is an answer).
#[allow(clippy::too_many_arguments)] // each switch comes with its callback
pub fn headline(
    outcome: Option<&Outcome>,
    thresholds: &[Threshold],
    moment_s: Option<f64>,
    sweep_open: bool,
    live_open: bool,
    on_sweep: Callback<MouseEvent>,
    on_live: Callback<MouseEvent>,
    on_report: Callback<MouseEvent>,
) -> Html {
    let dash = || "–".to_owned();
    let cards = [
        ("rps", "Requests/s", outcome.map_or_else(dash, |o| format_count(o.entry_rps))),
        ("errors", "Errors", outcome.map_or_else(dash, |o| format!("{} %", fixed(o.error_rate * 100.0, 2)))),
        ("p50", "Latency p50", outcome.map_or_else(dash, |o| ms(o.latency_p50_ms))),
        ("p95", "Latency p95", outcome.map_or_else(dash, |o| ms(o.latency_p95_ms))),
        ("p99", "Latency p99", outcome.map_or_else(dash, |o| ms(o.latency_p99_ms))),
        ("cost", "Cost / month", outcome.map_or_else(dash, |o| format!("${}", format_count(o.cost_usd_per_month)))),
    ];
    html! {
        <section class="headline" data-testid="headline" aria-label={match moment_s {
            Some(t) => format!("Headline figures at {} into the run", format_time(t)),
            None => "Headline figures at the daily peak".to_owned(),
        }}>
            { for cards.into_iter().map(|(key, label, value)| html! {
                <div class="card" data-testid={format!("card-{key}")}>
                    <span class="card-label">{ label }</span>
                    <span class="card-value">{ value }</span>
                </div>
            }) }
            if !thresholds.is_empty() {
                <div class="objectives" aria-label="Objectives">{ Html::from_html_unchecked(objectives(outcome, thresholds).into()) }</div>
            }
            <button class="sweep-toggle" aria-pressed={sweep_open.to_string()} onclick={on_sweep} data-testid="sweep-button"
                title="Evaluate the design from 1K to 1B users and find where each component saturates">
                { "Scale sweep 1K → 1B" }
            </button>
            <button class="sweep-toggle" aria-pressed={live_open.to_string()} onclick={on_live} data-testid="live-button"
                title="Play the design through time">
                { "Live run" }
            </button>
            <button onclick={on_report} disabled={outcome.is_none()} data-testid="report-button"
                title="Download a report of this run: the figures, each component, and the sweep if run (Markdown)">
                { "Report" }
            </button>
        </section>
    }
}

/// Each objective passed or failed by the figures shown (a word and a mark, not only a
/// colour), with the figure it was judged on.
fn objectives(outcome: Option<&Outcome>, thresholds: &[Threshold]) -> String {
    let mut out = String::new();
    for t in thresholds {
        let (verdict, mark, figure) = match outcome {
            None => ("waiting", "", "…".to_owned()),
            Some(o) => {
                let value = match t.metric {
                    Metric::P50 => o.latency_p50_ms,
                    Metric::P95 => o.latency_p95_ms,
                    Metric::P99 => o.latency_p99_ms,
                    Metric::Errors => o.error_rate,
                };
                let figure =
                    if t.metric == Metric::Errors { format!("{} %", fixed(value * 100.0, 2)) } else { ms(value) };
                let (verdict, mark) = if t.holds(value) { ("passed", "✓") } else { ("failed", "✗") };
                (verdict, mark, figure)
            }
        };
        let _ = write!(
            out,
            "<span class=\"objective {verdict}\" data-testid=\"objective\" data-verdict=\"{verdict}\">{mark} {} \
             <small>{figure} · {verdict}</small></span>",
            escape(t.text())
        );
    }
    out
}

#[derive(Properties, PartialEq)]
pub struct SweepPanelProps {
    pub sweep: CurrentSweep,
    pub state: AppState,
    pub dispatch: UseReducerDispatcher<AppState>,
    pub on_close: Callback<()>,
}

/// The sweep's chart, its break points, and the advice for the first. Written as markup
/// with one listener that reads what was used from its `data-act` (like the live run's
/// panel): far less wasm than a virtual DOM node per element.
#[component]
pub fn SweepPanel(props: &SweepPanelProps) -> Html {
    // The first bottleneck before the last applied advice: (its name, its user count).
    let before = use_state(|| None::<(String, f64)>);
    // The design compared with this one: what was chosen, and the design once loaded.
    let compare = use_state(|| (String::new(), None::<std::rc::Rc<Document>>));
    let editor = props.state.editor();
    let doc = &editor.doc;
    let mut body = match props.sweep.as_ref() {
        None => "<p class=\"hint\" data-testid=\"sweep-waiting\">Sweeping from 1K to 1B users…</p>".to_owned(),
        Some(Err(error)) => format!("<p class=\"field-error\" role=\"alert\">{}</p>", escape(error)),
        Some(Ok(sweep)) => sweep_markup(doc, sweep, before.as_ref()),
    };
    // The other design is evaluated again only when it or this design's traffic changes;
    // the side-by-side markup when either answer changes.
    // (Keyed by what they are computed from: a memo's new value may take the address of
    // the one it replaces, so its address does not tell them apart.)
    let theirs_key =
        (compare.1.as_ref().map(|o| std::rc::Rc::as_ptr(o) as usize), doc.traffic.clone(), doc.scenario.seed);
    let theirs = {
        let (other, doc) = (compare.1.clone(), doc.clone());
        use_memo(theirs_key.clone(), move |_| other.map(|other| crate::compare::theirs(&doc, &other)))
    };
    let compared = {
        let (sweep, other, doc, theirs) = (props.sweep.clone(), compare.1.clone(), doc.clone(), theirs.clone());
        let key = (std::rc::Rc::as_ptr(&sweep) as usize, theirs_key);
        use_memo(key, move |_| match (sweep.as_ref(), other, theirs.as_ref()) {
            (Some(Ok(ours)), Some(other), Some(theirs)) => crate::compare::markup(&doc, ours, &other, theirs),
            _ => String::new(),
        })
    };
    body.push_str(&compared);
    let onchange = {
        let (compare, dispatch) = (compare.clone(), props.dispatch.clone());
        Callback::from(move |e: Event| {
            let Some((act, target)) = crate::live::act(&e) else { return };
            if act != "compare" {
                return;
            }
            let choice = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(target)
                .map(|s| s.value())
                .unwrap_or_default();
            compare.set((choice.clone(), None));
            if choice.is_empty() {
                return;
            }
            let (compare, dispatch) = (compare.clone(), dispatch.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match crate::compare::load(&choice).await {
                    Ok(other) => compare.set((choice, Some(std::rc::Rc::new(other)))),
                    Err(error) => {
                        compare.set((String::new(), None));
                        dispatch.dispatch(edit(move |e| {
                            e.warn(format!("The design to compare with could not be opened: {error}"))
                        }));
                    }
                }
            });
        })
    };
    let first = props.sweep.as_ref().as_ref().and_then(|s| s.as_ref().ok()).and_then(|s| s.breaks.first()).cloned();
    let onclick = {
        let (dispatch, before, on_close) = (props.dispatch.clone(), before.clone(), props.on_close.clone());
        let name = first.as_ref().map(|b| name_of(doc, &b.component)).unwrap_or_default();
        Callback::from(move |e: MouseEvent| match crate::live::act(&e).map(|(a, _)| a).as_deref() {
            Some("close") => on_close.emit(()),
            Some("apply") => {
                let Some(first) = first.clone() else { return };
                before.set(Some((name.clone(), first.users)));
                let technique = first.technique;
                dispatch.dispatch(edit(move |e| {
                    match scalelab_editor::advice::apply(&e.doc, &first.component, technique) {
                        Ok((action, done)) => {
                            e.try_perform(&action, format!("Applied {}: {done}", technique.label()));
                        }
                        Err(error) => e.warn(format!("The advice could not be applied: {error}")),
                    }
                }));
            }
            _ => {}
        })
    };
    // The designs to compare with are read when the panel opens and after each choice,
    // not at every render (reading the library parses every design in it).
    let options = use_memo(compare.0.clone(), |chosen| crate::compare::options(chosen));
    let markup = format!(
        "<header><h2>Scale sweep: latency and errors from 1K to 1B users</h2>{options}<button data-act=\"close\" \
         aria-label=\"Close the sweep\">Close</button></header><div class=\"sweep-body\">{body}</div>"
    );
    html! {
        <section class="sweep-panel" aria-label="Scale sweep" data-testid="sweep-panel" {onclick} {onchange}>
            { Html::from_html_unchecked(markup.into()) }
        </section>
    }
}

/// A finished sweep as markup: its chart, the advice for the first bottleneck, how the
/// last applied advice moved it, and every break point. Text from the design is escaped.
fn sweep_markup(doc: &Document, sweep: &SweepView, before: Option<&(String, f64)>) -> String {
    let first = sweep.breaks.first();
    let mut out = chart_svg(&sweep.points, &sweep.breaks, &[]);
    out.push_str("<div class=\"advisor\">");
    match first {
        None => out.push_str("<p data-testid=\"advice\">Nothing saturates between 1K and 1B users.</p>"),
        Some(b) => {
            let _ = write!(
                out,
                "<div class=\"advice\" data-testid=\"advice\" data-component=\"{}\"><p><strong>First bottleneck: {}</strong> \
                 runs out of {} at {} users ({} req/s entering).</p><p>Relieve it with {}.</p><p class=\"why\">Why: {}.</p>\
                 <button class=\"primary\" data-act=\"apply\" data-testid=\"apply-advice\">Apply this change</button></div>",
                escape(b.component.as_str()),
                escape(&name_of(doc, &b.component)),
                b.resource.label(),
                format_count(b.users),
                format_count(b.entry_rps),
                b.technique.label(),
                escape(&b.why)
            );
        }
    }
    if let Some((name, users)) = before {
        let now = match first {
            Some(b) => format!(
                "now {} at {} users ({}x)",
                name_of(doc, &b.component),
                format_count(b.users),
                fixed(b.users / users, 1)
            ),
            None => "now nothing saturates up to 1B users".to_owned(),
        };
        let moved =
            format!("Before the last change the first bottleneck was {name} at {} users; {now}.", format_count(*users));
        let _ = write!(out, "<p class=\"moved\" data-testid=\"break-moved\">{}</p>", escape(&moved));
    }
    out.push_str("<ol class=\"breaks\" aria-label=\"Where each component saturates\" data-testid=\"breaks\">");
    for b in &sweep.breaks {
        let _ = write!(
            out,
            "<li data-component=\"{}\" data-users=\"{}\">{}</li>",
            escape(b.component.as_str()),
            shortest(b.users),
            escape(&break_line(doc, b))
        );
    }
    out.push_str("</ol></div>");
    out
}

/// The sweep's chart ([`scalelab_charts::sweep_chart`]): drawn as SVG text, which the
/// page inserts as it is (every text from the design in it is escaped).
/// Its latency axis also spans `scale_with` (another design's sweep beside it).
pub fn chart_svg(points: &[SweepPointView], breaks: &[BreakView], scale_with: &[SweepPointView]) -> String {
    let ids: Vec<String> = breaks.iter().map(|b| b.component.to_string()).collect();
    let marks: Vec<BreakMark<'_>> =
        breaks.iter().zip(&ids).map(|(b, id)| BreakMark { component: id, users: b.users }).collect();
    sweep_chart_scaled(points, &marks, SWEEP_FROM, SWEEP_TO, scale_with)
}
