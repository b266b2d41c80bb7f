//! The app's state: the editor, behind yew's reducer so every input is one message.
//!
//! The editor lives in a `RefCell` shared by successive states: an input mutates it in
//! place and yields a new state with a higher tick, so a pointer move on a design of a
//! thousand components costs no copy of the document or its history.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use scalelab_editor::Editor;
use scalelab_model::Document;
use yew::Reducible;

/// An input from the page: a change of the editor that says whether anything shown changed.
pub struct Input(pub Box<dyn FnOnce(&mut Editor) -> bool>);

/// An input that always re-renders.
pub fn edit(f: impl FnOnce(&mut Editor) + 'static) -> Input {
    Input(Box::new(move |editor| {
        f(editor);
        true
    }))
}

/// An input that re-renders only when `f` says something changed.
pub fn edit_if(f: impl FnOnce(&mut Editor) -> bool + 'static) -> Input {
    Input(Box::new(f))
}

#[derive(Clone)]
pub struct AppState {
    editor: Rc<RefCell<Editor>>,
    /// Increases with every input that changed what is shown.
    pub tick: u64,
}

impl AppState {
    /// The editor over `doc`; `read_only` for an embed that may be looked at, not changed.
    pub fn new(doc: Document, read_only: bool) -> Self {
        let mut editor = Editor::new(doc);
        editor.read_only = read_only;
        Self { editor: Rc::new(RefCell::new(editor)), tick: 0 }
    }

    pub fn editor(&self) -> Ref<'_, Editor> {
        self.editor.borrow()
    }

    /// The editor, unless an input is changing it right now.
    pub fn try_editor(&self) -> Result<Ref<'_, Editor>, std::cell::BorrowError> {
        self.editor.try_borrow()
    }
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.editor, &other.editor) && self.tick == other.tick
    }
}

impl Reducible for AppState {
    type Action = Input;

    fn reduce(self: Rc<Self>, input: Input) -> Rc<Self> {
        // Inputs arrive from event handlers, never while a view holds a borrow.
        let changed = match self.editor.try_borrow_mut() {
            Ok(mut editor) => (input.0)(&mut editor),
            Err(_) => false,
        };
        // Returning the same Rc tells yew nothing changed, so nothing re-renders.
        if changed { Rc::new(Self { editor: self.editor.clone(), tick: self.tick + 1 }) } else { self }
    }
}
