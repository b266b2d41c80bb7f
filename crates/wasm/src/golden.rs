//! Golden runs: fixed inputs whose outputs must hash the same on every platform. The
//! native and the wasm tests assert the same constants.

use scalelab_sim::request::{Arrivals, Network, Routing, RunOptions, Servers, ServiceDist, Station};

/// The stage-3 example design, at its own traffic.
pub const STAGE_3: &str = include_str!("../../../public/examples/stage-3-cdn-sharding.json");

/// FNV-1a, 64 bits: a stable hash of bytes.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// The hash of the flow engine's report on the stage-3 example, steady state and a
/// 120-second run, as their JSON.
pub fn flow_hash() -> Result<u64, String> {
    let steady = crate::simulate_json(STAGE_3, "")?;
    let run = crate::simulate_json(STAGE_3, r#"{"seconds": 120}"#)?;
    Ok(fnv1a(steady.as_bytes()) ^ fnv1a(run.as_bytes()).rotate_left(1))
}

/// The hash of the request engine's report on the stage-3 example (seed 11, a budget of
/// 200,000 events), as JSON.
pub fn detail_hash() -> Result<u64, String> {
    let report = crate::simulate_json(STAGE_3, r#"{"engine": "request", "seed": 11, "events": 200000}"#)?;
    Ok(fnv1a(report.as_bytes()))
}

/// A three-tier network (LB M/M/1, app M/M/4, database M/M/2 at 300 requests/s).
pub fn three_tier() -> Network {
    let station = |name: &str, servers: u32, mean_s: f64| Station {
        name: name.to_owned(),
        servers: Servers::Finite(servers),
        service: ServiceDist::Exponential { mean_s },
        capacity: None,
    };
    Network {
        stations: vec![station("lb", 1, 0.0005), station("app", 4, 0.01), station("db", 2, 0.004)],
        routing: vec![
            Routing::Probabilistic { dest: vec![1], p: vec![1.0] },
            Routing::Probabilistic { dest: vec![2], p: vec![1.0] },
            Routing::Exit,
        ],
        arrivals: Arrivals::constant(0, 300.0),
    }
}

/// The request engine's trace hash and event count for the three-tier network, seed 7.
pub fn request_hash() -> Result<(u64, u64), String> {
    let options = RunOptions { seed: 7, duration_s: 10.0, warmup_s: 1.0, ..RunOptions::default() };
    let report = scalelab_sim::request::run(&three_tier(), &options).map_err(|e| e.to_string())?;
    Ok((report.trace_hash, report.events))
}

/// Benchmarks for `tests/bench/engine-wasm.mjs`: the engine's work without the JSON of
/// its report (a day's report holds 2,000 samples of every component). Each returns a
/// figure of the result so the work cannot be skipped.
pub mod bench {
    use wasm_bindgen::prelude::*;

    fn plan(document_json: &str) -> Result<(scalelab_model::Document, scalelab_sim::Plan), JsError> {
        let doc = scalelab_model::Document::from_json(document_json).map_err(|e| JsError::new(&e.to_string()))?;
        let plan = scalelab_sim::Plan::new(&doc).map_err(|e| JsError::new(&e.to_string()))?;
        Ok((doc, plan))
    }

    /// A day of one-second steps; returns the requests answered.
    #[wasm_bindgen(js_name = benchFlowDay)]
    pub fn flow_day(document_json: &str) -> Result<f64, JsError> {
        let (doc, plan) = plan(document_json)?;
        let options = scalelab_sim::run::RunOptions { duration_s: 86_400.0, step_s: 1.0 };
        Ok(scalelab_sim::run::run_plan(&plan, &doc.traffic, &doc.scenario, options).good_requests)
    }

    /// The request engine's benchmark (a), six M/M/c stations in a row, for `events`
    /// events; returns the events run.
    #[wasm_bindgen(js_name = benchRequestTandem)]
    pub fn request_tandem(events: f64) -> Result<f64, JsError> {
        request(&scalelab_sim::request::benchmark::tandem(), events)
    }

    /// The request engine's benchmark (b), six layers of 33 M/M/32 stations, for `events`
    /// events; returns the events run.
    #[wasm_bindgen(js_name = benchRequestLayers)]
    pub fn request_layers(events: f64) -> Result<f64, JsError> {
        request(&scalelab_sim::request::benchmark::layers(), events)
    }

    fn request(network: &scalelab_sim::request::Network, events: f64) -> Result<f64, JsError> {
        let (run, _) =
            scalelab_sim::request::benchmark::run_events(network, events as u64).map_err(|e| JsError::new(&e))?;
        Ok(run as f64)
    }

    /// A 61-point sweep from 1K to 1B users; returns the number of break points.
    #[wasm_bindgen(js_name = benchSweep)]
    pub fn sweep(document_json: &str) -> Result<f64, JsError> {
        let (_, plan) = plan(document_json)?;
        let sweep = scalelab_sim::sweep::sweep(&plan, 1e3, 1e9, 61).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(sweep.breaks.len() as f64 + sweep.points.len() as f64)
    }
}
