//! Turns a validated document into the engine's form: components as indices in an order
//! where every caller comes before what it calls, each with its parameters resolved into
//! typed numbers once, so evaluating a step reads no strings and allocates nothing.

use std::collections::BTreeMap;

use petgraph::graph::{DiGraph, NodeIndex};
use scalelab_model::{Component, ComponentId, ComponentKind, Document, Link, LinkMode, Problem, validate};

use crate::model::Model;

/// Why the engine could not run a document.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SimError {
    #[error("the design has {} problem(s): {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
}

/// Round trips by placement (approximate, typical of public clouds): inside one zone,
/// between zones of one region, and the default between regions.
const SAME_ZONE_RTT_S: f64 = 0.000_5;
const CROSS_ZONE_RTT_S: f64 = 0.001_5;
const CROSS_REGION_RTT_S: f64 = 0.070;
/// CPU and latency mutual TLS adds per call (approximate: a resumed handshake and the
/// record encryption of a small message).
pub const MTLS_CPU_S: f64 = 0.000_05;
pub const MTLS_RTT_S: f64 = 0.000_2;

/// A link as the engine uses it.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub to: usize,
    pub mode: LinkMode,
    pub calls: f64,
    pub weight: f64,
    pub rtt_s: f64,
    pub timeout_s: f64,
    pub retries: u32,
    pub backoff_s: f64,
    /// The error share that opens the breaker, when the caller has one.
    pub breaker: Option<f64>,
    pub mtls: bool,
    pub bandwidth_bytes_s: f64,
}

/// A component as the engine uses it.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub id: ComponentId,
    pub kind: ComponentKind,
    pub model: Model,
    pub out: Vec<Edge>,
    /// The region the component sits in (directly or through its zone), if any.
    pub region: Option<usize>,
}

/// A document compiled for the engine. Assembled once, evaluated many times.
#[derive(Clone, Debug)]
pub struct Plan {
    pub nodes: Vec<Node>,
    /// Node indices, callers before callees.
    pub order: Vec<usize>,
    /// Monthly active users, split evenly over the users components.
    pub users: f64,
    /// The design's warnings (valid but probably unfinished).
    pub warnings: Vec<Problem>,
}

impl Plan {
    pub fn new(doc: &Document) -> Result<Self, SimError> {
        validate(doc).map_err(SimError::Invalid)?;
        let index_of: BTreeMap<&ComponentId, usize> =
            scalelab_model::ordered(doc.components.iter().enumerate().map(|(i, c)| (&c.id, i)));
        let mut nodes: Vec<Node> = doc
            .components
            .iter()
            .map(|c| Node {
                id: c.id.clone(),
                kind: c.kind,
                model: Model::new(c),
                out: Vec::new(),
                region: region_of(doc, &index_of, c),
            })
            .collect();
        let mut graph = DiGraph::<(), ()>::with_capacity(nodes.len(), doc.links.len());
        let graph_nodes: Vec<NodeIndex> = nodes.iter().map(|_| graph.add_node(())).collect();
        for link in &doc.links {
            // Validation guarantees both ends exist; a missing one is simply skipped.
            if let (Some(&from), Some(&to)) = (index_of.get(&link.from), index_of.get(&link.to))
                && let (Some(&a), Some(&b)) = (graph_nodes.get(from), graph_nodes.get(to))
            {
                graph.add_edge(a, b, ());
                let edge = edge(doc, link, from, to, &nodes);
                if let Some(node) = nodes.get_mut(from) {
                    node.out.push(edge);
                }
            }
        }
        let order = petgraph::algo::toposort(&graph, None)
            .map_err(|cycle| {
                let id = doc.components.get(cycle.node_id().index()).map(|c| c.id.clone());
                SimError::Invalid(vec![Problem { component: id, message: "is part of a call cycle".into() }])
            })?
            .into_iter()
            .map(NodeIndex::index)
            .collect();
        let mut plan = Self { nodes, order, users: doc.traffic.users, warnings: scalelab_model::lint::warnings(doc) };
        plan.precompute_rings();
        plan.derive_hit_ratios();
        Ok(plan)
    }

    /// Caches whose hit ratio is derived: Che's approximation, computed once for each
    /// distinct (key space, size, skew) in the design.
    fn derive_hit_ratios(&mut self) {
        let mut known: Vec<([u64; 3], f64)> = Vec::new();
        for node in &mut self.nodes {
            let Model::Cache(cache) = &mut node.model else { continue };
            if !cache.derived {
                continue;
            }
            let key = [cache.key_space.to_bits(), cache.capacity_items.to_bits(), cache.zipf_s.to_bits()];
            cache.hit_ratio = match known.iter().find(|(k, _)| *k == key) {
                Some((_, hit)) => *hit,
                None => {
                    let hit = crate::queueing::che_hit_ratio(cache.key_space, cache.capacity_items, cache.zipf_s);
                    known.push((key, hit));
                    hit
                }
            };
        }
    }

    /// Consistent-hashing load balancers: the ring's imbalance over all their targets'
    /// instances, once, so a step never integrates it again.
    fn precompute_rings(&mut self) {
        let rings: Vec<(usize, f64)> = self
            .nodes
            .iter()
            .enumerate()
            .filter_map(|(i, node)| match &node.model {
                Model::LoadBalancer(lb) if lb.policy == crate::model::Policy::ConsistentHashing => {
                    let instances: f64 = node.out.iter().map(|e| crate::flow::target_instances(self, e.to)).sum();
                    Some((
                        i,
                        crate::hashing::ring_imbalance(
                            instances.max(1.0).min(f64::from(u32::MAX)) as u32,
                            lb.virtual_nodes,
                        ),
                    ))
                }
                _ => None,
            })
            .collect();
        for (i, imbalance) in rings {
            if let Some(Model::LoadBalancer(lb)) = self.nodes.get_mut(i).map(|n| &mut n.model) {
                lb.ring_imbalance = Some(imbalance);
            }
        }
    }

    pub fn node(&self, index: usize) -> Option<&Node> {
        self.nodes.get(index)
    }
}

fn region_of(doc: &Document, index_of: &BTreeMap<&ComponentId, usize>, component: &Component) -> Option<usize> {
    let mut current = component;
    // Regions nest at most zone -> region, so two steps reach the top.
    for _ in 0..3 {
        if current.kind == ComponentKind::Region {
            return index_of.get(&current.id).copied();
        }
        current = doc.component(current.parent.as_ref()?)?;
    }
    None
}

fn zone_of<'d>(doc: &'d Document, component: &'d Component) -> Option<&'d ComponentId> {
    let parent = doc.component(component.parent.as_ref()?)?;
    (parent.kind == ComponentKind::Zone).then_some(&parent.id)
}

fn edge(doc: &Document, link: &Link, from: usize, to: usize, nodes: &[Node]) -> Edge {
    let mtls = link.choice("mtls") == "on";
    let rtt_s = rtt_s(doc, link, from, to, nodes) + if mtls { MTLS_RTT_S } else { 0.0 };
    Edge {
        to,
        mode: link.mode,
        calls: link.param("calls_per_request"),
        weight: link.param("weight"),
        rtt_s,
        timeout_s: link.param("timeout_ms") / 1000.0,
        retries: link.param("retries") as u32,
        backoff_s: link.param("backoff_ms") / 1000.0,
        breaker: (link.choice("circuit_breaker") == "on").then(|| link.param("breaker_error_threshold")),
        mtls,
        bandwidth_bytes_s: link.param("bandwidth_gbps") * 1e9 / 8.0,
    }
}

/// The network round trip of a link: from the users to the front door, from a CDN to its
/// origin, or by where the two ends are placed.
fn rtt_s(doc: &Document, link: &Link, from: usize, to: usize, nodes: &[Node]) -> f64 {
    let (Some(from_node), Some(to_node)) = (nodes.get(from), nodes.get(to)) else { return 0.0 };
    // Resolving a name is not a hop on the data path: DNS's cost is its own lookups.
    let users_rtt = || nodes.iter().find_map(|n| if let Model::Users(u) = &n.model { Some(u.rtt_s) } else { None });
    match (&from_node.model, &to_node.model) {
        (Model::Users(_), Model::Dns(_)) => return 0.0,
        (Model::Users(_) | Model::Dns(_), Model::Cdn(cdn)) => return cdn.edge_rtt_s,
        (Model::Users(users), _) => return users.rtt_s,
        (Model::Dns(_), _) => return users_rtt().unwrap_or(0.0),
        (Model::Cdn(cdn), _) => return cdn.origin_rtt_s,
        _ => {}
    }
    match link.choice("network") {
        "same_zone" => SAME_ZONE_RTT_S,
        "cross_zone" => CROSS_ZONE_RTT_S,
        "cross_region" => region_rtt_s(from_node, to_node, nodes).unwrap_or(CROSS_REGION_RTT_S),
        _ => auto_rtt_s(doc, from, to, nodes),
    }
}

fn auto_rtt_s(doc: &Document, from: usize, to: usize, nodes: &[Node]) -> f64 {
    let (Some(from_node), Some(to_node)) = (nodes.get(from), nodes.get(to)) else { return SAME_ZONE_RTT_S };
    if from_node.region.is_some() && to_node.region.is_some() && from_node.region != to_node.region {
        return region_rtt_s(from_node, to_node, nodes).unwrap_or(CROSS_REGION_RTT_S);
    }
    let zones =
        (doc.components.get(from).and_then(|c| zone_of(doc, c)), doc.components.get(to).and_then(|c| zone_of(doc, c)));
    match zones {
        (Some(a), Some(b)) if a != b => CROSS_ZONE_RTT_S,
        _ => SAME_ZONE_RTT_S,
    }
}

/// The larger of the two regions' stated inter-region round trips.
fn region_rtt_s(from: &Node, to: &Node, nodes: &[Node]) -> Option<f64> {
    let latency = |region: Option<usize>| match region.and_then(|r| nodes.get(r)).map(|n| &n.model) {
        Some(Model::Region(region)) => Some(region.inter_region_rtt_s),
        _ => None,
    };
    match (latency(from.region), latency(to.region)) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}
