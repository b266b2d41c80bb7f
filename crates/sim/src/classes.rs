//! Request classes: every rate in the engine is kept per class, because classes take
//! different paths (a CDN serves static requests, a database sends writes to the primary)
//! and cost different amounts of work.

use serde::{Deserialize, Serialize};

/// A kind of request, mixed by the users component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    Read,
    Write,
    Static,
}

impl Class {
    pub const ALL: [Class; 3] = [Class::Read, Class::Write, Class::Static];

    pub fn index(self) -> usize {
        match self {
            Class::Read => 0,
            Class::Write => 1,
            Class::Static => 2,
        }
    }

    /// This class's entry of a per-class array (no index to check).
    pub fn of<T>(self, array: &[T; 3]) -> &T {
        let [read, write, static_] = array;
        match self {
            Class::Read => read,
            Class::Write => write,
            Class::Static => static_,
        }
    }

    pub fn of_mut<T>(self, array: &mut [T; 3]) -> &mut T {
        let [read, write, static_] = array;
        match self {
            Class::Read => read,
            Class::Write => write,
            Class::Static => static_,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Class::Read => "read",
            Class::Write => "write",
            Class::Static => "static",
        }
    }
}

/// One number per request class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PerClass(pub [f64; 3]);

impl PerClass {
    pub const ZERO: PerClass = PerClass([0.0; 3]);

    pub fn splat(value: f64) -> Self {
        Self([value; 3])
    }

    pub fn get(&self, class: Class) -> f64 {
        *class.of(&self.0)
    }

    pub fn set(&mut self, class: Class, value: f64) {
        *class.of_mut(&mut self.0) = value;
    }

    pub fn total(&self) -> f64 {
        self.0.iter().sum()
    }

    pub fn scale(self, factor: f64) -> Self {
        Self(self.0.map(|v| v * factor))
    }

    pub fn zip(self, other: Self, f: impl Fn(f64, f64) -> f64) -> Self {
        Self([f(self.0[0], other.0[0]), f(self.0[1], other.0[1]), f(self.0[2], other.0[2])])
    }

    pub fn plus(self, other: Self) -> Self {
        self.zip(other, |a, b| a + b)
    }

    pub fn map(self, f: impl Fn(f64) -> f64) -> Self {
        Self(self.0.map(f))
    }

    /// The rate-weighted mean of `values` over this set of rates; 0 when there are none.
    pub fn weighted_mean(&self, values: PerClass) -> f64 {
        let total = self.total();
        if total > 0.0 { self.zip(values, |r, v| r * v).total() / total } else { 0.0 }
    }
}
