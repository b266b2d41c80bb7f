//! Runs one of the request engine's benchmark networks (the same as `benches/request.rs`)
//! for a number of events and prints its trace hash, so that a profiler or `perf stat`
//! can measure the engine alone, outside criterion's loop:
//! `cargo run --profile fast -p scalelab-sim --example request_speed -- a 10000000`
//! (`a`: tandem of 6 M/M/c at rho 0.7; `b`: 6 layers x 33 M/M/32 at rho 0.85).

use scalelab_sim::request::benchmark::{layers, run_events, tandem};

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let network = match args.next().as_deref() {
        Some("a") | None => tandem(),
        Some("b") => layers(),
        Some(other) => return Err(format!("unknown network {other}: a or b")),
    };
    let events = match args.next() {
        Some(n) => n.parse().map_err(|e| format!("events: {e}"))?,
        None => 10_000_000,
    };
    let (events, trace_hash) = run_events(&network, events)?;
    println!("{events} events, trace hash {trace_hash:#018x}");
    Ok(())
}
