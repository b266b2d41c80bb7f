//! What is selected: components and links. View state, never saved or undone.

use std::collections::BTreeSet;

use scalelab_model::{ComponentId, Document};

use crate::LinkKey;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub components: BTreeSet<ComponentId>,
    pub links: BTreeSet<LinkKey>,
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.components.is_empty() && self.links.is_empty()
    }

    pub fn clear(&mut self) {
        self.components.clear();
        self.links.clear();
    }

    pub fn only_component(id: &ComponentId) -> Self {
        Self { components: scalelab_model::ordered([id.clone()]), links: BTreeSet::new() }
    }

    pub fn only_link(key: &LinkKey) -> Self {
        Self { components: BTreeSet::new(), links: scalelab_model::ordered([key.clone()]) }
    }

    pub fn toggle_component(&mut self, id: &ComponentId) {
        if !self.components.remove(id) {
            self.components.insert(id.clone());
        }
    }

    pub fn toggle_link(&mut self, key: &LinkKey) {
        if !self.links.remove(key) {
            self.links.insert(key.clone());
        }
    }

    /// Forgets what no longer exists (after an undo, say).
    pub fn retain_existing(&mut self, doc: &Document) {
        self.components.retain(|id| doc.component(id).is_some());
        self.links.retain(|key| doc.links.iter().any(|l| key.matches(l)));
    }

    /// The one selected component, when exactly one thing is selected.
    pub fn single_component(&self) -> Option<&ComponentId> {
        if self.components.len() == 1 && self.links.is_empty() { self.components.iter().next() } else { None }
    }

    pub fn single_link(&self) -> Option<&LinkKey> {
        if self.links.len() == 1 && self.components.is_empty() { self.links.iter().next() } else { None }
    }
}
