//! The scale sweep: the flow engine's steady state from a thousand to a billion users on a
//! log scale, and for each component the user count at which it saturates (found by
//! bisection, not by stepping through time), the resource that runs out there, and the
//! technique of the scaling journey that relieves it.

use scalelab_model::number::{fixed, shortest};
use scalelab_model::{ComponentId, ComponentKind};
use serde::{Deserialize, Serialize};

use crate::classes::Class;
use crate::flow::{self, Outcome, Resource};
use crate::model::Model;
use crate::plan::Plan;
use crate::report::{self, Latency};

/// Relative width to which each break point is narrowed.
const PRECISION: f64 = 0.005;
/// Most points a sweep evaluates on its grid.
pub const MAX_POINTS: usize = 1_000;

/// One point of the sweep.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepPoint {
    pub users: f64,
    pub entry_rps: f64,
    pub error_rate: f64,
    pub latency: Latency,
    pub cost_usd_per_month: f64,
    /// Components saturated at this point.
    pub saturated: Vec<ComponentId>,
}

pub use scalelab_model::Technique;

/// Where and why one component saturates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BreakPoint {
    pub component: ComponentId,
    pub kind: ComponentKind,
    /// The fewest monthly active users at which it is saturated.
    pub users: f64,
    /// Requests/s entering the design there.
    pub entry_rps: f64,
    pub resource: Resource,
    pub technique: Technique,
    /// The numbers behind the advice.
    pub why: String,
}

/// A whole sweep.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sweep {
    pub points: Vec<SweepPoint>,
    /// Break points, earliest first. Components that never saturate in range are absent.
    pub breaks: Vec<BreakPoint>,
}

/// Why a sweep's range was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SweepError {
    #[error("the sweep must run from 1 to 10B users with from < to; got {} to {}", shortest(*.0), shortest(*.1))]
    Range(f64, f64),
    #[error("a sweep takes 2 to {MAX_POINTS} points; got {0}")]
    Points(usize),
}

struct Evaluation {
    users: f64,
    pass: flow::Pass,
}

fn evaluate(plan: &Plan, users: f64) -> Evaluation {
    Evaluation { users, pass: flow::steady_state(plan, users, None) }
}

/// The sweep's points at many user counts, with one working set, and which components
/// are saturated at each.
fn evaluate_all(plan: &Plan, users: &[f64]) -> Vec<(SweepPoint, Vec<bool>)> {
    let mut flow = flow::Flow::new(plan);
    users
        .iter()
        .map(|&u| {
            flow::settle(&mut flow, u, None);
            let at = Evaluation { users: u, pass: std::mem::take(&mut flow.pass) };
            let flags = at.pass.outcomes.iter().map(saturated).collect();
            let sweep_point = point(plan, &at);
            flow.pass = at.pass;
            (sweep_point, flags)
        })
        .collect()
}

fn saturated(outcome: &Outcome) -> bool {
    outcome.load >= 1.0 || outcome.hard_limit.is_some()
}

/// Sweeps `points` user counts from `from` to `to` on a log scale.
pub fn sweep(plan: &Plan, from: f64, to: f64, points: usize) -> Result<Sweep, SweepError> {
    if !(from >= 1.0 && to <= 1e10 && from < to) {
        return Err(SweepError::Range(from, to));
    }
    if !(2..=MAX_POINTS).contains(&points) {
        return Err(SweepError::Points(points));
    }
    let grid: Vec<f64> = (0..points).map(|i| from * libm::pow(to / from, i as f64 / (points - 1) as f64)).collect();
    let (sweep_points, flags): (Vec<SweepPoint>, Vec<Vec<bool>>) = evaluate_all(plan, &grid).into_iter().unzip();
    // Components that first saturate in the same interval of the grid take the same
    // bisection steps until their brackets part: each step's evaluation is made once, and
    // only which components it saturates is kept (a whole evaluation for each would take
    // megabytes). The evaluation at each break point is kept for its diagnosis.
    let mut steps = Vec::new();
    let mut at_breaks: Vec<Evaluation> = Vec::new();
    let mut breaks = Vec::new();
    for (index, node) in plan.nodes.iter().enumerate() {
        let Some(first) = flags.iter().position(|f| f.get(index).copied().unwrap_or(false)) else { continue };
        let users = match first.checked_sub(1).and_then(|i| grid.get(i)) {
            Some(&before) => bisect(plan, index, before, grid.get(first).copied().unwrap_or(to), &mut steps),
            None => from,
        };
        let at = match at_breaks.iter().position(|e| e.users == users) {
            Some(at) => at,
            None => {
                at_breaks.push(evaluate(plan, users));
                at_breaks.len() - 1
            }
        };
        if let Some((outcome, at)) = at_breaks.get(at).and_then(|e| Some((e.pass.outcomes.get(index)?, e))) {
            breaks.push((index, diagnose(plan, node, index, outcome, users, at)));
        }
    }
    // Earliest first, ties in the design's order.
    scalelab_model::sort_by_insertion(&mut breaks, |(i, a), (j, b)| a.users.total_cmp(&b.users).then(i.cmp(j)).is_lt());
    Ok(Sweep { points: sweep_points, breaks: breaks.into_iter().map(|(_, b)| b).collect() })
}

/// Narrows the user count where component `index` saturates to within `PRECISION`,
/// between `ok` (not saturated) and `bad` (saturated), reusing the `steps` already made.
fn bisect(plan: &Plan, index: usize, mut ok: f64, mut bad: f64, steps: &mut Vec<(f64, Vec<bool>)>) -> f64 {
    while bad / ok > 1.0 + PRECISION {
        let mid = (ok * bad).sqrt();
        let made = match steps.iter().position(|(users, _)| *users == mid) {
            Some(made) => made,
            None => {
                let e = evaluate(plan, mid);
                steps.push((mid, e.pass.outcomes.iter().map(saturated).collect()));
                steps.len() - 1
            }
        };
        if steps.get(made).and_then(|(_, flags)| flags.get(index)).copied().unwrap_or(false) {
            bad = mid;
        } else {
            ok = mid;
        }
    }
    bad
}

fn point(plan: &Plan, e: &Evaluation) -> SweepPoint {
    let (entry_rps, _, error_rate, latency) = report::headline(plan, &e.pass);
    SweepPoint {
        users: e.users,
        entry_rps,
        error_rate,
        latency,
        cost_usd_per_month: report::monthly_cost(plan, &e.pass),
        saturated: plan
            .nodes
            .iter()
            .zip(&e.pass.outcomes)
            .filter(|(_, o)| saturated(o))
            .map(|(n, _)| n.id.clone())
            .collect(),
    }
}

/// The resource that ran out, from the engine's own figures, and what relieves it.
fn diagnose(
    plan: &Plan,
    node: &crate::plan::Node,
    index: usize,
    outcome: &Outcome,
    users: f64,
    at: &Evaluation,
) -> BreakPoint {
    let resource =
        if outcome.load >= 1.0 { outcome.resource } else { outcome.hard_limit }.unwrap_or(Resource::Throughput);
    let offered = outcome.offered.total();
    let reads = outcome.offered.get(Class::Read) + outcome.offered.get(Class::Static);
    let writes = outcome.offered.get(Class::Write);
    let static_share = if offered > 0.0 { outcome.offered.get(Class::Static) / offered } else { 0.0 };
    let technique = match (&node.model, resource) {
        (Model::Service(s), Resource::Cpu) if !s.autoscaling && s.instances > 1 => Technique::Autoscaling,
        (Model::Service(_), Resource::Cpu) => Technique::HorizontalScaling,
        (Model::Service(_), Resource::Concurrency) if has_slow_calls(plan, node) => Technique::QueueAndWorkers,
        (Model::Service(_), Resource::Concurrency) => Technique::AsyncCalls,
        (Model::Database(_), Resource::Connections) => Technique::ConnectionPooling,
        (Model::Database(_), _) if writes > reads => Technique::Sharding,
        (Model::Database(db), _) if has_cache_upstream(plan, index) || db.replicas > 0 => Technique::ReadReplicas,
        (Model::Database(_), _) => Technique::Cache,
        (Model::LoadBalancer(_), _) if static_share > 0.3 => Technique::Cdn,
        (Model::LoadBalancer(_), _) => Technique::MoreLoadBalancers,
        (Model::Gateway(_), Resource::RateLimit) => Technique::RateLimitIncrease,
        (Model::Gateway(_), _) => Technique::HorizontalScaling,
        (Model::Cache(_), _) => Technique::CacheCluster,
        (Model::Queue(_), Resource::ConsumerThroughput) => Technique::MoreWorkers,
        (Model::Queue(_), _) => Technique::MorePartitions,
        (Model::Worker(_), _) => Technique::MoreWorkers,
        (Model::ObjectStorage(_), _) => Technique::PrefixSpreading,
        (Model::ExternalApi(_), _) | (Model::Serverless(_), _) => Technique::RateLimitIncrease,
        (Model::Cdn(_), _) | (Model::Dns(_), _) => Technique::MultiRegion,
        (Model::AnalyticsSink(_), _) => Technique::HorizontalScaling,
        _ => Technique::HorizontalScaling,
    };
    let limit_detail = match (resource, outcome.connections) {
        (Resource::Connections, Some((in_flight, limit))) => {
            format!("; {} queries in flight against a limit of {} connections", fixed(in_flight, 0), fixed(limit, 0))
        }
        (Resource::ConsumerThroughput, _) => format!("; consumers lag by {} s", fixed(outcome.lag_s, 0)),
        (Resource::Bandwidth, _) => "; an outgoing link carries more bytes than its network takes".to_owned(),
        _ => String::new(),
    };
    let why = format!(
        "at {} users ({} req/s entering) {} receives {} req/s against a capacity of {} req/s ({} % load; {} % reads, {} % writes){limit_detail}",
        scalelab_model::format_count(users),
        scalelab_model::format_count(flow::entry_rps(plan, &at.pass).total()),
        node.id,
        scalelab_model::format_count(offered),
        if outcome.capacity_rps.is_finite() {
            scalelab_model::format_count(outcome.capacity_rps)
        } else {
            "unbounded".into()
        },
        fixed(outcome.load * 100.0, 0),
        fixed(if offered > 0.0 { reads / offered * 100.0 } else { 0.0 }, 0),
        fixed(if offered > 0.0 { writes / offered * 100.0 } else { 0.0 }, 0),
    );
    BreakPoint {
        component: node.id.clone(),
        kind: node.kind,
        users,
        entry_rps: flow::entry_rps(plan, &at.pass).total(),
        resource,
        technique,
        why,
    }
}

/// Whether a service makes synchronous calls that could wait in a queue (to an external
/// API, a function or object storage).
fn has_slow_calls(plan: &Plan, node: &crate::plan::Node) -> bool {
    node.out.iter().any(|e| {
        e.mode == scalelab_model::LinkMode::Call
            && matches!(
                plan.node(e.to).map(|n| &n.model),
                Some(Model::ExternalApi(_) | Model::Serverless(_) | Model::ObjectStorage(_))
            )
    })
}

/// Whether a cache already sits on a path into component `index`.
fn has_cache_upstream(plan: &Plan, index: usize) -> bool {
    plan.nodes.iter().any(|n| matches!(n.model, Model::Cache(_)) && n.out.iter().any(|e| e.to == index))
}
