//! Small networks and the checks every run must pass, shared by the request tests.

use scalelab_sim::request::{Arrivals, Network, Routing, RunReport, Servers, ServiceDist, Station};

pub fn station(name: &str, servers: Servers, service: ServiceDist, capacity: Option<u32>) -> Station {
    Station { name: name.into(), servers, service, capacity }
}

pub fn exp(mean_s: f64) -> ServiceDist {
    ServiceDist::Exponential { mean_s }
}

/// LB (M/M/1) -> app (M/M/4) -> db (M/M/2) at 300 requests/s, as in reference case S08.
pub fn three_tier() -> Network {
    Network {
        stations: vec![
            station("lb", Servers::Finite(1), exp(0.0005), None),
            station("app", Servers::Finite(4), exp(0.01), None),
            station("db", Servers::Finite(2), exp(0.004), None),
        ],
        routing: vec![
            Routing::Probabilistic { dest: vec![1], p: vec![1.0] },
            Routing::Probabilistic { dest: vec![2], p: vec![1.0] },
            Routing::Exit,
        ],
        arrivals: Arrivals::constant(0, 300.0),
    }
}

/// Conservation everywhere, no internal check failed, utilisation at most 1, and queues
/// within their stations' servers and capacities at every sample.
pub fn assert_sound(network: &Network, report: &RunReport) {
    assert_eq!(report.invariant_breaches, 0);
    assert!(report.network.flow.is_conserved(), "{:?}", report.network.flow);
    assert_eq!(report.stations.len(), network.stations.len());
    for (spec, station) in network.stations.iter().zip(&report.stations) {
        assert!(station.flow.is_conserved(), "{}: {:?}", station.name, station.flow);
        if let Some(u) = station.utilisation {
            assert!((0.0..=1.0 + 1e-12).contains(&u), "{}: utilisation {u}", station.name);
        }
        assert!(station.mean_waiting >= 0.0 && station.mean_in_station >= station.mean_waiting);
        if let Some(k) = spec.capacity {
            assert!(station.peak_in_station <= u64::from(k), "{}: {} > K {k}", station.name, station.peak_in_station);
        }
    }
    for sample in &report.timeline {
        let mut total = 0;
        for (spec, at) in network.stations.iter().zip(&sample.stations) {
            if let Servers::Finite(c) = spec.servers {
                assert!(at.busy <= u64::from(c), "{} busy {} > {c}", spec.name, at.busy);
                assert!(at.waiting == 0 || at.busy == u64::from(c), "{} has idle servers and a queue", spec.name);
            } else {
                assert_eq!(at.waiting, 0, "{} has infinitely many servers and a queue", spec.name);
            }
            if let Some(k) = spec.capacity {
                assert!(at.busy + at.waiting <= u64::from(k));
            }
            total += at.busy + at.waiting;
        }
        assert_eq!(total, sample.in_system, "at {} ns", sample.time_ns);
    }
}
