//! Small helpers the editor needs from the model: a fresh component id, and whether a
//! proposed link makes sense (and if not, why, in the words validation would use).

use crate::{Component, ComponentId, ComponentKind, Document, Link, Problem, Traffic, validate};

/// Longest id prefix taken from a kind's name, so ids stay well under the id limit.
const MAX_ID_PREFIX_CHARS: usize = 40;

/// A component id not yet used in `doc`, named after the kind (`"service-3"`).
pub fn fresh_component_id(doc: &Document, kind: ComponentKind) -> ComponentId {
    fresh_id_excluding(doc, kind, &[])
}

/// Like [`fresh_component_id`], also avoiding `taken` (ids being added in the same step).
pub fn fresh_id_excluding(doc: &Document, kind: ComponentKind, taken: &[ComponentId]) -> ComponentId {
    let prefix: String = kind
        .name()
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(MAX_ID_PREFIX_CHARS)
        .collect();
    let used = |id: &str| doc.components.iter().any(|c| c.id.as_str() == id) || taken.iter().any(|t| t.as_str() == id);
    // At most MAX_COMPONENTS + taken.len() ids are in use, so this loop ends.
    (1..)
        .map(|n: u64| format!("{prefix}-{n}"))
        .find(|candidate| !used(candidate))
        .map(ComponentId)
        .unwrap_or_else(|| ComponentId(prefix))
}

/// Why a link from `from` to `to` would make the design invalid, as the problems
/// validation reports for it (wrong kinds, a duplicate, a self link, a cycle). `None`
/// when the link makes sense.
///
/// Validation runs on the topology alone (kinds and links, without parameters), with the
/// link and without it; the problems only the first run finds are the link's.
pub fn link_problems(doc: &Document, from: &ComponentId, to: &ComponentId) -> Option<Vec<Problem>> {
    let without = topology_only(doc);
    let mut with = without.clone();
    with.links.push(Link::call(from.as_str(), to.as_str()));
    let before = validate(&without).err().unwrap_or_default();
    let after = validate(&with).err().unwrap_or_default();
    let new: Vec<Problem> = after.into_iter().filter(|p| !before.contains(p)).collect();
    if new.is_empty() { None } else { Some(new) }
}

/// The document's kinds and links only: parameters, parents, labels and positions
/// dropped so that only link problems remain. A users component is added when there is
/// none, because validation looks for cycles only in an otherwise valid design.
fn topology_only(doc: &Document) -> Document {
    let mut components: Vec<Component> =
        doc.components.iter().map(|c| Component::new(c.id.as_str(), c.kind, "", Default::default())).collect();
    if !components.iter().any(|c| c.kind == ComponentKind::Users) {
        let id = fresh_component_id(doc, ComponentKind::Users);
        components.push(Component::new(id.as_str(), ComponentKind::Users, "", Default::default()));
    }
    let links = doc
        .links
        .iter()
        .map(|l| Link { from: l.from.clone(), to: l.to.clone(), mode: l.mode, params: Default::default() })
        .collect();
    Document {
        schema_version: doc.schema_version,
        name: String::new(),
        components,
        links,
        traffic: Traffic::default(),
        scenario: Default::default(),
    }
}
