//! What a station carries from one step to the next in a time-stepped run.

/// Per-component state of a run. The steady state uses a fresh one for every evaluation.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeState {
    /// Requests or messages waiting beyond what the queueing formulas account for (a
    /// fluid backlog that grows in overload).
    pub backlog: f64,
    /// Tokens in a gateway's bucket.
    pub tokens: Option<f64>,
    /// Instances running now (time-stepped services); None in the steady state.
    pub instances: Option<f64>,
    /// A scaling action in flight: when it takes effect, and the instances it brings.
    pub pending_scale: Option<(f64, f64)>,
    /// When the last scaling action was decided, for the cooldown.
    pub last_scale_s: Option<f64>,
    /// How warm a cache is, from 0 (just flushed) to 1.
    pub warmth: f64,
    /// Messages/s the consumers behind a queue can process.
    pub consumer_capacity: Option<f64>,
    /// In a run: the last station computation, reused while arrivals stay within a
    /// relative tolerance of it, and so do the times of its downstream calls (see
    /// `flow::route`).
    pub cached: Option<(super::station::Inbound, super::station::Outcome, [f64; 3])>,
    /// When set, the queues the station evaluates are noted here (for the request engine).
    pub probes: Option<Vec<super::station::Probe>>,
}

impl Default for NodeState {
    fn default() -> Self {
        Self {
            backlog: 0.0,
            tokens: None,
            instances: None,
            pending_scale: None,
            last_scale_s: None,
            warmth: 1.0,
            consumer_capacity: None,
            cached: None,
            probes: None,
        }
    }
}
