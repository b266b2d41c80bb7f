//! Each component kind's behaviour in one step: what it serves, refuses and sends on,
//! how long requests spend there, and which resource bounds it.

use scalelab_model::number::clamp;

use crate::classes::{Class, PerClass};
use crate::model::{
    AnalyticsSink, Cache, Cdn, Database, Dns, ExternalApi, Gateway, LoadBalancer, Model, ObjectStorage, Partitioning,
    Queue, Serverless, Service, Users, Worker,
};
use crate::moments::Moments;
use crate::plan::Node;

use super::state::NodeState;
use super::station::{Arrival, Inbound, Outcome, Pool, Probe, Resource, Role, Routing, fluid_step};

/// What every station may need to know about the whole step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Context {
    /// Requests/s one daily active user makes right now (for DNS caching).
    pub per_user_rps: f64,
    /// Bytes per request of each class (request and response together).
    pub class_bytes: [f64; 3],
    /// The step length in seconds, or None for the steady state.
    pub dt: Option<f64>,
    /// Monthly active users per users component.
    pub users_each: f64,
    /// Traffic now over the daily average; None for each users component's own peak.
    pub demand_factor: Option<f64>,
}

/// Time spent in downstream calls per class, from the previous pass.
pub type Downstream = [Moments; 3];

const HOURS_PER_SECOND: f64 = 3600.0;

pub fn station(
    node: &Node,
    inbound: &Inbound,
    ctx: &Context,
    state: &mut NodeState,
    downstream: &Downstream,
) -> Outcome {
    let rate = inbound.rate;
    match &node.model {
        Model::Users(users) => users_station(users, ctx),
        Model::Dns(dns) => dns_station(dns, rate, ctx),
        Model::Cdn(cdn) => cdn_station(cdn, rate, ctx),
        Model::LoadBalancer(lb) => lb_station(lb, rate),
        Model::Gateway(gateway) => gateway_station(gateway, inbound, ctx, state),
        Model::Service(service) => service_station(service, inbound, ctx, state, downstream),
        Model::Serverless(function) => serverless_station(function, rate),
        Model::TrafficSplit => Outcome::passthrough(rate, Routing::Split),
        Model::Cache(cache) => cache_station(cache, inbound, state),
        Model::Database(db) => database_station(db, inbound, state),
        Model::ObjectStorage(store) => object_storage_station(store, rate, ctx),
        Model::Queue(queue) => queue_station(queue, rate, ctx, state),
        Model::Worker(worker) => worker_station(worker, inbound, state),
        Model::ExternalApi(api) => external_station(api, rate),
        Model::AnalyticsSink(sink) => analytics_station(sink, rate, ctx, state),
        Model::Region(_) | Model::Zone => Outcome::passthrough(PerClass::ZERO, Routing::None),
    }
}

fn users_station(users: &Users, ctx: &Context) -> Outcome {
    let offered = PerClass(users.mix).scale(users_rps(users, ctx));
    Outcome::passthrough(offered, Routing::Split)
}

/// Requests/s a users component sends now.
pub fn users_rps(users: &Users, ctx: &Context) -> f64 {
    let factor = ctx.demand_factor.unwrap_or(users.peak_factor);
    ctx.users_each * users.daily_active_share * users.requests_per_daily_user / scalelab_model::SECONDS_PER_DAY * factor
}

fn dns_station(dns: &Dns, rate: PerClass, ctx: &Context) -> Outcome {
    // A client resolves again once its cached answer expires: with r requests/s per user
    // and a TTL of t, about one request in (1 + r t) needs a lookup.
    let miss = 1.0 / (1.0 + ctx.per_user_rps * dns.ttl_s);
    let lookups = rate.total() * miss;
    let mut outcome = Outcome::passthrough(rate, Routing::Split);
    outcome.capacity_rps = dns.max_qps / miss.max(1e-12);
    outcome.load = lookups / dns.max_qps;
    outcome.resource = Some(Resource::Throughput);
    outcome.own = [Moments::fixed(dns.lookup_s).mix(miss, Moments::ZERO); 3];
    outcome.hit_ratio = Some(1.0 - miss);
    limit_overload(&mut outcome);
    outcome
}

fn cdn_station(cdn: &Cdn, rate: PerClass, ctx: &Context) -> Outcome {
    let hits = rate.get(Class::Static) * cdn.hit_ratio;
    let mut forward = rate;
    forward.set(Class::Static, rate.get(Class::Static) - hits);
    // The CDN delivers every response to the users, hits and misses alike.
    let egress = rate.zip(PerClass(ctx.class_bytes), |r, b| r * b).total();
    let mut outcome = Outcome::passthrough(rate, Routing::Split);
    outcome.forward = forward;
    outcome.capacity_rps = cdn.max_rps;
    outcome.load = rate.total() / cdn.max_rps;
    outcome.resource = Some(Resource::Throughput);
    outcome.hit_ratio = Some(cdn.hit_ratio);
    outcome.egress_bytes_s = egress;
    outcome.usd_per_hour = egress / 1e9 * cdn.egress_usd_per_gb * HOURS_PER_SECOND;
    // The origin round trip is on the outgoing link; a hit skips it entirely.
    outcome.own = [Moments::ZERO; 3];
    limit_overload(&mut outcome);
    outcome
}

fn lb_station(lb: &LoadBalancer, rate: PerClass) -> Outcome {
    let mut outcome = Outcome::passthrough(rate, Routing::Split);
    outcome.capacity_rps = lb.max_rps;
    outcome.load = rate.total() / lb.max_rps;
    outcome.resource = Some(Resource::Throughput);
    outcome.usd_per_hour = lb.usd_per_hour * lb.nodes;
    outcome.instances = lb.nodes;
    limit_overload(&mut outcome);
    outcome
}

/// A station that can only pass `capacity_rps` drops the excess.
fn limit_overload(outcome: &mut Outcome) {
    if outcome.load > 1.0 {
        let keep = 1.0 / outcome.load;
        let dropped = outcome.offered.total() * (1.0 - keep);
        outcome.errors.dropped += dropped;
        outcome.served = outcome.offered.scale(keep);
        outcome.forward = outcome.forward.scale(keep);
        outcome.success = PerClass::splat(keep);
    }
}

fn gateway_station(gateway: &Gateway, inbound: &Inbound, ctx: &Context, state: &mut NodeState) -> Outcome {
    let rate = inbound.rate;
    let total = rate.total();
    // Token bucket: in the steady state it passes at most its rate; over a step the bucket
    // lets a burst through first, then refills at the rate.
    let admitted = match ctx.dt {
        None => total.min(gateway.rate_limit_rps),
        Some(dt) => {
            let tokens = state.tokens.get_or_insert(gateway.burst);
            let available = *tokens + gateway.rate_limit_rps * dt;
            let passed = (total * dt).min(available);
            *tokens = (available - passed).min(gateway.burst);
            passed / dt
        }
    };
    let keep = if total > 0.0 { admitted / total } else { 1.0 };
    let pool = Pool {
        instances: f64::from(gateway.instances),
        servers: gateway.cores,
        service_s: gateway.cpu_s + inbound.extra_cpu / total.max(1e-12),
        service_scv: 0.5,
        queue_limit: Some(1_000),
    };
    let served = pool.serve(admitted, inbound.arrival);
    note(state, Probe { role: Role::All, pool, rate: admitted, arrival: inbound.arrival, shift_s: 0.0 });
    let pass = if admitted > 0.0 { served.accepted / admitted } else { 1.0 };
    let mut outcome = Outcome::passthrough(rate, Routing::Split);
    outcome.served = rate.scale(keep * pass);
    outcome.forward = outcome.served;
    outcome.errors.rate_limited = total - admitted;
    outcome.errors.dropped = served.dropped;
    outcome.capacity_rps = pool.capacity_rps().min(gateway.rate_limit_rps);
    let (load, resource) = if admitted < total {
        (total / gateway.rate_limit_rps, Resource::RateLimit)
    } else {
        (served.load, Resource::Cpu)
    };
    outcome.load = load;
    outcome.resource = Some(resource);
    outcome.own = [served.time; 3];
    outcome.success = PerClass::splat(keep * pass);
    outcome.queue = served.queue;
    outcome.in_service = served.in_service;
    outcome.instances = f64::from(gateway.instances);
    outcome.usd_per_hour = f64::from(gateway.instances) * gateway.usd_per_hour;
    outcome
}

fn service_station(
    service: &Service,
    inbound: &Inbound,
    ctx: &Context,
    state: &mut NodeState,
    downstream: &Downstream,
) -> Outcome {
    let rate = inbound.rate;
    let total = rate.total();
    let instances = state.instances.unwrap_or_else(|| steady_instances(service, inbound));
    let cpu_s = service.service_s + inbound.extra_cpu / total.max(1e-12);
    // A slot is held for the CPU time and for every synchronous call it makes.
    let hold_s = cpu_s + rate.weighted_mean(PerClass(downstream.map(|m| m.mean)));
    let cpu_pool = Pool {
        instances,
        servers: service.cores,
        service_s: cpu_s,
        service_scv: service.service_scv,
        queue_limit: Some(service.queue_limit),
    };
    let slot_pool = Pool { servers: service.concurrency, service_s: hold_s, ..cpu_pool };
    let (pool, resource) = if slot_pool.capacity_rps() < cpu_pool.capacity_rps() {
        (slot_pool, Resource::Concurrency)
    } else {
        (cpu_pool, Resource::Cpu)
    };
    let mut outcome = Outcome::passthrough(rate, Routing::Each);
    let (accepted, dropped, time, load) = match ctx.dt {
        Some(dt) if state.backlog > 0.0 || total >= pool.capacity_rps() => {
            let limit = f64::from(service.queue_limit) * instances;
            let (served, dropped) = fluid_step(&mut state.backlog, total, pool.capacity_rps(), limit, dt);
            let wait = state.backlog / pool.capacity_rps();
            let time = Moments::new(cpu_s, cpu_s * cpu_s * service.service_scv).then(Moments::fixed(wait));
            outcome.queue = state.backlog;
            (served, dropped, time, total / pool.capacity_rps())
        }
        _ => {
            let served = pool.serve(total, inbound.arrival);
            let shift_s = if resource == Resource::Concurrency { cpu_s - hold_s } else { 0.0 };
            note(state, Probe { role: Role::All, pool, rate: total, arrival: inbound.arrival, shift_s });
            outcome.queue = served.queue;
            outcome.in_service = served.in_service;
            // With slots binding, the slot's time includes the calls; keep only the wait.
            let time = if resource == Resource::Concurrency {
                Moments::new(cpu_s + (served.time.mean - hold_s).max(0.0), served.time.var)
            } else {
                served.time
            };
            (served.accepted, served.dropped, time, served.load)
        }
    };
    let keep = if total > 0.0 { accepted / total } else { 1.0 };
    outcome.served = rate.scale(keep);
    outcome.forward = outcome.served;
    outcome.errors.dropped = dropped;
    outcome.capacity_rps = pool.capacity_rps();
    outcome.load = load;
    outcome.resource = Some(resource);
    outcome.own = [time; 3];
    outcome.success = PerClass::splat(keep);
    outcome.instances = instances;
    outcome.usd_per_hour = instances * service.usd_per_hour;
    outcome
}

/// Notes a queue for the request engine, when the caller asked for them. Not inlined:
/// one copy serves every kind (the web app never asks, and carries it once).
#[inline(never)]
fn note(state: &mut NodeState, probe: Probe) {
    if let Some(probes) = state.probes.as_mut() {
        probes.push(probe);
    }
}

/// Instances a service runs in the steady state: its fixed pool, or with autoscaling
/// what holds the target utilisation, within its bounds.
pub fn steady_instances(service: &Service, inbound: &Inbound) -> f64 {
    if !service.autoscaling {
        return f64::from(service.instances);
    }
    let work = inbound.rate.total() * service.service_s + inbound.extra_cpu;
    let needed = (work / (f64::from(service.cores) * service.target_utilisation)).ceil();
    // Not `f64::clamp`: its panic message would bring the float writer into the page.
    clamp(needed, f64::from(service.min_instances), f64::from(service.max_instances.max(service.min_instances)))
}

fn serverless_station(function: &Serverless, rate: PerClass) -> Outcome {
    let total = rate.total();
    let warm = Moments::fixed(function.duration_s);
    let time = Moments::fixed(function.duration_s + function.cold_start_s).mix(function.cold_start_share, warm);
    // Executions in flight by Little's law; above the limit the excess is throttled.
    let capacity = function.concurrency_limit / time.mean;
    let admitted = total.min(capacity);
    let keep = if total > 0.0 { admitted / total } else { 1.0 };
    let mut outcome = Outcome::passthrough(rate, Routing::Each);
    outcome.served = rate.scale(keep);
    outcome.forward = outcome.served;
    outcome.errors.rate_limited = total - admitted;
    outcome.capacity_rps = capacity;
    outcome.load = total / capacity;
    outcome.resource = Some(Resource::RateLimit);
    outcome.own = [time; 3];
    outcome.success = PerClass::splat(keep);
    outcome.in_service = admitted * time.mean;
    outcome.instances = admitted * time.mean;
    outcome.usd_per_hour =
        admitted * (function.usd_per_call + time.mean * function.memory_gb * function.usd_per_gb_s) * HOURS_PER_SECOND;
    outcome
}

fn cache_station(cache: &Cache, inbound: &Inbound, state: &mut NodeState) -> Outcome {
    let rate = inbound.rate;
    let hit_ratio = cache.hit_ratio * state.warmth;
    let pool = Pool {
        instances: f64::from(cache.nodes),
        servers: 1,
        service_s: 1.0 / cache.ops_per_node + inbound.extra_cpu / rate.total().max(1e-12),
        service_scv: 0.5,
        queue_limit: Some(10_000),
    };
    let served = pool.serve(rate.total(), Arrival::default());
    let arrival = Arrival::default();
    note(state, Probe { role: Role::All, pool, rate: rate.total(), arrival, shift_s: cache.latency_s });
    let keep = if rate.total() > 0.0 { served.accepted / rate.total() } else { 1.0 };
    let mut forward = rate.scale(keep);
    forward.set(Class::Read, forward.get(Class::Read) * (1.0 - hit_ratio));
    let mut outcome = Outcome::passthrough(rate, Routing::Split);
    outcome.served = rate.scale(keep);
    outcome.forward = forward;
    outcome.errors.dropped = served.dropped;
    outcome.capacity_rps = pool.capacity_rps();
    outcome.load = served.load;
    outcome.resource = Some(Resource::CacheOps);
    outcome.own = [Moments::fixed(cache.latency_s).then(served.time); 3];
    outcome.success = PerClass::splat(keep);
    outcome.hit_ratio = Some(hit_ratio);
    outcome.queue = served.queue;
    outcome.instances = f64::from(cache.nodes);
    outcome.usd_per_hour = f64::from(cache.nodes) * cache.usd_per_hour;
    outcome
}

/// The busiest shard's share of the traffic over the mean share, before hot keys.
fn shard_imbalance(db: &Database) -> f64 {
    if db.shards <= 1 {
        return 1.0;
    }
    match db.partitioning {
        Partitioning::Hash => 1.0,
        // Key ranges are cut by size, not by traffic: recent or popular ranges run hot
        // (approximate: the busiest range sees half again its share).
        Partitioning::Range => 1.5,
        // A ring with 100 virtual nodes per shard (formulas.md §12).
        Partitioning::ConsistentHashing => {
            1.0 + crate::queueing::normal_quantile(1.0 - 1.0 / f64::from(db.shards)).max(0.0) / 10.0
        }
    }
}

/// Replicas replay the primary's writes; replay costs about half the original write
/// (approximate: no client round trip, no constraint checks).
const REPLAY_COST: f64 = 0.5;

fn database_station(db: &Database, inbound: &Inbound, state: &mut NodeState) -> Outcome {
    let rate = inbound.rate;
    let reads = rate.get(Class::Read) + rate.get(Class::Static);
    let writes = rate.get(Class::Write);
    let shards = f64::from(db.shards);
    let share = (shard_imbalance(db) / shards * (1.0 - db.hot_key_share) + db.hot_key_share).min(1.0);
    let (shard_reads, shard_writes) = (reads * share, writes * share);
    let extra = inbound.extra_cpu / rate.total().max(1e-12);
    let replicas = f64::from(db.replicas);
    // Work per server of the busiest shard, in CPU seconds per second.
    let (primary_reads, replica_reads) =
        if db.replicas > 0 { (0.0, shard_reads / replicas) } else { (shard_reads, 0.0) };
    let primary = server(db, primary_reads, shard_writes, 1.0, extra);
    let replica = (db.replicas > 0).then(|| server(db, replica_reads, shard_writes, REPLAY_COST, extra));
    let read_server = replica.unwrap_or(primary);
    let arrival = Arrival::default();
    match replica {
        Some(r) => {
            note(state, Probe { role: Role::Writes, pool: primary.pool, rate: primary.rate, arrival, shift_s: 0.0 });
            note(state, Probe { role: Role::Reads, pool: r.pool, rate: r.rate, arrival, shift_s: 0.0 });
        }
        None => note(state, Probe { role: Role::All, pool: primary.pool, rate: primary.rate, arrival, shift_s: 0.0 }),
    }
    let busiest = replica.map_or(primary, |r| if r.load > primary.load { r } else { primary });
    let mut outcome = Outcome::passthrough(rate, Routing::None);
    outcome.capacity_rps = if busiest.load > 0.0 { rate.total() / busiest.load } else { f64::INFINITY };
    outcome.load = busiest.load;
    outcome.resource = Some(Resource::Cpu);
    // Connections in use at the busiest server, by Little's law.
    let in_flight = busiest.rate * busiest.time.mean;
    outcome.connections = Some((in_flight, db.max_connections));
    let connection_keep = if in_flight > db.max_connections { db.max_connections / in_flight } else { 1.0 };
    if connection_keep < 1.0 {
        outcome.hard_limit = Some(Resource::Connections);
    }
    let keep = (busiest.keep * connection_keep).min(1.0);
    outcome.served = rate.scale(keep);
    outcome.forward = PerClass::ZERO;
    outcome.errors.dropped = rate.total() * (1.0 - keep);
    outcome.own = [read_server.time, primary.time, read_server.time];
    outcome.success = PerClass::splat(keep);
    outcome.queue = busiest.queue;
    let servers = shards * (1.0 + replicas);
    outcome.instances = servers;
    outcome.usd_per_hour = servers * db.usd_per_hour;
    outcome.storage_bytes_s = writes * keep * db.row_bytes;
    outcome.lag_s = if db.replicas > 0 { db.replication_lag_s } else { 0.0 };
    outcome
}

#[derive(Clone, Copy)]
struct Server {
    pool: Pool,
    rate: f64,
    load: f64,
    keep: f64,
    time: Moments,
    queue: f64,
}

/// One database server with `reads` and `writes` per second; writes cost `write_factor`
/// times the configured write time.
fn server(db: &Database, reads: f64, writes: f64, write_factor: f64, extra_s: f64) -> Server {
    let rate = reads + writes;
    let mean_s =
        if rate > 0.0 { (reads * db.read_s + writes * db.write_s * write_factor) / rate + extra_s } else { db.read_s };
    let pool =
        Pool { instances: 1.0, servers: db.cores, service_s: mean_s, service_scv: 1.0, queue_limit: Some(1_000) };
    if rate <= 0.0 {
        return Server { pool, rate: 0.0, load: 0.0, keep: 1.0, time: Moments::fixed(db.read_s), queue: 0.0 };
    }
    let served = pool.serve(rate, Arrival::default());
    Server { pool, rate, load: served.load, keep: served.accepted / rate, time: served.time, queue: served.queue }
}

fn object_storage_station(store: &ObjectStorage, rate: PerClass, ctx: &Context) -> Outcome {
    let gets = rate.get(Class::Read) + rate.get(Class::Static);
    let puts = rate.get(Class::Write);
    let get_capacity = store.prefixes * store.get_rps_per_prefix;
    let put_capacity = store.prefixes * store.put_rps_per_prefix;
    let (get_keep, put_keep) = ((get_capacity / gets.max(1e-12)).min(1.0), (put_capacity / puts.max(1e-12)).min(1.0));
    let mut outcome = Outcome::passthrough(rate, Routing::None);
    outcome.served = PerClass([rate.0[0] * get_keep, rate.0[1] * put_keep, rate.0[2] * get_keep]);
    outcome.forward = PerClass::ZERO;
    outcome.errors.rate_limited = rate.total() - outcome.served.total();
    outcome.load = (gets / get_capacity).max(puts / put_capacity);
    outcome.capacity_rps = rate.total() / outcome.load.max(1e-12);
    outcome.resource = Some(Resource::RateLimit);
    outcome.own = [Moments::new(store.latency_s, store.latency_s * store.latency_s); 3];
    outcome.success = PerClass([get_keep, put_keep, get_keep]);
    outcome.storage_bytes_s = puts * put_keep * Class::Write.of(&ctx.class_bytes);
    outcome.storage_usd_per_gb_month = store.usd_per_gb_month;
    outcome
}

fn queue_station(queue: &Queue, rate: PerClass, ctx: &Context, state: &mut NodeState) -> Outcome {
    let total = rate.total();
    let capacity = queue.partitions * queue.partition_bytes_s / queue.message_bytes;
    let accepted = total.min(capacity);
    // Consumers drain at most what the workers behind the queue can process.
    let drain = state.consumer_capacity.unwrap_or(f64::INFINITY);
    let mut outcome = Outcome::passthrough(rate, Routing::Each);
    let (delivered, dropped_backlog) = match ctx.dt {
        Some(dt) => fluid_step(&mut state.backlog, accepted, drain, queue.max_backlog, dt),
        None if accepted > drain => {
            // Consumers fall behind: the backlog fills to its limit, then the excess is refused.
            outcome.hard_limit = Some(Resource::ConsumerThroughput);
            state.backlog = queue.max_backlog;
            (drain, accepted - drain)
        }
        None => (accepted, 0.0),
    };
    let keep = if total > 0.0 { (accepted - dropped_backlog).max(0.0) / total } else { 1.0 };
    outcome.served = rate.scale(keep);
    outcome.forward = rate.scale(if total > 0.0 { delivered / total } else { 0.0 });
    outcome.errors.dropped = total - accepted + dropped_backlog;
    outcome.capacity_rps = capacity;
    outcome.load = total / capacity;
    outcome.resource = Some(Resource::PartitionThroughput);
    outcome.own = [Moments::fixed(queue.publish_s); 3];
    outcome.success = PerClass::splat(keep);
    outcome.backlog = state.backlog;
    outcome.lag_s = if drain > 0.0 && drain.is_finite() { state.backlog / drain } else { 0.0 };
    outcome.storage_bytes_s = accepted * queue.message_bytes;
    outcome.stored_bytes = accepted * queue.message_bytes * queue.retention_s;
    outcome
}

fn worker_station(worker: &Worker, inbound: &Inbound, state: &mut NodeState) -> Outcome {
    let rate = inbound.rate;
    let pool = Pool {
        instances: 1.0,
        servers: worker.workers,
        service_s: worker.service_s + inbound.extra_cpu / rate.total().max(1e-12),
        service_scv: worker.service_scv,
        queue_limit: None,
    };
    // The queue in front holds the backlog; the pool never receives more than it drains.
    let drained = rate.total().min(pool.capacity_rps() * 0.999_999);
    let served = pool.serve(drained, Arrival::default());
    note(state, Probe { role: Role::All, pool, rate: drained, arrival: Arrival::default(), shift_s: 0.0 });
    let mut outcome = Outcome::passthrough(rate, Routing::Each);
    outcome.capacity_rps = pool.capacity_rps();
    outcome.load = rate.total() / pool.capacity_rps();
    outcome.resource = Some(Resource::Cpu);
    outcome.own = [Moments::new(worker.service_s, worker.service_s * worker.service_s * worker.service_scv); 3];
    outcome.in_service = served.in_service;
    outcome.instances = f64::from(worker.workers);
    outcome.usd_per_hour = f64::from(worker.workers) * worker.usd_per_hour;
    outcome
}

fn external_station(api: &ExternalApi, rate: PerClass) -> Outcome {
    let total = rate.total();
    let admitted = total.min(api.rate_limit_rps);
    let keep = if total > 0.0 { admitted / total } else { 1.0 };
    let mut outcome = Outcome::passthrough(rate, Routing::None);
    outcome.served = rate.scale(keep);
    outcome.forward = PerClass::ZERO;
    outcome.errors.rate_limited = total - admitted;
    outcome.errors.failed = admitted * api.failure_rate;
    outcome.capacity_rps = api.rate_limit_rps;
    outcome.load = total / api.rate_limit_rps;
    outcome.resource = Some(Resource::RateLimit);
    outcome.own = [Moments::new(api.latency_s, 0.25 * api.latency_s * api.latency_s); 3];
    outcome.success = PerClass::splat(keep * (1.0 - api.failure_rate));
    outcome.usd_per_hour = admitted * api.usd_per_call * HOURS_PER_SECOND;
    outcome
}

fn analytics_station(sink: &AnalyticsSink, rate: PerClass, ctx: &Context, state: &mut NodeState) -> Outcome {
    let total = rate.total();
    let mut outcome = Outcome::passthrough(rate, Routing::None);
    let (_ingested, dropped) = match ctx.dt {
        Some(dt) => fluid_step(&mut state.backlog, total, sink.ingest_rps, sink.ingest_rps * 3_600.0, dt),
        None => (total.min(sink.ingest_rps), (total - sink.ingest_rps).max(0.0)),
    };
    outcome.served = rate.scale(if total > 0.0 { (total - dropped) / total } else { 1.0 });
    outcome.forward = PerClass::ZERO;
    outcome.errors.dropped = dropped;
    outcome.capacity_rps = sink.ingest_rps;
    outcome.load = total / sink.ingest_rps;
    outcome.resource = Some(Resource::Ingest);
    outcome.success = PerClass::splat(if total > 0.0 { 1.0 - dropped / total } else { 1.0 });
    outcome.backlog = state.backlog;
    outcome.lag_s = sink.processing_lag_s + state.backlog / sink.ingest_rps;
    outcome
}
