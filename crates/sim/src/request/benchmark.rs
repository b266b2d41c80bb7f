//! The request engine's two benchmark networks, shared by `benches/request.rs` (criterion),
//! `examples/request_speed.rs` (for perf and callgrind) and the wasm package's benchmark
//! exports (`tests/bench/engine-wasm.mjs`): (a) a tandem of six M/M/c stations
//! (c = 4, 2, 8, 16, 4, 8) at 1,000 requests/s, every station at rho 0.7; (b) six layers
//! of 33 M/M/32 stations at rho 0.85 behind a zero-time router. Nothing in the app calls
//! them, so they do not enter its wasm.

use super::{Arrivals, Network, Plan, RunOptions, Simulation};
use super::{Routing, Servers, ServiceDist, Station};

fn station(name: String, servers: Servers, mean_s: f64) -> Station {
    let service =
        if mean_s > 0.0 { ServiceDist::Exponential { mean_s } } else { ServiceDist::Deterministic { mean_s } };
    Station { name, servers, service, capacity: None }
}

/// (a): six M/M/c stations in a row.
pub fn tandem() -> Network {
    let servers = [4u32, 2, 8, 16, 4, 8];
    let rate_rps = 1_000.0;
    let stations = servers
        .iter()
        .enumerate()
        .map(|(i, &c)| station(format!("s{i}"), Servers::Finite(c), 0.7 * f64::from(c) / rate_rps));
    let routing = (0..servers.len()).map(|i| {
        if i + 1 < servers.len() { Routing::Probabilistic { dest: vec![i + 1], p: vec![1.0] } } else { Routing::Exit }
    });
    Network { stations: stations.collect(), routing: routing.collect(), arrivals: Arrivals::constant(0, rate_rps) }
}

/// (b): a router, then six layers of 33 M/M/32 stations, each request split uniformly
/// at random into every layer.
pub fn layers() -> Network {
    const LAYERS: usize = 6;
    const WIDTH: usize = 33;
    const SERVERS: u32 = 32;
    let mean_s = 0.01;
    let rate_rps = WIDTH as f64 * f64::from(SERVERS) * 0.85 / mean_s;
    let mut stations = vec![station("router".into(), Servers::Infinite, 0.0)];
    let mut routing = Vec::new();
    let split = |layer: usize| Routing::Probabilistic {
        dest: (0..WIDTH).map(|i| 1 + layer * WIDTH + i).collect(),
        p: vec![1.0 / WIDTH as f64; WIDTH],
    };
    routing.push(split(0));
    for layer in 0..LAYERS {
        for i in 0..WIDTH {
            stations.push(station(format!("l{layer}s{i}"), Servers::Finite(SERVERS), mean_s));
            routing.push(if layer + 1 < LAYERS { split(layer + 1) } else { Routing::Exit });
        }
    }
    Network { stations, routing, arrivals: Arrivals::constant(0, rate_rps) }
}

/// Runs `network` for `events` events (seed 1, a run long enough never to end first) and
/// returns the events run and the trace hash.
pub fn run_events(network: &Network, events: u64) -> Result<(u64, u64), String> {
    let plan = Plan::new(network).map_err(|e| e.to_string())?;
    let options = RunOptions { duration_s: 1e8, max_events: events, ..RunOptions::default() };
    let report = Simulation::new(&plan, &options).map_err(|e| e.to_string())?.run();
    Ok((report.events, report.trace_hash))
}
