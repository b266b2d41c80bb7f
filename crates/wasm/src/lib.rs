//! The engine for other pages: `simulate` and `sweep` take a design as JSON and return
//! the report as JSON, so a page can show the numbers without the editor. Also the golden
//! runs that prove a wasm build gives the same numbers as a native one.

pub mod golden;

use scalelab_model::{Document, parse_users};
use scalelab_sim::Plan;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// Options of `simulate`: override the users and the seed; run for `seconds` instead of
/// the steady state; or use the request engine (`"engine": "request"`, with its event
/// budget `events`).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct SimulateOptions {
    users: Option<f64>,
    seconds: Option<f64>,
    step: Option<f64>,
    seed: Option<u64>,
    engine: Engine,
    events: Option<u64>,
}

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Engine {
    #[default]
    Flow,
    Request,
}

/// Options of `sweep`.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct SweepOptions {
    from: f64,
    to: f64,
    points: usize,
}

impl Default for SweepOptions {
    fn default() -> Self {
        Self { from: 1e3, to: 1e9, points: 61 }
    }
}

fn options<T: for<'de> Deserialize<'de> + Default>(text: &str) -> Result<T, String> {
    if text.trim().is_empty() {
        return Ok(T::default());
    }
    serde_json::from_str(text).map_err(|e| format!("options: {e}"))
}

/// Evaluates a design (a scalelab JSON document) and returns the report as JSON: the
/// steady state at the daily peak, or with `{"seconds": S}` a run over time.
pub fn simulate_json(document_json: &str, options_json: &str) -> Result<String, String> {
    let mut doc = Document::from_json(document_json).map_err(|e| e.to_string())?;
    let options: SimulateOptions = options(options_json)?;
    if let Some(users) = options.users {
        doc.traffic.users = parse_users(&users.to_string()).map_err(|e| format!("options: users: {e}"))?;
    }
    if let Some(seed) = options.seed {
        doc.scenario.seed = seed;
    }
    if options.engine == Engine::Request {
        let mut detail = scalelab_sim::detail::DetailOptions::for_document(&doc);
        detail.duration_s = options.seconds.unwrap_or(detail.duration_s);
        detail.max_events = options.events.unwrap_or(detail.max_events);
        let report = scalelab_sim::detail::detail(&doc, &detail).map_err(|e| e.to_string())?;
        return serde_json::to_string(&report).map_err(|e| format!("cannot write the report: {e}"));
    }
    let json = match options.seconds {
        None => serde_json::to_string(&scalelab_sim::evaluate(&doc).map_err(|e| e.to_string())?),
        Some(seconds) => {
            let run = scalelab_sim::run::RunOptions { duration_s: seconds, step_s: options.step.unwrap_or(1.0) };
            serde_json::to_string(&scalelab_sim::run::run(&doc, run).map_err(|e| e.to_string())?)
        }
    };
    json.map_err(|e| format!("cannot write the report: {e}"))
}

/// Sweeps a design's users on a log scale and returns the sweep as JSON.
pub fn sweep_json(document_json: &str, options_json: &str) -> Result<String, String> {
    let doc = Document::from_json(document_json).map_err(|e| e.to_string())?;
    let options: SweepOptions = options(options_json)?;
    let plan = Plan::new(&doc).map_err(|e| e.to_string())?;
    let sweep =
        scalelab_sim::sweep::sweep(&plan, options.from, options.to, options.points).map_err(|e| e.to_string())?;
    serde_json::to_string(&sweep).map_err(|e| format!("cannot write the sweep: {e}"))
}

/// `simulate(documentJson, optionsJson) -> reportJson`; throws an Error naming what is wrong.
#[wasm_bindgen]
pub fn simulate(document_json: &str, options_json: &str) -> Result<String, JsError> {
    simulate_json(document_json, options_json).map_err(|e| JsError::new(&e))
}

/// `sweep(documentJson, optionsJson) -> sweepJson`; throws an Error naming what is wrong.
#[wasm_bindgen]
pub fn sweep(document_json: &str, options_json: &str) -> Result<String, JsError> {
    sweep_json(document_json, options_json).map_err(|e| JsError::new(&e))
}
