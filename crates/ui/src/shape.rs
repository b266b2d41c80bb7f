//! The traffic over a run: its shape (constant, ramp, step, spike, wave or a k6-style
//! stage table), the daily curve, and k6 `stages` read in and written out.
//!
//! Every field is checked before the design changes: a field that is not understood, or
//! a shape the validation refuses, says so beside the fields and leaves the design (and
//! what was typed) as it was.

use scalelab_editor::Action;
use scalelab_model::number::{parse_decimal, shortest};
use scalelab_model::{Shape, Stage, Traffic, format_count, k6, parse_users, shape_problem};
use std::fmt::Write;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::live::act;
use crate::state::{AppState, edit};

/// The shapes offered: (the document's name, the label).
const KINDS: [(&str, &str); 6] = [
    ("constant", "Constant"),
    ("ramp", "Ramp"),
    ("step", "Step"),
    ("spike", "Spike"),
    ("wave", "Wave"),
    ("stages", "Stages (k6)"),
];

/// What a use of the shape's controls asks for.
pub struct Shaped {
    /// The traffic to set, or why it cannot be.
    pub next: Option<Result<Traffic, String>>,
    /// What the change did, for the status line.
    pub done: String,
    /// A note to show beside the controls (what a k6 import or export assumed).
    pub note: Option<String>,
}

/// Reads an event on the shape's controls (a `change`, or a click on a button):
/// `traffic` is the design's, `rps_per_user` its requests/s at the peak per user, to
/// read k6 targets (requests/s) as users; a new shape fits a run of `length_s`. None for
/// events on other controls.
pub fn handle(e: &Event, traffic: &Traffic, rps_per_user: f64, length_s: f64) -> Option<Shaped> {
    let (what, target) = act(e)?;
    let changed = e.type_() == "change";
    let label = target.get_attribute("aria-label").unwrap_or_default();
    let input = target.dyn_ref::<HtmlInputElement>();
    let value = input
        .map(HtmlInputElement::value)
        .or_else(|| target.dyn_ref::<web_sys::HtmlSelectElement>().map(web_sys::HtmlSelectElement::value))
        .unwrap_or_default();
    let stages = match &traffic.shape {
        Shape::Stages { stages } => stages.clone(),
        _ => Vec::new(),
    };
    let with_stages = |stages: Vec<Stage>| Ok(Traffic { shape: Shape::Stages { stages }, ..traffic.clone() });
    let text_box = || {
        let panel = target.closest(".traffic-shape").ok()??;
        panel.query_selector("textarea").ok()??.dyn_into::<HtmlTextAreaElement>().ok()
    };
    let shaped = |next, done: String| Some(Shaped { next: Some(next), done, note: None });
    match (changed, what.as_str()) {
        (true, "kind") => shaped(
            Ok(Traffic { shape: default_shape(&value, traffic.users, length_s), ..traffic.clone() }),
            format!("Traffic shape: {value}"),
        ),
        (true, "daily") => shaped(
            Ok(Traffic { daily_curve: input.is_some_and(HtmlInputElement::checked), ..traffic.clone() }),
            "Daily curve changed".into(),
        ),
        (true, "field") => {
            let key = target.get_attribute("data-field").unwrap_or_default();
            let next = with_field(&traffic.shape, &key, &value)
                .map(|shape| Traffic { shape, ..traffic.clone() })
                .map_err(|problem| format!("{label}: {problem}"));
            shaped(next, format!("Traffic: {label} set to {}", value.trim()))
        }
        (false, "add-stage") => {
            let last = stages.last().map_or(traffic.users, |s| s.target_users);
            let mut stages = stages;
            stages.push(Stage { duration_s: 60.0, target_users: last });
            shaped(with_stages(stages), "Traffic: a stage added".into())
        }
        (false, "remove-stage") => {
            let at = target.get_attribute("data-stage").and_then(|i| i.parse::<usize>().ok());
            let at = at.filter(|&at| at < stages.len() && stages.len() > 1)?;
            let mut stages = stages;
            stages.remove(at);
            shaped(with_stages(stages), format!("Traffic: stage {} removed", at + 1))
        }
        (false, "k6-import") => {
            let text = text_box().map(|t| t.value()).unwrap_or_default();
            let imported = k6::import_stages(&text, rps_per_user).map_err(|e| format!("k6 import: {e}"));
            let (done, note) = match &imported {
                Ok(i) => (format!("Imported {} k6 stages", i.stages.len()), Some(i.note.clone())),
                Err(_) => (String::new(), None),
            };
            Some(Shaped { next: Some(imported.and_then(|i| with_stages(i.stages))), done, note })
        }
        (false, "k6-export") if stages.is_empty() => shaped(
            Err("k6 export: only a stage table is written as k6 stages; choose Stages (k6) first".into()),
            String::new(),
        ),
        (false, "k6-export") => {
            text_box()?.set_value(&k6::export_stages(&stages, rps_per_user));
            let note = format!(
                "Each target is requests/s: this design's users make {} requests/s per 1,000 at the peak.",
                format_count(rps_per_user * 1_000.0)
            );
            Some(Shaped { next: None, done: String::new(), note: Some(note) })
        }
        _ => None,
    }
}

/// Checks the traffic asked for and sets it (one undoable step), or shows what is wrong
/// in `error` and changes nothing.
pub fn commit(
    shaped: Shaped,
    dispatch: &UseReducerDispatcher<AppState>,
    error: &UseStateHandle<Option<String>>,
    note: &UseStateHandle<Option<String>>,
) {
    if shaped.note.is_some() {
        note.set(shaped.note);
    }
    let Some(next) = shaped.next else { return };
    let done = shaped.done;
    match next.and_then(|t| shape_problem(&t.shape).map_or(Ok(t), |problem| Err(capitalised(&problem)))) {
        Ok(next) => {
            error.set(None);
            dispatch.dispatch(edit(move |e| {
                e.try_perform(&Action::SetTraffic(Box::new(next)), done);
            }));
        }
        Err(problem) => error.set(Some(problem)),
    }
}

/// The shape's controls as markup, and where they are drawn. The markup depends only on
/// the kind of shape and its number of fields, so editing a value keeps the fields (and
/// the focus); the values are put in after each change of the traffic.
#[hook]
pub fn use_shape_controls(traffic: &Traffic) -> (NodeRef, AttrValue) {
    let markup = AttrValue::from(markup(kind_of(&traffic.shape), &fields(&traffic.shape)));
    let panel = use_node_ref();
    {
        // The markup follows the traffic, so this runs after any new markup is in place.
        let panel = panel.clone();
        use_effect_with(traffic.clone(), move |traffic| {
            let Some(panel) = panel.cast::<web_sys::Element>() else { return };
            let Ok(inputs) = panel.query_selector_all("input") else { return };
            let mut shown = fields(&traffic.shape).into_iter().map(|(_, _, value)| value);
            for input in (0..inputs.length()).filter_map(|i| inputs.get(i)?.dyn_into::<HtmlInputElement>().ok()) {
                // The fields come first, in order; then the daily curve's checkbox.
                match input.type_().as_str() {
                    "checkbox" => input.set_checked(traffic.daily_curve),
                    _ => input.set_value(&shown.next().unwrap_or_default()),
                }
            }
        });
    }
    (panel, markup)
}

/// The controls for a shape of `kind` with these fields, as markup without their values.
fn markup(kind: &str, fields: &[(String, String, String)]) -> String {
    let mut out = String::from(
        "<label>Traffic <select data-act=\"kind\" aria-label=\"Traffic shape\" data-testid=\"shape-kind\">",
    );
    for (name, label) in KINDS {
        let selected = if name == kind { " selected" } else { "" };
        let _ = write!(out, "<option value=\"{name}\"{selected}>{label}</option>");
    }
    out.push_str("</select></label>");
    let stages = kind == "stages";
    for (i, (key, label, _)) in fields.iter().enumerate() {
        // A stage reads "Stage 2 for [5m] to [40K] users"; each box keeps its full name.
        let (before, after) = match (stages, i % 2) {
            (false, _) => (label.clone(), ""),
            (true, 0) => {
                out.push_str("<span class=\"stage\">");
                (format!("Stage {} for", i / 2 + 1), "")
            }
            (true, _) => ("to".to_owned(), " users"),
        };
        let _ = write!(
            out,
            "<label>{before} <input type=\"text\" size=\"6\" data-act=\"field\" data-field=\"{key}\" \
             aria-label=\"{label}\" data-testid=\"shape-{key}\">{after}</label>"
        );
        if stages && i % 2 == 1 {
            let disabled = if fields.len() <= 2 { " disabled" } else { "" };
            let _ = write!(
                out,
                "<button data-act=\"remove-stage\" data-stage=\"{}\" aria-label=\"Remove stage {}\"{disabled}>×</button></span>",
                i / 2,
                i / 2 + 1
            );
        }
    }
    if stages {
        out.push_str("<button data-act=\"add-stage\" data-testid=\"add-stage\">Add stage</button>");
    }
    out.push_str("<label><input type=\"checkbox\" data-act=\"daily\" data-testid=\"daily-curve\"> Daily curve</label>");
    out
}

/// k6 stages in and out: markup of its own that never changes, so what is pasted stays
/// (and the section stays open) while the shape changes.
pub const K6_MARKUP: &str = "<details class=\"k6\"><summary>k6 stages</summary><textarea aria-label=\"k6 stages \
    (JSON)\" data-testid=\"k6-text\" rows=\"4\" placeholder=\"[{&quot;duration&quot;: &quot;1m&quot;, &quot;target&quot;: \
    100}, ...]\"></textarea><button data-act=\"k6-import\" data-testid=\"k6-import\">Import</button><button \
    data-act=\"k6-export\" data-testid=\"k6-export\" title=\"Write the stage table as k6 options\">Export</button></details>";

fn kind_of(shape: &Shape) -> &'static str {
    match shape {
        Shape::Constant => "constant",
        Shape::Ramp { .. } => "ramp",
        Shape::Step { .. } => "step",
        Shape::Spike { .. } => "spike",
        Shape::Wave { .. } => "wave",
        Shape::Stages { .. } => "stages",
    }
}

/// A shape of the kind named, with values that show it within a run of `length_s`.
pub fn default_shape(kind: &str, users: f64, length_s: f64) -> Shape {
    let part = |share: f64| (length_s * share).round();
    match kind {
        "ramp" => Shape::Ramp { from: 1.0, to: 10.0, duration_s: part(0.5) },
        "step" => Shape::Step { at_s: part(1.0 / 3.0), factor: 2.0 },
        "spike" => Shape::Spike { at_s: part(1.0 / 3.0), duration_s: part(1.0 / 6.0), factor: 5.0 },
        "wave" => Shape::Wave { period_s: part(1.0 / 3.0), amplitude: 0.5 },
        "stages" => Shape::Stages {
            stages: vec![
                Stage { duration_s: part(1.0 / 6.0), target_users: users * 2.0 },
                Stage { duration_s: part(0.5), target_users: users * 2.0 },
                Stage { duration_s: part(1.0 / 6.0), target_users: users },
            ],
        },
        _ => Shape::Constant,
    }
}

/// A shape's fields: (key, label, value as shown). Times are k6 durations ("1m30s"),
/// factors plain numbers, stage targets user counts ("250K").
pub fn fields(shape: &Shape) -> Vec<(String, String, String)> {
    let time = k6::format_duration;
    let factor = shortest;
    let field = |key: &str, label: &str, shown: String| (key.to_owned(), label.to_owned(), shown);
    match shape {
        Shape::Constant => Vec::new(),
        Shape::Ramp { from, to, duration_s } => vec![
            field("from", "From (x users)", factor(*from)),
            field("to", "To (x users)", factor(*to)),
            field("duration", "Over", time(*duration_s)),
        ],
        Shape::Step { at_s, factor: f } => {
            vec![field("at", "At", time(*at_s)), field("factor", "Factor (x users)", factor(*f))]
        }
        Shape::Spike { at_s, duration_s, factor: f } => vec![
            field("at", "At", time(*at_s)),
            field("duration", "For", time(*duration_s)),
            field("factor", "Factor (x users)", factor(*f)),
        ],
        Shape::Wave { period_s, amplitude } => {
            vec![field("period", "Period", time(*period_s)), field("amplitude", "Amplitude", factor(*amplitude))]
        }
        Shape::Stages { stages } => stages
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                [
                    (format!("d{i}"), format!("Stage {} duration", i + 1), time(s.duration_s)),
                    (format!("t{i}"), format!("Stage {} target users", i + 1), format_count(s.target_users)),
                ]
            })
            .collect(),
    }
}

/// `shape` with the field `key` set from `text`, or why `text` is not understood.
pub fn with_field(shape: &Shape, key: &str, text: &str) -> Result<Shape, String> {
    let seconds = || k6::parse_duration(text);
    let number = || parse_decimal(text.trim()).ok_or_else(|| format!("\"{}\" is not a number", text.trim()));
    let mut shape = shape.clone();
    match (&mut shape, key) {
        (Shape::Ramp { from, .. }, "from") => *from = number()?,
        (Shape::Ramp { to, .. }, "to") => *to = number()?,
        (Shape::Ramp { duration_s, .. } | Shape::Spike { duration_s, .. }, "duration") => *duration_s = seconds()?,
        (Shape::Step { at_s, .. } | Shape::Spike { at_s, .. }, "at") => *at_s = seconds()?,
        (Shape::Step { factor, .. } | Shape::Spike { factor, .. }, "factor") => *factor = number()?,
        (Shape::Wave { period_s, .. }, "period") => *period_s = seconds()?,
        (Shape::Wave { amplitude, .. }, "amplitude") => *amplitude = number()?,
        (Shape::Stages { stages }, key) => {
            let (what, index) = key.split_at(1);
            let stage = index.parse::<usize>().ok().and_then(|i| stages.get_mut(i)).ok_or("no such stage")?;
            match what {
                "d" => stage.duration_s = seconds()?,
                _ if text.trim() == "0" => stage.target_users = 0.0,
                _ => stage.target_users = parse_users(text).map_err(|e| e.to_string())?,
            }
        }
        _ => return Err("not a field of this shape".into()),
    }
    Ok(shape)
}

/// Validation's words ("traffic shape: ...") as a sentence of their own.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}
