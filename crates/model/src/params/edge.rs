//! Parameters of the edge: users, DNS, CDN, load balancer, API gateway, and regions.

use super::ParamSpec as P;

#[rustfmt::skip]
pub const USERS: &[P] = &[
    P::number("daily_active_share", "Daily active share", "fraction", 0.01, 1.0, 0.5,
        "Large social apps report daily/monthly active ratios of about 0.5 to 0.7 in their quarterly filings",
        "Share of monthly active users who use the product on a given day."),
    P::number("requests_per_daily_user", "Requests per daily user", "requests/day", 0.01, 100_000.0, 170.0,
        "Twitter, 2012: about 300K timeline requests/s served to about 150M active users",
        "Front-door requests one daily active user makes in a day."),
    P::number("peak_factor", "Peak-to-average factor", "x", 1.0, 100.0, 2.6,
        "Approximate: diurnal web traffic peaks at about 2 to 3 times its daily average",
        "How much busier the busiest time of day is than the daily average."),
    P::number("rtt_ms", "Round trip to the front door", "ms", 0.0, 10_000.0, 60.0,
        "Approximate: internet round trips to a single cloud region from across a continent are 40-80 ms",
        "Network round trip between a user and the first component they call."),
    P::number("read_weight", "Read share", "weight", 0.0, 1.0, 0.80,
        "Approximate: read-heavy web workloads are commonly 80-95 % reads",
        "Relative share of dynamic reads (the three shares are normalised)."),
    P::number("write_weight", "Write share", "weight", 0.0, 1.0, 0.05,
        "Approximate: read-heavy web workloads are commonly 80-95 % reads",
        "Relative share of writes."),
    P::number("static_weight", "Static share", "weight", 0.0, 1.0, 0.15,
        "Approximate: images, scripts and styles fetched per page view",
        "Relative share of static assets (a CDN can serve these)."),
    P::number("read_response_kb", "Read response size", "KB", 0.01, 100_000.0, 30.0,
        "Approximate: a JSON API response of a few tens of KB",
        "Bytes returned per read."),
    P::number("write_request_kb", "Write request size", "KB", 0.01, 100_000.0, 4.0,
        "Approximate: a form or JSON body of a few KB",
        "Bytes sent per write; writes are also what storage grows by."),
    P::number("static_response_kb", "Static asset size", "KB", 0.01, 1_000_000.0, 150.0,
        "Approximate: HTTP Archive reports median image transfers of tens to hundreds of KB",
        "Bytes returned per static request."),
];

#[rustfmt::skip]
pub const DNS: &[P] = &[
    P::number("ttl_s", "TTL", "s", 1.0, 86_400.0, 300.0,
        "300 s is the default TTL of new records in common managed DNS consoles",
        "How long resolvers cache an answer: fewer lookups, slower failover."),
    P::number("lookup_ms", "Lookup latency", "ms", 0.1, 10_000.0, 30.0,
        "Approximate: a recursive lookup that misses the resolver's cache costs tens of ms",
        "Time a cache miss adds to the first request."),
    P::number("max_qps", "Capacity", "queries/s", 1.0, 1e9, 1_000_000.0,
        "Approximate: anycast managed DNS absorbs millions of queries/s",
        "Queries per second the DNS service answers."),
];

#[rustfmt::skip]
pub const CDN: &[P] = &[
    P::number("hit_ratio", "Edge hit ratio", "fraction", 0.0, 1.0, 0.90,
        "Approximate: static-asset cache hit ratios of 90 % and more are typical on commercial CDNs",
        "Share of static requests answered at the edge."),
    P::number("edge_latency_ms", "Edge latency", "ms", 0.1, 10_000.0, 20.0,
        "Approximate: CDN edges sit within a few tens of ms of most users",
        "Round trip from a user to the edge."),
    P::number("origin_rtt_ms", "Edge-to-origin round trip", "ms", 0.0, 10_000.0, 60.0,
        "Approximate: the same as a user's round trip to the origin region",
        "Network round trip from the edge to the origin on a miss."),
    P::number("max_rps", "Capacity", "requests/s", 1.0, 1e10, 10_000_000.0,
        "Approximate: large CDNs serve tens of millions of requests/s",
        "Requests per second the CDN serves in all."),
    P::number("egress_usd_per_gb", "Egress price", "USD/GB", 0.0, 10.0, 0.085,
        "Approximate list price of the first 10 TB/month from a large CDN in North America (2026)",
        "What a GB served from the edge costs."),
];

#[rustfmt::skip]
pub const LOAD_BALANCER: &[P] = &[
    P::choice("policy", "Policy", &["round_robin", "least_connections", "random", "weighted", "consistent_hashing"], 0,
        "Round robin is the default of common load balancers",
        "How requests are spread over the targets."),
    P::number("max_rps", "Capacity per node", "requests/s", 1.0, 1e9, 50_000.0,
        "Approximate: software L7 proxies (HAProxy, NGINX) proxy tens of thousands of HTTP requests/s per node",
        "Requests per second one load-balancer node proxies before it saturates."),
    P::number("nodes", "Nodes", "count", 1.0, 10_000.0, 1.0,
        "One node to start; managed load balancers add nodes behind one name",
        "Load-balancer nodes sharing the traffic."),
    P::number("health_check_interval_s", "Health-check interval", "s", 1.0, 300.0, 30.0,
        "The default health-check interval of common cloud load balancers' target groups",
        "Time between health checks of each target."),
    P::number("unhealthy_threshold", "Unhealthy threshold", "checks", 1.0, 10.0, 2.0,
        "The default unhealthy-threshold count of common cloud load balancers' target groups",
        "Failed checks in a row before a target is taken out."),
    P::number("hot_key_share", "Hot-key share", "fraction", 0.0, 1.0, 0.0,
        "No skew by default",
        "With consistent hashing: share of requests that carry the single hottest key."),
    P::number("virtual_nodes", "Virtual nodes", "per target", 1.0, 10_000.0, 100.0,
        "Approximate: consistent-hashing rings commonly use 100-200 virtual nodes per server",
        "With consistent hashing: ring points per target; more points even out the split."),
    P::number("cost_usd_per_hour", "Price", "USD/hour", 0.0, 1_000.0, 0.0225,
        "Approximate hourly list price of a managed application load balancer (2026)",
        "What one load-balancer node costs per hour, before traffic charges."),
];

#[rustfmt::skip]
pub const API_GATEWAY: &[P] = &[
    P::number("rate_limit_rps", "Rate limit", "requests/s", 1.0, 1e9, 10_000.0,
        "The default account-level steady-state throttle of a major managed API gateway is 10,000 requests/s",
        "Token-bucket refill rate; requests beyond it get 429 Too Many Requests."),
    P::number("burst", "Burst", "requests", 1.0, 1e9, 5_000.0,
        "The same gateway's default burst is 5,000 requests",
        "Token-bucket size: how many requests above the rate a quiet client may send at once."),
    P::number("tls_cpu_ms", "TLS cost", "ms CPU/request", 0.0, 100.0, 0.1,
        "Approximate: an RSA-2048 handshake costs ~1 ms of CPU; with session reuse about 1 in 10 requests pays it",
        "CPU per request to terminate TLS."),
    P::number("auth_cpu_ms", "Auth cost", "ms CPU/request", 0.0, 100.0, 0.05,
        "Approximate: an RS256 JWT signature check is tens of microseconds of CPU (openssl speed rsa2048)",
        "CPU per request to verify the caller's token."),
    P::number("instances", "Instances", "count", 1.0, 10_000.0, 2.0,
        "Two nodes for redundancy",
        "Gateway nodes."),
    P::number("cores", "Cores per node", "cores", 1.0, 512.0, 4.0,
        "A common general-purpose instance size (4 vCPU)",
        "CPU cores per gateway node."),
    P::number("base_cpu_ms", "Proxy cost", "ms CPU/request", 0.001, 100.0, 0.1,
        "Approximate: an L7 proxy spends ~0.1 ms of CPU routing a request",
        "CPU per request to route it, before TLS and auth."),
    P::number("cost_usd_per_hour", "Price per node", "USD/hour", 0.0, 1_000.0, 0.192,
        "Approximate on-demand list price of a 4 vCPU / 16 GiB general-purpose instance (2026)",
        "What one gateway node costs per hour."),
];

#[rustfmt::skip]
pub const REGION: &[P] = &[P::number("inter_region_latency_ms", "Latency to other regions", "ms", 0.0, 1_000.0, 70.0,
    "Approximate: public cloud inter-region round trips across a continent are 60-80 ms",
    "Round-trip time added to calls that leave this region.")];
