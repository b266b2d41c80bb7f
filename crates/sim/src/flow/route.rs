//! The two passes over the routing graph. Forward: each station serves what arrives and
//! its outgoing rates are spread over its links, multiplied by the retries the previous
//! pass predicted. Backward: each station's total time and success combine its own with
//! those of what it calls, through each link's timeout, retries and breaker.

use crate::classes::{Class, PerClass};
use crate::model::{LoadBalancer, Model, Policy};
use crate::moments::Moments;
use crate::plan::{Edge, MTLS_CPU_S, Node, Plan};
use scalelab_model::LinkMode;

use super::Pass;
use super::kinds::{Context, station, steady_instances};
use super::state::NodeState;
use super::station::{Arrival, Inbound, Routing};

/// Share of calls a tripped breaker still lets through (half-open probes).
const BREAKER_PROBE_SHARE: f64 = 0.05;

/// What flowed over one link in a pass, and what the caller experienced.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeFlow {
    /// Share of the caller's outgoing requests of each class taking this link (Split),
    /// or 1 (Each).
    pub share: PerClass,
    /// Attempts per second sent, per class, retries included.
    pub rate: PerClass,
    /// Attempts per call, from retries (1 without).
    pub attempts: f64,
    /// Probability a call (after retries) succeeds.
    pub success: PerClass,
    /// Probability an attempt times out.
    pub timeout_share: PerClass,
    /// Time one call takes, retries and backoff included.
    pub time: [Moments; 3],
    pub breaker_open: bool,
    /// Bytes per second over the link's bandwidth.
    pub bandwidth_load: f64,
    /// Bytes per second carried (requests and responses together).
    pub bytes_s: f64,
    /// Attempts per second the link could not carry.
    pub dropped: f64,
    /// Attempts per call of each class.
    pub attempts_per_class: PerClass,
    /// The callee's totals and the carried share this link's figures were computed from;
    /// while they stay within `REUSE_TOLERANCE`, the figures are reused.
    pub seen: Option<(Totals, f64)>,
}

impl Default for EdgeFlow {
    fn default() -> Self {
        Self {
            share: PerClass::ZERO,
            rate: PerClass::ZERO,
            attempts: 1.0,
            success: PerClass::splat(1.0),
            timeout_share: PerClass::ZERO,
            time: [Moments::ZERO; 3],
            breaker_open: false,
            bandwidth_load: 0.0,
            bytes_s: 0.0,
            dropped: 0.0,
            attempts_per_class: PerClass::splat(1.0),
            seen: None,
        }
    }
}

/// A request's whole time and success from a station onwards, per class.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Totals {
    pub time: [Moments; 3],
    pub success: PerClass,
    /// Time spent in calls to other components (what a caller's slot is held for).
    pub downstream: [Moments; 3],
}

impl Default for Totals {
    fn default() -> Self {
        Self { time: [Moments::ZERO; 3], success: PerClass::splat(1.0), downstream: [Moments::ZERO; 3] }
    }
}

/// The forward pass. Returns what arrived at each station.
pub fn forward(
    plan: &Plan,
    states: &mut [NodeState],
    pass: &mut Pass,
    ctx: &Context,
    health: &Health,
    inbound: &mut Vec<Inbound>,
) {
    inbound.clear();
    inbound.resize(plan.nodes.len(), Inbound::default());
    for &index in &plan.order {
        let (Some(node), Some(state)) = (plan.nodes.get(index), states.get_mut(index)) else { continue };
        if matches!(node.model, Model::Queue(_)) {
            state.consumer_capacity = Some(consumer_capacity(plan, node));
        }
        let arriving = inbound.get(index).copied().unwrap_or_default();
        let downstream = pass.totals.get(index).map(|t| t.downstream).unwrap_or([Moments::ZERO; 3]);
        let outcome = if health.is_down(index) {
            state.cached = None;
            crashed(arriving.rate)
        } else if let Some(reused) = reuse(state, &arriving, &downstream, ctx) {
            reused
        } else {
            // An outcome that drained a backlog served more than arrived: reused in a later
            // step, with the backlog gone, it would serve requests that never came.
            let drained = state.backlog > 0.0;
            let outcome = station(node, &arriving, ctx, state, &downstream);
            state.cached = (!drained && cacheable(node, state, &outcome, ctx)).then_some((
                arriving,
                outcome,
                downstream.map(|m| m.mean),
            ));
            outcome
        };
        if let Some(edges) = pass.edges.get_mut(index) {
            spread(plan, node, &outcome.forward, outcome.routing, edges, inbound, ctx, health);
        }
        if let Some(slot) = pass.outcomes.get_mut(index) {
            *slot = outcome;
        }
    }
}

/// How far a station's arrivals may drift from the computation it cached before it is
/// computed again: 0.1 % per class. Below saturation every figure moves smoothly with the
/// rate, so the reused outcome is off by less than that.
const REUSE_TOLERANCE: f64 = 1e-3;
/// Only stations comfortably below saturation reuse: near it, waiting grows too fast.
const REUSE_BELOW_LOAD: f64 = 0.8;

/// Whether a station's outcome may be reused in later steps of a run: a stateless kind,
/// no backlog, not near saturation.
fn cacheable(node: &Node, state: &NodeState, outcome: &super::station::Outcome, ctx: &Context) -> bool {
    ctx.dt.is_some()
        && state.backlog == 0.0
        && outcome.load < REUSE_BELOW_LOAD
        && outcome.hard_limit.is_none()
        && !matches!(node.model, Model::Users(_) | Model::Queue(_) | Model::AnalyticsSink(_) | Model::Gateway(_))
}

/// The cached outcome rescaled to the new arrivals, when they are within tolerance.
fn reuse(
    state: &NodeState,
    arriving: &Inbound,
    downstream: &[Moments; 3],
    ctx: &Context,
) -> Option<super::station::Outcome> {
    let (cached_in, cached_out, cached_down) = state.cached.as_ref()?;
    if ctx.dt.is_none() || cached_in.arrival != arriving.arrival {
        return None;
    }
    let close = |a: f64, b: f64| (a - b).abs() <= REUSE_TOLERANCE * a.abs().max(b.abs()) || (a == 0.0 && b == 0.0);
    let same_instances =
        state.instances.is_none_or(|now| (now - cached_out.instances).abs() < 1e-9 || cached_out.instances == 0.0);
    if !same_instances
        || !close(cached_in.extra_cpu, arriving.extra_cpu)
        || !cached_in.rate.0.iter().zip(arriving.rate.0.iter()).all(|(a, b)| close(*a, *b))
        || !cached_down.iter().zip(downstream.iter()).all(|(a, b)| close(*a, b.mean))
    {
        return None;
    }
    let per_class = arriving.rate.zip(cached_in.rate, |now, then| if then > 0.0 { now / then } else { 1.0 });
    let total = if cached_in.rate.total() > 0.0 { arriving.rate.total() / cached_in.rate.total() } else { 1.0 };
    let mut outcome = *cached_out;
    outcome.offered = arriving.rate;
    outcome.served = cached_out.served.zip(per_class, |v, r| v * r);
    outcome.forward = cached_out.forward.zip(per_class, |v, r| v * r);
    outcome.errors = cached_out.errors.scaled(total);
    outcome.load *= total;
    outcome.queue *= total;
    outcome.in_service *= total;
    outcome.storage_bytes_s *= total;
    outcome.egress_bytes_s *= total;
    Some(outcome)
}

/// Which components are down, and for how long, at this step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Health {
    /// Seconds each component has been down; None while it is up.
    pub down_for: Vec<Option<f64>>,
}

impl Health {
    pub fn is_down(&self, index: usize) -> bool {
        matches!(self.down_for.get(index), Some(Some(_)))
    }

    /// Whether a caller that notices failures after `detection_s` has taken it out.
    pub fn detected(&self, index: usize, detection_s: f64) -> bool {
        matches!(self.down_for.get(index), Some(Some(down)) if *down >= detection_s)
    }
}

/// A crashed component answers nothing: every request to it fails.
fn crashed(rate: PerClass) -> super::station::Outcome {
    let mut outcome = super::station::Outcome::passthrough(rate, Routing::None);
    outcome.served = PerClass::ZERO;
    outcome.forward = PerClass::ZERO;
    outcome.errors.failed = rate.total();
    outcome.success = PerClass::ZERO;
    outcome.capacity_rps = 0.0;
    outcome
}

/// Messages/s the consumers behind a queue process: the slowest subscriber sets it.
fn consumer_capacity(plan: &Plan, queue: &Node) -> f64 {
    queue
        .out
        .iter()
        .filter_map(|edge| plan.node(edge.to))
        .map(|consumer| match &consumer.model {
            Model::Worker(w) => f64::from(w.workers) / w.service_s,
            Model::Service(s) => f64::from(s.instances) * f64::from(s.cores) / s.service_s,
            Model::Serverless(f) => f.concurrency_limit / f.duration_s,
            _ => f64::INFINITY,
        })
        .fold(f64::INFINITY, f64::min)
}

/// Spreads a station's outgoing rates over its links.
#[allow(clippy::too_many_arguments)] // one call site; the arguments are the pass's parts
fn spread(
    plan: &Plan,
    node: &Node,
    forward: &PerClass,
    routing: Routing,
    edges: &mut [EdgeFlow],
    inbound: &mut [Inbound],
    ctx: &Context,
    health: &Health,
) {
    let weight = |edge: &Edge| split_weight(node, edge, health);
    let total_weight: f64 = node.out.iter().map(weight).sum();
    let lb = match &node.model {
        Model::LoadBalancer(lb) => Some(lb),
        _ => None,
    };
    let targets_instances: f64 = node.out.iter().map(|e| target_instances(plan, e.to)).sum();
    for (edge, flow) in node.out.iter().zip(edges.iter_mut()) {
        let share = match routing {
            Routing::Split if total_weight > 0.0 => weight(edge) / total_weight,
            Routing::Split => 0.0,
            Routing::Each => edge.calls,
            Routing::None => 0.0,
        };
        let retrying = edge.mode == LinkMode::Call;
        let attempts = if retrying { flow.attempts } else { 1.0 };
        let pass_share = if flow.breaker_open { BREAKER_PROBE_SHARE } else { 1.0 };
        let mut rate = forward.scale(share * attempts * pass_share);
        let bytes: f64 = rate.zip(PerClass(ctx.class_bytes), |r, b| r * b).total();
        flow.bytes_s = bytes;
        // Clients are many: only links between components are bounded by a network card,
        // one per instance of the receiving pool.
        let from_clients = matches!(node.model, Model::Users(_) | Model::Dns(_));
        let capacity = edge.bandwidth_bytes_s * target_instances(plan, edge.to).max(1.0);
        flow.bandwidth_load = if from_clients { 0.0 } else { bytes / capacity };
        flow.dropped = 0.0;
        if flow.bandwidth_load > 1.0 {
            flow.dropped = rate.total() * (1.0 - 1.0 / flow.bandwidth_load);
            rate = rate.scale(1.0 / flow.bandwidth_load);
        }
        flow.share = PerClass::splat(share);
        flow.rate = rate;
        let Some(target) = inbound.get_mut(edge.to) else { continue };
        target.rate = target.rate.plus(rate);
        if edge.mtls {
            target.extra_cpu += rate.total() * MTLS_CPU_S;
        }
        if let Some(lb) = lb {
            target.arrival = arrival_from(lb, targets_instances);
        }
    }
}

/// A link's weight in a splitting station's split: equal for load balancers that spread
/// evenly, by weight otherwise, and none for a target a load balancer found dead.
fn split_weight(node: &Node, edge: &Edge, health: &Health) -> f64 {
    match &node.model {
        Model::LoadBalancer(lb) if health.detected(edge.to, lb.detection_s) => 0.0,
        Model::LoadBalancer(lb) if lb.policy != Policy::Weighted => 1.0,
        _ => edge.weight.max(0.0),
    }
}

/// Instances of a receiving pool, as configured (autoscaling can only add to these).
pub fn target_instances(plan: &Plan, index: usize) -> f64 {
    match plan.node(index).map(|n| &n.model) {
        Some(Model::Service(s)) => steady_instances(s, &Inbound::default()).max(f64::from(s.instances)),
        Some(Model::Gateway(g)) => f64::from(g.instances),
        Some(Model::LoadBalancer(lb)) => lb.nodes,
        Some(Model::Cache(c)) => f64::from(c.nodes),
        Some(Model::Database(db)) => f64::from(db.shards) * f64::from(1 + db.replicas),
        Some(Model::Worker(w)) => f64::from(w.workers),
        // Managed services (CDN, object storage, queues, external APIs) are not one machine.
        Some(
            Model::Cdn(_)
            | Model::ObjectStorage(_)
            | Model::Queue(_)
            | Model::ExternalApi(_)
            | Model::AnalyticsSink(_)
            | Model::Serverless(_),
        ) => 1e6,
        _ => 1.0,
    }
}

/// How a load balancer's policy shapes arrivals at its targets' instances.
fn arrival_from(lb: &LoadBalancer, instances: f64) -> Arrival {
    match lb.policy {
        Policy::RoundRobin | Policy::Weighted => Arrival { round_robin_over: instances.max(1.0), ..Arrival::default() },
        Policy::Random => Arrival::default(),
        Policy::LeastConnections => Arrival { pooled: true, ..Arrival::default() },
        Policy::ConsistentHashing => Arrival {
            imbalance: lb
                .ring_imbalance
                .unwrap_or_else(|| crate::hashing::ring_imbalance(instances.max(1.0) as u32, lb.virtual_nodes)),
            hot_share: lb.hot_key_share,
            ..Arrival::default()
        },
    }
}

/// The backward pass: totals per station, callees before callers.
pub fn backward(plan: &Plan, pass: &mut Pass) {
    let Pass { outcomes, edges: all_edges, totals: all_totals } = pass;
    for &index in plan.order.iter().rev() {
        let Some(node) = plan.nodes.get(index) else { continue };
        let Some(outcome) = outcomes.get_mut(index) else { continue };
        let Some(edges) = all_edges.get_mut(index) else { continue };
        for (edge, flow) in node.out.iter().zip(edges.iter_mut()) {
            let callee = all_totals.get(edge.to).copied().unwrap_or_default();
            let callee_is_queue = matches!(plan.node(edge.to).map(|n| &n.model), Some(Model::Queue(_)));
            call(edge, flow, &callee, callee_is_queue);
        }
        let async_out = matches!(node.model, Model::Queue(_));
        let mut totals = Totals::default();
        for class in Class::ALL {
            let k = class.index();
            let own = outcome.own.get(k).copied().unwrap_or_default();
            let served = outcome.served.get(class);
            let forwarded = if served > 0.0 { (outcome.forward.get(class) / served).min(1.0) } else { 1.0 };
            let (down_time, down_success) = if async_out || node.out.is_empty() {
                (Moments::ZERO, 1.0)
            } else {
                combine(node, outcome.routing, edges, class)
            };
            let down = down_time.mix(forwarded, Moments::ZERO);
            *class.of_mut(&mut totals.downstream) = down;
            *class.of_mut(&mut totals.time) = own.then(down);
            totals.success.set(class, outcome.success.get(class) * (forwarded * down_success + (1.0 - forwarded)));
        }
        if let Some(slot) = all_totals.get_mut(index) {
            *slot = totals;
        }
        let timed_out: f64 = edges.iter().map(|flow| flow.rate.zip(flow.timeout_share, |r, t| r * t).total()).sum();
        let link_drops: f64 = edges.iter().map(|flow| flow.dropped).sum();
        outcome.errors.timed_out = timed_out;
        outcome.errors.unsent = link_drops;
        if edges.iter().any(|flow| flow.bandwidth_load > 1.0) {
            outcome.hard_limit = Some(super::station::Resource::Bandwidth);
        }
    }
}

/// What one call over `edge` costs the caller, given the callee's totals.
fn call(edge: &Edge, flow: &mut EdgeFlow, callee: &Totals, callee_is_queue: bool) {
    if edge.mode == LinkMode::Publish {
        // Fire and forget: the caller waits only for the hand-over.
        let handover = if callee_is_queue { callee.time } else { [Moments::ZERO; 3] };
        flow.time = handover.map(|t| Moments::fixed(edge.rtt_s).then(t));
        flow.success = if callee_is_queue { callee.success } else { PerClass::splat(1.0) };
        flow.attempts = 1.0;
        return;
    }
    let carried = if flow.bandwidth_load > 1.0 { 1.0 / flow.bandwidth_load } else { 1.0 };
    if let Some((seen, carried_then)) = &flow.seen
        && *carried_then == carried
        && totals_close(seen, callee)
    {
        flow.attempts = if flow.breaker_open { 1.0 } else { rate_weighted(flow.attempts_per_class, flow.rate) };
        return;
    }
    flow.seen = Some((*callee, carried));
    let mut worst_failure: f64 = 0.0;
    for class in Class::ALL {
        let k = class.index();
        let attempt = Moments::fixed(edge.rtt_s).then(callee.time.get(k).copied().unwrap_or_default());
        let timeout_share = attempt.tail(edge.timeout_s);
        let failure = (1.0 - carried * callee.success.get(class) * (1.0 - timeout_share)).clamp(0.0, 1.0);
        let retries = i32::try_from(edge.retries).unwrap_or(0);
        let attempts: f64 = (0..=retries).map(|j| failure.powi(j)).sum();
        let backoff: f64 = (1..=retries).map(|j| failure.powi(j) * edge.backoff_s * 2f64.powi(j - 1)).sum();
        // An attempt that times out costs the timeout; one that answers costs its time.
        let capped =
            if timeout_share > 0.0 { Moments::fixed(edge.timeout_s).mix(timeout_share, attempt) } else { attempt };
        *class.of_mut(&mut flow.time) = capped.repeated(attempts).then(Moments::fixed(backoff));
        flow.success.set(class, 1.0 - failure.powi(retries + 1));
        flow.timeout_share.set(class, timeout_share);
        worst_failure = worst_failure.max(failure);
        flow.attempts_per_class.set(class, attempts);
    }
    flow.attempts = rate_weighted(flow.attempts_per_class, flow.rate);
    if let Some(threshold) = edge.breaker {
        flow.breaker_open = worst_failure > threshold;
        if flow.breaker_open {
            // Fail fast for all but the probes.
            flow.success = flow.success.scale(BREAKER_PROBE_SHARE);
            flow.time = flow.time.map(|t| t.mix(BREAKER_PROBE_SHARE, Moments::ZERO));
            flow.attempts = 1.0;
        }
    }
}

/// Attempts per call averaged over the classes by their rates (the largest when nothing
/// flows yet).
fn rate_weighted(per_class: PerClass, rate: PerClass) -> f64 {
    let total = rate.total();
    if total > 0.0 {
        per_class.zip(rate, |a, r| a * r).total() / total
    } else {
        per_class.0.iter().copied().fold(1.0, f64::max)
    }
}

/// Whether two callee totals are within the reuse tolerance of each other.
fn totals_close(a: &Totals, b: &Totals) -> bool {
    let close = |x: f64, y: f64| x == y || (x - y).abs() <= REUSE_TOLERANCE * x.abs().max(y.abs());
    a.time.iter().zip(&b.time).all(|(x, y)| close(x.mean, y.mean) && close(x.var, y.var) && close(x.k3, y.k3))
        && a.success.0.iter().zip(&b.success.0).all(|(x, y)| close(*x, *y))
}

/// A station's time in calls and the success of those calls, for one class.
fn combine(node: &Node, routing: Routing, edges: &[EdgeFlow], class: Class) -> (Moments, f64) {
    let k = class.index();
    match routing {
        Routing::None => (Moments::ZERO, 1.0),
        Routing::Split => {
            let total: f64 = edges.iter().map(|e| e.share.get(class)).sum();
            if total <= 0.0 {
                return (Moments::ZERO, 1.0);
            }
            // A mixture over the links, built up one link at a time.
            let mut time = Moments::ZERO;
            let mut success = 0.0;
            let mut weight_so_far = 0.0;
            for flow in edges {
                let w = flow.share.get(class) / total;
                let t = flow.time.get(k).copied().unwrap_or_default();
                time = if weight_so_far == 0.0 { t } else { t.mix(w / (weight_so_far + w), time) };
                weight_so_far += w;
                success += w * flow.success.get(class);
            }
            (time, success)
        }
        Routing::Each => {
            let parallel = matches!(&node.model, Model::Service(s) if s.parallel_fanout);
            let mut sequential = Moments::ZERO;
            let mut branches = Vec::new();
            let mut success = 1.0;
            for (edge, flow) in node.out.iter().zip(edges) {
                let one = flow.time.get(k).copied().unwrap_or_default();
                // Below one call per request, a call happens on that share of requests.
                let t = if edge.calls < 1.0 { one.mix(edge.calls, Moments::ZERO) } else { one.repeated(edge.calls) };
                sequential = sequential.then(t);
                if parallel {
                    branches.push(if edge.calls < 1.0 { (one, edge.calls) } else { (t, 1.0) });
                }
                let call_success = flow.success.get(class);
                success *= if call_success == 1.0 || edge.calls == 1.0 {
                    call_success
                } else {
                    libm::pow(call_success, edge.calls)
                };
            }
            let time = if parallel { crate::moments::max_of(&branches) } else { sequential };
            (time, success)
        }
    }
}
