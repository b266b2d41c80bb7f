//! Random variates for the run: exponential (by a ziggurat, so the common case needs no
//! logarithm), standard normal, and service times in whole nanoseconds. All
//! transcendental functions go through `libm`, so native and wasm builds draw the same
//! numbers bit for bit.

use super::network::ServiceDist;
use super::rng::{RunRng, unit_from_bits};

/// Layers of the exponential ziggurat (Marsaglia and Tsang, "The ziggurat method for
/// generating random variables", J. Stat. Software 5(8), 2000).
const LAYERS: usize = 256;
/// Where the base layer's tail begins.
const ZIG_EXP_R: f64 = 7.697_117_470_131_05;
/// The area of each layer.
const ZIG_EXP_V: f64 = 0.003_949_659_822_581_557;

/// Draws every random number of one run from its one seeded generator.
#[derive(Clone, Debug)]
pub(crate) struct Sampler {
    rng: RunRng,
    /// Right edges of the layers, from the base (widest) to the top (0).
    x: [f64; LAYERS + 1],
    /// The density exp(-x) at each edge.
    f: [f64; LAYERS + 1],
}

// Every index into the ziggurat's tables is a layer number: a loop counter below
// LAYERS - 1, or the low byte of a random word (0..=255); with it, i + 1 <= 256. The
// tables hold LAYERS + 1 = 257 entries, so no index can be out of range.
#[allow(clippy::indexing_slicing)]
impl Sampler {
    pub(crate) fn new(seed: u64) -> Self {
        let mut x = [0.0; LAYERS + 1];
        let mut f = [0.0; LAYERS + 1];
        x[0] = ZIG_EXP_V / libm::exp(-ZIG_EXP_R);
        x[1] = ZIG_EXP_R;
        for i in 1..LAYERS - 1 {
            x[i + 1] = -libm::log(ZIG_EXP_V / x[i] + libm::exp(-x[i]));
        }
        x[LAYERS] = 0.0;
        for (fi, xi) in f.iter_mut().zip(x) {
            *fi = libm::exp(-xi);
        }
        Self { rng: RunRng::new(seed), x, f }
    }

    /// Uniform on [0, 1).
    #[inline(always)]
    pub(crate) fn unit(&mut self) -> f64 {
        self.rng.unit()
    }

    /// Exponential with mean 1. The first try is accepted 98.9 % of the time; the rest
    /// is out of line.
    #[inline(always)]
    pub(crate) fn exp1(&mut self) -> f64 {
        let bits = self.rng.next_u64();
        // The low byte picks the layer; the top 53 bits, disjoint from it, the point.
        let i = (bits & 0xff) as usize;
        let x = unit_from_bits(bits) * self.x[i];
        if x < self.x[i + 1] { x } else { self.exp1_edge(i, x) }
    }

    /// The ziggurat's base tail and wedges, then fresh tries.
    #[cold]
    #[inline(never)]
    fn exp1_edge(&mut self, mut i: usize, mut x: f64) -> f64 {
        loop {
            if i == 0 {
                return ZIG_EXP_R - libm::log(self.rng.unit_open_at_zero());
            }
            let y = self.f[i + 1] + (self.f[i] - self.f[i + 1]) * self.rng.unit();
            if y < libm::exp(-x) {
                return x;
            }
            let bits = self.rng.next_u64();
            i = (bits & 0xff) as usize;
            x = unit_from_bits(bits) * self.x[i];
            if x < self.x[i + 1] {
                return x;
            }
        }
    }

    /// Standard normal, by Marsaglia's polar method.
    pub(crate) fn normal(&mut self) -> f64 {
        loop {
            let u = 2.0 * self.rng.unit() - 1.0;
            let v = 2.0 * self.rng.unit() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                return u * libm::sqrt(-2.0 * libm::log(s) / s);
            }
        }
    }
}

/// A service-time distribution in nanoseconds, ready to sample.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Service {
    Fixed(u64),
    Exponential {
        mean_ns: f64,
    },
    /// exp(mu + sigma Z) nanoseconds with Z standard normal.
    LogNormal {
        mu: f64,
        sigma: f64,
    },
}

impl Service {
    /// Expects a validated distribution: finite, non-negative mean.
    pub(crate) fn new(dist: &ServiceDist) -> Self {
        let mean_ns = dist.mean_s() * 1e9;
        match *dist {
            _ if mean_ns <= 0.0 => Self::Fixed(0),
            ServiceDist::Deterministic { .. } => Self::Fixed(to_ns(mean_ns)),
            ServiceDist::Exponential { .. } => Self::Exponential { mean_ns },
            ServiceDist::LogNormal { cv, .. } if cv <= 0.0 => Self::Fixed(to_ns(mean_ns)),
            ServiceDist::LogNormal { cv, .. } => {
                let sigma2 = libm::log1p(cv * cv);
                Self::LogNormal { mu: libm::log(mean_ns) - sigma2 / 2.0, sigma: libm::sqrt(sigma2) }
            }
        }
    }

    #[inline(always)]
    pub(crate) fn sample_ns(&self, sampler: &mut Sampler) -> u64 {
        match *self {
            Self::Fixed(ns) => ns,
            Self::Exponential { mean_ns } => to_ns(mean_ns * sampler.exp1()),
            Self::LogNormal { mu, sigma } => to_ns(libm::exp(mu + sigma * sampler.normal())),
        }
    }
}

/// Rounds a time in nanoseconds to a whole number (saturating at 0 and 2^63 - 1;
/// NaN is 0). Through `i64` because that conversion is one instruction on x86-64.
#[inline(always)]
pub(crate) fn to_ns(ns: f64) -> u64 {
    ((ns + 0.5) as i64).max(0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ziggurat_layer_has_the_same_area() {
        let sampler = Sampler::new(0);
        for i in 1..LAYERS {
            let area = sampler.x[i] * (sampler.f[i + 1] - sampler.f[i]);
            assert!((area - ZIG_EXP_V).abs() < 1e-12, "layer {i}: {area}");
        }
        assert!(sampler.x[LAYERS - 1] > 0.0 && sampler.x[LAYERS] == 0.0);
    }

    #[test]
    fn exponential_and_normal_draws_have_the_right_moments() {
        let mut sampler = Sampler::new(42);
        let n = 400_000;
        let (mut sum, mut sum2, mut tail) = (0.0, 0.0, 0);
        for _ in 0..n {
            let x = sampler.exp1();
            sum += x;
            sum2 += x * x;
            tail += usize::from(x > ZIG_EXP_R);
        }
        let mean = sum / f64::from(n);
        assert!((mean - 1.0).abs() < 0.01, "{mean}");
        assert!((sum2 / f64::from(n) - 2.0).abs() < 0.04, "{}", sum2 / f64::from(n));
        // P(X > R) = e^-R = 4.5e-4: the tail is drawn too.
        assert!((100..=300).contains(&tail), "{tail}");
        let (mut sum, mut sum2) = (0.0, 0.0);
        for _ in 0..n {
            let z = sampler.normal();
            sum += z;
            sum2 += z * z;
        }
        assert!((sum / f64::from(n)).abs() < 0.01);
        assert!((sum2 / f64::from(n) - 1.0).abs() < 0.01);
    }

    #[test]
    fn service_times_have_their_means() {
        let mut sampler = Sampler::new(7);
        for dist in [
            ServiceDist::Exponential { mean_s: 0.01 },
            ServiceDist::Deterministic { mean_s: 0.01 },
            ServiceDist::LogNormal { mean_s: 0.01, cv: 1.5 },
        ] {
            let service = Service::new(&dist);
            let n = 200_000u32;
            let mean_ns = (0..n).map(|_| service.sample_ns(&mut sampler) as f64).sum::<f64>() / f64::from(n);
            assert!((mean_ns / 1e7 - 1.0).abs() < 0.02, "{dist:?}: {mean_ns}");
        }
        assert_eq!(Service::new(&ServiceDist::Exponential { mean_s: 0.0 }), Service::Fixed(0));
    }
}
