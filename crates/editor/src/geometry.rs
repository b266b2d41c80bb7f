//! Coordinate spaces, sizes of what is drawn, and hit-testing. World units are the
//! document's; screen units are CSS pixels relative to the canvas's top-left corner.

use std::collections::{BTreeMap, BTreeSet};

use scalelab_model::{Component, ComponentId, ComponentKind, Document, Link, Point};

use crate::LinkKey;

/// Size of a component's box on the canvas, in world units, centred on its position.
pub const NODE_WIDTH: f64 = 150.0;
pub const NODE_HEIGHT: f64 = 64.0;
/// Size of an empty region or zone; with contents it grows to hold them.
pub const REGION_WIDTH: f64 = 420.0;
pub const REGION_HEIGHT: f64 = 260.0;
pub const ZONE_WIDTH: f64 = 300.0;
pub const ZONE_HEIGHT: f64 = 180.0;
/// Space between a container's edge and its contents (room for its title on top).
pub const CONTAINER_PADDING: f64 = 24.0;
pub const CONTAINER_TITLE: f64 = 24.0;
/// Radius of the connection handle on a component's right edge, in screen pixels.
pub const HANDLE_RADIUS_PX: f64 = 7.0;
/// How near (screen pixels) a press must be to a link to pick it.
pub const LINK_PICK_PX: f64 = 6.0;
/// Below this zoom components are drawn as plain boxes, without texts or handles (level
/// of detail, as in tldraw and React Flow): 14 px labels would be under 6 px tall.
pub const DETAIL_ZOOM: f64 = 0.4;
/// Zoom limits: screen pixels per world unit.
pub const MIN_ZOOM: f64 = 0.1;
pub const MAX_ZOOM: f64 = 4.0;

/// The camera: which part of the world the canvas shows and how large.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// The world point at the canvas's top-left corner.
    pub origin_world: Point,
    /// Screen pixels per world unit.
    pub zoom: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Self { origin_world: Point::new(0.0, 0.0), zoom: 1.0 }
    }
}

impl Viewport {
    pub fn world_from_screen(&self, pos_screen: Point) -> Point {
        Point::new(pos_screen.x / self.zoom + self.origin_world.x, pos_screen.y / self.zoom + self.origin_world.y)
    }

    pub fn screen_from_world(&self, pos_world: Point) -> Point {
        Point::new((pos_world.x - self.origin_world.x) * self.zoom, (pos_world.y - self.origin_world.y) * self.zoom)
    }

    /// Zooms by `factor` keeping the world point under `anchor_screen` where it is.
    pub fn zoom_about(&mut self, anchor_screen: Point, factor: f64) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let anchor_world = self.world_from_screen(anchor_screen);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        self.origin_world =
            Point::new(anchor_world.x - anchor_screen.x / self.zoom, anchor_world.y - anchor_screen.y / self.zoom);
    }

    /// Moves the camera so the content follows the pointer by `delta_screen`.
    pub fn pan_by(&mut self, delta_screen: Point) {
        self.origin_world.x -= delta_screen.x / self.zoom;
        self.origin_world.y -= delta_screen.y / self.zoom;
    }
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

impl Rect {
    pub fn centred(centre: Point, width: f64, height: f64) -> Self {
        Self {
            min: Point::new(centre.x - width / 2.0, centre.y - height / 2.0),
            max: Point::new(centre.x + width / 2.0, centre.y + height / 2.0),
        }
    }

    pub fn from_corners(a: Point, b: Point) -> Self {
        Self { min: Point::new(a.x.min(b.x), a.y.min(b.y)), max: Point::new(a.x.max(b.x), a.y.max(b.y)) }
    }

    pub fn width(&self) -> f64 {
        self.max.x - self.min.x
    }

    pub fn height(&self) -> f64 {
        self.max.y - self.min.y
    }

    pub fn area(&self) -> f64 {
        self.width() * self.height()
    }

    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }

    pub fn intersects(&self, other: &Rect) -> bool {
        self.min.x <= other.max.x && other.min.x <= self.max.x && self.min.y <= other.max.y && other.min.y <= self.max.y
    }

    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            min: Point::new(self.min.x.min(other.min.x), self.min.y.min(other.min.y)),
            max: Point::new(self.max.x.max(other.max.x), self.max.y.max(other.max.y)),
        }
    }

    pub fn grow(&self, by: f64) -> Rect {
        Rect { min: Point::new(self.min.x - by, self.min.y - by), max: Point::new(self.max.x + by, self.max.y + by) }
    }
}

/// The box of a plain (non-container) component.
pub fn node_rect(component: &Component) -> Rect {
    Rect::centred(component.pos_world, NODE_WIDTH, NODE_HEIGHT)
}

fn empty_container_rect(component: &Component) -> Rect {
    match component.kind {
        ComponentKind::Region => Rect::centred(component.pos_world, REGION_WIDTH, REGION_HEIGHT),
        _ => Rect::centred(component.pos_world, ZONE_WIDTH, ZONE_HEIGHT),
    }
}

/// Every region's and zone's rectangle: its own size around its position, grown to hold
/// its contents. Components in `exclude` are left out (those being dragged, so a
/// container does not stretch to follow what is leaving it).
pub fn container_rects(doc: &Document, exclude: &BTreeSet<ComponentId>) -> BTreeMap<ComponentId, Rect> {
    let mut rects = BTreeMap::new();
    // Zones first, then regions, so a region's rectangle holds its zones' final ones.
    for kind in [ComponentKind::Zone, ComponentKind::Region] {
        for container in doc.components.iter().filter(|c| c.kind == kind) {
            let mut rect = empty_container_rect(container);
            for child in doc.components.iter().filter(|c| c.parent.as_ref() == Some(&container.id)) {
                if exclude.contains(&child.id) {
                    continue;
                }
                let child_rect = rects.get(&child.id).copied().unwrap_or_else(|| node_rect(child));
                let padded = child_rect.grow(CONTAINER_PADDING);
                rect = rect
                    .union(&Rect { min: Point::new(padded.min.x, padded.min.y - CONTAINER_TITLE), max: padded.max });
            }
            rects.insert(container.id.clone(), rect);
        }
    }
    rects
}

/// The rectangle a component occupies: its box, or for a container its grown rectangle.
pub fn component_rect(component: &Component, containers: &BTreeMap<ComponentId, Rect>) -> Rect {
    containers.get(&component.id).copied().unwrap_or_else(|| node_rect(component))
}

/// Where a component's connection handle sits (the middle of its right edge).
pub fn handle_world(component: &Component) -> Point {
    Point::new(component.pos_world.x + NODE_WIDTH / 2.0, component.pos_world.y)
}

/// The two ends of a link as drawn: from the source's centre to where the segment enters
/// the target's box, so the arrowhead stays visible.
pub fn link_segment(from: &Component, to: &Component) -> (Point, Point) {
    (from.pos_world, box_edge(from.pos_world, to.pos_world))
}

fn box_edge(from: Point, to: Point) -> Point {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    if dx == 0.0 && dy == 0.0 {
        return to;
    }
    let t_x = if dx == 0.0 { f64::INFINITY } else { (NODE_WIDTH / 2.0) / dx.abs() };
    let t_y = if dy == 0.0 { f64::INFINITY } else { (NODE_HEIGHT / 2.0) / dy.abs() };
    let t = t_x.min(t_y).min(1.0);
    Point::new(to.x - dx * t, to.y - dy * t)
}

/// What lies under a point, topmost first.
#[derive(Clone, Debug, PartialEq)]
pub enum Hit {
    /// A component's connection handle.
    Handle(ComponentId),
    /// A component, or a region or zone (anywhere inside it not covered by another).
    Component(ComponentId),
    Link(LinkKey),
    Empty,
}

/// The topmost plain component whose box contains `pos_world` (the last drawn is on top).
pub fn hit_component(doc: &Document, pos_world: Point) -> Option<&ComponentId> {
    doc.components
        .iter()
        .rev()
        .filter(|c| !c.kind.is_container())
        .find(|c| node_rect(c).contains(pos_world))
        .map(|c| &c.id)
}

/// Hit-tests in drawing order, topmost first: handles, components, links, then the
/// smallest region or zone containing the point.
pub fn hit_test(doc: &Document, pos_world: Point, zoom: f64) -> Hit {
    // Handles are not drawn below the detail zoom, and never cover a component's middle.
    let handle_radius_world = ((HANDLE_RADIUS_PX + 3.0) / zoom).min(NODE_HEIGHT / 2.0);
    let handles_shown = zoom >= DETAIL_ZOOM;
    let on_handle = doc.components.iter().rev().filter(|c| handles_shown && !c.kind.is_container()).find(|c| {
        let h = handle_world(c);
        (pos_world.x - h.x).hypot(pos_world.y - h.y) <= handle_radius_world
    });
    if let Some(component) = on_handle {
        return Hit::Handle(component.id.clone());
    }
    if let Some(id) = hit_component(doc, pos_world) {
        return Hit::Component(id.clone());
    }
    if let Some(link) = hit_link(doc, pos_world, LINK_PICK_PX / zoom) {
        return Hit::Link(LinkKey::of(link));
    }
    container_at(doc, &container_rects(doc, &BTreeSet::new()), pos_world, None).map_or(Hit::Empty, Hit::Component)
}

fn hit_link(doc: &Document, pos_world: Point, tolerance_world: f64) -> Option<&Link> {
    let index: BTreeMap<&ComponentId, &Component> = scalelab_model::ordered(doc.components.iter().map(|c| (&c.id, c)));
    doc.links.iter().rev().find(|link| {
        let (Some(from), Some(to)) = (index.get(&link.from), index.get(&link.to)) else { return false };
        let (a, b) = link_segment(from, to);
        distance_to_segment(pos_world, a, b) <= tolerance_world
    })
}

fn distance_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length_sq = dx * dx + dy * dy;
    let t = if length_sq == 0.0 { 0.0 } else { (((p.x - a.x) * dx + (p.y - a.y) * dy) / length_sq).clamp(0.0, 1.0) };
    (p.x - (a.x + t * dx)).hypot(p.y - (a.y + t * dy))
}

/// The smallest region or zone containing `pos_world` that a component of `kind` may sit
/// in (`None` for any container at all).
pub fn container_at(
    doc: &Document,
    rects: &BTreeMap<ComponentId, Rect>,
    pos_world: Point,
    kind: Option<ComponentKind>,
) -> Option<ComponentId> {
    doc.components
        .iter()
        .filter(|c| c.kind.is_container())
        .filter(|c| match kind {
            None => true,
            Some(ComponentKind::Region) => false,
            Some(ComponentKind::Zone) => c.kind == ComponentKind::Region,
            Some(_) => true,
        })
        .filter_map(|c| rects.get(&c.id).filter(|r| r.contains(pos_world)).map(|r| (r.area(), &c.id)))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id.clone())
}

/// `ids` and everything inside them (the contents of regions and zones), without repeats.
pub fn with_descendants(doc: &Document, ids: &BTreeSet<ComponentId>) -> BTreeSet<ComponentId> {
    let mut all = ids.clone();
    // Containers nest at most two deep (zone in region), so a few passes suffice.
    for _ in 0..3 {
        let before = all.len();
        for c in &doc.components {
            if c.parent.as_ref().is_some_and(|p| all.contains(p)) {
                all.insert(c.id.clone());
            }
        }
        if all.len() == before {
            break;
        }
    }
    all
}

/// The rectangle holding every component, if there is any.
pub fn bounds(doc: &Document) -> Option<Rect> {
    let containers = container_rects(doc, &BTreeSet::new());
    doc.components.iter().map(|c| component_rect(c, &containers)).reduce(|a, b| a.union(&b))
}
