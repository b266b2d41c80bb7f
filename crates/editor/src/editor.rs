//! The editor: document, view state and the gesture in progress, driven by pointer
//! inputs in screen coordinates. Gestures form a small state machine:
//!
//! ```text
//! Idle --down on component--> Pressing --moved past threshold--> DraggingSelection
//! Idle --down on handle-----> Connecting
//! Idle --down on empty------> Pressing --moved--> Panning (or BoxSelecting with Shift)
//! any  --second pointer-----> Pinching
//! every gesture --up/cancel--> Idle
//! ```

use std::collections::BTreeSet;

use scalelab_model::number::fixed;
use scalelab_model::{ComponentId, Document, Link, Point};

use crate::geometry::{Hit, Rect, container_at, container_rects, hit_component, hit_test, node_rect, with_descendants};
use crate::{Action, EditError, History, LinkKey, Selection, Viewport};

/// How far (screen pixels) the pointer must move before a press becomes a drag, so a
/// click does not nudge a component.
pub const DRAG_THRESHOLD_PX: f64 = 3.0;
/// Grid spacing for snapping, in world units.
pub const GRID: f64 = 20.0;

/// Modifier state that changes what a press does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Modifiers {
    /// Shift: add to / toggle in the selection; on empty canvas, box-select.
    pub shift: bool,
    /// Space held or the middle button: pan wherever the press lands.
    pub pan: bool,
}

/// What a press landed on, before the pointer moves.
#[derive(Clone, Debug, PartialEq)]
pub enum PressTarget {
    /// A component; `reselect` makes a plain click on an already-selected component
    /// select only it (decided at release, so a multi-selection can be dragged).
    Component {
        id: ComponentId,
        reselect: bool,
    },
    Empty {
        shift: bool,
    },
}

/// The pointer gesture in progress.
#[derive(Clone, Debug, PartialEq)]
pub enum Gesture {
    Idle,
    Pressing {
        pointer: i32,
        start_screen: Point,
        target: PressTarget,
    },
    /// Dragging the selection (and the contents of selected regions and zones).
    DraggingSelection {
        pointer: i32,
        grabbed: ComponentId,
        start_world: Point,
        origins: Vec<(ComponentId, Point)>,
    },
    /// Dragging a new link out of `from`'s handle.
    Connecting {
        pointer: i32,
        from: ComponentId,
        pos_world: Point,
        over: Option<ComponentId>,
    },
    Panning {
        pointer: i32,
        last_screen: Point,
    },
    BoxSelecting {
        pointer: i32,
        start_world: Point,
        end_world: Point,
        base: Selection,
    },
    /// Two pointers (fingers): zoom by their spread, pan by their midpoint.
    Pinching {
        a: i32,
        b: i32,
        last_centre_screen: Point,
        last_spread_px: f64,
    },
}

/// Something the user should be told (the ui shows it and announces it to screen readers).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    /// Increases with every notice, so the same words twice are still announced twice.
    pub seq: u64,
}

/// Components and links copied for pasting.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clipboard {
    pub components: Vec<scalelab_model::Component>,
    pub links: Vec<Link>,
    /// How many times it was pasted (each paste lands further down and right).
    pub pastes: u32,
}

#[derive(Clone, Debug)]
pub struct Editor {
    pub doc: Document,
    pub viewport: Viewport,
    pub selection: Selection,
    pub gesture: Gesture,
    pub snap_to_grid: bool,
    /// The canvas's size in screen pixels (for zooming about its centre and fitting).
    pub canvas_size_screen: Point,
    pub notice: Option<Notice>,
    pub clipboard: Clipboard,
    /// A read-only view (an embed): every change of the design is refused (only the
    /// traffic may be turned up and down) and a press on anything pans.
    pub read_only: bool,
    pub(crate) history: History,
    /// Pointers that are down, with where they are (a few at most).
    pointers: Vec<(i32, Point)>,
    revision: u64,
    engine_revision: u64,
    notices: u64,
}

impl Editor {
    pub fn new(doc: Document) -> Self {
        Self {
            doc,
            viewport: Viewport::default(),
            selection: Selection::default(),
            gesture: Gesture::Idle,
            // Off, as in React Flow, Excalidraw and tldraw; the toolbar's Snap turns it on.
            snap_to_grid: false,
            canvas_size_screen: Point::new(1200.0, 700.0),
            notice: None,
            clipboard: Clipboard::default(),
            read_only: false,
            history: History::default(),
            pointers: Vec::new(),
            revision: 0,
            engine_revision: 0,
            notices: 0,
        }
    }

    /// Increases with every committed document change (not with live drag moves), so
    /// autosave and the engine run once per change.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Increases with every committed document change that the engine sees: all but
    /// those that only move components, so a drag does not rerun the engine.
    pub fn engine_revision(&self) -> u64 {
        self.engine_revision
    }

    /// Applies a document change and makes it undoable.
    pub fn perform(&mut self, action: &Action) -> Result<(), EditError> {
        if self.read_only && !matches!(action, Action::SetUsers(_)) {
            return Err(EditError::ReadOnly);
        }
        self.history.perform(&mut self.doc, action)?;
        self.committed(action.only_moves());
        Ok(())
    }

    /// Applies a change, or tells the user why it was refused. Returns whether it applied.
    pub fn try_perform(&mut self, action: &Action, done: impl Into<String>) -> bool {
        match self.perform(action) {
            Ok(()) => {
                self.tell(done);
                true
            }
            Err(error) => {
                self.warn(error.to_string());
                false
            }
        }
    }

    pub fn undo(&mut self) -> bool {
        self.cancel_gesture();
        let only_moves = self.history.next_undo().is_some_and(Action::only_moves);
        let done = self.history.undo(&mut self.doc);
        if done {
            self.committed(only_moves);
            self.tell("Undone");
        }
        done
    }

    pub fn redo(&mut self) -> bool {
        self.cancel_gesture();
        let only_moves = self.history.next_redo().is_some_and(Action::only_moves);
        let done = self.history.redo(&mut self.doc);
        if done {
            self.committed(only_moves);
            self.tell("Redone");
        }
        done
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    /// Counts the changes of the document: the one just made, and whether it only moved
    /// components.
    pub(crate) fn committed(&mut self, only_moves: bool) {
        self.revision += 1;
        if !only_moves {
            self.engine_revision += 1;
        }
        self.selection.retain_existing(&self.doc);
    }

    pub fn tell(&mut self, text: impl Into<String>) {
        self.notices += 1;
        self.notice = Some(Notice { text: text.into(), is_error: false, seq: self.notices });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.notices += 1;
        self.notice = Some(Notice { text: text.into(), is_error: true, seq: self.notices });
    }

    /// A pointer goes down. A second pointer turns any gesture into a pinch.
    pub fn pointer_down(&mut self, pointer: i32, pos_screen: Point, mods: Modifiers) {
        self.pointers.retain(|(p, _)| *p != pointer);
        self.pointers.push((pointer, pos_screen));
        if self.pointers.len() == 2 {
            self.cancel_gesture();
            self.start_pinch();
            return;
        }
        if self.pointers.len() > 2 || !matches!(self.gesture, Gesture::Idle) {
            return;
        }
        if mods.pan || self.read_only {
            self.gesture = Gesture::Panning { pointer, last_screen: pos_screen };
            return;
        }
        let pos_world = self.viewport.world_from_screen(pos_screen);
        self.gesture = match hit_test(&self.doc, pos_world, self.viewport.zoom) {
            Hit::Handle(from) => Gesture::Connecting { pointer, from, pos_world, over: None },
            Hit::Component(id) => {
                let was_selected = self.selection.components.contains(&id);
                if mods.shift {
                    self.selection.toggle_component(&id);
                } else if !was_selected {
                    self.selection = Selection::only_component(&id);
                }
                if self.selection.components.contains(&id) {
                    let reselect = was_selected && !mods.shift;
                    Gesture::Pressing {
                        pointer,
                        start_screen: pos_screen,
                        target: PressTarget::Component { id, reselect },
                    }
                } else {
                    Gesture::Idle
                }
            }
            Hit::Link(key) => {
                if mods.shift {
                    self.selection.toggle_link(&key);
                } else {
                    self.selection = Selection::only_link(&key);
                }
                Gesture::Idle
            }
            Hit::Empty => Gesture::Pressing {
                pointer,
                start_screen: pos_screen,
                target: PressTarget::Empty { shift: mods.shift },
            },
        };
    }

    /// A pointer moves. Returns whether anything shown changed.
    pub fn pointer_move(&mut self, pointer: i32, pos_screen: Point) -> bool {
        if let Some((_, p)) = self.pointers.iter_mut().find(|(p, _)| *p == pointer) {
            *p = pos_screen;
        }
        let pos_world = self.viewport.world_from_screen(pos_screen);
        if let Gesture::Pressing { pointer: p, start_screen, target } = &self.gesture {
            let moved = (pos_screen.x - start_screen.x).hypot(pos_screen.y - start_screen.y);
            if *p != pointer || moved < DRAG_THRESHOLD_PX {
                return false;
            }
            let (p, start_screen) = (*p, *start_screen);
            self.gesture = match target.clone() {
                PressTarget::Component { id, .. } => self.start_drag(p, id, start_screen),
                PressTarget::Empty { shift: true } => {
                    let start_world = self.viewport.world_from_screen(start_screen);
                    let base = self.selection.clone();
                    Gesture::BoxSelecting { pointer: p, start_world, end_world: start_world, base }
                }
                PressTarget::Empty { shift: false } => Gesture::Panning { pointer: p, last_screen: start_screen },
            };
        }
        match &mut self.gesture {
            Gesture::Idle | Gesture::Pressing { .. } => false,
            Gesture::Pinching { .. } => self.pinch(),
            Gesture::Panning { pointer: p, last_screen } if *p == pointer => {
                let delta = Point::new(pos_screen.x - last_screen.x, pos_screen.y - last_screen.y);
                *last_screen = pos_screen;
                self.viewport.pan_by(delta);
                true
            }
            Gesture::Connecting { pointer: p, from, pos_world: at, over } if *p == pointer => {
                *at = pos_world;
                let target = hit_component(&self.doc, pos_world).filter(|id| *id != from).cloned();
                *over = target;
                true
            }
            Gesture::BoxSelecting { pointer: p, .. } if *p == pointer => {
                self.box_select(pos_world);
                true
            }
            Gesture::DraggingSelection { pointer: p, .. } if *p == pointer => {
                self.drag_to(pos_world);
                true
            }
            _ => false,
        }
    }

    /// A pointer goes up: the gesture ends and, if it changed the document, becomes one
    /// undoable step.
    pub fn pointer_up(&mut self, pointer: i32) {
        self.pointers.retain(|(p, _)| *p != pointer);
        let gesture = std::mem::replace(&mut self.gesture, Gesture::Idle);
        match gesture {
            Gesture::Pressing { target: PressTarget::Component { id, reselect: true }, .. } => {
                self.selection = Selection::only_component(&id);
            }
            Gesture::Pressing { target: PressTarget::Empty { shift: false }, .. } => self.selection.clear(),
            Gesture::DraggingSelection { origins, .. } => self.finish_drag(origins),
            Gesture::Connecting { from, over: Some(to), .. } => self.connect(&from, &to),
            Gesture::Pinching { a, b, .. } if a != pointer && b != pointer => {
                self.gesture = gesture;
            }
            _ => {}
        }
    }

    /// The browser took the pointer away (a touch became a scroll, say): undo the live
    /// part of the gesture.
    pub fn pointer_cancel(&mut self, pointer: i32) {
        self.pointers.retain(|(p, _)| *p != pointer);
        self.cancel_gesture();
    }

    /// Ends any gesture without committing it; a live drag goes back where it started.
    pub fn cancel_gesture(&mut self) {
        if let Gesture::DraggingSelection { origins, .. } = std::mem::replace(&mut self.gesture, Gesture::Idle) {
            for (id, origin) in origins {
                if let Some(c) = self.doc.component_mut(&id) {
                    c.pos_world = origin;
                }
            }
        }
    }

    /// Tries to link `from` to `to` (a call); a refusal is shown with validation's reason.
    pub fn connect(&mut self, from: &ComponentId, to: &ComponentId) {
        let names = format!("{} to {}", self.name_of(from), self.name_of(to));
        match self.perform(&Action::Connect(Link::call(from.as_str(), to.as_str()))) {
            Ok(()) => {
                self.selection = Selection::only_link(&LinkKey::new(from, to));
                self.tell(format!("Connected {names}"));
            }
            Err(error) => self.warn(format!("Cannot connect {names}: {error}")),
        }
    }

    /// A component's label, or its id when it has none.
    pub fn name_of(&self, id: &ComponentId) -> String {
        match self.doc.component(id) {
            Some(c) if !c.label.is_empty() => c.label.clone(),
            _ => id.to_string(),
        }
    }

    fn start_drag(&self, pointer: i32, grabbed: ComponentId, start_screen: Point) -> Gesture {
        let moving = with_descendants(&self.doc, &self.selection.components);
        let origins = self
            .doc
            .components
            .iter()
            .filter(|c| moving.contains(&c.id))
            .map(|c| (c.id.clone(), c.pos_world))
            .collect();
        Gesture::DraggingSelection {
            pointer,
            grabbed,
            start_world: self.viewport.world_from_screen(start_screen),
            origins,
        }
    }

    fn drag_to(&mut self, pos_world: Point) {
        let Gesture::DraggingSelection { grabbed, start_world, origins, .. } = &self.gesture else { return };
        let mut delta = Point::new(pos_world.x - start_world.x, pos_world.y - start_world.y);
        if self.snap_to_grid
            && let Some((_, origin)) = origins.iter().find(|(id, _)| id == grabbed)
        {
            // Snap the grabbed component; the rest keep their places relative to it.
            let snapped = snap(Point::new(origin.x + delta.x, origin.y + delta.y));
            delta = Point::new(snapped.x - origin.x, snapped.y - origin.y);
        }
        let moves: Vec<(ComponentId, Point)> =
            origins.iter().map(|(id, o)| (id.clone(), Point::new(o.x + delta.x, o.y + delta.y))).collect();
        // Shown live; it enters the history once, when the drag ends.
        for (id, to) in moves {
            if let Some(c) = self.doc.component_mut(&id) {
                c.pos_world = to;
            }
        }
    }

    fn finish_drag(&mut self, origins: Vec<(ComponentId, Point)>) {
        let moved = origins.iter().any(|(id, o)| self.doc.component(id).is_some_and(|c| c.pos_world != *o));
        if !moved {
            return;
        }
        // Each dragged component whose container was not dragged along lands in whatever
        // region or zone it was dropped in (or on the open canvas).
        let moving: BTreeSet<ComponentId> = scalelab_model::ordered(origins.iter().map(|(id, _)| id.clone()));
        let rects = container_rects(&self.doc, &moving);
        let mut parent_changes = Vec::new();
        for (id, _) in &origins {
            let Some(c) = self.doc.component(id) else { continue };
            if c.parent.as_ref().is_some_and(|p| moving.contains(p)) {
                continue;
            }
            let landed = container_at(&self.doc, &rects, c.pos_world, Some(c.kind)).filter(|p| !moving.contains(p));
            if landed != c.parent {
                parent_changes.push(Action::SetParent(id.clone(), landed));
            }
        }
        let mut inverse = Vec::new();
        for change in &parent_changes {
            // These were chosen to satisfy the container rules; one that fails is skipped.
            if let Ok(undo) = crate::apply(&mut self.doc, change) {
                inverse.push(undo);
            }
        }
        inverse.reverse();
        inverse.push(Action::MoveComponents(origins.clone()));
        let inverse = Action::Batch(inverse);
        let only_moves = inverse.only_moves();
        self.history.record(inverse);
        self.committed(only_moves);
        let text = match origins.as_slice() {
            [(id, _)] => {
                let at = self.doc.component(id).map(|c| c.pos_world).unwrap_or_default();
                format!("Moved {} to {}, {}", self.name_of(id), fixed(at.x, 0), fixed(at.y, 0))
            }
            many => format!("Moved {} components", many.len()),
        };
        self.tell(text);
    }

    fn box_select(&mut self, end: Point) {
        let Gesture::BoxSelecting { start_world, end_world, base, .. } = &mut self.gesture else { return };
        *end_world = end;
        let area = Rect::from_corners(*start_world, end);
        let mut selection = base.clone();
        let containers = container_rects(&self.doc, &BTreeSet::new());
        for c in &self.doc.components {
            let rect = containers.get(&c.id).copied().unwrap_or_else(|| node_rect(c));
            // Containers only when wholly inside, so a box drawn in a region picks its contents.
            let picked = if c.kind.is_container() {
                area.contains(rect.min) && area.contains(rect.max)
            } else {
                area.intersects(&rect)
            };
            if picked {
                selection.components.insert(c.id.clone());
            }
        }
        self.selection = selection;
    }

    fn start_pinch(&mut self) {
        let (Some(&(a, pa)), Some(&(b, pb))) = (self.pointers.first(), self.pointers.get(1)) else { return };
        self.gesture = Gesture::Pinching {
            a,
            b,
            last_centre_screen: Point::new((pa.x + pb.x) / 2.0, (pa.y + pb.y) / 2.0),
            last_spread_px: (pa.x - pb.x).hypot(pa.y - pb.y),
        };
    }

    fn pinch(&mut self) -> bool {
        let Gesture::Pinching { a, b, last_centre_screen, last_spread_px } = &mut self.gesture else { return false };
        let at = |id: i32| self.pointers.iter().find(|(p, _)| *p == id).map(|(_, pos)| *pos);
        let (Some(pa), Some(pb)) = (at(*a), at(*b)) else { return false };
        let centre = Point::new((pa.x + pb.x) / 2.0, (pa.y + pb.y) / 2.0);
        let spread = (pa.x - pb.x).hypot(pa.y - pb.y);
        let delta = Point::new(centre.x - last_centre_screen.x, centre.y - last_centre_screen.y);
        let factor = if *last_spread_px > 1.0 && spread > 1.0 { spread / *last_spread_px } else { 1.0 };
        *last_centre_screen = centre;
        *last_spread_px = spread;
        self.viewport.pan_by(delta);
        self.viewport.zoom_about(centre, factor);
        true
    }
}

/// The nearest grid point.
pub fn snap(p: Point) -> Point {
    Point::new((p.x / GRID).round() * GRID, (p.y / GRID).round() * GRID)
}
