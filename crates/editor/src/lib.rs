//! The editor's state machine with no DOM: the document, the view state (camera,
//! selection, the gesture in progress), the closed vocabulary of document changes and
//! their undo history, and hit-testing. The ui crate turns DOM events into calls here and
//! draws what this state says.

mod action;
mod editor;
mod geometry;
mod history;

pub use action::{Action, EditError, apply};
pub use editor::{Editor, Gesture};
pub use geometry::{NODE_HEIGHT, NODE_WIDTH, Viewport, hit_component};
pub use history::History;
