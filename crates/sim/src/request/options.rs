//! How long a run lasts, what it measures and the bounds that keep it finite: the event
//! budget, the trace sample and the timeline all have stated limits.

use scalelab_model::number::{fixed, shortest};
use serde::{Deserialize, Serialize};

use super::error::{Problem, Subject};
use super::events::MAX_EVENTS;

/// Longest simulated run: keeps every time in nanoseconds far below `u64::MAX`.
pub const MAX_DURATION_S: f64 = 1e9;
/// Most requests whose path is recorded in one run.
pub const MAX_TRACES: u32 = 10_000;
/// Most stations recorded on one traced path (a request that loops may visit more).
pub const MAX_HOPS: u32 = 1_000;
/// Most numbers the timeline may hold (samples x (stations + 1)).
pub const MAX_TIMELINE_VALUES: u64 = 4_000_000;

/// One run of the request engine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunOptions {
    /// Seeds the run's one PRNG: the same network, options and seed give the same report.
    pub seed: u64,
    /// Simulated time, warm-up included.
    pub duration_s: f64,
    /// Statistics count only after this time.
    pub warmup_s: f64,
    /// The run ends after this many events even if simulated time remains (the report
    /// says so). An event is a request's arrival into the network or one service
    /// completion at a station.
    pub max_events: u64,
    pub traces: TraceOptions,
    /// Sample the number of requests at each station this often (from time 0).
    pub sample_every_s: Option<f64>,
}

/// Which requests have their path recorded: one in every `every` arrivals after
/// warm-up, up to `max` of them, each up to `max_hops` stations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceOptions {
    pub max: u32,
    pub every: u64,
    pub max_hops: u32,
}

impl Default for TraceOptions {
    fn default() -> Self {
        Self { max: 64, every: 1_000, max_hops: 64 }
    }
}

impl Default for RunOptions {
    fn default() -> Self {
        Self {
            seed: 1,
            duration_s: 100.0,
            warmup_s: 0.0,
            max_events: 100_000_000,
            traces: TraceOptions::default(),
            sample_every_s: None,
        }
    }
}

impl RunOptions {
    /// Every problem with these options for a network of `stations` stations.
    pub fn problems(&self, stations: usize) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut problem = |message: String| problems.push(Problem::new(Subject::Options, message));
        let duration = self.duration_s;
        if !(duration.is_finite() && duration > 0.0 && duration <= MAX_DURATION_S) {
            problem(format!(
                "duration {} s must be positive and at most {} s",
                shortest(duration),
                shortest(MAX_DURATION_S)
            ));
        }
        let warmup = self.warmup_s;
        if !(warmup.is_finite() && warmup >= 0.0 && (warmup < duration || !duration.is_finite())) {
            problem(format!("warm-up {} s must be at least 0 and shorter than the duration", shortest(warmup)));
        }
        if self.max_events == 0 || self.max_events > MAX_EVENTS {
            problem(format!("the event budget {} must be between 1 and {MAX_EVENTS}", self.max_events));
        }
        let traces = self.traces;
        if traces.max > MAX_TRACES || traces.max_hops > MAX_HOPS || traces.every == 0 {
            problem(format!(
                "traces: at most {MAX_TRACES} paths of at most {MAX_HOPS} stations, one in every n >= 1 arrivals"
            ));
        }
        if let Some(every) = self.sample_every_s {
            let samples = if every > 0.0 { duration / every + 1.0 } else { f64::INFINITY };
            let values = samples * (stations as f64 + 1.0);
            if !(every.is_finite() && every > 0.0 && values <= MAX_TIMELINE_VALUES as f64) {
                problem(format!(
                    "sampling every {} s would keep {} numbers; the timeline holds at most {MAX_TIMELINE_VALUES}",
                    shortest(every),
                    fixed(values, 0)
                ));
            }
        }
        problems
    }
}
