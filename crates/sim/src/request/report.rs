//! What a run measured, after warm-up: per station and end to end, with the
//! conservation identity every count satisfies, latency percentiles, utilisation and the
//! time-average numbers present for Little's law.

use serde::{Deserialize, Serialize};

use super::histogram::Histogram;
use super::stats::{BatchMeans, NetworkAcc, StationAcc};
use super::timeline::Sample;
use super::trace::Trace;

/// The outcome of a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    pub seed: u64,
    /// Statistics cover simulated time from here ...
    pub measured_from_s: f64,
    /// ... to here, where the run stopped (the duration, or earlier if the budget ran out).
    pub end_s: f64,
    pub measured_s: f64,
    /// Arrivals into the network plus service completions, warm-up included.
    pub events: u64,
    /// Why the run stopped (or that it has not).
    pub stop: Stop,
    /// Fingerprint of every event of the run: equal seeds give equal hashes.
    pub trace_hash: u64,
    /// Internal consistency checks that failed during the run (always 0 unless the
    /// engine has a bug).
    pub invariant_breaches: u64,
    pub network: NetworkReport,
    pub stations: Vec<StationReport>,
    pub traces: Vec<Trace>,
    pub timeline: Vec<Sample>,
}

/// Why a run stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stop {
    /// Still running (a report taken part way).
    Running,
    /// The whole duration was simulated.
    Duration,
    /// The event budget ran out first.
    EventBudget,
    /// The network held as many requests as the engine can track
    /// ([`super::MAX_IN_SYSTEM`]): the design is far past saturation.
    RequestLimit,
}

/// Requests through a station or the whole network during measurement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flow {
    /// Present when measurement started.
    pub in_flight_start: u64,
    pub arrived: u64,
    pub completed: u64,
    /// Turned away because the station was full (K reached).
    pub dropped: u64,
    /// Present when the run stopped.
    pub in_flight_end: u64,
}

impl Flow {
    /// Conservation: nothing is created or lost inside.
    pub fn is_conserved(&self) -> bool {
        self.in_flight_start.checked_add(self.arrived)
            == self.completed.checked_add(self.dropped).and_then(|n| n.checked_add(self.in_flight_end))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetworkReport {
    pub flow: Flow,
    /// Completions per second.
    pub throughput_rps: f64,
    /// Dropped over arrived (0 with no arrivals).
    pub drop_rate: f64,
    /// Time-average number of requests in the network (L).
    pub mean_in_system: f64,
    /// End-to-end latency of the requests that completed; `None` if none did.
    pub latency: Option<Latency>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Latency {
    pub count: u64,
    pub mean_ms: f64,
    /// Standard error of `mean_ms` from batch means (time batches of the measured
    /// window); `None` with fewer than two batches.
    pub mean_ms_std_error: Option<f64>,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub p999_ms: f64,
    pub max_ms: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StationReport {
    pub name: String,
    /// `None` for infinitely many.
    pub servers: Option<u64>,
    pub flow: Flow,
    pub throughput_rps: f64,
    /// Busy server time over servers x measured time; `None` with infinitely many
    /// servers or no measured time.
    pub utilisation: Option<f64>,
    /// Time-average number present (waiting and in service).
    pub mean_in_station: f64,
    /// Time-average number waiting for a server.
    pub mean_waiting: f64,
    /// Mean time from arrival to departure of the requests completed here.
    pub mean_sojourn_ms: Option<f64>,
    /// Share of accepted arrivals that found every server busy.
    pub wait_probability: Option<f64>,
    pub peak_in_station: u64,
}

const NS_PER_MS: f64 = 1e6;
const NS_PER_S: f64 = 1e9;

/// A station's state and accumulators at the report's instant.
pub(crate) struct StationView<'a> {
    pub(crate) name: &'a str,
    pub(crate) servers: u64,
    pub(crate) busy: u64,
    pub(crate) present: u64,
    pub(crate) acc: &'a StationAcc,
}

pub(crate) fn station_report(view: &StationView<'_>, from_ns: u64, now_ns: u64) -> StationReport {
    let acc = view.acc;
    let measured_ns = now_ns.saturating_sub(from_ns);
    let (busy_area, present_area) = acc.areas_at(now_ns, view.busy, view.present);
    let per_time = |area: u128| if measured_ns > 0 { area as f64 / measured_ns as f64 } else { 0.0 };
    let finite_servers = (view.servers != u64::MAX).then_some(view.servers);
    let accepted = acc.arrived.saturating_sub(acc.dropped);
    StationReport {
        name: view.name.to_owned(),
        servers: finite_servers,
        flow: Flow {
            in_flight_start: acc.in_flight_start,
            arrived: acc.arrived,
            completed: acc.completed,
            dropped: acc.dropped,
            in_flight_end: view.present,
        },
        throughput_rps: rate(acc.completed, measured_ns),
        utilisation: finite_servers.filter(|_| measured_ns > 0).map(|c| per_time(busy_area) / c as f64),
        mean_in_station: per_time(present_area),
        mean_waiting: per_time(present_area.saturating_sub(busy_area)),
        mean_sojourn_ms: (acc.completed > 0).then(|| acc.sojourn_ns as f64 / acc.completed as f64 / NS_PER_MS),
        wait_probability: (accepted > 0).then(|| acc.waited as f64 / accepted as f64),
        peak_in_station: acc.peak_present,
    }
}

pub(crate) fn network_report(acc: &NetworkAcc, from_ns: u64, now_ns: u64) -> NetworkReport {
    let measured_ns = now_ns.saturating_sub(from_ns);
    let area = acc.present_area_at(now_ns);
    NetworkReport {
        flow: Flow {
            in_flight_start: acc.in_flight_start,
            arrived: acc.arrived,
            completed: acc.completed,
            dropped: acc.dropped,
            in_flight_end: acc.present,
        },
        throughput_rps: rate(acc.completed, measured_ns),
        drop_rate: if acc.arrived > 0 { acc.dropped as f64 / acc.arrived as f64 } else { 0.0 },
        mean_in_system: if measured_ns > 0 { area as f64 / measured_ns as f64 } else { 0.0 },
        latency: latency(&acc.latency, acc.latency_sum_ns, acc.latency_max_ns, &acc.batches),
    }
}

fn latency(histogram: &Histogram, sum_ns: u128, max_ns: u64, batches: &BatchMeans) -> Option<Latency> {
    let count = histogram.total();
    let ms = |q: f64| histogram.quantile_ns(q).map(|ns| ns / NS_PER_MS);
    Some(Latency {
        count,
        mean_ms: (count > 0).then(|| sum_ns as f64 / count as f64 / NS_PER_MS)?,
        mean_ms_std_error: batches.std_error_ns().map(|ns| ns / NS_PER_MS),
        p50_ms: ms(0.5)?,
        p95_ms: ms(0.95)?,
        p99_ms: ms(0.99)?,
        p999_ms: ms(0.999)?,
        max_ms: max_ns as f64 / NS_PER_MS,
    })
}

fn rate(count: u64, measured_ns: u64) -> f64 {
    if measured_ns > 0 { count as f64 / (measured_ns as f64 / NS_PER_S) } else { 0.0 }
}

pub(crate) fn seconds(ns: u64) -> f64 {
    ns as f64 / NS_PER_S
}
