//! Each action applies, undoes and redoes to the expected document.

use scalelab_editor::{Action, EditError, Editor};
use scalelab_model::{ComponentId, Document, Point};

fn pos(editor: &Editor, id: &str) -> Point {
    editor.doc.component(&ComponentId::new(id)).unwrap().pos_world
}

#[test]
fn actions_undo_and_redo() {
    let original = Document::default_topology();
    type Holds = fn(&Document) -> bool;
    let cases: [(Action, Holds); 2] = [
        (Action::MoveComponents(vec![(ComponentId::new("db"), Point::new(1.0, 2.0))]), |d| {
            d.component(&ComponentId::new("db")).unwrap().pos_world == Point::new(1.0, 2.0)
        }),
        (Action::SetUsers(5e6), |d| d.traffic.users == 5e6),
    ];
    for (action, holds) in cases {
        let mut editor = Editor::new(original.clone());
        editor.perform(&action).unwrap();
        assert!(holds(&editor.doc), "{action:?} did not apply");
        assert!(editor.undo());
        assert_eq!(editor.doc, original, "{action:?} did not undo");
        assert!(editor.redo());
        assert!(holds(&editor.doc), "{action:?} did not redo");
    }
}

#[test]
fn a_failed_action_changes_nothing_and_records_nothing() {
    let mut editor = Editor::new(Document::default_topology());
    let before = editor.doc.clone();
    let moves = vec![(ComponentId::new("db"), Point::new(1.0, 1.0)), (ComponentId::new("ghost"), Point::new(0.0, 0.0))];
    assert_eq!(
        editor.perform(&Action::MoveComponents(moves)),
        Err(EditError::NoSuchComponent(ComponentId::new("ghost")))
    );
    assert!(matches!(editor.perform(&Action::SetUsers(-1.0)), Err(EditError::BadUsers(_))));
    assert!(matches!(editor.perform(&Action::SetUsers(f64::NAN)), Err(EditError::BadUsers(_))));
    assert_eq!(editor.doc, before);
    assert!(!editor.history().can_undo());
    assert_eq!(pos(&editor, "db"), Point::new(800.0, 220.0));
}

#[test]
fn a_new_change_clears_redo() {
    let mut editor = Editor::new(Document::default_topology());
    editor.perform(&Action::SetUsers(2e3)).unwrap();
    editor.undo();
    assert!(editor.history().can_redo());
    editor.perform(&Action::SetUsers(3e3)).unwrap();
    assert!(!editor.history().can_redo());
}
