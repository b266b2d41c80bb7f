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
}

#[derive(Args)]
pub struct RunArgs {
    /// The design, as a scalelab JSON document.
    file: PathBuf,
    /// Monthly active users (e.g. 1000, 250K, 1.5M, 1B); defaults to the design's own.
    #[arg(long)]
    users: Option<String>,
    /// Run for this many seconds of simulated time instead of the steady state.
    #[arg(long)]
    seconds: Option<f64>,
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
    let Engine::Flow = args.engine;
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
