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

/// The O(c) closed form against the chain summed term by term.
#[test]
fn mmck_matches_the_chain_term_by_term() {
    fn by_terms(c: u32, k: u32, lambda: f64, s: f64) -> (f64, f64) {
        let a = lambda * s;
        let mut p = vec![1.0_f64];
        for n in 1..=k {
            let last = p[p.len() - 1];
            p.push(if n <= c { last * a / f64::from(n) } else { last * a / f64::from(c) });
        }
        let total: f64 = p.iter().sum();
        let blocking = p[k as usize] / total;
        let l: f64 = p.iter().enumerate().map(|(n, q)| n as f64 * q).sum::<f64>() / total;
        (blocking, l / (lambda * (1.0 - blocking)))
    }
    for (c, k, lambda, s) in [
        (4, 20, 600.0, 0.01),
        (1, 1, 50.0, 0.01),
        (8, 8, 700.0, 0.01),
        (2, 50, 150.0, 0.01),
        (3, 30, 300.0, 0.01),
        (16, 200, 3000.0, 0.005),
    ] {
        let (b, w) = scalelab_sim::queueing::mmck(c, k, lambda, s);
        let (eb, ew) = by_terms(c, k, lambda, s);
        assert!((b - eb).abs() < 1e-9, "c {c} K {k}: blocking {b} vs {eb}");
        assert!((w - ew).abs() < 1e-9 * ew.max(1.0), "c {c} K {k}: response {w} vs {ew}");
    }
    // A long queue far into overload stays finite.
    let (b, w) = scalelab_sim::queueing::mmck(4, 1_000_000, 5_000.0, 0.01);
    assert!((b - (1.0 - 400.0 / 5_000.0)).abs() < 1e-9 && w.is_finite(), "{b} {w}");
}
