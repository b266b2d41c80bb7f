//! The request engine: a discrete-event simulation of individual requests through a
//! queueing network, for latency distributions (p50 to p99.9), tail effects and the
//! request paths the canvas animates.
//!
//! Deterministic by construction: time is whole nanoseconds (`u64`), events are ordered
//! by (time, sequence number), one seeded PRNG (PCG-64 MCG) belongs to the run, and every
//! transcendental function comes from `libm`, so a seed replays a run bit for bit natively
//! and in wasm. Bounded by construction: an event budget ends a run that would take too
//! long, a network holding [`MAX_IN_SYSTEM`] requests ends it too (the report says which),
//! station capacities bound queues, and traces and timelines have stated limits.
//!
//! Statistics count from the end of warm-up to the end of the run, and the report's
//! counts satisfy conservation (present at the start + arrived = completed + dropped +
//! present at the end) per station and end to end. Latency is counted for the requests
//! that complete in that window.
//!
//! Assembly and stepping are separate: [`Plan::new`] validates and compiles a
//! [`Network`]; [`Simulation::new`] starts a run of it with [`RunOptions`];
//! [`Simulation::advance`] steps it; [`Simulation::report`] reads it. [`run`] does all of
//! that at once.

mod alias;
mod arrivals;
pub mod benchmark;
pub(crate) mod dist;
mod engine;
mod error;
mod events;
pub(crate) mod histogram;
mod network;
mod options;
mod plan;
mod queue;
mod report;
mod rng;
mod stats;
mod timeline;
mod trace;
mod validate;

pub use engine::{Progress, Simulation};
pub use error::{Problem, RequestError, Subject};
pub use events::{MAX_EVENTS, MAX_IN_SYSTEM};
pub use network::{Arrivals, MAX_ERLANG_K, Network, Routing, Servers, ServiceDist, Station};
pub use options::{MAX_DURATION_S, MAX_HOPS, MAX_TIMELINE_VALUES, MAX_TRACES, RunOptions, TraceOptions};
pub use plan::Plan;
pub use report::{Flow, Latency, NetworkReport, RunReport, StationReport, Stop};
pub use timeline::{Sample, StationSample};
pub use trace::{Hop, Outcome, Trace};
pub use validate::{MAX_CV, MAX_MEAN_SERVICE_S, MAX_RATE_PIECES, MAX_RATE_RPS, MAX_STATIONS, problems};

/// Validates `network` and `options`, runs to the end and reports.
pub fn run(network: &Network, options: &RunOptions) -> Result<RunReport, RequestError> {
    let plan = Plan::new(network)?;
    Ok(Simulation::new(&plan, options)?.run())
}
