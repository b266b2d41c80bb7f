//! The flow engine against queueing theory: the published reference cases
//! (tests/fixtures/validation_cases.json) that map onto single stations, splits, tandems
//! and an overload transient, held to 5 % below rho 0.95 and the fluid numbers to 1 %.

use scalelab_model::{Component, ComponentKind, Document, Link, Point, Shape};
use scalelab_sim::run::{RunOptions, run};
use scalelab_sim::{Report, evaluate};
use serde_json::Value;

use crate::designs::single_station;

fn case(id: &str) -> Value {
    let text = include_str!("../fixtures/validation_cases.json");
    let all: Value = serde_json::from_str(text).unwrap();
    all["cases"].as_array().unwrap().iter().find(|c| c["id"] == id).cloned().unwrap_or_else(|| panic!("no case {id}"))
}

fn close(what: &str, got: f64, expected: f64, tolerance: f64) {
    let error = (got - expected).abs() / expected.abs().max(1e-12);
    assert!(
        error <= tolerance,
        "{what}: got {got}, expected {expected} (off by {:.2} %, tolerance {:.1} %)",
        error * 100.0,
        tolerance * 100.0
    );
}

/// Compares end-to-end latency; `network_ms` is the round trips the design's links add
/// (the reference networks have none), a constant shift of every figure.
fn check_latency(id: &str, report: &Report, expected: &Value, percentiles: bool, network_ms: f64) {
    let figure = |key: &str| expected[key].as_f64().unwrap() + network_ms;
    close(&format!("{id} mean"), report.latency.mean_ms, figure("mean_ms"), 0.05);
    if percentiles {
        close(&format!("{id} p50"), report.latency.p50_ms, figure("p50_ms"), 0.05);
        close(&format!("{id} p95"), report.latency.p95_ms, figure("p95_ms"), 0.05);
        close(&format!("{id} p99"), report.latency.p99_ms, figure("p99_ms"), 0.05);
    }
}

/// Round trip of a link between two components in one zone (the engine's default).
const SAME_ZONE_MS: f64 = 0.5;

#[test]
fn single_stations_match_their_closed_forms() {
    // (case, servers, service ms, queue limit, cv)
    let cases = [
        ("S01_mm1_rho050", 1.0, 10.0, 1e7, 1.0),
        ("S02_mm1_rho090", 1.0, 10.0, 1e7, 1.0),
        ("S04_mmc8_rho085", 8.0, 10.0, 1e7, 1.0),
        ("S11_md1_rho080", 1.0, 10.0, 1e7, 0.0),
    ];
    for (id, servers, service_ms, queue, cv) in cases {
        let c = case(id);
        let rate = c["network"]["arrivals"]["rates"][0].as_f64().unwrap();
        let mut doc = single_station(rate, servers, service_ms, queue);
        doc.components[1] = doc.components[1].clone().with_param("service_time_cv", cv);
        let report = evaluate(&doc).unwrap();
        let expected = &c["expected"];
        // Percentiles from the three-cumulant fit: exact for M/M/1, close for the others.
        check_latency(id, &report, expected, true, 0.0);
        let server = report.component("server").unwrap();
        let utilisation = expected["utilisation"].as_object().unwrap().values().next().unwrap().as_f64().unwrap();
        assert!((server.utilisation - utilisation).abs() <= 0.01, "{id} utilisation {}", server.utilisation);
        close(&format!("{id} throughput"), server.served_rps, expected["throughput"].as_f64().unwrap(), 0.01);
    }
}

#[test]
fn a_finite_queue_in_overload_drops_what_the_chain_says() {
    let c = case("S05_mmck_overload");
    // M/M/4/20: 4 servers, 16 waiting places.
    let report = evaluate(&single_station(600.0, 4.0, 10.0, 16.0)).unwrap();
    let server = report.component("server").unwrap();
    let expected = &c["expected"];
    close("S05 throughput", server.served_rps, expected["throughput"].as_f64().unwrap(), 0.01);
    close("S05 drop rate", server.errors.dropped / server.offered_rps, expected["drop_rate"].as_f64().unwrap(), 0.02);
    close("S05 mean of accepted", server.latency.mean_ms, expected["mean_ms"].as_f64().unwrap(), 0.05);
}

fn chain(rate: f64, stations: &[(&str, f64, f64)], split: bool) -> Document {
    let mut doc = single_station(rate, 1.0, 1.0, 1e7);
    doc.components.truncate(1);
    doc.links.clear();
    let mut previous = "users".to_owned();
    if split {
        doc.components.push(
            Component::new("lb", ComponentKind::LoadBalancer, "lb", Point::default())
                .with_choice("policy", "random")
                .with_param("max_rps", 1e9),
        );
        doc.links.push(Link::call("users", "lb"));
    }
    for (id, servers, service_ms) in stations {
        doc.components.push(
            Component::new(id, ComponentKind::Service, id, Point::default())
                .with_param("cores", *servers)
                // Slots never bind: each station queues for its cores alone, as in a tandem.
                .with_param("concurrency", 10_000.0)
                .with_param("service_time_ms", *service_ms)
                .with_param("queue_limit", 1e7),
        );
        if split {
            doc.links.push(Link::call("lb", id));
        } else {
            doc.links.push(Link::call(&previous, id));
            previous = (*id).to_owned();
        }
    }
    doc
}

#[test]
fn a_random_split_gives_independent_mm1_queues() {
    let c = case("S07_lb_random4");
    let doc = chain(340.0, &[("srv0", 1.0, 10.0), ("srv1", 1.0, 10.0), ("srv2", 1.0, 10.0), ("srv3", 1.0, 10.0)], true);
    let report = evaluate(&doc).unwrap();
    check_latency("S07", &report, &c["expected"], true, SAME_ZONE_MS);
    for id in ["srv0", "srv1", "srv2", "srv3"] {
        assert!((report.component(id).unwrap().utilisation - 0.85).abs() <= 0.01);
    }
}

#[test]
fn a_tandem_adds_its_stations_means() {
    let c = case("S08_tandem_lb_app_db");
    let doc = chain(300.0, &[("lb", 1.0, 0.5), ("app", 4.0, 10.0), ("db", 2.0, 4.0)], false);
    let report = evaluate(&doc).unwrap();
    // The mean is exact; the percentiles come from a fitted distribution (approximate,
    // as the case's own percentiles are): compare them within 5 %.
    check_latency("S08", &report, &c["expected"], true, 2.0 * SAME_ZONE_MS);
    for (id, u) in [("lb", 0.15), ("app", 0.75), ("db", 0.6)] {
        assert!((report.component(id).unwrap().utilisation - u).abs() <= 0.01, "{id}");
    }
}

#[test]
fn an_overload_transient_follows_the_fluid_limit() {
    let c = case("S12_overload_transient");
    let fluid = &c["expected"]["fluid"];
    let mut doc = single_station(1200.0, 10.0, 10.0, 1e7);
    doc.traffic.shape = Shape::Step { at_s: 60.0, factor: 500.0 / 1200.0 };
    let report = run(&doc, RunOptions { duration_s: 180.0, step_s: 1.0 }).unwrap();
    let in_system = |t: f64| {
        let sample = report.samples.iter().find(|s| s.t_s == t).unwrap();
        let server = &sample.components[1];
        server.queue + server.served_rps * 0.010
    };
    // Number in system at each published time, within 1 % (the tail of the drain, where
    // only the few requests in service remain, within 1 request).
    // Samples are taken at the end of each step; the empty start (t = 0) is not one.
    for (t, expected) in fluid["N_t"].as_object().unwrap() {
        let t: f64 = t.parse().unwrap();
        if t == 0.0 {
            continue;
        }
        let expected = expected.as_f64().unwrap();
        let got = in_system(t);
        if expected > 100.0 {
            close(&format!("S12 N({t})"), got, expected, 0.01);
        } else {
            assert!((got - expected).abs() <= 10.0, "S12 N({t}): got {got}, expected {expected}");
        }
    }
    close("S12 peak", in_system(60.0), fluid["peak_queue"].as_f64().unwrap() + 10.0, 0.01);
    let empty_at = report.samples.iter().find(|s| s.t_s > 60.0 && s.components[1].queue < 1.0).unwrap().t_s;
    assert!((empty_at - fluid["empty_at_s"].as_f64().unwrap()).abs() <= 1.0, "empty at {empty_at}");
}
