//! Response times by their first three cumulants (mean, variance, third cumulant),
//! combined along paths the way independent random variables combine: cumulants add
//! over sums, raw moments mix over mixtures, a parallel fan-out takes a maximum.
//! Percentiles come from a shifted gamma distribution matched to the three cumulants:
//! exact for an exponential time, close for sums of queueing stations, an
//! approximation always, and reported as one.

use serde::{Deserialize, Serialize};

use crate::queueing::{normal_cdf, normal_pdf};

/// Mean, variance and third cumulant of a time, in seconds (s, s^2, s^3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Moments {
    pub mean: f64,
    pub var: f64,
    /// Third cumulant: E[(X - mean)^3].
    pub k3: f64,
}

impl Moments {
    pub const ZERO: Moments = Moments { mean: 0.0, var: 0.0, k3: 0.0 };

    /// A time with this mean and variance, skewed like a gamma distribution.
    pub fn new(mean: f64, var: f64) -> Self {
        let var = var.max(0.0);
        let k3 = if mean > 0.0 { 2.0 * var * var / mean } else { 0.0 };
        Self { mean, var, k3 }
    }

    pub fn with_k3(mean: f64, var: f64, k3: f64) -> Self {
        Self { mean, var: var.max(0.0), k3 }
    }

    /// A constant time.
    pub fn fixed(seconds: f64) -> Self {
        Self { mean: seconds, var: 0.0, k3: 0.0 }
    }

    /// An exponential time.
    pub fn exponential(mean: f64) -> Self {
        Self { mean, var: mean * mean, k3: 2.0 * mean * mean * mean }
    }

    /// The sum of two independent times.
    pub fn then(self, other: Moments) -> Self {
        Self::with_k3(self.mean + other.mean, self.var + other.var, self.k3 + other.k3)
    }

    /// `n` independent repetitions in sequence (n may be fractional: an average count).
    pub fn repeated(self, n: f64) -> Self {
        Self::with_k3(self.mean * n, self.var * n, self.k3 * n)
    }

    fn raw(&self) -> (f64, f64, f64) {
        let m = self.mean;
        (m, self.var + m * m, self.k3 + 3.0 * m * self.var + m * m * m)
    }

    fn from_raw(m1: f64, m2: f64, m3: f64) -> Self {
        Self::with_k3(m1, m2 - m1 * m1, m3 - 3.0 * m1 * m2 + 2.0 * m1 * m1 * m1)
    }

    /// This time with probability `p`, else `other`.
    pub fn mix(self, p: f64, other: Moments) -> Self {
        let p = p.clamp(0.0, 1.0);
        let (a, b) = (self.raw(), other.raw());
        Self::from_raw(p * a.0 + (1.0 - p) * b.0, p * a.1 + (1.0 - p) * b.1, p * a.2 + (1.0 - p) * b.2)
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

    /// The (shape, scale, shift) of the shifted gamma with these cumulants; a plain
    /// gamma on the first two when the third gives no usable shape.
    fn fit(&self) -> (f64, f64, f64) {
        let sd = self.var.sqrt();
        let skew = if sd > 0.0 { self.k3 / (sd * sd * sd) } else { 0.0 };
        if skew > 1e-6 && skew < 1e3 {
            let shape = 4.0 / (skew * skew);
            let scale = self.k3 / (2.0 * self.var);
            // More skewed than an exponential means a shift below zero: the fitted
            // distribution then puts a little mass below 0, which quantiles clamp away.
            return (shape, scale, self.mean - shape * scale);
        }
        (self.mean * self.mean / self.var, self.var / self.mean, 0.0)
    }

    /// The p-quantile of the fitted shifted gamma.
    pub fn quantile(&self, p: f64) -> f64 {
        if self.mean <= 0.0 {
            return 0.0;
        }
        if self.var <= 1e-18 * self.mean * self.mean {
            return self.mean;
        }
        if !self.mean.is_finite() || !self.var.is_finite() {
            return f64::INFINITY;
        }
        let (shape, scale, shift) = self.fit();
        (shift + gamma_quantile(shape, p) * scale).max(0.0)
    }

    /// The probability a gamma time with these moments exceeds `t`.
    pub fn tail(&self, t: f64) -> f64 {
        if self.mean <= 0.0 {
            return 0.0;
        }
        // An unbounded time (a queue that grows without end) exceeds any finite t.
        if !(self.mean.is_finite() && self.var.is_finite() && self.k3.is_finite()) {
            return 1.0;
        }
        // Far beyond the mean the tail is below any figure reported (by Chebyshev-like
        // bounds for a gamma it is under 1e-15 past 40 standard deviations): skip the work.
        if t > self.mean + 40.0 * self.var.sqrt() + 1e-12 && self.mean.is_finite() {
            return 0.0;
        }
        if self.var <= 1e-18 * self.mean * self.mean {
            return if self.mean > t { 1.0 } else { 0.0 };
        }
        let (shape, scale, shift) = self.fit();
        1.0 - regularized_gamma_p(shape, ((t - shift) / scale).max(0.0))
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
    let (mut first, mut second, mut third) = (0.0, 0.0, 0.0);
    for i in 0..=POINTS {
        let t = f64::from(i) * dt;
        let all_done: f64 = parts.iter().map(|(m, p)| 1.0 - p.clamp(0.0, 1.0) * m.tail(t)).product();
        let weight = if i == 0 || i == POINTS { 0.5 } else { 1.0 };
        first += weight * (1.0 - all_done);
        second += weight * 2.0 * t * (1.0 - all_done);
        third += weight * 3.0 * t * t * (1.0 - all_done);
    }
    Moments::from_raw(first * dt, second * dt, third * dt)
}

/// The p-quantile of a unit-scale gamma distribution: the Wilson-Hilferty approximation
/// as a start, then safeguarded Newton steps on the CDF (bisection when a step leaves
/// the bracket).
fn gamma_quantile(shape: f64, p: f64) -> f64 {
    let z = crate::queueing::normal_quantile(p);
    let c = 1.0 / (9.0 * shape);
    let start = shape * (1.0 - c + z * c.sqrt()).powi(3);
    // Past this shape Wilson-Hilferty is accurate to well under 0.1 % at p99.9, and the
    // exact series would need thousands of terms.
    if shape > WILSON_HILFERTY_SHAPE && start > 0.0 {
        return start;
    }
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

/// Shapes above which the gamma distribution is handled by the Wilson-Hilferty cube-root
/// normal approximation.
const WILSON_HILFERTY_SHAPE: f64 = 200.0;

/// P(a, x): the regularised lower incomplete gamma function, by its series below a + 1
/// and its continued fraction above (the classic pair of expansions).
pub fn regularized_gamma_p(a: f64, x: f64) -> f64 {
    if x <= 0.0 || x.is_nan() || !(a > 0.0 && a.is_finite()) {
        return if x.is_nan() || a.is_nan() {
            f64::NAN
        } else if x <= 0.0 {
            0.0
        } else {
            1.0
        };
    }
    if a > WILSON_HILFERTY_SHAPE {
        let c = 1.0 / (9.0 * a);
        let z = (libm::cbrt(x / a) - (1.0 - c)) / c.sqrt();
        return crate::queueing::normal_cdf(z);
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
