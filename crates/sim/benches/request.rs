//! Events per second of the request engine on two networks: (a) a tandem of six M/M/c
//! stations (c = 4, 2, 8, 16, 4, 8) fed at 1,000 requests/s with every station at
//! rho 0.7, and (b) six layers of 33 M/M/32 stations at rho 0.85 behind a zero-time
//! router, each request split uniformly at random into every layer. An event is a
//! request's arrival into the network or one service completion (the router's included).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use scalelab_sim::request::{Arrivals, Network, Plan, Routing, RunOptions, Servers, ServiceDist, Simulation, Station};

const EVENTS: u64 = 2_000_000;

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

fn bench(c: &mut Criterion, name: &str, network: &Network) {
    let plan = Plan::new(network).expect("the benchmark network is valid");
    let options = RunOptions { duration_s: 1e8, max_events: EVENTS, ..RunOptions::default() };
    let mut group = c.benchmark_group("request");
    group.throughput(Throughput::Elements(EVENTS));
    group.bench_function(name, |b| {
        b.iter(|| {
            let report = Simulation::new(&plan, &options).expect("valid options").run();
            assert_eq!(report.events, EVENTS);
            report.trace_hash
        });
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    bench(c, "tandem_6_mmc", &tandem());
    bench(c, "layers_6x33_mm32", &layers());
}

criterion_group! {
    name = request;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(request);
