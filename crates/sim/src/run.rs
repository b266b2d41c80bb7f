//! A time-stepped run of the flow engine: the traffic follows its shape (and the day's
//! curve), queues fill and drain as fluid backlogs, autoscalers react after their delay
//! and cooldown, failures happen on schedule and load balancers notice them after their
//! health checks. The cost of a step grows with the number of components only.

use scalelab_model::{Document, Traffic};
use serde::{Deserialize, Serialize};

use crate::flow::{self, Errors, Flow, Health, steady_instances};
use crate::model::{Model, Service};
use crate::plan::{Plan, SimError};
use crate::report::{self, Latency, Report};

/// Longest run and most steps a run may take: a month of one-second steps.
pub const MAX_RUN_S: f64 = 31.0 * 86_400.0;
pub const MAX_STEPS: u64 = 2_678_400;
/// Most samples a run keeps for charts; longer runs keep every k-th step.
pub const MAX_SAMPLES: usize = 2_000;

/// How to run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunOptions {
    pub duration_s: f64,
    pub step_s: f64,
}

impl Default for RunOptions {
    fn default() -> Self {
        Self { duration_s: 600.0, step_s: 1.0 }
    }
}

/// Why a run's options were refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RunError {
    #[error("the run length is {0} s; it must be more than 0 and at most {MAX_RUN_S} s (31 days)")]
    Duration(f64),
    #[error("the step is {0} s; it must be between 0.001 s and the run length")]
    Step(f64),
    #[error("the run would take {0} steps; the limit is {MAX_STEPS}")]
    TooManySteps(u64),
    #[error(transparent)]
    Invalid(#[from] SimError),
}

/// One point of a run's time series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    pub t_s: f64,
    pub users: f64,
    pub entry_rps: f64,
    pub good_rps: f64,
    pub error_rate: f64,
    pub latency: Latency,
    pub usd_per_hour: f64,
    pub components: Vec<ComponentSample>,
}

/// One component at one point of a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComponentSample {
    pub offered_rps: f64,
    pub served_rps: f64,
    pub errors_rps: f64,
    pub utilisation: f64,
    pub queue: f64,
    pub instances: f64,
    pub down: bool,
}

/// What a whole run did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    pub samples: Vec<Sample>,
    /// Requests that entered over the run, and those answered without error.
    pub requests: f64,
    pub good_requests: f64,
    /// Errors over the run, summed over the components where they happened.
    pub errors: Errors,
    pub cost_usd: f64,
    /// The last step, as a full report.
    pub last: Report,
}

/// Runs a document for `options.duration_s` seconds of simulated time.
pub fn run(doc: &Document, options: RunOptions) -> Result<RunReport, RunError> {
    let plan = Plan::new(doc)?;
    check(&options)?;
    Ok(run_plan(&plan, &doc.traffic, &doc.scenario, options))
}

fn check(options: &RunOptions) -> Result<(), RunError> {
    if !(options.duration_s > 0.0 && options.duration_s <= MAX_RUN_S) {
        return Err(RunError::Duration(options.duration_s));
    }
    if !(options.step_s >= 0.001 && options.step_s <= options.duration_s) {
        return Err(RunError::Step(options.step_s));
    }
    let steps = (options.duration_s / options.step_s).ceil() as u64;
    if steps > MAX_STEPS {
        return Err(RunError::TooManySteps(steps));
    }
    Ok(())
}

/// Runs a compiled design. The options must have been checked.
pub fn run_plan(plan: &Plan, traffic: &Traffic, scenario: &scalelab_model::Scenario, options: RunOptions) -> RunReport {
    let dt = options.step_s;
    let steps = (options.duration_s / dt).ceil().max(1.0) as u64;
    let every = (steps as usize).div_ceil(MAX_SAMPLES).max(1) as u64;
    let curve = traffic.daily_curve.then(|| DailyCurve::new(first_peak_factor(plan)));
    let mut flow = Flow::new(plan);
    start_instances(plan, &mut flow);
    let failures: Vec<(usize, &scalelab_model::Failure)> = scenario
        .failures
        .iter()
        .filter_map(|f| plan.nodes.iter().position(|n| n.id == f.component).map(|i| (i, f)))
        .collect();
    let mut health = Health { down_for: vec![None; plan.nodes.len()] };
    let mut totals = (0.0, 0.0, Errors::default(), 0.0);
    let mut samples = Vec::new();
    let mut last = None;
    for step in 0..steps {
        let t = step as f64 * dt;
        for slot in health.down_for.iter_mut() {
            *slot = None;
        }
        for (index, failure) in &failures {
            if failure.active_at(t)
                && let Some(slot) = health.down_for.get_mut(*index)
            {
                *slot = Some(t - failure.at_s);
            }
        }
        let factor = curve.as_ref().map(|c| c.factor(t));
        let ctx = flow::context(plan, traffic.users_at(t), factor, Some(dt));
        flow.run_pass(&ctx, &health);
        autoscale(plan, &mut flow, t, dt);
        let (entry, good) = report::entry_and_good(plan, &flow.pass);
        totals.0 += entry * dt;
        totals.1 += good * dt;
        totals.2 = flow.pass.outcomes.iter().fold(totals.2, |sum, o| sum.plus(o.errors.scaled(dt)));
        let usd_per_hour: f64 = flow.pass.outcomes.iter().map(|o| o.usd_per_hour).sum();
        totals.3 += usd_per_hour * dt / 3600.0;
        let sampled = step % every == 0;
        if sampled || step + 1 == steps {
            let report = report::build(plan, &flow.pass, traffic.users_at(t));
            if sampled || samples.is_empty() {
                // A sample describes the state at the end of its step.
                samples.push(sample(t + dt, &report, &flow, &health, usd_per_hour));
            }
            last = Some(report);
        }
    }
    RunReport {
        samples,
        requests: totals.0,
        good_requests: totals.1,
        errors: totals.2,
        cost_usd: totals.3,
        last: last.unwrap_or_else(|| report::evaluate_plan(plan, traffic.users)),
    }
}

fn sample(t: f64, report: &Report, flow: &Flow<'_>, health: &Health, usd_per_hour: f64) -> Sample {
    Sample {
        t_s: t,
        users: report.users,
        entry_rps: report.entry_rps,
        good_rps: report.good_rps,
        error_rate: report.error_rate,
        latency: report.latency.clone(),
        usd_per_hour,
        components: flow
            .pass
            .outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| ComponentSample {
                offered_rps: o.offered.total(),
                served_rps: o.served.total(),
                errors_rps: o.errors.total(),
                utilisation: o.load.clamp(0.0, 1.0),
                queue: if o.queue.is_finite() { o.queue + o.backlog } else { f64::MAX },
                instances: o.instances,
                down: health.is_down(i),
            })
            .collect(),
    }
}

fn first_peak_factor(plan: &Plan) -> f64 {
    plan.nodes
        .iter()
        .find_map(|n| match &n.model {
            Model::Users(u) => Some(u.peak_factor),
            _ => None,
        })
        .unwrap_or(1.0)
}

/// Services start with their configured pool (within their autoscaling bounds).
fn start_instances(plan: &Plan, flow: &mut Flow<'_>) {
    for (node, state) in plan.nodes.iter().zip(flow.states.iter_mut()) {
        if let Model::Service(service) = &node.model {
            let initial = if service.autoscaling {
                f64::from(service.instances).clamp(
                    f64::from(service.min_instances),
                    f64::from(service.max_instances.max(service.min_instances)),
                )
            } else {
                f64::from(service.instances)
            };
            state.instances = Some(initial);
        }
    }
}

/// The autoscalers' control loop: target tracking on utilisation, scale-out after the
/// launch delay, at most one action per cooldown.
fn autoscale(plan: &Plan, flow: &mut Flow<'_>, t: f64, dt: f64) {
    for ((node, state), (outcome, inbound)) in
        plan.nodes.iter().zip(flow.states.iter_mut()).zip(flow.pass.outcomes.iter().zip(&flow.inbound))
    {
        let Model::Service(service) = &node.model else { continue };
        if !service.autoscaling {
            continue;
        }
        let current = state.instances.unwrap_or(f64::from(service.instances));
        if let Some((ready_at, target)) = state.pending_scale
            && t + dt >= ready_at
        {
            state.instances = Some(target);
            state.pending_scale = None;
        }
        let cooled = state.last_scale_s.is_none_or(|last| t - last >= service.cooldown_s);
        if state.pending_scale.is_some() || !cooled {
            continue;
        }
        let desired = desired_instances(service, current, outcome.load, inbound);
        if desired > current {
            state.pending_scale = Some((t + service.scale_delay_s, desired));
            state.last_scale_s = Some(t);
        } else if desired < current {
            state.instances = Some(desired);
            state.last_scale_s = Some(t);
        }
    }
}

fn desired_instances(service: &Service, current: f64, load: f64, inbound: &flow::Inbound) -> f64 {
    let (low, high) = (f64::from(service.min_instances), f64::from(service.max_instances.max(service.min_instances)));
    let by_load = (current * load / service.target_utilisation).ceil();
    // Never below what the offered work needs at the target (a saturated pool's load
    // understates nothing, but a backlog may hide it).
    by_load.max(steady_instances(service, inbound).min(high)).clamp(low, high)
}

/// The shape of a day: quiet at night, busiest in the evening, averaging 1 and peaking
/// at the users' peak-to-average factor. f(t) = exp(a cos(2 pi (t - t_peak)/day)) / I0(a),
/// whose maximum over its mean is e^a / I0(a).
struct DailyCurve {
    a: f64,
    norm: f64,
}

/// The busiest moment of the day, in seconds after midnight (20:00).
const PEAK_AT_S: f64 = 72_000.0;

impl DailyCurve {
    fn new(peak_factor: f64) -> Self {
        let ratio = |a: f64| libm::exp(a) / bessel_i0(a);
        let (mut lo, mut hi) = (0.0_f64, 50.0_f64);
        for _ in 0..100 {
            let mid = 0.5 * (lo + hi);
            if ratio(mid) < peak_factor {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let a = 0.5 * (lo + hi);
        Self { a, norm: bessel_i0(a) }
    }

    fn factor(&self, t: f64) -> f64 {
        let phase = 2.0 * std::f64::consts::PI * (t - PEAK_AT_S) / scalelab_model::SECONDS_PER_DAY;
        libm::exp(self.a * libm::cos(phase)) / self.norm
    }
}

/// The modified Bessel function I0, by its power series (converges for all a).
fn bessel_i0(a: f64) -> f64 {
    let mut term = 1.0;
    let mut sum = 1.0;
    let quarter = a * a / 4.0;
    for k in 1..500 {
        term *= quarter / f64::from(k * k);
        sum += term;
        if term < sum * 1e-17 {
            break;
        }
    }
    sum
}

impl Errors {
    /// These rates over `dt` seconds: counts.
    pub fn scaled(self, dt: f64) -> Errors {
        Errors {
            dropped: self.dropped * dt,
            rate_limited: self.rate_limited * dt,
            failed: self.failed * dt,
            timed_out: self.timed_out * dt,
            unsent: self.unsent * dt,
        }
    }
}
