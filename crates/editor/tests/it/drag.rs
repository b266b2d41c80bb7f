//! The drag gesture in screen coordinates: threshold, one undo step, zoom and pan.

use scalelab_editor::{Editor, Gesture, Modifiers, Viewport};
use scalelab_model::{Document, Point};

use crate::script::{Step::*, id, pos, run};

#[test]
fn dragging_moves_the_component_and_is_one_undo_step() {
    // app-1 is centred at (560, 130); grab it 10 px right of centre.
    let mut editor =
        run(Document::default_topology(), &[Down(570.0, 130.0), Move(600.0, 180.0), Move(650.0, 230.0), Up]);
    assert_eq!(pos(&editor, "app-1"), Point::new(640.0, 230.0));
    assert!(editor.selection.components.contains(&id("app-1")));
    assert_eq!(editor.notice.as_ref().map(|n| n.text.as_str()), Some("Moved App server 1 to 640, 230"));
    assert!(editor.undo());
    assert_eq!(pos(&editor, "app-1"), Point::new(560.0, 130.0));
    assert!(!editor.undo(), "the drag was more than one undo step");
}

#[test]
fn dragging_snaps_to_the_grid() {
    let editor =
        run(Document::default_topology(), &[SnapOn, Down(570.0, 130.0), Move(600.0, 180.0), Move(653.0, 227.0), Up]);
    assert_eq!(pos(&editor, "app-1"), Point::new(640.0, 220.0));
}

#[test]
fn a_click_below_the_threshold_moves_nothing() {
    let editor = run(Document::default_topology(), &[Down(560.0, 130.0), Move(561.0, 131.0), Up]);
    assert_eq!(pos(&editor, "app-1"), Point::new(560.0, 130.0));
    assert!(!editor.history().can_undo());
    assert_eq!(editor.gesture, Gesture::Idle);
}

#[test]
fn pressing_empty_canvas_clears_the_selection() {
    let editor = run(Document::default_topology(), &[Down(560.0, 130.0), Up, Down(5.0, 5.0), Up]);
    assert!(editor.selection.is_empty());
}

#[test]
fn dragging_respects_zoom_and_pan() {
    let mut editor = Editor::new(Document::default_topology());
    editor.viewport = Viewport { origin_world: Point::new(100.0, 0.0), zoom: 2.0 };
    // db at world (800, 220) is at screen ((800-100)*2, 220*2) = (1400, 440).
    editor.pointer_down(1, Point::new(1400.0, 440.0), Modifiers::default());
    editor.pointer_move(1, Point::new(1420.0, 460.0));
    editor.pointer_up(1);
    assert_eq!(pos(&editor, "db"), Point::new(810.0, 230.0));
}

#[test]
fn moves_leave_the_engine_revision_and_other_changes_advance_it() {
    let mut editor = run(Document::default_topology(), &[Down(570.0, 130.0), Move(650.0, 230.0), Up]);
    assert_eq!((editor.revision(), editor.engine_revision()), (1, 0), "a drag only moves");
    assert!(editor.undo() && editor.redo());
    assert_eq!((editor.revision(), editor.engine_revision()), (3, 0), "undoing and redoing a move only moves");
    editor.select_all();
    editor.delete_selection();
    assert_eq!((editor.revision(), editor.engine_revision()), (4, 1));
    assert!(editor.undo());
    assert_eq!((editor.revision(), editor.engine_revision()), (5, 2));
}
