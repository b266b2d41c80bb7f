//! Memory of either engine's state for a 1,000-component design: the process's peak
//! resident set (VmHWM from /proc/self/status, Linux) after building and running each.
//! Run with `cargo bench -p scalelab-sim --bench memory` (or `cargo xtask bench`).

use scalelab_model::synthetic::layered;
use scalelab_sim::Plan;
use scalelab_sim::request::{Arrivals, Network, Routing, RunOptions, Servers, ServiceDist, Station};
use scalelab_sim::run::{RunOptions as FlowRunOptions, run_plan};

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A 1,000-station feed-forward network: 10 layers of 100 M/M/4 stations, each splitting
/// uniformly into the next layer; 280 requests/s enter at the first station (rho 0.7).
fn network() -> Network {
    let layers = 10;
    let width = 100;
    let stations = (0..layers * width)
        .map(|i| Station {
            name: format!("s{i}"),
            servers: Servers::Finite(4),
            service: ServiceDist::Exponential { mean_s: 0.01 },
            capacity: Some(1_000),
        })
        .collect();
    let routing = (0..layers * width)
        .map(|i| {
            let layer = i / width;
            if layer + 1 == layers {
                Routing::Exit
            } else {
                let dest: Vec<usize> = ((layer + 1) * width..(layer + 2) * width).collect();
                Routing::Probabilistic { p: vec![1.0 / width as f64; width], dest }
            }
        })
        .collect();
    Network { stations, routing, arrivals: Arrivals::constant(0, 280.0) }
}

fn main() {
    let before = peak_rss_kib().unwrap_or(0);
    let doc = layered(1_000, 1e9);
    let plan = Plan::new(&doc).expect("valid design");
    let report = run_plan(&plan, &doc.traffic, &doc.scenario, FlowRunOptions { duration_s: 600.0, step_s: 1.0 });
    let after_flow = peak_rss_kib().unwrap_or(0);
    let request = scalelab_sim::request::run(
        &network(),
        &RunOptions { seed: 1, duration_s: 60.0, warmup_s: 5.0, ..RunOptions::default() },
    )
    .expect("valid network");
    let after_request = peak_rss_kib().unwrap_or(0);
    println!(
        "memory: process peak {:.1} MiB at start; {:.1} MiB after a 600-step flow run of {} components ({} samples); {:.1} MiB after a request-engine run of 1,000 stations ({} events)",
        before as f64 / 1024.0,
        after_flow as f64 / 1024.0,
        doc.components.len(),
        report.samples.len(),
        after_request as f64 / 1024.0,
        request.events
    );
}
