//! Runs the flow engine's benchmarks (the same design as `benches/flow.rs`) a number of
//! times, so that `perf stat -e task-clock` can measure CPU time outside criterion's loop,
//! which a busy machine skews less than wall time:
//! `cargo run --profile bench -p scalelab-sim --example flow_speed -- sweep 100`
//! (`day`: 86,400 one-second steps at 1B users with the daily curve; `sweep`: 61 points).

use scalelab_model::synthetic::layered;
use scalelab_sim::Plan;
use scalelab_sim::run::{RunOptions, run_plan};

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "sweep".to_owned());
    let times: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let mut doc = layered(100, 1e9);
    doc.traffic.daily_curve = true;
    let plan = Plan::new(&doc).expect("the generated design is valid");
    let mut check = 0.0;
    for _ in 0..times {
        check += match which.as_str() {
            "day" => {
                let options = RunOptions { duration_s: 86_400.0, step_s: 1.0 };
                run_plan(&plan, &doc.traffic, &doc.scenario, options).good_requests
            }
            _ => scalelab_sim::sweep::sweep(&plan, 1e3, 1e9, 61).map_or(0.0, |s| s.points.len() as f64),
        };
    }
    println!("{which} x {times}: {check}");
}
