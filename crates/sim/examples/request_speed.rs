//! Runs one of the request engine's benchmark networks (the same as `benches/request.rs`)
//! for a number of events and prints its trace hash, so that a profiler or `perf stat`
//! can measure the engine alone, outside criterion's loop:
//! `cargo run --profile fast -p scalelab-sim --example request_speed -- a 10000000`
//! (`a`: tandem of 6 M/M/c at rho 0.7; `b`: 6 layers x 33 M/M/32 at rho 0.85).

use scalelab_sim::request::{Arrivals, Network, Plan, Routing, RunOptions, Servers, ServiceDist, Simulation, Station};

fn station(name: String, servers: Servers, mean_s: f64) -> Station {
    let service =
        if mean_s > 0.0 { ServiceDist::Exponential { mean_s } } else { ServiceDist::Deterministic { mean_s } };
    Station { name, servers, service, capacity: None }
}

fn tandem() -> Network {
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

fn layers() -> Network {
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

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let network = match args.next().as_deref() {
        Some("a") | None => tandem(),
        Some("b") => layers(),
        Some(other) => return Err(format!("unknown network {other}: a or b")),
    };
    let events = match args.next() {
        Some(n) => n.parse().map_err(|e| format!("events: {e}"))?,
        None => 10_000_000,
    };
    let plan = Plan::new(&network).map_err(|e| e.to_string())?;
    let options = RunOptions { duration_s: 1e8, max_events: events, ..RunOptions::default() };
    let report = Simulation::new(&plan, &options).map_err(|e| e.to_string())?.run();
    println!("{} events, trace hash {:#018x}", report.events, report.trace_hash);
    Ok(())
}
