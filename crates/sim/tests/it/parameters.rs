//! Every parameter moves the results the way a practitioner expects: each row of the
//! table changes one parameter of one component (or link) of a design and names the
//! figure that must rise or fall.

use scalelab_model::{Document, ParamValue};
use scalelab_sim::run::{RunOptions, RunReport, run};
use scalelab_sim::{Report, evaluate};

use crate::designs::journey;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Moves {
    Up,
    Down,
}

/// What a row changes: a component's parameter, or the parameter of the link `from -> to`.
enum Target {
    Component(&'static str),
    Link(&'static str, &'static str),
}

/// One parameter change and the figure it must move, read from the engine's output `R`
/// (a steady-state report, or a run's report).
struct Row<R = Report> {
    target: Target,
    key: &'static str,
    from: ParamValue,
    to: ParamValue,
    /// Changes to the design that make the parameter matter (e.g. load it up).
    setup: fn(&mut Document),
    metric: (&'static str, fn(&R) -> f64),
    moves: Moves,
}

fn n(v: f64) -> ParamValue {
    ParamValue::Number(v)
}

fn c(v: &str) -> ParamValue {
    ParamValue::Choice(v.to_owned())
}

fn set(doc: &mut Document, target: &Target, key: &str, value: &ParamValue) {
    match target {
        Target::Component(id) => {
            let component = doc.components.iter_mut().find(|c| c.id.as_str() == *id).expect(id);
            component.params.insert(key.to_owned(), value.clone());
        }
        Target::Link(from, to) => {
            let link =
                doc.links.iter_mut().find(|l| l.from.as_str() == *from && l.to.as_str() == *to).expect("link exists");
            link.params.insert(key.to_owned(), value.clone());
        }
    }
}

fn param(doc: &mut Document, id: &str, key: &str, value: f64) {
    set(doc, &Target::Component(leak(id)), key, &n(value));
}

fn leak(id: &str) -> &'static str {
    Box::leak(id.to_owned().into_boxed_str())
}

fn none(_: &mut Document) {}

fn comp<'r>(r: &'r Report, id: &str) -> &'r scalelab_sim::ComponentReport {
    r.component(id).expect(id)
}

macro_rules! metric {
    ($name:literal, $r:ident => $e:expr) => {
        ($name, |$r: &Report| $e)
    };
}

fn rows() -> Vec<Row> {
    use Moves::{Down, Up};
    use Target::{Component as C, Link as L};
    let row = |target, key, from, to, setup, metric, moves| Row { target, key, from, to, setup, metric, moves };
    vec![
        // Users: more demand per user means more requests everywhere.
        row(C("users"), "daily_active_share", n(0.3), n(0.7), none, metric!("entry rps", r => r.entry_rps), Up),
        row(
            C("users"),
            "requests_per_daily_user",
            n(100.0),
            n(300.0),
            none,
            metric!("entry rps", r => r.entry_rps),
            Up,
        ),
        row(C("users"), "peak_factor", n(1.5), n(4.0), none, metric!("entry rps", r => r.entry_rps), Up),
        row(C("users"), "rtt_ms", n(20.0), n(120.0), no_cdn, metric!("e2e mean", r => r.latency.mean_ms), Up),
        row(
            C("users"),
            "read_weight",
            n(0.5),
            n(0.95),
            none,
            metric!("cache load", r => comp(r, "cache").offered_rps),
            Up,
        ),
        row(
            C("users"),
            "write_weight",
            n(0.01),
            n(0.2),
            none,
            metric!("db storage", r => comp(r, "db").storage_gb_per_day),
            Up,
        ),
        row(
            C("users"),
            "static_weight",
            n(0.05),
            n(0.5),
            none,
            metric!("cdn egress cost", r => comp(r, "cdn").cost_usd_per_month),
            Up,
        ),
        row(C("users"), "read_response_kb", n(10.0), n(300.0), none, metric!("cost", r => r.cost_usd_per_month), Up),
        row(
            C("users"),
            "write_request_kb",
            n(1.0),
            n(400.0),
            none,
            metric!("store storage", r => comp(r, "store").storage_gb_per_day),
            Up,
        ),
        row(
            C("users"),
            "static_response_kb",
            n(50.0),
            n(500.0),
            none,
            metric!("cdn cost", r => comp(r, "cdn").cost_usd_per_month),
            Up,
        ),
        // DNS: a longer TTL means fewer lookups and less added latency.
        row(
            C("dns"),
            "ttl_s",
            n(10.0),
            n(3600.0),
            none,
            metric!("dns own latency", r => comp(r, "dns").latency.mean_ms),
            Down,
        ),
        row(C("dns"), "lookup_ms", n(5.0), n(200.0), none, metric!("e2e mean", r => r.latency.mean_ms), Up),
        row(C("dns"), "max_qps", n(1_000.0), n(1e6), none, metric!("dns load", r => comp(r, "dns").load), Down),
        // CDN.
        row(
            C("cdn"),
            "hit_ratio",
            n(0.5),
            n(0.99),
            none,
            metric!("gateway load", r => comp(r, "gw").offered_rps),
            Down,
        ),
        row(
            C("cdn"),
            "edge_latency_ms",
            n(5.0),
            n(80.0),
            none,
            metric!("static latency", r => r.classes[2].latency.mean_ms),
            Up,
        ),
        row(
            C("cdn"),
            "origin_rtt_ms",
            n(10.0),
            n(150.0),
            none,
            metric!("read latency", r => r.classes[0].latency.mean_ms),
            Up,
        ),
        row(C("cdn"), "max_rps", n(5_000.0), n(1e7), none, metric!("cdn load", r => comp(r, "cdn").load), Down),
        row(C("cdn"), "egress_usd_per_gb", n(0.02), n(0.2), none, metric!("cost", r => r.cost_usd_per_month), Up),
        // Load balancer.
        row(
            C("lb"),
            "policy",
            c("random"),
            c("round_robin"),
            hot_app,
            metric!("app latency", r => comp(r, "app").latency.mean_ms),
            Down,
        ),
        row(C("lb"), "max_rps", n(1_000.0), n(100_000.0), none, metric!("lb load", r => comp(r, "lb").load), Down),
        row(C("lb"), "nodes", n(1.0), n(4.0), none, metric!("lb load", r => comp(r, "lb").load), Down),
        row(C("lb"), "hot_key_share", n(0.0), n(0.3), hashed_lb, metric!("app load", r => comp(r, "app").load), Up),
        row(
            C("lb"),
            "virtual_nodes",
            n(1.0),
            n(1_000.0),
            hashed_lb,
            metric!("app load", r => comp(r, "app").load),
            Down,
        ),
        row(C("lb"), "cost_usd_per_hour", n(0.01), n(1.0), none, metric!("cost", r => r.cost_usd_per_month), Up),
        // Gateway.
        row(
            C("gw"),
            "rate_limit_rps",
            n(1_000.0),
            n(50_000.0),
            none,
            metric!("429s", r => comp(r, "gw").errors.rate_limited),
            Down,
        ),
        row(C("gw"), "tls_cpu_ms", n(0.0), n(2.0), none, metric!("gateway load", r => comp(r, "gw").load), Up),
        row(C("gw"), "auth_cpu_ms", n(0.0), n(2.0), none, metric!("gateway load", r => comp(r, "gw").load), Up),
        row(C("gw"), "base_cpu_ms", n(0.05), n(2.0), none, metric!("gateway load", r => comp(r, "gw").load), Up),
        row(
            C("gw"),
            "instances",
            n(1.0),
            n(8.0),
            heavy_gateway,
            metric!("gateway load", r => comp(r, "gw").load),
            Down,
        ),
        row(C("gw"), "cores", n(1.0), n(16.0), heavy_gateway, metric!("gateway load", r => comp(r, "gw").load), Down),
        row(C("gw"), "cost_usd_per_hour", n(0.1), n(1.0), none, metric!("cost", r => r.cost_usd_per_month), Up),
        // Service.
        row(C("app"), "instances", n(20.0), n(80.0), none, metric!("app load", r => comp(r, "app").load), Down),
        row(C("app"), "cores", n(2.0), n(16.0), none, metric!("app load", r => comp(r, "app").load), Down),
        row(C("app"), "service_time_ms", n(5.0), n(30.0), none, metric!("app load", r => comp(r, "app").load), Up),
        row(
            C("app"),
            "service_time_cv",
            n(0.2),
            n(3.0),
            hot_app,
            metric!("app latency", r => comp(r, "app").latency.mean_ms),
            Up,
        ),
        row(C("app"), "concurrency", n(2.0), n(64.0), slow_db, metric!("app load", r => comp(r, "app").load), Down),
        row(
            C("app"),
            "queue_limit",
            n(5.0),
            n(10_000.0),
            overloaded_app,
            metric!("app drops", r => comp(r, "app").errors.dropped),
            Down,
        ),
        row(
            C("app"),
            "fanout",
            c("sequential"),
            c("parallel"),
            parallel_calls,
            metric!("read latency", r => r.classes[0].latency.mean_ms),
            Down,
        ),
        row(
            C("app"),
            "autoscaling",
            c("off"),
            c("on"),
            overloaded_app,
            metric!("app load", r => comp(r, "app").load),
            Down,
        ),
        row(
            C("app"),
            "min_instances",
            n(1.0),
            n(100.0),
            autoscaled,
            metric!("app instances", r => comp(r, "app").instances),
            Up,
        ),
        row(
            C("app"),
            "max_instances",
            n(10.0),
            n(500.0),
            overloaded_autoscaled,
            metric!("app load", r => comp(r, "app").load),
            Down,
        ),
        row(
            C("app"),
            "target_utilisation",
            n(0.3),
            n(0.9),
            autoscaled,
            metric!("app instances", r => comp(r, "app").instances),
            Down,
        ),
        row(C("app"), "cost_usd_per_hour", n(0.1), n(1.0), none, metric!("cost", r => r.cost_usd_per_month), Up),
        // Cache.
        row(
            C("cache"),
            "hit_ratio_mode",
            c("derived"),
            c("fixed"),
            tiny_cache,
            metric!("db load", r => comp(r, "db").load),
            Down,
        ),
        row(C("cache"), "hit_ratio", n(0.2), n(0.95), fixed_cache, metric!("db load", r => comp(r, "db").load), Down),
        row(
            C("cache"),
            "memory_gib",
            n(0.1),
            n(16.0),
            none,
            metric!("hit ratio", r => comp(r, "cache").hit_ratio.unwrap_or(0.0)),
            Up,
        ),
        row(
            C("cache"),
            "key_space",
            n(1e6),
            n(1e9),
            none,
            metric!("hit ratio", r => comp(r, "cache").hit_ratio.unwrap_or(0.0)),
            Down,
        ),
        row(
            C("cache"),
            "item_kb",
            n(0.5),
            n(20.0),
            none,
            metric!("hit ratio", r => comp(r, "cache").hit_ratio.unwrap_or(0.0)),
            Down,
        ),
        row(
            C("cache"),
            "zipf_s",
            n(0.5),
            n(1.2),
            none,
            metric!("hit ratio", r => comp(r, "cache").hit_ratio.unwrap_or(0.0)),
            Up,
        ),
        row(C("cache"), "nodes", n(1.0), n(4.0), none, metric!("cache load", r => comp(r, "cache").load), Down),
        row(
            C("cache"),
            "ops_per_node",
            n(10_000.0),
            n(200_000.0),
            none,
            metric!("cache load", r => comp(r, "cache").load),
            Down,
        ),
        row(
            C("cache"),
            "latency_ms",
            n(0.1),
            n(5.0),
            none,
            metric!("read latency", r => r.classes[0].latency.mean_ms),
            Up,
        ),
        row(C("cache"), "cost_usd_per_hour", n(0.1), n(1.0), none, metric!("cost", r => r.cost_usd_per_month), Up),
        // Database.
        row(C("db"), "cores", n(2.0), n(32.0), none, metric!("db load", r => comp(r, "db").load), Down),
        row(C("db"), "query_time_ms", n(1.0), n(10.0), none, metric!("db load", r => comp(r, "db").load), Up),
        row(C("db"), "write_time_ms", n(1.0), n(40.0), none, metric!("db load", r => comp(r, "db").load), Up),
        row(
            C("db"),
            "max_connections",
            n(2.0),
            n(500.0),
            none,
            metric!("db drops", r => comp(r, "db").errors.dropped),
            Down,
        ),
        row(
            C("db"),
            "read_replicas",
            n(0.0),
            n(3.0),
            busy_db,
            metric!("read latency", r => r.classes[0].latency.mean_ms),
            Down,
        ),
        row(
            C("db"),
            "replication_lag_ms",
            n(10.0),
            n(2_000.0),
            replicated_db,
            metric!("db lag", r => comp(r, "db").lag_s),
            Up,
        ),
        row(C("db"), "shards", n(1.0), n(4.0), write_heavy_db, metric!("db load", r => comp(r, "db").load), Down),
        row(
            C("db"),
            "partitioning",
            c("hash"),
            c("range"),
            sharded_db,
            metric!("db load", r => comp(r, "db").load),
            Up,
        ),
        row(C("db"), "hot_key_share", n(0.0), n(0.5), sharded_db, metric!("db load", r => comp(r, "db").load), Up),
        row(C("db"), "row_kb", n(0.5), n(10.0), none, metric!("db storage", r => comp(r, "db").storage_gb_per_day), Up),
        row(C("db"), "cost_usd_per_hour", n(0.5), n(5.0), none, metric!("cost", r => r.cost_usd_per_month), Up),
        // Object storage.
        row(
            C("store"),
            "prefixes",
            n(1.0),
            n(10.0),
            slow_store,
            metric!("store 503s", r => comp(r, "store").errors.rate_limited),
            Down,
        ),
        row(
            C("store"),
            "get_rps_per_prefix",
            n(50.0),
            n(5_500.0),
            hot_store,
            metric!("store load", r => comp(r, "store").load),
            Down,
        ),
        row(
            C("store"),
            "put_rps_per_prefix",
            n(5.0),
            n(3_500.0),
            hot_store,
            metric!("store load", r => comp(r, "store").load),
            Down,
        ),
        row(
            C("store"),
            "latency_ms",
            n(5.0),
            n(200.0),
            none,
            metric!("read latency", r => r.classes[0].latency.mean_ms),
            Up,
        ),
        // Queue and workers.
        row(
            C("queue"),
            "partitions",
            n(1.0),
            n(48.0),
            busy_queue,
            metric!("queue load", r => comp(r, "queue").load),
            Down,
        ),
        row(
            C("queue"),
            "partition_mb_s",
            n(0.1),
            n(50.0),
            busy_queue,
            metric!("queue load", r => comp(r, "queue").load),
            Down,
        ),
        row(
            C("queue"),
            "message_kb",
            n(0.5),
            n(200.0),
            busy_queue,
            metric!("queue load", r => comp(r, "queue").load),
            Up,
        ),
        row(
            C("queue"),
            "publish_ms",
            n(1.0),
            n(50.0),
            none,
            metric!("read latency", r => r.classes[0].latency.mean_ms),
            Up,
        ),
        row(
            C("queue"),
            "retention_hours",
            n(1.0),
            n(720.0),
            none,
            metric!("queue volume", r => comp(r, "queue").stored_gb),
            Up,
        ),
        row(
            C("queue"),
            "max_backlog",
            n(1_000.0),
            n(1e6),
            slow_consumers,
            metric!("queue lag", r => comp(r, "queue").lag_s),
            Up,
        ),
        row(C("worker"), "workers", n(2.0), n(40.0), none, metric!("worker load", r => comp(r, "worker").load), Down),
        row(
            C("worker"),
            "service_time_ms",
            n(10.0),
            n(80.0),
            none,
            metric!("worker load", r => comp(r, "worker").load),
            Up,
        ),
        row(
            C("worker"),
            "service_time_cv",
            n(0.1),
            n(3.0),
            none,
            metric!("worker p99", r => comp(r, "worker").latency.p99_ms),
            Up,
        ),
        row(C("worker"), "cost_usd_per_hour", n(0.01), n(1.0), none, metric!("cost", r => r.cost_usd_per_month), Up),
        // External API and analytics.
        row(
            C("ext"),
            "latency_ms",
            n(20.0),
            n(800.0),
            none,
            metric!("read latency", r => r.classes[0].latency.mean_ms),
            Up,
        ),
        row(C("ext"), "failure_rate", n(0.0), n(0.2), none, metric!("error rate", r => r.error_rate), Up),
        row(
            C("ext"),
            "rate_limit_rps",
            n(5.0),
            n(1_000.0),
            none,
            metric!("ext 429s", r => comp(r, "ext").errors.rate_limited),
            Down,
        ),
        row(C("ext"), "usd_per_thousand", n(0.0), n(1.0), none, metric!("cost", r => r.cost_usd_per_month), Up),
        row(
            C("sink"),
            "ingest_rps",
            n(1_000.0),
            n(100_000.0),
            none,
            metric!("sink drops", r => comp(r, "sink").errors.dropped),
            Down,
        ),
        row(C("sink"), "processing_lag_s", n(1.0), n(600.0), none, metric!("sink lag", r => comp(r, "sink").lag_s), Up),
        // Links: the service-mesh features and the network.
        row(
            L("app", "cache"),
            "network",
            c("same_zone"),
            c("cross_region"),
            none,
            metric!("read latency", r => r.classes[0].latency.mean_ms),
            Up,
        ),
        row(
            L("app", "cache"),
            "bandwidth_gbps",
            n(0.01),
            n(100.0),
            none,
            metric!("cache load", r => comp(r, "cache").offered_rps),
            Up,
        ),
        row(
            L("app", "store"),
            "calls_per_request",
            n(0.01),
            n(1.0),
            none,
            metric!("store load", r => comp(r, "store").load),
            Up,
        ),
        row(L("lb", "app"), "timeout_ms", n(5.0), n(30_000.0), none, metric!("gw timeouts", r => timeouts(r)), Down),
        row(
            L("app", "ext"),
            "retries",
            n(0.0),
            n(3.0),
            flaky_ext,
            metric!("ext load", r => comp(r, "ext").offered_rps),
            Up,
        ),
        row(
            L("app", "ext"),
            "backoff_ms",
            n(10.0),
            n(1_000.0),
            retried_flaky_ext,
            metric!("read latency", r => r.classes[0].latency.mean_ms),
            Up,
        ),
        row(
            L("app", "ext"),
            "circuit_breaker",
            c("off"),
            c("on"),
            dead_ext,
            metric!("ext load", r => comp(r, "ext").offered_rps),
            Down,
        ),
        row(
            L("app", "ext"),
            "breaker_error_threshold",
            n(0.9),
            n(0.1),
            breaker_ext,
            metric!("ext load", r => comp(r, "ext").offered_rps),
            Down,
        ),
        row(L("app", "cache"), "mtls", c("off"), c("on"), none, metric!("cache load", r => comp(r, "cache").load), Up),
        row(
            L("split", "store"),
            "weight",
            n(1.0),
            n(5.0),
            split_design,
            metric!("canary load", r => comp(r, "canary").offered_rps),
            Down,
        ),
        // Serverless.
        row(
            C("thumbs"),
            "concurrency_limit",
            n(2.0),
            n(1_000.0),
            none,
            metric!("fn 429s", r => comp(r, "thumbs").errors.rate_limited),
            Down,
        ),
        row(C("thumbs"), "duration_ms", n(10.0), n(400.0), none, metric!("fn load", r => comp(r, "thumbs").load), Up),
        row(
            C("thumbs"),
            "cold_start_share",
            n(0.0),
            n(0.5),
            none,
            metric!("fn latency", r => comp(r, "thumbs").latency.mean_ms),
            Up,
        ),
        row(
            C("thumbs"),
            "cold_start_ms",
            n(50.0),
            n(2_000.0),
            none,
            metric!("fn latency", r => comp(r, "thumbs").latency.mean_ms),
            Up,
        ),
        row(
            C("thumbs"),
            "memory_mb",
            n(128.0),
            n(4_096.0),
            none,
            metric!("fn cost", r => comp(r, "thumbs").cost_usd_per_month),
            Up,
        ),
        row(
            C("thumbs"),
            "usd_per_million",
            n(0.0),
            n(2.0),
            none,
            metric!("fn cost", r => comp(r, "thumbs").cost_usd_per_month),
            Up,
        ),
        row(
            C("thumbs"),
            "usd_per_gb_s",
            n(0.0),
            n(0.001),
            none,
            metric!("fn cost", r => comp(r, "thumbs").cost_usd_per_month),
            Up,
        ),
        // Storage price and regions.
        row(
            C("store"),
            "usd_per_gb_month",
            n(0.0),
            n(0.1),
            none,
            metric!("store cost", r => comp(r, "store").cost_usd_per_month),
            Up,
        ),
        row(
            C("far"),
            "inter_region_latency_ms",
            n(10.0),
            n(200.0),
            two_regions,
            metric!("read latency", r => r.classes[0].latency.mean_ms),
            Up,
        ),
    ]
}

fn timeouts(r: &Report) -> f64 {
    r.components.iter().map(|c| c.errors.timed_out).sum()
}

fn hot_app(doc: &mut Document) {
    param(doc, "app", "instances", 24.0);
}
fn overloaded_app(doc: &mut Document) {
    param(doc, "app", "instances", 4.0);
}
fn autoscaled(doc: &mut Document) {
    set(doc, &Target::Component("app"), "autoscaling", &c("on"));
    param(doc, "app", "max_instances", 500.0);
}
fn overloaded_autoscaled(doc: &mut Document) {
    set(doc, &Target::Component("app"), "autoscaling", &c("on"));
    param(doc, "app", "service_time_ms", 200.0);
}
fn slow_db(doc: &mut Document) {
    param(doc, "db", "query_time_ms", 12.0);
    param(doc, "db", "cores", 64.0);
}
fn heavy_gateway(doc: &mut Document) {
    param(doc, "gw", "base_cpu_ms", 1.0);
}
fn hashed_lb(doc: &mut Document) {
    set(doc, &Target::Component("lb"), "policy", &c("consistent_hashing"));
}
fn tiny_cache(doc: &mut Document) {
    param(doc, "cache", "memory_gib", 0.01);
}
fn fixed_cache(doc: &mut Document) {
    set(doc, &Target::Component("cache"), "hit_ratio_mode", &c("fixed"));
}
fn busy_db(doc: &mut Document) {
    tiny_cache(doc);
}
fn replicated_db(doc: &mut Document) {
    param(doc, "db", "read_replicas", 2.0);
}
fn write_heavy_db(doc: &mut Document) {
    param(doc, "users", "write_weight", 0.3);
}
fn sharded_db(doc: &mut Document) {
    write_heavy_db(doc);
    param(doc, "db", "shards", 4.0);
}
fn hot_store(doc: &mut Document) {
    set(doc, &Target::Link("app", "store"), "calls_per_request", &n(1.0));
}
fn no_cdn(doc: &mut Document) {
    doc.components.retain(|c| c.id.as_str() != "cdn");
    doc.links.retain(|l| l.from.as_str() != "cdn" && l.to.as_str() != "cdn");
    doc.links.push(scalelab_model::Link::call("dns", "gw"));
}
fn parallel_calls(doc: &mut Document) {
    set(doc, &Target::Link("app", "store"), "calls_per_request", &n(1.0));
}
fn slow_store(doc: &mut Document) {
    hot_store(doc);
    param(doc, "store", "get_rps_per_prefix", 1_000.0);
}
fn slow_consumers(doc: &mut Document) {
    param(doc, "worker", "workers", 2.0);
}
fn busy_queue(doc: &mut Document) {
    set(doc, &Target::Link("app", "queue"), "calls_per_request", &n(1.0));
    param(doc, "worker", "workers", 1_000.0);
}
fn flaky_ext(doc: &mut Document) {
    param(doc, "ext", "failure_rate", 0.3);
}
fn retried_flaky_ext(doc: &mut Document) {
    flaky_ext(doc);
    set(doc, &Target::Link("app", "ext"), "retries", &n(3.0));
}
fn dead_ext(doc: &mut Document) {
    param(doc, "ext", "failure_rate", 0.9);
    set(doc, &Target::Link("app", "ext"), "retries", &n(2.0));
}
fn breaker_ext(doc: &mut Document) {
    dead_ext(doc);
    param(doc, "ext", "failure_rate", 0.5);
    set(doc, &Target::Link("app", "ext"), "circuit_breaker", &c("on"));
}
/// A traffic split in front of the store: the store link and a canary service share it.
fn split_design(doc: &mut Document) {
    use scalelab_model::{Component, ComponentKind, Link, Point};
    doc.components.push(Component::new("split", ComponentKind::TrafficSplit, "split", Point::default()));
    doc.components.push(Component::new("canary", ComponentKind::Service, "canary", Point::default()));
    doc.links.retain(|l| !(l.from.as_str() == "app" && l.to.as_str() == "store"));
    doc.links.push(Link::call("app", "split"));
    doc.links.push(Link::call("split", "store"));
    doc.links.push(Link::call("split", "canary"));
}

/// The app in one region and its cache in another.
fn two_regions(doc: &mut Document) {
    use scalelab_model::{Component, ComponentId, ComponentKind, Point};
    doc.components.push(Component::new("near", ComponentKind::Region, "near", Point::default()));
    doc.components.push(
        Component::new("far", ComponentKind::Region, "far", Point::default())
            .with_param("inter_region_latency_ms", 10.0),
    );
    for (id, region) in [("app", "near"), ("cache", "far")] {
        if let Some(c) = doc.components.iter_mut().find(|c| c.id.as_str() == id) {
            c.parent = Some(ComponentId::new(region));
        }
    }
}

/// Parameters that act over time (health checks, token-bucket bursts, autoscaling
/// delays) need a run rather than the steady state.
type RunRow = Row<RunReport>;

fn failed_requests(r: &RunReport) -> f64 {
    r.requests - r.good_requests
}

fn run_rows() -> Vec<RunRow> {
    use Moves::Up;
    use Target::Component as C;
    let row = |target, key, from, to, setup, metric, moves| RunRow { target, key, from, to, setup, metric, moves };
    let failed: (&'static str, fn(&RunReport) -> f64) = ("failed requests", failed_requests);
    vec![
        row(C("lb"), "health_check_interval_s", n(5.0), n(60.0), app_crash, failed, Up),
        row(C("lb"), "unhealthy_threshold", n(1.0), n(5.0), app_crash, failed, Up),
        row(
            C("gw"),
            "burst",
            n(1.0),
            n(100_000.0),
            short_spike,
            ("429s", |r: &RunReport| r.errors.rate_limited),
            Moves::Down,
        ),
        row(C("app"), "scale_delay_s", n(10.0), n(300.0), ramp_autoscaled, failed, Up),
        row(C("app"), "cooldown_s", n(10.0), n(400.0), ramp_autoscaled, failed, Up),
    ]
}

/// Two app servers behind the load balancer; the first crashes at 10 s for five minutes.
fn app_crash(doc: &mut Document) {
    use scalelab_model::{Component, ComponentId, ComponentKind, Failure, FailureKind, Link, Point};
    doc.components
        .push(Component::new("app2", ComponentKind::Service, "app2", Point::default()).with_param("instances", 40.0));
    doc.links.push(Link::call("lb", "app2"));
    doc.links.push(Link::call("app2", "cache"));
    doc.scenario.failures.push(Failure {
        component: ComponentId::new("app"),
        at_s: 10.0,
        duration_s: 300.0,
        kind: FailureKind::Crash,
    });
}

/// Three times the traffic for two seconds: over the gateway's rate.
fn short_spike(doc: &mut Document) {
    doc.traffic.shape = scalelab_model::Shape::Spike { at_s: 10.0, duration_s: 2.0, factor: 3.0 };
}

/// An autoscaled app that starts small while the traffic ramps up to three times.
fn ramp_autoscaled(doc: &mut Document) {
    autoscaled(doc);
    param(doc, "app", "instances", 10.0);
    doc.traffic.shape = scalelab_model::Shape::Ramp { from: 0.5, to: 3.0, duration_s: 400.0 };
}

/// Runs every row (the design with the parameter at `from` and at `to`) and returns a
/// line for each row whose figure did not move the expected way.
fn failures<R>(rows: Vec<Row<R>>, engine: impl Fn(&Document) -> R) -> Vec<String> {
    let mut failures = Vec::new();
    for row in rows {
        let mut base = journey();
        (row.setup)(&mut base);
        let mut low = base.clone();
        let mut high = base;
        set(&mut low, &row.target, row.key, &row.from);
        set(&mut high, &row.target, row.key, &row.to);
        let (name, metric) = row.metric;
        let (a, b) = (metric(&engine(&low)), metric(&engine(&high)));
        let ok = match row.moves {
            Moves::Up => b > a,
            Moves::Down => b < a,
        };
        if !ok {
            failures.push(format!(
                "{} {:?} -> {:?}: {name} went {a} -> {b}, expected {:?}",
                row.key, row.from, row.to, row.moves
            ));
        }
    }
    failures
}

#[test]
fn every_time_parameter_moves_its_figure_over_a_run() {
    let options = RunOptions { duration_s: 600.0, step_s: 1.0 };
    let failed = failures(run_rows(), |doc| run(doc, options).unwrap());
    assert!(failed.is_empty(), "{} row(s) failed:\n{}", failed.len(), failed.join("\n"));
}

fn evaluate_ok(doc: &Document) -> Report {
    evaluate(doc).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_parameter_moves_its_figure_the_expected_way() {
    let failed = failures(rows(), evaluate_ok);
    assert!(failed.is_empty(), "{} row(s) failed:\n{}", failed.len(), failed.join("\n"));
}

#[test]
fn the_table_covers_every_parameter_of_every_kind() {
    use std::collections::BTreeSet;
    let mut covered: BTreeSet<(String, &str)> = BTreeSet::new();
    for row in rows() {
        let mut doc = journey();
        (row.setup)(&mut doc);
        let owner = match row.target {
            Target::Component(id) => {
                doc.components.iter().find(|c| c.id.as_str() == id).expect(id).kind.name().to_owned()
            }
            Target::Link(..) => "link".to_owned(),
        };
        covered.insert((owner, row.key));
    }
    for row in run_rows() {
        let mut doc = journey();
        (row.setup)(&mut doc);
        if let Target::Component(id) = row.target {
            covered.insert((
                doc.components.iter().find(|c| c.id.as_str() == id).expect(id).kind.name().to_owned(),
                row.key,
            ));
        }
    }
    let mut missing = Vec::new();
    for kind in scalelab_model::ComponentKind::ALL {
        for spec in kind.params() {
            if !covered.contains(&(kind.name().to_owned(), spec.key)) {
                missing.push(format!("{}.{}", kind.name(), spec.key));
            }
        }
    }
    for spec in scalelab_model::link_params() {
        if !covered.contains(&("link".to_owned(), spec.key)) {
            missing.push(format!("link.{}", spec.key));
        }
    }
    assert!(missing.is_empty(), "no row for {missing:?}");
}
