//! Commands behind buttons, menus and shortcuts: add, delete, duplicate, copy and paste,
//! select all, nudge, link mode, tidy, and the camera (zoom, fit, reset).

use std::collections::BTreeSet;

use scalelab_model::number::fixed;
use scalelab_model::{Component, ComponentId, ComponentKind, Document, LinkMode, Point, fresh_id_excluding};

use crate::editor::{GRID, snap};
use crate::geometry::{MAX_ZOOM, MIN_ZOOM, bounds, container_at, container_rects, hit_component, with_descendants};
use crate::{Action, Clipboard, Editor, LinkKey, Selection, Viewport, tidy_moves};

/// How far (world units) each paste lands from the one before.
pub const PASTE_OFFSET: f64 = 40.0;
/// Arrow keys move the selection this far (world units); with Shift, `NUDGE_FAST`.
pub const NUDGE: f64 = 10.0;
pub const NUDGE_FAST: f64 = 50.0;
/// Zoom buttons and keys change the zoom by this factor.
pub const ZOOM_STEP: f64 = 1.25;
/// Room (screen pixels) left around the design by "fit all".
const FIT_MARGIN_PX: f64 = 40.0;

impl Editor {
    /// Adds a component of `kind` centred at `pos_world` (snapped when snapping is on),
    /// inside whatever region or zone is there, and selects it.
    pub fn add_component(&mut self, kind: ComponentKind, pos_world: Point) -> Option<ComponentId> {
        let pos_world = if self.snap_to_grid { snap(pos_world) } else { pos_world };
        let id = fresh_id_excluding(&self.doc, kind, &[]);
        let mut component = Component::new(id.as_str(), kind, &self.unique_label(kind), pos_world);
        component.parent =
            container_at(&self.doc, &container_rects(&self.doc, &BTreeSet::new()), pos_world, Some(kind));
        let action = Action::AddComponents { components: vec![component], links: Vec::new() };
        let added = self.try_perform(&action, format!("Added {}", kind.name()));
        if added {
            self.selection = Selection::only_component(&id);
        }
        added.then_some(id)
    }

    /// Adds a component in the middle of the view, stepping aside from any already there
    /// (click-to-add, for touch and keyboard users).
    pub fn add_component_in_view(&mut self, kind: ComponentKind) -> Option<ComponentId> {
        let centre_screen = Point::new(self.canvas_size_screen.x / 2.0, self.canvas_size_screen.y / 2.0);
        let mut pos_world = self.viewport.world_from_screen(centre_screen);
        for _ in 0..50 {
            if hit_component(&self.doc, pos_world).is_none() {
                break;
            }
            pos_world = Point::new(pos_world.x + PASTE_OFFSET, pos_world.y + PASTE_OFFSET);
        }
        self.add_component(kind, pos_world)
    }

    fn unique_label(&self, kind: ComponentKind) -> String {
        let base = kind.name();
        let taken = |label: &str| self.doc.components.iter().any(|c| c.label == label);
        if !taken(base) {
            return base.to_owned();
        }
        (2..).map(|n: u32| format!("{base} {n}")).find(|l| !taken(l)).unwrap_or_else(|| base.to_owned())
    }

    /// Deletes the selected components (with their links) and the selected links.
    pub fn delete_selection(&mut self) {
        if self.selection.is_empty() {
            return;
        }
        let components: Vec<ComponentId> = self.selection.components.iter().cloned().collect();
        let links: Vec<LinkKey> = self.selection.links.iter().cloned().collect();
        let text = match (components.as_slice(), links.as_slice()) {
            ([one], []) => format!("Deleted {}", self.name_of(one)),
            ([], [link]) => {
                format!("Deleted the link from {} to {}", self.name_of(&link.from), self.name_of(&link.to))
            }
            (c, l) => format!("Deleted {} component(s) and {} link(s)", c.len(), l.len()),
        };
        if self.try_perform(&Action::RemoveSelection { components, links }, text) {
            self.selection.clear();
        }
    }

    pub fn select_all(&mut self) {
        self.selection.components = scalelab_model::ordered(self.doc.components.iter().map(|c| c.id.clone()));
        self.selection.links = scalelab_model::ordered(self.doc.links.iter().map(LinkKey::of));
        self.tell(format!("Selected {} components", self.selection.components.len()));
    }

    /// Escape: drops the gesture in progress, else the selection.
    pub fn escape(&mut self) {
        if matches!(self.gesture, crate::Gesture::Idle) {
            self.selection.clear();
        } else {
            self.cancel_gesture();
        }
    }

    /// Selects one component (Enter or Space on a focused component); with `add`, toggles it.
    pub fn select_component(&mut self, id: &ComponentId, add: bool) {
        if add {
            self.selection.toggle_component(id);
        } else {
            self.selection = Selection::only_component(id);
        }
        self.tell(format!("Selected {}", self.name_of(id)));
    }

    /// Selects one link (Enter or Space on a focused link).
    pub fn select_link(&mut self, key: &LinkKey) {
        self.selection = Selection::only_link(key);
        self.tell(format!("Selected the link from {} to {}", self.name_of(&key.from), self.name_of(&key.to)));
    }

    /// A right-click: what is under the pointer becomes the selection unless it is already
    /// part of it, so the menu acts on what the user pointed at.
    pub fn context_select(&mut self, pos_screen: Point) {
        let pos_world = self.viewport.world_from_screen(pos_screen);
        match crate::hit_test(&self.doc, pos_world, self.viewport.zoom) {
            crate::Hit::Component(id) | crate::Hit::Handle(id) if !self.selection.components.contains(&id) => {
                self.selection = Selection::only_component(&id);
            }
            crate::Hit::Link(key) if !self.selection.links.contains(&key) => {
                self.selection = Selection::only_link(&key)
            }
            _ => {}
        }
    }

    /// The selected components, the contents of selected regions and zones, and the links
    /// among them.
    fn copied(&self) -> Clipboard {
        let ids = with_descendants(&self.doc, &self.selection.components);
        Clipboard {
            components: self.doc.components.iter().filter(|c| ids.contains(&c.id)).cloned().collect(),
            links: self.doc.links.iter().filter(|l| ids.contains(&l.from) && ids.contains(&l.to)).cloned().collect(),
            pastes: 0,
        }
    }

    pub fn copy(&mut self) {
        if self.selection.components.is_empty() {
            return;
        }
        self.clipboard = self.copied();
        self.tell(format!("Copied {} component(s)", self.clipboard.components.len()));
    }

    pub fn paste(&mut self) {
        if self.clipboard.components.is_empty() {
            return;
        }
        self.clipboard.pastes += 1;
        let clip = self.clipboard.clone();
        self.insert_copies(&clip, f64::from(clip.pastes) * PASTE_OFFSET, "Pasted");
    }

    pub fn duplicate(&mut self) {
        let clip = self.copied();
        if !clip.components.is_empty() {
            self.insert_copies(&clip, PASTE_OFFSET, "Duplicated");
        }
    }

    /// Adds copies of `clip` with fresh ids, `offset` down and right, and selects them.
    fn insert_copies(&mut self, clip: &Clipboard, offset: f64, verb: &str) {
        let mut new_ids: Vec<ComponentId> = Vec::with_capacity(clip.components.len());
        for c in &clip.components {
            let id = fresh_id_excluding(&self.doc, c.kind, &new_ids);
            new_ids.push(id);
        }
        let renamed =
            |old: &ComponentId| clip.components.iter().position(|c| &c.id == old).and_then(|i| new_ids.get(i)).cloned();
        let components: Vec<Component> = clip
            .components
            .iter()
            .zip(&new_ids)
            .map(|(c, id)| Component {
                id: id.clone(),
                pos_world: Point::new(c.pos_world.x + offset, c.pos_world.y + offset),
                // Inside a copied container, the copy of it; else the same container, if it still exists.
                parent: c.parent.as_ref().and_then(|p| renamed(p).or_else(|| self.doc.component(p).map(|_| p.clone()))),
                ..c.clone()
            })
            .collect();
        let links = clip
            .links
            .iter()
            .filter_map(|l| {
                let mut link = l.clone();
                link.from = renamed(&l.from)?;
                link.to = renamed(&l.to)?;
                Some(link)
            })
            .collect();
        let text = format!("{verb} {} component(s)", components.len());
        if self.try_perform(&Action::AddComponents { components, links }, text) {
            self.selection = Selection { components: scalelab_model::ordered(new_ids), links: BTreeSet::new() };
        }
    }

    /// Moves the selection (and the contents of selected containers) by a step, as one
    /// undoable change.
    pub fn nudge(&mut self, dx_world: f64, dy_world: f64) {
        let ids = with_descendants(&self.doc, &self.selection.components);
        let moves: Vec<(ComponentId, Point)> = self
            .doc
            .components
            .iter()
            .filter(|c| ids.contains(&c.id))
            .map(|c| (c.id.clone(), Point::new(c.pos_world.x + dx_world, c.pos_world.y + dy_world)))
            .collect();
        let text = match self.selection.single_component() {
            Some(id) => {
                let at = self.doc.component(id).map(|c| c.pos_world).unwrap_or_default();
                format!("Moved {} to {}, {}", self.name_of(id), fixed(at.x + dx_world, 0), fixed(at.y + dy_world, 0))
            }
            None => format!("Moved {} components", moves.len()),
        };
        if !moves.is_empty() {
            self.try_perform(&Action::MoveComponents(moves), text);
        }
    }

    pub fn set_link_mode(&mut self, key: &LinkKey, mode: LinkMode) {
        let word = match mode {
            LinkMode::Call => "a synchronous call",
            LinkMode::Publish => "an asynchronous publish",
        };
        let text = format!("The link from {} to {} is now {word}", self.name_of(&key.from), self.name_of(&key.to));
        self.try_perform(&Action::SetLinkMode(key.clone(), mode), text);
    }

    /// Lays the graph out in layers from the users inwards, as one undoable step.
    pub fn tidy(&mut self) {
        let moves = tidy_moves(&self.doc);
        if !moves.is_empty() {
            self.try_perform(&Action::MoveComponents(moves), "Tidied up the layout");
        }
    }

    /// Opens another design (undoable: the one before comes back with undo).
    pub fn replace_document(&mut self, doc: Document, text: impl Into<String>) {
        self.cancel_gesture();
        if self.try_perform(&Action::ReplaceDocument(Box::new(doc)), text) {
            self.selection.clear();
            self.fit_all();
        }
    }

    fn centre_screen(&self) -> Point {
        Point::new(self.canvas_size_screen.x / 2.0, self.canvas_size_screen.y / 2.0)
    }

    pub fn zoom_in(&mut self) {
        self.viewport.zoom_about(self.centre_screen(), ZOOM_STEP);
    }

    pub fn zoom_out(&mut self) {
        self.viewport.zoom_about(self.centre_screen(), 1.0 / ZOOM_STEP);
    }

    /// Back to 100 %, keeping the middle of the view where it is.
    pub fn reset_zoom(&mut self) {
        let factor = 1.0 / self.viewport.zoom;
        self.viewport.zoom_about(self.centre_screen(), factor);
    }

    /// Shows the whole design, centred, at most at 100 %.
    pub fn fit_all(&mut self) {
        let Some(area) = bounds(&self.doc) else {
            self.viewport = Viewport::default();
            return;
        };
        let room = Point::new(
            (self.canvas_size_screen.x - 2.0 * FIT_MARGIN_PX).max(1.0),
            (self.canvas_size_screen.y - 2.0 * FIT_MARGIN_PX).max(1.0),
        );
        let zoom =
            (room.x / area.width().max(1.0)).min(room.y / area.height().max(1.0)).clamp(MIN_ZOOM, 1.0f64.min(MAX_ZOOM));
        let centre_world = Point::new((area.min.x + area.max.x) / 2.0, (area.min.y + area.max.y) / 2.0);
        self.viewport = Viewport {
            zoom,
            origin_world: Point::new(
                centre_world.x - self.canvas_size_screen.x / 2.0 / zoom,
                centre_world.y - self.canvas_size_screen.y / 2.0 / zoom,
            ),
        };
    }

    /// A wheel turn: with Ctrl/Cmd (or a trackpad pinch, which browsers report so) it
    /// zooms about the pointer; otherwise it pans.
    pub fn wheel(&mut self, pos_screen: Point, delta_x_px: f64, delta_y_px: f64, zoom: bool) {
        if zoom {
            self.viewport.zoom_about(pos_screen, (-delta_y_px * 0.002).exp());
        } else {
            self.viewport.pan_by(Point::new(-delta_x_px, -delta_y_px));
        }
    }

    /// Moves the camera so the world point shown in the minimap at `pos_world` is centred.
    pub fn centre_on(&mut self, pos_world: Point) {
        let zoom = self.viewport.zoom;
        self.viewport.origin_world = Point::new(
            pos_world.x - self.canvas_size_screen.x / 2.0 / zoom,
            pos_world.y - self.canvas_size_screen.y / 2.0 / zoom,
        );
    }

    /// The arrow-key step: the grid spacing when snapping is on, so arrows stay on grid.
    pub fn nudge_step(&self, fast: bool) -> f64 {
        match (fast, self.snap_to_grid) {
            (true, _) => NUDGE_FAST,
            (false, true) => GRID,
            (false, false) => NUDGE,
        }
    }
}
