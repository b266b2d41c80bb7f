//! Warnings about a design that is valid but probably unfinished: components no traffic
//! reaches, and components that pass requests on but have nowhere to send them. They are
//! warnings, not errors, so a design under construction still runs; `scalelab check`
//! treats them as errors.

use std::collections::BTreeSet;

use crate::{ComponentId, ComponentKind, Document, Problem};

/// Every warning about `doc`, each naming its component.
pub fn warnings(doc: &Document) -> Vec<Problem> {
    let reached = reachable(doc);
    let mut found = Vec::new();
    for component in &doc.components {
        if component.kind.is_container() {
            continue;
        }
        if component.kind != ComponentKind::Users && !reached.contains(&component.id) {
            found.push(Problem {
                component: Some(component.id.clone()),
                message: "no traffic reaches it: no path leads to it from a users component".to_owned(),
            });
        }
        let needs_way_out = matches!(
            component.kind,
            ComponentKind::Users
                | ComponentKind::Dns
                | ComponentKind::Cdn
                | ComponentKind::LoadBalancer
                | ComponentKind::ApiGateway
                | ComponentKind::TrafficSplit
                | ComponentKind::Queue
        );
        if needs_way_out && !doc.links.iter().any(|l| l.from == component.id) {
            found.push(Problem {
                component: Some(component.id.clone()),
                message: format!(
                    "a {} passes requests on, but it has no outgoing link",
                    component.kind.name().to_ascii_lowercase()
                ),
            });
        }
    }
    found
}

/// Components reachable from any users component by following links.
fn reachable(doc: &Document) -> BTreeSet<&ComponentId> {
    let mut seen: BTreeSet<&ComponentId> =
        crate::ordered(doc.components.iter().filter(|c| c.kind == ComponentKind::Users).map(|c| &c.id));
    let mut frontier: Vec<&ComponentId> = seen.iter().copied().collect();
    while let Some(id) = frontier.pop() {
        for link in doc.links.iter().filter(|l| &l.from == id) {
            if seen.insert(&link.to) {
                frontier.push(&link.to);
            }
        }
    }
    seen
}
