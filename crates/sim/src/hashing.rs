//! Consistent hashing: how unevenly a ring of virtual nodes spreads keys over servers.

use crate::moments::regularized_gamma_p;

/// The busiest server's expected share of the keys over the mean share, for `servers`
/// servers with `virtual_nodes` points each on the ring (formulas.md §12).
///
/// A server's share is the sum of `virtual_nodes` spacings between uniform points,
/// about Gamma(V, 1/(nV)); the expected maximum of n such shares is the integral of
/// 1 - F(x)^n. Computed once per design, its cost does not depend on the traffic.
pub fn ring_imbalance(servers: u32, virtual_nodes: u32) -> f64 {
    if servers <= 1 {
        return 1.0;
    }
    let n = f64::from(servers);
    let v = f64::from(virtual_nodes.max(1));
    // In units of the mean share: Gamma(v, 1/v), mean 1.
    let cdf = |x: f64| regularized_gamma_p(v, x * v);
    let upper = 1.0 + 12.0 / libm::sqrt(v) + libm::log(n) * 2.0;
    let steps = 2_000;
    let dx = upper / f64::from(steps);
    // Trapezoid rule on E[max] = integral of (1 - F(x)^n) over [0, upper].
    let mut sum = 0.0;
    for i in 0..=steps {
        let x = f64::from(i) * dx;
        let term = 1.0 - libm::pow(cdf(x), n);
        sum += if i == 0 || i == steps { 0.5 * term } else { term };
    }
    sum * dx
}

/// Builds a ring and measures the busiest server's share over the mean, for tests and
/// benchmarks: `rings` rings of `servers` x `virtual_nodes` points from a seeded
/// generator, averaged.
pub fn simulate_ring_imbalance(servers: u32, virtual_nodes: u32, rings: u32, seed: u64) -> f64 {
    use rand::{RngExt, SeedableRng};
    let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(seed);
    let mut total = 0.0;
    for _ in 0..rings {
        let mut points: Vec<(f64, u32)> =
            (0..servers).flat_map(|s| (0..virtual_nodes).map(move |_| s)).map(|s| (0.0, s)).collect();
        for point in &mut points {
            point.0 = rng.random::<f64>();
        }
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut shares = vec![0.0; servers as usize];
        let mut previous = points.last().map_or(0.0, |p| p.0 - 1.0);
        for (position, server) in &points {
            if let Some(share) = shares.get_mut(*server as usize) {
                // A point owns the arc from the previous point up to it.
                *share += position - previous;
            }
            previous = *position;
        }
        let max = shares.iter().copied().fold(0.0, f64::max);
        total += max * f64::from(servers);
    }
    total / f64::from(rings.max(1))
}
