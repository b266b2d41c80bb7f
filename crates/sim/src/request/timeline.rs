//! The number of requests at each station sampled at fixed simulated times, for
//! transient checks (overload and drain) and for charts. Bounded by the run options.

use serde::{Deserialize, Serialize};

use super::dist::to_ns;

/// The state of the network at one instant (after every event at that instant).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sample {
    pub time_ns: u64,
    /// Requests in the network.
    pub in_system: u64,
    pub stations: Vec<StationSample>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StationSample {
    /// Requests in service.
    pub busy: u64,
    /// Requests waiting for a server.
    pub waiting: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Timeline {
    every_ns: u64,
    /// `u64::MAX` when sampling is off.
    pub(crate) next_ns: u64,
    pub(crate) samples: Vec<Sample>,
}

impl Timeline {
    pub(crate) fn new(every_s: Option<f64>) -> Self {
        match every_s {
            Some(every_s) => Self { every_ns: to_ns(every_s * 1e9).max(1), next_ns: 0, samples: Vec::new() },
            None => Self { every_ns: 0, next_ns: u64::MAX, samples: Vec::new() },
        }
    }

    pub(crate) fn push(&mut self, sample: Sample) {
        self.samples.push(sample);
        self.next_ns = self.next_ns.saturating_add(self.every_ns);
    }
}
