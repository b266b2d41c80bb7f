//! Loads the queueing-theory reference cases (tests/fixtures/validation_cases.json, a
//! copy of the public validation set) and turns each case's network into a request-engine
//! [`Network`]. Every field of the file must be understood: an unknown field, station
//! kind, distribution or routing rule fails loudly instead of being skipped. Shared by
//! the `validation` test binary and the `it` binary, each of which uses part of it.
#![allow(dead_code)]

use serde::Deserialize;
use serde_json::{Map, Value};

use scalelab_sim::request::{Arrivals, Network, Routing, Servers, ServiceDist, Station};

const FIXTURE: &str = include_str!("../fixtures/validation_cases.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub units: Value,
    pub field_guide: Value,
    pub tolerances: Tolerances,
    pub cases: Vec<Case>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tolerances {
    pub mean_rel: f64,
    pub p50_rel: f64,
    pub p95_rel: f64,
    pub p99_rel: f64,
    pub utilisation_abs: f64,
    pub throughput_rel: f64,
    pub drop_rate_rel: f64,
    pub note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    pub description: String,
    network: CaseNetwork,
    pub expected: Map<String, Value>,
    pub min_requests: Option<u64>,
    pub warmup_s: Option<f64>,
    pub tolerance_note: Option<String>,
    pub runs: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseNetwork {
    stations: Vec<CaseStation>,
    routing: Vec<CaseRouting>,
    arrivals: CaseArrivals,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseStation {
    name: String,
    c: CaseServers,
    service: CaseService,
    #[serde(rename = "K")]
    k: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum CaseServers {
    Count(u32),
    Word(String),
}

#[derive(Debug, Deserialize)]
#[serde(tag = "dist", deny_unknown_fields)]
enum CaseService {
    #[serde(rename = "exp")]
    Exponential { mean: f64 },
    #[serde(rename = "det")]
    Deterministic { mean: f64 },
    #[serde(rename = "lognormal")]
    LogNormal { mean: f64, cv: f64 },
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
enum CaseRouting {
    #[serde(rename = "exit")]
    Exit,
    #[serde(rename = "prob")]
    Probabilistic { dest: Vec<usize>, p: Vec<f64> },
    #[serde(rename = "cycle")]
    Cycle { dest: Vec<usize> },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseArrivals {
    node: usize,
    rates: Vec<f64>,
    #[serde(default)]
    endpoints: Vec<f64>,
}

/// The reference file; panics (failing the test) if it does not parse.
pub fn load() -> File {
    match serde_json::from_str(FIXTURE) {
        Ok(file) => file,
        Err(error) => panic!("the validation fixture does not parse as the loader expects: {error}"),
    }
}

impl Case {
    /// The case's network in engine form, or what the loader does not support.
    pub fn network(&self) -> Result<Network, String> {
        let stations = self.network.stations.iter().map(station).collect::<Result<Vec<_>, _>>()?;
        let routing = self
            .network
            .routing
            .iter()
            .map(|r| match r {
                CaseRouting::Exit => Routing::Exit,
                CaseRouting::Probabilistic { dest, p } => Routing::Probabilistic { dest: dest.clone(), p: p.clone() },
                CaseRouting::Cycle { dest } => Routing::Cycle { dest: dest.clone() },
            })
            .collect();
        let arrivals = &self.network.arrivals;
        let arrivals = Arrivals {
            node: arrivals.node,
            rates_rps: arrivals.rates.clone(),
            endpoints_s: arrivals.endpoints.clone(),
            erlang_k: 1,
        };
        Ok(Network { stations, routing, arrivals })
    }

    /// A number from `expected`, by a path of keys.
    pub fn expected_f64(&self, path: &[&str]) -> Option<f64> {
        let (first, rest) = path.split_first()?;
        let mut value = self.expected.get(*first)?;
        for key in rest {
            value = value.get(*key)?;
        }
        value.as_f64()
    }
}

fn station(s: &CaseStation) -> Result<Station, String> {
    let servers = match &s.c {
        CaseServers::Count(c) => Servers::Finite(*c),
        CaseServers::Word(word) if word == "inf" => Servers::Infinite,
        CaseServers::Word(word) => return Err(format!("station {}: unsupported server count {word:?}", s.name)),
    };
    let service = match s.service {
        CaseService::Exponential { mean } => ServiceDist::Exponential { mean_s: mean },
        CaseService::Deterministic { mean } => ServiceDist::Deterministic { mean_s: mean },
        CaseService::LogNormal { mean, cv } => ServiceDist::LogNormal { mean_s: mean, cv },
    };
    Ok(Station { name: s.name.clone(), servers, service, capacity: s.k })
}
