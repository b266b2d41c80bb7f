//! A read-only editor (an embed) can be looked around but never changes the document.

use scalelab_editor::Editor;
use scalelab_model::{ComponentKind, Document};

use crate::script::{Step, Step::*, apply};

#[test]
fn a_read_only_editor_refuses_every_change_and_pans_instead_of_dragging() {
    let doc = Document::default_topology();
    let mut editor = Editor::new(doc.clone());
    editor.read_only = true;
    let steps: &[Step] = &[
        // Drag a component, drag from a handle, then the commands that change things.
        Down(560.0, 130.0),
        Move(600.0, 200.0),
        Move(700.0, 300.0),
        Up,
        Down(175.0, 220.0),
        Move(560.0, 140.0),
        Up,
        SelectAll,
        Delete,
        Paste,
        Duplicate,
        Nudge(10.0, 0.0),
        Tidy,
        Add(ComponentKind::Cache, 100.0, 100.0),
        Undo,
    ];
    for step in steps {
        apply(&mut editor, *step);
    }
    assert_eq!(editor.doc, doc);
    assert_eq!(editor.revision(), 0);
    // The drags panned the view instead.
    assert!(editor.viewport.origin_world.x != 0.0 || editor.viewport.origin_world.y != 0.0);
}
