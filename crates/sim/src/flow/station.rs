//! What one station does with what arrives in one step: the shared types every kind's
//! model fills in, and the queue arithmetic most of them share.

use serde::{Deserialize, Serialize};

use crate::classes::PerClass;
use crate::moments::Moments;
use crate::queueing::{Sojourn, mmck};

/// The resource that runs out first at a component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    /// CPU cores of a service, gateway, worker pool or database.
    Cpu,
    /// Concurrency slots held while waiting on downstream calls (thread pools).
    Concurrency,
    /// Database connections.
    Connections,
    /// Requests/s a load balancer, CDN or DNS can proxy or answer.
    Throughput,
    /// A rate limit: a gateway's token bucket, an external API's quota, a serverless
    /// concurrency limit, an object store's per-prefix limit.
    RateLimit,
    /// Bytes/s of a link.
    Bandwidth,
    /// Bytes/s a queue's partitions accept.
    PartitionThroughput,
    /// Operations/s of cache nodes.
    CacheOps,
    /// Consumers slower than producers: a backlog that grows.
    ConsumerThroughput,
    /// Events/s an analytics pipeline ingests.
    Ingest,
}

impl Resource {
    /// Every resource, in a fixed order: a resource's place here is its number where
    /// reports travel as numbers (the web app's engine worker).
    pub const ALL: [Resource; 10] = [
        Resource::Cpu,
        Resource::Concurrency,
        Resource::Connections,
        Resource::Throughput,
        Resource::RateLimit,
        Resource::Bandwidth,
        Resource::PartitionThroughput,
        Resource::CacheOps,
        Resource::ConsumerThroughput,
        Resource::Ingest,
    ];

    /// A short name for people.
    pub fn label(self) -> &'static str {
        match self {
            Resource::Cpu => "CPU",
            Resource::Concurrency => "concurrency slots",
            Resource::Connections => "connections",
            Resource::Throughput => "throughput",
            Resource::RateLimit => "rate limit",
            Resource::Bandwidth => "bandwidth",
            Resource::PartitionThroughput => "partition throughput",
            Resource::CacheOps => "cache operations",
            Resource::ConsumerThroughput => "consumer throughput",
            Resource::Ingest => "ingest",
        }
    }
}

/// Requests per second that ended in an error, by cause.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Errors {
    /// Refused for lack of room: a full queue, no free connection, a full backlog.
    pub dropped: f64,
    /// Refused by a rate limit (429).
    pub rate_limited: f64,
    /// Answered with a failure (an external API's errors, a tripped breaker).
    pub failed: f64,
    /// Calls this component gave up on because the callee took longer than the timeout.
    pub timed_out: f64,
    /// Calls this component could not send because a link's bandwidth was full.
    pub unsent: f64,
}

impl Errors {
    pub fn total(&self) -> f64 {
        self.dropped + self.rate_limited + self.failed + self.timed_out + self.unsent
    }

    pub fn plus(self, other: Errors) -> Errors {
        Errors {
            dropped: self.dropped + other.dropped,
            rate_limited: self.rate_limited + other.rate_limited,
            failed: self.failed + other.failed,
            timed_out: self.timed_out + other.timed_out,
            unsent: self.unsent + other.unsent,
        }
    }
}

/// How a station's outgoing requests use its links.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Routing {
    /// Each request takes one link, chosen by the links' shares.
    Split,
    /// Each request uses every link (calls per request times).
    Each,
    /// Nothing goes on.
    #[default]
    None,
}

/// How requests arrive at a pool of instances, set by the load balancer in front of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Arrival {
    /// Squared coefficient of variation of inter-arrival times at one instance.
    pub scv: f64,
    /// Round robin over this many servers in all: each instance sees every k-th arrival
    /// (Erlang-k inter-arrivals, scv 1/k). Zero when not round robin.
    pub round_robin_over: f64,
    /// Least-connections balancing: the pool behaves like one shared queue.
    pub pooled: bool,
    /// Busiest instance's share over the mean share (consistent hashing's imbalance).
    pub imbalance: f64,
    /// Share of all requests that carry the hottest key (all land on one instance).
    pub hot_share: f64,
}

impl Default for Arrival {
    fn default() -> Self {
        Self { scv: 1.0, round_robin_over: 0.0, pooled: false, imbalance: 1.0, hot_share: 0.0 }
    }
}

/// What arrives at a station in a step.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Inbound {
    /// Attempts per second, retries included.
    pub rate: PerClass,
    /// Extra CPU seconds per second the callers' links add (mutual TLS).
    pub extra_cpu: f64,
    pub arrival: Arrival,
}

/// What a station did in a step.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Outcome {
    pub offered: PerClass,
    /// Requests per second admitted and served (including those answered with a failure).
    pub served: PerClass,
    pub errors: Errors,
    /// Requests per second sent on, before the routing rule spreads them over the links.
    pub forward: PerClass,
    pub routing: Routing,
    /// Requests per second the station could serve at most, at the current mix.
    pub capacity_rps: f64,
    /// Offered work over capacity: at or above 1 the station is saturated.
    pub load: f64,
    /// The resource `load` measures.
    pub resource: Option<Resource>,
    /// A hard limit reached below full load (connections).
    pub hard_limit: Option<Resource>,
    /// Time a request of each class spends at this station itself, excluding downstream.
    pub own: [Moments; 3],
    /// Probability a request of each class is answered without error here (own outcome only).
    pub success: PerClass,
    /// Mean requests waiting (not yet in service).
    pub queue: f64,
    /// Mean requests in service.
    pub in_service: f64,
    /// Instances (services, gateways, workers, database servers) running.
    pub instances: f64,
    /// Cost of running it, in USD per hour, including per-request charges at this rate.
    pub usd_per_hour: f64,
    /// Bytes per second of storage it adds (writes, retained messages).
    pub storage_bytes_s: f64,
    /// Bytes held at once (a queue's retained messages).
    pub stored_bytes: f64,
    /// What a stored GB costs per month, where storage is billed apart from instances.
    pub storage_usd_per_gb_month: f64,
    /// Bytes per second it sends to the internet (egress).
    pub egress_bytes_s: f64,
    /// Share of reads answered here without going on (cache and CDN hit ratio).
    pub hit_ratio: Option<f64>,
    /// Messages waiting in a queue or pipeline; seconds of lag they represent.
    pub backlog: f64,
    pub lag_s: f64,
    /// Queries in flight at a database's busiest server, against its connection limit.
    pub connections: Option<(f64, f64)>,
}

impl Outcome {
    pub fn passthrough(offered: PerClass, routing: Routing) -> Self {
        Self {
            offered,
            served: offered,
            forward: offered,
            routing,
            capacity_rps: f64::INFINITY,
            success: PerClass::splat(1.0),
            ..Self::default()
        }
    }
}

/// A pool of identical servers behind an even split, each with its own queue.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pool {
    pub instances: f64,
    /// Servers per instance (cores, or concurrency slots).
    pub servers: u32,
    pub service_s: f64,
    pub service_scv: f64,
    /// Requests that may wait per instance; None for unbounded.
    pub queue_limit: Option<u32>,
}

/// Which of a component's requests a pool serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    All,
    /// Reads (and static requests): a database's replicas.
    Reads,
    /// Writes: a database's primary, when replicas take the reads.
    Writes,
}

/// A queue the steady state evaluated with a formula, as the request engine needs it to
/// simulate the same queue: the pool, what arrives and how, and the constant a request's
/// time at the component adds to (or, for a slot held over downstream calls, takes from)
/// its time in the pool.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Probe {
    pub role: Role,
    pub pool: Pool,
    pub rate: f64,
    pub arrival: Arrival,
    pub shift_s: f64,
}

/// What a pool does with an arrival rate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PoolOutcome {
    pub accepted: f64,
    pub dropped: f64,
    pub time: Moments,
    pub load: f64,
    pub queue: f64,
    pub in_service: f64,
}

/// How [`Pool::shares`] spreads arrivals over a pool's instances.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shares {
    pub typical: f64,
    pub busiest: f64,
    /// Squared coefficient of variation of the inter-arrival times at one instance.
    pub arrival_scv: f64,
}

/// The formula behind one instance's queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// The M/M/c/K birth-death chain with this many places to wait: a full queue matters.
    Chain(u32),
    /// Below saturation with room to spare: Erlang C, with Allen-Cunneen's correction for
    /// variability.
    ErlangC,
    /// At or past saturation: the queue is full and the excess is dropped (or, without a
    /// limit, it grows without bound).
    Full,
}

/// Queue limits up to this size use the exact M/M/c/K chain (O(servers) to evaluate);
/// larger ones behave as unbounded below saturation and as full above it.
const EXACT_K: u32 = 10_000_000;

impl Pool {
    pub fn capacity_rps(&self) -> f64 {
        self.instances * f64::from(self.servers) / self.service_s
    }

    /// The steady state of the pool under `rate` requests/s arriving as `arrival` says.
    /// The busiest instance (by imbalance and hot key) sets saturation and drops; the
    /// time reported is that of a typical request.
    pub fn serve(&self, rate: f64, arrival: Arrival) -> PoolOutcome {
        let capacity = self.capacity_rps();
        if rate <= 0.0 || capacity <= 0.0 {
            return PoolOutcome {
                accepted: 0.0,
                dropped: 0.0,
                time: Moments::fixed(self.service_s),
                load: 0.0,
                queue: 0.0,
                in_service: 0.0,
            };
        }
        if arrival.pooled {
            return self.pooled().serve(rate, Arrival { pooled: false, ..arrival });
        }
        let Shares { typical: mean_share, busiest, arrival_scv } = self.shares(rate, arrival);
        let typical = self.instance(mean_share, arrival_scv);
        let hottest = self.instance(busiest, arrival_scv);
        let hot_fraction = (busiest / rate).min(1.0);
        // Drops: the hottest instance's plus the rest at the typical rate.
        let dropped = (hottest.dropped + typical.dropped * (self.instances - 1.0).max(0.0)).min(rate);
        let time = hottest.time.mix(hot_fraction, typical.time);
        PoolOutcome {
            accepted: rate - dropped,
            dropped,
            time,
            load: busiest / (f64::from(self.servers) / self.service_s),
            queue: typical.queue * (self.instances - 1.0).max(0.0) + hottest.queue,
            in_service: typical.in_service * (self.instances - 1.0).max(0.0) + hottest.in_service,
        }
    }

    /// The pool as one shared queue in front of every server of every instance (least
    /// connections).
    pub fn pooled(&self) -> Pool {
        let servers = (self.instances * f64::from(self.servers)).min(f64::from(u32::MAX)) as u32;
        Pool {
            instances: 1.0,
            servers,
            queue_limit: self.queue_limit.map(|q| q.saturating_mul(self.instances as u32)),
            ..*self
        }
    }

    /// What one instance sees of `rate` (when not pooled): the typical and the busiest
    /// instance's arrivals (imbalance and hot key), and the arrivals' variability.
    pub fn shares(&self, rate: f64, arrival: Arrival) -> Shares {
        let arrival_scv = if arrival.round_robin_over >= 1.0 { 1.0 / arrival.round_robin_over } else { arrival.scv };
        let typical = rate / self.instances;
        let busiest = typical * arrival.imbalance.max(1.0) * (1.0 - arrival.hot_share) + rate * arrival.hot_share;
        Shares { typical, busiest: busiest.max(typical), arrival_scv }
    }

    /// Which formula one instance's queue is evaluated with at `rate`.
    pub fn method(&self, rate: f64) -> Method {
        let capacity = f64::from(self.servers.max(1)) / self.service_s;
        // A long queue far from full blocks with probability ~ rho^limit: negligible, so
        // the cheaper unbounded formulas serve (and keep a step's cost constant).
        let rho = rate / capacity;
        match self.queue_limit {
            Some(limit) if limit <= EXACT_K && blocking_matters(rho, limit) => Method::Chain(limit),
            _ if rate < capacity => Method::ErlangC,
            _ => Method::Full,
        }
    }

    /// One instance with `rate` arriving.
    pub fn instance(&self, rate: f64, arrival_scv: f64) -> PoolOutcome {
        let c = self.servers.max(1);
        let capacity = f64::from(c) / self.service_s;
        let service = service_moments(self.service_s, self.service_scv);
        match self.method(rate) {
            Method::Chain(limit) => {
                let (blocking, mean_s) = mmck(c, c.saturating_add(limit), rate, self.service_s);
                let accepted = rate * (1.0 - blocking);
                // The chain is exact for exponential times; scale its wait for variability.
                let variability = (arrival_scv + self.service_scv) / 2.0;
                let wait = (mean_s - self.service_s).max(0.0) * variability;
                let time = service.then(Moments::new(wait, wait * wait));
                let in_service = accepted * self.service_s;
                PoolOutcome {
                    accepted,
                    dropped: rate - accepted,
                    time,
                    load: rate / capacity,
                    queue: accepted * wait,
                    in_service,
                }
            }
            Method::ErlangC => {
                let sojourn = Sojourn::ggc(c, rate, self.service_s, arrival_scv, self.service_scv);
                let time = sojourn.map_or(service, |s| s.moments());
                let wait = (time.mean - self.service_s).max(0.0);
                PoolOutcome {
                    accepted: rate,
                    dropped: 0.0,
                    time,
                    load: rate / capacity,
                    queue: rate * wait,
                    in_service: rate * self.service_s,
                }
            }
            Method::Full => {
                // Saturated with a long queue: it is full; the excess is dropped.
                let limit = self.queue_limit;
                let waiting = limit.map_or(f64::INFINITY, f64::from);
                let wait = waiting / capacity;
                PoolOutcome {
                    accepted: capacity,
                    dropped: if limit.is_some() { rate - capacity } else { 0.0 },
                    time: service.then(Moments::fixed(wait)),
                    load: rate / capacity,
                    queue: waiting,
                    in_service: f64::from(c),
                }
            }
        }
    }
}

/// Whether rho^limit exceeds 1e-12 (a full queue is not negligible). rho^64, by six
/// squarings, settles most cases without a power function.
fn blocking_matters(rho: f64, limit: u32) -> bool {
    if rho >= 1.0 {
        return true;
    }
    if limit >= 64 {
        let mut r64 = rho;
        for _ in 0..6 {
            r64 *= r64;
        }
        if r64 <= 1e-12 {
            return false;
        }
    }
    libm::pow(rho, f64::from(limit)) > 1e-12
}

/// A service time with this mean and squared coefficient of variation, gamma-shaped
/// (exponential at scv 1, constant at 0).
pub fn service_moments(mean_s: f64, scv: f64) -> Moments {
    Moments::new(mean_s, mean_s * mean_s * scv)
}

/// A fluid queue over one step of `dt` seconds (formulas.md §10): the backlog grows at
/// arrivals minus capacity, is bounded by `limit`, and what does not fit is dropped.
/// Returns (served, dropped) per second and updates the backlog.
pub fn fluid_step(backlog: &mut f64, rate: f64, capacity: f64, limit: f64, dt: f64) -> (f64, f64) {
    let available = *backlog + rate * dt;
    let served = available.min(capacity * dt);
    let remaining = available - served;
    let kept = remaining.min(limit.max(0.0));
    *backlog = kept;
    (served / dt, (remaining - kept) / dt)
}
