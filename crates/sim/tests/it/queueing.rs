//! The closed forms against the published reference values in the validation cases.

use scalelab_sim::queueing::{erlang_c, mmc_mean_response};

#[test]
fn erlang_c_matches_the_mmc8_reference_case() {
    // S04: M/M/8 at rho 0.85 (680 req/s, 10 ms): Erlang C 0.5725689, mean 14.7714 ms.
    let c = erlang_c(8, 6.8);
    assert!((c - 0.572_568_933).abs() < 1e-9, "{c}");
    let mean_ms = mmc_mean_response(8, 680.0, 0.01) * 1000.0;
    assert!((mean_ms - 14.771_407_775).abs() < 1e-6, "{mean_ms}");
}

#[test]
fn mm1_reduces_to_the_textbook_form() {
    // S01/S02: M/M/1 with 10 ms service has mean 1/(mu - lambda).
    for (lambda, expected_ms) in [(50.0, 20.0), (90.0, 100.0)] {
        let mean_ms = mmc_mean_response(1, lambda, 0.01) * 1000.0;
        assert!((mean_ms - expected_ms).abs() < 1e-9, "{lambda}: {mean_ms}");
    }
}

#[test]
fn saturation_gives_certain_waiting_and_unbounded_latency() {
    assert_eq!(erlang_c(4, 4.0), 1.0);
    assert!(mmc_mean_response(4, 500.0, 0.01).is_infinite());
}

#[test]
fn large_pools_stay_finite() {
    let c = erlang_c(10_000, 9_900.0);
    assert!(c.is_finite() && (0.0..=1.0).contains(&c), "{c}");
}
