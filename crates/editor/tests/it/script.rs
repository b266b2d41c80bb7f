//! A tiny script language for tests as data: a sequence of inputs run against an editor.

use scalelab_editor::{Editor, Modifiers};
use scalelab_model::{ComponentId, ComponentKind, Document, Point};

/// One input, in screen pixels (the viewport starts at the origin, zoom 1, so screen
/// and world agree unless a step pans or zooms).
#[derive(Clone, Copy, Debug)]
pub enum Step {
    Down(f64, f64),
    ShiftDown(f64, f64),
    SpaceDown(f64, f64),
    Move(f64, f64),
    Up,
    /// A second finger (pointer 2).
    Down2(f64, f64),
    Move2(f64, f64),
    Up2,
    Delete,
    Undo,
    Redo,
    SelectAll,
    Copy,
    Paste,
    Duplicate,
    Escape,
    Nudge(f64, f64),
    Tidy,
    Add(ComponentKind, f64, f64),
    SnapOn,
}

pub fn run(doc: Document, steps: &[Step]) -> Editor {
    let mut editor = Editor::new(doc);
    for step in steps {
        apply(&mut editor, *step);
    }
    editor
}

pub fn apply(editor: &mut Editor, step: Step) {
    let shift = Modifiers { shift: true, pan: false };
    let space = Modifiers { shift: false, pan: true };
    match step {
        Step::Down(x, y) => editor.pointer_down(1, Point::new(x, y), Modifiers::default()),
        Step::ShiftDown(x, y) => editor.pointer_down(1, Point::new(x, y), shift),
        Step::SpaceDown(x, y) => editor.pointer_down(1, Point::new(x, y), space),
        Step::Move(x, y) => {
            editor.pointer_move(1, Point::new(x, y));
        }
        Step::Up => editor.pointer_up(1),
        Step::Down2(x, y) => editor.pointer_down(2, Point::new(x, y), Modifiers::default()),
        Step::Move2(x, y) => {
            editor.pointer_move(2, Point::new(x, y));
        }
        Step::Up2 => editor.pointer_up(2),
        Step::Delete => editor.delete_selection(),
        Step::Undo => {
            editor.undo();
        }
        Step::Redo => {
            editor.redo();
        }
        Step::SelectAll => editor.select_all(),
        Step::Copy => editor.copy(),
        Step::Paste => editor.paste(),
        Step::Duplicate => editor.duplicate(),
        Step::Escape => editor.escape(),
        Step::Nudge(dx, dy) => editor.nudge(dx, dy),
        Step::Tidy => editor.tidy(),
        Step::Add(kind, x, y) => {
            editor.add_component(kind, Point::new(x, y));
        }
        Step::SnapOn => editor.snap_to_grid = true,
    }
}

pub fn id(s: &str) -> ComponentId {
    ComponentId::new(s)
}

pub fn pos(editor: &Editor, name: &str) -> Point {
    editor.doc.component(&id(name)).map(|c| c.pos_world).unwrap_or(Point::new(f64::NAN, f64::NAN))
}

pub fn selected(editor: &Editor) -> Vec<String> {
    editor.selection.components.iter().map(ToString::to_string).collect()
}

pub fn links(doc: &Document) -> Vec<String> {
    doc.links.iter().map(|l| format!("{}->{}", l.from, l.to)).collect()
}
