//! `scalelab run`: the steady state at the daily peak, or a run over simulated time.

use std::fmt::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use scalelab_model::format_count;
use scalelab_sim::run::{RunOptions, RunReport};
use scalelab_sim::{Report, evaluate};

use crate::load;

#[derive(Clone, Copy, ValueEnum)]
pub enum Engine {
    /// Rates and queueing formulas: any scale, approximate percentiles.
    Flow,
    /// Individual requests through every queue (reduced by symmetry): measured
    /// distributions and tails, within an event budget.
    Request,
}

#[derive(Args)]
pub struct RunArgs {
    /// The design, as a scalelab JSON document.
    file: PathBuf,
    /// Monthly active users (e.g. 1000, 250K, 1.5M, 1B); defaults to the design's own.
    #[arg(long)]
    users: Option<String>,
    /// Run for this many seconds of simulated time instead of the steady state (with the
    /// request engine: simulated seconds per queue, 60 by default).
    #[arg(long)]
    seconds: Option<f64>,
    /// The request engine's event budget for the whole design.
    #[arg(long, default_value_t = 4_000_000)]
    events: u64,
    /// Step length of a run, in seconds.
    #[arg(long, default_value_t = 1.0)]
    step: f64,
    /// Random seed (stored in the design's scenario; the flow engine draws no random numbers).
    #[arg(long)]
    seed: Option<u64>,
    #[arg(long, value_enum, default_value = "flow")]
    engine: Engine,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &RunArgs) -> Result<String, String> {
    let mut doc = load::design(&args.file, args.users.as_deref())?;
    if let Some(seed) = args.seed {
        doc.scenario.seed = seed;
    }
    if let Engine::Request = args.engine {
        let mut options = scalelab_sim::detail::DetailOptions::for_document(&doc);
        options.duration_s = args.seconds.unwrap_or(options.duration_s);
        options.max_events = args.events;
        let report = scalelab_sim::detail::detail(&doc, &options).map_err(|e| e.to_string())?;
        return if args.json { load::json(&report) } else { Ok(detail_table(&report)) };
    }
    match args.seconds {
        None => {
            let report = evaluate(&doc).map_err(|e| e.to_string())?;
            if args.json { load::json(&report) } else { Ok(table(&report)) }
        }
        Some(seconds) => {
            let options = RunOptions { duration_s: seconds, step_s: args.step };
            let report = scalelab_sim::run::run(&doc, options).map_err(|e| e.to_string())?;
            if args.json { load::json(&report) } else { Ok(run_table(&report)) }
        }
    }
}

fn latency(l: &scalelab_sim::Latency) -> String {
    format!(
        "mean {:.1} ms, p50 {:.1}, p95 {:.1}, p99 {:.1}, p99.9 {:.1}",
        l.mean_ms, l.p50_ms, l.p95_ms, l.p99_ms, l.p999_ms
    )
}

pub fn table(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} users -> {} req/s at the daily peak; {} req/s answered, {:.3} % errors",
        format_count(report.users),
        format_count(report.entry_rps),
        format_count(report.good_rps),
        report.error_rate * 100.0
    );
    for warning in &report.warnings {
        let _ = writeln!(out, "warning: {warning}");
    }
    let _ = writeln!(out, "end to end: {} ({})", latency(&report.latency), report.percentile_method);
    let _ = writeln!(
        out,
        "cost: ${:.0}/month, ${:.2} per million requests (approximate list prices)",
        report.cost_usd_per_month, report.cost_usd_per_million_requests
    );
    let _ = writeln!(
        out,
        "{:<16} {:>10} {:>10} {:>10} {:>6} {:>9} {:>9}  state",
        "component", "offered/s", "served/s", "capacity/s", "util", "p99 ms", "errors/s"
    );
    for c in &report.components {
        let capacity = if c.capacity_rps.is_finite() { format_count(c.capacity_rps) } else { "-".into() };
        let state = match (c.saturated, c.limit) {
            (true, Some(limit)) => format!("SATURATED ({})", limit.label()),
            (true, None) => "SATURATED".into(),
            _ => "ok".into(),
        };
        let _ = writeln!(
            out,
            "{:<16} {:>10} {:>10} {:>10} {:>5.0}% {:>9.1} {:>9}  {state}",
            c.id.as_str(),
            format_count(c.offered_rps),
            format_count(c.served_rps),
            capacity,
            c.utilisation * 100.0,
            c.latency.p99_ms,
            format_count(c.errors.total()),
        );
    }
    out
}

fn detail_table(report: &scalelab_sim::detail::DetailReport) -> String {
    use scalelab_sim::detail::Stands;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} users; request engine, seed {}: {} events of a budget of {}",
        format_count(report.users),
        report.seed,
        format_count(report.events as f64),
        format_count(report.max_events as f64)
    );
    let e2e = &report.end_to_end;
    match &e2e.latency {
        Some(l) => {
            let _ = writeln!(
                out,
                "end to end ({} sampled paths, {:.3} % errors): mean {:.2} ms (± {:.2}), p50 {:.2}, p95 {:.2}, p99 {:.2}, p99.9 {:.2}",
                e2e.paths,
                (1.0 - e2e.ok_share) * 100.0,
                l.mean_ms,
                l.mean_ms_std_error.unwrap_or(0.0),
                l.p50_ms,
                l.p95_ms,
                l.p99_ms,
                l.p999_ms
            );
        }
        None => {
            let _ = writeln!(out, "end to end: no request was answered ({} paths sampled)", e2e.paths);
        }
    }
    let _ = writeln!(
        out,
        "{:<16} {:<7} {:<8} {:>7} {:>9} {:>6} {:>7} {:>9} {:>9} {:>9} {:>9} {:>10}",
        "component",
        "serves",
        "instance",
        "servers",
        "req/s",
        "util",
        "drops",
        "mean ms",
        "p99 ms",
        "p99.9 ms",
        "formula",
        "requests"
    );
    for c in &report.components {
        for q in &c.queues {
            for r in &q.simulated {
                let role = format!("{:?}", q.role).to_lowercase();
                let stands = match r.stands_for {
                    Stands::Whole => "whole",
                    Stands::Typical => "typical",
                    Stands::Busiest => "busiest",
                };
                let ms = |f: fn(&scalelab_sim::request::Latency) -> f64| {
                    r.latency.as_ref().map_or("-".to_owned(), |l| format!("{:.2}", f(l)))
                };
                let _ = writeln!(
                    out,
                    "{:<16} {:<7} {:<8} {:>7} {:>9} {:>5.0}% {:>6.2}% {:>9} {:>9} {:>9} {:>9.2} {:>10}",
                    c.id,
                    role,
                    stands,
                    r.servers,
                    format_count(r.rate_rps),
                    r.utilisation.unwrap_or(0.0) * 100.0,
                    r.drop_share * 100.0,
                    ms(|l| l.mean_ms),
                    ms(|l| l.p99_ms),
                    ms(|l| l.p999_ms),
                    r.formula_mean_ms,
                    format_count(r.requests as f64),
                );
            }
        }
    }
    for note in &report.notes {
        let _ = writeln!(out, "note: {note}");
    }
    out
}

fn run_table(report: &RunReport) -> String {
    let mut out = String::new();
    let failed = report.requests - report.good_requests;
    let _ = writeln!(
        out,
        "{} requests, {} failed ({:.3} %); dropped {}, rate limited {}, failed {}, timed out {}; cost ${:.2}",
        format_count(report.requests),
        format_count(failed),
        if report.requests > 0.0 { failed / report.requests * 100.0 } else { 0.0 },
        format_count(report.errors.dropped),
        format_count(report.errors.rate_limited),
        format_count(report.errors.failed),
        format_count(report.errors.timed_out),
        report.cost_usd
    );
    let _ = writeln!(out, "{:>8} {:>10} {:>10} {:>8} {:>9}", "t (s)", "users", "req/s", "errors", "p99 ms");
    for s in &report.samples {
        let _ = writeln!(
            out,
            "{:>8.0} {:>10} {:>10} {:>7.2}% {:>9.1}",
            s.t_s,
            format_count(s.users),
            format_count(s.entry_rps),
            s.error_rate * 100.0,
            s.latency.p99_ms
        );
    }
    let _ = writeln!(out, "\nat the end:");
    out.push_str(&table(&report.last));
    out
}
