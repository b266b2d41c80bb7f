//! The engine, off the page's main thread.
//!
//! A module Web Worker (`engine-worker.js`) loads the app's own wasm (the same file the
//! page runs, so nothing more is downloaded and the size budget holds) and evaluates each
//! version of the design the engine sees. Results travel back as one array of numbers,
//! which [`decode`] reads into an [`Outcome`]: what the canvas, the embed summary and the
//! host messages show.
//!
//! The worker may die (a crash, or a browser that ends it): the page restarts it and sends
//! the latest request again, at most [`MAX_RESTARTS`] times in a row; after that, and where
//! no worker can start at all, the page evaluates on its own thread as before. The design
//! and its autosave live on the page, so nothing of the user's work depends on the worker.

use std::cell::RefCell;
use std::rc::Rc;

use scalelab_model::Technique;
use scalelab_model::{ComponentId, Document};
use scalelab_sim::sweep::Sweep;
use scalelab_sim::{Report, Resource, evaluate};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Restarts after crashes with no answer in between, before evaluating on the page.
pub const MAX_RESTARTS: u32 = 3;

/// The figures of one evaluation the page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub users: f64,
    pub entry_rps: f64,
    pub good_rps: f64,
    pub error_rate: f64,
    pub latency_p50_ms: f64,
    pub latency_p95_ms: f64,
    pub latency_p99_ms: f64,
    pub cost_usd_per_month: f64,
    /// One per component the engine reports on, in the design's order.
    pub components: Vec<Measure>,
    /// One per link the engine reports on.
    pub links: Vec<LinkMeasure>,
}

/// One link's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkMeasure {
    pub from: ComponentId,
    pub to: ComponentId,
    /// Attempts per second carried, retries included.
    pub rps: f64,
    /// Share of attempts that fail on the link (time out, or all of them behind an open
    /// breaker).
    pub failing: f64,
}

/// One component's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    pub id: ComponentId,
    pub offered_rps: f64,
    pub capacity_rps: f64,
    pub load: f64,
    pub utilisation: f64,
    pub saturated: bool,
    pub limit: Option<Resource>,
    /// Requests/s that end in an error here (refused, rate-limited, failed, timed out,
    /// unsent): where errors happen.
    pub errors_rps: f64,
}

impl Outcome {
    pub fn component(&self, id: &ComponentId) -> Option<&Measure> {
        self.components.iter().find(|m| &m.id == id)
    }
}

/// What the page shows: nothing yet (or paused), the outcome, or why there is none.
pub type Current = Rc<Option<Result<Outcome, String>>>;

const HEAD: usize = 8;
const PER_COMPONENT: usize = 7;
const PER_LINK: usize = 4;

/// The report as numbers: the headline (eight), then seven per component of `doc`, in its order
/// (not-a-number for a component the report does not cover), then the counts of components
/// and links, and four per link the report covers (its ends by their places in `doc`,
/// attempts/s, and the share that fails).
pub fn encode(doc: &Document, report: &Report) -> Vec<f64> {
    let mut numbers = Vec::with_capacity(HEAD + PER_COMPONENT * doc.components.len());
    numbers.extend([
        report.users,
        report.entry_rps,
        report.good_rps,
        report.error_rate,
        report.latency.p50_ms,
        report.latency.p95_ms,
        report.latency.p99_ms,
        report.cost_usd_per_month,
    ]);
    for component in &doc.components {
        match report.component(component.id.as_str()) {
            Some(c) => numbers.extend([
                c.offered_rps,
                c.capacity_rps,
                c.load,
                c.utilisation,
                f64::from(u8::from(c.saturated)),
                c.limit.and_then(|l| Resource::ALL.iter().position(|r| *r == l)).map_or(-1.0, |i| i as f64),
                c.errors.total(),
            ]),
            None => numbers.extend([f64::NAN; PER_COMPONENT]),
        }
    }
    let place = |id: &ComponentId| doc.components.iter().position(|c| &c.id == id).map_or(-1.0, |i| i as f64);
    numbers.extend([doc.components.len() as f64, report.links.len() as f64]);
    for link in &report.links {
        // An open breaker fails every call at once; otherwise, what times out.
        let failing = if link.breaker_open { 1.0 } else { link.timeout_share };
        numbers.extend([place(&link.from), place(&link.to), link.rps, failing]);
    }
    numbers
}

/// Reads [`encode`]'s numbers back, given the ids of the components they were made for;
/// None if they do not fit those ids.
pub fn decode(numbers: &[f64], ids: &[ComponentId]) -> Option<Outcome> {
    let (head, rest) = numbers.split_at_checked(HEAD)?;
    let (rest, counts_and_links) = rest.split_at_checked(PER_COMPONENT * ids.len())?;
    let (&[components, count], links) = counts_and_links.split_first_chunk::<2>()?;
    if components != ids.len() as f64 || links.len() as f64 != PER_LINK as f64 * count {
        return None;
    }
    let &[users, entry_rps, good_rps, error_rate, latency_p50_ms, latency_p95_ms, latency_p99_ms, cost_usd_per_month] =
        head
    else {
        return None;
    };
    let components = rest
        .chunks_exact(PER_COMPONENT)
        .zip(ids)
        .filter_map(|(row, id)| {
            let &[offered_rps, capacity_rps, load, utilisation, saturated, limit, errors_rps] = row else {
                return None;
            };
            // A component the report did not cover (a region, a zone) has no figures.
            (!offered_rps.is_nan()).then(|| Measure {
                id: id.clone(),
                offered_rps,
                capacity_rps,
                load,
                utilisation,
                saturated: saturated > 0.5,
                limit: (limit >= 0.0).then(|| Resource::ALL.get(limit as usize).copied()).flatten(),
                errors_rps,
            })
        })
        .collect();
    let links = links
        .chunks_exact(PER_LINK)
        .map(|row| match *row {
            [from, to, rps, failing] => Some(LinkMeasure {
                from: ids.get(from as usize)?.clone(),
                to: ids.get(to as usize)?.clone(),
                rps,
                failing,
            }),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Outcome {
        users,
        entry_rps,
        good_rps,
        error_rate,
        latency_p50_ms,
        latency_p95_ms,
        latency_p99_ms,
        cost_usd_per_month,
        components,
        links,
    })
}

/// Evaluates `doc` on this thread.
pub fn evaluate_here(doc: &Document) -> Result<Outcome, String> {
    let report = evaluate(doc).map_err(|e| e.to_string())?;
    decode(&encode(doc, &report), &ids_of(doc)).ok_or_else(unfit)
}

fn ids_of(doc: &Document) -> Vec<ComponentId> {
    doc.components.iter().map(|c| c.id.clone()).collect()
}

fn unfit() -> String {
    "the engine's answer did not fit the design".to_owned()
}

/// The worker's entry: evaluates a design given as JSON and answers with [`encode`]'s
/// numbers, or throws the reason it cannot.
#[wasm_bindgen(js_name = evaluateDesign)]
pub fn evaluate_design(json: &str) -> Result<Vec<f64>, String> {
    let doc = Document::from_json(json).map_err(|e| e.to_string())?;
    let report = evaluate(&doc).map_err(|e| e.to_string())?;
    Ok(encode(&doc, &report))
}

/// Users at the sweep's ends, and its points (ten a decade, as the CLI's default).
pub const SWEEP_FROM: f64 = 1e3;
pub const SWEEP_TO: f64 = 1e9;
pub const SWEEP_POINTS: usize = 61;

/// The worker's other entry: the scale sweep of a design given as JSON, as
/// `[numbers, reasons]` ([`encode_sweep`]).
#[wasm_bindgen(js_name = sweepDesign)]
pub fn sweep_design(json: &str) -> Result<js_sys::Array, String> {
    let doc = Document::from_json(json).map_err(|e| e.to_string())?;
    let (numbers, whys) = encode_sweep(&doc, &sweep_of(&doc)?);
    let whys: js_sys::Array = whys.iter().map(|why| JsValue::from_str(why)).collect();
    Ok(js_sys::Array::of2(&js_sys::Float64Array::from(numbers.as_slice()), &whys))
}

fn sweep_of(doc: &Document) -> Result<Sweep, String> {
    let plan = scalelab_sim::Plan::new(doc).map_err(|e| e.to_string())?;
    scalelab_sim::sweep::sweep(&plan, SWEEP_FROM, SWEEP_TO, SWEEP_POINTS).map_err(|e| e.to_string())
}

/// What the page shows of a sweep.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepView {
    pub points: Vec<SweepPointView>,
    /// Earliest first.
    pub breaks: Vec<BreakView>,
}

/// One point of a sweep, as the chart takes it.
pub use scalelab_charts::SweepPoint as SweepPointView;

#[derive(Clone, Debug, PartialEq)]
pub struct BreakView {
    pub component: ComponentId,
    pub users: f64,
    pub entry_rps: f64,
    pub resource: Resource,
    pub technique: Technique,
    pub why: String,
}

const PER_POINT: usize = 4;
const PER_BREAK: usize = 5;

/// A sweep as numbers (the count of points, four per point, then five per break point,
/// components by their place in `doc`) and the reasons of its break points, in order.
pub fn encode_sweep(doc: &Document, sweep: &Sweep) -> (Vec<f64>, Vec<String>) {
    let mut numbers = Vec::with_capacity(1 + PER_POINT * sweep.points.len() + PER_BREAK * sweep.breaks.len());
    numbers.push(sweep.points.len() as f64);
    for p in &sweep.points {
        numbers.extend([p.users, p.error_rate, p.latency.p50_ms, p.latency.p99_ms]);
    }
    let place = |id: &ComponentId| doc.components.iter().position(|c| &c.id == id).map_or(-1.0, |i| i as f64);
    let index = |found: Option<usize>| found.map_or(-1.0, |i| i as f64);
    for b in &sweep.breaks {
        numbers.extend([
            place(&b.component),
            b.users,
            b.entry_rps,
            index(Resource::ALL.iter().position(|r| *r == b.resource)),
            index(Technique::ALL.iter().position(|t| *t == b.technique)),
        ]);
    }
    (numbers, sweep.breaks.iter().map(|b| b.why.clone()).collect())
}

/// Reads [`encode_sweep`]'s numbers and reasons back; None if they do not fit `ids`.
pub fn decode_sweep(numbers: &[f64], whys: Vec<String>, ids: &[ComponentId]) -> Option<SweepView> {
    let (&count, rest) = numbers.split_first()?;
    let (points, breaks) = rest.split_at_checked(PER_POINT * count as usize)?;
    if breaks.len() != PER_BREAK * whys.len() {
        return None;
    }
    let points = points
        .chunks_exact(PER_POINT)
        .filter_map(|row| match *row {
            [users, error_rate, p50_ms, p99_ms] => Some(SweepPointView { users, error_rate, p50_ms, p99_ms }),
            _ => None,
        })
        .collect();
    let breaks = breaks
        .chunks_exact(PER_BREAK)
        .zip(whys)
        .map(|(row, why)| match *row {
            [place, users, entry_rps, resource, technique] => Some(BreakView {
                component: ids.get(place as usize)?.clone(),
                users,
                entry_rps,
                resource: *Resource::ALL.get(resource as usize)?,
                technique: *Technique::ALL.get(technique as usize)?,
                why,
            }),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    Some(SweepView { points, breaks })
}

/// Sweeps `doc` on this thread.
pub fn sweep_here(doc: &Document) -> Result<SweepView, String> {
    let (numbers, whys) = encode_sweep(doc, &sweep_of(doc)?);
    decode_sweep(&numbers, whys, &ids_of(doc)).ok_or_else(unfit)
}

/// What the page asks of the engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    /// The steady state at the design's traffic.
    Evaluate,
    /// The scale sweep from 1K to 1B users.
    Sweep,
    /// A run through this many seconds of simulated time (the live run).
    Run(u32),
}

impl Job {
    /// Jobs of one kind replace each other.
    fn kind(self) -> u8 {
        match self {
            Self::Evaluate => 0,
            Self::Sweep => 1,
            Self::Run(_) => 2,
        }
    }
}

/// The engine's answer to a job.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Outcome(Result<Outcome, String>),
    Sweep(Result<SweepView, String>),
    Run(Result<crate::live::RunView, String>),
}

fn run_here(job: Job, doc: &Document) -> Answer {
    match job {
        Job::Evaluate => Answer::Outcome(evaluate_here(doc)),
        Job::Sweep => Answer::Sweep(sweep_here(doc)),
        Job::Run(seconds) => Answer::Run(
            crate::live::run_numbers(doc, f64::from(seconds))
                .and_then(|numbers| crate::live::decode_run(&numbers, &ids_of(doc)).ok_or_else(unfit)),
        ),
    }
}

/// A request in flight: its number and job, the components it was made for, and the
/// design as JSON (sent again if the worker dies before answering).
struct Pending {
    id: f64,
    job: Job,
    ids: Vec<ComponentId>,
    json: String,
}

/// The page's side of the worker.
pub struct Engine {
    worker: Option<Running>,
    /// Crashes since the last answer.
    crashes: u32,
    next_id: f64,
    /// At most one request per job: a newer one replaces it.
    pending: Vec<Pending>,
    deliver: Rc<dyn Fn(Answer)>,
    notice: Rc<dyn Fn(String)>,
}

struct Running {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

impl Engine {
    /// An engine that hands answers to `deliver` and tells the user of a restart by `notice`.
    pub fn new(deliver: impl Fn(Answer) + 'static, notice: impl Fn(String) + 'static) -> Self {
        Self {
            worker: None,
            crashes: 0,
            next_id: 0.0,
            pending: Vec::new(),
            deliver: Rc::new(deliver),
            notice: Rc::new(notice),
        }
    }

    /// Runs `job` on `doc`: in the worker when one runs (the answer arrives later), else now.
    pub fn request(this: &Rc<RefCell<Self>>, job: Job, doc: &Document) {
        let Ok(mut engine) = this.try_borrow_mut() else { return };
        engine.next_id += 1.0;
        engine.pending.retain(|p| p.job.kind() != job.kind());
        if engine.crashes >= MAX_RESTARTS || !Self::ensure_worker(&mut engine, this) {
            let deliver = engine.deliver.clone();
            drop(engine);
            deliver(run_here(job, doc));
            return;
        }
        let pending = Pending { id: engine.next_id, job, ids: ids_of(doc), json: doc.to_json_pretty() };
        engine.send(&pending);
        engine.pending.push(pending);
    }

    /// Forgets the request in flight for `job` (e.g. an embed out of view stops evaluating).
    pub fn cancel(this: &Rc<RefCell<Self>>, job: Job) {
        if let Ok(mut engine) = this.try_borrow_mut() {
            engine.pending.retain(|p| p.job.kind() != job.kind());
        }
    }

    fn send(&self, pending: &Pending) {
        if let Some(running) = &self.worker {
            let (job, seconds) = match pending.job {
                Job::Evaluate => ("evaluate", 0),
                Job::Sweep => ("sweep", 0),
                Job::Run(seconds) => ("run", seconds),
            };
            let message = js_sys::Array::of4(
                &JsValue::from(pending.id),
                &JsValue::from_str(&pending.json),
                &JsValue::from_str(job),
                &JsValue::from(seconds),
            );
            if running.worker.post_message(&message).is_err() {
                (self.notice)("The engine could not be reached.".to_owned());
            }
        }
    }

    /// Starts the worker if none runs; false if none can start here.
    fn ensure_worker(engine: &mut Self, this: &Rc<RefCell<Self>>) -> bool {
        if engine.worker.is_none() {
            engine.worker = spawn(this);
        }
        engine.worker.is_some()
    }

    fn on_message(this: &Rc<RefCell<Self>>, data: &JsValue) {
        let Ok(message) = data.clone().dyn_into::<js_sys::Array>() else { return };
        if message.get(0).as_string().as_deref() == Some("crash") {
            Self::on_crash(this);
            return;
        }
        let Ok(mut engine) = this.try_borrow_mut() else { return };
        let answered = message.get(0).as_f64();
        let Some(at) = engine.pending.iter().position(|p| Some(p.id) == answered) else { return };
        let pending = engine.pending.swap_remove(at);
        engine.crashes = 0;
        let deliver = engine.deliver.clone();
        drop(engine);
        let (ok, payload) = (message.get(1).is_truthy(), message.get(2));
        let failed = || payload.as_string().unwrap_or_else(|| "the engine failed".to_owned());
        let answer = match pending.job {
            Job::Evaluate if ok => Answer::Outcome(
                payload
                    .dyn_ref::<js_sys::Float64Array>()
                    .and_then(|numbers| decode(&numbers.to_vec(), &pending.ids))
                    .ok_or_else(unfit),
            ),
            Job::Evaluate => Answer::Outcome(Err(failed())),
            Job::Sweep if ok => Answer::Sweep(read_sweep(&payload, &pending.ids).ok_or_else(unfit)),
            Job::Sweep => Answer::Sweep(Err(failed())),
            Job::Run(_) if ok => Answer::Run(
                payload
                    .dyn_ref::<js_sys::Float64Array>()
                    .and_then(|numbers| crate::live::decode_run(&numbers.to_vec(), &pending.ids))
                    .ok_or_else(unfit),
            ),
            Job::Run(_) => Answer::Run(Err(failed())),
        };
        deliver(answer);
    }

    /// The worker died: start another and send it the requests in flight.
    fn on_crash(this: &Rc<RefCell<Self>>) {
        let Ok(mut engine) = this.try_borrow_mut() else { return };
        engine.worker = None;
        engine.crashes += 1;
        let notice = engine.notice.clone();
        let retry = engine.crashes < MAX_RESTARTS && Self::ensure_worker(&mut engine, this);
        if retry {
            for pending in &engine.pending {
                engine.send(pending);
            }
            drop(engine);
            notice("The engine stopped unexpectedly and was restarted; your design is untouched.".to_owned());
        } else {
            engine.pending.clear();
            drop(engine);
            notice(
                "The engine stopped unexpectedly again; it now runs on the page. Your design is untouched.".to_owned(),
            );
        }
    }
}

/// The worker's `[numbers, reasons]` for a sweep.
fn read_sweep(payload: &JsValue, ids: &[ComponentId]) -> Option<SweepView> {
    let parts = payload.dyn_ref::<js_sys::Array>()?;
    let numbers = parts.get(0).dyn_into::<js_sys::Float64Array>().ok()?.to_vec();
    let whys =
        parts.get(1).dyn_into::<js_sys::Array>().ok()?.iter().map(|why| why.as_string()).collect::<Option<_>>()?;
    decode_sweep(&numbers, whys, ids)
}

/// Starts the worker on the page's own wasm; None where there is no page around it (a
/// test harness) or the browser refuses.
fn spawn(engine: &Rc<RefCell<Engine>>) -> Option<Running> {
    let document = web_sys::window()?.document()?;
    let base = document.base_uri().ok()??;
    let resolve = |href: &str| web_sys::Url::new_with_base(href, &base).ok().map(|u| u.href());
    let href = |selector: &str| document.query_selector(selector).ok().flatten()?.get_attribute("href");
    let glue = resolve(&href("link[rel=modulepreload][href$='.js']")?)?;
    let wasm = resolve(&href("link[rel=preload][href$='.wasm']")?)?;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(&resolve("engine-worker.js")?, &options).ok()?;
    let on_message = {
        let engine = engine.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            Engine::on_message(&engine, &event.data());
        })
    };
    let on_error = {
        let engine = engine.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| Engine::on_crash(&engine))
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let load = js_sys::Array::of3(&JsValue::from_str("load"), &JsValue::from_str(&glue), &JsValue::from_str(&wasm));
    worker.post_message(&load).ok()?;
    Some(Running { worker, _on_message: on_message, _on_error: on_error })
}

/// The sweep shown: nothing (closed, or on its way), the sweep, or why there is none.
pub type CurrentSweep = Rc<Option<Result<SweepView, String>>>;

/// The live run shown, likewise.
pub type CurrentRun = Rc<Option<Result<crate::live::RunView, String>>>;

/// The outcome for the design as the engine last saw it, evaluated in the worker after
/// each change the engine sees while `active` (None before the first answer and while
/// paused); while `sweeping`, the scale sweep of the same design; and while `running` is
/// a length, a run of the same design that long. A restart of the worker is told
/// through `notice`.
#[yew::hook]
pub fn use_engine(
    state: &crate::state::AppState,
    engine_revision: u64,
    active: bool,
    sweeping: bool,
    running: Option<u32>,
    notice: yew::UseStateSetter<Option<String>>,
) -> (Current, CurrentSweep, CurrentRun) {
    let current = yew::use_state(|| Rc::new(None));
    let swept = yew::use_state(|| Rc::new(None));
    let ran = yew::use_state(|| Rc::new(None));
    let engine = {
        let (current, swept, ran) = (current.setter(), swept.setter(), ran.setter());
        yew::use_memo((), move |()| {
            let deliver = move |answer| match answer {
                Answer::Outcome(outcome) => current.set(Rc::new(Some(outcome))),
                Answer::Sweep(sweep) => swept.set(Rc::new(Some(sweep))),
                Answer::Run(run) => ran.set(Rc::new(Some(run))),
            };
            Rc::new(RefCell::new(Engine::new(deliver, move |text| notice.set(Some(text)))))
        })
    };
    {
        let (engine, state, current) = ((*engine).clone(), state.clone(), current.setter());
        yew::use_effect_with((engine_revision, active), move |&(_, active)| {
            if active {
                Engine::request(&engine, Job::Evaluate, &state.editor().doc);
            } else {
                Engine::cancel(&engine, Job::Evaluate);
                current.set(Rc::new(None));
            }
        });
    }
    {
        let (engine, state, swept) = ((*engine).clone(), state.clone(), swept.setter());
        yew::use_effect_with((engine_revision, sweeping), move |&(_, sweeping)| {
            // The last sweep is cleared first, so what shows is always this design's.
            swept.set(Rc::new(None));
            if sweeping {
                Engine::request(&engine, Job::Sweep, &state.editor().doc);
            } else {
                Engine::cancel(&engine, Job::Sweep);
            }
        });
    }
    {
        let (engine, state, ran) = ((*engine).clone(), state.clone(), ran.setter());
        yew::use_effect_with((engine_revision, running), move |&(_, running)| {
            // The last run stays on show while the next is computed, so the clock and the
            // charts do not blink at each change; it goes when the run is closed.
            match running {
                Some(seconds) => Engine::request(&engine, Job::Run(seconds), &state.editor().doc),
                None => {
                    Engine::cancel(&engine, Job::Run(0));
                    ran.set(Rc::new(None));
                }
            }
        });
    }
    ((*current).clone(), (*swept).clone(), (*ran).clone())
}
