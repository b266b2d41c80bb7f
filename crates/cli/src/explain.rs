//! `scalelab explain`: how each of one component's figures is computed at the daily peak
//! (the formula the engine took, its inputs, exact or approximate), as the page's
//! inspector shows it.

use std::fmt::Write;
use std::path::PathBuf;

use clap::Args;
use scalelab_sim::explain::explain as explain_component;

use crate::load;

#[derive(Args)]
pub struct ExplainArgs {
    /// The design, as a scalelab JSON document.
    file: PathBuf,
    /// The component's id.
    component: String,
    /// Monthly active users (e.g. 1000, 250K, 1.5M, 1B); defaults to the design's own.
    #[arg(long)]
    users: Option<String>,
}

pub fn explain(args: &ExplainArgs) -> Result<String, String> {
    let doc = load::design(&args.file, args.users.as_deref())?;
    let figures = explain_component(&doc, &args.component)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("the design has no component `{}` that the engine evaluates", args.component))?;
    let mut out = String::new();
    for f in &figures {
        let _ = writeln!(out, "{}: {} ({})\n    {}", f.name, f.value, f.quality.label(), f.how);
    }
    Ok(out.trim_end().to_owned())
}
