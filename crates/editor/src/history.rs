//! Undo and redo stacks of inverse actions.

use scalelab_model::Document;

use crate::{Action, EditError, apply};

/// Most undo steps kept; the oldest are forgotten first.
const MAX_UNDO: usize = 500;

#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Action>,
    redo: Vec<Action>,
}

impl History {
    /// Applies an action and records how to undo it; clears the redo stack.
    pub fn perform(&mut self, doc: &mut Document, action: &Action) -> Result<(), EditError> {
        let inverse = apply(doc, action)?;
        self.record(inverse);
        Ok(())
    }

    /// Records the inverse of a change that was already made (e.g. a finished drag whose
    /// moves were shown live).
    pub fn record(&mut self, inverse: Action) {
        if self.undo.len() == MAX_UNDO {
            self.undo.remove(0);
        }
        self.undo.push(inverse);
        self.redo.clear();
    }

    /// Undoes the last change. Returns false when there was nothing to undo.
    pub fn undo(&mut self, doc: &mut Document) -> bool {
        Self::swap(doc, &mut self.undo, &mut self.redo)
    }

    /// Redoes the last undone change. Returns false when there was nothing to redo.
    pub fn redo(&mut self, doc: &mut Document) -> bool {
        Self::swap(doc, &mut self.redo, &mut self.undo)
    }

    /// What `undo` would apply next.
    pub fn next_undo(&self) -> Option<&Action> {
        self.undo.last()
    }

    /// What `redo` would apply next.
    pub fn next_redo(&self) -> Option<&Action> {
        self.redo.last()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn swap(doc: &mut Document, from: &mut Vec<Action>, to: &mut Vec<Action>) -> bool {
        let Some(action) = from.pop() else { return false };
        match apply(doc, &action) {
            Ok(inverse) => {
                to.push(inverse);
                true
            }
            // An inverse that no longer applies is dropped rather than retried forever.
            Err(_) => false,
        }
    }
}
