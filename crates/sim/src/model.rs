//! Each component kind's parameters, resolved from the document's table into typed
//! numbers in SI units (seconds, bytes, requests per second).

use scalelab_model::{Component, ComponentKind};

const KB: f64 = 1024.0;
const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

fn ms(c: &Component, key: &str) -> f64 {
    c.param(key) / 1000.0
}

fn count(c: &Component, key: &str) -> u32 {
    c.param(key).max(0.0).min(f64::from(u32::MAX)) as u32
}

fn on(c: &Component, key: &str) -> bool {
    c.choice(key) == "on"
}

#[derive(Clone, Debug, PartialEq)]
pub struct Users {
    pub daily_active_share: f64,
    pub requests_per_daily_user: f64,
    pub peak_factor: f64,
    /// Normalised shares of read, write and static requests.
    pub mix: [f64; 3],
    pub rtt_s: f64,
    /// Bytes moved per request of each class (request and response together).
    pub bytes: [f64; 3],
}

#[derive(Clone, Debug, PartialEq)]
pub struct Dns {
    pub ttl_s: f64,
    pub lookup_s: f64,
    pub max_qps: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cdn {
    pub hit_ratio: f64,
    pub edge_rtt_s: f64,
    pub origin_rtt_s: f64,
    pub max_rps: f64,
    pub egress_usd_per_gb: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    RoundRobin,
    LeastConnections,
    Random,
    Weighted,
    ConsistentHashing,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LoadBalancer {
    pub policy: Policy,
    /// Requests/s all nodes together proxy.
    pub max_rps: f64,
    pub nodes: f64,
    /// Time to notice a dead target: interval x threshold.
    pub detection_s: f64,
    pub hot_key_share: f64,
    pub virtual_nodes: u32,
    pub usd_per_hour: f64,
    /// With consistent hashing: the busiest instance's share over the mean, computed once
    /// per design from the targets' instances.
    pub ring_imbalance: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Gateway {
    pub rate_limit_rps: f64,
    pub burst: f64,
    /// CPU seconds per request: routing, TLS and auth together.
    pub cpu_s: f64,
    pub instances: u32,
    pub cores: u32,
    pub usd_per_hour: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub instances: u32,
    pub cores: u32,
    pub service_s: f64,
    pub service_scv: f64,
    pub concurrency: u32,
    pub queue_limit: u32,
    pub parallel_fanout: bool,
    pub autoscaling: bool,
    pub min_instances: u32,
    pub max_instances: u32,
    pub target_utilisation: f64,
    pub scale_delay_s: f64,
    pub cooldown_s: f64,
    pub usd_per_hour: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Serverless {
    pub concurrency_limit: f64,
    pub duration_s: f64,
    pub cold_start_share: f64,
    pub cold_start_s: f64,
    pub memory_gb: f64,
    pub usd_per_call: f64,
    pub usd_per_gb_s: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Worker {
    pub workers: u32,
    pub service_s: f64,
    pub service_scv: f64,
    pub usd_per_hour: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cache {
    /// The hit ratio when warm: as set, or derived once from size and skew (Che).
    pub hit_ratio: f64,
    /// Whether the hit ratio is derived rather than set.
    pub derived: bool,
    pub capacity_items: f64,
    pub key_space: f64,
    pub zipf_s: f64,
    pub nodes: u32,
    pub ops_per_node: f64,
    pub latency_s: f64,
    pub usd_per_hour: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Partitioning {
    Hash,
    Range,
    ConsistentHashing,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Database {
    pub cores: u32,
    pub read_s: f64,
    pub write_s: f64,
    pub max_connections: f64,
    pub replicas: u32,
    pub replication_lag_s: f64,
    pub shards: u32,
    pub partitioning: Partitioning,
    pub hot_key_share: f64,
    pub row_bytes: f64,
    pub usd_per_hour: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ObjectStorage {
    pub prefixes: f64,
    pub get_rps_per_prefix: f64,
    pub put_rps_per_prefix: f64,
    pub latency_s: f64,
    pub usd_per_gb_month: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Queue {
    pub partitions: f64,
    pub partition_bytes_s: f64,
    pub message_bytes: f64,
    pub publish_s: f64,
    pub retention_s: f64,
    pub max_backlog: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExternalApi {
    pub latency_s: f64,
    pub failure_rate: f64,
    pub rate_limit_rps: f64,
    pub usd_per_call: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AnalyticsSink {
    pub ingest_rps: f64,
    pub processing_lag_s: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub inter_region_rtt_s: f64,
}

/// A component's resolved parameters.
#[derive(Clone, Debug, PartialEq)]
pub enum Model {
    Users(Users),
    Dns(Dns),
    Cdn(Cdn),
    LoadBalancer(LoadBalancer),
    Gateway(Gateway),
    Service(Service),
    Serverless(Serverless),
    TrafficSplit,
    Cache(Cache),
    Database(Database),
    ObjectStorage(ObjectStorage),
    Queue(Queue),
    Worker(Worker),
    ExternalApi(ExternalApi),
    AnalyticsSink(AnalyticsSink),
    Region(Region),
    Zone,
}

impl Model {
    pub fn new(c: &Component) -> Self {
        match c.kind {
            ComponentKind::Users => Self::Users(users(c)),
            ComponentKind::Dns => {
                Self::Dns(Dns { ttl_s: c.param("ttl_s"), lookup_s: ms(c, "lookup_ms"), max_qps: c.param("max_qps") })
            }
            ComponentKind::Cdn => Self::Cdn(Cdn {
                hit_ratio: c.param("hit_ratio"),
                edge_rtt_s: ms(c, "edge_latency_ms"),
                origin_rtt_s: ms(c, "origin_rtt_ms"),
                max_rps: c.param("max_rps"),
                egress_usd_per_gb: c.param("egress_usd_per_gb"),
            }),
            ComponentKind::LoadBalancer => Self::LoadBalancer(load_balancer(c)),
            ComponentKind::ApiGateway => Self::Gateway(Gateway {
                rate_limit_rps: c.param("rate_limit_rps"),
                burst: c.param("burst"),
                cpu_s: ms(c, "base_cpu_ms") + ms(c, "tls_cpu_ms") + ms(c, "auth_cpu_ms"),
                instances: count(c, "instances").max(1),
                cores: count(c, "cores").max(1),
                usd_per_hour: c.param("cost_usd_per_hour"),
            }),
            ComponentKind::Service => Self::Service(service(c)),
            ComponentKind::Serverless => Self::Serverless(Serverless {
                concurrency_limit: c.param("concurrency_limit"),
                duration_s: ms(c, "duration_ms"),
                cold_start_share: c.param("cold_start_share"),
                cold_start_s: ms(c, "cold_start_ms"),
                memory_gb: c.param("memory_mb") / 1024.0,
                usd_per_call: c.param("usd_per_million") / 1e6,
                usd_per_gb_s: c.param("usd_per_gb_s"),
            }),
            ComponentKind::TrafficSplit => Self::TrafficSplit,
            ComponentKind::Cache => Self::Cache(cache(c)),
            ComponentKind::Database => Self::Database(database(c)),
            ComponentKind::ObjectStorage => Self::ObjectStorage(ObjectStorage {
                prefixes: c.param("prefixes"),
                get_rps_per_prefix: c.param("get_rps_per_prefix"),
                put_rps_per_prefix: c.param("put_rps_per_prefix"),
                latency_s: ms(c, "latency_ms"),
                usd_per_gb_month: c.param("usd_per_gb_month"),
            }),
            ComponentKind::Queue => Self::Queue(Queue {
                partitions: c.param("partitions"),
                partition_bytes_s: c.param("partition_mb_s") * KB * KB,
                message_bytes: c.param("message_kb") * KB,
                publish_s: ms(c, "publish_ms"),
                retention_s: c.param("retention_hours") * 3600.0,
                max_backlog: c.param("max_backlog"),
            }),
            ComponentKind::Worker => Self::Worker(Worker {
                workers: count(c, "workers").max(1),
                service_s: ms(c, "service_time_ms"),
                service_scv: c.param("service_time_cv").powi(2),
                usd_per_hour: c.param("cost_usd_per_hour"),
            }),
            ComponentKind::ExternalApi => Self::ExternalApi(ExternalApi {
                latency_s: ms(c, "latency_ms"),
                failure_rate: c.param("failure_rate"),
                rate_limit_rps: c.param("rate_limit_rps"),
                usd_per_call: c.param("usd_per_thousand") / 1000.0,
            }),
            ComponentKind::AnalyticsSink => Self::AnalyticsSink(AnalyticsSink {
                ingest_rps: c.param("ingest_rps"),
                processing_lag_s: c.param("processing_lag_s"),
            }),
            ComponentKind::Region => Self::Region(Region { inter_region_rtt_s: ms(c, "inter_region_latency_ms") }),
            ComponentKind::Zone => Self::Zone,
        }
    }
}

fn users(c: &Component) -> Users {
    let weights = [c.param("read_weight"), c.param("write_weight"), c.param("static_weight")];
    let total: f64 = weights.iter().sum();
    let mix = if total > 0.0 { weights.map(|w| w / total) } else { [1.0, 0.0, 0.0] };
    // Requests are small next to responses, except writes, whose body is the payload.
    let small = 1.0 * KB;
    Users {
        daily_active_share: c.param("daily_active_share"),
        requests_per_daily_user: c.param("requests_per_daily_user"),
        peak_factor: c.param("peak_factor"),
        mix,
        rtt_s: ms(c, "rtt_ms"),
        bytes: [
            small + c.param("read_response_kb") * KB,
            c.param("write_request_kb") * KB + small,
            small + c.param("static_response_kb") * KB,
        ],
    }
}

fn load_balancer(c: &Component) -> LoadBalancer {
    let policy = match c.choice("policy") {
        "least_connections" => Policy::LeastConnections,
        "random" => Policy::Random,
        "weighted" => Policy::Weighted,
        "consistent_hashing" => Policy::ConsistentHashing,
        _ => Policy::RoundRobin,
    };
    LoadBalancer {
        policy,
        max_rps: c.param("max_rps") * c.param("nodes").max(1.0),
        nodes: c.param("nodes").max(1.0),
        detection_s: c.param("health_check_interval_s") * c.param("unhealthy_threshold"),
        hot_key_share: c.param("hot_key_share"),
        virtual_nodes: count(c, "virtual_nodes").max(1),
        usd_per_hour: c.param("cost_usd_per_hour"),
        ring_imbalance: None,
    }
}

fn service(c: &Component) -> Service {
    let instances = count(c, "instances").max(1);
    Service {
        instances,
        cores: count(c, "cores").max(1),
        service_s: ms(c, "service_time_ms"),
        service_scv: c.param("service_time_cv").powi(2),
        concurrency: count(c, "concurrency").max(1),
        queue_limit: count(c, "queue_limit"),
        parallel_fanout: c.choice("fanout") == "parallel",
        autoscaling: on(c, "autoscaling"),
        min_instances: count(c, "min_instances").max(1),
        max_instances: count(c, "max_instances").max(1),
        target_utilisation: c.param("target_utilisation"),
        scale_delay_s: c.param("scale_delay_s"),
        cooldown_s: c.param("cooldown_s"),
        usd_per_hour: c.param("cost_usd_per_hour"),
    }
}

fn cache(c: &Component) -> Cache {
    let item_bytes = c.param("item_kb") * KB;
    let fixed = c.choice("hit_ratio_mode") == "fixed";
    Cache {
        // A derived hit ratio is filled in by the plan, which computes each distinct
        // (keys, size, skew) once.
        hit_ratio: if fixed { c.param("hit_ratio") } else { f64::NAN },
        derived: !fixed,
        capacity_items: c.param("memory_gib") * GIB / item_bytes,
        key_space: c.param("key_space"),
        zipf_s: c.param("zipf_s"),
        nodes: count(c, "nodes").max(1),
        ops_per_node: c.param("ops_per_node"),
        latency_s: ms(c, "latency_ms"),
        usd_per_hour: c.param("cost_usd_per_hour"),
    }
}

fn database(c: &Component) -> Database {
    let partitioning = match c.choice("partitioning") {
        "range" => Partitioning::Range,
        "consistent_hashing" => Partitioning::ConsistentHashing,
        _ => Partitioning::Hash,
    };
    Database {
        cores: count(c, "cores").max(1),
        read_s: ms(c, "query_time_ms"),
        write_s: ms(c, "write_time_ms"),
        max_connections: c.param("max_connections"),
        replicas: count(c, "read_replicas"),
        replication_lag_s: ms(c, "replication_lag_ms"),
        shards: count(c, "shards").max(1),
        partitioning,
        hot_key_share: c.param("hot_key_share"),
        row_bytes: c.param("row_kb") * KB,
        usd_per_hour: c.param("cost_usd_per_hour"),
    }
}
