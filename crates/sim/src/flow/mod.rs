//! The flow engine: rates, not requests. Per step it propagates per-class arrival rates
//! through the routing graph (a forward pass, callers first), lets each station compute
//! what it serves, refuses and how long requests wait, then combines times and failures
//! back up the call graph (a backward pass) so that timeouts, retries, circuit breakers
//! and slot-holding calls feed into the next pass. Its cost grows with the number of
//! components and links, never with the number of users.

pub mod check;
mod kinds;
mod route;
mod state;
mod station;

pub use kinds::{Context, steady_instances};
pub use route::{EdgeFlow, Health, Totals, target_instances};
pub use state::NodeState;
pub use station::{
    Arrival, Errors, Inbound, Method, Outcome, Pool, PoolOutcome, Probe, Resource, Role, Routing, Shares, fluid_step,
};

use crate::classes::PerClass;
use crate::model::Model;
use crate::plan::Plan;

/// Passes of the forward/backward fixed point in the steady state: enough for retries,
/// timeouts and slot holding to settle in feed-forward designs of any depth seen in
/// practice (each pass propagates feedback one more layer up).
pub const STEADY_PASSES: usize = 6;

/// Everything one pass computed.
#[derive(Clone, Debug, Default)]
pub struct Pass {
    pub outcomes: Vec<Outcome>,
    pub edges: Vec<Vec<EdgeFlow>>,
    pub totals: Vec<Totals>,
}

/// The engine's working set for a design: the plan and per-node state, reused across
/// passes and steps without allocating.
#[derive(Clone, Debug)]
pub struct Flow<'p> {
    pub plan: &'p Plan,
    pub states: Vec<NodeState>,
    pub pass: Pass,
    /// What arrived at each station in the last pass.
    pub inbound: Vec<Inbound>,
}

impl<'p> Flow<'p> {
    pub fn new(plan: &'p Plan) -> Self {
        let n = plan.nodes.len();
        let pass = Pass {
            outcomes: vec![Outcome::default(); n],
            edges: plan.nodes.iter().map(|node| vec![EdgeFlow::default(); node.out.len()]).collect(),
            totals: vec![Totals::default(); n],
        };
        Self { plan, states: vec![NodeState::default(); n], pass, inbound: vec![Inbound::default(); n] }
    }

    /// One forward and one backward pass under `ctx`, using the previous pass's feedback.
    pub fn run_pass(&mut self, ctx: &Context, health: &Health) {
        route::forward(self.plan, &mut self.states, &mut self.pass, ctx, health, &mut self.inbound);
        route::backward(self.plan, &mut self.pass);
    }
}

/// Evaluates a design's steady state at `users` monthly active users, at each users
/// component's daily peak (or at `demand_factor` times the daily average).
pub fn steady_state(plan: &Plan, users: f64, demand_factor: Option<f64>) -> Pass {
    let mut flow = Flow::new(plan);
    settle(&mut flow, users, demand_factor);
    flow.pass
}

/// Brings `flow` to the steady state at `users` (for evaluating many user counts with
/// one working set).
pub fn settle(flow: &mut Flow<'_>, users: f64, demand_factor: Option<f64>) {
    settle_noting(flow, users, demand_factor, false);
}

/// [`settle`], with each station noting the queues it evaluates (`NodeState::probes`) when
/// `note_queues` is set; the last pass's notes are left in the states.
fn settle_noting(flow: &mut Flow<'_>, users: f64, demand_factor: Option<f64>, note_queues: bool) {
    let ctx = context(flow.plan, users, demand_factor, None);
    for edges in &mut flow.pass.edges {
        edges.fill(EdgeFlow::default());
    }
    flow.pass.totals.fill(route::Totals::default());
    let mut feedback = Feedback::default();
    let mut now = Feedback::default();
    for _ in 0..STEADY_PASSES {
        // The steady state keeps no memory between passes except the feedback.
        flow.states.fill_with(|| NodeState { probes: note_queues.then(Vec::new), ..NodeState::default() });
        flow.run_pass(&ctx, &Health::default());
        // A pass is a function of the feedback it starts from: once the feedback comes
        // back unchanged, every further pass would repeat this one exactly.
        now.read(&flow.pass);
        if now == feedback {
            break;
        }
        std::mem::swap(&mut now, &mut feedback);
    }
    #[cfg(debug_assertions)]
    {
        let backlogs: Vec<f64> = flow.states.iter().map(|s| s.backlog).collect();
        let broken = check::violations(&flow.pass, &backlogs, &backlogs, None);
        assert!(broken.is_empty(), "the steady state broke the engine's invariants: {broken:?}");
    }
}

/// What a pass hands to the next: each station's totals and each link's attempts and
/// breaker state.
#[derive(Default, PartialEq)]
struct Feedback {
    totals: Vec<route::Totals>,
    links: Vec<(f64, bool)>,
}

impl Feedback {
    fn read(&mut self, pass: &Pass) {
        self.totals.clear();
        self.totals.extend_from_slice(&pass.totals);
        self.links.clear();
        self.links.extend(pass.edges.iter().flatten().map(|e| (e.attempts, e.breaker_open)));
    }
}

/// The steady state, with the queues each station evaluated on the last pass.
pub fn steady_state_probed(plan: &Plan, users: f64) -> (Pass, Vec<Vec<Probe>>) {
    let mut flow = Flow::new(plan);
    settle_noting(&mut flow, users, None, true);
    let probes = flow.states.iter_mut().map(|s| s.probes.take().unwrap_or_default()).collect();
    (flow.pass, probes)
}

/// The step's context: how many users each users component represents and how busy
/// the day is.
pub fn context(plan: &Plan, users: f64, demand_factor: Option<f64>, dt: Option<f64>) -> Context {
    let mut groups = 0usize;
    let mut first = None;
    for node in &plan.nodes {
        if let Model::Users(u) = &node.model {
            groups += 1;
            first = first.or(Some(u));
        }
    }
    let factor = demand_factor.or_else(|| first.map(|u| u.peak_factor)).unwrap_or(1.0);
    let per_user_rps = first.map_or(0.0, |u| u.requests_per_daily_user / scalelab_model::SECONDS_PER_DAY * factor);
    let class_bytes = first.map_or([1024.0; 3], |u| u.bytes);
    Context { per_user_rps, class_bytes, dt, users_each: users / groups.max(1) as f64, demand_factor }
}

/// Requests per second entering the design in a pass.
pub fn entry_rps(plan: &Plan, pass: &Pass) -> PerClass {
    plan.nodes
        .iter()
        .zip(&pass.outcomes)
        .filter(|(node, _)| matches!(node.model, Model::Users(_)))
        .fold(PerClass::ZERO, |sum, (_, outcome)| sum.plus(outcome.offered))
}
