//! The benchmark design kept as a file for the wasm benchmark (tests/bench/) is exactly
//! the generated one the native benchmarks use.

use scalelab_model::Document;
use scalelab_model::synthetic::layered;

/// The 100-component design at a billion users with the daily curve.
pub fn benchmark_design() -> Document {
    let mut doc = layered(100, 1e9);
    doc.traffic.daily_curve = true;
    doc
}

#[test]
fn the_wasm_benchmark_runs_the_native_benchmarks_design() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/bench/layered-100.json");
    let expected = benchmark_design().to_json_pretty();
    if std::env::var_os("SCALELAB_WRITE_FIXTURES").is_some() {
        std::fs::write(path, &expected).expect("write the fixture");
    }
    let on_disk = std::fs::read_to_string(path).expect("tests/bench/layered-100.json exists");
    assert_eq!(on_disk, expected, "regenerate with SCALELAB_WRITE_FIXTURES=1 cargo test -p scalelab-model");
}
