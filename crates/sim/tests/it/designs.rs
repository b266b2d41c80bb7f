//! Designs the engine tests share, built in code so each test states what it changes.

use scalelab_model::{Component, ComponentKind as K, Document, Link, Point, SCHEMA_VERSION, Traffic};

fn at(id: &str, kind: K) -> Component {
    Component::new(id, kind, id, Point::new(0.0, 0.0))
}

/// Most of the journey in one design, sized so nothing saturates at its own traffic
/// (2M users, ~5K requests/s at the peak): users -> DNS -> CDN -> gateway -> load
/// balancer -> app; the app reads through a cache to a database, publishes jobs to a
/// queue drained by workers, calls an external API and object storage, and sends events
/// to an analytics sink, and calls a serverless function now and then.
pub fn journey() -> Document {
    Document {
        schema_version: SCHEMA_VERSION,
        name: "journey".into(),
        components: vec![
            at("users", K::Users),
            at("dns", K::Dns),
            at("cdn", K::Cdn),
            at("gw", K::ApiGateway),
            at("lb", K::LoadBalancer),
            at("app", K::Service).with_param("instances", 40.0),
            at("cache", K::Cache),
            at("db", K::Database),
            at("queue", K::Queue),
            at("worker", K::Worker).with_param("workers", 20.0),
            at("ext", K::ExternalApi),
            at("store", K::ObjectStorage),
            at("sink", K::AnalyticsSink).with_param("ingest_rps", 10_000.0),
            at("thumbs", K::Serverless),
        ],
        links: vec![
            Link::call("users", "dns"),
            Link::call("dns", "cdn"),
            Link::call("cdn", "gw"),
            Link::call("gw", "lb"),
            Link::call("lb", "app"),
            Link::call("app", "cache"),
            Link::call("cache", "db"),
            Link::publish("app", "queue").with_param("calls_per_request", 0.05),
            Link::call("queue", "worker"),
            Link::call("worker", "db"),
            Link::call("app", "ext").with_param("calls_per_request", 0.01),
            Link::call("app", "store").with_param("calls_per_request", 0.1),
            Link::publish("app", "sink"),
            Link::call("app", "thumbs").with_param("calls_per_request", 0.02),
        ],
        traffic: Traffic { users: 2e6, ..Traffic::default() },
        scenario: Default::default(),
    }
}

/// One service of `servers` cores with exponential service of `service_ms`, behind a
/// users component whose peak rate is exactly `rate_rps` (reads only).
pub fn single_station(rate_rps: f64, servers: f64, service_ms: f64, queue_limit: f64) -> Document {
    // users x 0.5 x 170 / 86,400 x 2.6 = rate
    let users = rate_rps / (0.5 * 170.0 / 86_400.0 * 2.6);
    Document {
        schema_version: SCHEMA_VERSION,
        name: "single station".into(),
        components: vec![
            at("users", K::Users)
                .with_param("write_weight", 0.0)
                .with_param("static_weight", 0.0)
                .with_param("rtt_ms", 0.0),
            at("server", K::Service)
                .with_param("cores", servers)
                .with_param("concurrency", servers)
                .with_param("service_time_ms", service_ms)
                .with_param("queue_limit", queue_limit),
        ],
        links: vec![Link::call("users", "server")],
        traffic: Traffic { users, ..Traffic::default() },
        scenario: Default::default(),
    }
}
