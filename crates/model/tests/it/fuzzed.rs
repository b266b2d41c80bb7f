//! Inputs the fuzzer found, kept as regression tests.

use scalelab_model::Document;

/// A position written with 70 significant digits reads to a float whose shortest form
/// reads back one unit in the last place away (JSON numbers are read fast, not exactly,
/// to keep the wasm small). What must hold: saving is a fixed point after the first save,
/// and nothing moves by more than that last place.
#[test]
fn a_long_decimal_settles_after_one_save() {
    // The fuzzer hands the target its bytes as lossy UTF-8, as a file import would.
    let text = String::from_utf8_lossy(include_bytes!("../fixtures/fuzz/long-decimal-position.json"));
    let loaded = Document::from_json(&text).expect("the fuzzer's input loads");
    let once = Document::from_json(&loaded.to_json_pretty()).expect("a saved document loads");
    let twice = Document::from_json(&once.to_json_pretty()).expect("and again");
    assert_eq!(once, twice, "saving again changes nothing");
    for (a, b) in loaded.components.iter().zip(&once.components) {
        for (x, y) in [(a.pos_world.x, b.pos_world.x), (a.pos_world.y, b.pos_world.y)] {
            assert!((x - y).abs() <= x.abs() * 4.0 * f64::EPSILON, "{x} -> {y}");
        }
    }
}
