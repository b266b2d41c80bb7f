//! Invariants on small random networks: conservation per station and end to end, no
//! negative or overfull queue, utilisation at most 1, Little's law on stable networks,
//! and determinism by seed.
//!
//! Networks are feed-forward (a station routes only to later ones) so their arrival
//! rates follow by one pass, and each station's mean service time is set from its rate to
//! give a chosen utilisation.

use proptest::prelude::*;
use scalelab_sim::request::{Arrivals, Network, Routing, RunOptions, Servers, ServiceDist, Station, run};

use super::support::assert_sound;

#[derive(Clone, Debug)]
enum RouteSpec {
    Exit,
    /// Weights to later stations (by offset) and the share that leaves.
    Split(Vec<(usize, f64)>, f64),
    Cycle(Vec<usize>),
}

#[derive(Clone, Debug)]
struct StationSpec {
    servers: Option<u32>,
    dist: u8,
    rho: f64,
    cv: f64,
    extra_capacity: Option<u32>,
    route: RouteSpec,
}

fn route() -> impl Strategy<Value = RouteSpec> {
    prop_oneof![
        Just(RouteSpec::Exit),
        (prop::collection::vec((0usize..8, 0.1f64..1.0), 1..4), 0.0f64..0.5).prop_map(|(w, e)| RouteSpec::Split(w, e)),
        prop::collection::vec(0usize..8, 1..4).prop_map(RouteSpec::Cycle),
    ]
}

fn station_spec(rho: std::ops::Range<f64>, capacities: bool) -> impl Strategy<Value = StationSpec> {
    let servers = prop_oneof![4 => (1u32..=4).prop_map(Some), 1 => Just(None)];
    let capacity = if capacities { prop::option::of(0u32..4).boxed() } else { Just(None).boxed() };
    (servers, 0u8..3, rho, 0.2f64..2.0, capacity, route()).prop_map(
        |(servers, dist, rho, cv, extra_capacity, route)| StationSpec { servers, dist, rho, cv, extra_capacity, route },
    )
}

/// Builds the network with station i routing only to stations after i.
fn build(specs: &[StationSpec], rate_rps: f64) -> Network {
    let n = specs.len();
    let later = |i: usize, offset: usize| i + 1 + offset % (n - i - 1);
    let routing: Vec<Routing> = specs
        .iter()
        .enumerate()
        .map(|(i, spec)| match &spec.route {
            _ if i + 1 == n => Routing::Exit,
            RouteSpec::Exit => Routing::Exit,
            RouteSpec::Split(weights, exit_share) => {
                let total: f64 = weights.iter().map(|(_, w)| w).sum();
                Routing::Probabilistic {
                    dest: weights.iter().map(|&(o, _)| later(i, o)).collect(),
                    p: weights.iter().map(|(_, w)| w / total * (1.0 - exit_share)).collect(),
                }
            }
            RouteSpec::Cycle(offsets) => Routing::Cycle { dest: offsets.iter().map(|&o| later(i, o)).collect() },
        })
        .collect();
    let mut rates = vec![0.0; n];
    rates[0] = rate_rps;
    for (i, routing) in routing.iter().enumerate() {
        let rate = rates[i];
        match routing {
            Routing::Exit => {}
            Routing::Probabilistic { dest, p } => dest.iter().zip(p).for_each(|(&d, p)| rates[d] += rate * p),
            Routing::Cycle { dest } => dest.iter().for_each(|&d| rates[d] += rate / dest.len() as f64),
        }
    }
    let stations = specs
        .iter()
        .zip(&rates)
        .enumerate()
        .map(|(i, (spec, &rate))| {
            let servers = spec.servers.map_or(Servers::Infinite, Servers::Finite);
            let c = f64::from(spec.servers.unwrap_or(1));
            let mean_s = if rate > 0.0 { spec.rho * c / rate } else { 0.01 };
            let service = match spec.dist {
                0 => ServiceDist::Exponential { mean_s },
                1 => ServiceDist::Deterministic { mean_s },
                _ => ServiceDist::LogNormal { mean_s, cv: spec.cv },
            };
            let capacity = spec.extra_capacity.map(|extra| spec.servers.unwrap_or(1) + extra);
            Station { name: format!("s{i}"), servers, service, capacity }
        })
        .collect();
    Network { stations, routing, arrivals: Arrivals::constant(0, rate_rps) }
}

fn any_load() -> impl Strategy<Value = Network> {
    (prop::collection::vec(station_spec(0.1..1.5, true), 1..6), 5.0f64..50.0)
        .prop_map(|(specs, rate)| build(&specs, rate))
}

fn stable() -> impl Strategy<Value = Network> {
    (prop::collection::vec(station_spec(0.1..0.8, false), 1..6), 20.0f64..50.0)
        .prop_map(|(specs, rate)| build(&specs, rate))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn conservation_and_bounds_hold_at_any_load(network in any_load(), seed in any::<u64>()) {
        let options = RunOptions {
            seed,
            duration_s: 60.0,
            warmup_s: 10.0,
            sample_every_s: Some(0.5),
            ..RunOptions::default()
        };
        let report = run(&network, &options).unwrap();
        assert_sound(&network, &report);
    }

    #[test]
    fn littles_law_holds_in_stable_networks(network in stable(), seed in any::<u64>()) {
        let options = RunOptions { seed, duration_s: 400.0, warmup_s: 40.0, ..RunOptions::default() };
        let report = run(&network, &options).unwrap();
        assert_sound(&network, &report);
        // L = lambda W up to the requests present at either end of the window: within
        // 5 % (plus 0.02 requests for nearly idle stations) with >= 200 completions.
        let close = |l: f64, lambda_w: f64| (l - lambda_w).abs() <= 0.05 * l + 0.02;
        for station in report.stations.iter().filter(|s| s.flow.completed >= 200) {
            let lambda_w = station.throughput_rps * station.mean_sojourn_ms.unwrap() / 1000.0;
            prop_assert!(close(station.mean_in_station, lambda_w), "{}: L {} vs lambda W {lambda_w}", station.name, station.mean_in_station);
        }
        let latency = report.network.latency.unwrap();
        let lambda_w = report.network.throughput_rps * latency.mean_ms / 1000.0;
        prop_assert!(close(report.network.mean_in_system, lambda_w), "L {} vs lambda W {lambda_w}", report.network.mean_in_system);
    }

    #[test]
    fn a_seed_replays_a_run_and_another_seed_does_not(network in any_load(), seed in any::<u64>()) {
        let options = RunOptions { seed, duration_s: 20.0, sample_every_s: Some(1.0), ..RunOptions::default() };
        let first = run(&network, &options).unwrap();
        let again = run(&network, &options).unwrap();
        prop_assert_eq!(&first, &again);
        let other = run(&network, &RunOptions { seed: seed ^ 1, ..options }).unwrap();
        prop_assert_ne!(first.trace_hash, other.trace_hash);
    }
}
