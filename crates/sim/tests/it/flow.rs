//! The flow engine's steady state on the default topology.

use scalelab_model::{ComponentKind, Document, ParamValue};
use scalelab_sim::{Report, Resource, evaluate};

fn at_users(users: f64) -> Report {
    let mut doc = Document::default_topology();
    doc.traffic.users = users;
    evaluate(&doc).unwrap()
}

fn component<'r>(report: &'r Report, id: &str) -> &'r scalelab_sim::ComponentReport {
    report.components.iter().find(|c| c.id.as_str() == id).unwrap()
}

#[test]
fn nothing_saturates_at_a_thousand_users() {
    let report = at_users(1e3);
    assert!(report.components.iter().all(|c| !c.saturated), "{report:#?}");
    assert!((report.entry_rps - 2.5579).abs() < 1e-3, "{}", report.entry_rps);
}

#[test]
fn app_servers_saturate_on_cpu_at_a_million_users() {
    let report = at_users(1e6);
    // 2,558 req/s at peak split over two servers of 4 cores x 20 ms = 200 req/s each.
    let app = component(&report, "app-1");
    assert!((app.offered_rps - 1278.9).abs() < 0.1, "{app:#?}");
    assert!((app.capacity_rps - 200.0).abs() < 1e-9);
    assert!(app.saturated && app.limit == Some(Resource::Cpu));
    assert_eq!(app.utilisation, 1.0);
    // The database only sees what the servers complete.
    let db = component(&report, "db");
    assert!((db.offered_rps - 400.0).abs() < 1e-9, "{db:#?}");
    assert!(!db.saturated);
}

#[test]
fn load_balancer_splits_evenly_and_conserves_flow() {
    let report = at_users(1e5);
    let lb = component(&report, "lb");
    let sum: f64 = ["app-1", "app-2"].iter().map(|id| component(&report, id).offered_rps).sum();
    assert!((sum - lb.served_rps).abs() < 1e-9);
    assert!((component(&report, "app-1").offered_rps - component(&report, "app-2").offered_rps).abs() < 1e-12);
}

#[test]
fn connection_limit_saturates_a_database_below_its_cpu_capacity() {
    let mut doc = Document::default_topology();
    doc.traffic.users = 1e5; // 255.8 req/s at the database
    for c in doc.components.iter_mut() {
        if c.kind == ComponentKind::Database {
            // 400 queries/s of capacity at 256 offered; Little: over 5 queries in flight.
            c.params.insert("query_time_ms".into(), ParamValue::Number(20.0));
            c.params.insert("max_connections".into(), ParamValue::Number(5.0));
        }
    }
    let report = evaluate(&doc).unwrap();
    let db = component(&report, "db");
    assert!(db.load < 1.0 && db.saturated && db.limit == Some(Resource::Connections), "{db:#?}");
}

#[test]
fn more_instances_remove_the_saturation() {
    let mut doc = Document::default_topology();
    doc.traffic.users = 1e6;
    for c in doc.components.iter_mut() {
        if c.kind == ComponentKind::Service {
            c.params.insert("instances".into(), ParamValue::Number(8.0));
        }
    }
    let report = evaluate(&doc).unwrap();
    assert!(report.components.iter().all(|c| !c.saturated), "{report:#?}");
}

#[test]
fn invalid_documents_are_refused_with_their_problems() {
    let mut doc = Document::default_topology();
    doc.traffic.users = f64::NAN;
    let error = evaluate(&doc).unwrap_err();
    assert!(error.to_string().contains("users is NaN"), "{error}");
}

/// A run reuses a station's computation while its arrivals stay within 0.1 % of it: the
/// end of a slow ramp must match the steady state at the ramp's end within that.
#[test]
fn a_run_at_the_end_of_a_slow_ramp_matches_the_steady_state() {
    use scalelab_sim::run::{RunOptions, run};
    let mut doc = Document::default_topology();
    doc.traffic.users = 50_000.0;
    doc.traffic.shape = scalelab_model::Shape::Ramp { from: 1.0, to: 1.5, duration_s: 300.0 };
    let ran = run(&doc, RunOptions { duration_s: 400.0, step_s: 1.0 }).unwrap();
    let mut end = doc.clone();
    end.traffic.users = 75_000.0;
    end.traffic.shape = scalelab_model::Shape::Constant;
    let steady = evaluate(&end).unwrap();
    for (a, b) in ran.last.components.iter().zip(&steady.components) {
        assert!((a.offered_rps - b.offered_rps).abs() <= 1e-9 * b.offered_rps.max(1.0), "{}", a.id);
        assert!((a.load - b.load).abs() <= 2e-3 * b.load.max(1e-9), "{}: load {} vs {}", a.id, a.load, b.load);
        assert!(
            (a.latency.mean_ms - b.latency.mean_ms).abs() <= 2e-3 * b.latency.mean_ms.max(1e-9),
            "{}: latency {} vs {}",
            a.id,
            a.latency.mean_ms,
            b.latency.mean_ms
        );
    }
}
