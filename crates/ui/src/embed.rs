//! Embed mode's parts: the bar ("Open in scalelab", run, fit), the report summary shown
//! for `view=charts|split`, visibility (an embed scrolled out of view pauses), and the
//! postMessage protocol with the host page.
//!
//! Protocol (see docs/embedding.md). The embed sends `{type: "ready"}`,
//! `{type: "resize", height}` and `{type: "result", summary}` to `window.parent`; the host
//! may send `{type: "load", document}` (the document or its JSON text) and `{type: "run"}`;
//! a `load` that cannot be opened is answered with `{type: "error", message}`. Messages are heard only from
//! `window.parent` and, when `?host=` lists origins, only from those; anything malformed
//! is ignored.

use crate::engine::Outcome;
use scalelab_model::number::fixed;
use scalelab_model::{Document, format_count};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;
use yew::prelude::*;

use crate::page::PageOptions;

/// What a host learns about a run: the numbers a reader would look at first.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub name: String,
    pub users: f64,
    pub entry_rps: f64,
    pub good_rps: f64,
    pub error_rate: f64,
    pub latency_p50_ms: f64,
    pub latency_p99_ms: f64,
    pub cost_usd_per_month: f64,
    /// Saturated components, in the design's order.
    pub saturated: Vec<String>,
    /// The component with the highest load, and that load (1 = at capacity).
    pub busiest: Option<(String, f64)>,
}

pub fn summary(doc: &Document, report: &Outcome) -> Summary {
    // No sort: a maximum and a filter keep the sorting code out of the wasm.
    let busiest = report.components.iter().filter(|c| c.load.is_finite()).max_by(|a, b| a.load.total_cmp(&b.load));
    Summary {
        name: doc.name.clone(),
        users: report.users,
        entry_rps: report.entry_rps,
        good_rps: report.good_rps,
        error_rate: report.error_rate,
        latency_p50_ms: report.latency_p50_ms,
        latency_p99_ms: report.latency_p99_ms,
        cost_usd_per_month: report.cost_usd_per_month,
        saturated: report.components.iter().filter(|c| c.saturated).map(|c| c.id.to_string()).collect(),
        busiest: busiest.map(|c| (c.id.to_string(), c.load)),
    }
}

/// A message from the host page.
#[derive(Debug)]
pub enum HostMessage {
    /// A design to show, as JSON text (the host may send the document or its text).
    Load { document: String },
    /// Evaluate now, whether or not the embed is in view.
    Run,
}

impl HostMessage {
    /// Reads `{type: "load", document}` or `{type: "run"}`; None for anything else.
    fn from_js(data: &JsValue) -> Option<Self> {
        let field = |name: &str| js_sys::Reflect::get(data, &name.into()).ok();
        match field("type")?.as_string()?.as_str() {
            "run" => Some(Self::Run),
            "load" => {
                let document = field("document").filter(|d| !d.is_undefined() && !d.is_null())?;
                let text = match document.as_string() {
                    Some(text) => text,
                    None => js_sys::JSON::stringify(&document).ok()?.as_string()?,
                };
                Some(Self::Load { document: text })
            }
            _ => None,
        }
    }
}

/// A plain object from pairs, for a message.
pub fn message(kind: &str, fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    let _ignored = js_sys::Reflect::set(&object, &"type".into(), &kind.into());
    for (key, value) in fields {
        let _ignored = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

impl Summary {
    /// The summary as a plain object for `result` messages.
    pub fn to_js(&self) -> JsValue {
        let saturated: js_sys::Array = self.saturated.iter().map(|id| JsValue::from(id.as_str())).collect();
        let busiest = match &self.busiest {
            Some((id, load)) => message("component", &[("id", id.as_str().into()), ("load", (*load).into())]),
            None => JsValue::NULL,
        };
        let number = |v: f64| if v.is_finite() { JsValue::from(v) } else { JsValue::NULL };
        let fields = [
            ("name", self.name.as_str().into()),
            ("users", number(self.users)),
            ("entry_rps", number(self.entry_rps)),
            ("good_rps", number(self.good_rps)),
            ("error_rate", number(self.error_rate)),
            ("latency_p50_ms", number(self.latency_p50_ms)),
            ("latency_p99_ms", number(self.latency_p99_ms)),
            ("cost_usd_per_month", number(self.cost_usd_per_month)),
            ("saturated", saturated.into()),
            ("busiest", busiest),
        ];
        let object = js_sys::Object::new();
        for (key, value) in fields {
            let _ignored = js_sys::Reflect::set(&object, &key.into(), &value);
        }
        object.into()
    }
}

fn parent_window() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok()??;
    // A page that is not in a frame is its own parent: there is no host to talk to.
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// Sends `value` to the host page, if there is one (to each allowed origin, else to any).
pub fn post(options: &PageOptions, value: &JsValue) {
    let Some(parent) = parent_window() else { return };
    if options.hosts.is_empty() {
        let _ignored = parent.post_message(value, "*");
    } else {
        for origin in &options.hosts {
            let _ignored = parent.post_message(value, origin);
        }
    }
}

/// Reads a host message, or None for anything not from the parent, from an origin not
/// allowed, or malformed.
pub fn host_message(options: &PageOptions, event: &web_sys::MessageEvent) -> Option<HostMessage> {
    let parent = parent_window()?;
    let source: JsValue = event.source()?.into();
    if !js_sys::Object::is(&source, &parent) || !options.accepts_origin(&event.origin()) {
        return None;
    }
    HostMessage::from_js(&event.data())
}

pub type Observer = (web_sys::IntersectionObserver, wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>);

/// Watches whether the element is (at least partly) in the visitor's view; in a frame,
/// whether the frame is in the top page's view. Says "visible" where IntersectionObserver
/// is missing.
pub fn observe(node: &NodeRef, visible: UseStateSetter<bool>) -> Option<Observer> {
    let element = node.cast::<Element>()?;
    let on_change = {
        let visible = visible.clone();
        wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let last = entries.iter().last().and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok());
            if let Some(entry) = last {
                visible.set(entry.is_intersecting());
            }
        })
    };
    match web_sys::IntersectionObserver::new(on_change.as_ref().unchecked_ref()) {
        Ok(observer) => {
            observer.observe(&element);
            Some((observer, on_change))
        }
        Err(_) => {
            visible.set(true);
            None
        }
    }
}

/// The height the embed would like, in CSS pixels: its bars plus the design at the
/// frame's width (or the summary's height), within reason.
pub fn preferred_height(root: &Element, doc: &Document, charts_only: bool) -> i32 {
    let bars: i32 = ["header", "footer"]
        .iter()
        .filter_map(|tag| root.query_selector(&format!(":scope > {tag}")).ok().flatten())
        .map(|el| el.client_height())
        .sum();
    let content = if charts_only {
        root.query_selector(".summary").ok().flatten().map_or(240, |el| el.scroll_height())
    } else {
        let width = f64::from(root.client_width().max(1));
        let aspect =
            scalelab_editor::bounds(doc).map_or(0.5, |area| (area.height() + 160.0) / (area.width() + 160.0).max(1.0));
        (width * aspect).clamp(240.0, 720.0) as i32
    };
    bars + content
}

/// The evaluated report's headline numbers (what `view=charts|split` shows until charts
/// exist), or why there is nothing to show. A plain function, not a component: each yew
/// component costs the wasm its own copy of the lifecycle code.
pub fn summary_panel(summary: Option<&Summary>, waiting: &str) -> Html {
    let Some(s) = summary else {
        return html! { <aside class="summary" data-testid="summary"><p class="hint">{ waiting.to_owned() }</p></aside> };
    };
    let ms = |v: f64| if v.is_finite() { format!("{} ms", fixed(v, 0)) } else { "unbounded".to_owned() };
    let rows = [
        ("Users", format_count(s.users)),
        ("Requests/s at peak", format_count(s.entry_rps)),
        ("Answered/s", format_count(s.good_rps)),
        ("Errors", format!("{} %", fixed(s.error_rate * 100.0, 1))),
        ("Latency p50 / p99", format!("{} / {}", ms(s.latency_p50_ms), ms(s.latency_p99_ms))),
        ("Cost", format!("${}/month", format_count(s.cost_usd_per_month))),
    ];
    let verdict = if s.saturated.is_empty() {
        match &s.busiest {
            Some((id, load)) => format!("Holds: the busiest is {id} at {} % of capacity", fixed(load * 100.0, 0)),
            None => "Holds".to_owned(),
        }
    } else {
        format!("Saturated: {}", s.saturated.join(", "))
    };
    html! {
        <aside class="summary" data-testid="summary">
            <p class={classes!("verdict", (!s.saturated.is_empty()).then_some("error"))}>{ verdict }</p>
            <table>{ for rows.into_iter().map(|(k, v)| html! { <tr><th scope="row">{ k }</th><td>{ v }</td></tr> }) }</table>
            <p class="hint">{ "Steady state at the daily peak. Charts of a run over time are coming." }</p>
        </aside>
    }
}

/// What the embed's bar shows.
pub struct Bar<'a> {
    pub name: &'a str,
    pub open_href: String,
    pub controls: bool,
    pub started: bool,
    pub on_run: Callback<MouseEvent>,
    pub on_fit: Callback<MouseEvent>,
    /// The users control.
    pub users: Html,
}

/// The embed's bar: the design's name, the controls (users, run, fit) and "Open in
/// scalelab"; without controls only the link, in a corner.
pub fn embed_bar(bar: Bar) -> Html {
    let open = html! {
        <a class="open-in" href={bar.open_href} target="_blank" rel="noopener" data-testid="open-in-scalelab">
            { "Open in scalelab ↗" }
        </a>
    };
    if !bar.controls {
        return html! { <div class="embed-corner">{ open }</div> };
    }
    html! {
        <header class="toolbar embed-bar">
            <span class="embed-name" title={bar.name.to_owned()}>{ bar.name.to_owned() }</span>
            { bar.users }
            <button onclick={bar.on_run} data-testid="run" aria-pressed={bar.started.to_string()}>
                { if bar.started { "Running" } else { "Run" } }
            </button>
            <button onclick={bar.on_fit} title="Fit the design in view">{ "Fit" }</button>
            { open }
        </header>
    }
}
