//! How the flow engine obtained one component's figures: for each, the formula or rule,
//! its inputs with their values, and whether the figure is exact for the engine's model
//! or an approximation of it. The page shows this beside a selected component's numbers.
//!
//! It evaluates the same steady state as [`crate::evaluate`] (the daily peak), noting the
//! queues each station evaluated, and reads the formulas' inputs from those notes, so the
//! text names the branch the engine took rather than a description of the kind.

use scalelab_model::{Document, format_count};

use crate::flow::{self, Method, Pool, Probe, Role};
use crate::model::Model;
use crate::moments::Moments;
use crate::plan::{Plan, SimError};
use crate::queueing::{LARGE_POOL, erlang_c};
use crate::report::{HOURS_PER_MONTH, Latency};

/// Whether a figure is what the engine's model gives exactly, or an approximation of it.
/// (The flow engine draws nothing at random, so none of its figures is statistical; the
/// request engine's are, and its report gives their precision.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quality {
    Exact,
    Approximate,
}

impl Quality {
    pub fn label(self) -> &'static str {
        match self {
            Quality::Exact => "exact",
            Quality::Approximate => "approximate",
        }
    }

    fn unless(exact: bool) -> Self {
        if exact { Quality::Exact } else { Quality::Approximate }
    }
}

/// One figure: its name, its value for people, and how it was computed.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub name: String,
    pub value: String,
    pub how: String,
    pub quality: Quality,
}

/// How `id`'s figures are computed at the design's daily peak; None for a component the
/// engine does not evaluate (a region, a zone) or an unknown id.
pub fn explain(doc: &Document, id: &str) -> Result<Option<Vec<Figure>>, SimError> {
    let plan = Plan::new(doc)?;
    Ok(explain_plan(&plan, plan.users, id))
}

/// [`explain`] for a compiled design at `users` monthly active users.
pub fn explain_plan(plan: &Plan, users: f64, id: &str) -> Option<Vec<Figure>> {
    let (index, node) = plan.nodes.iter().enumerate().find(|(_, n)| n.id.as_str() == id)?;
    if node.kind.is_container() {
        return None;
    }
    let (pass, probes) = flow::steady_state_probed(plan, users);
    let o = pass.outcomes.get(index)?;
    let mut figures = Vec::new();
    let mut add = |name: &str, value: String, how: String, quality: Quality| {
        figures.push(Figure { name: name.to_owned(), value, how, quality });
    };
    let offered = o.offered.total();
    let how = match &node.model {
        Model::Users(u) => format!(
            "{} monthly users, split over the design's users components, × {} daily active × {} requests per daily user ÷ 86,400 s × peak factor {}",
            format_count(users),
            percent(u.daily_active_share),
            format_count(u.requests_per_daily_user),
            format_count(u.peak_factor)
        ),
        _ => format!(
            "{} enter the design at the daily peak; the links bring this share here (their split, calls per request and retries), as mean rates",
            rate(flow::entry_rps(plan, &pass).total())
        ),
    };
    add("Offered", rate(offered), how, Quality::Exact);

    let node_probes = probes.get(index).map(Vec::as_slice).unwrap_or_default();
    for probe in node_probes {
        pool_figures(probe, &mut add);
    }
    if node_probes.is_empty() && o.capacity_rps.is_finite() {
        let resource = o.resource.map_or("its limit", |r| r.label());
        add(
            "Capacity",
            rate(o.capacity_rps),
            format!("set by {resource} in its parameters; load = offered ÷ capacity = {}", percent(o.load)),
            Quality::Exact,
        );
    }

    if let Some(hit) = o.hit_ratio {
        let how = match &node.model {
            Model::Cache(c) if c.derived => format!(
                "Che's approximation for an LRU cache of {} items over {} keys with Zipf popularity s = {}",
                format_count(c.capacity_items),
                format_count(c.key_space),
                format_count(c.zipf_s)
            ),
            _ => "as set in its parameters".to_owned(),
        };
        let derived = matches!(&node.model, Model::Cache(c) if c.derived);
        add("Hit ratio", percent(hit), how, Quality::unless(!derived));
    }

    let own = o.own.first().copied().unwrap_or(Moments::ZERO);
    let latency = Latency::from_moments(&own);
    let exact_mean = node_probes.iter().all(mean_is_exact);
    add(
        "Time here (mean)",
        ms(latency.mean_ms),
        "waiting plus service at this component, not counting its downstream calls".to_owned(),
        Quality::unless(exact_mean),
    );
    add(
        "Time here (p50 / p99)",
        format!("{} / {}", ms(latency.p50_ms), ms(latency.p99_ms)),
        "a shifted gamma distribution matched to the time's mean, variance and skew, read at 50 % and 99 %".to_owned(),
        Quality::Approximate,
    );

    let e = o.errors;
    let causes: Vec<String> = [
        ("dropped (full queue or no connection)", e.dropped),
        ("rate limited", e.rate_limited),
        ("failed", e.failed),
        ("timed out", e.timed_out),
        ("not sent (link full)", e.unsent),
    ]
    .iter()
    .filter(|(_, v)| *v > 0.0)
    .map(|(what, v)| format!("{what} {}", rate(*v)))
    .collect();
    let how =
        if causes.is_empty() { "no request ends in an error here at this load".to_owned() } else { causes.join(", ") };
    add("Errors", rate(e.total()), how, Quality::Exact);

    let storage = o.storage_bytes_s * 3600.0 * HOURS_PER_MONTH / 1e9 * 0.5 * o.storage_usd_per_gb_month;
    let mut how = format!("{} an hour × {} hours a month", usd(o.usd_per_hour), format_count(HOURS_PER_MONTH));
    if storage > 0.0 {
        how.push_str(&format!(" + {} of storage (a month's writes, half kept on average)", usd(storage)));
    }
    how.push_str("; prices are the price table's approximate list prices");
    add("Cost per month", usd(o.usd_per_hour * HOURS_PER_MONTH + storage), how, Quality::Exact);
    Some(figures)
}

/// The figures of one queue the station evaluated: its capacity, the busiest instance's
/// load, and the waiting-time formula the engine used.
fn pool_figures(probe: &Probe, add: &mut impl FnMut(&str, String, String, Quality)) {
    let role = match probe.role {
        Role::All => "",
        Role::Reads => " (read replicas)",
        Role::Writes => " (primary, writes)",
    };
    let pool = probe.pool;
    add(
        &format!("Capacity{role}"),
        rate(pool.capacity_rps()),
        format!(
            "{} × {} ÷ {} per request",
            counted(pool.instances, "instance"),
            counted(f64::from(pool.servers), "server"),
            ms(pool.service_s * 1e3)
        ),
        Quality::Exact,
    );
    let (queue, per_instance, scv) = one_queue(probe);
    let instance_capacity = f64::from(queue.servers.max(1)) / queue.service_s;
    let spread = if probe.arrival.pooled {
        "least connections: one queue in front of every server".to_owned()
    } else if pool.instances <= 1.0 {
        "one instance takes it all".to_owned()
    } else if per_instance > probe.rate / pool.instances * 1.000_001 {
        format!("the busiest instance, with imbalance {} and hot keys", format_count(probe.arrival.imbalance))
    } else {
        "an even split".to_owned()
    };
    add(
        &format!("Utilisation{role}"),
        percent(per_instance / instance_capacity),
        format!("{} arriving ({spread}) ÷ {} it can serve", rate(per_instance), rate(instance_capacity)),
        Quality::Exact,
    );
    let c = queue.servers.max(1);
    let offered = per_instance * queue.service_s;
    let variability = (scv + queue.service_scv) / 2.0;
    let (how, exact) = match queue.method(per_instance) {
        Method::Chain(limit) => (
            format!(
                "M/M/c/K chain with c = {c} servers and {limit} places to wait: the share refused is the chance the queue is full; the wait is scaled by (ca² + cs²)/2 = {} for the arrivals' and service's variability",
                format_count(variability)
            ),
            mean_is_exact(probe),
        ),
        Method::ErlangC if c == 1 && is_one(scv) => (
            format!(
                "M/G/1 by Pollaczek-Khinchine at ρ = {}: mean wait = ρ × S × (1 + cs²) ÷ (2 (1 − ρ)), with S = {} and cs² = {}",
                percent(offered),
                ms(queue.service_s * 1e3),
                format_count(queue.service_scv)
            ),
            true,
        ),
        Method::ErlangC => {
            let form =
                if c > LARGE_POOL { "Erlang C by its Halfin-Whitt limit (a pool this large)" } else { "Erlang C" };
            let smooth = if scv < 1.0 {
                "; arrivals smoother than Poisson also take Kraemer and Langenbach-Belz's factor"
            } else {
                ""
            };
            (
                format!(
                    "{form} with c = {c} servers at ρ = {}: P(wait) = {}; mean wait = P(wait) ÷ (c·μ − λ) × v, where v = (ca² + cs²)/2 = {} (Allen-Cunneen) with ca² = {} for the arrivals and cs² = {} for the service{smooth}",
                    percent(offered / f64::from(c)),
                    percent(erlang_c(c, offered)),
                    format_count(variability),
                    format_count(scv),
                    format_count(queue.service_scv)
                ),
                mean_is_exact(probe),
            )
        }
        Method::Full => (
            match queue.queue_limit {
                Some(limit) => format!(
                    "saturated: arrivals reach capacity, so the {limit} places to wait stay full, the excess is refused, and a request waits the full queue ÷ capacity"
                ),
                None => "saturated with no queue limit: the queue grows without bound".to_owned(),
            },
            false,
        ),
    };
    let name = match queue.method(per_instance) {
        Method::Chain(_) => "M/M/c/K",
        Method::ErlangC if c == 1 && is_one(scv) => "M/G/1",
        Method::ErlangC => "Erlang C",
        Method::Full => "saturated",
    };
    add(&format!("Waiting{role}"), name.to_owned(), how, Quality::unless(exact));
}

/// The queue one instance of the probe's pool sees: the pool (pooled under least
/// connections), the rate at its busiest instance, and the arrivals' variability.
fn one_queue(probe: &Probe) -> (Pool, f64, f64) {
    if probe.arrival.pooled {
        return (probe.pool.pooled(), probe.rate, probe.arrival.scv);
    }
    let shares = probe.pool.shares(probe.rate, probe.arrival);
    (probe.pool, shares.busiest, shares.arrival_scv)
}

/// Whether the engine's mean time for this queue is exact: Erlang C below saturation with
/// Poisson arrivals and exponential service (or, with one server, any service time, by
/// Pollaczek-Khinchine), in a pool small enough for the exact Erlang C; or the M/M/c/K
/// chain with Poisson arrivals and exponential service.
fn mean_is_exact(probe: &Probe) -> bool {
    let (queue, rate, scv) = one_queue(probe);
    let c = queue.servers.max(1);
    let poisson = is_one(scv);
    match queue.method(rate) {
        Method::ErlangC => c <= LARGE_POOL && poisson && (c == 1 || is_one(queue.service_scv)),
        Method::Chain(_) => poisson && is_one(queue.service_scv),
        Method::Full => false,
    }
}

fn is_one(x: f64) -> bool {
    (x - 1.0).abs() < 1e-9
}

/// "1 instance", "40 instances".
fn counted(n: f64, what: &str) -> String {
    let s = if n == 1.0 { "" } else { "s" };
    format!("{} {what}{s}", format_count(n))
}

fn rate(rps: f64) -> String {
    format!("{} req/s", format_count(rps))
}

fn percent(share: f64) -> String {
    format!("{} %", format_count(share * 100.0))
}

fn usd(dollars: f64) -> String {
    format!("${}", format_count(dollars))
}

fn ms(value: f64) -> String {
    if !value.is_finite() {
        "unbounded".to_owned()
    } else if value >= 1e4 {
        format!("{} s", format_count(value / 1e3))
    } else {
        format!("{} ms", format_count(value))
    }
}
