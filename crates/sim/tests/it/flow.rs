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

/// A day run takes a fast path between exact passes 5 % apart in demand wherever only the
/// day's curve changes; it must match a run with a full pass at every step: totals within
/// 0.1 %, every sample's latency within 2 % and utilisation within 1 point. At 6M users
/// the app servers pass 80 % load in the busiest hours, which then take full passes.
#[test]
fn the_fast_path_of_a_day_run_matches_a_full_pass_at_every_step() {
    use scalelab_sim::Plan;
    use scalelab_sim::run::{RunOptions, run_plan, run_plan_stepwise};
    for (users, autoscaling) in [(1.3e6, false), (6.0e6, false), (3.0e6, true)] {
        let mut doc = crate::designs::journey();
        doc.traffic.users = users;
        doc.traffic.daily_curve = true;
        if autoscaling && let Some(app) = doc.components.iter_mut().find(|c| c.id.as_str() == "app") {
            *app = app.clone().with_choice("autoscaling", "on").with_param("max_instances", 200.0);
        }
        let plan = Plan::new(&doc).unwrap();
        let options = RunOptions { duration_s: 86_400.0, step_s: 1.0 };
        let fast = run_plan(&plan, &doc.traffic, &doc.scenario, options);
        let slow = run_plan_stepwise(&plan, &doc.traffic, &doc.scenario, options);
        let close = |a: f64, b: f64, rel: f64| (a - b).abs() <= rel * a.abs().max(b.abs()) + 1e-9;
        assert!(close(fast.requests, slow.requests, 1e-3), "{users}: {} vs {}", fast.requests, slow.requests);
        assert!(close(fast.good_requests, slow.good_requests, 1e-3), "{users}");
        assert!(close(fast.cost_usd, slow.cost_usd, 1e-3), "{users}: {} vs {}", fast.cost_usd, slow.cost_usd);
        assert_eq!(fast.samples.len(), slow.samples.len());
        assert_eq!(slow.full_passes, 86_400);
        assert!(fast.full_passes < 86_400 / 2, "{users}: {} full passes", fast.full_passes);
        if users == 1.3e6 {
            assert!(fast.full_passes < 10 && fast.levels < 200, "{} passes, {} levels", fast.full_passes, fast.levels);
        }
        if users == 6.0e6 {
            let busy = slow.samples.iter().filter(|s| s.components.iter().any(|c| c.utilisation > 0.8)).count();
            assert!(busy > 0 && fast.full_passes > 1_000, "{busy} busy samples, {} full passes", fast.full_passes);
        }
        for (a, b) in fast.samples.iter().zip(&slow.samples) {
            assert_eq!(a.t_s, b.t_s);
            assert!(
                close(a.latency.p99_ms, b.latency.p99_ms, 0.02),
                "{users} at {}: p99 {} vs {}",
                a.t_s,
                a.latency.p99_ms,
                b.latency.p99_ms
            );
            assert!(close(a.entry_rps, b.entry_rps, 1e-3), "{users} at {}", a.t_s);
            for (x, y) in a.components.iter().zip(&b.components) {
                assert!((x.utilisation - y.utilisation).abs() <= 0.01, "{users} at {}: {x:?} vs {y:?}", a.t_s);
            }
        }
        // The last step is a full pass either way (station caches may differ within 0.1 %).
        assert!(close(fast.last.entry_rps, slow.last.entry_rps, 1e-9), "{users}");
        assert!(close(fast.last.latency.p99_ms, slow.last.latency.p99_ms, 5e-3), "{users}");
    }
}

#[test]
fn every_resource_has_its_own_place_in_the_list_that_numbers_them() {
    use scalelab_sim::Resource as R;
    // Exhaustive: a new resource stops this compiling until it has a place here; its place
    // must then be its index in `ALL`, and `ALL` must hold every place.
    let place = |r: R| match r {
        R::Cpu => 0,
        R::Concurrency => 1,
        R::Connections => 2,
        R::Throughput => 3,
        R::RateLimit => 4,
        R::Bandwidth => 5,
        R::PartitionThroughput => 6,
        R::CacheOps => 7,
        R::ConsumerThroughput => 8,
        R::Ingest => 9,
    };
    for (i, r) in R::ALL.iter().enumerate() {
        assert_eq!(place(*r), i, "{r:?}");
    }
    assert_eq!(R::ALL.len(), place(R::Ingest) + 1, "the last place is the list's last entry");
}

/// After a 200-fold spike, the services drain their backlogs while arrivals are back to
/// normal. An outcome computed while draining served more than arrived; it used to be
/// kept for reuse in the next quiet step, where it served requests that never came (found
/// by the live run's test in the browser). Every step of the run is checked against the
/// engine's invariants in this build (conservation with the backlog, `flow::check`).
#[test]
fn a_drained_backlog_is_not_served_again_in_a_later_step() {
    let mut doc = Document::default_topology();
    doc.traffic.users = 2e4;
    doc.traffic.shape = scalelab_model::Shape::Spike { at_s: 60.0, duration_s: 60.0, factor: 200.0 };
    let options = scalelab_sim::run::RunOptions { duration_s: 180.0, step_s: 1.0 };
    let plan = scalelab_sim::Plan::new(&doc).unwrap();
    for report in [
        scalelab_sim::run::run(&doc, options).unwrap(),
        scalelab_sim::run::run_plan_stepwise(&plan, &doc.traffic, &doc.scenario, options),
    ] {
        let app = plan.nodes.iter().position(|n| n.id.as_str() == "app-1").unwrap();
        let (quiet, end) = (&report.samples[30], &report.samples[179]);
        // Once drained, the service serves what arrives, as before the spike.
        assert!(end.components[app].queue < 0.01, "{}", end.components[app].queue);
        let (served, offered) = (end.components[app].served_rps, end.components[app].offered_rps);
        assert!(served <= offered * (1.0 + 1e-9), "served {served} of {offered}");
        assert!((served - quiet.components[app].served_rps).abs() < 1e-6 * served.max(1.0));
    }
}
