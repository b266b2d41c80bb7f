//! `cargo xtask fuzz [--seconds N]`: coverage-guided fuzzing (cargo-fuzz, libFuzzer) of
//! every decoder and of the engine, for N seconds per target (10 by default; the test
//! task runs each briefly). Builds on the stable toolchain with `--sanitizer none`: the
//! project forbids unsafe code, so what is hunted is panics, the engines' invariant checks
//! (fuzz builds keep debug assertions) and round-trip failures. Corpora persist beside the
//! build cache; a crash leaves its input under fuzz/artifacts/ and fails the task.

use std::path::PathBuf;
use std::process::Stdio;

use crate::cmd::{command, root};

/// Each target and the folder of the repository its seeds come from.
const TARGETS: &[(&str, &str)] = &[
    ("document_json", "public/examples"),
    ("document_svg", "fuzz/seeds/document_svg"),
    ("k6_stages", "fuzz/seeds/k6_stages"),
    ("share_link", "tests/fixtures/links/v1"),
    ("engine", "fuzz/seeds/engine"),
];

pub fn all(seconds: u64) -> Result<(), String> {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"));
    let mut total = 0u64;
    let mut lines = Vec::new();
    for (name, seeds) in TARGETS {
        let corpus = target.join("fuzz-corpus").join(name);
        std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
        let mut run = command("cargo");
        run.args(["fuzz", "run", "--sanitizer", "none", "--debug-assertions", "--target-dir"])
            .arg(target.join("fuzz"))
            .arg(name)
            .arg(&corpus)
            .arg(root().join(seeds))
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            .arg("-rss_limit_mb=4096")
            .arg("-print_final_stats=1")
            .stderr(Stdio::piped());
        println!("$ cargo fuzz run {name} for {seconds} s");
        let output = run.output().map_err(|e| format!("could not start cargo fuzz: {e}"))?;
        let log = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            // From the panic on: what failed, where, and how to rerun it.
            let from = log.lines().position(|l| l.contains("panicked at")).unwrap_or(0);
            let tail: Vec<&str> = log.lines().skip(from).take(40).collect();
            return Err(format!(
                "fuzz target {name} failed; its input is under fuzz/artifacts/{name}/:\n{}",
                tail.join("\n")
            ));
        }
        let runs = executions(&log).unwrap_or(0);
        total += runs;
        lines.push(format!("{name:<16} {runs:>12} executions in {seconds} s, no failure"));
    }
    println!("\nfuzzing (stable toolchain, no sanitizer, debug assertions on):");
    for line in lines {
        println!("  {line}");
    }
    println!("  {:<16} {total:>12} executions", "in all");
    Ok(())
}

/// Executions from libFuzzer's final statistics.
fn executions(log: &str) -> Option<u64> {
    log.lines()
        .find_map(|line| line.strip_prefix("stat::number_of_executed_units:"))
        .and_then(|n| n.trim().parse().ok())
}

/// `--seconds N` from the task's arguments.
pub fn seconds_arg(args: &[String]) -> Result<u64, String> {
    match args.iter().position(|a| a == "--seconds") {
        None => Ok(10),
        Some(i) => args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .filter(|n| *n > 0)
            .ok_or_else(|| "--seconds needs a whole number of seconds above 0".to_owned()),
    }
}
