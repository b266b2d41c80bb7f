//! Inputs the fuzzer found, kept as regression tests.

use scalelab_model::Document;

/// Loads a fuzzer input the way a file import does (its bytes as lossy UTF-8).
fn load(bytes: &[u8]) -> Document {
    Document::from_json(&String::from_utf8_lossy(bytes)).expect("the fuzzer's input loads")
}

/// Every position of `b` within `ulps` units in the last place of `a`'s.
fn positions_close(a: &Document, b: &Document, ulps: f64) {
    for (a, b) in a.components.iter().zip(&b.components) {
        for (x, y) in [(a.pos_world.x, b.pos_world.x), (a.pos_world.y, b.pos_world.y)] {
            assert!((x - y).abs() <= x.abs() * ulps * f64::EPSILON, "{x} -> {y}");
        }
    }
}

/// JSON numbers are read fast, not exactly (exact reading costs the web app 8 KB of
/// gzipped wasm): a number that needs more than 15 significant digits, or a huge exponent,
/// may read back one unit in the last place apart. Found by the fuzzer: a 70-digit
/// position, and a position of 8e96 that moves by one unit in the last place on every
/// save. What holds: a save and a load move no number by more than a few units in the
/// last place.
#[test]
fn long_and_huge_numbers_move_by_at_most_a_few_units_in_the_last_place() {
    for bytes in [
        &include_bytes!("../fixtures/fuzz/long-decimal-position.json")[..],
        &include_bytes!("../fixtures/fuzz/huge-position-drifts.json")[..],
    ] {
        let mut doc = load(bytes);
        for _ in 0..3 {
            let again = Document::from_json(&doc.to_json_pretty()).expect("a saved document loads");
            positions_close(&doc, &again, 4.0);
            doc = again;
        }
    }
}
