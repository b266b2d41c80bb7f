//! Properties of the flow engine over many random designs: conservation, Little's law,
//! no negative queue, utilisation within bounds, end-to-end success within bounds, and
//! determinism.

use proptest::prelude::*;
use scalelab_model::{Component, ComponentKind as K, Document, Link, Point, SCHEMA_VERSION, Traffic};
use scalelab_sim::run::{RunOptions, run};
use scalelab_sim::{Report, evaluate};

#[derive(Clone, Debug)]
struct Params {
    users: f64,
    services: usize,
    instances: f64,
    cores: f64,
    service_ms: f64,
    queue_limit: f64,
    policy: &'static str,
    with_cache: bool,
    cache_gib: f64,
    db_cores: f64,
    replicas: f64,
    shards: f64,
    with_queue: bool,
    workers: f64,
    retries: f64,
    timeout_ms: f64,
}

fn params() -> impl Strategy<Value = Params> {
    (
        (3.0..9.5f64, 1..4usize, 1.0..50.0f64, 1.0..16.0f64, 1.0..200.0f64, 0.0..5_000.0f64),
        (
            prop::sample::select(vec!["round_robin", "least_connections", "random", "consistent_hashing"]),
            any::<bool>(),
            0.01..100.0f64,
        ),
        (1.0..64.0f64, 0.0..4.0f64, 1.0..16.0f64, any::<bool>(), 1.0..500.0f64, 0.0..3.0f64, 5.0..30_000.0f64),
    )
        .prop_map(|(a, b, c)| Params {
            users: 10f64.powf(a.0),
            services: a.1,
            instances: a.2.round(),
            cores: a.3.round(),
            service_ms: a.4,
            queue_limit: a.5.round(),
            policy: b.0,
            with_cache: b.1,
            cache_gib: b.2,
            db_cores: c.0.round(),
            replicas: c.1.round(),
            shards: c.2.round(),
            with_queue: c.3,
            workers: c.4.round(),
            retries: c.5.round(),
            timeout_ms: c.6,
        })
}

fn design(p: &Params) -> Document {
    let at = |id: &str, kind| Component::new(id, kind, id, Point::default());
    let mut components = vec![at("users", K::Users), at("lb", K::LoadBalancer).with_choice("policy", p.policy)];
    let mut links = vec![Link::call("users", "lb")];
    let store = if p.with_cache { "cache" } else { "db" };
    for i in 0..p.services {
        let id = format!("app{i}");
        components.push(
            at(&id, K::Service)
                .with_param("instances", p.instances)
                .with_param("cores", p.cores)
                .with_param("service_time_ms", p.service_ms)
                .with_param("queue_limit", p.queue_limit),
        );
        links.push(Link::call("lb", &id));
        links.push(Link::call(&id, store).with_param("retries", p.retries).with_param("timeout_ms", p.timeout_ms));
        if p.with_queue {
            links.push(Link::publish(&id, "queue").with_param("calls_per_request", 0.1));
        }
    }
    if p.with_cache {
        components.push(at("cache", K::Cache).with_param("memory_gib", p.cache_gib));
        links.push(Link::call("cache", "db"));
    }
    components.push(
        at("db", K::Database)
            .with_param("cores", p.db_cores)
            .with_param("read_replicas", p.replicas)
            .with_param("shards", p.shards),
    );
    if p.with_queue {
        components.push(at("queue", K::Queue));
        components.push(at("workers", K::Worker).with_param("workers", p.workers));
        links.push(Link::call("queue", "workers"));
        links.push(Link::call("workers", "db"));
    }
    Document {
        schema_version: SCHEMA_VERSION,
        name: "random".into(),
        components,
        links,
        traffic: Traffic { users: p.users, ..Traffic::default() },
        scenario: Default::default(),
    }
}

fn check_report(report: &Report, steady: bool) -> Result<(), TestCaseError> {
    for c in &report.components {
        // In a run, what joined a backlog this step is in flight, not yet served.
        let accounted = c.served_rps + c.errors.dropped + c.errors.rate_limited;
        prop_assert!(
            !steady || (c.offered_rps - accounted).abs() <= 1e-6 * c.offered_rps.max(1.0),
            "{}: offered {} != served {} + dropped {} + limited {}",
            c.id,
            c.offered_rps,
            c.served_rps,
            c.errors.dropped,
            c.errors.rate_limited
        );
        prop_assert!(c.served_rps >= 0.0 && c.queue >= 0.0 && c.backlog >= 0.0, "{}: negative figure {c:?}", c.id);
        prop_assert!((0.0..=1.0).contains(&c.utilisation), "{}: utilisation {}", c.id, c.utilisation);
        prop_assert!(
            c.latency.mean_ms >= 0.0 && c.latency.p50_ms <= c.latency.p99_ms + 1e-9,
            "{}: {:?}",
            c.id,
            c.latency
        );
    }
    prop_assert!(report.good_rps <= report.entry_rps * (1.0 + 1e-9));
    prop_assert!((0.0..=1.0).contains(&report.error_rate));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn steady_states_conserve_requests_and_stay_in_bounds(p in params()) {
        let report = evaluate(&design(&p)).unwrap();
        check_report(&report, true)?;
    }

    #[test]
    fn littles_law_holds_at_stable_services(p in params()) {
        prop_assume!(p.policy != "consistent_hashing");
        let report = evaluate(&design(&p)).unwrap();
        for c in report.components.iter().filter(|c| c.kind == K::Service && !c.saturated && c.served_rps > 0.0) {
            // L = lambda W: requests waiting plus in service against throughput x time.
            let w = c.latency.mean_ms / 1000.0;
            let l = c.queue + c.in_service;
            prop_assert!(
                (l - c.served_rps * w).abs() <= 1e-6 * l.max(1e-3),
                "{}: L {} vs lambda W {} x {}", c.id, l, c.served_rps, w
            );
        }
    }

    #[test]
    fn the_same_design_gives_the_same_report(p in params()) {
        let doc = design(&p);
        let a = serde_json::to_string(&evaluate(&doc).unwrap()).unwrap();
        let b = serde_json::to_string(&evaluate(&doc.clone()).unwrap()).unwrap();
        prop_assert_eq!(a, b);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn runs_keep_time_moving_and_requests_accounted(p in params()) {
        let report = run(&design(&p), RunOptions { duration_s: 120.0, step_s: 1.0 }).unwrap();
        prop_assert!(report.samples.windows(2).all(|w| w[0].t_s < w[1].t_s));
        prop_assert!(report.good_requests <= report.requests * (1.0 + 1e-9));
        prop_assert!(report.samples.iter().all(|s| s.components.iter().all(|c| c.queue >= 0.0 && (0.0..=1.0).contains(&c.utilisation))));
        check_report(&report.last, false)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Both engines on random designs and seeds, with a crash in the middle of the run and
    /// a load step: in test builds every step checks the engines' invariants (conservation,
    /// no negative queue, bounds, time moving forward) and panics on a breach.
    #[test]
    fn both_engines_keep_their_invariants_on_random_designs_and_seeds(p in params(), seed in any::<u64>(), step in 1.0..4.0f64) {
        let mut doc = design(&p);
        doc.scenario.seed = seed;
        doc.traffic.shape = scalelab_model::Shape::Step { at_s: 40.0, factor: step };
        doc.scenario.failures.push(scalelab_model::Failure {
            component: scalelab_model::ComponentId::new("app0"),
            at_s: 30.0,
            duration_s: 30.0,
            kind: scalelab_model::FailureKind::Crash,
        });
        let report = run(&doc, RunOptions { duration_s: 120.0, step_s: 1.0 }).unwrap();
        prop_assert!(report.requests >= report.good_requests);
        let options = scalelab_sim::detail::DetailOptions {
            max_events: 100_000,
            paths: 5_000,
            ..scalelab_sim::detail::DetailOptions::for_document(&doc)
        };
        let detail = scalelab_sim::detail::detail(&doc, &options).unwrap();
        prop_assert!(detail.events <= 100_000);
        prop_assert!((0.0..=1.0).contains(&detail.end_to_end.ok_share));
    }
}
