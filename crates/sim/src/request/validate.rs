//! Checks a [`Network`] before it is compiled: every problem found, never a panic.

use scalelab_model::number::shortest;

use super::error::{Problem, Subject};
use super::network::{Arrivals, Network, Routing, Servers, ServiceDist, Station};
use super::options::MAX_DURATION_S;

/// Most stations in one network.
pub const MAX_STATIONS: usize = 100_000;
/// Longest mean service time: keeps sampled times in nanoseconds far from overflow.
pub const MAX_MEAN_SERVICE_S: f64 = 1e6;
/// Largest coefficient of variation of a lognormal service time.
pub const MAX_CV: f64 = 100.0;
/// Largest arrival rate (one request every 10 ns on average).
pub const MAX_RATE_RPS: f64 = 1e8;
/// Most pieces in a piecewise arrival rate.
pub const MAX_RATE_PIECES: usize = 10_000;
/// How far above 1 a row of routing probabilities may add up to, for rounding.
const PROBABILITY_SLACK: f64 = 1e-9;

/// Every problem with a network.
pub fn problems(network: &Network) -> Vec<Problem> {
    let mut problems = Vec::new();
    let count = network.stations.len();
    if count == 0 || count > MAX_STATIONS {
        problems.push(Problem::new(Subject::Network, format!("needs 1 to {MAX_STATIONS} stations, has {count}")));
    }
    if network.routing.len() != count {
        problems.push(Problem::new(
            Subject::Network,
            format!("needs one routing entry per station: {count} stations, {} entries", network.routing.len()),
        ));
    }
    for (index, station) in network.stations.iter().enumerate() {
        let subject = || Subject::Station { index, name: station.name.clone() };
        for message in station_problems(station) {
            problems.push(Problem::new(subject(), message));
        }
        if let Some(routing) = network.routing.get(index) {
            for message in routing_problems(routing, count) {
                problems.push(Problem::new(subject(), message));
            }
        }
    }
    for message in arrival_problems(&network.arrivals, count) {
        problems.push(Problem::new(Subject::Arrivals, message));
    }
    problems
}

fn station_problems(station: &Station) -> Vec<String> {
    let mut found = Vec::new();
    if station.servers == Servers::Finite(0) {
        found.push("needs at least one server".to_string());
    }
    let mean = station.service.mean_s();
    if !(mean.is_finite() && (0.0..=MAX_MEAN_SERVICE_S).contains(&mean)) {
        found.push(format!(
            "mean service time {} s must be between 0 and {} s",
            shortest(mean),
            shortest(MAX_MEAN_SERVICE_S)
        ));
    }
    if let ServiceDist::LogNormal { cv, .. } = station.service
        && !(cv.is_finite() && (0.0..=MAX_CV).contains(&cv))
    {
        found.push(format!("coefficient of variation {} must be between 0 and {}", shortest(cv), shortest(MAX_CV)));
    }
    match (station.capacity, station.servers) {
        (Some(0), _) => found.push("capacity must be at least 1".to_string()),
        (Some(k), Servers::Finite(c)) if k < c => {
            found.push(format!("capacity {k} counts those in service, so it cannot be below the {c} servers"));
        }
        _ => {}
    }
    found
}

fn routing_problems(routing: &Routing, stations: usize) -> Vec<String> {
    let mut found = Vec::new();
    let dest = match routing {
        Routing::Exit => return found,
        Routing::Probabilistic { dest, p } => {
            if dest.len() != p.len() {
                found.push(format!("routing has {} destinations but {} probabilities", dest.len(), p.len()));
            }
            if let Some(bad) = p.iter().find(|p| !(p.is_finite() && (0.0..=1.0).contains(*p))) {
                found.push(format!("routing probability {} must be between 0 and 1", shortest(*bad)));
            }
            let sum: f64 = p.iter().sum();
            if sum > 1.0 + PROBABILITY_SLACK {
                found.push(format!("routing probabilities add up to {}, more than 1", shortest(sum)));
            }
            dest
        }
        Routing::Cycle { dest } => {
            if dest.is_empty() {
                found.push("round-robin routing needs at least one destination".to_string());
            }
            dest
        }
    };
    if let Some(bad) = dest.iter().find(|&&d| d >= stations) {
        found.push(format!("routes to station {bad}, but the network has {stations}"));
    }
    found
}

fn arrival_problems(arrivals: &Arrivals, stations: usize) -> Vec<String> {
    let mut found = Vec::new();
    if arrivals.node >= stations {
        found.push(format!("enter at station {}, but the network has {stations}", arrivals.node));
    }
    let pieces = arrivals.rates_rps.len();
    if pieces == 0 || pieces > MAX_RATE_PIECES {
        found.push(format!("need 1 to {MAX_RATE_PIECES} rates, have {pieces}"));
    }
    if let Some(bad) = arrivals.rates_rps.iter().find(|r| !(r.is_finite() && (0.0..=MAX_RATE_RPS).contains(*r))) {
        found.push(format!("rate {} requests/s must be between 0 and {}", shortest(*bad), shortest(MAX_RATE_RPS)));
    }
    let ends = arrivals.endpoints_s.len();
    if ends + 1 != pieces && ends != pieces {
        found.push(format!("{pieces} rates need {} or {pieces} endpoints, not {ends}", pieces.saturating_sub(1)));
    }
    let increasing = arrivals.endpoints_s.windows(2).all(|w| matches!(w, [a, b] if a < b));
    let in_range = arrivals.endpoints_s.iter().all(|e| e.is_finite() && *e > 0.0 && *e <= MAX_DURATION_S);
    if !(increasing && in_range) {
        found.push(format!("endpoints must increase strictly, from above 0 to at most {} s", shortest(MAX_DURATION_S)));
    }
    if !(1..=super::network::MAX_ERLANG_K).contains(&arrivals.erlang_k) {
        let most = super::network::MAX_ERLANG_K;
        found.push(format!("Erlang arrivals need 1 to {most} phases, not {}", arrivals.erlang_k));
    }
    found
}
