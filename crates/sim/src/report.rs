//! The engine's answer for a design, per component and end to end. Every figure names
//! its unit; percentiles say how they were computed.

use scalelab_model::{ComponentId, ComponentKind, Document};
use serde::{Deserialize, Serialize};

use crate::classes::Class;
use crate::flow::{self, Errors, Pass, Resource};
use crate::model::Model;
use crate::moments::Moments;
use crate::plan::{Plan, SimError};

/// Hours in an average month (365 x 24 / 12), for monthly prices.
pub const HOURS_PER_MONTH: f64 = 730.0;
/// Internet egress from a cloud region (approximate list price of the first 10 TB a
/// month at a major cloud, 2026).
pub const ORIGIN_EGRESS_USD_PER_GB: f64 = 0.09;
/// How the flow engine's percentiles are obtained.
pub const FLOW_PERCENTILES: &str =
    "approximate: a shifted gamma distribution matched to the mean, variance and skew of each path's time";

/// A latency distribution's summary, in milliseconds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Latency {
    pub mean_ms: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub p999_ms: f64,
}

impl Latency {
    pub fn from_moments(m: &Moments) -> Self {
        let ms = |s: f64| if s.is_finite() { s * 1000.0 } else { f64::INFINITY };
        Self {
            mean_ms: ms(m.mean),
            p50_ms: ms(m.quantile(0.5)),
            p95_ms: ms(m.quantile(0.95)),
            p99_ms: ms(m.quantile(0.99)),
            p999_ms: ms(m.quantile(0.999)),
        }
    }
}

/// What one component does under the design's traffic.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComponentReport {
    pub id: ComponentId,
    pub kind: ComponentKind,
    /// Requests per second arriving (attempts, retries included).
    pub offered_rps: f64,
    /// Requests per second it admitted and answered.
    pub served_rps: f64,
    pub errors: Errors,
    /// Requests per second it could serve at most, at the current mix; infinite if unbounded.
    pub capacity_rps: f64,
    /// Offered work over capacity; at or above 1 the component is saturated.
    pub load: f64,
    /// Share of its capacity in use, from 0 to 1.
    pub utilisation: f64,
    /// Load at or above capacity, or a hard limit (connections, a growing backlog) reached.
    pub saturated: bool,
    /// What runs out, when saturated.
    pub limit: Option<Resource>,
    /// The resource its load measures.
    pub resource: Option<Resource>,
    /// Time a request spends at the component itself (waiting and service), read class.
    pub latency: Latency,
    /// Mean requests waiting, and in service.
    pub queue: f64,
    pub in_service: f64,
    pub instances: f64,
    pub cost_usd_per_month: f64,
    pub storage_gb_per_day: f64,
    /// Data held at once (a queue's retained messages), in GB.
    pub stored_gb: f64,
    pub hit_ratio: Option<f64>,
    pub backlog: f64,
    pub lag_s: f64,
    /// Queries in flight at the busiest server and the connection limit (databases).
    pub connections: Option<(f64, f64)>,
}

/// What flows over one link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkReport {
    pub from: ComponentId,
    pub to: ComponentId,
    /// Attempts per second carried, retries included.
    pub rps: f64,
    /// Attempts per call (1 without retries).
    pub attempts: f64,
    /// Share of attempts that time out.
    pub timeout_share: f64,
    pub breaker_open: bool,
    /// Bytes per second over the link's bandwidth; at or above 1 it is saturated.
    pub bandwidth_load: f64,
}

/// End-to-end figures for one request class.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassReport {
    pub class: Class,
    pub entry_rps: f64,
    /// Share of requests answered without error.
    pub success: f64,
    pub latency: Latency,
}

/// The engine's answer for a whole design.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub users: f64,
    /// Requests per second entering the design.
    pub entry_rps: f64,
    /// Requests per second answered without error, end to end.
    pub good_rps: f64,
    /// Share of requests that end in an error.
    pub error_rate: f64,
    /// End-to-end latency over all classes.
    pub latency: Latency,
    pub percentile_method: String,
    pub classes: Vec<ClassReport>,
    pub cost_usd_per_month: f64,
    pub cost_usd_per_million_requests: f64,
    pub components: Vec<ComponentReport>,
    pub links: Vec<LinkReport>,
    /// What looks unfinished: components no traffic reaches, dead ends.
    pub warnings: Vec<scalelab_model::Problem>,
}

impl Report {
    pub fn component(&self, id: &str) -> Option<&ComponentReport> {
        self.components.iter().find(|c| c.id.as_str() == id)
    }
}

/// Evaluates a document's steady state at its daily peak.
pub fn evaluate(doc: &Document) -> Result<Report, SimError> {
    let plan = Plan::new(doc)?;
    Ok(evaluate_plan(&plan, plan.users))
}

/// Evaluates a compiled design's steady state at `users` monthly active users.
pub fn evaluate_plan(plan: &Plan, users: f64) -> Report {
    let pass = flow::steady_state(plan, users, None);
    build(plan, &pass, users)
}

/// Turns a pass into a report.
pub fn build(plan: &Plan, pass: &Pass, users: f64) -> Report {
    let components: Vec<ComponentReport> = plan
        .nodes
        .iter()
        .zip(&pass.outcomes)
        .filter(|(node, _)| !node.kind.is_container())
        .map(|(node, o)| {
            let saturated_by_load = o.load >= 1.0;
            let limit = if saturated_by_load { o.resource } else { o.hard_limit };
            ComponentReport {
                id: node.id.clone(),
                kind: node.kind,
                offered_rps: o.offered.total(),
                served_rps: o.served.total(),
                errors: o.errors,
                capacity_rps: o.capacity_rps,
                load: o.load,
                utilisation: o.load.clamp(0.0, 1.0),
                saturated: saturated_by_load || o.hard_limit.is_some(),
                limit,
                resource: o.resource,
                latency: Latency::from_moments(o.own.first().unwrap_or(&Moments::ZERO)),
                queue: if o.queue.is_finite() { o.queue } else { f64::MAX },
                in_service: o.in_service,
                instances: o.instances,
                cost_usd_per_month: o.usd_per_hour * HOURS_PER_MONTH + storage_usd_per_month(o),
                storage_gb_per_day: o.storage_bytes_s * 86_400.0 / 1e9,
                stored_gb: o.stored_bytes / 1e9,
                hit_ratio: o.hit_ratio,
                backlog: if o.backlog.is_finite() { o.backlog } else { f64::MAX },
                lag_s: o.lag_s,
                connections: o.connections,
            }
        })
        .collect();
    let (per_class, overall, entry, good) = end_to_end(plan, pass);
    let classes = per_class
        .into_iter()
        .map(|(class, entry_rps, success, time)| ClassReport {
            class,
            entry_rps,
            success,
            latency: Latency::from_moments(&time),
        })
        .collect();
    let cost_usd_per_month = monthly_cost(plan, pass);
    let requests_per_month = entry * 3600.0 * HOURS_PER_MONTH;
    Report {
        users,
        entry_rps: entry,
        good_rps: good,
        error_rate: if entry > 0.0 { 1.0 - good / entry } else { 0.0 },
        latency: Latency::from_moments(&overall),
        percentile_method: FLOW_PERCENTILES.to_owned(),
        classes,
        cost_usd_per_month,
        cost_usd_per_million_requests: if requests_per_month > 0.0 {
            cost_usd_per_month / requests_per_month * 1e6
        } else {
            0.0
        },
        components,
        links: link_reports(plan, pass),
        warnings: plan.warnings.clone(),
    }
}

/// What the design costs per month at this pass's rates: every component (instances,
/// per-request charges, storage) and the origin's internet egress.
pub fn monthly_cost(plan: &Plan, pass: &Pass) -> f64 {
    let components: f64 = plan
        .nodes
        .iter()
        .zip(&pass.outcomes)
        .filter(|(node, _)| !node.kind.is_container())
        .map(|(_, o)| o.usd_per_hour * HOURS_PER_MONTH + storage_usd_per_month(o))
        .sum();
    let egress_usd_per_hour = origin_egress_bytes_s(plan, pass) / 1e9 * ORIGIN_EGRESS_USD_PER_GB * 3600.0;
    components + egress_usd_per_hour * HOURS_PER_MONTH
}

fn link_reports(plan: &Plan, pass: &Pass) -> Vec<LinkReport> {
    let mut links = Vec::new();
    for (node, edges) in plan.nodes.iter().zip(&pass.edges) {
        for (edge, flow) in node.out.iter().zip(edges) {
            let Some(to) = plan.node(edge.to) else { continue };
            let rate = flow.rate.total();
            links.push(LinkReport {
                from: node.id.clone(),
                to: to.id.clone(),
                rps: rate,
                attempts: flow.attempts,
                timeout_share: if rate > 0.0 {
                    flow.rate.zip(flow.timeout_share, |r, t| r * t).total() / rate
                } else {
                    0.0
                },
                breaker_open: flow.breaker_open,
                bandwidth_load: flow.bandwidth_load,
            });
        }
    }
    links
}

/// What a month of writes costs to keep, averaged over the month as it fills up linearly.
fn storage_usd_per_month(o: &flow::Outcome) -> f64 {
    let gb_per_month = o.storage_bytes_s * 3600.0 * HOURS_PER_MONTH / 1e9;
    0.5 * gb_per_month * o.storage_usd_per_gb_month
}

/// Requests/s entering the design and answered without error, end to end: the cheap
/// part of a report, for every step of a run.
pub fn entry_and_good(plan: &Plan, pass: &Pass) -> (f64, f64) {
    let mut entry = 0.0;
    let mut good = 0.0;
    for ((node, outcome), totals) in plan.nodes.iter().zip(&pass.outcomes).zip(&pass.totals) {
        if matches!(node.model, Model::Users(_)) {
            entry += outcome.offered.total();
            good += outcome.offered.zip(totals.success, |r, s| r * s).total();
        }
    }
    (entry, good)
}

/// What a run's sample needs of a pass: requests/s entering and answered, the error
/// rate and the end-to-end latency (without the per-component percentiles of a report).
pub fn headline(plan: &Plan, pass: &Pass) -> (f64, f64, f64, Latency) {
    let (_, overall, entry, good) = end_to_end(plan, pass);
    let error_rate = if entry > 0.0 { 1.0 - good / entry } else { 0.0 };
    (entry, good, error_rate, Latency::from_moments(&overall))
}

/// Per class (entry rate, success, time) and overall: the users components' totals,
/// mixed by their traffic.
#[allow(clippy::type_complexity)] // a private tuple, named where it is taken apart
fn end_to_end(plan: &Plan, pass: &Pass) -> (Vec<(Class, f64, f64, Moments)>, Moments, f64, f64) {
    let entry = flow::entry_rps(plan, pass);
    let mut overall = Moments::ZERO;
    let mut overall_weight = 0.0;
    let mut good = 0.0;
    let mut classes = Vec::new();
    for class in Class::ALL {
        let mut time = Moments::ZERO;
        let mut weight = 0.0;
        let mut success_rps = 0.0;
        for ((node, outcome), totals) in plan.nodes.iter().zip(&pass.outcomes).zip(&pass.totals) {
            if !matches!(node.model, Model::Users(_)) {
                continue;
            }
            let rate = outcome.offered.get(class);
            if rate <= 0.0 {
                continue;
            }
            let t = totals.time.get(class.index()).copied().unwrap_or_default();
            time = if weight == 0.0 { t } else { t.mix(rate / (weight + rate), time) };
            weight += rate;
            success_rps += rate * totals.success.get(class);
        }
        if weight > 0.0 {
            overall = if overall_weight == 0.0 { time } else { time.mix(weight / (overall_weight + weight), overall) };
            overall_weight += weight;
        }
        good += success_rps;
        classes.push((class, entry.get(class), if weight > 0.0 { success_rps / weight } else { 1.0 }, time));
    }
    (classes, overall, entry.total(), good)
}

/// Bytes per second leaving the origin for the internet: what the users (directly or
/// through DNS) fetch from anything but a CDN, which bills its own egress.
fn origin_egress_bytes_s(plan: &Plan, pass: &Pass) -> f64 {
    let mut bytes = 0.0;
    for (node, edges) in plan.nodes.iter().zip(&pass.edges) {
        if !matches!(node.model, Model::Users(_) | Model::Dns(_)) {
            continue;
        }
        for (edge, flow) in node.out.iter().zip(edges) {
            if !matches!(plan.node(edge.to).map(|n| &n.model), Some(Model::Cdn(_) | Model::Dns(_))) {
                bytes += flow.bytes_s;
            }
        }
    }
    bytes
}
