//! `scalelab check`: whether a design is complete. Validation's errors (a synchronous
//! call cycle, a dangling link, a value out of range...) and, as errors too, what the
//! engine only warns about so that a design under construction still runs: components no
//! traffic reaches and components that pass requests on with no way out.

use std::fmt::Write;
use std::path::PathBuf;

use clap::Args;

#[derive(Args)]
pub struct CheckArgs {
    /// The design, as a scalelab JSON document.
    file: PathBuf,
}

pub fn check(args: &CheckArgs) -> Result<String, String> {
    let doc = crate::load::design(&args.file, None)?;
    let problems = scalelab_model::lint::warnings(&doc);
    let name = args.file.display();
    if problems.is_empty() {
        return Ok(format!("{name}: complete ({} components, {} links)", doc.components.len(), doc.links.len()));
    }
    let mut message = format!("{name} is not complete ({} problems):", problems.len());
    for problem in &problems {
        let _ = write!(message, "\n  {problem}");
    }
    Err(message)
}
