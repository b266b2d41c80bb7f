//! `scalelab sweep`: users on a log scale, and where each component saturates.

use std::fmt::Write;
use std::path::PathBuf;

use clap::Args;
use scalelab_model::format_count;
use scalelab_sim::Plan;
use scalelab_sim::sweep::Sweep;

use crate::load;

#[derive(Args)]
pub struct SweepArgs {
    /// The design, as a scalelab JSON document.
    file: PathBuf,
    /// Fewest users (e.g. 1e3, 1K).
    #[arg(long, default_value = "1e3")]
    from: String,
    /// Most users (e.g. 1e9, 1B).
    #[arg(long, default_value = "1e9")]
    to: String,
    /// Points on the log-scale grid.
    #[arg(long, default_value_t = 61)]
    points: usize,
    /// Print the sweep as JSON.
    #[arg(long)]
    json: bool,
}

pub fn sweep(args: &SweepArgs) -> Result<String, String> {
    let doc = load::design(&args.file, None)?;
    let (from, to) = (load::users_arg("from", &args.from)?, load::users_arg("to", &args.to)?);
    let plan = Plan::new(&doc).map_err(|e| e.to_string())?;
    let sweep = scalelab_sim::sweep::sweep(&plan, from, to, args.points).map_err(|e| e.to_string())?;
    if args.json { load::json(&sweep) } else { Ok(table(&sweep)) }
}

fn table(sweep: &Sweep) -> String {
    let mut out = String::new();
    if sweep.breaks.is_empty() {
        let _ = writeln!(out, "nothing saturates in this range");
    }
    for (i, b) in sweep.breaks.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {} saturates at {} users ({} req/s): {} runs out. Relieve it with {}.\n   {}",
            i + 1,
            b.component,
            format_count(b.users),
            format_count(b.entry_rps),
            b.resource.label(),
            b.technique.label(),
            b.why
        );
    }
    let _ = writeln!(
        out,
        "\n{:>10} {:>10} {:>8} {:>10} {:>12}  saturated",
        "users", "req/s", "errors", "p99 ms", "$/month"
    );
    for p in &sweep.points {
        let saturated: Vec<&str> = p.saturated.iter().map(|c| c.as_str()).collect();
        let _ = writeln!(
            out,
            "{:>10} {:>10} {:>7.2}% {:>10.1} {:>12.0}  {}",
            format_count(p.users),
            format_count(p.entry_rps),
            p.error_rate * 100.0,
            p.latency.p99_ms,
            p.cost_usd_per_month,
            saturated.join(", ")
        );
    }
    out
}
