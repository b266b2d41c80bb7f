//! Assembly of a run: a validated [`Network`] compiled into the form the engine steps
//! (times in nanoseconds, cumulative routing probabilities, station indices as `u32`).
//! A plan is built once and run with as many seeds as wanted.

use super::alias::{AliasTable, EXIT};
use super::dist::{Service, to_ns};
use super::error::RequestError;
use super::network::{Network, Routing, Servers};
use super::validate;

/// A network ready to run.
#[derive(Clone, Debug)]
pub struct Plan {
    network: Network,
    pub(crate) stations: Vec<PlannedStation>,
    pub(crate) arrivals: Schedule,
}

impl Plan {
    /// Validates and compiles a network; returns every problem found.
    pub fn new(network: &Network) -> Result<Self, RequestError> {
        let problems = validate::problems(network);
        if !problems.is_empty() {
            return Err(RequestError::InvalidNetwork(problems));
        }
        let stations = network
            .stations
            .iter()
            .zip(&network.routing)
            .map(|(station, routing)| PlannedStation {
                servers: match station.servers {
                    Servers::Finite(c) => u64::from(c),
                    Servers::Infinite => u64::MAX,
                },
                capacity: station.capacity.map_or(u64::MAX, u64::from),
                service: Service::new(&station.service),
                route: Route::new(routing),
            })
            .collect();
        let arrivals = Schedule::new(&network.arrivals);
        Ok(Self { network: network.clone(), stations, arrivals })
    }

    /// The network this plan was compiled from.
    pub fn network(&self) -> &Network {
        &self.network
    }
}

/// One station in engine form.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PlannedStation {
    /// `u64::MAX` for infinitely many.
    pub(crate) servers: u64,
    /// `u64::MAX` for unbounded.
    pub(crate) capacity: u64,
    pub(crate) service: Service,
    pub(crate) route: Route,
}

/// Where a request goes after service, in engine form.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Route {
    Exit,
    /// Always to one station: no random draw.
    To(u32),
    /// At random, by an alias table whose outcomes are stations or [`EXIT`].
    Split(AliasTable),
    Cycle {
        dest: Box<[u32]>,
    },
}

impl Route {
    /// Expects validated routing (indices below `u32::MAX`).
    fn new(routing: &Routing) -> Self {
        let indices = |dest: &[usize]| dest.iter().map(|&d| d as u32).collect::<Box<[u32]>>();
        match routing {
            Routing::Exit => Self::Exit,
            Routing::Probabilistic { dest, p } => match (dest.as_slice(), p.as_slice()) {
                ([], _) => Self::Exit,
                ([only], [p]) if *p >= 1.0 => Self::To(*only as u32),
                _ => {
                    let mut outcomes: Vec<u32> = indices(dest).into_vec();
                    let mut weights = p.clone();
                    let exit_share = 1.0 - p.iter().sum::<f64>();
                    if exit_share > 0.0 {
                        outcomes.push(EXIT);
                        weights.push(exit_share);
                    }
                    if weights.iter().sum::<f64>() > 0.0 {
                        Self::Split(AliasTable::new(outcomes, &weights))
                    } else {
                        Self::Exit
                    }
                }
            },
            Routing::Cycle { dest } => Self::Cycle { dest: indices(dest) },
        }
    }
}

/// The arrival rate over time: pieces in order, each with the time it ends.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Schedule {
    pub(crate) node: usize,
    /// Phases of each gap (1: exponential).
    pub(crate) erlang_k: u32,
    pub(crate) pieces: Vec<Piece>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Piece {
    /// `u64::MAX` for a piece that lasts for ever.
    pub(crate) end_ns: u64,
    /// Mean time between arrivals; `None` for a rate of zero.
    pub(crate) mean_gap_ns: Option<f64>,
}

impl Schedule {
    fn new(arrivals: &super::network::Arrivals) -> Self {
        let pieces = arrivals
            .rates_rps
            .iter()
            .enumerate()
            .map(|(i, &rate)| Piece {
                end_ns: arrivals.endpoints_s.get(i).map_or(u64::MAX, |&end_s| to_ns(end_s * 1e9)),
                mean_gap_ns: (rate > 0.0).then(|| 1e9 / rate),
            })
            .collect();
        Self { node: arrivals.node, erlang_k: arrivals.erlang_k.max(1), pieces }
    }
}
