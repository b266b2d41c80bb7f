//! The run's one pseudo-random generator, seeded, with the uniform draws the samplers
//! build on. Nothing else in the engine draws random numbers.

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// 2^-53: turns the top 53 bits of a draw into a uniform double.
const UNIT: f64 = 1.0 / (1u64 << 53) as f64;

/// The PRNG owned by one run.
#[derive(Clone, Debug)]
pub(crate) struct RunRng(Pcg64Mcg);

impl RunRng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(Pcg64Mcg::seed_from_u64(seed))
    }

    #[inline(always)]
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform on [0, 1).
    #[inline(always)]
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * UNIT
    }

    /// Uniform on (0, 1]: safe to take the logarithm of.
    #[inline(always)]
    pub(crate) fn unit_open_at_zero(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * UNIT
    }
}

/// The top 53 bits of `bits` as a uniform double on [0, 1).
#[inline(always)]
pub(crate) fn unit_from_bits(bits: u64) -> f64 {
    (bits >> 11) as f64 * UNIT
}
