//! Every change of the document is an [`Action`], applied by one function that returns
//! the action that undoes it. A failed action leaves the document untouched.

use scalelab_model::number::shortest;
use scalelab_model::{
    Component, ComponentId, ComponentKind, Document, Link, LinkMode, MAX_COMPONENTS, MAX_LINKS, ParamValue, Point,
    Traffic, link_param_spec, link_problems, param_spec, parse_users, shape_problem,
};

/// Longest label a component may have (validation's limit).
pub const MAX_LABEL_CHARS: usize = 200;

/// Identifies a link by its two ends (validation allows at most one link per pair).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinkKey {
    pub from: ComponentId,
    pub to: ComponentId,
}

impl LinkKey {
    pub fn new(from: &ComponentId, to: &ComponentId) -> Self {
        Self { from: from.clone(), to: to.clone() }
    }

    pub fn of(link: &Link) -> Self {
        Self::new(&link.from, &link.to)
    }

    pub fn matches(&self, link: &Link) -> bool {
        link.from == self.from && link.to == self.to
    }
}

/// What a parameter belongs to.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamTarget {
    Component(ComponentId),
    Link(LinkKey),
}

/// A change of the document. View state (camera, selection) is never an action.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Put components at new positions (world units).
    MoveComponents(Vec<(ComponentId, Point)>),
    /// Set the number of monthly active users.
    SetUsers(f64),
    /// Set the whole traffic: users, their shape over a run and the daily curve.
    SetTraffic(Box<Traffic>),
    /// Append new components (ids unused, parents existing containers) and links among
    /// them or to existing components.
    AddComponents {
        components: Vec<Component>,
        links: Vec<Link>,
    },
    /// Remove components with every link touching them, and the listed links. Components
    /// inside a removed region or zone move up to its own parent.
    RemoveSelection {
        components: Vec<ComponentId>,
        links: Vec<LinkKey>,
    },
    /// Put removed components and links back at their former places (the inverse of a
    /// removal; indices ascending).
    Restore {
        components: Vec<(usize, Component)>,
        links: Vec<(usize, Link)>,
    },
    /// Add a link, if it makes sense; the refusal gives validation's reason.
    Connect(Link),
    /// Remove one link.
    Disconnect(LinkKey),
    SetLinkMode(LinkKey, LinkMode),
    /// Set a parameter, or with `None` go back to the default.
    SetParam {
        target: ParamTarget,
        key: String,
        value: Option<ParamValue>,
    },
    SetLabel(ComponentId, String),
    /// Place a component in a region or zone, or (with `None`) on the open canvas.
    SetParent(ComponentId, Option<ComponentId>),
    SetName(String),
    /// Set the design's objectives (k6 thresholds).
    SetThresholds(Vec<scalelab_model::slo::Threshold>),
    /// Replace the whole document (opening a design, importing a file).
    ReplaceDocument(Box<Document>),
    /// Several actions as one step; all or nothing.
    Batch(Vec<Action>),
}

/// Why an action could not be applied. The document is unchanged when this is returned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("there is no component \"{0}\"")]
    NoSuchComponent(ComponentId),
    #[error("there is no link from \"{}\" to \"{}\"", .0.from, .0.to)]
    NoSuchLink(LinkKey),
    #[error("a position must be a finite number")]
    BadPosition,
    #[error("{0}")]
    BadUsers(String),
    #[error("the id \"{0}\" is already used")]
    DuplicateId(ComponentId),
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    BadParam(String),
    #[error("the design would have more than {0} components or links")]
    TooMany(usize),
    #[error("this view is read-only: open it in scalelab to edit")]
    ReadOnly,
}

impl Action {
    /// Whether the action only moves components: nothing the engine sees changes (it
    /// knows nothing of positions), so its report need not be recomputed.
    pub fn only_moves(&self) -> bool {
        match self {
            Action::MoveComponents(_) => true,
            Action::Batch(actions) => actions.iter().all(Action::only_moves),
            _ => false,
        }
    }
}

/// Applies `action` to `doc` and returns its inverse. On error nothing changed.
pub fn apply(doc: &mut Document, action: &Action) -> Result<Action, EditError> {
    match action {
        Action::MoveComponents(moves) => move_components(doc, moves),
        Action::SetUsers(users) => set_users(doc, *users),
        Action::SetTraffic(traffic) => set_traffic(doc, traffic),
        Action::AddComponents { components, links } => add_components(doc, components, links),
        Action::RemoveSelection { components, links } => remove_selection(doc, components, links),
        Action::Restore { components, links } => Ok(restore(doc, components, links)),
        Action::Connect(link) => connect(doc, link),
        Action::Disconnect(key) => disconnect(doc, key),
        Action::SetLinkMode(key, mode) => set_link_mode(doc, key, *mode),
        Action::SetParam { target, key, value } => set_param(doc, target, key, value.as_ref()),
        Action::SetLabel(id, label) => set_label(doc, id, label),
        Action::SetParent(id, parent) => set_parent(doc, id, parent.as_ref()),
        Action::SetName(name) => Ok(Action::SetName(std::mem::replace(&mut doc.name, name.clone()))),
        Action::SetThresholds(list) if list.len() > scalelab_model::slo::MAX_THRESHOLDS => {
            Err(EditError::Refused(format!("at most {} thresholds", scalelab_model::slo::MAX_THRESHOLDS)))
        }
        Action::SetThresholds(list) => {
            Ok(Action::SetThresholds(std::mem::replace(&mut doc.scenario.thresholds, list.clone())))
        }
        Action::ReplaceDocument(next) => {
            Ok(Action::ReplaceDocument(Box::new(std::mem::replace(doc, (**next).clone()))))
        }
        Action::Batch(actions) => batch(doc, actions),
    }
}

fn move_components(doc: &mut Document, moves: &[(ComponentId, Point)]) -> Result<Action, EditError> {
    // Check everything first so a failed action leaves the document untouched.
    for (id, to) in moves {
        if doc.component(id).is_none() {
            return Err(EditError::NoSuchComponent(id.clone()));
        }
        if !to.x.is_finite() || !to.y.is_finite() {
            return Err(EditError::BadPosition);
        }
    }
    let mut inverse = Vec::with_capacity(moves.len());
    for (id, to) in moves {
        if let Some(component) = doc.component_mut(id) {
            inverse.push((id.clone(), component.pos_world));
            component.pos_world = *to;
        }
    }
    inverse.reverse();
    Ok(Action::MoveComponents(inverse))
}

fn set_users(doc: &mut Document, users: f64) -> Result<Action, EditError> {
    // Reuse the parser's range check so the editor and typed input agree on the limits.
    parse_users(&shortest(users)).map_err(|e| EditError::BadUsers(e.to_string()))?;
    let previous = doc.traffic.users;
    doc.traffic.users = users;
    Ok(Action::SetUsers(previous))
}

fn set_traffic(doc: &mut Document, traffic: &Traffic) -> Result<Action, EditError> {
    parse_users(&shortest(traffic.users)).map_err(|e| EditError::BadUsers(e.to_string()))?;
    if let Some(problem) = shape_problem(&traffic.shape) {
        return Err(EditError::Refused(problem));
    }
    Ok(Action::SetTraffic(Box::new(std::mem::replace(&mut doc.traffic, traffic.clone()))))
}

fn add_components(doc: &mut Document, components: &[Component], links: &[Link]) -> Result<Action, EditError> {
    if doc.components.len() + components.len() > MAX_COMPONENTS {
        return Err(EditError::TooMany(MAX_COMPONENTS));
    }
    if doc.links.len() + links.len() > MAX_LINKS {
        return Err(EditError::TooMany(MAX_LINKS));
    }
    for (i, component) in components.iter().enumerate() {
        let reused = doc.component(&component.id).is_some() || components.iter().take(i).any(|c| c.id == component.id);
        if reused || component.id.as_str().trim().is_empty() {
            return Err(EditError::DuplicateId(component.id.clone()));
        }
        if !component.pos_world.x.is_finite() || !component.pos_world.y.is_finite() {
            return Err(EditError::BadPosition);
        }
    }
    let mut next = doc.clone();
    next.components.extend(components.iter().cloned());
    for component in components {
        if let Some(parent) = &component.parent {
            parent_problem(&next, component.kind, &component.id, parent).map_or(Ok(()), Err)?;
        }
    }
    for link in links {
        if let Some(problems) = link_problems(&next, &link.from, &link.to) {
            return Err(EditError::Refused(join(&problems)));
        }
        next.links.push(link.clone());
    }
    *doc = next;
    Ok(Action::RemoveSelection {
        components: components.iter().map(|c| c.id.clone()).collect(),
        links: links.iter().map(LinkKey::of).collect(),
    })
}

fn remove_selection(doc: &mut Document, ids: &[ComponentId], keys: &[LinkKey]) -> Result<Action, EditError> {
    if let Some(id) = ids.iter().find(|id| doc.component(id).is_none()) {
        return Err(EditError::NoSuchComponent(id.clone()));
    }
    if let Some(key) = keys.iter().find(|k| !doc.links.iter().any(|l| k.matches(l))) {
        return Err(EditError::NoSuchLink(key.clone()));
    }
    // Children of a removed container move up to its parent (or out, if that goes too).
    let mut reparent = Vec::new();
    for child in &doc.components {
        let Some(parent) = &child.parent else { continue };
        if ids.contains(parent) && !ids.contains(&child.id) {
            let mut above = doc.component(parent).and_then(|p| p.parent.clone());
            while let Some(a) = above.clone().filter(|a| ids.contains(a)) {
                above = doc.component(&a).and_then(|p| p.parent.clone());
            }
            reparent.push((child.id.clone(), above));
        }
    }
    let mut parent_inverse = Vec::with_capacity(reparent.len());
    for (id, parent) in reparent {
        if let Some(child) = doc.component_mut(&id) {
            parent_inverse.push(Action::SetParent(id, std::mem::replace(&mut child.parent, parent)));
        }
    }
    let mut removed_components = Vec::new();
    let mut kept = Vec::with_capacity(doc.components.len());
    for (index, component) in std::mem::take(&mut doc.components).into_iter().enumerate() {
        if ids.contains(&component.id) {
            removed_components.push((index, component));
        } else {
            kept.push(component);
        }
    }
    doc.components = kept;
    let mut removed_links = Vec::new();
    let mut kept_links = Vec::with_capacity(doc.links.len());
    for (index, link) in std::mem::take(&mut doc.links).into_iter().enumerate() {
        let touches = ids.contains(&link.from) || ids.contains(&link.to);
        if touches || keys.iter().any(|k| k.matches(&link)) {
            removed_links.push((index, link));
        } else {
            kept_links.push(link);
        }
    }
    doc.links = kept_links;
    let restore = Action::Restore { components: removed_components, links: removed_links };
    if parent_inverse.is_empty() {
        return Ok(restore);
    }
    parent_inverse.reverse();
    let mut inverse = vec![restore];
    inverse.extend(parent_inverse);
    Ok(Action::Batch(inverse))
}

fn restore(doc: &mut Document, components: &[(usize, Component)], links: &[(usize, Link)]) -> Action {
    for (index, component) in components {
        doc.components.insert((*index).min(doc.components.len()), component.clone());
    }
    for (index, link) in links {
        doc.links.insert((*index).min(doc.links.len()), link.clone());
    }
    Action::RemoveSelection {
        components: components.iter().map(|(_, c)| c.id.clone()).collect(),
        links: links.iter().map(|(_, l)| LinkKey::of(l)).collect(),
    }
}

fn connect(doc: &mut Document, link: &Link) -> Result<Action, EditError> {
    for end in [&link.from, &link.to] {
        if doc.component(end).is_none() {
            return Err(EditError::NoSuchComponent(end.clone()));
        }
    }
    if doc.links.len() >= MAX_LINKS {
        return Err(EditError::TooMany(MAX_LINKS));
    }
    if let Some(problems) = link_problems(doc, &link.from, &link.to) {
        return Err(EditError::Refused(join(&problems)));
    }
    doc.links.push(link.clone());
    Ok(Action::Disconnect(LinkKey::of(link)))
}

fn disconnect(doc: &mut Document, key: &LinkKey) -> Result<Action, EditError> {
    let index = doc.links.iter().position(|l| key.matches(l)).ok_or_else(|| EditError::NoSuchLink(key.clone()))?;
    let link = doc.links.remove(index);
    Ok(Action::Restore { components: Vec::new(), links: vec![(index, link)] })
}

fn link_mut<'d>(doc: &'d mut Document, key: &LinkKey) -> Result<&'d mut Link, EditError> {
    doc.links.iter_mut().find(|l| key.matches(l)).ok_or_else(|| EditError::NoSuchLink(key.clone()))
}

fn set_link_mode(doc: &mut Document, key: &LinkKey, mode: LinkMode) -> Result<Action, EditError> {
    let link = link_mut(doc, key)?;
    Ok(Action::SetLinkMode(key.clone(), std::mem::replace(&mut link.mode, mode)))
}

fn set_param(
    doc: &mut Document,
    target: &ParamTarget,
    key: &str,
    value: Option<&ParamValue>,
) -> Result<Action, EditError> {
    let (spec, params) = match target {
        ParamTarget::Component(id) => {
            let component = doc.component_mut(id).ok_or_else(|| EditError::NoSuchComponent(id.clone()))?;
            (param_spec(component.kind, key), &mut component.params)
        }
        ParamTarget::Link(link) => (link_param_spec(key), &mut link_mut(doc, link)?.params),
    };
    let spec = spec.ok_or_else(|| EditError::BadParam(format!("there is no parameter \"{key}\"")))?;
    if let Some(value) = value.filter(|v| !spec.accepts(v)) {
        let shown = match value {
            ParamValue::Number(n) => shortest(*n),
            ParamValue::Choice(c) => format!("\"{c}\""),
        };
        return Err(EditError::BadParam(format!("{} is {shown}; it must be {}", spec.name, spec.allowed())));
    }
    let previous = match value {
        Some(value) => params.insert(key.to_owned(), value.clone()),
        None => params.remove(key),
    };
    Ok(Action::SetParam { target: target.clone(), key: key.to_owned(), value: previous })
}

fn set_label(doc: &mut Document, id: &ComponentId, label: &str) -> Result<Action, EditError> {
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(EditError::BadParam(format!("a label is at most {MAX_LABEL_CHARS} characters")));
    }
    let component = doc.component_mut(id).ok_or_else(|| EditError::NoSuchComponent(id.clone()))?;
    Ok(Action::SetLabel(id.clone(), std::mem::replace(&mut component.label, label.to_owned())))
}

fn set_parent(doc: &mut Document, id: &ComponentId, parent: Option<&ComponentId>) -> Result<Action, EditError> {
    let kind = doc.component(id).ok_or_else(|| EditError::NoSuchComponent(id.clone()))?.kind;
    if let Some(parent) = parent {
        parent_problem(doc, kind, id, parent).map_or(Ok(()), Err)?;
    }
    let component = doc.component_mut(id).ok_or_else(|| EditError::NoSuchComponent(id.clone()))?;
    Ok(Action::SetParent(id.clone(), std::mem::replace(&mut component.parent, parent.cloned())))
}

/// Why `id` (of `kind`) cannot sit in `parent`, in validation's words.
fn parent_problem(doc: &Document, kind: ComponentKind, id: &ComponentId, parent: &ComponentId) -> Option<EditError> {
    let Some(container) = doc.component(parent) else {
        return Some(EditError::NoSuchComponent(parent.clone()));
    };
    let refuse = |why: String| Some(EditError::Refused(format!("component \"{id}\": {why}")));
    if parent == id {
        return refuse("a component cannot sit inside itself".to_owned());
    }
    if !container.kind.is_container() {
        let kind_name = container.kind.name().to_ascii_lowercase();
        return refuse(format!("it is placed in \"{parent}\", which is a {kind_name} and not a region or zone"));
    }
    match kind {
        ComponentKind::Region => refuse(format!("a region cannot sit inside \"{parent}\"")),
        ComponentKind::Zone if container.kind != ComponentKind::Region => {
            refuse("a zone can only sit inside a region".to_owned())
        }
        _ => None,
    }
}

fn batch(doc: &mut Document, actions: &[Action]) -> Result<Action, EditError> {
    let mut inverses = Vec::with_capacity(actions.len());
    for action in actions {
        match apply(doc, action) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                // Roll back what was done, newest first, so the batch is all or nothing.
                for inverse in inverses.iter().rev() {
                    let _rolled_back = apply(doc, inverse);
                }
                return Err(error);
            }
        }
    }
    inverses.reverse();
    Ok(Action::Batch(inverses))
}

fn join(problems: &[scalelab_model::Problem]) -> String {
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}
