//! The inspector: the selection's label and parameters, generated from the model's
//! parameter table (unit, range, default, help). A value outside its range is flagged
//! beside the field and never sent to the editor, so it never reaches the engine.

use scalelab_editor::{Action, LinkKey, MAX_LABEL_CHARS, ParamTarget};
use scalelab_model::number::shortest;
use scalelab_model::slo::Threshold;
use scalelab_model::{Component, Link, LinkMode, ParamSpec, ParamValue, link_params};
use web_sys::{HtmlInputElement, HtmlSelectElement};

use yew::prelude::*;

use crate::docs::{doc_of, use_docs};
use crate::state::{AppState, edit};

/// What the inspector shows.
#[derive(Clone)]
pub enum Subject {
    Design { name: String, thresholds: String },
    Component(Box<Component>),
    Link { link: Link, from: String, to: String },
    Many { components: usize, links: usize },
}

impl PartialEq for Subject {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            // The inspector shows no position, so dragging its component re-renders nothing.
            (Subject::Component(a), Subject::Component(b)) => {
                let Component { id, kind, label, pos_world: _, parent, params } = &**a;
                (id, kind, label, parent, params) == (&b.id, &b.kind, &b.label, &b.parent, &b.params)
            }
            (Subject::Design { name: a, thresholds: at }, Subject::Design { name: b, thresholds: bt }) => {
                (a, at) == (b, bt)
            }
            (Subject::Link { link: a, from: a_from, to: a_to }, Subject::Link { link: b, from: b_from, to: b_to }) => {
                (a, a_from, a_to) == (b, b_from, b_to)
            }
            (Subject::Many { components: a, links: a_links }, Subject::Many { components: b, links: b_links }) => {
                (a, a_links) == (b, b_links)
            }
            _ => false,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub subject: Subject,
    pub dispatch: UseReducerDispatcher<AppState>,
    /// A selected component's figures and how they were computed (markup), if evaluated.
    #[prop_or_default]
    pub figures: Option<AttrValue>,
    /// Its charts over the whole live run (markup), if a run covers it.
    #[prop_or_default]
    pub charts: Option<AttrValue>,
    /// Where the curtain over what of the run is not yet played starts (`--played`).
    #[prop_or_default]
    pub curtain: AttrValue,
}

fn perform(dispatch: &UseReducerDispatcher<AppState>) -> Callback<(Action, String)> {
    let dispatch = dispatch.clone();
    Callback::from(move |(action, done): (Action, String)| {
        dispatch.dispatch(edit(move |e| {
            e.try_perform(&action, done);
        }))
    })
}

#[component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let perform = perform(&props.dispatch);
    let docs = use_docs();
    let body = match &props.subject {
        Subject::Design { name, thresholds } => html! {
            <>
                <h2>{ "Design" }</h2>
                <TextField label="Name" value={name.clone()} key={format!("name:{name}")}
                    on_commit={perform.reform(|name: String| (Action::SetName(name.clone()), format!("Renamed the design to {name}")))} />
                <TextField label="Objectives (k6 thresholds)" value={thresholds.clone()} key={format!("slo:{thresholds}")}
                    objectives=true on_commit={perform.reform(|text: String| {
                        let list = Threshold::parse_list(&text).unwrap_or_default();
                        (Action::SetThresholds(list), format!("Objectives set to {text}"))
                    })} />
                <p class="hint">{ "Such as p(99)<200, errors<0.1%: shown as passed or failed beside the figures." }</p>
                <p class="hint">{ "Select a component or a link to see its parameters. Drag from the palette, or from a component's handle to another component to connect them." }</p>
            </>
        },
        Subject::Many { components, links } => {
            let dispatch = props.dispatch.clone();
            html! {
                <>
                    <h2>{ format!("{components} components, {links} links selected") }</h2>
                    <button onclick={Callback::from(move |_| dispatch.dispatch(edit(|e| e.delete_selection())))}>{ "Delete" }</button>
                </>
            }
        }
        Subject::Component(component) => {
            let under_load = html! {
                <>
                    if let Some(figures) = props.figures.clone() {
                        <section class="figures" data-testid="figures" aria-label="Under load">{ Html::from_html_unchecked(figures) }</section>
                    }
                    if let Some(charts) = props.charts.clone() {
                        <section class="figures own-charts" data-testid="own-charts" aria-label="Over the live run"
                            style={props.curtain.clone()}>{ Html::from_html_unchecked(charts) }</section>
                    }
                </>
            };
            component_body(component, &perform, &docs, under_load)
        }
        Subject::Link { link, from, to } => link_body(link, from, to, &perform, &docs),
    };
    html! {
        <aside class="inspector" aria-label="Inspector" data-testid="inspector">{ body }</aside>
    }
}

/// A component's label and parameters, with `under_load` (its figures and charts) between
/// its name and its parameters.
fn component_body(
    component: &Component,
    perform: &Callback<(Action, String)>,
    docs: &serde_json::Value,
    under_load: Html,
) -> Html {
    let id = component.id.clone();
    let on_label = {
        let id = id.clone();
        perform
            .reform(move |label: String| (Action::SetLabel(id.clone(), label.clone()), format!("Renamed to {label}")))
    };
    let target = ParamTarget::Component(id.clone());
    html! {
        <>
            <h2>{ component.kind.name() }</h2>
            <p class="hint">{ crate::docs::description(docs, component.kind) }</p>
            <TextField label="Label" value={component.label.clone()} key={format!("label:{id}:{}", component.label)}
                max_chars={MAX_LABEL_CHARS} on_commit={on_label} />
            <p class="hint">{ format!("id: {id}") }</p>
            { under_load }
            <h3 class="params-heading">{ "Parameters" }</h3>
            { for component.kind.params().iter().map(|spec| html! {
                <ParamField key={format!("{id}:{}", spec.key)} spec={*spec} target={target.clone()}
                    value={component.params.get(spec.key).cloned()} perform={perform.clone()}
                    doc={doc_of(docs, component.kind.name(), spec.key)} />
            }) }
        </>
    }
}

fn link_body(
    link: &Link,
    from: &str,
    to: &str,
    perform: &Callback<(Action, String)>,
    docs: &serde_json::Value,
) -> Html {
    let key = LinkKey::of(link);
    let on_mode = {
        let key = key.clone();
        perform.reform(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let mode = if select.value() == "publish" { LinkMode::Publish } else { LinkMode::Call };
            (Action::SetLinkMode(key.clone(), mode), format!("Link is now {}", select.value()))
        })
    };
    let target = ParamTarget::Link(key.clone());
    html! {
        <>
            <h2>{ "Link" }</h2>
            <p class="hint">{ format!("{from} → {to}") }</p>
            <label class="field">
                <span class="field-name">{ "Mode" }</span>
                <select data-testid="link-mode" onchange={on_mode}>
                    <option value="call" selected={link.mode == LinkMode::Call}>{ "call (synchronous: the caller waits)" }</option>
                    <option value="publish" selected={link.mode == LinkMode::Publish}>{ "publish (asynchronous: fire and forget)" }</option>
                </select>
            </label>
            { for link_params().iter().map(|spec| html! {
                <ParamField key={format!("{}->{}:{}", key.from, key.to, spec.key)} spec={*spec} target={target.clone()}
                    value={link.params.get(spec.key).cloned()} perform={perform.clone()}
                    doc={doc_of(docs, "link", spec.key)} />
            }) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct TextProps {
    label: AttrValue,
    value: String,
    #[prop_or(MAX_LABEL_CHARS)]
    max_chars: usize,
    /// The text is a list of objectives (k6 thresholds): one that does not read is shown
    /// as what is wrong and not committed.
    #[prop_or_default]
    objectives: bool,
    on_commit: Callback<String>,
}

#[component]
fn TextField(props: &TextProps) -> Html {
    // What was typed and refused, with why: kept in the box (re-renders do not put the
    // design's value back over it) until it is corrected.
    let refused = use_state(|| None::<(String, String)>);
    let on_change = {
        let (refused, on_commit, max, check) =
            (refused.clone(), props.on_commit.clone(), props.max_chars, props.objectives);
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let text = input.value();
            let problem = if text.chars().count() > max {
                Some(format!("at most {max} characters"))
            } else {
                check.then(|| Threshold::parse_list(&text).err()).flatten()
            };
            match problem {
                Some(problem) => refused.set(Some((text, problem))),
                None => {
                    refused.set(None);
                    on_commit.emit(text);
                }
            }
        })
    };
    let (value, error) = match &*refused {
        Some((text, problem)) => (text.clone(), Some(problem.clone())),
        None => (props.value.clone(), None),
    };
    html! {
        <label class="field">
            <span class="field-name">{ props.label.clone() }</span>
            <input type="text" {value} onchange={on_change} aria-invalid={error.is_some().to_string()} />
            if let Some(message) = error { <span class="field-error" role="alert">{ message }</span> }
        </label>
    }
}

#[derive(Properties, PartialEq)]
struct ParamProps {
    spec: ParamSpec,
    target: ParamTarget,
    /// The document's value, if it differs from the default.
    value: Option<ParamValue>,
    perform: Callback<(Action, String)>,
    /// Its help and the source of its default.
    doc: (AttrValue, AttrValue),
}

/// Reads a typed number leniently ("1,000", "2_000", "1e6").
fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text.trim().chars().filter(|c| !matches!(c, ',' | '_' | ' ')).collect();
    scalelab_model::number::parse_decimal(&cleaned)
}

#[component]
fn ParamField(props: &ParamProps) -> Html {
    let error = use_state(|| None::<String>);
    let spec = props.spec;
    let set = {
        let (perform, target) = (props.perform.clone(), props.target.clone());
        move |value: Option<ParamValue>| {
            let done = format!("{} set", spec.name);
            perform.emit((Action::SetParam { target: target.clone(), key: spec.key.to_owned(), value }, done));
        }
    };
    let reset = {
        let set = set.clone();
        Callback::from(move |_: MouseEvent| set(None))
    };
    let overridden = props.value.is_some();
    let (help_text, source) = &props.doc;
    let help = format!("{help_text} Default: {}. Source: {source}.", default_text(&spec));
    let control = if spec.is_choice() {
        let current = match &props.value {
            Some(ParamValue::Choice(c)) => c.clone(),
            _ => spec.default_choice().to_owned(),
        };
        let on_change = Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            set(Some(ParamValue::Choice(select.value())));
        });
        html! {
            <select data-param={spec.key} onchange={on_change} title={help.clone()}>
                { for spec.choices.iter().map(|c| html! { <option value={*c} selected={*c == current}>{ c.replace('_', " ") }</option> }) }
            </select>
        }
    } else {
        let shown = match &props.value {
            Some(ParamValue::Number(n)) => shortest(*n),
            _ => shortest(spec.default),
        };
        let on_change = {
            let error = error.clone();
            Callback::from(move |event: Event| {
                let input: HtmlInputElement = event.target_unchecked_into();
                let text = input.value();
                if text.trim().is_empty() {
                    error.set(None);
                    set(None);
                    return;
                }
                match parse_number(&text).map(ParamValue::Number) {
                    Some(value) if spec.accepts(&value) => {
                        error.set(None);
                        set(Some(value));
                    }
                    _ => error.set(Some(format!("\"{}\" is not allowed: must be {}", text.trim(), spec.allowed()))),
                }
            })
        };
        html! {
            <input type="text" inputmode="decimal" data-param={spec.key} value={shown} onchange={on_change}
                aria-invalid={error.is_some().to_string()} title={help.clone()}
                aria-describedby={format!("help-{}", spec.key)} />
        }
    };
    html! {
        <div class={classes!("field", "param", overridden.then_some("overridden"), error.is_some().then_some("invalid"))}>
            <label class="field-name" title={help.clone()}>
                { spec.name }
                if !spec.unit.is_empty() { <span class="unit">{ format!(" ({})", spec.unit) }</span> }
                { control }
            </label>
            if overridden {
                <button class="reset" title="Back to the default" aria-label={format!("Reset {} to its default", spec.name)} onclick={reset}>{ "↺" }</button>
            }
            if let Some(message) = (*error).clone() {
                <span class="field-error" role="alert">{ message }</span>
            }
            <span class="field-help" id={format!("help-{}", spec.key)}>{ help_text.clone() }</span>
        </div>
    }
}

fn default_text(spec: &ParamSpec) -> String {
    if spec.is_choice() {
        spec.default_choice().to_owned()
    } else {
        format!("{} {}", shortest(spec.default), spec.unit)
    }
}
