//! Generated designs of a given size, for benchmarks and stress tests: users behind a
//! load balancer, layers of services that each call a few services of the next layer,
//! and caches and databases at the bottom. Deterministic: the same size gives the same
//! design.

use crate::{Component, ComponentKind, Document, Link, Point, SCHEMA_VERSION, Scenario, Traffic};

/// A layered design of about `components` components and 1.5 links per component.
pub fn layered(components: usize, users: f64) -> Document {
    let components = components.max(8);
    let mut doc = Document {
        schema_version: SCHEMA_VERSION,
        name: format!("generated: {components} components"),
        components: Vec::with_capacity(components),
        links: Vec::with_capacity(components * 3 / 2),
        traffic: Traffic { users, ..Traffic::default() },
        scenario: Scenario::default(),
    };
    doc.components.push(Component::new("users", ComponentKind::Users, "Users", Point::new(0.0, 0.0)));
    doc.components.push(
        Component::new("lb", ComponentKind::LoadBalancer, "LB", Point::new(220.0, 0.0)).with_param("nodes", 100.0),
    );
    doc.links.push(Link::call("users", "lb"));
    // Services in layers of up to 10; the last fifth of the budget are data stores.
    let stores = (components - 2) / 5;
    let services = components - 2 - stores;
    let per_layer = 10;
    let mut previous: Vec<String> = vec!["lb".to_owned()];
    let mut index = 0;
    let mut layer = 0;
    while index < services {
        let mut current = Vec::new();
        for slot in 0..per_layer.min(services - index) {
            let id = format!("svc-{index}");
            let pos = Point::new(440.0 + 220.0 * layer as f64, 90.0 * slot as f64);
            doc.components.push(
                Component::new(&id, ComponentKind::Service, &id, pos)
                    .with_param("instances", 2_000.0)
                    .with_param("service_time_ms", 2.0),
            );
            current.push(id);
            index += 1;
        }
        link_layers(&mut doc, &previous, &current, layer == 0);
        previous = current;
        layer += 1;
    }
    let mut bottom = Vec::new();
    for i in 0..stores {
        let (id, kind) = if i % 2 == 0 {
            (format!("cache-{i}"), ComponentKind::Cache)
        } else {
            (format!("db-{i}"), ComponentKind::Database)
        };
        let pos = Point::new(440.0 + 220.0 * layer as f64, 90.0 * i as f64);
        let component = Component::new(&id, kind, &id, pos);
        let component = match kind {
            ComponentKind::Cache => component.with_param("nodes", 50.0),
            _ => component.with_param("shards", 64.0).with_param("read_replicas", 4.0),
        };
        doc.components.push(component);
        bottom.push(id);
    }
    link_layers(&mut doc, &previous, &bottom, false);
    doc
}

/// Every callee gets a caller (round robin over the callers); callers of services then
/// call one more callee every other caller, for about 1.5 links per component. The load
/// balancer splits its traffic over the first layer.
fn link_layers(doc: &mut Document, callers: &[String], callees: &[String], split: bool) {
    if callees.is_empty() || callers.is_empty() {
        return;
    }
    let add = |doc: &mut Document, caller: &String, callee: &String| {
        if !doc.links.iter().any(|l| l.from.as_str() == caller && l.to.as_str() == callee) {
            let link = Link::call(caller, callee);
            doc.links.push(if split { link } else { link.with_param("calls_per_request", 0.5) });
        }
    };
    for (j, callee) in callees.iter().enumerate() {
        if let Some(caller) = callers.get(j % callers.len()) {
            add(doc, caller, callee);
        }
    }
    if split {
        return;
    }
    for (i, caller) in callers.iter().enumerate().filter(|(i, _)| i % 2 == 1) {
        if let Some(callee) = callees.get((i + 1) % callees.len()) {
            add(doc, caller, callee);
        }
    }
}
