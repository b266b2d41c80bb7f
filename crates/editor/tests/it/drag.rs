//! The drag gesture as a sequence of pointer inputs, in screen coordinates.

use scalelab_editor::{Editor, Gesture, Viewport};
use scalelab_model::{ComponentId, Document, Point};

fn pos(editor: &Editor, id: &str) -> Point {
    editor.doc.component(&ComponentId::new(id)).unwrap().pos_world
}

#[test]
fn dragging_moves_the_component_and_is_one_undo_step() {
    let mut editor = Editor::new(Document::default_topology());
    // app-1 is centred at (560, 130); grab it 10 px right of centre.
    assert_eq!(editor.pointer_down(Point::new(570.0, 130.0)), Some(ComponentId::new("app-1")));
    assert!(editor.pointer_move(Point::new(600.0, 180.0)));
    assert!(editor.pointer_move(Point::new(650.0, 230.0)));
    editor.pointer_up();
    assert_eq!(pos(&editor, "app-1"), Point::new(640.0, 230.0));
    assert!(editor.selection.contains(&ComponentId::new("app-1")));
    assert!(editor.undo());
    assert_eq!(pos(&editor, "app-1"), Point::new(560.0, 130.0));
    assert!(!editor.undo(), "the drag was more than one undo step");
}

#[test]
fn a_click_below_the_threshold_moves_nothing() {
    let mut editor = Editor::new(Document::default_topology());
    editor.pointer_down(Point::new(560.0, 130.0));
    assert!(!editor.pointer_move(Point::new(561.0, 131.0)));
    editor.pointer_up();
    assert_eq!(pos(&editor, "app-1"), Point::new(560.0, 130.0));
    assert!(!editor.history().can_undo());
    assert_eq!(editor.gesture, Gesture::Idle);
}

#[test]
fn pressing_empty_canvas_clears_the_selection() {
    let mut editor = Editor::new(Document::default_topology());
    editor.pointer_down(Point::new(560.0, 130.0));
    editor.pointer_up();
    assert_eq!(editor.pointer_down(Point::new(5.0, 5.0)), None);
    assert!(editor.selection.is_empty());
}

#[test]
fn dragging_respects_zoom_and_pan() {
    let mut editor = Editor::new(Document::default_topology());
    editor.viewport = Viewport { origin_world: Point::new(100.0, 0.0), zoom: 2.0 };
    // db at world (800, 220) is at screen ((800-100)*2, 220*2) = (1400, 440).
    assert_eq!(editor.pointer_down(Point::new(1400.0, 440.0)), Some(ComponentId::new("db")));
    editor.pointer_move(Point::new(1420.0, 460.0));
    editor.pointer_up();
    assert_eq!(pos(&editor, "db"), Point::new(810.0, 230.0));
}
