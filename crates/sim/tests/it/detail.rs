//! The request engine run on documents: it agrees with the flow engine in the steady
//! state, its cost stays within the event budget at any number of users, it replays from
//! a seed, and its request paths follow the design.

use proptest::prelude::*;
use scalelab_model::{Component, ComponentKind as K, Document, Link, Point, SCHEMA_VERSION, Traffic};
use scalelab_sim::detail::{DetailOptions, DetailReport, Stands, detail};
use scalelab_sim::evaluate;

use crate::designs::journey;

fn at(id: &str, kind: K) -> Component {
    Component::new(id, kind, id, Point::new(0.0, 0.0))
}

/// Requests/s at the daily peak per monthly user, reads only (see `designs`).
const RPS_PER_USER: f64 = 0.5 * 170.0 / 86_400.0 * 2.6;

/// users -> load balancer -> app pool -> database, with the app pool at `rho`.
fn tier(policy: &str, instances: f64, cores: f64, service_ms: f64, rho: f64) -> Document {
    let rate = rho * instances * cores / (service_ms / 1e3);
    Document {
        schema_version: SCHEMA_VERSION,
        name: "tier".into(),
        components: vec![
            at("users", K::Users).with_param("write_weight", 0.0).with_param("static_weight", 0.0),
            at("lb", K::LoadBalancer).with_choice("policy", policy).with_param("nodes", 100.0),
            at("app", K::Service)
                .with_param("instances", instances)
                .with_param("cores", cores)
                .with_param("concurrency", 10_000.0)
                .with_param("service_time_ms", service_ms),
            at("db", K::Database).with_param("cores", 64.0),
        ],
        links: vec![Link::call("users", "lb"), Link::call("lb", "app"), Link::call("app", "db")],
        traffic: Traffic { users: rate / RPS_PER_USER, ..Traffic::default() },
        scenario: Default::default(),
    }
}

fn options(doc: &Document, max_events: u64) -> DetailOptions {
    DetailOptions { max_events, paths: 40_000, ..DetailOptions::for_document(doc) }
}

fn run(doc: &Document, max_events: u64) -> DetailReport {
    detail(doc, &options(doc, max_events)).expect("a valid design and options")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    /// Each simulated queue's mean time matches the flow engine's formula for the same
    /// queue, and the end-to-end mean matches the flow engine's: within 5 % (8 % behind
    /// a round robin, where the formula is Allen-Cunneen's approximation), plus four
    /// standard errors of the simulation.
    #[test]
    fn flow_and_request_engines_agree_in_the_steady_state(
        policy in prop::sample::select(vec!["random", "least_connections", "round_robin"]),
        instances in 1u32..8,
        cores in 1u32..6,
        service_ms in 5.0f64..50.0,
        rho in 0.2f64..0.8,
        seed in 0u64..1_000,
    ) {
        let mut doc = tier(policy, f64::from(instances), f64::from(cores), service_ms, rho);
        doc.scenario.seed = seed;
        let report = run(&doc, 600_000);
        let tolerance = if policy == "round_robin" { 0.08 } else { 0.05 };
        for component in &report.components {
            for queue in &component.queues {
                for r in &queue.simulated {
                    let latency = r.latency.expect("the queue answered requests");
                    let se = latency.mean_ms_std_error.unwrap_or(0.0);
                    let gap = (latency.mean_ms - r.formula_mean_ms).abs();
                    prop_assert!(
                        gap <= tolerance * r.formula_mean_ms + 4.0 * se,
                        "{}: simulated {:.3} ms (se {:.3}), formula {:.3} ms", component.id, latency.mean_ms, se,
                        r.formula_mean_ms
                    );
                }
            }
        }
        let flow = evaluate(&doc).expect("valid");
        let e2e = report.end_to_end.latency.expect("answered");
        let se = e2e.mean_ms_std_error.unwrap_or(0.0);
        prop_assert!(
            (e2e.mean_ms - flow.latency.mean_ms).abs() <= tolerance * flow.latency.mean_ms + 4.0 * se,
            "end to end: request engine {:.3} ms, flow engine {:.3} ms", e2e.mean_ms, flow.latency.mean_ms
        );
        prop_assert!(report.end_to_end.ok_share > 0.999);
    }
}

#[test]
fn a_pool_behind_an_even_split_is_reduced_to_one_typical_instance() {
    let doc = tier("random", 2_000.0, 4.0, 20.0, 0.6);
    let report = run(&doc, 1_000_000);
    let app = report.components.iter().find(|c| c.id == "app").expect("app");
    let queue = app.queues.first().expect("the app's queue");
    assert_eq!(queue.instances, 2_000.0);
    assert_eq!(queue.simulated.len(), 1);
    let typical = queue.simulated.first().expect("one");
    assert_eq!(typical.stands_for, Stands::Typical);
    assert_eq!(typical.servers, 4);
    // One instance's share: 0.6 x 4 cores / 20 ms.
    assert!((typical.rate_rps - 120.0).abs() < 1e-6, "{}", typical.rate_rps);
    let utilisation = typical.utilisation.expect("finite servers");
    assert!((utilisation - 0.6).abs() < 0.03, "{utilisation}");
}

#[test]
fn a_shared_queue_pool_is_simulated_whole() {
    let doc = tier("least_connections", 50.0, 2.0, 10.0, 0.7);
    let report = run(&doc, 1_000_000);
    let app = report.components.iter().find(|c| c.id == "app").expect("app");
    let whole = app.queues.first().and_then(|q| q.simulated.first()).expect("simulated");
    assert_eq!(whole.stands_for, Stands::Whole);
    assert_eq!(whole.servers, 100);
    assert!((whole.rate_rps - 7_000.0).abs() < 1e-6);
}

#[test]
fn consistent_hashing_simulates_the_busiest_instance_too() {
    let mut doc = tier("consistent_hashing", 10.0, 4.0, 20.0, 0.5);
    if let Some(lb) = doc.components.iter_mut().find(|c| c.id.as_str() == "lb") {
        *lb = lb.clone().with_param("virtual_nodes", 1.0);
    }
    let report = run(&doc, 1_000_000);
    let app = report.components.iter().find(|c| c.id == "app").expect("app");
    let simulated = &app.queues.first().expect("queue").simulated;
    let busiest = simulated.iter().find(|r| r.stands_for == Stands::Busiest).expect("the busiest instance");
    let typical = simulated.iter().find(|r| r.stands_for == Stands::Typical).expect("a typical instance");
    assert!(busiest.rate_rps > 2.0 * typical.rate_rps, "{} vs {}", busiest.rate_rps, typical.rate_rps);
    let (b, t) = (busiest.latency.expect("b").mean_ms, typical.latency.expect("t").mean_ms);
    assert!(b > t, "the hot instance waits longer: {b} vs {t}");
}

#[test]
fn the_cost_stays_within_the_event_budget_at_any_number_of_users() {
    let budget = 300_000;
    for users in [1e4, 1e6, 1e8, 1e9] {
        let mut doc = journey();
        doc.traffic.users = users;
        let report = run(&doc, budget);
        assert!(report.events <= budget, "{users} users: {} events", report.events);
        assert!(report.events > 0, "{users} users");
    }
}

#[test]
fn a_seed_replays_the_same_report_and_another_differs() {
    let doc = journey();
    let one = run(&doc, 200_000);
    assert_eq!(one, run(&doc, 200_000));
    let mut other = options(&doc, 200_000);
    other.seed += 1;
    assert_ne!(one, detail(&doc, &other).expect("valid"));
}

#[test]
fn traced_paths_start_at_the_users_and_follow_links() {
    let doc = journey();
    let report = run(&doc, 200_000);
    assert_eq!(report.traces.len(), 32);
    for trace in &report.traces {
        let first = trace.hops.first().expect("a path has a first hop");
        assert_eq!(first.component, "users");
        assert_eq!(first.start_ms, 0.0);
        for pair in trace.hops.windows(2) {
            let [from, to] = pair else { continue };
            assert!(to.start_ms >= from.start_ms, "{trace:?}");
            assert!(doc.components.iter().any(|c| c.id.as_str() == to.component), "{}", to.component);
        }
        // Calls are sequential in this design: a path takes at least its stations' own times.
        let own: f64 = trace.hops.iter().map(|h| h.own_ms).sum();
        if trace.ok {
            assert!(trace.total_ms >= own * (1.0 - 1e-9), "{trace:?}");
        }
    }
}

#[test]
fn options_out_of_range_are_refused_by_name() {
    let doc = journey();
    let bad = DetailOptions { max_events: 0, paths: 0, duration_s: -1.0, ..DetailOptions::for_document(&doc) };
    let message = detail(&doc, &bad).expect_err("refused").to_string();
    for word in ["event budget", "paths", "duration"] {
        assert!(message.contains(word), "{message}");
    }
}

#[test]
fn an_overloaded_queue_drops_what_it_cannot_hold() {
    let mut doc = tier("least_connections", 1.0, 1.0, 10.0, 1.5);
    if let Some(app) = doc.components.iter_mut().find(|c| c.id.as_str() == "app") {
        *app = app.clone().with_param("queue_limit", 50.0);
    }
    let report = run(&doc, 400_000);
    let app = report.components.iter().find(|c| c.id == "app").expect("app");
    let whole = app.queues.first().and_then(|q| q.simulated.first()).expect("simulated");
    // M/M/1/51 at rho 1.5 drops about a third.
    assert!((whole.drop_share - 1.0 / 3.0).abs() < 0.03, "{}", whole.drop_share);
    assert!(report.end_to_end.ok_share < 0.75, "{}", report.end_to_end.ok_share);
}
