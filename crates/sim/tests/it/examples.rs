//! The example designs of the scaling journey (public/examples) run and sweep with the
//! results each stage is meant to teach.

use scalelab_model::Document;
use scalelab_sim::sweep::sweep;
use scalelab_sim::{Plan, evaluate_plan};

fn example(name: &str) -> Document {
    let path = format!("{}/../../public/examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Document::from_json(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const STAGES: [&str; 5] = [
    "stage-1-single-server",
    "stage-2-load-balancer-cache",
    "stage-3-cdn-sharding",
    "stage-4-multi-region",
    "stage-5-planet-scale",
];

#[test]
fn each_stage_holds_its_own_traffic() {
    for name in STAGES {
        let doc = example(name);
        let plan = Plan::new(&doc).unwrap();
        let report = evaluate_plan(&plan, doc.traffic.users);
        let saturated: Vec<&str> = report.components.iter().filter(|c| c.saturated).map(|c| c.id.as_str()).collect();
        assert!(saturated.is_empty(), "{name}: {saturated:?} saturated at its own traffic");
        assert!(report.error_rate < 0.001, "{name}: {} errors", report.error_rate);
    }
}

#[test]
fn a_single_server_saturates_between_1k_and_100k_users() {
    let doc = example("stage-1-single-server");
    let plan = Plan::new(&doc).unwrap();
    let result = sweep(&plan, 1e3, 1e9, 61).unwrap();
    let first = &result.breaks[0];
    assert_eq!(first.component.as_str(), "app");
    assert!((1e3..1e5).contains(&first.users), "{first:?}");
}

#[test]
fn each_stage_breaks_later_than_the_one_before() {
    let mut previous = 0.0;
    for name in STAGES {
        let doc = example(name);
        let plan = Plan::new(&doc).unwrap();
        let result = sweep(&plan, 1e3, 1e10, 71).unwrap();
        let first = result.breaks.first().map_or(f64::INFINITY, |b| b.users);
        assert!(first > previous, "{name} breaks at {first}, not after {previous}");
        previous = first;
    }
}

#[test]
fn the_planet_scale_design_holds_p99_under_a_second_at_a_billion_users() {
    let doc = example("stage-5-planet-scale");
    let plan = Plan::new(&doc).unwrap();
    let report = evaluate_plan(&plan, 1e9);
    assert!(report.latency.p99_ms < 1000.0, "p99 {}", report.latency.p99_ms);
    assert!(report.error_rate < 0.001, "errors {}", report.error_rate);
    assert!(report.components.iter().all(|c| !c.saturated));
}
