//! Validation of a whole document: every problem found, each naming what it concerns.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};

use crate::number::shortest;
use crate::traffic::{MAX_USERS, MIN_USERS};
use crate::{
    Component, ComponentId, ComponentKind, Document, ParamSpec, ParamValue, Shape, link_param_spec, param_spec,
};

/// Most components and links a design may hold; far beyond any real diagram, small
/// enough that the engine and the canvas stay responsive.
pub const MAX_COMPONENTS: usize = 2_000;
pub const MAX_LINKS: usize = 6_000;
const MAX_ID_CHARS: usize = 64;
const MAX_LABEL_CHARS: usize = 200;

/// One thing wrong with a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The component the problem concerns, if it concerns one.
    pub component: Option<ComponentId>,
    pub message: String,
}

impl Problem {
    fn of(id: &ComponentId, message: impl Into<String>) -> Self {
        Self { component: Some(id.clone()), message: message.into() }
    }

    fn general(message: impl Into<String>) -> Self {
        Self { component: None, message: message.into() }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.component {
            Some(id) => write!(f, "component \"{id}\": {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Checks a document and returns every problem found.
pub fn validate(doc: &Document) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    check_sizes(doc, &mut problems);
    check_components(doc, &mut problems);
    check_links(doc, &mut problems);
    check_traffic(doc, &mut problems);
    check_scenario(doc, &mut problems);
    if problems.is_empty() {
        check_cycles(doc, &mut problems);
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

fn check_sizes(doc: &Document, problems: &mut Vec<Problem>) {
    if doc.components.len() > MAX_COMPONENTS {
        problems.push(Problem::general(format!(
            "the design has {} components; the limit is {MAX_COMPONENTS}",
            doc.components.len()
        )));
    }
    if doc.links.len() > MAX_LINKS {
        problems.push(Problem::general(format!("the design has {} links; the limit is {MAX_LINKS}", doc.links.len())));
    }
}

fn check_components(doc: &Document, problems: &mut Vec<Problem>) {
    let mut seen = BTreeSet::new();
    for component in &doc.components {
        let id = &component.id;
        if id.as_str().trim().is_empty() {
            problems.push(Problem::general("a component has an empty id"));
        } else if id.as_str().chars().count() > MAX_ID_CHARS {
            problems.push(Problem::of(id, format!("the id is longer than {MAX_ID_CHARS} characters")));
        }
        if !seen.insert(id) {
            problems.push(Problem::of(id, "the id is used by more than one component"));
        }
        if component.label.chars().count() > MAX_LABEL_CHARS {
            problems.push(Problem::of(id, format!("the label is longer than {MAX_LABEL_CHARS} characters")));
        }
        if !component.pos_world.x.is_finite() || !component.pos_world.y.is_finite() {
            problems.push(Problem::of(id, "the position is not a finite number"));
        }
        for (key, value) in &component.params {
            let kind_name = component.kind.name().to_ascii_lowercase();
            if let Some(problem) = check_param(param_spec(component.kind, key), key, value, &kind_name) {
                problems.push(Problem::of(id, problem));
            }
        }
        check_parent(doc, component, problems);
    }
    if !doc.components.iter().any(|c| c.kind == ComponentKind::Users) {
        problems.push(Problem::general("the design has no users component, so no traffic enters it"));
    }
}

fn check_links(doc: &Document, problems: &mut Vec<Problem>) {
    let kinds: BTreeMap<&ComponentId, ComponentKind> = crate::ordered(doc.components.iter().map(|c| (&c.id, c.kind)));
    let mut seen = BTreeSet::new();
    for link in &doc.links {
        let from = kinds.get(&link.from);
        let to = kinds.get(&link.to);
        if from.is_none() {
            problems.push(Problem::of(
                &link.from,
                format!("a link from \"{}\" names a component that does not exist", link.from),
            ));
        }
        if to.is_none() {
            problems.push(Problem::of(
                &link.to,
                format!("a link to \"{}\" names a component that does not exist", link.to),
            ));
        }
        if link.from == link.to {
            problems.push(Problem::of(&link.from, "a link connects the component to itself"));
        }
        if !seen.insert((&link.from, &link.to)) {
            problems.push(Problem::of(&link.from, format!("the link to \"{}\" appears twice", link.to)));
        }
        for (key, value) in &link.params {
            if let Some(problem) = check_param(link_param_spec(key), key, value, "a link") {
                problems.push(Problem::of(&link.from, format!("link to \"{}\": {problem}", link.to)));
            }
        }
        if let (Some(from_kind), Some(to_kind)) = (from, to) {
            if !from_kind.sends_requests() {
                problems.push(Problem::of(
                    &link.from,
                    format!("a {} does not send requests onwards", from_kind.name().to_ascii_lowercase()),
                ));
            }
            if !to_kind.accepts_requests() {
                problems.push(Problem::of(
                    &link.to,
                    format!("{} cannot receive requests", to_kind.name().to_ascii_lowercase()),
                ));
            }
        }
    }
}

/// What is wrong with one parameter value, if anything.
fn check_param(spec: Option<&ParamSpec>, key: &str, value: &ParamValue, owner: &str) -> Option<String> {
    let Some(spec) = spec else {
        return Some(format!("{owner} has no parameter \"{key}\""));
    };
    if spec.accepts(value) {
        return None;
    }
    let shown = match value {
        ParamValue::Number(n) => shortest(*n),
        ParamValue::Choice(c) => format!("\"{c}\""),
    };
    Some(format!("{} is {shown}; it must be {}", spec.name, spec.allowed()))
}

/// A component's parent must exist and be a region or zone, and a zone sits in a region.
fn check_parent(doc: &Document, component: &Component, problems: &mut Vec<Problem>) {
    let Some(parent_id) = &component.parent else { return };
    match doc.component(parent_id) {
        None => problems.push(Problem::of(&component.id, format!("its region or zone \"{parent_id}\" does not exist"))),
        Some(parent) if !parent.kind.is_container() => problems.push(Problem::of(
            &component.id,
            format!(
                "it is placed in \"{parent_id}\", which is a {} and not a region or zone",
                parent.kind.name().to_ascii_lowercase()
            ),
        )),
        Some(parent) if component.kind == ComponentKind::Region => {
            problems.push(Problem::of(&component.id, format!("a region cannot sit inside \"{}\"", parent.id)))
        }
        Some(parent) if component.kind == ComponentKind::Zone && parent.kind != ComponentKind::Region => {
            problems.push(Problem::of(&component.id, "a zone can only sit inside a region"))
        }
        Some(_) => {}
    }
}

fn check_traffic(doc: &Document, problems: &mut Vec<Problem>) {
    let users = doc.traffic.users;
    if !users.is_finite() || !(MIN_USERS..=MAX_USERS).contains(&users) {
        problems.push(Problem::general(format!(
            "traffic: users is {}; it must be between 1 and 10 billion",
            shortest(users)
        )));
    }
    check_shape(&doc.traffic.shape, problems);
}

/// Most stages a k6-style stage table may hold.
const MAX_STAGES: usize = 1_000;
/// Most failures a scenario may schedule.
const MAX_FAILURES: usize = 1_000;

/// Most a traffic shape may multiply the users by (a ramp's ends, a step, a spike).
pub const MAX_TRAFFIC_FACTOR: f64 = 1_000.0;
/// Latest time, and longest duration or period, in a traffic shape: 31 days.
pub const MAX_SHAPE_SECONDS: f64 = 31.0 * 86_400.0;

/// What is wrong with a traffic shape, if anything: the first problem's words.
pub fn shape_problem(shape: &Shape) -> Option<String> {
    let mut problems = Vec::new();
    check_shape(shape, &mut problems);
    problems.into_iter().next().map(|p| p.message)
}

fn check_shape(shape: &Shape, problems: &mut Vec<Problem>) {
    let mut values: Vec<(String, f64, f64)> = Vec::new();
    let mut value = |what: &str, v: f64, most: f64| values.push((what.to_owned(), v, most));
    let (factor, seconds) = (MAX_TRAFFIC_FACTOR, MAX_SHAPE_SECONDS);
    match shape {
        Shape::Constant => {}
        Shape::Ramp { from, to, duration_s } => {
            value("ramp start", *from, factor);
            value("ramp end", *to, factor);
            value("ramp duration", *duration_s, seconds);
        }
        Shape::Step { at_s, factor: f } => {
            value("step time", *at_s, seconds);
            value("step factor", *f, factor);
        }
        Shape::Spike { at_s, duration_s, factor: f } => {
            value("spike time", *at_s, seconds);
            value("spike duration", *duration_s, seconds);
            value("spike factor", *f, factor);
        }
        Shape::Wave { period_s, amplitude } => {
            value("wave period", *period_s, seconds);
            value("wave amplitude", *amplitude, 1.0);
        }
        Shape::Stages { stages } => {
            if stages.len() > MAX_STAGES {
                problems.push(Problem::general(format!(
                    "traffic shape: {} stages; the limit is {MAX_STAGES}",
                    stages.len()
                )));
            }
            for (i, stage) in stages.iter().enumerate() {
                value(&format!("stage {} duration", i + 1), stage.duration_s, seconds);
                if !stage.target_users.is_finite() || !(0.0..=MAX_USERS).contains(&stage.target_users) {
                    problems.push(Problem::general(format!(
                        "traffic shape: stage {} target is {} users; it must be between 0 and 10 billion",
                        i + 1,
                        shortest(stage.target_users)
                    )));
                }
            }
        }
    }
    for (what, v, most) in values {
        if !v.is_finite() || !(0.0..=most).contains(&v) {
            // Huge numbers in exponent form, not hundreds of digits.
            let (shown, most) = (shown(v), shortest(most));
            problems
                .push(Problem::general(format!("traffic shape: {what} is {shown}; it must be between 0 and {most}")));
        }
    }
}

/// A number for a message: huge ones in exponent form with at most 7 significant digits
/// ("1.5e300", "1e21" for 9.9999999e20), not hundreds of digits.
fn shown(v: f64) -> String {
    if !v.is_finite() || v.abs() < 1e15 {
        return shortest(v);
    }
    let mut exponent = libm::floor(libm::log10(v.abs()));
    let mut mantissa = libm::round(v / libm::pow(10.0, exponent) * 1e6) / 1e6;
    if mantissa.abs() >= 10.0 {
        mantissa /= 10.0;
        exponent += 1.0;
    }
    format!("{}e{}", shortest(mantissa), exponent as i32)
}

fn check_scenario(doc: &Document, problems: &mut Vec<Problem>) {
    let thresholds = doc.scenario.thresholds.len();
    if thresholds > crate::slo::MAX_THRESHOLDS {
        problems.push(Problem::general(format!(
            "the scenario has {thresholds} thresholds; the limit is {}",
            crate::slo::MAX_THRESHOLDS
        )));
    }
    let failures = &doc.scenario.failures;
    if failures.len() > MAX_FAILURES {
        problems.push(Problem::general(format!(
            "the scenario has {} failures; the limit is {MAX_FAILURES}",
            failures.len()
        )));
    }
    for failure in failures {
        if doc.component(&failure.component).is_none() {
            problems.push(Problem::of(&failure.component, "a scheduled failure names a component that does not exist"));
        }
        for (what, value) in [("start", failure.at_s), ("duration", failure.duration_s)] {
            if !value.is_finite() || value < 0.0 {
                problems.push(Problem::of(
                    &failure.component,
                    format!("a scheduled failure's {what} is {}; it must be 0 or more", shortest(value)),
                ));
            }
        }
    }
}

/// Reports each group of components that call each other in a circle: a request would
/// never finish. Runs only on documents whose links all name real components.
fn check_cycles(doc: &Document, problems: &mut Vec<Problem>) {
    let index: BTreeMap<&ComponentId, usize> =
        crate::ordered(doc.components.iter().enumerate().map(|(i, c)| (&c.id, i)));
    let mut graph = petgraph::graph::DiGraph::<(), ()>::with_capacity(doc.components.len(), doc.links.len());
    for _ in &doc.components {
        graph.add_node(());
    }
    for link in &doc.links {
        if let (Some(&a), Some(&b)) = (index.get(&link.from), index.get(&link.to)) {
            graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
        }
    }
    for scc in petgraph::algo::tarjan_scc(&graph) {
        if scc.len() > 1 {
            let mut names: Vec<&str> =
                scc.iter().filter_map(|n| doc.components.get(n.index())).map(|c| c.id.as_str()).collect();
            crate::sort_by_insertion(&mut names, |a, b| a < b);
            if let Some(first) = scc.first().and_then(|n| doc.components.get(n.index())) {
                problems.push(Problem::of(
                    &first.id,
                    format!(
                        "components {} call each other in a cycle, so a request would never finish",
                        names.join(", ")
                    ),
                ));
            }
        }
    }
}
