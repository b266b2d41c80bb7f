//! A seed replays a run exactly; the golden trace hash pins one small run so the wasm
//! build can assert the very same number.

use scalelab_sim::request::{RunOptions, run};

use super::support::three_tier;

/// The trace hash of the three-tier network (S08's) with seed 7 over 10 simulated
/// seconds after 1 s of warm-up. Any change to the engine's event order, its random
/// draws or their arithmetic changes it: update it only for a deliberate change, and
/// the wasm test with it.
const GOLDEN_TRACE_HASH: u64 = 0xba68_d309_d41c_2602;
const GOLDEN_EVENTS: u64 = 12_096;

fn golden_options() -> RunOptions {
    RunOptions { seed: 7, duration_s: 10.0, warmup_s: 1.0, ..RunOptions::default() }
}

#[test]
fn the_golden_run_has_the_golden_hash() {
    let report = run(&three_tier(), &golden_options()).unwrap();
    assert_eq!((report.trace_hash, report.events), (GOLDEN_TRACE_HASH, GOLDEN_EVENTS), "{:#x}", report.trace_hash);
}

#[test]
fn the_same_seed_gives_the_same_report() {
    let options = RunOptions { sample_every_s: Some(0.25), ..golden_options() };
    let first = run(&three_tier(), &options).unwrap();
    let second = run(&three_tier(), &options).unwrap();
    assert_eq!(first, second);
}

#[test]
fn another_seed_gives_another_run() {
    let first = run(&three_tier(), &golden_options()).unwrap();
    let other = run(&three_tier(), &RunOptions { seed: 8, ..golden_options() }).unwrap();
    assert_ne!(first.trace_hash, other.trace_hash);
}
