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

/// Where `index` first saturates, bisecting it alone (the sweep narrows components that
/// break in the same grid interval together, sharing evaluations; it must find the same).
fn bisect_alone(plan: &Plan, index: usize, mut ok: f64, mut bad: f64) -> f64 {
    let saturated = |users: f64| {
        let pass = scalelab_sim::flow::steady_state(plan, users, None);
        pass.outcomes.get(index).is_some_and(|o| o.load >= 1.0 || o.hard_limit.is_some())
    };
    while bad / ok > 1.005 {
        let mid = (ok * bad).sqrt();
        if saturated(mid) { bad = mid } else { ok = mid }
    }
    bad
}

#[test]
fn break_points_found_together_are_those_found_one_by_one() {
    // The stages, and one with many components breaking in the same interval.
    let mut docs: Vec<(String, Document)> = STAGES.iter().map(|name| (name.to_string(), example(name))).collect();
    let path = format!("{}/../../tests/bench/layered-100.json", env!("CARGO_MANIFEST_DIR"));
    let mut layered = Document::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
    for c in &mut layered.components {
        for key in ["instances", "nodes", "read_replicas", "shards"] {
            if let Some(value) = c.params.get_mut(key) {
                *value = scalelab_model::ParamValue::Number(1.0);
            }
        }
    }
    docs.push(("layered-100 scaled down".into(), layered));
    let mut shared_intervals = 0;
    for (name, doc) in docs {
        let plan = Plan::new(&doc).unwrap();
        let result = sweep(&plan, 1e3, 1e9, 61).unwrap();
        let grid: Vec<f64> = result.points.iter().map(|p| p.users).collect();
        let mut intervals = std::collections::BTreeMap::new();
        for b in &result.breaks {
            let index = doc.components.iter().position(|c| c.id == b.component).unwrap();
            let first = grid.iter().position(|&u| u >= b.users).unwrap();
            *intervals.entry(first).or_insert(0) += 1;
            let alone = if first == 0 { grid[0] } else { bisect_alone(&plan, index, grid[first - 1], grid[first]) };
            assert_eq!(b.users, alone, "{name}: {}", b.component);
        }
        shared_intervals += intervals.values().filter(|&&n| n > 1).count();
    }
    assert!(shared_intervals > 0, "no design had components breaking in the same interval");
}
