//! Parameters of messaging and outside dependencies: queues, external APIs, analytics.

use super::ParamSpec as P;

#[rustfmt::skip]
pub const QUEUE: &[P] = &[
    P::number("partitions", "Partitions", "count", 1.0, 100_000.0, 12.0,
        "Approximate: a dozen partitions is a common starting topic size", "Partitions of the topic."),
    P::number("partition_mb_s", "Throughput per partition", "MB/s", 0.01, 10_000.0, 10.0,
        "Approximate: a partition sustains about 10 MB/s of production (a common sizing rule for Kafka)",
        "Bytes per second one partition accepts."),
    P::number("message_kb", "Message size", "KB", 0.001, 100_000.0, 1.0,
        "Approximate: a small JSON event", "Size of one message."),
    P::number("publish_ms", "Publish latency", "ms", 0.01, 10_000.0, 5.0,
        "Approximate: an acknowledged publish within a zone takes a few ms", "Time the publisher waits."),
    P::number("retention_hours", "Retention", "hours", 1.0, 87_600.0, 168.0,
        "Kafka's default log retention is 168 hours (7 days)", "How long messages are kept; storage grows with it."),
    P::number("max_backlog", "Backlog limit", "messages", 1.0, 1e12, 1e9,
        "Approximate: bounded by disk", "Messages that may wait; beyond it publishes are refused."),
];

#[rustfmt::skip]
pub const EXTERNAL_API: &[P] = &[
    P::number("latency_ms", "Latency", "ms", 0.1, 600_000.0, 150.0,
        "Approximate: a third-party HTTPS API across the internet answers in 100-300 ms", "Time to answer."),
    P::number("failure_rate", "Failure rate", "fraction", 0.0, 1.0, 0.001,
        "Approximate: a 99.9 % success rate", "Share of calls that fail."),
    P::number("rate_limit_rps", "Rate limit", "requests/s", 0.01, 1e9, 100.0,
        "A well-known payments API allows about 100 operations/s per account in live mode",
        "Calls per second the provider accepts; beyond it they fail with 429."),
    P::number("usd_per_thousand", "Price per 1,000 calls", "USD", 0.0, 1_000.0, 0.0,
        "Free unless set", "What the provider charges."),
];

#[rustfmt::skip]
pub const ANALYTICS_SINK: &[P] = &[
    P::number("ingest_rps", "Ingest capacity", "events/s", 1.0, 1e10, 1_000.0,
        "One shard of a major managed stream ingests 1,000 records/s", "Events per second accepted."),
    P::number("processing_lag_s", "Processing lag", "s", 0.0, 86_400.0, 60.0,
        "Approximate: micro-batch pipelines run every minute or so", "Time until an event shows up in analytics."),
];
