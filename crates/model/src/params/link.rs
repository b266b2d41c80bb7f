//! Parameters of links: the network between two components and the caller's policies
//! (the service-mesh features).

use super::ParamSpec as P;

#[rustfmt::skip]
pub const LINK: &[P] = &[
    P::choice("network", "Network", &["auto", "same_zone", "cross_zone", "cross_region"], 0,
        "Auto: from the regions and zones the two ends sit in",
        "Where the two ends sit, which sets the network round trip."),
    P::number("bandwidth_gbps", "Bandwidth per instance", "Gbit/s", 0.001, 10_000.0, 10.0,
        "Approximate: 10 Gbit/s is a common network limit of a mid-size cloud instance",
        "Bits per second each receiving instance's network takes, requests and responses together."),
    P::number("calls_per_request", "Calls per request", "calls", 0.0, 1_000.0, 1.0,
        "One call per request", "How many times the caller calls this target per request it handles."),
    P::number("weight", "Weight", "share", 0.0, 1_000_000.0, 1.0,
        "Equal weights", "Share of a traffic split or weighted load balancer sent down this link."),
    P::number("timeout_ms", "Timeout", "ms", 1.0, 3_600_000.0, 30_000.0,
        "Approximate: 30 s is a common HTTP client default",
        "How long the caller waits; the server keeps working after it gives up."),
    P::number("retries", "Retries", "count", 0.0, 10.0, 0.0,
        "No retries by default", "Extra attempts after a timeout or failure; each adds load."),
    P::number("backoff_ms", "Backoff", "ms", 0.0, 600_000.0, 100.0,
        "Approximate: a first backoff of 100 ms", "Wait before the first retry; doubles each time."),
    P::choice("circuit_breaker", "Circuit breaker", &["off", "on"], 0,
        "Off by default", "Stop calling a failing target for a while instead of piling on."),
    P::number("breaker_error_threshold", "Breaker threshold", "fraction", 0.01, 1.0, 0.5,
        "Approximate: open at 50 % errors, a common default", "Error share that opens the breaker."),
    P::choice("mtls", "mTLS", &["off", "on"], 0,
        "Off by default", "Mutual TLS between the two ends: adds CPU and latency per call."),
];
