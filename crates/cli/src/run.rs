//! `scalelab run`: load a design, optionally override its users, evaluate, print.

use std::path::PathBuf;

use clap::Args;
use scalelab_model::{Document, format_count, parse_users};
use scalelab_sim::{Report, evaluate};

#[derive(Args)]
pub struct RunArgs {
    /// The design, as a scalelab JSON document.
    file: PathBuf,
    /// Monthly active users (e.g. 1000, 250K, 1.5M, 1B); defaults to the design's own.
    #[arg(long)]
    users: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &RunArgs) -> Result<String, String> {
    let text = std::fs::read_to_string(&args.file).map_err(|e| format!("cannot read {}: {e}", args.file.display()))?;
    let mut doc = Document::from_json(&text).map_err(|e| format!("{}: {e}", args.file.display()))?;
    if let Some(users) = &args.users {
        doc.traffic.users = parse_users(users).map_err(|e| format!("--users: {e}"))?;
    }
    let report = evaluate(&doc).map_err(|e| e.to_string())?;
    if args.json {
        serde_json::to_string_pretty(&report).map_err(|e| format!("cannot write the report: {e}"))
    } else {
        Ok(table(&report))
    }
}

fn table(report: &Report) -> String {
    let mut out = format!(
        "{} users -> {} req/s at the daily peak\n{:<20} {:>12} {:>12} {:>8}  {}\n",
        format_count(report.users),
        format_count(report.entry_rps),
        "component",
        "offered/s",
        "capacity/s",
        "util",
        "state"
    );
    for c in &report.components {
        let capacity = if c.capacity_rps.is_finite() { format_count(c.capacity_rps) } else { "-".into() };
        let state = match (c.saturated, c.limit) {
            (true, Some(limit)) => format!("SATURATED ({})", limit.label()),
            (true, None) => "SATURATED".into(),
            _ => "ok".into(),
        };
        out.push_str(&format!(
            "{:<20} {:>12} {:>12} {:>7.0}%  {state}\n",
            c.id.as_str(),
            format_count(c.offered_rps),
            capacity,
            c.utilisation * 100.0
        ));
    }
    out
}
