//! Headless tests of the editor: actions with undo, and the drag gesture.

mod actions;
mod drag;
