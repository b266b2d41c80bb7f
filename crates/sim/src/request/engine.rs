//! Stepping a run: the discrete-event loop over integer nanoseconds. Each step takes the
//! earliest of the next arrival and the earliest pending completion, by (time, sequence
//! number), so a run is a pure function of its plan, options and seed.

use super::alias::EXIT;
use super::arrivals::ArrivalProcess;
use super::dist::{Sampler, Service, to_ns};
use super::error::RequestError;
use super::events::{MAX_IN_SYSTEM, NONE, Request, Requests, UNTRACED, slot_of, time_of};
use super::options::RunOptions;
use super::plan::{Plan, Route};
use super::queue::EventQueue;
use super::report::{RunReport, StationView, Stop, network_report, seconds, station_report};
use super::stats::{NetworkAcc, StationAcc};
use super::timeline::{Sample, StationSample, Timeline};
use super::trace::{ARRIVAL, COMPLETION, DROP, Outcome, Recorder, TraceHash};

/// Whether a run has more to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    Running,
    /// The duration was simulated or the event budget ran out.
    Finished,
}

/// A run in progress. Built from a [`Plan`]; stepped with [`Simulation::advance`];
/// read at any time with [`Simulation::report`].
#[derive(Clone, Debug)]
pub struct Simulation {
    names: Vec<String>,
    stations: Vec<StationState>,
    sampler: Sampler,
    queue: EventQueue,
    requests: Requests,
    arrivals: ArrivalProcess,
    network: NetworkAcc,
    recorder: Recorder,
    hash: TraceHash,
    timeline: Timeline,
    seed: u64,
    end_ns: u64,
    warmup_ns: u64,
    max_events: u64,
    now_ns: u64,
    events: u64,
    measuring: bool,
    /// The next time at which warm-up ends, a sample is due or the end is passed.
    next_check_ns: u64,
    stop: Stop,
    breaches: u64,
}

/// A station's state, what the loop reads of its plan first.
#[derive(Clone, Debug)]
struct StationState {
    busy: u64,
    present: u64,
    /// `u64::MAX` for infinitely many.
    servers: u64,
    /// `u64::MAX` for unbounded.
    capacity: u64,
    service: Service,
    /// Where every request goes next: a station, [`EXIT`] or [`ROUTED`] (see `route`).
    next: u32,
    /// The requests waiting for a server, first come first served: the first and the
    /// last ([`NONE`] when none wait), each linked to the next by [`Request::behind`].
    first_waiting: u32,
    last_waiting: u32,
    acc: StationAcc,
    route: Route,
    /// Next destination of round-robin routing.
    cursor: usize,
}

// `EXIT` (every request leaves the network after this station) is the alias table's.
/// The destination is drawn or cycled: see the station's route.
const ROUTED: u32 = u32::MAX - 1;

impl StationState {
    fn new(spec: &super::plan::PlannedStation) -> Self {
        let next = match spec.route {
            Route::Exit => EXIT,
            Route::To(next) if next < ROUTED => next,
            _ => ROUTED,
        };
        Self {
            busy: 0,
            present: 0,
            servers: spec.servers,
            capacity: spec.capacity,
            service: spec.service,
            next,
            first_waiting: NONE,
            last_waiting: NONE,
            acc: StationAcc::default(),
            route: spec.route.clone(),
            cursor: 0,
        }
    }
}

impl Simulation {
    pub fn new(plan: &Plan, options: &RunOptions) -> Result<Self, RequestError> {
        let problems = options.problems(plan.stations.len());
        if !problems.is_empty() {
            return Err(RequestError::InvalidOptions(problems));
        }
        let mut sampler = Sampler::new(options.seed);
        let mut queue = EventQueue::default();
        let arrivals = ArrivalProcess::new(plan.arrivals.clone(), &mut sampler, &mut queue);
        let stations = plan.stations.iter().map(StationState::new).collect();
        let warmup_ns = to_ns(options.warmup_s * 1e9);
        let mut simulation = Self {
            names: plan.network().stations.iter().map(|s| s.name.clone()).collect(),
            stations,
            sampler,
            queue,
            requests: Requests::default(),
            arrivals,
            network: NetworkAcc::default(),
            recorder: Recorder::new(options.traces),
            hash: TraceHash::default(),
            timeline: Timeline::new(options.sample_every_s),
            seed: options.seed,
            end_ns: to_ns(options.duration_s * 1e9),
            warmup_ns,
            max_events: options.max_events,
            now_ns: 0,
            events: 0,
            measuring: false,
            next_check_ns: 0,
            stop: Stop::Running,
            breaches: 0,
        };
        simulation.next_check_ns = simulation.next_check();
        Ok(simulation)
    }

    /// Runs at most `steps` more events.
    pub fn advance(&mut self, steps: u64) -> Progress {
        let limit = self.events.saturating_add(steps).min(self.max_events);
        while self.stop == Stop::Running {
            let arrival_key = self.arrivals.next_key;
            let completion_key = self.queue.peek();
            let is_arrival = arrival_key < completion_key;
            let t = time_of(arrival_key.min(completion_key));
            // One rarely taken branch guards every exceptional case.
            if t >= self.next_check_ns || self.events >= limit {
                if t > self.end_ns {
                    self.finish(Stop::Duration, self.end_ns);
                    break;
                }
                if self.events >= limit {
                    if self.events >= self.max_events {
                        self.finish(Stop::EventBudget, self.now_ns);
                    }
                    break;
                }
                self.check(t);
            }
            self.now_ns = t;
            if is_arrival {
                if self.network.present >= MAX_IN_SYSTEM {
                    self.finish(Stop::RequestLimit, t);
                    break;
                }
                self.events += 1;
                self.arrive_from_outside(t);
            } else if let Some(key) = self.queue.pop() {
                self.events += 1;
                self.complete(key);
            }
        }
        if self.stop == Stop::Running { Progress::Running } else { Progress::Finished }
    }

    /// Runs to the end and reports.
    pub fn run(mut self) -> RunReport {
        while self.advance(u64::MAX) == Progress::Running {}
        self.report()
    }

    /// What has been measured so far (all of it, once finished).
    pub fn report(&self) -> RunReport {
        let from_ns = if self.measuring { self.warmup_ns } else { 0 };
        let stations = self
            .stations
            .iter()
            .zip(&self.names)
            .map(|(station, name)| {
                let view = StationView {
                    name,
                    servers: station.servers,
                    busy: station.busy,
                    present: station.present,
                    acc: &station.acc,
                };
                station_report(&view, from_ns, self.now_ns)
            })
            .collect();
        RunReport {
            seed: self.seed,
            measured_from_s: seconds(from_ns),
            end_s: seconds(self.now_ns),
            measured_s: seconds(self.now_ns.saturating_sub(from_ns)),
            events: self.events,
            stop: self.stop,
            trace_hash: self.hash.value(),
            invariant_breaches: self.breaches,
            network: network_report(&self.network, from_ns, self.now_ns),
            stations,
            traces: self.recorder.traces.clone(),
            timeline: self.timeline.samples.clone(),
        }
    }

    /// End-to-end latencies measured so far, for drawing from.
    pub(crate) fn latencies(&self) -> &super::histogram::Histogram {
        &self.network.latency
    }

    pub fn events(&self) -> u64 {
        self.events
    }

    pub fn now_s(&self) -> f64 {
        seconds(self.now_ns)
    }

    fn finish(&mut self, stop: Stop, at_ns: u64) {
        // Samples at the stop time itself, and warm-up if it ended with no event after it.
        self.check(at_ns.saturating_add(1));
        self.now_ns = at_ns;
        self.stop = stop;
    }

    /// Takes the samples due before `t` and starts measurement if warm-up is over.
    fn check(&mut self, t: u64) {
        while self.timeline.next_ns < t && self.timeline.next_ns <= self.end_ns {
            let sample = self.sample(self.timeline.next_ns);
            self.timeline.push(sample);
        }
        if !self.measuring && t > self.warmup_ns {
            self.start_measuring();
        }
        self.next_check_ns = self.next_check();
    }

    /// The earliest time at which the loop must look up from its events: a sample is
    /// due, warm-up ends, or the run's end is passed.
    fn next_check(&self) -> u64 {
        let sample =
            if self.timeline.next_ns <= self.end_ns { self.timeline.next_ns.saturating_add(1) } else { u64::MAX };
        let warmup = if self.measuring { u64::MAX } else { self.warmup_ns.saturating_add(1) };
        sample.min(warmup).min(self.end_ns.saturating_add(1))
    }

    fn sample(&self, time_ns: u64) -> Sample {
        let stations =
            self.stations.iter().map(|s| StationSample { busy: s.busy, waiting: s.present - s.busy }).collect();
        Sample { time_ns, in_system: self.network.present, stations }
    }

    fn start_measuring(&mut self) {
        let at_ns = self.warmup_ns;
        for station in &mut self.stations {
            station.acc.restart(at_ns, station.busy, station.present);
        }
        self.network.restart(at_ns, self.end_ns);
        self.measuring = true;
    }

    fn arrive_from_outside(&mut self, t: u64) {
        self.hash.event(t, 0, ARRIVAL);
        self.network.arrive(t);
        let trace = if self.measuring { self.recorder.start(t) } else { UNTRACED };
        let node = self.arrivals.node();
        match self.requests.insert(Request { born_ns: t, arrived_ns: t, station: node as u32, trace, behind: NONE }) {
            Some(slot) => self.enter(slot, node, t),
            // The loop stops before an arrival would exceed the bound, so this is a bug.
            None => self.breaches += 1,
        }
        self.arrivals.advance(t, &mut self.sampler, &mut self.queue);
    }

    /// The request in `slot` arrives at station `index`: dropped if it is full, else
    /// served or queued.
    #[inline(always)]
    fn enter(&mut self, slot: u32, index: usize, t: u64) {
        let (Some(station), Some(request)) = (self.stations.get_mut(index), self.requests.get_mut(slot)) else {
            self.breaches += 1;
            return;
        };
        request.station = index as u32;
        request.arrived_ns = t;
        let trace = request.trace;
        station.acc.arrived += 1;
        if station.present >= station.capacity {
            self.drop_at(slot, index, trace, t);
            return;
        }
        station.present += 1;
        station.acc.enter(t);
        station.acc.peak_present = station.acc.peak_present.max(station.present);
        if station.busy < station.servers {
            station.busy += 1;
            station.acc.start_service(t);
            let service_ns = station.service.sample_ns(&mut self.sampler);
            self.queue.schedule(t.saturating_add(service_ns), slot);
        } else {
            station.acc.waited += 1;
            request.behind = NONE;
            let last = std::mem::replace(&mut station.last_waiting, slot);
            match self.requests.get_mut(last) {
                Some(ahead) => ahead.behind = slot,
                None => station.first_waiting = slot,
            }
        }
        if trace != UNTRACED {
            self.recorder.arrive(trace, index, t);
        }
    }

    /// The station is full: the request is turned away.
    #[cold]
    fn drop_at(&mut self, slot: u32, index: usize, trace: u32, t: u64) {
        if let Some(station) = self.stations.get_mut(index) {
            station.acc.dropped += 1;
        }
        self.hash.event(t, index, DROP);
        if !self.network.drop_one(t) {
            self.breaches += 1;
        }
        self.requests.remove(slot);
        if trace != UNTRACED {
            self.recorder.end(trace, Outcome::Dropped { station: index, at_ns: t });
        }
    }

    /// A service completion: the next waiting request starts, this one moves on.
    #[inline(always)]
    fn complete(&mut self, key: u128) {
        let t = time_of(key);
        let slot = slot_of(key);
        let Some(&request) = self.requests.get(slot) else {
            self.breaches += 1;
            return;
        };
        let index = request.station as usize;
        let Some(station) = self.stations.get_mut(index) else {
            self.breaches += 1;
            return;
        };
        match station.present.checked_sub(1) {
            Some(present) => {
                station.present = present;
                station.acc.leave(t);
            }
            None => self.breaches += 1,
        }
        station.acc.completed += 1;
        station.acc.sojourn_ns += u128::from(t.saturating_sub(request.arrived_ns));
        self.hash.event(t, index, COMPLETION);
        match self.requests.get(station.first_waiting) {
            // The server goes straight on to the next request: busy, and the integral
            // of busy servers, are unchanged.
            Some(first) => {
                let next = std::mem::replace(&mut station.first_waiting, first.behind);
                if next == station.last_waiting {
                    station.last_waiting = NONE;
                }
                let service_ns = station.service.sample_ns(&mut self.sampler);
                self.queue.schedule(t.saturating_add(service_ns), next);
            }
            None => match station.busy.checked_sub(1) {
                Some(busy) => {
                    station.busy = busy;
                    station.acc.end_service(t);
                }
                None => self.breaches += 1,
            },
        }
        let destination = match station.next {
            EXIT => None,
            ROUTED => choose(&station.route, &mut station.cursor, &mut self.sampler),
            next => Some(next as usize),
        };
        if request.trace != UNTRACED {
            self.recorder.depart(request.trace, index, t);
        }
        match destination {
            Some(next) => self.enter(slot, next, t),
            None => self.leave(slot, &request, t),
        }
    }

    /// A request completes its path through the network.
    #[inline(always)]
    fn leave(&mut self, slot: u32, request: &Request, t: u64) {
        if !self.network.complete(t, t.saturating_sub(request.born_ns)) {
            self.breaches += 1;
        }
        self.requests.remove(slot);
        if request.trace != UNTRACED {
            self.recorder.end(request.trace, Outcome::Completed { at_ns: t });
        }
    }
}

/// The next station, or `None` to leave the network.
#[inline(always)]
fn choose(route: &Route, cursor: &mut usize, sampler: &mut Sampler) -> Option<usize> {
    match route {
        Route::Exit => None,
        Route::To(next) => Some(*next as usize),
        Route::Split(table) => match table.pick(sampler.unit()) {
            EXIT => None,
            next => Some(next as usize),
        },
        Route::Cycle { dest } => {
            let next = dest.get(*cursor).map(|&d| d as usize);
            *cursor = if *cursor + 1 >= dest.len() { 0 } else { *cursor + 1 };
            next
        }
    }
}
