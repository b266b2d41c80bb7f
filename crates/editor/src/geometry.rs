//! Coordinate spaces and hit-testing. World units are the document's; screen units are
//! CSS pixels relative to the canvas's top-left corner.

use scalelab_model::{ComponentId, Document, Point};

/// Size of a component's box on the canvas, in world units, centred on its position.
pub const NODE_WIDTH: f64 = 150.0;
pub const NODE_HEIGHT: f64 = 64.0;

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
}

/// The topmost component whose box contains `pos_world` (the last drawn is on top).
pub fn hit_component(doc: &Document, pos_world: Point) -> Option<&ComponentId> {
    doc.components
        .iter()
        .rev()
        .find(|c| {
            (pos_world.x - c.pos_world.x).abs() <= NODE_WIDTH / 2.0
                && (pos_world.y - c.pos_world.y).abs() <= NODE_HEIGHT / 2.0
        })
        .map(|c| &c.id)
}
