//! The camera commands and click-to-add.

use scalelab_editor::Editor;
use scalelab_model::{ComponentKind, Document, Point};

use crate::script::id;

#[test]
fn fit_all_shows_the_whole_design_and_reset_returns_to_100_percent() {
    let mut editor = Editor::new(Document::default_topology());
    editor.canvas_size_screen = Point::new(500.0, 400.0);
    editor.fit_all();
    let zoom = editor.viewport.zoom;
    assert!(zoom < 1.0, "{zoom}");
    // Every component's centre is on screen.
    for c in &editor.doc.components {
        let p = editor.viewport.screen_from_world(c.pos_world);
        assert!(p.x > 0.0 && p.x < 500.0 && p.y > 0.0 && p.y < 400.0, "{} at {p:?}", c.id);
    }
    editor.reset_zoom();
    assert_eq!(editor.viewport.zoom, 1.0);
    editor.zoom_in();
    assert_eq!(editor.viewport.zoom, 1.25);
    editor.zoom_out();
    assert!((editor.viewport.zoom - 1.0).abs() < 1e-12);
}

#[test]
fn ctrl_wheel_zooms_about_the_pointer_and_wheel_pans() {
    let mut editor = Editor::new(Document::default_topology());
    let under = Point::new(300.0, 200.0);
    let before = editor.viewport.world_from_screen(under);
    editor.wheel(under, 0.0, -200.0, true);
    assert!(editor.viewport.zoom > 1.0);
    let after = editor.viewport.world_from_screen(under);
    assert!((after.x - before.x).abs() < 1e-9 && (after.y - before.y).abs() < 1e-9);
    editor.wheel(under, 10.0, 20.0, false);
    let moved = editor.viewport.world_from_screen(under);
    assert!(moved.x > after.x && moved.y > after.y);
}

#[test]
fn click_to_add_puts_the_component_in_view_beside_any_already_there() {
    let mut editor = Editor::new(Document::default_topology());
    editor.canvas_size_screen = Point::new(1120.0, 260.0);
    let first = editor.add_component_in_view(ComponentKind::Cache).unwrap();
    let second = editor.add_component_in_view(ComponentKind::Cache).unwrap();
    assert_eq!(first, id("cache-1"));
    assert_eq!(second, id("cache-2"));
    let a = editor.doc.component(&first).unwrap();
    let b = editor.doc.component(&second).unwrap();
    assert_eq!(a.label, "Cache");
    assert_eq!(b.label, "Cache 2");
    assert_ne!(a.pos_world, b.pos_world);
    assert_eq!(editor.selection.components.iter().collect::<Vec<_>>(), vec![&second]);
}

#[test]
fn zoomed_far_out_a_press_on_a_component_moves_it_rather_than_connecting() {
    use scalelab_editor::{Gesture, Modifiers, Viewport};
    let mut editor = Editor::new(Document::default_topology());
    editor.viewport = Viewport { origin_world: Point::new(0.0, 0.0), zoom: 0.15 };
    // app-1's centre (560, 130) at zoom 0.15.
    editor.pointer_down(1, Point::new(84.0, 19.5), Modifiers::default());
    editor.pointer_move(1, Point::new(94.0, 29.5));
    assert!(matches!(editor.gesture, Gesture::DraggingSelection { .. }), "{:?}", editor.gesture);
}
