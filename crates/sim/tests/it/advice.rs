//! The advisor: on a design where a technique of the scaling journey is the right advice,
//! the sweep names that component, the resource that runs out and that technique; applying
//! it (one undoable action from the editor) moves the component's break point by at least
//! 2x, or past 10B users.

use scalelab_editor::advice;
use scalelab_model::{Component, ComponentKind as K, Document, Link, Point, SCHEMA_VERSION, Technique, Traffic};
use scalelab_sim::Plan;
use scalelab_sim::sweep::{BreakPoint, sweep};

const TOP: f64 = 1e10;

fn at(id: &str, kind: K) -> Component {
    Component::new(id, kind, id, Point::default())
}

fn design(components: Vec<Component>, links: Vec<Link>) -> Document {
    Document {
        schema_version: SCHEMA_VERSION,
        name: "advice".into(),
        components,
        links,
        traffic: Traffic { users: 1e4, ..Traffic::default() },
        scenario: Default::default(),
    }
}

fn breaks(doc: &Document) -> Vec<BreakPoint> {
    let plan = Plan::new(doc).expect("a valid design");
    sweep(&plan, 1e3, TOP, 61).expect("a valid range").breaks
}

/// users -> lb -> app -> db, with room everywhere; each case then makes one part tight.
fn base() -> (Vec<Component>, Vec<Link>) {
    (
        vec![
            at("users", K::Users),
            at("lb", K::LoadBalancer).with_param("nodes", 10_000.0),
            at("app", K::Service).with_param("instances", 100_000.0).with_param("concurrency", 100_000.0),
            at("db", K::Database)
                .with_param("cores", 512.0)
                .with_param("shards", 10_000.0)
                .with_param("max_connections", 1e6),
        ],
        vec![Link::call("users", "lb"), Link::call("lb", "app"), Link::call("app", "db")],
    )
}

fn tweak(components: &mut [Component], id: &str, key: &str, value: f64) {
    if let Some(c) = components.iter_mut().find(|c| c.id.as_str() == id) {
        *c = c.clone().with_param(key, value);
    }
}

/// The first break must be `component` by `technique`; applying it must move it.
fn advice_moves_the_break(doc: &Document, component: &str, technique: Technique) {
    let before = breaks(doc);
    let first = before.first().unwrap_or_else(|| panic!("{technique:?}: nothing breaks"));
    assert_eq!(
        (first.component.as_str(), first.technique),
        (component, technique),
        "{technique:?}: the first break is {} ({:?}, {:?}): {}",
        first.component,
        first.resource,
        first.technique,
        first.why
    );
    let (action, what) = advice::apply(doc, &first.component, first.technique).expect("the advice applies");
    let mut after = doc.clone();
    scalelab_editor::apply(&mut after, &action).unwrap_or_else(|e| panic!("{technique:?}: {e}"));
    scalelab_model::validate(&after).unwrap_or_else(|p| panic!("{technique:?}: {p:?}"));
    let moved = breaks(&after).into_iter().find(|b| b.component == first.component).map_or(TOP, |b| b.users);
    assert!(
        moved >= 2.0 * first.users,
        "{technique:?} ({what}): {} broke at {:.3e} users, after it at {moved:.3e}",
        first.component,
        first.users
    );
}

#[test]
fn horizontal_scaling_and_autoscaling_relieve_a_service() {
    let (mut c, l) = base();
    tweak(&mut c, "app", "instances", 1.0);
    advice_moves_the_break(&design(c, l), "app", Technique::HorizontalScaling);
    let (mut c, l) = base();
    tweak(&mut c, "app", "instances", 4.0);
    advice_moves_the_break(&design(c, l), "app", Technique::Autoscaling);
}

#[test]
fn a_cache_read_replicas_sharding_and_pooling_relieve_a_database() {
    let (mut c, l) = base();
    tweak(&mut c, "db", "shards", 1.0);
    tweak(&mut c, "db", "cores", 8.0);
    advice_moves_the_break(&design(c, l), "db", Technique::Cache);

    let (mut c, l) = base();
    tweak(&mut c, "db", "shards", 1.0);
    tweak(&mut c, "db", "cores", 8.0);
    tweak(&mut c, "db", "read_replicas", 1.0);
    advice_moves_the_break(&design(c, l), "db", Technique::ReadReplicas);

    let (mut c, l) = base();
    tweak(&mut c, "users", "write_weight", 0.9);
    tweak(&mut c, "users", "read_weight", 0.1);
    tweak(&mut c, "users", "static_weight", 0.0);
    tweak(&mut c, "db", "shards", 1.0);
    tweak(&mut c, "db", "cores", 8.0);
    advice_moves_the_break(&design(c, l), "db", Technique::Sharding);

    let (mut c, l) = base();
    tweak(&mut c, "db", "max_connections", 4.0);
    tweak(&mut c, "db", "query_time_ms", 50.0);
    advice_moves_the_break(&design(c, l), "db", Technique::ConnectionPooling);
}

#[test]
fn a_cdn_or_more_nodes_relieve_a_load_balancer() {
    let (mut c, l) = base();
    tweak(&mut c, "lb", "nodes", 1.0);
    tweak(&mut c, "users", "static_weight", 0.7);
    tweak(&mut c, "users", "read_weight", 0.25);
    advice_moves_the_break(&design(c, l), "lb", Technique::Cdn);
    let (mut c, l) = base();
    tweak(&mut c, "lb", "nodes", 1.0);
    advice_moves_the_break(&design(c, l), "lb", Technique::MoreLoadBalancers);
}

#[test]
fn slow_calls_go_behind_a_queue_or_become_non_blocking() {
    let (mut c, mut l) = base();
    tweak(&mut c, "app", "instances", 10.0);
    tweak(&mut c, "app", "concurrency", 8.0);
    c.push(at("ext", K::ExternalApi).with_param("latency_ms", 800.0).with_param("rate_limit_rps", 1e9));
    l.push(Link::call("app", "ext").with_param("timeout_ms", 60_000.0));
    advice_moves_the_break(&design(c, l), "app", Technique::QueueAndWorkers);

    let (mut c, l) = base();
    tweak(&mut c, "app", "instances", 10.0);
    tweak(&mut c, "app", "concurrency", 8.0);
    tweak(&mut c, "db", "query_time_ms", 400.0);
    advice_moves_the_break(&design(c, l), "app", Technique::AsyncCalls);
}

#[test]
fn queues_caches_gateways_dependencies_and_the_edge_have_their_cures() {
    // Workers that cannot keep up with a queue.
    let (c, mut l) = base();
    let mut c = c;
    c.push(at("jobs", K::Queue));
    c.push(at("workers", K::Worker).with_param("workers", 1.0).with_param("service_time_ms", 200.0));
    l.push(Link::publish("app", "jobs"));
    l.push(Link::call("jobs", "workers"));
    advice_moves_the_break(&design(c, l), "jobs", Technique::MoreWorkers);

    // A queue with too few partitions for its bytes.
    let (mut c, mut l) = base();
    c.push(at("jobs", K::Queue).with_param("partitions", 1.0).with_param("partition_mb_s", 0.01));
    c.push(at("workers", K::Worker).with_param("workers", 100_000.0));
    l.push(Link::publish("app", "jobs"));
    l.push(Link::call("jobs", "workers"));
    advice_moves_the_break(&design(c, l), "jobs", Technique::MorePartitions);

    // A gateway's rate limit.
    let (mut c, mut l) = base();
    c.push(at("gw", K::ApiGateway).with_param("rate_limit_rps", 500.0).with_param("instances", 1_000.0));
    l.retain(|link| link.from.as_str() != "users");
    l.push(Link::call("users", "gw"));
    l.push(Link::call("gw", "lb"));
    advice_moves_the_break(&design(c, l), "gw", Technique::RateLimitIncrease);

    // A cache node's operations.
    let (mut c, mut l) = base();
    c.push(at("cache", K::Cache).with_param("ops_per_node", 2_000.0));
    l.retain(|link| link.to.as_str() != "db");
    l.push(Link::call("app", "cache"));
    l.push(Link::call("cache", "db"));
    advice_moves_the_break(&design(c, l), "cache", Technique::CacheCluster);

    // Object storage's per-prefix limit.
    let (mut c, mut l) = base();
    c.push(at("store", K::ObjectStorage).with_param("get_rps_per_prefix", 200.0));
    l.push(Link::call("app", "store"));
    advice_moves_the_break(&design(c, l), "store", Technique::PrefixSpreading);

    // An analytics pipeline's ingest.
    let (mut c, mut l) = base();
    c.push(at("sink", K::AnalyticsSink).with_param("ingest_rps", 300.0));
    l.push(Link::publish("app", "sink"));
    advice_moves_the_break(&design(c, l), "sink", Technique::HorizontalScaling);

    // DNS in one region.
    let (mut c, mut l) = base();
    c.push(at("dns", K::Dns).with_param("max_qps", 50.0).with_param("ttl_s", 1.0));
    l.retain(|link| link.from.as_str() != "users");
    l.push(Link::call("users", "dns"));
    l.push(Link::call("dns", "lb"));
    advice_moves_the_break(&design(c, l), "dns", Technique::MultiRegion);
}
