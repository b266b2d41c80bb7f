//! `cargo xtask test`: every check the project has, cheapest first.

use crate::cmd::{command, run};
use crate::dist;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub fn all() -> Result<(), String> {
    run(command("cargo").args(["fmt", "--all", "--check"]))?;
    run(command("cargo").args(["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"]))?;
    run(command("cargo").args([
        "clippy",
        "-p",
        "scalelab-ui",
        "-p",
        "scalelab-wasm",
        "--all-targets",
        "--target",
        "wasm32-unknown-unknown",
        "--quiet",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(command("cargo").args(["test", "--workspace"]))?;
    // The request engine against the queueing-theory reference cases: millions of
    // simulated requests per case, so in the optimised profile.
    run(command("cargo").args(["test", "--profile", "fast", "-p", "scalelab-sim", "--test", "validation"]))?;
    // The ui crate's tests mount the real app in headless Chromium through chromedriver;
    // crates/ui/webdriver.json gives Chromium the flags it needs to run as root.
    run(command("cargo")
        .args(["test", "-p", "scalelab-ui", "--target", "wasm32-unknown-unknown"])
        .env("WASM_BINDGEN_USE_BROWSER", "1")
        .env("CHROMEDRIVER", CHROMEDRIVER))?;
    // The same golden runs in wasm (under Node) as natively: same document and seed, same
    // bits; and the package's functions as a page calls them, in headless Chromium.
    run(command("cargo")
        .args(["test", "-p", "scalelab-wasm", "--target", "wasm32-unknown-unknown"])
        .env("CHROMEDRIVER", CHROMEDRIVER))?;
    // Every decoder and the engine under the fuzzer, briefly (`cargo xtask fuzz` for longer).
    crate::fuzz::all(10)?;
    dist::build(None)?;
    run(command("node").args(["--test", "tests/e2e/"]))
}
