//! Turns a validated document into the engine's form: components in an order where every
//! caller comes before the components it calls, with links as indices.

use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::BTreeMap;

use scalelab_model::{ComponentId, Document, Problem, validate};

/// Why the engine could not run a document.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("the design has {} problem(s): {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
}

/// A document compiled for the engine. Assembled once, evaluated many times.
#[derive(Debug, Clone)]
pub struct Compiled<'doc> {
    pub doc: &'doc Document,
    /// Component indices, callers before callees.
    pub order: Vec<usize>,
    /// For each component, the indices of the components it sends requests to.
    pub targets: Vec<Vec<usize>>,
}

impl<'doc> Compiled<'doc> {
    pub fn new(doc: &'doc Document) -> Result<Self, SimError> {
        validate(doc).map_err(SimError::Invalid)?;
        let mut graph = DiGraph::<(), ()>::with_capacity(doc.components.len(), doc.links.len());
        let nodes: Vec<NodeIndex> = doc.components.iter().map(|_| graph.add_node(())).collect();
        let index_of: BTreeMap<&ComponentId, usize> =
            doc.components.iter().enumerate().map(|(i, c)| (&c.id, i)).collect();
        let mut targets = vec![Vec::new(); doc.components.len()];
        for link in &doc.links {
            // Validation guarantees both ends exist; a missing one is simply skipped.
            if let (Some(&from), Some(&to)) = (index_of.get(&link.from), index_of.get(&link.to))
                && let (Some(&a), Some(&b), Some(list)) = (nodes.get(from), nodes.get(to), targets.get_mut(from))
            {
                graph.add_edge(a, b, ());
                list.push(to);
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
        Ok(Self { doc, order, targets })
    }
}
