//! The request engine's input: a queueing network of stations, where each request goes
//! next, and the Poisson arrivals that feed it. Independent of the document, so the
//! engine can be checked against queueing theory directly; the document compiles to it.
//!
//! Each instance of a service with its own queue is its own station; a pool whose
//! servers share one queue (workers pulling from a message queue) is one station with
//! `c` servers.

use serde::{Deserialize, Serialize};

/// A queueing network: stations, one routing entry per station, and the arrivals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Network {
    pub stations: Vec<Station>,
    /// Where a request goes after service at the station of the same index.
    pub routing: Vec<Routing>,
    pub arrivals: Arrivals,
}

/// A service centre: servers, their service time and how many requests fit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Station {
    pub name: String,
    pub servers: Servers,
    pub service: ServiceDist,
    /// K: the most requests the station holds, those in service included. An arrival
    /// that finds K present is dropped. `None` is unbounded.
    pub capacity: Option<u32>,
}

/// How many requests a station serves at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Servers {
    Finite(u32),
    /// Every arrival starts service at once (a delay, or with zero service a router).
    Infinite,
}

/// The distribution of one request's service time, by its mean in seconds.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "dist")]
pub enum ServiceDist {
    Exponential {
        mean_s: f64,
    },
    Deterministic {
        mean_s: f64,
    },
    /// Lognormal with the given mean and coefficient of variation (sd / mean).
    LogNormal {
        mean_s: f64,
        cv: f64,
    },
}

impl ServiceDist {
    pub fn mean_s(&self) -> f64 {
        match *self {
            Self::Exponential { mean_s } | Self::Deterministic { mean_s } | Self::LogNormal { mean_s, .. } => mean_s,
        }
    }
}

/// Where a request goes after service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Routing {
    /// Leaves the network.
    Exit,
    /// To `dest[i]` with probability `p[i]`; with the remaining probability it leaves.
    Probabilistic { dest: Vec<usize>, p: Vec<f64> },
    /// Round robin over `dest`, starting with the first.
    Cycle { dest: Vec<usize> },
}

/// Poisson arrivals into one station, with a piecewise-constant rate: `rates_rps[i]`
/// applies until `endpoints_s[i]` (from the end of the previous piece). With one
/// endpoint fewer than rates the last rate lasts for ever; with as many, arrivals stop
/// at the last endpoint. With `erlang_k` above 1 the gaps are Erlang-k instead of
/// exponential (what one server sees behind a round robin over k servers).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Arrivals {
    pub node: usize,
    pub rates_rps: Vec<f64>,
    pub endpoints_s: Vec<f64>,
    #[serde(default = "poisson", skip_serializing_if = "is_poisson")]
    pub erlang_k: u32,
}

/// Most phases of Erlang arrivals: at 64 the gaps' squared coefficient of variation is
/// 1/64, within 2 % of deterministic for any queueing formula's purposes.
pub const MAX_ERLANG_K: u32 = 64;

fn poisson() -> u32 {
    1
}

fn is_poisson(k: &u32) -> bool {
    *k == 1
}

impl Arrivals {
    /// A constant Poisson stream into `node`.
    pub fn constant(node: usize, rate_rps: f64) -> Self {
        Self { node, rates_rps: vec![rate_rps], endpoints_s: Vec::new(), erlang_k: 1 }
    }
}
