//! The request engine against every queueing-theory reference case
//! (tests/fixtures/validation_cases.json), with the file's own tolerances and run lengths.
//!
//! These runs simulate tens of millions of requests, so they only run in an optimised
//! build: `cargo test --profile fast -p scalelab-sim --test validation -- --nocapture`
//! (the tables of expected and measured values print with `--nocapture`). In a debug
//! build each test returns early with a note, and only the coverage check runs.

#[path = "validation/cases.rs"]
mod cases;

use std::collections::BTreeSet;

use cases::{Case, File, Tolerances, load};
use scalelab_sim::request::{RunOptions, RunReport, Stop, TraceOptions, run};

/// One seed for every steady-state case, fixed so a failure reproduces.
const SEED: u64 = 20_261_128;
/// A ceiling far above any case's needs, so a runaway run fails instead of hanging.
const MAX_EVENTS: u64 = 2_000_000_000;

/// Every case in the fixture, each with its test below; `every_case_is_covered` fails
/// when the file gains a case that is not listed here.
const CASES: [&str; 8] = [
    "S01_mm1_rho050",
    "S02_mm1_rho090",
    "S04_mmc8_rho085",
    "S05_mmck_overload",
    "S07_lb_random4",
    "S08_tandem_lb_app_db",
    "S11_md1_rho080",
    "S12_overload_transient",
];

/// Expected values of steady-state cases that are compared, and how.
const STEADY_KEYS: [&str; 15] = [
    "mean_ms",
    "mean_ms_from_grid",
    "littles_law_mean_ms",
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "sojourn_p50_ms_erlang",
    "sojourn_p95_ms_erlang",
    "sojourn_p99_ms_erlang",
    "utilisation",
    "throughput",
    "drop_rate",
    "L",
    "erlang_c",
    "exactness",
];
/// Expected values the request engine does not measure, with the reason.
const NOT_MEASURED: [(&str, &str); 1] =
    [("wq_p99_ms", "the engine keeps no per-station waiting-time distribution; the sojourn p99 is asserted instead")];
/// Expected values of the transient case.
const TRANSIENT_KEYS: [&str; 4] = ["fluid", "diffusion", "utilisation_during_overload", "exactness"];
/// Cases whose `tolerance_note` this file applies (see `tolerances_for` and `transient`).
const NOTED: [&str; 2] = ["S08_tandem_lb_app_db", "S12_overload_transient"];

fn skipped(id: &str) -> bool {
    if cfg!(debug_assertions) {
        println!("{id}: skipped in a debug build; run `cargo test --profile fast -p scalelab-sim --test validation`");
    }
    cfg!(debug_assertions)
}

fn case<'f>(file: &'f File, id: &str) -> &'f Case {
    file.cases.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no case {id} in the fixture"))
}

#[test]
fn every_case_is_covered() {
    let file = load();
    let ids: BTreeSet<&str> = file.cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, CASES.into_iter().collect(), "the fixture's cases and this file's tests differ");
    for case in &file.cases {
        if let Err(unsupported) = case.network() {
            panic!("{}: the loader does not support {unsupported}", case.id);
        }
        let transient = case.expected.contains_key("fluid");
        let known: Vec<&str> = if transient {
            TRANSIENT_KEYS.to_vec()
        } else {
            STEADY_KEYS.iter().copied().chain(NOT_MEASURED.iter().map(|(k, _)| *k)).collect()
        };
        for key in case.expected.keys() {
            assert!(known.contains(&key.as_str()), "{}: expected value {key:?} is not checked", case.id);
        }
        if case.tolerance_note.is_some() {
            assert!(NOTED.contains(&case.id.as_str()), "{}: its tolerance note is not applied", case.id);
        }
        assert!(transient || case.min_requests.is_some(), "{}: no run length", case.id);
    }
}

#[test]
fn s01_mm1_rho050() {
    steady("S01_mm1_rho050");
}

#[test]
fn s02_mm1_rho090() {
    steady("S02_mm1_rho090");
}

#[test]
fn s04_mmc8_rho085() {
    steady("S04_mmc8_rho085");
}

#[test]
fn s05_mmck_overload() {
    steady("S05_mmck_overload");
}

#[test]
fn s07_lb_random4() {
    steady("S07_lb_random4");
}

#[test]
fn s08_tandem_lb_app_db() {
    steady("S08_tandem_lb_app_db");
}

#[test]
fn s11_md1_rho080() {
    steady("S11_md1_rho080");
}

#[test]
fn s12_overload_transient() {
    transient("S12_overload_transient");
}

/// The file's tolerances, with a case's `tolerance_note` applied.
fn tolerances_for(case: &Case, file: &Tolerances) -> Tolerances {
    let mut tolerances = file.clone();
    if case.id == "S08_tandem_lb_app_db" {
        // "mean is exact; percentiles come from convolving per-station sojourn times and
        // are approximate: compare them within 5 %"
        tolerances.p50_rel = 0.05;
        tolerances.p95_rel = 0.05;
        tolerances.p99_rel = 0.05;
    }
    tolerances
}

#[derive(Clone, Copy, Debug)]
enum Within {
    Rel(f64),
    Abs(f64),
}

struct Row {
    quantity: String,
    expected: f64,
    got: f64,
    within: Within,
}

impl Row {
    fn ok(&self) -> bool {
        let error = (self.got - self.expected).abs();
        match self.within {
            Within::Rel(rel) => error <= rel * self.expected.abs(),
            Within::Abs(abs) => error <= abs,
        }
    }
}

/// Prints every comparison and fails listing each one out of tolerance.
fn judge(id: &str, rows: &[Row]) {
    println!("{id}");
    println!("  {:<26} {:>14} {:>14} {:>9}  tolerance", "quantity", "expected", "measured", "error");
    for row in rows {
        let error = if row.expected == 0.0 { row.got - row.expected } else { row.got / row.expected - 1.0 };
        let within = match row.within {
            Within::Rel(rel) => format!("{:.1} %", rel * 100.0),
            Within::Abs(abs) => format!("+- {abs}"),
        };
        let mark = if row.ok() { "" } else { "  <-- out of tolerance" };
        println!(
            "  {:<26} {:>14.6} {:>14.6} {:>+8.3}%  {within}{mark}",
            row.quantity,
            row.expected,
            row.got,
            error * 100.0
        );
    }
    let failed: Vec<&str> = rows.iter().filter(|r| !r.ok()).map(|r| r.quantity.as_str()).collect();
    assert!(failed.is_empty(), "{id}: out of tolerance: {failed:?}");
}

fn steady(id: &str) {
    if skipped(id) {
        return;
    }
    let file = load();
    let case = case(&file, id);
    let tolerances = tolerances_for(case, &file.tolerances);
    let network = case.network().unwrap_or_else(|e| panic!("{id}: {e}"));
    let throughput = case.expected_f64(&["throughput"]).unwrap_or_else(|| panic!("{id}: no expected throughput"));
    let min_requests = case.min_requests.unwrap_or_else(|| panic!("{id}: no min_requests"));
    let warmup_s = case.warmup_s.unwrap_or(0.0);
    // 1 % more simulated time than the expected throughput needs, so the run completes at
    // least min_requests (asserted below).
    let duration_s = warmup_s + 1.01 * min_requests as f64 / throughput;
    let options = RunOptions {
        seed: SEED,
        duration_s,
        warmup_s,
        max_events: MAX_EVENTS,
        traces: TraceOptions::default(),
        sample_every_s: None,
    };
    let report = run(&network, &options).unwrap_or_else(|e| panic!("{id}: {e}"));
    assert_sound(id, &report);
    assert!(
        report.network.flow.completed >= min_requests,
        "{id}: completed {} < {min_requests} requests after warm-up",
        report.network.flow.completed
    );
    let latency = report.network.latency.unwrap_or_else(|| panic!("{id}: nothing completed"));
    println!(
        "{id}: {} requests completed after {warmup_s} s warm-up, {} events, seed {SEED}; mean {:.3} ms, batch-means standard error {:.3} ms",
        report.network.flow.completed,
        report.events,
        latency.mean_ms,
        latency.mean_ms_std_error.unwrap_or(f64::NAN)
    );
    judge(id, &steady_rows(case, &tolerances, &report));
}

/// What every run must satisfy whatever its numbers.
fn assert_sound(id: &str, report: &RunReport) {
    assert_eq!(report.stop, Stop::Duration, "{id}: the run stopped early");
    assert_eq!(report.invariant_breaches, 0, "{id}");
    assert!(report.network.flow.is_conserved(), "{id}: {:?}", report.network.flow);
    for station in &report.stations {
        assert!(station.flow.is_conserved(), "{id}: {}: {:?}", station.name, station.flow);
    }
}

fn steady_rows(case: &Case, tol: &Tolerances, report: &RunReport) -> Vec<Row> {
    let latency = report.network.latency.unwrap_or_else(|| panic!("{}: nothing completed", case.id));
    let little_ms = report.network.mean_in_system / report.network.throughput_rps * 1000.0;
    let measured = |key: &str| -> Option<(f64, Within)> {
        Some(match key {
            "mean_ms" | "mean_ms_from_grid" => (latency.mean_ms, Within::Rel(tol.mean_rel)),
            "littles_law_mean_ms" => (little_ms, Within::Rel(tol.mean_rel)),
            "p50_ms" | "sojourn_p50_ms_erlang" => (latency.p50_ms, Within::Rel(tol.p50_rel)),
            "p95_ms" | "sojourn_p95_ms_erlang" => (latency.p95_ms, Within::Rel(tol.p95_rel)),
            "p99_ms" | "sojourn_p99_ms_erlang" => (latency.p99_ms, Within::Rel(tol.p99_rel)),
            "throughput" => (report.network.throughput_rps, Within::Rel(tol.throughput_rel)),
            "drop_rate" => (report.network.drop_rate, Within::Rel(tol.drop_rate_rel)),
            // L = lambda W: held to the tolerance of the mean it is proportional to.
            "L" => (report.network.mean_in_system, Within::Rel(tol.mean_rel)),
            // W_q = C / (c mu - lambda): the relative error of C is that of the mean wait.
            "erlang_c" => (report.stations.first()?.wait_probability?, Within::Rel(tol.mean_rel)),
            _ => return None,
        })
    };
    let mut rows = Vec::new();
    for (key, value) in &case.expected {
        if key == "utilisation" {
            let Some(per_station) = value.as_object() else { panic!("{}: utilisation is not a map", case.id) };
            for (name, expected) in per_station {
                let station = report.stations.iter().find(|s| &s.name == name);
                let got = station.and_then(|s| s.utilisation).unwrap_or(f64::NAN);
                let expected = expected.as_f64().unwrap_or(f64::NAN);
                rows.push(Row {
                    quantity: format!("utilisation {name}"),
                    expected,
                    got,
                    within: Within::Abs(tol.utilisation_abs),
                });
            }
        } else if let (Some(expected), Some((got, within))) = (value.as_f64(), measured(key)) {
            rows.push(Row { quantity: key.to_string(), expected, got, within });
        }
    }
    rows
}

/// The overload transient, by the fluid limit: the queue path averaged over seeds.
fn transient(id: &str) {
    if skipped(id) {
        return;
    }
    let file = load();
    let case = case(&file, id);
    let network = case.network().unwrap_or_else(|e| panic!("{id}: {e}"));
    let fluid = |key: &str| case.expected_f64(&["fluid", key]).unwrap_or_else(|| panic!("{id}: no fluid.{key}"));
    let duration_s = *network.arrivals.endpoints_s.last().unwrap_or_else(|| panic!("{id}: no schedule end"));
    // "simulate the full 180 s schedule; average the queue path over at least 10 seeds"
    let seeds = 1..=10u64;
    let seed_count = seeds.clone().count() as f64;
    let every_s = 0.1;
    let mut in_system = Vec::<f64>::new();
    let mut waiting = Vec::<f64>::new();
    let mut max_response_ms = 0.0;
    for seed in seeds {
        let options = RunOptions {
            seed,
            duration_s,
            warmup_s: 0.0,
            max_events: MAX_EVENTS,
            traces: TraceOptions::default(),
            sample_every_s: Some(every_s),
        };
        let report = run(&network, &options).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_sound(id, &report);
        in_system.resize(report.timeline.len(), 0.0);
        waiting.resize(report.timeline.len(), 0.0);
        for (i, sample) in report.timeline.iter().enumerate() {
            in_system[i] += sample.in_system as f64 / seed_count;
            waiting[i] += sample.stations.iter().map(|s| s.waiting).sum::<u64>() as f64 / seed_count;
        }
        max_response_ms += report.network.latency.map_or(0.0, |l| l.max_ms) / seed_count;
    }
    let time_s = |i: usize| i as f64 * every_s;
    let (peak_at, peak) =
        in_system.iter().copied().enumerate().fold((0, 0.0), |best, (i, n)| if n > best.1 { (i, n) } else { best });
    let empty_at = (peak_at..waiting.len()).find(|&i| waiting[i] < 1.0).map_or(f64::INFINITY, time_s);
    let peak_time_s = fluid("peak_time_s");
    let n_t = |t: f64| case.expected_f64(&["fluid", "N_t", &format!("{t:.0}")]);
    let expected_peak = n_t(peak_time_s).unwrap_or_else(|| panic!("{id}: no fluid N_t at the peak"));

    println!("{id}: averaged over 10 seeds, sampled every {every_s} s");
    println!("  {:>6} {:>10} {:>10}", "t (s)", "fluid N", "mean N");
    for t in (0..=120).step_by(5) {
        let index = (f64::from(t) / every_s).round() as usize;
        if let (Some(expected), Some(got)) = (n_t(f64::from(t)), in_system.get(index)) {
            println!("  {t:>6} {expected:>10.1} {got:>10.1}");
        }
    }
    println!("  peak {peak:.1} at {:.1} s; queue empty at {empty_at:.1} s", time_s(peak_at));

    // The overload phase alone: the pool is busy all the time.
    let overload_s = network.arrivals.endpoints_s.first().copied().unwrap_or(duration_s);
    let options = RunOptions { seed: SEED, duration_s: overload_s, max_events: MAX_EVENTS, ..RunOptions::default() };
    let overload = run(&network, &options).unwrap_or_else(|e| panic!("{id}: {e}"));
    let utilisation = overload.stations.first().and_then(|s| s.utilisation).unwrap_or(f64::NAN);
    let expected_utilisation =
        case.expected_f64(&["utilisation_during_overload"]).unwrap_or_else(|| panic!("{id}: no utilisation"));

    // The note: "peak number in system within 5 % of 12,010 (...), system empty at 84 +- 3 s,
    // maximum response 12.0 s +- 5 %".
    judge(
        id,
        &[
            Row {
                quantity: "peak number in system".into(),
                expected: expected_peak,
                got: peak,
                within: Within::Rel(0.05),
            },
            Row {
                quantity: "peak time (s)".into(),
                expected: peak_time_s,
                got: time_s(peak_at),
                within: Within::Abs(3.0),
            },
            Row {
                quantity: "empty at (s)".into(),
                expected: fluid("empty_at_s"),
                got: empty_at,
                within: Within::Abs(3.0),
            },
            Row {
                quantity: "max response (ms)".into(),
                expected: fluid("max_sojourn_ms"),
                got: max_response_ms,
                within: Within::Rel(0.05),
            },
            Row {
                quantity: "utilisation in overload".into(),
                expected: expected_utilisation,
                got: utilisation,
                within: Within::Abs(file.tolerances.utilisation_abs),
            },
        ],
    );
}
