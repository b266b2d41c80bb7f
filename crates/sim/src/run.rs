//! A time-stepped run of the flow engine: the traffic follows its shape (and the day's
//! curve), queues fill and drain as fluid backlogs, autoscalers react after their delay
//! and cooldown, failures happen on schedule and load balancers notice them after their
//! health checks. The cost of a step grows with the number of components only.

// Not `f64::clamp` where the bounds are not constants: its panic message would bring the
// float writer into the page.
use scalelab_model::number::{clamp, shortest};
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
    #[error("the run length is {} s; it must be more than 0 and at most {} s (31 days)", shortest(*.0), shortest(MAX_RUN_S))]
    Duration(f64),
    #[error("the step is {} s; it must be between 0.001 s and the run length", shortest(*.0))]
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
    /// Steps computed with a full pass, and demand levels computed for the fast path
    /// (the other steps interpolate between two of those levels).
    pub full_passes: u64,
    pub levels: u64,
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
///
/// Steps where nothing but the day's curve changes (users steady, no failure, every
/// station well below saturation with no backlog, no scaling action) take a fast path:
/// the engine computes full passes at demand levels [`GRID_STEP`] apart and interpolates
/// between the two around each step, so a day of one-second steps costs a few hundred
/// passes instead of 86,400. Any other step is a full pass.
pub fn run_plan(plan: &Plan, traffic: &Traffic, scenario: &scalelab_model::Scenario, options: RunOptions) -> RunReport {
    run_with(plan, traffic, scenario, options, true)
}

/// Like [`run_plan`], with a full pass at every step (the reference the fast path is
/// tested against).
pub fn run_plan_stepwise(
    plan: &Plan,
    traffic: &Traffic,
    scenario: &scalelab_model::Scenario,
    options: RunOptions,
) -> RunReport {
    run_with(plan, traffic, scenario, options, false)
}

/// Relative spacing of the demand levels the fast path interpolates between.
pub const GRID_STEP: f64 = 0.05;
/// The fast path applies only while every station stays below this load.
const QUIET_LOAD: f64 = 0.8;

fn run_with(
    plan: &Plan,
    traffic: &Traffic,
    scenario: &scalelab_model::Scenario,
    options: RunOptions,
    fast: bool,
) -> RunReport {
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
    let scaled: Vec<usize> = plan
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| matches!(&n.model, Model::Service(s) if s.autoscaling))
        .map(|(i, _)| i)
        .collect();
    let mut health = Health { down_for: vec![None; plan.nodes.len()] };
    let mut totals = (0.0, 0.0, Errors::default(), 0.0);
    let mut samples = Vec::new();
    let mut last = None;
    let mut grid: Option<Grid> = None;
    let (mut full_passes, mut levels) = (0, 0);
    #[cfg(debug_assertions)]
    let mut last_t = 0.0;
    // Whether the last full pass left every station quiet.
    let mut settled = false;
    for step in 0..steps {
        let t = step as f64 * dt;
        let mut failing = false;
        // Without failures the health stays all-up: nothing to clear on every step.
        if !failures.is_empty() {
            health.down_for.fill(None);
        }
        for (index, failure) in &failures {
            if failure.active_at(t)
                && let Some(slot) = health.down_for.get_mut(*index)
            {
                *slot = Some(t - failure.at_s);
                failing = true;
            }
        }
        let users = traffic.users_at(t);
        let factor = curve.as_ref().map(|c| c.factor(t));
        let final_step = step + 1 == steps;
        let sampled = step % every == 0;
        if grid.as_ref().is_some_and(|g| g.users != users || g.factor_is_none != factor.is_none()) {
            levels += grid.take().map_or(0, |g| g.points.len() as u64);
        }
        let quiet = fast && settled && !failing && !final_step;
        let point = if quiet {
            let grid = grid.get_or_insert_with(|| Grid::new(users, factor));
            grid.around(plan, &flow, &scaled, factor, dt, &health)
        } else {
            None
        };
        if let Some((a, b, w)) = point {
            let inputs = |i: usize| {
                let find = |p: &GridPoint| p.scaling.iter().find(|(j, _, _)| *j == i).map(|(_, l, r)| (*l, *r));
                let ((la, ia), (lb, ib)) = (find(a).unwrap_or_default(), find(b).unwrap_or_default());
                let rate = ia.rate.zip(ib.rate, |x, y| lerp(x, y, w));
                (lerp(la, lb, w), flow::Inbound { rate, extra_cpu: lerp(ia.extra_cpu, ib.extra_cpu, w), ..ia })
            };
            let entry = lerp(a.entry, b.entry, w);
            let good = lerp(a.good, b.good, w);
            let usd_per_hour = lerp(a.usd_per_hour, b.usd_per_hour, w);
            totals.0 += entry * dt;
            totals.1 += good * dt;
            totals.2 = totals.2.plus(lerp_errors(&a.errors, &b.errors, w).scaled(dt));
            totals.3 += usd_per_hour * dt / 3600.0;
            if sampled {
                samples.push(lerp_sample(&a.sample, &b.sample, w, t + dt));
            }
            if autoscale(plan, &mut flow.states, &scaled, t, dt, inputs) {
                levels += grid.take().map_or(0, |g| g.points.len() as u64);
                settled = false;
            }
            continue;
        }
        let ctx = flow::context(plan, users, factor, Some(dt));
        #[cfg(debug_assertions)]
        let backlogs_before: Vec<f64> = flow.states.iter().map(|s| s.backlog).collect();
        flow.run_pass(&ctx, &health);
        full_passes += 1;
        #[cfg(debug_assertions)]
        {
            let after: Vec<f64> = flow.states.iter().map(|s| s.backlog).collect();
            let broken = flow::check::violations(&flow.pass, &backlogs_before, &after, Some(dt));
            assert!(broken.is_empty(), "step {step} (t = {t} s) broke the engine's invariants: {broken:?}");
            assert!(t >= last_t, "simulated time went back from {last_t} to {t}");
            last_t = t;
        }
        let outcomes = &flow.pass.outcomes;
        let inbound = &flow.inbound;
        let changed = autoscale(plan, &mut flow.states, &scaled, t, dt, |i| {
            (outcomes.get(i).map_or(0.0, |o| o.load), inbound.get(i).copied().unwrap_or_default())
        });
        if changed {
            levels += grid.take().map_or(0, |g| g.points.len() as u64);
        }
        settled = !failing && !changed && is_quiet(&flow);
        let (entry, good) = report::entry_and_good(plan, &flow.pass);
        totals.0 += entry * dt;
        totals.1 += good * dt;
        totals.2 = flow.pass.outcomes.iter().fold(totals.2, |sum, o| sum.plus(o.errors.scaled(dt)));
        let usd_per_hour: f64 = flow.pass.outcomes.iter().map(|o| o.usd_per_hour).sum();
        totals.3 += usd_per_hour * dt / 3600.0;
        if sampled || (final_step && samples.is_empty()) {
            // A sample describes the state at the end of its step.
            samples.push(sample(t + dt, plan, users, &flow, &health, usd_per_hour));
        }
        if final_step {
            last = Some(report::build(plan, &flow.pass, users));
        }
    }
    RunReport {
        samples,
        requests: totals.0,
        good_requests: totals.1,
        errors: totals.2,
        cost_usd: totals.3,
        full_passes,
        levels: levels + grid.map_or(0, |g| g.points.len() as u64),
        last: last.unwrap_or_else(|| report::evaluate_plan(plan, traffic.users)),
    }
}

/// Whether every station is well below saturation, with nothing queued beyond what the
/// formulas account for and nothing recovering.
fn is_quiet(flow: &Flow<'_>) -> bool {
    flow.pass.outcomes.iter().zip(&flow.states).all(|(o, s)| {
        o.load < QUIET_LOAD
            && o.hard_limit.is_none()
            && o.backlog == 0.0
            && s.backlog == 0.0
            && s.warmth >= 1.0
            && s.pending_scale.is_none()
    }) && flow.pass.edges.iter().flatten().all(|e| !e.breaker_open && e.bandwidth_load < QUIET_LOAD)
}

/// Full passes at demand levels `GRID_STEP` apart, for one number of users.
struct Grid {
    users: f64,
    factor_is_none: bool,
    points: std::collections::BTreeMap<i32, Option<GridPoint>>,
    /// The engine's states and pass as of the last level computed (its feedback seeds
    /// the next).
    neighbour: Option<(Vec<crate::flow::NodeState>, crate::flow::Pass)>,
}

/// One demand level's pass, reduced to what a step needs.
struct GridPoint {
    /// The demand factor of this level (1 without a daily curve).
    level: f64,
    entry: f64,
    good: f64,
    errors: Errors,
    usd_per_hour: f64,
    sample: Sample,
    /// Autoscaled services: (node, load, what arrives).
    scaling: Vec<(usize, f64, flow::Inbound)>,
}

impl Grid {
    fn new(users: f64, factor: Option<f64>) -> Self {
        Self { users, factor_is_none: factor.is_none(), points: std::collections::BTreeMap::new(), neighbour: None }
    }

    /// The two quiet points around `factor` and the weight of the second; None when one
    /// of them is not quiet.
    fn around(
        &mut self,
        plan: &Plan,
        flow: &Flow<'_>,
        scaled: &[usize],
        factor: Option<f64>,
        dt: f64,
        health: &Health,
    ) -> Option<(&GridPoint, &GridPoint, f64)> {
        let (k, f) = match factor {
            None => (0, 1.0),
            Some(f) if f > 0.0 && f.is_finite() => {
                let k = libm::floor(libm::log(f) / libm::log1p(GRID_STEP));
                if !(-10_000.0..10_000.0).contains(&k) {
                    return None;
                }
                (k as i32, f)
            }
            Some(_) => return None,
        };
        for key in [k, k + 1] {
            if !self.points.contains_key(&key) {
                let level = factor.map(|_| libm::pow(1.0 + GRID_STEP, f64::from(key)));
                let point = self.compute(plan, flow, scaled, level, dt, health);
                self.points.insert(key, point);
            }
        }
        let a = self.points.get(&k)?.as_ref()?;
        let b = if factor.is_none() { a } else { self.points.get(&(k + 1))?.as_ref()? };
        // Linear in the demand between the levels: exact for rates and costs.
        let w = if b.level > a.level { ((f - a.level) / (b.level - a.level)).clamp(0.0, 1.0) } else { 0.0 };
        Some((a, b, w))
    }

    fn compute(
        &mut self,
        plan: &Plan,
        flow: &Flow<'_>,
        scaled: &[usize],
        factor: Option<f64>,
        dt: f64,
        health: &Health,
    ) -> Option<GridPoint> {
        let mut engine = flow.clone();
        if let Some((states, pass)) = self.neighbour.take() {
            // Keep the run's instances; take the feedback of the neighbouring level.
            engine.pass = pass;
            for (mine, theirs) in engine.states.iter_mut().zip(states) {
                mine.cached = theirs.cached;
            }
        }
        let ctx = flow::context(plan, self.users, factor, Some(dt));
        engine.run_pass(&ctx, health);
        engine.run_pass(&ctx, health);
        let quiet = is_quiet(&engine);
        let point = quiet.then(|| {
            let (entry, good) = report::entry_and_good(plan, &engine.pass);
            let usd_per_hour: f64 = engine.pass.outcomes.iter().map(|o| o.usd_per_hour).sum();
            let errors = engine.pass.outcomes.iter().fold(Errors::default(), |sum, o| sum.plus(o.errors));
            let scaling = scaled
                .iter()
                .map(|&i| {
                    let load = engine.pass.outcomes.get(i).map_or(0.0, |o| o.load);
                    (i, load, engine.inbound.get(i).copied().unwrap_or_default())
                })
                .collect();
            GridPoint {
                level: factor.unwrap_or(1.0),
                entry,
                good,
                errors,
                usd_per_hour,
                sample: sample(0.0, plan, self.users, &engine, health, usd_per_hour),
                scaling,
            }
        });
        self.neighbour = Some((engine.states, engine.pass));
        point
    }
}

fn lerp(a: f64, b: f64, w: f64) -> f64 {
    a + (b - a) * w
}

fn lerp_errors(a: &Errors, b: &Errors, w: f64) -> Errors {
    Errors {
        dropped: lerp(a.dropped, b.dropped, w),
        rate_limited: lerp(a.rate_limited, b.rate_limited, w),
        failed: lerp(a.failed, b.failed, w),
        timed_out: lerp(a.timed_out, b.timed_out, w),
        unsent: lerp(a.unsent, b.unsent, w),
    }
}

fn lerp_latency(a: &Latency, b: &Latency, w: f64) -> Latency {
    Latency {
        mean_ms: lerp(a.mean_ms, b.mean_ms, w),
        p50_ms: lerp(a.p50_ms, b.p50_ms, w),
        p95_ms: lerp(a.p95_ms, b.p95_ms, w),
        p99_ms: lerp(a.p99_ms, b.p99_ms, w),
        p999_ms: lerp(a.p999_ms, b.p999_ms, w),
    }
}

fn lerp_sample(a: &Sample, b: &Sample, w: f64, t: f64) -> Sample {
    Sample {
        t_s: t,
        users: lerp(a.users, b.users, w),
        entry_rps: lerp(a.entry_rps, b.entry_rps, w),
        good_rps: lerp(a.good_rps, b.good_rps, w),
        error_rate: lerp(a.error_rate, b.error_rate, w),
        latency: lerp_latency(&a.latency, &b.latency, w),
        usd_per_hour: lerp(a.usd_per_hour, b.usd_per_hour, w),
        components: a
            .components
            .iter()
            .zip(&b.components)
            .map(|(x, y)| ComponentSample {
                offered_rps: lerp(x.offered_rps, y.offered_rps, w),
                served_rps: lerp(x.served_rps, y.served_rps, w),
                errors_rps: lerp(x.errors_rps, y.errors_rps, w),
                utilisation: lerp(x.utilisation, y.utilisation, w),
                queue: lerp(x.queue, y.queue, w),
                instances: x.instances,
                down: x.down,
            })
            .collect(),
    }
}

fn sample(t: f64, plan: &Plan, users: f64, flow: &Flow<'_>, health: &Health, usd_per_hour: f64) -> Sample {
    let (entry_rps, good_rps, error_rate, latency) = report::headline(plan, &flow.pass);
    Sample {
        t_s: t,
        users,
        entry_rps,
        good_rps,
        error_rate,
        latency,
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
                clamp(
                    f64::from(service.instances),
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
/// launch delay, at most one action per cooldown. `inputs` gives a service's load and
/// what arrives at it. Returns whether any instance count or pending action changed.
fn autoscale(
    plan: &Plan,
    states: &mut [crate::flow::NodeState],
    scaled: &[usize],
    t: f64,
    dt: f64,
    inputs: impl Fn(usize) -> (f64, flow::Inbound),
) -> bool {
    let mut changed = false;
    for &index in scaled {
        let (Some(node), Some(state)) = (plan.nodes.get(index), states.get_mut(index)) else { continue };
        let Model::Service(service) = &node.model else { continue };
        let current = state.instances.unwrap_or(f64::from(service.instances));
        if let Some((ready_at, target)) = state.pending_scale
            && t + dt >= ready_at
        {
            state.instances = Some(target);
            state.pending_scale = None;
            changed = true;
        }
        let cooled = state.last_scale_s.is_none_or(|last| t - last >= service.cooldown_s);
        if state.pending_scale.is_some() || !cooled {
            continue;
        }
        let (load, inbound) = inputs(index);
        let desired = desired_instances(service, current, load, &inbound);
        if desired > current {
            state.pending_scale = Some((t + service.scale_delay_s, desired));
            state.last_scale_s = Some(t);
            changed = true;
        } else if desired < current {
            state.instances = Some(desired);
            state.last_scale_s = Some(t);
            changed = true;
        }
    }
    changed
}

fn desired_instances(service: &Service, current: f64, load: f64, inbound: &flow::Inbound) -> f64 {
    let (low, high) = (f64::from(service.min_instances), f64::from(service.max_instances.max(service.min_instances)));
    let by_load = (current * load / service.target_utilisation).ceil();
    // Never below what the offered work needs at the target (a saturated pool's load
    // understates nothing, but a backlog may hide it).
    clamp(by_load.max(steady_instances(service, inbound).min(high)), low, high)
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
        let turns = (t - PEAK_AT_S) / scalelab_model::SECONDS_PER_DAY;
        libm::exp(self.a * scalelab_model::number::cos_turns(turns)) / self.norm
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
