//! Parameters of data stores: caches, databases and object storage.

use super::ParamSpec as P;

#[rustfmt::skip]
pub const CACHE: &[P] = &[
    P::choice("hit_ratio_mode", "Hit ratio", &["derived", "fixed"], 0,
        "Derived from size and popularity by the Che approximation",
        "Derive the hit ratio from memory, key space and skew, or set it."),
    P::number("hit_ratio", "Fixed hit ratio", "fraction", 0.0, 1.0, 0.8,
        "Approximate: 80 % is a common target for application caches", "Used when the hit ratio is fixed."),
    P::number("memory_gib", "Memory", "GiB", 0.001, 100_000.0, 4.0,
        "Approximate: a small cache node", "Memory for cached items across the cluster."),
    P::number("key_space", "Key space", "keys", 1.0, 1e12, 10_000_000.0,
        "Approximate: ten million distinct objects", "Distinct keys that requests ask for."),
    P::number("item_kb", "Item size", "KB", 0.001, 100_000.0, 1.0,
        "Approximate: a serialised row or fragment of about 1 KB", "Size of one cached item."),
    P::number("zipf_s", "Popularity skew", "Zipf s", 0.0, 3.0, 0.8,
        "Breslau et al., 1999: web request popularity follows Zipf with exponents of 0.64-0.83",
        "How concentrated requests are on popular keys; 0 is uniform."),
    P::number("nodes", "Nodes", "count", 1.0, 10_000.0, 1.0,
        "One node to start", "Cluster nodes; capacity scales with them."),
    P::number("ops_per_node", "Operations per node", "ops/s", 1.0, 1e8, 100_000.0,
        "Approximate: the in-memory store's own benchmark shows ~100K ops/s per single-threaded instance",
        "Operations per second one node serves."),
    P::number("latency_ms", "Latency", "ms", 0.01, 1_000.0, 0.5,
        "Approximate: sub-millisecond round trips inside a zone", "Time of a hit."),
    P::number("cost_usd_per_hour", "Price per node", "USD/hour", 0.0, 1_000.0, 0.206,
        "Approximate on-demand list price of a 2 vCPU / 13 GiB managed cache node (2026)",
        "What one node costs per hour."),
];

#[rustfmt::skip]
pub const DATABASE: &[P] = &[
    P::number("cores", "Cores", "cores", 1.0, 512.0, 8.0,
        "A common mid-size managed database instance (8 vCPU)", "CPU cores per server (primary or replica)."),
    P::number("query_time_ms", "Read query time", "ms", 0.001, 600_000.0, 2.0,
        "Approximate: an indexed point query with its share of I/O and locking",
        "Time one read occupies one core."),
    P::number("write_time_ms", "Write time", "ms", 0.001, 600_000.0, 5.0,
        "Approximate: a write costs more than a read (WAL flush, index updates)",
        "Time one write occupies one core of the primary."),
    P::number("max_connections", "Connection limit", "connections", 1.0, 1_000_000.0, 100.0,
        "PostgreSQL's default max_connections is 100",
        "Connections each server accepts; every query in flight holds one."),
    P::number("read_replicas", "Read replicas", "count", 0.0, 100.0, 0.0,
        "None at first", "Replicas that serve reads; the primary then serves only writes."),
    P::number("replication_lag_ms", "Replication lag", "ms", 0.0, 3_600_000.0, 100.0,
        "Approximate: asynchronous replicas typically trail by tens to hundreds of ms",
        "How far replicas trail the primary: stale reads, and writes at risk on failover."),
    P::number("shards", "Shards", "count", 1.0, 10_000.0, 1.0,
        "One shard: no partitioning", "Partitions of the data, each with its own primary and replicas."),
    P::choice("partitioning", "Partitioning", &["hash", "range", "consistent_hashing"], 0,
        "Hash partitioning is the usual default", "How keys map to shards."),
    P::number("hot_key_share", "Hot-key share", "fraction", 0.0, 1.0, 0.0,
        "No skew by default", "Share of requests that hit the single hottest key (and so one shard)."),
    P::number("row_kb", "Row size", "KB", 0.001, 100_000.0, 1.0,
        "Approximate: a typical row with its indexes", "Storage each write adds."),
    P::number("cost_usd_per_hour", "Price per server", "USD/hour", 0.0, 1_000.0, 1.0,
        "Approximate on-demand list price of an 8 vCPU managed relational database instance (2026)",
        "What one server (primary or replica) costs per hour."),
];

#[rustfmt::skip]
pub const OBJECT_STORAGE: &[P] = &[
    P::number("prefixes", "Key prefixes", "count", 1.0, 1_000_000.0, 1.0,
        "One prefix to start", "Request limits apply per prefix; spreading keys raises them."),
    P::number("get_rps_per_prefix", "Reads per prefix", "requests/s", 1.0, 1e8, 5_500.0,
        "A major object store documents 5,500 GET/HEAD requests/s per prefix",
        "Reads per second one prefix serves."),
    P::number("put_rps_per_prefix", "Writes per prefix", "requests/s", 1.0, 1e8, 3_500.0,
        "The same store documents 3,500 PUT/COPY/POST/DELETE requests/s per prefix",
        "Writes per second one prefix accepts."),
    P::number("latency_ms", "First-byte latency", "ms", 0.1, 60_000.0, 30.0,
        "Approximate: tens of ms to first byte", "Time to answer a request."),
    P::number("usd_per_gb_month", "Storage price", "USD/GB-month", 0.0, 10.0, 0.023,
        "List price of standard storage, first 50 TB, at a major object store (2026)",
        "What a stored GB costs per month."),
];
