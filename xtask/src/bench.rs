//! `cargo xtask bench`: the engine's benchmarks (criterion, natively; the day run, the
//! sweep and the request engine's two networks again in wasm under Node) and the editor's
//! speed in headless Chromium on a
//! design of 1,000 components and 1,500 links (dragging, panning, zooming, from a
//! performance trace), and the scale sweep in the page. Prints what it measured next to the
//! targets; a benchmark reports, it does not fail the build.

use std::path::PathBuf;

use crate::cmd::{command, root, run};
use crate::dist;

/// (criterion group/bench id, what it measures, target in milliseconds)
const ENGINE: &[(&str, &str, f64)] = &[
    (
        "flow/day_of_1s_steps_100_components",
        "flow engine: 86,400 one-second steps, 100 components, 1B users, daily curve",
        100.0,
    ),
    ("flow/sweep_61_points_100_components", "sweep: 61 points from 1K to 1B users, 100 components", 10.0),
    ("flow/steady_state_100_components", "flow engine: one steady state, 100 components", f64::NAN),
];

/// (criterion group/bench id, what it measures, target in millions of events per second)
/// for the request engine, whose benchmarks run `REQUEST_EVENTS` events per iteration.
const REQUEST: &[(&str, &str, f64)] = &[
    ("request/tandem_6_mmc", "request engine (a): tandem of 6 M/M/c, rho 0.7", 30.0),
    ("request/layers_6x33_mm32", "request engine (b): 6 layers x 33 M/M/32, rho 0.85", f64::NAN),
];
const REQUEST_EVENTS: f64 = 2e6;

pub fn all() -> Result<(), String> {
    run(command("cargo").args([
        "bench",
        "-p",
        "scalelab-sim",
        "--bench",
        "flow",
        "--",
        "--warm-up-time",
        "1",
        "--measurement-time",
        "3",
    ]))?;
    for bench in ["request", "memory"] {
        let mut args = vec!["bench", "-p", "scalelab-sim", "--bench", bench];
        if bench == "request" {
            args.extend(["--", "--warm-up-time", "1", "--measurement-time", "3"]);
        }
        run(command("cargo").args(&args))?;
    }
    print_engine_table();
    engine_in_wasm()?;
    dist::build(None)?;
    run(command("node").arg("tests/bench/editor.mjs"))?;
    run(command("node").arg("tests/bench/sweep.mjs"))?;
    run(command("node").arg("tests/bench/live.mjs"))
}

/// The same day run, sweep and request-engine networks in wasm, timed under Node: all of
/// them in the release build a page ships (opt-level "z"), then the request engine again
/// in the `fast` profile (opt-level 3).
fn engine_in_wasm() -> Result<(), String> {
    for (profile, only, what) in [
        ("release", "", "the release profile (opt-level \"z\"), as the site's engine package ships"),
        ("fast", "request", "the fast profile (opt-level 3)"),
    ] {
        run(command("cargo").args([
            "build",
            "-p",
            "scalelab-wasm",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            profile,
        ]))?;
        let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"));
        let wasm = target.join("wasm32-unknown-unknown").join(profile).join("scalelab_wasm.wasm");
        let out = target.join("bench-wasm").join(profile);
        run(command("wasm-bindgen").arg("--target").arg("nodejs").arg("--out-dir").arg(&out).arg(&wasm))?;
        println!("\nwasm built with {what}:");
        run(command("node").arg("tests/bench/engine-wasm.mjs").arg(&out).arg(only))?;
    }
    Ok(())
}

fn criterion_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target")).join("criterion")
}

/// The mean of a criterion benchmark's last run, in nanoseconds.
fn mean_ns(id: &str) -> Option<f64> {
    let path = criterion_dir().join(id).join("new").join("estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let estimates: serde_json::Value = serde_json::from_str(&text).ok()?;
    estimates["mean"]["point_estimate"].as_f64()
}

fn print_engine_table() {
    println!("\n{:<90} {:>12} {:>10}", "engine benchmark (mean of criterion samples)", "measured", "target");
    for (id, what, target_ms) in ENGINE {
        let measured = mean_ns(id).map_or("-".to_owned(), |ns| format!("{:.2} ms", ns / 1e6));
        let target = if target_ms.is_nan() { "-".to_owned() } else { format!("<= {target_ms} ms") };
        println!("{what:<90} {measured:>12} {target:>10}");
    }
    for (id, what, target_m) in REQUEST {
        let measured = mean_ns(id).map_or("-".to_owned(), |ns| format!("{:.1}M ev/s", REQUEST_EVENTS / ns * 1e3));
        let target = if target_m.is_nan() { "-".to_owned() } else { format!(">= {target_m}M") };
        println!("{what:<90} {measured:>12} {target:>10}");
    }
    println!();
}
