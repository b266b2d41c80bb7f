//! Every run ends: the event budget stops it with a flag, and stepping in pieces gives
//! the same run as going straight to the end.

use scalelab_sim::request::{
    Arrivals, Network, Plan, Progress, Routing, RunOptions, Servers, Simulation, Stop, TraceOptions, run,
};

use super::support::{assert_sound, exp, station, three_tier};

#[test]
fn the_event_budget_ends_a_run_with_a_flag() {
    let options = RunOptions { duration_s: 1e6, max_events: 10_000, ..RunOptions::default() };
    let report = run(&three_tier(), &options).unwrap();
    assert_eq!(report.stop, Stop::EventBudget);
    assert_eq!(report.events, 10_000);
    assert!(report.end_s < 1e6);
    assert_sound(&three_tier(), &report);
}

#[test]
fn a_zero_time_loop_is_stopped_by_the_budget() {
    // A router that sends every request back to itself forever at zero cost.
    let network = Network {
        stations: vec![station("loop", Servers::Infinite, exp(0.0), None)],
        routing: vec![Routing::Probabilistic { dest: vec![0], p: vec![1.0] }],
        arrivals: Arrivals::constant(0, 10.0),
    };
    let options = RunOptions { duration_s: 10.0, max_events: 5_000, ..RunOptions::default() };
    let report = run(&network, &options).unwrap();
    assert_eq!(report.stop, Stop::EventBudget);
    assert_sound(&network, &report);
}

#[test]
fn stepping_in_pieces_matches_a_straight_run() {
    let plan = Plan::new(&three_tier()).unwrap();
    let options = RunOptions { duration_s: 20.0, warmup_s: 2.0, sample_every_s: Some(0.5), ..RunOptions::default() };
    let straight = Simulation::new(&plan, &options).unwrap().run();
    let mut stepped = Simulation::new(&plan, &options).unwrap();
    let mut pieces = 0;
    while stepped.advance(977) == Progress::Running {
        pieces += 1;
        let partial = stepped.report();
        assert_eq!(partial.stop, Stop::Running);
        assert!(partial.network.flow.is_conserved());
    }
    assert!(pieces > 10);
    assert_eq!(stepped.report(), straight);
    assert_eq!(straight.stop, Stop::Duration);
}

#[test]
fn arrivals_stop_at_the_last_endpoint_and_the_network_drains() {
    let mut network = three_tier();
    network.arrivals =
        Arrivals { node: 0, rates_rps: vec![200.0, 0.0, 100.0], endpoints_s: vec![5.0, 10.0, 15.0], erlang_k: 1 };
    let options = RunOptions { duration_s: 30.0, sample_every_s: Some(1.0), ..RunOptions::default() };
    let report = run(&network, &options).unwrap();
    assert_sound(&network, &report);
    assert_eq!(report.network.flow.in_flight_end, 0);
    // About 200 x 5 + 100 x 5 = 1,500 arrivals.
    let arrived = report.network.flow.arrived as f64;
    assert!((arrived - 1_500.0).abs() < 150.0, "{arrived}");
    assert_eq!(report.timeline.len(), 31);
    // Nothing arrives between 5 s and 10 s, so the network is empty by 10 s.
    assert_eq!(report.timeline[10].in_system, 0);
}

#[test]
fn traces_are_bounded_and_follow_the_routing() {
    let options = RunOptions {
        duration_s: 50.0,
        warmup_s: 5.0,
        traces: TraceOptions { max: 20, every: 100, max_hops: 2 },
        ..RunOptions::default()
    };
    let report = run(&three_tier(), &options).unwrap();
    assert_eq!(report.traces.len(), 20);
    for (i, trace) in report.traces.iter().enumerate() {
        assert_eq!(trace.arrival, 100 * i as u64);
        assert!(trace.born_ns >= 5_000_000_000);
        // Three stations visited, two kept.
        assert_eq!(trace.hops.iter().map(|h| h.station).collect::<Vec<_>>(), vec![0, 1]);
        assert!(trace.truncated);
        let mut last_ns = trace.born_ns;
        for hop in &trace.hops {
            let departed = hop.departed_ns.expect("left every kept station");
            assert!(hop.arrived_ns >= last_ns && departed >= hop.arrived_ns);
            last_ns = departed;
        }
    }
}
