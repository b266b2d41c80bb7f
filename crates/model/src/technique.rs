//! The techniques of the scaling journey the advisor names: what relieves a bottleneck.
//! The engine's sweep diagnoses which one fits; the editor applies it to a design.

use serde::{Deserialize, Serialize};

/// The technique of the scaling journey that relieves a bottleneck.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Technique {
    HorizontalScaling,
    Autoscaling,
    Cache,
    ReadReplicas,
    Sharding,
    ConnectionPooling,
    Cdn,
    QueueAndWorkers,
    MoreWorkers,
    MorePartitions,
    RateLimitIncrease,
    MoreLoadBalancers,
    CacheCluster,
    MultiRegion,
    PrefixSpreading,
    AsyncCalls,
}

impl Technique {
    /// Every technique, in a fixed order: a technique's place here is its number where
    /// results travel as numbers (the web app's engine worker).
    pub const ALL: [Technique; 16] = [
        Technique::HorizontalScaling,
        Technique::Autoscaling,
        Technique::Cache,
        Technique::ReadReplicas,
        Technique::Sharding,
        Technique::ConnectionPooling,
        Technique::Cdn,
        Technique::QueueAndWorkers,
        Technique::MoreWorkers,
        Technique::MorePartitions,
        Technique::RateLimitIncrease,
        Technique::MoreLoadBalancers,
        Technique::CacheCluster,
        Technique::MultiRegion,
        Technique::PrefixSpreading,
        Technique::AsyncCalls,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Technique::HorizontalScaling => "horizontal scaling: more instances behind the load balancer",
            Technique::Autoscaling => "autoscaling: let the pool grow with the load",
            Technique::Cache => "a cache in front of it",
            Technique::ReadReplicas => "read replicas",
            Technique::Sharding => "sharding with consistent hashing",
            Technique::ConnectionPooling => "connection pooling or read replicas",
            Technique::Cdn => "a CDN for static content",
            Technique::QueueAndWorkers => "a queue and workers, so callers do not wait",
            Technique::MoreWorkers => "more workers on the queue",
            Technique::MorePartitions => "more partitions",
            Technique::RateLimitIncrease => "a higher limit (or fewer calls: cache, batch)",
            Technique::MoreLoadBalancers => "more load balancers behind geo-DNS",
            Technique::CacheCluster => "more cache nodes",
            Technique::MultiRegion => "a second region",
            Technique::PrefixSpreading => "spreading keys over more prefixes",
            Technique::AsyncCalls => "async calls or a cache for the slow dependency",
        }
    }
}
