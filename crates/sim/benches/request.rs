//! Events per second of the request engine on two networks: (a) a tandem of six M/M/c
//! stations (c = 4, 2, 8, 16, 4, 8) fed at 1,000 requests/s with every station at
//! rho 0.7, and (b) six layers of 33 M/M/32 stations at rho 0.85 behind a zero-time
//! router, each request split uniformly at random into every layer. An event is a
//! request's arrival into the network or one service completion (the router's included).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use scalelab_sim::request::benchmark::{layers, tandem};
use scalelab_sim::request::{Network, Plan, RunOptions, Simulation};

const EVENTS: u64 = 2_000_000;

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
