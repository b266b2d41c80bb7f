//! The app's state: the editor, behind yew's reducer so every input is one message.

use std::rc::Rc;

use scalelab_editor::{Action, Editor};
use scalelab_model::{Document, Point};
use yew::Reducible;

/// An input from the page, in the editor's terms.
pub enum Input {
    PointerDown(Point),
    PointerMove(Point),
    PointerUp,
    Perform(Action),
    Undo,
    Redo,
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub editor: Editor,
    /// The last edit that was refused, shown to the user.
    pub error: Option<String>,
}

impl Default for AppState {
    fn default() -> Self {
        Self { editor: Editor::new(Document::default_topology()), error: None }
    }
}

impl Reducible for AppState {
    type Action = Input;

    fn reduce(self: Rc<Self>, input: Input) -> Rc<Self> {
        let mut next = (*self).clone();
        let changed = match input {
            Input::PointerDown(pos_screen) => {
                next.editor.pointer_down(pos_screen);
                true
            }
            Input::PointerMove(pos_screen) => next.editor.pointer_move(pos_screen),
            Input::PointerUp => {
                next.editor.pointer_up();
                true
            }
            Input::Perform(action) => {
                next.error = next.editor.perform(&action).err().map(|e| e.to_string());
                true
            }
            Input::Undo => next.editor.undo(),
            Input::Redo => next.editor.redo(),
        };
        // Returning the same Rc tells yew nothing changed, so nothing re-renders.
        if changed { Rc::new(next) } else { self }
    }
}
