//! The request engine run on a document: latency distributions, tails and request paths
//! for a whole design, at any number of users, within an event budget.
//!
//! The method is decomposition. The flow engine's steady state gives the rate into every
//! queue of the design (the same pools it evaluates with formulas). Each queue is then
//! simulated request by request with the discrete-event engine: a pool of instances with
//! their own queues behind an even split is reduced by symmetry to a typical instance at
//! its share of the traffic (plus the busiest one when consistent hashing or a hot key
//! loads one more), and a pool with one shared queue is simulated whole, since Erlang C
//! is not scale-invariant. Arrivals are Poisson, or Erlang-k behind a round robin. The
//! event budget is shared between the simulated queues; a busy shared queue simulates
//! less time, and its report says how many requests its figures rest on.
//!
//! End-to-end times come from sampled request paths through the design: at each
//! component a request spends a time drawn from that component's simulated queue (or,
//! for components without one, from the flow engine's time distribution there), fails
//! with the measured share of drops (and the flow engine's other errors), then follows
//! the routing: one link by the links' shares, or every call in sequence or in parallel,
//! with timeouts, retries and backoff per attempt. Stations are taken as independent,
//! which is exact for product-form (Jackson) networks and an approximation otherwise;
//! the report says so.

use serde::{Deserialize, Serialize};

use crate::classes::Class;
use crate::flow::{self, EdgeFlow, Pass, Pool, Probe, Role, Routing};
use crate::model::Model;
use crate::plan::{Edge, Plan, SimError};
use crate::request::dist::Sampler;
use crate::request::histogram::{Empirical, Histogram};
use crate::request::{self, Arrivals, Network, RunOptions, Servers, ServiceDist, Station, Stop, TraceOptions};
use scalelab_model::number::{fixed, shortest};
use scalelab_model::{Document, LinkMode};

/// Bounds of a detailed run.
pub const MAX_EVENTS: u64 = 200_000_000;
pub const MAX_PATHS: u32 = 2_000_000;
pub const MAX_TRACES: u32 = 1_000;
pub const MAX_DURATION_S: f64 = 86_400.0;
/// Calls deeper than this on one path are not followed (synchronous cycles are refused
/// by validation; this bounds what is left).
const MAX_DEPTH: u32 = 64;
/// Below this many measured requests a queue's far tail is noted as imprecise.
const FEW_REQUESTS: u64 = 10_000;

/// How to run the request engine on a document.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct DetailOptions {
    /// Monthly active users.
    pub users: f64,
    pub seed: u64,
    /// Most simulated seconds per queue, a tenth of it warm-up. Each queue runs for its
    /// share of the event budget, up to this.
    pub duration_s: f64,
    /// Events (arrivals and completions) for all queues together.
    pub max_events: u64,
    /// Request paths sampled for the end-to-end figures.
    pub paths: u32,
    /// Paths kept with their timings, for the canvas to animate.
    pub traces: u32,
}

impl DetailOptions {
    /// Defaults for a document: its users and seed, up to an hour per queue, 4 million
    /// events, 100,000 paths and 32 traces.
    pub fn for_document(doc: &Document) -> Self {
        Self {
            users: doc.traffic.users,
            seed: doc.scenario.seed,
            duration_s: 3_600.0,
            max_events: 4_000_000,
            paths: 100_000,
            traces: 32,
        }
    }

    /// Every problem with these options.
    pub fn problems(&self) -> Vec<String> {
        let mut found = Vec::new();
        if !(self.users.is_finite() && self.users >= 0.0 && self.users <= scalelab_model::MAX_USERS) {
            found.push(format!(
                "users {} must be between 0 and {}",
                shortest(self.users),
                shortest(scalelab_model::MAX_USERS)
            ));
        }
        if !(self.duration_s.is_finite() && self.duration_s > 0.0 && self.duration_s <= MAX_DURATION_S) {
            found.push(format!(
                "duration {} s must be above 0 and at most {} s",
                shortest(self.duration_s),
                shortest(MAX_DURATION_S)
            ));
        }
        if self.max_events == 0 || self.max_events > MAX_EVENTS {
            found.push(format!("the event budget {} must be between 1 and {MAX_EVENTS}", self.max_events));
        }
        if self.paths == 0 || self.paths > MAX_PATHS {
            found.push(format!("paths {} must be between 1 and {MAX_PATHS}", self.paths));
        }
        if self.traces > MAX_TRACES || self.traces > self.paths {
            found.push(format!("traces {} must be at most {MAX_TRACES} and at most the paths", self.traces));
        }
        found
    }
}

/// Why a detailed run was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DetailError {
    #[error(transparent)]
    Invalid(#[from] SimError),
    #[error("the request engine's options: {}", .0.join("; "))]
    Options(Vec<String>),
}

/// What the request engine measured for a design.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DetailReport {
    pub users: f64,
    pub seed: u64,
    /// Events simulated over all queues, and the budget they had.
    pub events: u64,
    pub max_events: u64,
    pub components: Vec<ComponentDetail>,
    pub end_to_end: EndToEnd,
    pub traces: Vec<PathTrace>,
    /// How the figures were obtained and what they assume.
    pub notes: Vec<String>,
}

/// One component's simulated queues.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComponentDetail {
    pub id: String,
    pub queues: Vec<QueueDetail>,
}

/// One pool of a component and the instances of it that were simulated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueDetail {
    pub role: Role,
    pub instances: f64,
    pub servers_per_instance: u32,
    pub simulated: Vec<Representative>,
}

/// Which instance of a pool a simulation stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stands {
    /// Every instance (one shared queue, or a pool of one).
    Whole,
    /// A typical instance of an evenly loaded pool.
    Typical,
    /// The busiest instance (consistent hashing's imbalance, a hot key).
    Busiest,
}

/// One simulated queue: what it was given, what it measured, and what the flow
/// engine's formula predicts for the same queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Representative {
    pub stands_for: Stands,
    /// Share of the pool's requests this queue takes.
    pub traffic_share: f64,
    pub servers: u32,
    pub rate_rps: f64,
    /// Erlang phases of the arrivals (1: Poisson).
    pub erlang_k: u32,
    pub simulated_s: f64,
    pub stop: Stop,
    pub events: u64,
    /// Requests completed during measurement (the sample the figures rest on).
    pub requests: u64,
    pub utilisation: Option<f64>,
    pub drop_share: f64,
    pub latency: Option<request::Latency>,
    /// The flow engine's mean time in this queue, for comparison.
    pub formula_mean_ms: f64,
}

/// End-to-end figures from the sampled paths.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EndToEnd {
    pub paths: u64,
    /// Share of paths answered without error.
    pub ok_share: f64,
    /// Latency of the answered paths.
    pub latency: Option<request::Latency>,
}

/// One sampled request path.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PathTrace {
    pub class: Class,
    pub ok: bool,
    pub total_ms: f64,
    pub hops: Vec<PathHop>,
}

/// A component on a path: when the request reached it (from the start of the path) and
/// how long it spent there itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PathHop {
    pub component: String,
    pub start_ms: f64,
    pub own_ms: f64,
    pub ok: bool,
}

/// Runs the request engine on a document.
pub fn detail(doc: &Document, options: &DetailOptions) -> Result<DetailReport, DetailError> {
    let plan = Plan::new(doc)?;
    detail_plan(&plan, options)
}

/// Runs the request engine on a compiled design.
pub fn detail_plan(plan: &Plan, options: &DetailOptions) -> Result<DetailReport, DetailError> {
    let problems = options.problems();
    if !problems.is_empty() {
        return Err(DetailError::Options(problems));
    }
    let (pass, probes) = flow::steady_state_probed(plan, options.users);
    let jobs: Vec<(usize, usize, Job)> = probes
        .iter()
        .enumerate()
        .flat_map(|(node, list)| list.iter().enumerate().map(move |(q, probe)| (node, q, probe)))
        .flat_map(|(node, q, probe)| jobs_for(probe).into_iter().map(move |job| (node, q, job)))
        .collect();
    let per_job = options.max_events / (jobs.len().max(1) as u64);
    let mut notes = vec![
        "Each queue is simulated on its own at the rate the flow engine routes to it; a pool of instances with \
         their own queues is reduced by symmetry to a typical (and the busiest) instance."
            .to_owned(),
        "End-to-end times combine the simulated queues' times along sampled request paths, taking stations as \
         independent (exact for product-form networks, an approximation otherwise)."
            .to_owned(),
    ];
    let mut events = 0;
    let mut components: Vec<ComponentDetail> = plan
        .nodes
        .iter()
        .zip(&probes)
        .map(|(node, list)| ComponentDetail {
            id: node.id.to_string(),
            queues: list
                .iter()
                .map(|p| QueueDetail {
                    role: p.role,
                    instances: p.pool.instances,
                    servers_per_instance: p.pool.servers,
                    simulated: Vec::new(),
                })
                .collect(),
        })
        .collect();
    // Per node and queue, the simulated sojourn distributions with their traffic shares.
    let mut drawn: Vec<Vec<Vec<(f64, Empirical)>>> =
        probes.iter().map(|list| list.iter().map(|_| Vec::new()).collect()).collect();
    for (index, (node, q, job)) in jobs.iter().enumerate() {
        let seed = options.seed ^ (index as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let (representative, empirical) = simulate(job, seed, options.duration_s, per_job);
        events += representative.events;
        if representative.requests < FEW_REQUESTS && representative.rate_rps > 0.0 {
            let name = plan.nodes.get(*node).map(|n| n.id.to_string()).unwrap_or_default();
            notes.push(format!(
                "{name}: only {} requests measured in {} s of simulated time (the event budget's share): \
                 percentiles past p99 are imprecise.",
                representative.requests,
                fixed(representative.simulated_s, 3)
            ));
        }
        if let Some(slot) = drawn.get_mut(*node).and_then(|v| v.get_mut(*q)) {
            slot.push((representative.traffic_share, empirical));
        }
        if let Some(queue) = components.get_mut(*node).and_then(|c| c.queues.get_mut(*q)) {
            queue.simulated.push(representative);
        }
    }
    let mut walker = Walker {
        plan,
        pass: &pass,
        probes: &probes,
        drawn: &drawn,
        measured_drop: components
            .iter()
            .map(|c| c.queues.iter().map(|q| weighted_drop(&q.simulated)).collect())
            .collect(),
        sampler: Sampler::new(options.seed),
        hops: None,
    };
    let (end_to_end, traces) = walker.sample_paths(options.paths, options.traces);
    if components.iter().all(|c| c.queues.is_empty()) {
        notes.push("No component of this design has a queue to simulate: times come from the flow engine.".to_owned());
    }
    Ok(DetailReport {
        users: options.users,
        seed: options.seed,
        events,
        max_events: options.max_events,
        components,
        end_to_end,
        traces,
        notes,
    })
}

/// One queue to simulate.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Job {
    stands_for: Stands,
    traffic_share: f64,
    servers: u32,
    /// Requests that may wait.
    queue_limit: Option<u32>,
    rate: f64,
    erlang_k: u32,
    service_s: f64,
    service_scv: f64,
    shift_s: f64,
    /// The formula's mean time for the same queue.
    formula_s: f64,
}

/// The queues that stand for a pool, by symmetry; the same split of traffic as
/// [`Pool::serve`] makes.
fn jobs_for(probe: &Probe) -> Vec<Job> {
    let Probe { pool, rate, arrival, shift_s, .. } = *probe;
    let base = |stands_for, traffic_share, servers: u32, queue_limit, rate: f64, erlang_k: u32| {
        let scv = if erlang_k > 1 { 1.0 / f64::from(erlang_k) } else { 1.0 };
        let single = Pool { instances: 1.0, servers, queue_limit, ..pool };
        let formula = single.instance(rate, scv).time.mean;
        Job {
            stands_for,
            traffic_share,
            servers,
            queue_limit,
            rate,
            erlang_k,
            service_s: pool.service_s,
            service_scv: pool.service_scv,
            shift_s,
            formula_s: formula + shift_s,
        }
    };
    let instances = pool.instances.max(1.0);
    if arrival.pooled || instances <= 1.0 {
        let servers = (instances * f64::from(pool.servers)).min(f64::from(u32::MAX)) as u32;
        let limit = pool.queue_limit.map(|q| q.saturating_mul(instances as u32));
        return vec![base(Stands::Whole, 1.0, servers, limit, rate, 1)];
    }
    let erlang_k = if arrival.round_robin_over >= 2.0 {
        (arrival.round_robin_over.round() as u32).min(request::MAX_ERLANG_K)
    } else {
        1
    };
    let mean_share = rate / instances;
    let busiest = (mean_share * arrival.imbalance.max(1.0) * (1.0 - arrival.hot_share) + rate * arrival.hot_share)
        .max(mean_share)
        .min(rate);
    let mut jobs = Vec::new();
    let hot_fraction = if rate > 0.0 { (busiest / rate).min(1.0) } else { 0.0 };
    if busiest > mean_share * 1.000_001 {
        jobs.push(base(Stands::Busiest, hot_fraction, pool.servers, pool.queue_limit, busiest, erlang_k));
        jobs.push(base(Stands::Typical, 1.0 - hot_fraction, pool.servers, pool.queue_limit, mean_share, erlang_k));
    } else {
        jobs.push(base(Stands::Typical, 1.0, pool.servers, pool.queue_limit, mean_share, erlang_k));
    }
    jobs
}

/// Simulates one queue within `budget` events.
fn simulate(job: &Job, seed: u64, duration_s: f64, budget: u64) -> (Representative, Empirical) {
    let mut representative = Representative {
        stands_for: job.stands_for,
        traffic_share: job.traffic_share,
        servers: job.servers,
        rate_rps: job.rate,
        erlang_k: job.erlang_k,
        simulated_s: 0.0,
        stop: Stop::Duration,
        events: 0,
        requests: 0,
        utilisation: None,
        drop_share: 0.0,
        latency: None,
        formula_mean_ms: job.formula_s * 1e3,
    };
    if job.rate.is_nan() || job.rate <= 0.0 || job.servers == 0 {
        return (representative, Empirical::default());
    }
    let rate = job.rate.min(request::MAX_RATE_RPS);
    // Two events per request (arrival, completion); at least a second and 1,000 requests.
    let affordable_s = budget as f64 / (2.0 * rate);
    let simulated_s = duration_s.min(affordable_s.max(1.0).max(1_000.0 / rate)).min(request::MAX_DURATION_S);
    let mean_s = job.service_s.clamp(1e-9, request::MAX_MEAN_SERVICE_S);
    let service = if job.service_scv <= 1e-9 {
        ServiceDist::Deterministic { mean_s }
    } else if (job.service_scv - 1.0).abs() < 1e-9 {
        ServiceDist::Exponential { mean_s }
    } else {
        ServiceDist::LogNormal { mean_s, cv: libm::sqrt(job.service_scv).min(request::MAX_CV) }
    };
    let network = Network {
        stations: vec![Station {
            name: "queue".to_owned(),
            servers: Servers::Finite(job.servers),
            service,
            capacity: job.queue_limit.map(|q| q.saturating_add(job.servers)),
        }],
        routing: vec![request::Routing::Exit],
        arrivals: Arrivals { node: 0, rates_rps: vec![rate], endpoints_s: Vec::new(), erlang_k: job.erlang_k },
    };
    let options = RunOptions {
        seed,
        duration_s: simulated_s,
        warmup_s: simulated_s / 10.0,
        max_events: budget.clamp(1, request::MAX_EVENTS),
        traces: TraceOptions { max: 0, every: 1, max_hops: 0 },
        sample_every_s: None,
    };
    let Ok(plan) = request::Plan::new(&network) else {
        return (representative, Empirical::default());
    };
    let Ok(mut simulation) = request::Simulation::new(&plan, &options) else {
        return (representative, Empirical::default());
    };
    while simulation.advance(1 << 20) == request::Progress::Running {}
    let report = simulation.report();
    debug_assert_eq!(report.invariant_breaches, 0, "the request engine broke its invariants");
    debug_assert!(report.network.flow.is_conserved(), "the request engine lost requests: {:?}", report.network.flow);
    let empirical = Empirical::new(simulation.latencies());
    let station = report.stations.first();
    representative.simulated_s = report.end_s;
    representative.stop = report.stop;
    representative.events = report.events;
    representative.requests = report.network.flow.completed;
    representative.utilisation = station.and_then(|s| s.utilisation);
    representative.drop_share = report.network.drop_rate;
    representative.latency = report.network.latency.map(|l| shifted(l, job.shift_s * 1e3));
    (representative, empirical)
}

/// A latency summary with a constant added (a component's fixed time around its queue).
fn shifted(latency: request::Latency, ms: f64) -> request::Latency {
    let add = |v: f64| (v + ms).max(0.0);
    request::Latency {
        mean_ms: add(latency.mean_ms),
        p50_ms: add(latency.p50_ms),
        p95_ms: add(latency.p95_ms),
        p99_ms: add(latency.p99_ms),
        p999_ms: add(latency.p999_ms),
        max_ms: add(latency.max_ms),
        ..latency
    }
}

fn weighted_drop(simulated: &[Representative]) -> Option<f64> {
    (!simulated.is_empty()).then(|| simulated.iter().map(|r| r.traffic_share * r.drop_share).sum())
}

/// Samples request paths through the design.
struct Walker<'a> {
    plan: &'a Plan,
    pass: &'a Pass,
    probes: &'a [Vec<Probe>],
    drawn: &'a [Vec<Vec<(f64, Empirical)>>],
    measured_drop: Vec<Vec<Option<f64>>>,
    sampler: Sampler,
    /// The path being recorded, if this one is traced.
    hops: Option<Vec<PathHop>>,
}

impl Walker<'_> {
    fn sample_paths(&mut self, paths: u32, traces: u32) -> (EndToEnd, Vec<PathTrace>) {
        let entries: Vec<(usize, [f64; 3])> = self
            .plan
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| matches!(n.model, Model::Users(_)))
            .filter_map(|(i, _)| self.pass.outcomes.get(i).map(|o| (i, o.offered.0)))
            .collect();
        let total: f64 = entries.iter().map(|(_, r)| r.iter().sum::<f64>()).sum();
        let mut histogram = Histogram::default();
        let (mut sum_ns, mut sum_sq, mut max_ns, mut ok_count) = (0.0, 0.0, 0u64, 0u64);
        let mut kept = Vec::new();
        if total <= 0.0 {
            return (EndToEnd { paths: 0, ok_share: 1.0, latency: None }, kept);
        }
        let every = (paths / traces.max(1)).max(1);
        for n in 0..paths {
            let (entry, class) = self.pick_entry(&entries, total);
            let traced = traces > 0 && n % every == 0 && (kept.len() as u32) < traces;
            self.hops = traced.then(Vec::new);
            let (time_s, ok) = self.visit(entry, class, 0.0, 0);
            if let Some(hops) = self.hops.take() {
                kept.push(PathTrace { class, ok, total_ms: time_s * 1e3, hops });
            }
            if ok {
                let ns = (time_s * 1e9).max(0.0);
                histogram.record(ns as u64);
                sum_ns += ns;
                sum_sq += ns * ns;
                max_ns = max_ns.max(ns as u64);
                ok_count += 1;
            }
        }
        let latency = (ok_count > 0).then(|| {
            let count = ok_count as f64;
            let mean = sum_ns / count;
            let variance = (sum_sq / count - mean * mean).max(0.0);
            let ms = |q: f64| histogram.quantile_ns(q).unwrap_or(0.0) / 1e6;
            request::Latency {
                count: ok_count,
                mean_ms: mean / 1e6,
                mean_ms_std_error: (ok_count > 1).then(|| libm::sqrt(variance / count) / 1e6),
                p50_ms: ms(0.5),
                p95_ms: ms(0.95),
                p99_ms: ms(0.99),
                p999_ms: ms(0.999),
                max_ms: max_ns as f64 / 1e6,
            }
        });
        let end_to_end = EndToEnd { paths: u64::from(paths), ok_share: ok_count as f64 / f64::from(paths), latency };
        (end_to_end, kept)
    }

    fn pick_entry(&mut self, entries: &[(usize, [f64; 3])], total: f64) -> (usize, Class) {
        let mut u = self.sampler.unit() * total;
        for (node, rates) in entries {
            for class in Class::ALL {
                let r = rates.get(class.index()).copied().unwrap_or(0.0);
                if u < r {
                    return (*node, class);
                }
                u -= r;
            }
        }
        entries.last().map_or((0, Class::Read), |(node, _)| (*node, Class::Static))
    }

    /// A request of `class` arriving at `index` at `start_s`: its time from there on and
    /// whether it was answered without error.
    fn visit(&mut self, index: usize, class: Class, start_s: f64, depth: u32) -> (f64, bool) {
        let (Some(node), Some(outcome)) = (self.plan.nodes.get(index), self.pass.outcomes.get(index)) else {
            return (0.0, true);
        };
        let own = self.own_time(index, class);
        let success = outcome.success.get(class).clamp(0.0, 1.0);
        let offered = outcome.offered.total();
        let formula_drop = if offered > 0.0 { (outcome.errors.dropped / offered).clamp(0.0, 1.0) } else { 0.0 };
        let ok_here = match self.drop_for(index, class) {
            Some(measured) => (success / (1.0 - formula_drop).max(1e-12)).min(1.0) * (1.0 - measured),
            None => success,
        };
        let ok = self.sampler.unit() < ok_here;
        let hop = self.hops.as_mut().map(|hops| {
            hops.push(PathHop { component: node.id.to_string(), start_ms: start_s * 1e3, own_ms: own * 1e3, ok });
            hops.len() - 1
        });
        if !ok {
            return (own, false);
        }
        let served = outcome.served.get(class);
        let forwarded = if served > 0.0 { (outcome.forward.get(class) / served).clamp(0.0, 1.0) } else { 0.0 };
        let async_out = matches!(node.model, Model::Queue(_));
        if async_out || depth >= MAX_DEPTH || node.out.is_empty() || self.sampler.unit() >= forwarded {
            return (own, true);
        }
        let edges = self.pass.edges.get(index).map(Vec::as_slice).unwrap_or(&[]);
        let (down, down_ok) = match outcome.routing {
            Routing::None => (0.0, true),
            Routing::Split => {
                let total: f64 = edges.iter().map(|e| e.share.get(class)).sum();
                let mut u = self.sampler.unit() * total;
                let chosen = node.out.iter().zip(edges).find(|(_, flow)| {
                    let share = flow.share.get(class);
                    let hit = u < share;
                    u -= share;
                    hit
                });
                match chosen {
                    Some((edge, flow)) if total > 0.0 => self.call(edge, flow, class, start_s + own, depth),
                    _ => (0.0, true),
                }
            }
            Routing::Each => {
                let parallel = matches!(&node.model, Model::Service(s) if s.parallel_fanout);
                let (mut elapsed, mut longest, mut all_ok) = (0.0, 0.0_f64, true);
                for (edge, flow) in node.out.iter().zip(edges) {
                    let whole = libm::floor(edge.calls);
                    let calls = whole as u32 + u32::from(self.sampler.unit() < edge.calls - whole);
                    let mut branch = 0.0;
                    for _ in 0..calls {
                        let at = start_s + own + if parallel { branch } else { elapsed + branch };
                        let (t, call_ok) = self.call(edge, flow, class, at, depth);
                        branch += t;
                        all_ok &= call_ok;
                    }
                    elapsed += branch;
                    longest = longest.max(branch);
                }
                (if parallel { longest } else { elapsed }, all_ok)
            }
        };
        if let (Some(hops), Some(at)) = (self.hops.as_mut(), hop)
            && let Some(h) = hops.get_mut(at)
        {
            h.ok = down_ok;
        }
        (own + down, down_ok)
    }

    /// One call over a link, with its attempts.
    fn call(&mut self, edge: &Edge, flow: &EdgeFlow, class: Class, start_s: f64, depth: u32) -> (f64, bool) {
        let unsent = if flow.rate.total() + flow.dropped > 0.0 {
            flow.dropped / (flow.rate.total() + flow.dropped)
        } else {
            0.0
        };
        if self.sampler.unit() < unsent {
            return (0.0, false);
        }
        if edge.mode == LinkMode::Publish {
            let (t, ok) = self.visit(edge.to, class, start_s + edge.rtt_s / 2.0, depth + 1);
            return (edge.rtt_s + t, ok);
        }
        if flow.breaker_open && self.sampler.unit() >= 0.05 {
            return (0.0, false);
        }
        let mut elapsed = 0.0;
        for attempt in 0..=edge.retries {
            let (t, ok) = self.visit(edge.to, class, start_s + elapsed + edge.rtt_s / 2.0, depth + 1);
            let took = edge.rtt_s + t;
            if ok && took <= edge.timeout_s {
                return (elapsed + took, true);
            }
            elapsed += took.min(edge.timeout_s);
            if attempt < edge.retries {
                elapsed += edge.backoff_s * libm::pow(2.0, f64::from(attempt));
            }
        }
        (elapsed, false)
    }

    /// A draw of the time a request of `class` spends at the component itself.
    fn own_time(&mut self, index: usize, class: Class) -> f64 {
        let probes = self.probes.get(index).map(Vec::as_slice).unwrap_or(&[]);
        let drawn = self.drawn.get(index).map(Vec::as_slice).unwrap_or(&[]);
        let queue = probes.iter().zip(drawn).find(|(p, d)| serves(p.role, class) && !d.is_empty());
        if let Some((probe, representatives)) = queue {
            let mut u = self.sampler.unit();
            let chosen = representatives.iter().find(|(share, _)| {
                let hit = u < *share;
                u -= share;
                hit
            });
            if let Some((_, empirical)) = chosen.or(representatives.last())
                && !empirical.is_empty()
            {
                let (a, b) = (self.sampler.unit(), self.sampler.unit());
                return (empirical.draw_ns(a, b) / 1e9 + probe.shift_s).max(0.0);
            }
        }
        let own = self.pass.outcomes.get(index).and_then(|o| o.own.get(class.index()).copied()).unwrap_or_default();
        if own.var <= 0.0 {
            own.mean.max(0.0)
        } else {
            let u = self.sampler.unit().max(1e-12);
            own.quantile(u)
        }
    }

    /// The measured drop share of the queue that serves `class` at a component.
    fn drop_for(&self, index: usize, class: Class) -> Option<f64> {
        let probes = self.probes.get(index)?;
        let measured = self.measured_drop.get(index)?;
        probes.iter().zip(measured).find(|(p, _)| serves(p.role, class)).and_then(|(_, m)| *m)
    }
}

fn serves(role: Role, class: Class) -> bool {
    match role {
        Role::All => true,
        Role::Reads => class != Class::Write,
        Role::Writes => class == Class::Write,
    }
}
