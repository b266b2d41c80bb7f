//! Response times as (mean, variance), combined along paths the way independent random
//! variables combine: sums add, mixtures mix, a parallel fan-out takes a maximum (Clark's
//! normal approximation). Percentiles come from a gamma distribution fitted to the two
//! moments: exact for an exponential time, an approximation otherwise.

use serde::{Deserialize, Serialize};

use crate::queueing::{normal_cdf, normal_pdf};

/// Mean and variance of a time, in seconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Moments {
    pub mean: f64,
    pub var: f64,
}

impl Moments {
    pub const ZERO: Moments = Moments { mean: 0.0, var: 0.0 };

    pub fn new(mean: f64, var: f64) -> Self {
        Self { mean, var: var.max(0.0) }
    }

    /// A constant time.
    pub fn fixed(seconds: f64) -> Self {
        Self { mean: seconds, var: 0.0 }
    }

    /// The sum of two independent times.
    pub fn then(self, other: Moments) -> Self {
        Self::new(self.mean + other.mean, self.var + other.var)
    }

    /// `n` independent repetitions in sequence (n may be fractional: an average count).
    pub fn repeated(self, n: f64) -> Self {
        Self::new(self.mean * n, self.var * n)
    }

    /// This time with probability `p`, else `other`.
    pub fn mix(self, p: f64, other: Moments) -> Self {
        let p = p.clamp(0.0, 1.0);
        let mean = p * self.mean + (1.0 - p) * other.mean;
        let second = p * (self.var + self.mean * self.mean) + (1.0 - p) * (other.var + other.mean * other.mean);
        Self::new(mean, second - mean * mean)
    }

    /// The maximum of two independent times (Clark, 1961, treating each as normal).
    pub fn max(self, other: Moments) -> Self {
        let theta = (self.var + other.var).sqrt();
        if theta < 1e-15 {
            return if self.mean >= other.mean { self } else { other };
        }
        let alpha = (self.mean - other.mean) / theta;
        let (phi, big_phi, big_phi_neg) = (normal_pdf(alpha), normal_cdf(alpha), normal_cdf(-alpha));
        let mean = self.mean * big_phi + other.mean * big_phi_neg + theta * phi;
        let second = (self.mean * self.mean + self.var) * big_phi
            + (other.mean * other.mean + other.var) * big_phi_neg
            + (self.mean + other.mean) * theta * phi;
        Self::new(mean.max(self.mean).max(other.mean), second - mean * mean)
    }

    /// The p-quantile of a gamma distribution with these moments.
    pub fn quantile(&self, p: f64) -> f64 {
        if self.mean <= 0.0 {
            return 0.0;
        }
        if self.var <= 1e-18 * self.mean * self.mean {
            return self.mean;
        }
        let shape = self.mean * self.mean / self.var;
        let scale = self.var / self.mean;
        gamma_quantile(shape, p) * scale
    }

    /// The probability a gamma time with these moments exceeds `t`.
    pub fn tail(&self, t: f64) -> f64 {
        if self.mean <= 0.0 {
            return 0.0;
        }
        // Far beyond the mean the tail is below any figure reported (by Chebyshev-like
        // bounds for a gamma it is under 1e-15 past 40 standard deviations): skip the work.
        if t > self.mean + 40.0 * self.var.sqrt() + 1e-12 && self.mean.is_finite() {
            return 0.0;
        }
        if self.var <= 1e-18 * self.mean * self.mean {
            return if self.mean > t { 1.0 } else { 0.0 };
        }
        let shape = self.mean * self.mean / self.var;
        let scale = self.var / self.mean;
        1.0 - regularized_gamma_p(shape, t / scale)
    }
}

/// The maximum of independent times, each present with a probability (a call made on
/// only that share of requests): mean and variance of max_i T_i, each T_i gamma-fitted,
/// from the integrals of 1 - prod F_i(t) (formulas.md §14) on a fixed grid.
pub fn max_of(parts: &[(Moments, f64)]) -> Moments {
    const POINTS: u32 = 256;
    let upper = parts.iter().filter(|(_, p)| *p > 0.0).map(|(m, _)| m.quantile(0.9999)).fold(0.0, f64::max);
    if upper <= 0.0 {
        return Moments::ZERO;
    }
    let dt = upper / f64::from(POINTS);
    let (mut first, mut second) = (0.0, 0.0);
    for i in 0..=POINTS {
        let t = f64::from(i) * dt;
        let all_done: f64 = parts.iter().map(|(m, p)| 1.0 - p.clamp(0.0, 1.0) * m.tail(t)).product();
        let weight = if i == 0 || i == POINTS { 0.5 } else { 1.0 };
        first += weight * (1.0 - all_done);
        second += weight * 2.0 * t * (1.0 - all_done);
    }
    let mean = first * dt;
    Moments::new(mean, second * dt - mean * mean)
}

/// The p-quantile of a unit-scale gamma distribution: the Wilson-Hilferty approximation
/// as a start, then safeguarded Newton steps on the CDF (bisection when a step leaves
/// the bracket).
fn gamma_quantile(shape: f64, p: f64) -> f64 {
    let z = crate::queueing::normal_quantile(p);
    let c = 1.0 / (9.0 * shape);
    let start = shape * (1.0 - c + z * c.sqrt()).powi(3);
    let mut x = if start.is_finite() && start > 0.0 { start } else { shape };
    let (mut lo, mut hi) = (0.0_f64, f64::INFINITY);
    let log_norm = libm::lgamma(shape);
    for _ in 0..60 {
        let f = regularized_gamma_p(shape, x) - p;
        if f.abs() < 1e-13 {
            break;
        }
        if f < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let density = libm::exp((shape - 1.0) * libm::log(x) - x - log_norm);
        let mut next = x - f / density;
        if !(next > lo && next < hi && next.is_finite()) {
            next = if hi.is_finite() { 0.5 * (lo + hi) } else { x * 2.0 };
        }
        if (next - x).abs() <= 1e-14 * x {
            x = next;
            break;
        }
        x = next;
    }
    x
}

/// P(a, x): the regularised lower incomplete gamma function, by its series below a + 1
/// and its continued fraction above (the classic pair of expansions).
pub fn regularized_gamma_p(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let log_prefix = a * libm::log(x) - x - libm::lgamma(a);
    if x < a + 1.0 {
        let mut term = 1.0 / a;
        let mut sum = term;
        let mut n = a;
        for _ in 0..10_000 {
            n += 1.0;
            term *= x / n;
            sum += term;
            if term.abs() < sum.abs() * 1e-15 {
                break;
            }
        }
        (sum * libm::exp(log_prefix)).clamp(0.0, 1.0)
    } else {
        // Lentz's method for the continued fraction of Q(a, x).
        let tiny = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..10_000 {
            let an = -f64::from(i) * (f64::from(i) - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < 1e-15 {
                break;
            }
        }
        (1.0 - libm::exp(log_prefix) * h).clamp(0.0, 1.0)
    }
}
