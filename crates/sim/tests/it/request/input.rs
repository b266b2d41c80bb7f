//! Bad networks and options come back as every problem found, each naming what it is
//! about, and never panic.

use scalelab_sim::request::{
    Arrivals, Network, Plan, RequestError, Routing, RunOptions, Servers, ServiceDist, Simulation, Subject, problems,
};

use super::support::{exp, station, three_tier};

#[test]
fn a_valid_network_has_no_problems() {
    assert!(problems(&three_tier()).is_empty());
}

#[test]
fn every_problem_is_reported_with_its_station() {
    let network = Network {
        stations: vec![
            station("zero", Servers::Finite(0), exp(0.01), None),
            station("nan", Servers::Finite(1), exp(f64::NAN), Some(0)),
            station("tight", Servers::Finite(4), ServiceDist::LogNormal { mean_s: 0.01, cv: -1.0 }, Some(2)),
        ],
        routing: vec![Routing::Probabilistic { dest: vec![1, 7], p: vec![0.8, 0.7] }, Routing::Cycle { dest: vec![] }],
        arrivals: Arrivals { node: 9, rates_rps: vec![-1.0, f64::INFINITY], endpoints_s: vec![5.0, 2.0], erlang_k: 1 },
    };
    let found = problems(&network);
    let about = |index: usize| {
        found.iter().filter(|p| matches!(&p.subject, Subject::Station { index: i, .. } if *i == index)).count()
    };
    assert_eq!(about(0), 3, "{found:#?}"); // no servers, probabilities > 1, station 7
    assert_eq!(about(1), 3, "{found:#?}"); // mean NaN, K = 0, empty round robin
    assert_eq!(about(2), 2, "{found:#?}"); // cv < 0, K < c
    let network_wide = found.iter().filter(|p| p.subject == Subject::Network).count();
    assert_eq!(network_wide, 1, "{found:#?}"); // routing entries missing
    let arrivals = found.iter().filter(|p| p.subject == Subject::Arrivals).count();
    assert_eq!(arrivals, 3, "{found:#?}"); // node, rates, endpoints not increasing
    let message = match Plan::new(&network) {
        Err(error @ RequestError::InvalidNetwork(_)) => error.to_string(),
        other => panic!("{other:?}"),
    };
    assert!(message.contains("station 1 (\"nan\")"), "{message}");
}

#[test]
fn an_empty_network_is_a_problem_not_a_panic() {
    let network = Network { stations: vec![], routing: vec![], arrivals: Arrivals::constant(0, 1.0) };
    assert!(Plan::new(&network).is_err());
}

#[test]
fn bad_options_are_all_reported() {
    let plan = Plan::new(&three_tier()).unwrap();
    let options = RunOptions {
        duration_s: 10.0,
        warmup_s: 20.0,
        max_events: 0,
        sample_every_s: Some(1e-9),
        ..RunOptions::default()
    };
    match Simulation::new(&plan, &options) {
        Err(RequestError::InvalidOptions(found)) => assert_eq!(found.len(), 3, "{found:#?}"),
        other => panic!("{other:?}"),
    }
    for duration_s in [f64::NAN, -1.0, 0.0, 1e12] {
        let options = RunOptions { duration_s, ..RunOptions::default() };
        assert!(Simulation::new(&plan, &options).is_err(), "{duration_s}");
    }
}
