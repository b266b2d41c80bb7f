//! The editor: document, view state and the gesture in progress, driven by pointer
//! inputs in screen coordinates.

use std::collections::BTreeSet;

use scalelab_model::{ComponentId, Document, Point};

use crate::{Action, EditError, History, Viewport, hit_component};

/// How far (screen pixels) the pointer must move before a press becomes a drag, so a
/// click does not nudge a component.
pub const DRAG_THRESHOLD_PX: f64 = 3.0;

/// The pointer gesture in progress.
#[derive(Clone, Debug, PartialEq)]
pub enum Gesture {
    Idle,
    /// Pressed on a component; not yet moved past the drag threshold.
    Pressing {
        id: ComponentId,
        start_screen: Point,
        origin_world: Point,
    },
    /// Dragging a component: it follows the pointer, keeping where it was grabbed.
    DraggingComponent {
        id: ComponentId,
        grab_offset_world: Point,
        origin_world: Point,
    },
}

#[derive(Clone, Debug)]
pub struct Editor {
    pub doc: Document,
    pub viewport: Viewport,
    pub selection: BTreeSet<ComponentId>,
    pub gesture: Gesture,
    history: History,
}

impl Editor {
    pub fn new(doc: Document) -> Self {
        Self {
            doc,
            viewport: Viewport::default(),
            selection: BTreeSet::new(),
            gesture: Gesture::Idle,
            history: History::default(),
        }
    }

    /// Applies a document change and makes it undoable.
    pub fn perform(&mut self, action: &Action) -> Result<(), EditError> {
        self.history.perform(&mut self.doc, action)
    }

    pub fn undo(&mut self) -> bool {
        self.history.undo(&mut self.doc)
    }

    pub fn redo(&mut self) -> bool {
        self.history.redo(&mut self.doc)
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    /// A press: on a component it selects it and may start a drag; on empty canvas it
    /// clears the selection. Returns the component pressed, if any.
    pub fn pointer_down(&mut self, pos_screen: Point) -> Option<ComponentId> {
        let pos_world = self.viewport.world_from_screen(pos_screen);
        let hit = hit_component(&self.doc, pos_world).cloned();
        self.selection.clear();
        match &hit {
            Some(id) => {
                self.selection.insert(id.clone());
                let origin_world = self.doc.component(id).map(|c| c.pos_world).unwrap_or(pos_world);
                self.gesture = Gesture::Pressing { id: id.clone(), start_screen: pos_screen, origin_world };
            }
            None => self.gesture = Gesture::Idle,
        }
        hit
    }

    /// A move: past the threshold a press becomes a drag, and a dragged component follows
    /// the pointer. Returns whether the document changed.
    pub fn pointer_move(&mut self, pos_screen: Point) -> bool {
        let pos_world = self.viewport.world_from_screen(pos_screen);
        if let Gesture::Pressing { id, start_screen, origin_world } = &self.gesture {
            let moved = (pos_screen.x - start_screen.x).hypot(pos_screen.y - start_screen.y);
            if moved < DRAG_THRESHOLD_PX {
                return false;
            }
            let start_world = self.viewport.world_from_screen(*start_screen);
            let grab_offset_world = Point::new(origin_world.x - start_world.x, origin_world.y - start_world.y);
            self.gesture =
                Gesture::DraggingComponent { id: id.clone(), grab_offset_world, origin_world: *origin_world };
        }
        let Gesture::DraggingComponent { id, grab_offset_world, .. } = &self.gesture else { return false };
        let to = Point::new(pos_world.x + grab_offset_world.x, pos_world.y + grab_offset_world.y);
        match self.doc.component_mut(id) {
            // Shown live; it enters the history once, when the drag ends.
            Some(component) => {
                component.pos_world = to;
                true
            }
            None => false,
        }
    }

    /// The press ends: a drag becomes one undoable move.
    pub fn pointer_up(&mut self) {
        let gesture = std::mem::replace(&mut self.gesture, Gesture::Idle);
        if let Gesture::DraggingComponent { id, origin_world, .. } = gesture {
            let moved = self.doc.component(&id).is_some_and(|c| c.pos_world != origin_world);
            if moved {
                self.history.record(Action::MoveComponents(vec![(id, origin_world)]));
            }
        }
    }
}
