//! `cargo xtask bench`: the editor's speed on a design of 1,000 components and 1,500
//! links in headless Chromium (dragging, panning, zooming), from a performance trace.

use crate::cmd::{command, run};
use crate::dist;

pub fn all() -> Result<(), String> {
    dist::build()?;
    run(command("node").arg("tests/bench/editor.mjs"))
}
