//! The live run: the engine runs the design through simulated time (its traffic shape,
//! the daily curve, autoscaling, failures) in the worker, and the page plays the run
//! back at 1x to 3,600x: the canvas takes each component's figures at the time shown, the
//! headline cards follow, and charts draw the time series as far as the run has played.
//!
//! The whole run is computed first (a flow-engine run is a pure function of the design,
//! so playing it back is the same as stepping it live) and comes back as one array of
//! numbers ([`encode_run`], [`decode_run`]); the page then only moves a clock. Changing
//! the design runs it again and keeps the time shown.

use std::fmt::Write;

use scalelab_charts::format_ms;
use scalelab_charts::series::{
    Line, PLOT_LEFT_FRACTION, PLOT_WIDTH_FRACTION, TimeChart, Unit, format_time, time_chart,
};
use scalelab_model::number::{fixed, shortest};
use scalelab_model::{ComponentId, Document, format_count};
use scalelab_sim::run::{RunOptions, RunReport};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::engine::{Measure, Outcome};
use crate::looks::display_name;

/// A run, column by column: `times[i]` is the end of the step sample `i` describes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunView {
    pub end_s: f64,
    pub step_s: f64,
    pub times: Vec<f64>,
    pub users: Vec<f64>,
    pub entry_rps: Vec<f64>,
    pub good_rps: Vec<f64>,
    pub failed_rps: Vec<f64>,
    pub error_rate: Vec<f64>,
    pub p50_ms: Vec<f64>,
    pub p95_ms: Vec<f64>,
    pub p99_ms: Vec<f64>,
    pub usd_per_hour: Vec<f64>,
    /// One per component of the design, in its order.
    pub components: Vec<ComponentRun>,
}

/// One component over a run (not-a-number where the engine does not cover it).
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentRun {
    pub id: ComponentId,
    pub offered_rps: Vec<f64>,
    pub errors_rps: Vec<f64>,
    pub utilisation: Vec<f64>,
    pub queue: Vec<f64>,
    pub instances: Vec<f64>,
    /// 1 while the component is down.
    pub down: Vec<f64>,
}

const RUN_HEAD: usize = 4;
const PER_SAMPLE: usize = 9;
const PER_COMPONENT_SAMPLE: usize = 6;

/// A run as numbers: the count of samples and of components, the run's length and step,
/// then per sample nine figures (time, users, entering and good requests/s, error rate,
/// p50, p95 and p99 in ms, dollars per hour) and six per component of `doc` in its order
/// (offered and error requests/s, utilisation, queue, instances, down).
pub fn encode_run(doc: &Document, plan_ids: &[ComponentId], run: &RunReport, options: RunOptions) -> Vec<f64> {
    let count = doc.components.len();
    let place: Vec<Option<usize>> = doc.components.iter().map(|c| plan_ids.iter().position(|id| *id == c.id)).collect();
    let mut numbers = Vec::with_capacity(RUN_HEAD + run.samples.len() * (PER_SAMPLE + PER_COMPONENT_SAMPLE * count));
    numbers.extend([run.samples.len() as f64, count as f64, options.duration_s, options.step_s]);
    for s in &run.samples {
        let l = &s.latency;
        numbers.extend([
            s.t_s,
            s.users,
            s.entry_rps,
            s.good_rps,
            s.error_rate,
            l.p50_ms,
            l.p95_ms,
            l.p99_ms,
            s.usd_per_hour,
        ]);
        for at in &place {
            match at.and_then(|i| s.components.get(i)) {
                Some(c) => numbers.extend([
                    c.offered_rps,
                    c.errors_rps,
                    c.utilisation,
                    c.queue,
                    c.instances,
                    f64::from(u8::from(c.down)),
                ]),
                None => numbers.extend([f64::NAN; PER_COMPONENT_SAMPLE]),
            }
        }
    }
    numbers
}

/// Reads [`encode_run`]'s numbers back; None if they do not fit `ids`.
pub fn decode_run(numbers: &[f64], ids: &[ComponentId]) -> Option<RunView> {
    let (head, rest) = numbers.split_at_checked(RUN_HEAD)?;
    let &[samples, count, end_s, step_s] = head else { return None };
    let (samples, count) = (samples as usize, count as usize);
    let row = PER_SAMPLE + PER_COMPONENT_SAMPLE * count;
    if count != ids.len() || rest.len() != samples * row {
        return None;
    }
    let mut view = RunView {
        end_s,
        step_s,
        components: ids
            .iter()
            .map(|id| ComponentRun {
                id: id.clone(),
                offered_rps: Vec::with_capacity(samples),
                errors_rps: Vec::with_capacity(samples),
                utilisation: Vec::with_capacity(samples),
                queue: Vec::with_capacity(samples),
                instances: Vec::with_capacity(samples),
                down: Vec::with_capacity(samples),
            })
            .collect(),
        ..RunView::default()
    };
    for sample in rest.chunks_exact(row) {
        let (figures, parts) = sample.split_at(PER_SAMPLE);
        let &[t, users, entry, good, error_rate, p50, p95, p99, usd] = figures else { return None };
        for (column, value) in [
            (&mut view.times, t),
            (&mut view.users, users),
            (&mut view.entry_rps, entry),
            (&mut view.good_rps, good),
            (&mut view.failed_rps, (entry - good).max(0.0)),
            (&mut view.error_rate, error_rate),
            (&mut view.p50_ms, p50),
            (&mut view.p95_ms, p95),
            (&mut view.p99_ms, p99),
            (&mut view.usd_per_hour, usd),
        ] {
            column.push(value);
        }
        for (c, part) in view.components.iter_mut().zip(parts.chunks_exact(PER_COMPONENT_SAMPLE)) {
            let &[offered, errors, utilisation, queue, instances, down] = part else { return None };
            c.offered_rps.push(offered);
            c.errors_rps.push(errors);
            c.utilisation.push(utilisation);
            c.queue.push(queue);
            c.instances.push(instances);
            c.down.push(down);
        }
    }
    Some(view)
}

/// The run's lengths on offer, in seconds, with their labels.
pub const LENGTHS: [(u32, &str); 4] = [(600, "10 min"), (3_600, "1 hour"), (21_600, "6 hours"), (86_400, "1 day")];
/// Playback speeds on offer.
pub const SPEEDS: [f64; 5] = [1.0, 10.0, 60.0, 600.0, 3_600.0];

/// Runs `doc` for `seconds` in one-second steps.
pub fn run_numbers(doc: &Document, seconds: f64) -> Result<Vec<f64>, String> {
    let options = RunOptions { duration_s: seconds, step_s: 1.0 };
    let plan = scalelab_sim::Plan::new(doc).map_err(|e| e.to_string())?;
    let ids: Vec<ComponentId> = plan.nodes.iter().map(|n| n.id.clone()).collect();
    let run = scalelab_sim::run::run(doc, options).map_err(|e| e.to_string())?;
    Ok(encode_run(doc, &ids, &run, options))
}

/// The worker's entry for a live run: the design as JSON and the run's length in seconds.
#[wasm_bindgen(js_name = runDesign)]
pub fn run_design(json: &str, seconds: f64) -> Result<Vec<f64>, String> {
    let doc = Document::from_json(json).map_err(|e| e.to_string())?;
    run_numbers(&doc, seconds)
}

/// How many samples of `run` lie at or before `position_s`.
pub fn played(run: &RunView, position_s: f64) -> usize {
    run.times.partition_point(|&t| t <= position_s + 1e-9)
}

/// The figures at sample `i` of `run` as an evaluation's: what the headline cards and the
/// canvas show at that moment. Capacities, the resource that runs out and the links come
/// from `steady`, the steady state at the design's traffic, where there is one.
pub fn outcome_at(run: &RunView, i: usize, steady: Option<&Outcome>) -> Option<Outcome> {
    let at = |column: &[f64]| column.get(i).copied();
    let components = run
        .components
        .iter()
        .filter_map(|c| {
            let utilisation = at(&c.utilisation).filter(|u| u.is_finite())?;
            let base = steady.and_then(|o| o.component(&c.id));
            let offered_rps = at(&c.offered_rps).unwrap_or(0.0);
            let capacity_rps = base.map_or(f64::INFINITY, |b| b.capacity_rps);
            let down = at(&c.down).unwrap_or(0.0) > 0.5;
            let load =
                if capacity_rps.is_finite() && capacity_rps > 0.0 { offered_rps / capacity_rps } else { utilisation };
            let saturated = down || utilisation >= 0.999 || load >= 1.0;
            Some(Measure {
                id: c.id.clone(),
                offered_rps,
                capacity_rps,
                load,
                utilisation,
                saturated,
                limit: if saturated { base.and_then(|b| b.limit) } else { None },
                errors_rps: at(&c.errors_rps).unwrap_or(0.0),
            })
        })
        .collect();
    Some(Outcome {
        users: at(&run.users)?,
        entry_rps: at(&run.entry_rps)?,
        good_rps: at(&run.good_rps)?,
        error_rate: at(&run.error_rate)?,
        latency_p50_ms: at(&run.p50_ms)?,
        latency_p95_ms: at(&run.p95_ms)?,
        latency_p99_ms: at(&run.p99_ms)?,
        cost_usd_per_month: at(&run.usd_per_hour)? * scalelab_sim::report::HOURS_PER_MONTH,
        components,
        links: steady.map(|o| o.links.clone()).unwrap_or_default(),
    })
}

/// The figures shown: sample `moment` of the run, or the steady state (`report`) when no
/// run is shown; `answer` names the steady state's answer.
#[hook]
pub fn use_outcome_at(
    report: &crate::engine::Current,
    run: &crate::engine::CurrentRun,
    answer: usize,
    moment: Option<usize>,
) -> Option<std::rc::Rc<Outcome>> {
    let (report, run) = (report.clone(), run.clone());
    let at = moment.map(|i| (std::rc::Rc::as_ptr(&run) as usize, i));
    let memo = use_memo((answer, at), move |_| {
        let steady = || report.as_ref().as_ref().and_then(|r| r.as_ref().ok()).cloned().map(std::rc::Rc::new);
        match (at, run.as_ref().as_ref().and_then(|r| r.as_ref().ok())) {
            (Some((_, i)), Some(r)) => outcome_at(r, i, steady().as_deref()).map(std::rc::Rc::new).or_else(steady),
            _ => steady(),
        }
    });
    (*memo).clone()
}

/// The clock of a playback.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Playback {
    pub position_s: f64,
    pub playing: bool,
    /// Simulated seconds per real second.
    pub speed: f64,
    /// The run's length asked for.
    pub length_s: u32,
    /// The length of the run at hand (0 before one arrives).
    pub end_s: f64,
}

impl Default for Playback {
    fn default() -> Self {
        Self { position_s: 0.0, playing: false, speed: 60.0, length_s: 3_600, end_s: 0.0 }
    }
}

/// What changes a playback.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Play {
    Play,
    Pause,
    /// One step of the run.
    Step(f64),
    Reset,
    Speed(f64),
    Length(u32),
    /// A run of this length arrived.
    Ends(f64),
    /// This much real time passed while playing, in seconds.
    Tick(f64),
}

impl Playback {
    pub fn after(self, play: Play) -> Self {
        let end = self.end_s;
        match play {
            // Playing from the end starts again.
            Play::Play => {
                Self { playing: true, position_s: if self.position_s >= end { 0.0 } else { self.position_s }, ..self }
            }
            Play::Pause => Self { playing: false, ..self },
            Play::Step(step_s) => Self { playing: false, position_s: (self.position_s + step_s).min(end), ..self },
            Play::Reset => Self { playing: false, position_s: 0.0, ..self },
            Play::Speed(speed) => Self { speed, ..self },
            Play::Length(length_s) => Self { length_s, position_s: 0.0, end_s: 0.0, ..self },
            Play::Ends(end_s) => Self { end_s, position_s: self.position_s.min(end_s), ..self },
            Play::Tick(real_s) if self.playing => {
                let position_s = self.position_s + real_s * self.speed;
                if position_s >= end {
                    Self { position_s: end, playing: false, ..self }
                } else {
                    Self { position_s, ..self }
                }
            }
            Play::Tick(_) => self,
        }
    }
}

impl Reducible for Playback {
    type Action = Play;

    fn reduce(self: std::rc::Rc<Self>, action: Play) -> std::rc::Rc<Self> {
        std::rc::Rc::new(self.after(action))
    }
}

/// How often the clock moves while playing, in milliseconds: the canvas and charts
/// follow ten times a second.
pub const TICK_MS: u32 = 100;

/// Moves the clock while playing.
#[hook]
pub fn use_clock(playback: &UseReducerHandle<Playback>) {
    let dispatch = playback.dispatcher();
    use_effect_with(playback.playing, move |&playing| {
        let interval = playing.then(|| {
            let mut last = js_sys::Date::now();
            gloo_timers::callback::Interval::new(TICK_MS, move || {
                let now = js_sys::Date::now();
                dispatch.dispatch(Play::Tick((now - last) / 1000.0));
                last = now;
            })
        });
        move || drop(interval)
    });
}

#[derive(Properties)]
pub struct LivePanelProps {
    pub run: crate::engine::CurrentRun,
    pub playback: Playback,
    pub state: crate::state::AppState,
    pub dispatch: UseReducerDispatcher<crate::state::AppState>,
    pub on_play: Callback<Play>,
    pub on_close: Callback<()>,
}

/// A run is compared by its address: comparing its figures (a day's run of 100
/// components is a million numbers) on every tick of the clock took a third of the
/// page's work while playing.
impl PartialEq for LivePanelProps {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.run, &other.run)
            && self.playback == other.playback
            && self.state == other.state
            && self.dispatch == other.dispatch
            && self.on_play == other.on_play
            && self.on_close == other.on_close
    }
}

/// The run's controls, its clock, its charts and a read-out of the time pointed at.
///
/// The panel is written as markup text (like the charts) with one listener per kind of
/// event on the panel, which reads what was used from its `data-act`: a virtual DOM node
/// per control cost the wasm several times more. The controls are their own piece of
/// markup, unchanged (so kept, with their focus) while only the clock moves.
#[component]
pub fn LivePanel(props: &LivePanelProps) -> Html {
    let hover = use_state(|| None::<f64>);
    let p = props.playback;
    let run = props.run.as_ref().as_ref().and_then(|r| r.as_ref().ok());
    let (step, end_s) = run.map_or((1.0, 0.0), |r| (r.step_s, r.end_s));
    // The traffic's shape over the run (see `shape`): its controls share the panel's listeners.
    let (traffic, rps_per_user) = {
        let doc = &props.state.editor().doc;
        (doc.traffic.clone(), doc.peak_rps_per_user())
    };
    let (shape_error, shape_note) = (use_state(|| None::<String>), use_state(|| None::<String>));
    let (shape_ref, shape_markup) = crate::shape::use_shape_controls(&traffic);
    let shape = {
        let (dispatch, error, note) = (props.dispatch.clone(), shape_error.clone(), shape_note.clone());
        move |e: &Event| match crate::shape::handle(e, &traffic, rps_per_user, f64::from(p.length_s)) {
            Some(shaped) => {
                crate::shape::commit(shaped, &dispatch, &error, &note);
                true
            }
            None => false,
        }
    };
    let onclick = {
        let (on_play, on_close, shape) = (props.on_play.clone(), props.on_close.clone(), shape.clone());
        Callback::from(move |e: MouseEvent| match act(&e).map(|(a, _)| a).as_deref() {
            _ if shape(&e) => {}
            Some("play") => on_play.emit(if p.playing { Play::Pause } else { Play::Play }),
            Some("step") => on_play.emit(Play::Step(step)),
            Some("reset") => on_play.emit(Play::Reset),
            Some("close") => on_close.emit(()),
            _ => {}
        })
    };
    let onchange = {
        let on_play = props.on_play.clone();
        Callback::from(move |e: Event| {
            if shape(&e) {
                return;
            }
            let Some((what, target)) = act(&e) else { return };
            let value = target.dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            let value = scalelab_model::number::parse_decimal(&value).unwrap_or(0.0);
            match what.as_str() {
                "speed" => on_play.emit(Play::Speed(value)),
                "length" => on_play.emit(Play::Length(value as u32)),
                _ => {}
            }
        })
    };
    let onpointermove = {
        let hover = hover.clone();
        Callback::from(move |e: PointerEvent| {
            let chart = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest(".live-chart").ok().flatten());
            let at = chart.map(|chart| {
                let rect = chart.get_bounding_client_rect();
                let fraction = (f64::from(e.client_x()) - rect.left()) / rect.width().max(1.0);
                ((fraction - PLOT_LEFT_FRACTION) / PLOT_WIDTH_FRACTION).clamp(0.0, 1.0) * end_s
            });
            if *hover != at {
                hover.set(at);
            }
        })
    };
    let onpointerleave = {
        let hover = hover.clone();
        Callback::from(move |_: PointerEvent| hover.set(None))
    };
    // The charts are drawn whole once per run; what is not yet
    // played hides behind a curtain that only moves, so a tick redraws no chart.
    let drawn = {
        let (run, state) = (props.run.clone(), props.state.clone());
        use_memo(std::rc::Rc::as_ptr(&run) as usize, move |_| match run.as_ref() {
            Some(Ok(run)) => charts(run, &state.editor().doc),
            _ => Vec::new(),
        })
    };
    let played = played_share(p.position_s, end_s);
    let curtain = curtain(played);
    let body = match props.run.as_ref() {
        None => html! { <p class="hint" data-testid="run-waiting">{ "Running the design…" }</p> },
        Some(Err(error)) => html! { <p class="field-error" role="alert">{ error.clone() }</p> },
        Some(Ok(_)) => html! {
            <div class="live-charts" data-played={fixed(played, 4)}>
                { for drawn.iter().map(|svg| html! {
                    <div class="live-chart">
                        { Html::from_html_unchecked(svg.clone()) }
                        <div class="curtain" style={curtain.clone()}></div>
                    </div>
                }) }
            </div>
        },
    };
    let readout = run.zip(*hover).map(|(run, t)| readout(run, &props.state.editor().doc, t.min(p.position_s)));
    let clock = format!("{} / {}", format_time(p.position_s), format_time(f64::from(p.length_s)));
    html! {
        <section class="live-panel" aria-label="Live run" data-testid="live-panel" {onclick} {onchange} {onpointermove} {onpointerleave}>
            { Html::from_html_unchecked(controls(&p, run.is_some()).into()) }
            <div class="traffic-shape" data-testid="traffic-shape" ref={shape_ref}>
                { Html::from_html_unchecked(shape_markup) }
                { Html::from_html_unchecked(AttrValue::Static(crate::shape::K6_MARKUP)) }
                if let Some(note) = (*shape_note).clone() {
                    <p class="hint" data-testid="k6-note">{ note }</p>
                }
                if let Some(problem) = (*shape_error).clone() {
                    <p class="field-error" role="alert" data-testid="shape-error">{ problem }</p>
                }
            </div>
            <span class="clock" data-testid="run-clock" data-position={fixed(p.position_s, 0)}>{ clock }</span>
            { body }
            <p class="readout" aria-live="polite" data-testid="run-readout">
                { readout.unwrap_or_else(|| "Point at a chart to read its figures.".to_owned()) }
            </p>
        </section>
    }
}

/// What a control written as markup does (its `data-act`), and the control, for an event
/// that reached a panel's one listener.
pub fn act(e: &Event) -> Option<(String, web_sys::Element)> {
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?.closest("[data-act]").ok()??;
    Some((target.get_attribute("data-act")?, target))
}

/// The panel's title and controls, as markup.
fn controls(p: &Playback, ready: bool) -> String {
    let disabled = if ready { "" } else { " disabled" };
    let mut out = format!(
        "<header><h2>Live run</h2><div class=\"run-controls\"><button class=\"primary\" data-act=\"play\" \
         data-testid=\"run-play\"{disabled}>{}</button><button data-act=\"step\" data-testid=\"run-step\" \
         title=\"Advance one step of the run\"{disabled}>Step</button><button data-act=\"reset\" \
         data-testid=\"run-reset\">Reset</button><label>Speed <select data-act=\"speed\" data-testid=\"run-speed\">",
        if p.playing { "Pause" } else { "Play" }
    );
    let selected = |yes: bool| if yes { " selected" } else { "" };
    for speed in SPEEDS {
        let _ = write!(out, "<option value=\"{0}\"{1}>{0}x</option>", shortest(speed), selected(speed == p.speed));
    }
    out.push_str("</select></label><label>Length <select data-act=\"length\" data-testid=\"run-length\">");
    for (seconds, label) in LENGTHS {
        let _ = write!(out, "<option value=\"{seconds}\"{}>{label}</option>", selected(seconds == p.length_s));
    }
    out.push_str(
        "</select></label></div><button data-act=\"close\" aria-label=\"Close the live run\">Close</button></header>",
    );
    out
}

/// The components with the highest peaks of `column` over the run, at most four, highest first.
fn busiest(run: &RunView, column: fn(&ComponentRun) -> &Vec<f64>) -> Vec<&ComponentRun> {
    let peak = |c: &ComponentRun| column(c).iter().copied().filter(|v| v.is_finite()).fold(0.0, f64::max);
    let mut chosen: Vec<(&ComponentRun, f64)> = Vec::with_capacity(5);
    for c in &run.components {
        let value = peak(c);
        if value > 0.0 {
            let at = chosen.iter().position(|(_, v)| value > *v).unwrap_or(chosen.len());
            chosen.insert(at, (c, value));
            chosen.truncate(4);
        }
    }
    chosen.into_iter().map(|(c, _)| c).collect()
}

fn name(doc: &Document, id: &ComponentId) -> String {
    doc.component(id).map_or_else(|| id.to_string(), display_name)
}

/// A chart: its key, title, unit and lines (class, label, values).
type ChartSpec<'a> = (&'a str, &'a str, Unit, Vec<(&'a str, String, &'a [f64])>);

const CLASSES: [&str; 4] = ["c0", "c1", "c2", "c3"];

/// The lines of `column` of the `chosen` components, labelled with their `names`.
fn per_component<'a>(
    chosen: &[&'a ComponentRun],
    names: &[String],
    column: fn(&ComponentRun) -> &Vec<f64>,
) -> Vec<(&'static str, String, &'a [f64])> {
    chosen
        .iter()
        .zip(names)
        .zip(CLASSES)
        .map(|((c, label), class)| (class, label.clone(), column(c).as_slice()))
        .collect()
}

/// The run's charts, whole, as markup, one per chart (the panel hides what is not yet played).
fn charts(run: &RunView, doc: &Document) -> Vec<AttrValue> {
    let utilised = busiest(run, |c| &c.utilisation);
    let queued = busiest(run, |c| &c.queue);
    let names = |chosen: &[&ComponentRun]| chosen.iter().map(|c| name(doc, &c.id)).collect::<Vec<_>>();
    let (utilised_names, queued_names) = (names(&utilised), names(&queued));
    let specs: [ChartSpec<'_>; 5] = [
        (
            "rps",
            "Requests/s",
            Unit::Count,
            vec![
                ("offered", "offered".to_owned(), &run.entry_rps[..]),
                ("served", "served".to_owned(), &run.good_rps[..]),
                ("failed", "failed".to_owned(), &run.failed_rps[..]),
            ],
        ),
        (
            "latency",
            "Latency",
            Unit::Ms,
            vec![
                ("p50", "p50".to_owned(), &run.p50_ms[..]),
                ("p95", "p95".to_owned(), &run.p95_ms[..]),
                ("p99", "p99".to_owned(), &run.p99_ms[..]),
            ],
        ),
        ("users", "Users", Unit::Count, vec![("users", "users".to_owned(), &run.users[..])]),
        (
            "utilisation",
            "Utilisation (busiest)",
            Unit::Share,
            per_component(&utilised, &utilised_names, |c| &c.utilisation),
        ),
        ("queue", "Queue (longest)", Unit::Count, per_component(&queued, &queued_names, |c| &c.queue)),
    ];
    // The latency chart draws the lowest latency objective as its line.
    let latency_objective = doc
        .scenario
        .thresholds
        .iter()
        .filter(|t| t.below && t.metric != scalelab_model::slo::Metric::Errors)
        .map(|t| t.limit)
        .reduce(f64::min);
    specs
        .iter()
        .map(|(key, title, unit, series)| {
            let lines: Vec<Line<'_>> =
                series.iter().map(|(class, label, values)| Line { class, label, values }).collect();
            let chart = TimeChart {
                key,
                title,
                unit: *unit,
                times: &run.times,
                end_s: run.end_s,
                lines: &lines,
                until_s: run.end_s,
                threshold: if *key == "latency" { latency_objective } else { None },
            };
            AttrValue::from(time_chart(&chart))
        })
        .collect()
}

/// The share of a run of `end_s` seconds played at `position_s`, from 0 to 1.
pub fn played_share(position_s: f64, end_s: f64) -> f64 {
    if end_s > 0.0 { (position_s / end_s).clamp(0.0, 1.0) } else { 0.0 }
}

/// Where the curtain over a run's chart starts when `played` of the run (0 to 1) is shown:
/// the plot's start plus that share of its width (`charts::series`), as a style.
pub fn curtain(played: f64) -> String {
    format!("left: {}%", curtain_edge(played))
}

/// The curtain's edge in per cent of a chart's width.
fn curtain_edge(played: f64) -> String {
    fixed(100.0 * (PLOT_LEFT_FRACTION + played * PLOT_WIDTH_FRACTION), 3)
}

/// [`curtain`]'s edge as the custom property `--played`, for curtains styled with it
/// (the inspector's charts: one attribute changes per tick, not three).
pub fn curtain_variable(played: f64) -> String {
    format!("--played: {}%", curtain_edge(played))
}

/// The figures at the sample nearest `t_s`, in a line.
fn readout(run: &RunView, doc: &Document, t_s: f64) -> String {
    let i = played(run, t_s).saturating_sub(1);
    let at = |column: &[f64]| column.get(i).copied().unwrap_or(f64::NAN);
    let busiest = run
        .components
        .iter()
        .filter_map(|c| Some((c, c.utilisation.get(i).copied().filter(|u| u.is_finite())?)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, u)| format!(" · busiest: {} {} %", name(doc, &c.id), fixed(u * 100.0, 0)))
        .unwrap_or_default();
    format!(
        "At {}: {} users · offered {}/s, served {}/s, failed {}/s · p50 {}, p95 {}, p99 {}{busiest}",
        format_time(at(&run.times)),
        format_count(at(&run.users)),
        format_count(at(&run.entry_rps)),
        format_count(at(&run.good_rps)),
        format_count(at(&run.failed_rps)),
        format_ms(at(&run.p50_ms)),
        format_ms(at(&run.p95_ms)),
        format_ms(at(&run.p99_ms)),
    )
}
