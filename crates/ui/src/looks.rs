//! What each component and link looks like at one revision of the document: labels,
//! colours from the engine's report, and accessible names. Computed once per change,
//! not once per frame.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::{LinkMeasure, Measure, Outcome};
use scalelab_editor::LinkKey;
use scalelab_model::number::fixed;
use scalelab_model::ordered;
use scalelab_model::{Component, ComponentId, Document, LinkMode, format_count};
use yew::AttrValue;

use crate::node::{LinkLook, NodeLook};

/// Looks in document order: `nodes[i]` is `doc.components[i]`; each link knows the
/// indices of its ends.
#[derive(Debug, Default, PartialEq)]
pub struct Looks {
    pub nodes: Vec<Rc<NodeLook>>,
    pub links: Vec<(Rc<LinkLook>, usize, usize)>,
}

/// The components' looks under `report`, in document order.
pub fn node_looks(doc: &Document, report: Option<&Outcome>) -> Vec<Rc<NodeLook>> {
    let reports: BTreeMap<&ComponentId, usize> =
        report.map(|r| ordered(r.components.iter().enumerate().map(|(i, c)| (&c.id, i)))).unwrap_or_default();
    let report_of = |c: &Component| report?.components.get(*reports.get(&c.id)?);
    doc.components.iter().map(|c| Rc::new(node_look(c, report_of(c)))).collect()
}

/// The links' looks under `report`, each with the places of its ends in `doc`.
pub fn link_looks(doc: &Document, report: Option<&Outcome>) -> Vec<(Rc<LinkLook>, usize, usize)> {
    let index: BTreeMap<&ComponentId, usize> = ordered(doc.components.iter().enumerate().map(|(i, c)| (&c.id, i)));
    let name = |i: usize| doc.components.get(i).map(display_name).unwrap_or_default();
    // The engine's link figures by the place of the link's source in `doc`, so each link
    // looks among its source's few outgoing links rather than all of them.
    let mut outgoing: Vec<Vec<&LinkMeasure>> = vec![Vec::new(); doc.components.len()];
    for m in report.map_or(&[][..], |r| &r.links) {
        if let Some(list) = index.get(&m.from).and_then(|&i| outgoing.get_mut(i)) {
            list.push(m);
        }
    }
    doc.links
        .iter()
        .filter_map(|link| {
            let (&from, &to) = (index.get(&link.from)?, index.get(&link.to)?);
            let mode = match link.mode {
                LinkMode::Call => "synchronous call",
                LinkMode::Publish => "asynchronous publish",
            };
            let measure = outgoing.get(from).and_then(|list| list.iter().find(|m| m.to == link.to).copied());
            // Thicker with throughput, on a log scale: 2 px idle, about 9 px at a million/s.
            let width =
                measure.map(|m| format!("--w: {}px", fixed(2.0 + 1.2 * libm::log10(1.0 + m.rps.max(0.0)), 1)).into());
            let failing = measure.is_some_and(|m| m.failing > 1e-3);
            let figures = measure.map_or_else(String::new, |m| {
                let fails =
                    if failing { format!(", {} % failing", fixed(m.failing * 100.0, 1)) } else { String::new() };
                format!(", {} req/s{fails}", format_count(m.rps))
            });
            let look = LinkLook {
                key: LinkKey::of(link),
                id: format!("{}->{}", link.from, link.to).into(),
                from: AttrValue::from(link.from.to_string()),
                to: AttrValue::from(link.to.to_string()),
                mode: link.mode,
                aria: format!("Link from {} to {}, {mode}{figures}", name(from), name(to)).into(),
                width,
                failing,
            };
            Some((Rc::new(look), from, to))
        })
        .collect()
}

pub fn display_name(component: &Component) -> String {
    if component.label.is_empty() { component.id.to_string() } else { component.label.clone() }
}

fn node_look(component: &Component, report: Option<&Measure>) -> NodeLook {
    let utilisation = report.map_or(0.0, |r| r.utilisation);
    let saturated = report.is_some_and(|r| r.saturated);
    let hue = 120.0 * (1.0 - utilisation);
    let fill =
        if saturated { "fill: hsl(0 75% 38%)".to_owned() } else { format!("fill: hsl({} 65% 42%)", fixed(hue, 0)) };
    let metrics = report.map(|r| {
        let text = if r.capacity_rps.is_finite() {
            format!("{} req/s · {}%", format_count(r.offered_rps), fixed(r.load * 100.0, 0))
        } else {
            format!("{} req/s", format_count(r.offered_rps))
        };
        AttrValue::from(text)
    });
    // Errors are shown where they happen: on the component that refuses, fails or gives up.
    let errors = report.map_or(0.0, |r| r.errors_rps);
    let errors = (errors >= 0.01).then(|| format!("{} errors/s", format_count(errors)));
    let badge = match (saturated, &errors) {
        (true, _) => {
            let limit = report.and_then(|r| r.limit).map(|l| format!(" · {}", l.label())).unwrap_or_default();
            let errors = errors.as_ref().map(|e| format!(" · {e}")).unwrap_or_default();
            Some(AttrValue::from(format!("SATURATED{limit}{errors}")))
        }
        (false, Some(errors)) => Some(AttrValue::from(errors.clone())),
        (false, None) => None,
    };
    let label = display_name(component);
    let errors = errors.map(|e| format!(", {e}")).unwrap_or_default();
    let aria = format!("{label}, {}{}{errors}", component.kind.name(), if saturated { ", saturated" } else { "" });
    NodeLook {
        id: component.id.clone(),
        key: AttrValue::from(component.id.to_string()),
        kind: component.kind,
        label: label.into(),
        aria: aria.into(),
        fill: fill.into(),
        metrics: if component.kind.is_container() { None } else { metrics },
        badge,
        saturated,
        utilisation: fixed(utilisation, 3).into(),
        parent: component.parent.as_ref().map(|p| AttrValue::from(p.to_string())),
    }
}

/// `next`, with each look equal to the one at the same place in `previous` shared with
/// it: the views of what a change left as it was compare equal by pointer and do not
/// re-render (after a drag, none do: the looks do not depend on positions).
pub fn reuse_unchanged(next: &Looks, previous: &Looks) -> Looks {
    fn pick<T: PartialEq>(next: &Rc<T>, previous: Option<&Rc<T>>) -> Rc<T> {
        previous.filter(|p| *p == next).unwrap_or(next).clone()
    }
    Looks {
        nodes: next.nodes.iter().enumerate().map(|(i, n)| pick(n, previous.nodes.get(i))).collect(),
        links: next
            .links
            .iter()
            .enumerate()
            .map(|(i, (l, from, to))| (pick(l, previous.links.get(i).map(|(p, ..)| p)), *from, *to))
            .collect(),
    }
}
