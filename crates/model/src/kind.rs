//! The kinds of component a topology can hold, with what the palette says of each.

use serde::{Deserialize, Serialize};

/// What a component models. Each kind draws its parameters from [`crate::param_spec`].
///
/// In a document a kind is its [`ComponentKind::key`]. (De)serialised by hand through
/// that string: serde's derived enum visitor cost the wasm about 2 KB.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ComponentKind {
    Users,
    Dns,
    Cdn,
    LoadBalancer,
    ApiGateway,
    Service,
    Serverless,
    TrafficSplit,
    Cache,
    Database,
    ObjectStorage,
    Queue,
    Worker,
    ExternalApi,
    AnalyticsSink,
    Region,
    Zone,
}

/// The palette's groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KindGroup {
    Edge,
    Compute,
    Data,
    Messaging,
    Regions,
}

impl KindGroup {
    pub const ALL: [KindGroup; 5] = [Self::Edge, Self::Compute, Self::Data, Self::Messaging, Self::Regions];

    pub fn name(self) -> &'static str {
        match self {
            Self::Edge => "Edge",
            Self::Compute => "Compute",
            Self::Data => "Data",
            Self::Messaging => "Messaging",
            Self::Regions => "Regions",
        }
    }
}

impl ComponentKind {
    pub const ALL: [ComponentKind; 17] = [
        Self::Users,
        Self::Dns,
        Self::Cdn,
        Self::LoadBalancer,
        Self::ApiGateway,
        Self::Service,
        Self::Serverless,
        Self::TrafficSplit,
        Self::Cache,
        Self::Database,
        Self::ObjectStorage,
        Self::Queue,
        Self::Worker,
        Self::ExternalApi,
        Self::AnalyticsSink,
        Self::Region,
        Self::Zone,
    ];

    /// The kind's name in a document.
    pub fn key(self) -> &'static str {
        match self {
            Self::Users => "users",
            Self::Dns => "dns",
            Self::Cdn => "cdn",
            Self::LoadBalancer => "load_balancer",
            Self::ApiGateway => "api_gateway",
            Self::Service => "service",
            Self::Serverless => "serverless",
            Self::TrafficSplit => "traffic_split",
            Self::Cache => "cache",
            Self::Database => "database",
            Self::ObjectStorage => "object_storage",
            Self::Queue => "queue",
            Self::Worker => "worker",
            Self::ExternalApi => "external_api",
            Self::AnalyticsSink => "analytics_sink",
            Self::Region => "region",
            Self::Zone => "zone",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Users => "Users",
            Self::Dns => "DNS",
            Self::Cdn => "CDN",
            Self::LoadBalancer => "Load balancer",
            Self::ApiGateway => "API gateway",
            Self::Service => "Service",
            Self::Serverless => "Serverless function",
            Self::TrafficSplit => "Traffic split",
            Self::Cache => "Cache",
            Self::Database => "Database",
            Self::ObjectStorage => "Object storage",
            Self::Queue => "Message queue",
            Self::Worker => "Worker pool",
            Self::ExternalApi => "External API",
            Self::AnalyticsSink => "Analytics sink",
            Self::Region => "Region",
            Self::Zone => "Zone",
        }
    }

    pub fn group(self) -> KindGroup {
        match self {
            Self::Users | Self::Dns | Self::Cdn | Self::LoadBalancer | Self::ApiGateway => KindGroup::Edge,
            Self::Service | Self::Serverless | Self::TrafficSplit | Self::Worker => KindGroup::Compute,
            Self::Cache | Self::Database | Self::ObjectStorage => KindGroup::Data,
            Self::Queue | Self::ExternalApi | Self::AnalyticsSink => KindGroup::Messaging,
            Self::Region | Self::Zone => KindGroup::Regions,
        }
    }

    /// One line for the palette's tooltip: what the kind models. Empty without the `docs`
    /// feature (the web app fetches it with the parameters' help).
    pub fn description(self) -> &'static str {
        if !cfg!(feature = "docs") {
            return "";
        }
        match self {
            Self::Users => {
                "A client population: monthly active users, how often they call in, and the read/write/static mix."
            }
            Self::Dns => "Resolves users to the nearest healthy region; its TTL caches answers and delays failover.",
            Self::Cdn => "Serves static content from the edge; misses and dynamic requests go on to the origin.",
            Self::LoadBalancer => {
                "Spreads requests over its targets by a policy; detects dead targets by health checks."
            }
            Self::ApiGateway => {
                "Terminates TLS, verifies tokens and rate-limits with a token bucket (excess gets 429)."
            }
            Self::Service => {
                "A pool of instances, each with its own queue; CPU time per request, timeouts, autoscaling."
            }
            Self::Serverless => "Functions billed per call: a concurrency limit that throttles, and cold starts.",
            Self::TrafficSplit => "Sends a share of requests down each outgoing link: A/B tests and canary releases.",
            Self::Cache => {
                "An in-memory key-value cache: hits answer fast, misses go on; hit ratio from size and skew."
            }
            Self::Database => "A primary for writes, read replicas, shards; limited by cores and connections.",
            Self::ObjectStorage => "Blob storage with per-prefix request limits and storage that grows with writes.",
            Self::Queue => {
                "A partitioned log (Kafka-like): publishing returns at once, a backlog builds when consumers lag."
            }
            Self::Worker => "Consumers pulling from a queue, sharing one backlog.",
            Self::ExternalApi => {
                "A third-party dependency: its latency, failure rate and rate limit are not yours to change."
            }
            Self::AnalyticsSink => "An event pipeline for analytics: ingest throughput and processing lag.",
            Self::Region => "A cloud region: a failure domain; calls out of it pay inter-region latency.",
            Self::Zone => "An availability zone inside a region: a smaller failure domain.",
        }
    }

    /// Whether requests can arrive at this kind through a link.
    pub fn accepts_requests(self) -> bool {
        !matches!(self, Self::Users | Self::Region | Self::Zone)
    }

    /// Whether this kind sends requests onwards through its outgoing links.
    pub fn sends_requests(self) -> bool {
        !matches!(
            self,
            Self::Database | Self::ObjectStorage | Self::ExternalApi | Self::AnalyticsSink | Self::Region | Self::Zone
        )
    }

    /// Whether this kind is a container that other components sit inside.
    pub fn is_container(self) -> bool {
        matches!(self, Self::Region | Self::Zone)
    }
}

impl Serialize for ComponentKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

impl ComponentKind {
    /// The kind named `key` in a document, or why there is none.
    pub fn from_key(key: &str) -> Result<Self, String> {
        Self::ALL.into_iter().find(|kind| kind.key() == key).ok_or_else(|| {
            let known: Vec<&str> = Self::ALL.iter().map(|kind| kind.key()).collect();
            format!("unknown component kind \"{key}\"; the kinds are {}", known.join(", "))
        })
    }
}

impl<'de> Deserialize<'de> for ComponentKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::from_key(&String::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}
