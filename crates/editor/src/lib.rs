//! The editor's state machine with no DOM: the document, the view state (camera,
//! selection, the gesture in progress), the closed vocabulary of document changes and
//! their undo history, hit-testing, and the commands behind shortcuts and menus. The ui
//! crate turns DOM events into calls here and draws what this state says.

// Input from users and links reaches this code: it returns errors, never panics.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

mod action;
pub mod advice;
mod commands;
mod editor;
mod file_formats;
mod geometry;
mod history;
mod layout;
mod selection;

pub use action::{Action, EditError, LinkKey, MAX_LABEL_CHARS, ParamTarget, apply};
pub use commands::{NUDGE, NUDGE_FAST, PASTE_OFFSET, ZOOM_STEP};
pub use editor::{Clipboard, DRAG_THRESHOLD_PX, Editor, GRID, Gesture, Modifiers, Notice, PressTarget, snap};
pub use file_formats::{document_from_text, svg_document};
pub use geometry::{
    CONTAINER_TITLE, DETAIL_ZOOM, HANDLE_RADIUS_PX, Hit, MAX_ZOOM, MIN_ZOOM, NODE_HEIGHT, NODE_WIDTH, Rect, Viewport,
    bounds, component_rect, container_at, container_rects, handle_world, hit_component, hit_test, link_segment,
    node_rect, with_descendants,
};
pub use history::History;
pub use layout::{COLUMN_GAP, ROW_GAP, tidy_moves};
pub use selection::Selection;
