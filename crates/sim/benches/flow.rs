//! Flow-engine benchmarks: a day of one-second steps of a 100-component design at a
//! billion users with a daily curve; a 61-point sweep of the same design; and one steady
//! state. Run with `cargo bench -p scalelab-sim --bench flow` (or `cargo xtask bench`).

use criterion::{Criterion, criterion_group, criterion_main};
use scalelab_model::synthetic::layered;
use scalelab_sim::Plan;
use scalelab_sim::run::{RunOptions, run_plan};

fn flow_day(c: &mut Criterion) {
    let mut doc = layered(100, 1e9);
    doc.traffic.daily_curve = true;
    let plan = Plan::new(&doc).expect("the generated design is valid");
    let options = RunOptions { duration_s: 86_400.0, step_s: 1.0 };
    let mut group = c.benchmark_group("flow");
    group.sample_size(10);
    group.bench_function("day_of_1s_steps_100_components", |b| {
        b.iter(|| run_plan(&plan, &doc.traffic, &doc.scenario, options))
    });
    group.bench_function("sweep_61_points_100_components", |b| {
        b.iter(|| scalelab_sim::sweep::sweep(&plan, 1e3, 1e9, 61).expect("valid range"))
    });
    group.bench_function("steady_state_100_components", |b| b.iter(|| scalelab_sim::evaluate_plan(&plan, 1e9)));
    group.finish();
}

criterion_group!(benches, flow_day);
criterion_main!(benches);
