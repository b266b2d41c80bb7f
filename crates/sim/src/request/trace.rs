//! A bounded sample of request paths for the canvas to animate, and the trace hash that
//! fingerprints a whole run so determinism can be asserted (natively and in wasm).

use serde::{Deserialize, Serialize};

use super::events::UNTRACED;
use super::options::TraceOptions;

/// The path of one sampled request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trace {
    /// The request's number among the arrivals after warm-up (0 is the first).
    pub arrival: u64,
    pub born_ns: u64,
    pub hops: Vec<Hop>,
    pub outcome: Outcome,
    /// More stations were visited than the trace options keep.
    pub truncated: bool,
}

/// One visit to a station.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop {
    pub station: usize,
    pub arrived_ns: u64,
    /// `None` while the request is still there.
    pub departed_ns: Option<u64>,
}

/// How a traced request's path ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Completed { at_ns: u64 },
    Dropped { station: usize, at_ns: u64 },
    InFlight,
}

/// Records the paths of one in every `every` arrivals after warm-up, up to `max`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Recorder {
    options: TraceOptions,
    arrivals: u64,
    /// Arrivals until the next one to record (a countdown, so no division per arrival).
    until_next: u64,
    pub(crate) traces: Vec<Trace>,
}

impl Recorder {
    pub(crate) fn new(options: TraceOptions) -> Self {
        Self { options, arrivals: 0, until_next: 0, traces: Vec::new() }
    }

    /// A request arrives into the network after warm-up: the index of its trace, or
    /// [`UNTRACED`].
    #[inline(always)]
    pub(crate) fn start(&mut self, born_ns: u64) -> u32 {
        let arrival = self.arrivals;
        self.arrivals += 1;
        if self.until_next > 0 {
            self.until_next -= 1;
            return UNTRACED;
        }
        self.until_next = self.options.every.saturating_sub(1);
        if self.traces.len() >= self.options.max as usize {
            return UNTRACED;
        }
        let index = self.traces.len() as u32;
        self.traces.push(Trace { arrival, born_ns, hops: Vec::new(), outcome: Outcome::InFlight, truncated: false });
        index
    }

    pub(crate) fn arrive(&mut self, trace: u32, station: usize, now_ns: u64) {
        let max_hops = self.options.max_hops as usize;
        if let Some(trace) = self.traces.get_mut(trace as usize) {
            if trace.hops.len() < max_hops {
                trace.hops.push(Hop { station, arrived_ns: now_ns, departed_ns: None });
            } else {
                trace.truncated = true;
            }
        }
    }

    pub(crate) fn depart(&mut self, trace: u32, station: usize, now_ns: u64) {
        if let Some(trace) = self.traces.get_mut(trace as usize)
            && let Some(hop) = trace.hops.last_mut()
            && hop.station == station
            && hop.departed_ns.is_none()
        {
            hop.departed_ns = Some(now_ns);
        }
    }

    pub(crate) fn end(&mut self, trace: u32, outcome: Outcome) {
        if let Some(trace) = self.traces.get_mut(trace as usize) {
            trace.outcome = outcome;
        }
    }
}

/// FNV-1a (64-bit) over 64-bit words instead of bytes: every arrival, completion and drop
/// of the run, with its time and station, in the order they happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TraceHash(u64);

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// What happened, in the low bits of the second word (the station in the rest).
pub(crate) const ARRIVAL: u64 = 0;
pub(crate) const COMPLETION: u64 = 1;
pub(crate) const DROP: u64 = 2;

impl Default for TraceHash {
    fn default() -> Self {
        Self(FNV_OFFSET)
    }
}

impl TraceHash {
    #[inline(always)]
    pub(crate) fn event(&mut self, time_ns: u64, station: usize, kind: u64) {
        self.0 = (self.0 ^ time_ns).wrapping_mul(FNV_PRIME);
        self.0 = (self.0 ^ ((station as u64) << 2 | kind)).wrapping_mul(FNV_PRIME);
    }

    pub(crate) fn value(self) -> u64 {
        self.0
    }
}
