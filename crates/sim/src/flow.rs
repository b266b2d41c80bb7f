//! The flow engine's steady state at the daily peak: per-component arrival rates
//! propagated through the routing graph, then utilisation, latency and saturation from
//! closed-form queueing results.

use scalelab_model::{Component, ComponentId, ComponentKind, Document};
use serde::{Deserialize, Serialize};

use crate::{Compiled, SimError, queueing};

/// The resource that runs out first at a component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    Cpu,
    Connections,
    ProxyThroughput,
}

/// What one component does under the design's peak traffic.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComponentReport {
    pub id: ComponentId,
    pub kind: ComponentKind,
    /// Requests per second arriving at the component.
    pub offered_rps: f64,
    /// Requests per second it completes (at most its capacity).
    pub served_rps: f64,
    /// Requests per second it could complete at most; infinite for a traffic source.
    pub capacity_rps: f64,
    /// Offered load over capacity; at or above 1 the component is saturated.
    pub load: f64,
    /// Share of its capacity in use, from 0 to 1.
    pub utilisation: f64,
    /// Mean time a request spends here (waiting and service), where the queue is stable.
    pub latency_ms_mean: Option<f64>,
    /// Offered load at or above capacity, or a hard limit reached.
    pub saturated: bool,
    /// What runs out, when the component is saturated.
    pub limit: Option<Resource>,
}

/// The flow engine's answer for a whole design.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub users: f64,
    /// Requests per second entering the design at the daily peak.
    pub entry_rps: f64,
    pub components: Vec<ComponentReport>,
}

/// Evaluates a document at its daily peak.
pub fn evaluate(doc: &Document) -> Result<Report, SimError> {
    let compiled = Compiled::new(doc)?;
    Ok(evaluate_compiled(&compiled))
}

fn evaluate_compiled(compiled: &Compiled<'_>) -> Report {
    let doc = compiled.doc;
    let user_groups = doc.components.iter().filter(|c| c.kind == ComponentKind::Users).count().max(1);
    let users_each = doc.traffic.users / user_groups as f64;
    let mut offered = vec![0.0_f64; doc.components.len()];
    let mut reports: Vec<Option<ComponentReport>> = vec![None; doc.components.len()];
    let mut entry_rps = 0.0;
    for &index in &compiled.order {
        let Some(component) = doc.components.get(index) else { continue };
        if component.kind == ComponentKind::Users {
            let rate = component.peak_rps(users_each);
            entry_rps += rate;
            if let Some(slot) = offered.get_mut(index) {
                *slot = rate;
            }
        }
        let arriving = offered.get(index).copied().unwrap_or(0.0);
        let report = station(component, arriving);
        let targets = compiled.targets.get(index).map(Vec::as_slice).unwrap_or(&[]);
        for (&target, rate) in targets.iter().zip(outgoing_rates(component.kind, report.served_rps, targets.len())) {
            if let Some(slot) = offered.get_mut(target) {
                *slot += rate;
            }
        }
        if let Some(slot) = reports.get_mut(index) {
            *slot = Some(report);
        }
    }
    Report { users: doc.traffic.users, entry_rps, components: reports.into_iter().flatten().collect() }
}

/// How a component's served requests leave it: a load balancer splits them evenly
/// (round robin); every other kind sends each request to each of its targets.
fn outgoing_rates(kind: ComponentKind, served_rps: f64, targets: usize) -> impl Iterator<Item = f64> {
    let each = match kind {
        ComponentKind::LoadBalancer if targets > 0 => served_rps / targets as f64,
        _ => served_rps,
    };
    std::iter::repeat_n(each, targets)
}

/// The steady state of one station under an arrival rate.
fn station(component: &Component, offered_rps: f64) -> ComponentReport {
    let (capacity_rps, limit_if_saturated, latency_ms_mean, connections_exceeded) = match component.kind {
        ComponentKind::Users => (f64::INFINITY, None, None, false),
        ComponentKind::LoadBalancer => (component.param("max_rps"), Some(Resource::ProxyThroughput), None, false),
        ComponentKind::Service => service(component, offered_rps),
        ComponentKind::Database => database(component, offered_rps),
        // Interim: kinds whose station models are being written pass traffic through.
        _ => (f64::INFINITY, None, None, false),
    };
    let load = if capacity_rps.is_finite() && capacity_rps > 0.0 { offered_rps / capacity_rps } else { 0.0 };
    let cpu_saturated = load >= 1.0;
    let saturated = cpu_saturated || connections_exceeded;
    let limit = if cpu_saturated {
        limit_if_saturated
    } else if connections_exceeded {
        Some(Resource::Connections)
    } else {
        None
    };
    ComponentReport {
        id: component.id.clone(),
        kind: component.kind,
        offered_rps,
        served_rps: offered_rps.min(capacity_rps),
        capacity_rps,
        load,
        utilisation: load.min(1.0),
        latency_ms_mean: latency_ms_mean.filter(|ms: &f64| ms.is_finite()),
        saturated,
        limit,
    }
}

/// A service: `instances` behind an even split, each an M/M/c queue with c = cores.
fn service(component: &Component, offered_rps: f64) -> (f64, Option<Resource>, Option<f64>, bool) {
    let instances = component.param("instances").max(1.0);
    let cores = component.param("cores").max(1.0);
    let service_s = component.param("service_time_ms") / 1000.0;
    let capacity = instances * cores / service_s;
    let per_instance = offered_rps / instances;
    let latency_s = queueing::mmc_mean_response(cores as u32, per_instance, service_s);
    (capacity, Some(Resource::Cpu), Some(latency_s * 1000.0), false)
}

/// A database: an M/M/c queue with c = cores, where every query in flight (waiting or
/// served) holds a connection; by Little's law that is arrival rate x time in system.
fn database(component: &Component, offered_rps: f64) -> (f64, Option<Resource>, Option<f64>, bool) {
    let cores = component.param("cores").max(1.0);
    let query_s = component.param("query_time_ms") / 1000.0;
    let capacity = cores / query_s;
    let latency_s = queueing::mmc_mean_response(cores as u32, offered_rps, query_s);
    let connections_in_use = offered_rps * latency_s;
    let exceeded = connections_in_use >= component.param("max_connections");
    (capacity, Some(Resource::Cpu), Some(latency_s * 1000.0), exceeded)
}
