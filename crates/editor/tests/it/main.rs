//! Headless tests of the editor: every action's apply and undo, gestures as sequences of
//! inputs, the commands behind shortcuts, and the layout.

mod actions;
mod commands;
mod drag;
mod files;
mod gestures;
mod read_only;
mod script;
