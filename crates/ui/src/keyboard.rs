//! Keyboard shortcuts, listened for on the window: the editor commands (undo, redo,
//! delete, duplicate, copy, paste, select all, arrows, zoom, fit) and the ui's own
//! (help). Typing in a field is left alone.

use std::cell::Cell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use crate::state::{AppState, Input, edit, edit_if};

/// Whether Space is held (Space+drag pans). Shared by the keyboard and the canvas.
#[derive(Clone, Default)]
pub struct SpaceKey(Rc<Cell<bool>>);

impl SpaceKey {
    pub fn held(&self) -> bool {
        self.0.get()
    }
}

impl PartialEq for SpaceKey {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What a key press means, if anything.
enum Shortcut {
    Editor(Input),
    Help,
    Escape,
}

fn in_text_field(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
}

fn shortcut(event: &KeyboardEvent) -> Option<Shortcut> {
    let command = event.ctrl_key() || event.meta_key();
    let shift = event.shift_key();
    let key = event.key();
    let input = match (command, key.as_str()) {
        (true, "z" | "Z") if shift => edit_if(|e| e.redo()),
        (true, "z" | "Z") => edit_if(|e| e.undo()),
        (true, "y" | "Y") => edit_if(|e| e.redo()),
        (true, "d" | "D") => edit(|e| e.duplicate()),
        (true, "c" | "C") => edit(|e| e.copy()),
        (true, "v" | "V") => edit(|e| e.paste()),
        (true, "a" | "A") => edit(|e| e.select_all()),
        (true, "0") => edit(|e| e.reset_zoom()),
        (true, "=" | "+") => edit(|e| e.zoom_in()),
        (true, "-") => edit(|e| e.zoom_out()),
        (false, "Delete" | "Backspace") => edit(|e| e.delete_selection()),
        (false, "Escape") => return Some(Shortcut::Escape),
        (false, "?") => return Some(Shortcut::Help),
        // Shift+1 arrives as "!" on most layouts; the code names the key itself.
        (false, _) if shift && event.code() == "Digit1" => edit(|e| e.fit_all()),
        (false, "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown") => {
            let (dx, dy) = match key.as_str() {
                "ArrowLeft" => (-1.0, 0.0),
                "ArrowRight" => (1.0, 0.0),
                "ArrowUp" => (0.0, -1.0),
                _ => (0.0, 1.0),
            };
            edit_if(move |e| {
                if e.selection.components.is_empty() {
                    return false;
                }
                let step = e.nudge_step(shift);
                e.nudge(dx * step, dy * step);
                true
            })
        }
        _ => return None,
    };
    Some(Shortcut::Editor(input))
}

/// Listens for shortcuts while the app is mounted.
#[hook]
pub fn use_shortcuts(
    dispatch: UseReducerDispatcher<AppState>,
    space: SpaceKey,
    on_help: Callback<()>,
    on_escape: Callback<()>,
) {
    use_effect_with((), move |_| {
        let window = web_sys::window();
        let options = EventListenerOptions::enable_prevent_default();
        let down = window.as_ref().map(|w| {
            let space = space.clone();
            EventListener::new_with_options(w, "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else { return };
                if in_text_field(event) {
                    return;
                }
                if event.key() == " " {
                    // Space+drag pans; Space on a focused component is handled by the component.
                    space.0.set(true);
                    event.prevent_default();
                    return;
                }
                match shortcut(event) {
                    Some(Shortcut::Editor(input)) => {
                        event.prevent_default();
                        dispatch.dispatch(input);
                    }
                    Some(Shortcut::Help) => on_help.emit(()),
                    Some(Shortcut::Escape) => {
                        on_escape.emit(());
                        dispatch.dispatch(edit(|e| e.escape()));
                    }
                    None => {}
                }
            })
        });
        let up = window.as_ref().map(|w| {
            EventListener::new(w, "keyup", move |event| {
                if event.dyn_ref::<KeyboardEvent>().is_some_and(|e| e.key() == " ") {
                    space.0.set(false);
                }
            })
        });
        move || drop((down, up))
    });
}
