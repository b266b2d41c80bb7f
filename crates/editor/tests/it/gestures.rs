//! Gestures and commands as data: a sequence of inputs and what the document and the
//! selection must look like afterwards.

use scalelab_model::{ComponentKind, Document, Point};

use crate::script::{Step, Step::*, id, links, pos, run, selected};

/// What must hold after a case's steps. Empty fields are not checked.
#[derive(Default)]
struct Expect {
    positions: &'static [(&'static str, f64, f64)],
    links: Option<&'static [&'static str]>,
    selected: Option<&'static [&'static str]>,
    parents: &'static [(&'static str, Option<&'static str>)],
    count: Option<usize>,
    notice: Option<&'static str>,
    /// Undoing everything gives back the starting document.
    undo_all_restores: bool,
}

const DEFAULT_LINKS: &[&str] = &["users->lb", "lb->app-1", "lb->app-2", "app-1->db", "app-2->db"];

fn cases() -> Vec<(&'static str, Vec<Step>, Expect)> {
    vec![
        (
            "drag from a handle to a component connects them",
            vec![Down(175.0, 220.0), Move(300.0, 180.0), Move(560.0, 140.0), Up],
            Expect {
                links: Some(&["users->lb", "lb->app-1", "lb->app-2", "app-1->db", "app-2->db", "users->app-1"]),
                notice: Some("Connected Users to App server 1"),
                undo_all_restores: true,
                ..Expect::default()
            },
        ),
        (
            "a database calling the users is refused with validation's reasons",
            vec![Down(875.0, 220.0), Move(500.0, 400.0), Move(100.0, 220.0), Up],
            Expect {
                links: Some(DEFAULT_LINKS),
                notice: Some(
                    "Cannot connect Database to Users: component \"db\": a database does not send requests onwards; \
                     component \"users\": users cannot receive requests",
                ),
                ..Expect::default()
            },
        ),
        (
            "a link that closes a cycle is refused",
            vec![Down(635.0, 130.0), Move(400.0, 200.0), Move(320.0, 220.0), Up],
            Expect {
                links: Some(DEFAULT_LINKS),
                notice: Some(
                    "Cannot connect App server 1 to Load balancer: component \"app-1\": components app-1, lb call each \
                     other in a cycle, so a request would never finish",
                ),
                ..Expect::default()
            },
        ),
        (
            "a second link between the same two is refused",
            vec![Down(395.0, 220.0), Move(500.0, 150.0), Move(560.0, 130.0), Up],
            Expect {
                links: Some(DEFAULT_LINKS),
                notice: Some(
                    "Cannot connect Load balancer to App server 1: component \"lb\": the link to \"app-1\" appears twice",
                ),
                ..Expect::default()
            },
        ),
        (
            "a link dropped on empty canvas makes nothing",
            vec![Down(175.0, 220.0), Move(300.0, 500.0), Up],
            Expect { links: Some(DEFAULT_LINKS), ..Expect::default() },
        ),
        (
            "shift-click adds to the selection",
            vec![Down(560.0, 130.0), Up, ShiftDown(560.0, 310.0), Up],
            Expect { selected: Some(&["app-1", "app-2"]), ..Expect::default() },
        ),
        (
            "shift-click on a selected component removes it",
            vec![Down(560.0, 130.0), Up, ShiftDown(560.0, 310.0), Up, ShiftDown(560.0, 130.0), Up],
            Expect { selected: Some(&["app-2"]), ..Expect::default() },
        ),
        (
            "a plain click in a multi-selection selects only that one",
            vec![Down(560.0, 130.0), Up, ShiftDown(560.0, 310.0), Up, Down(560.0, 130.0), Up],
            Expect { selected: Some(&["app-1"]), ..Expect::default() },
        ),
        (
            "dragging one of a multi-selection moves them all",
            vec![
                Down(560.0, 130.0),
                Up,
                ShiftDown(560.0, 310.0),
                Up,
                Down(560.0, 130.0),
                Move(580.0, 140.0),
                Move(600.0, 160.0),
                Up,
            ],
            Expect {
                positions: &[("app-1", 600.0, 160.0), ("app-2", 600.0, 340.0), ("db", 800.0, 220.0)],
                selected: Some(&["app-1", "app-2"]),
                notice: Some("Moved 2 components"),
                undo_all_restores: true,
                ..Expect::default()
            },
        ),
        (
            "shift-drag on empty canvas box-selects",
            vec![ShiftDown(450.0, 50.0), Move(600.0, 200.0), Move(700.0, 400.0), Up],
            Expect { selected: Some(&["app-1", "app-2"]), ..Expect::default() },
        ),
        (
            "Delete removes the selection with its links; undo restores it exactly",
            vec![Down(560.0, 130.0), Up, Delete],
            Expect {
                links: Some(&["users->lb", "lb->app-2", "app-2->db"]),
                count: Some(4),
                selected: Some(&[]),
                notice: Some("Deleted App server 1"),
                undo_all_restores: true,
                ..Expect::default()
            },
        ),
        (
            "a click on a link selects it and Delete removes only it",
            vec![Down(440.0, 175.0), Up, Delete],
            Expect {
                links: Some(&["users->lb", "lb->app-2", "app-1->db", "app-2->db"]),
                count: Some(5),
                undo_all_restores: true,
                ..Expect::default()
            },
        ),
        (
            "select all then delete empties the design",
            vec![SelectAll, Delete],
            Expect { links: Some(&[]), count: Some(0), undo_all_restores: true, ..Expect::default() },
        ),
        (
            "copy and paste twice lands each copy further off",
            vec![Down(560.0, 130.0), Up, Copy, Paste, Paste],
            Expect {
                positions: &[("service-1", 600.0, 170.0), ("service-2", 640.0, 210.0)],
                selected: Some(&["service-2"]),
                count: Some(7),
                undo_all_restores: true,
                ..Expect::default()
            },
        ),
        (
            "duplicate copies the links among the copies",
            vec![Down(560.0, 130.0), Up, ShiftDown(800.0, 220.0), Up, Duplicate],
            Expect {
                links: Some(&[
                    "users->lb",
                    "lb->app-1",
                    "lb->app-2",
                    "app-1->db",
                    "app-2->db",
                    "service-1->database-1",
                ]),
                selected: Some(&["database-1", "service-1"]),
                positions: &[("service-1", 600.0, 170.0), ("database-1", 840.0, 260.0)],
                undo_all_restores: true,
                ..Expect::default()
            },
        ),
        (
            "arrows move the selection as one step each",
            vec![Down(560.0, 130.0), Up, Nudge(20.0, 0.0), Nudge(0.0, -50.0)],
            Expect {
                positions: &[("app-1", 580.0, 80.0)],
                notice: Some("Moved App server 1 to 580, 80"),
                undo_all_restores: true,
                ..Expect::default()
            },
        ),
        (
            "Escape clears the selection",
            vec![Down(560.0, 130.0), Up, Escape],
            Expect { selected: Some(&[]), ..Expect::default() },
        ),
        (
            "Escape during a drag puts the component back",
            vec![Down(560.0, 130.0), Move(600.0, 200.0), Escape, Up],
            Expect { positions: &[("app-1", 560.0, 130.0)], ..Expect::default() },
        ),
        (
            "a component dragged into a region goes inside it, and out again",
            vec![
                Add(ComponentKind::Region, 300.0, 600.0),
                Down(560.0, 310.0),
                Move(400.0, 450.0),
                Move(300.0, 600.0),
                Up,
            ],
            Expect {
                parents: &[("app-2", Some("region-1"))],
                positions: &[("app-2", 300.0, 600.0)],
                undo_all_restores: true,
                ..Expect::default()
            },
        ),
        (
            "moving a region moves its contents",
            vec![
                Add(ComponentKind::Region, 300.0, 600.0),
                Down(560.0, 310.0),
                Move(400.0, 450.0),
                Move(300.0, 600.0),
                Up,
                Down(120.0, 700.0),
                Move(170.0, 700.0),
                Move(220.0, 700.0),
                Up,
            ],
            Expect {
                parents: &[("app-2", Some("region-1"))],
                positions: &[("region-1", 400.0, 600.0), ("app-2", 400.0, 600.0)],
                undo_all_restores: true,
                ..Expect::default()
            },
        ),
        (
            "dragging a component out of its region takes it out",
            vec![
                Add(ComponentKind::Region, 300.0, 600.0),
                Down(560.0, 310.0),
                Move(400.0, 450.0),
                Move(300.0, 600.0),
                Up,
                Down(300.0, 600.0),
                Move(400.0, 450.0),
                Move(560.0, 310.0),
                Up,
            ],
            Expect { parents: &[("app-2", None)], undo_all_restores: true, ..Expect::default() },
        ),
        (
            "a component added inside a region belongs to it; deleting the region keeps it",
            vec![
                Add(ComponentKind::Region, 300.0, 600.0),
                Add(ComponentKind::Cache, 300.0, 600.0),
                Down(120.0, 700.0),
                Up,
                Delete,
            ],
            Expect { parents: &[("cache-1", None)], count: Some(6), undo_all_restores: true, ..Expect::default() },
        ),
        (
            "undo then redo replays a connection",
            vec![Down(175.0, 220.0), Move(560.0, 140.0), Up, Undo, Redo],
            Expect {
                links: Some(&["users->lb", "lb->app-1", "lb->app-2", "app-1->db", "app-2->db", "users->app-1"]),
                ..Expect::default()
            },
        ),
        (
            "tidy lays out in columns and is one undo step",
            vec![Tidy],
            Expect {
                positions: &[
                    ("users", 100.0, 155.0),
                    ("lb", 340.0, 155.0),
                    ("app-1", 580.0, 100.0),
                    ("app-2", 580.0, 210.0),
                    ("db", 820.0, 155.0),
                ],
                undo_all_restores: true,
                ..Expect::default()
            },
        ),
    ]
}

#[test]
fn scripted_gestures_and_commands() {
    let original = Document::default_topology();
    for (name, steps, expect) in cases() {
        let mut editor = run(original.clone(), &steps);
        for (who, x, y) in expect.positions {
            assert_eq!(pos(&editor, who), Point::new(*x, *y), "{name}: position of {who}");
        }
        if let Some(want) = expect.links {
            assert_eq!(links(&editor.doc), want.to_vec(), "{name}: links");
        }
        if let Some(want) = expect.selected {
            assert_eq!(selected(&editor), want.to_vec(), "{name}: selection");
        }
        for (child, parent) in expect.parents {
            let got = editor.doc.component(&id(child)).and_then(|c| c.parent.clone());
            assert_eq!(got, parent.map(id), "{name}: parent of {child}");
        }
        if let Some(count) = expect.count {
            assert_eq!(editor.doc.components.len(), count, "{name}: component count");
        }
        if let Some(text) = expect.notice {
            assert_eq!(editor.notice.as_ref().map(|n| n.text.as_str()), Some(text), "{name}: notice");
        }
        // An emptied design lacks users, which validation reports; anything else must stay valid.
        let has_users = editor.doc.components.iter().any(|c| c.kind == ComponentKind::Users);
        assert!(!has_users || scalelab_model::validate(&editor.doc).is_ok(), "{name}: the document became invalid");
        if expect.undo_all_restores {
            while editor.undo() {}
            assert_eq!(editor.doc, original, "{name}: undoing everything");
        }
    }
}

#[test]
fn panning_and_pinching_move_the_camera_not_the_document() {
    let editor = run(Document::default_topology(), &[Down(400.0, 500.0), Move(420.0, 510.0), Move(450.0, 520.0), Up]);
    assert_eq!(editor.viewport.origin_world, Point::new(-50.0, -20.0));
    assert!(!editor.history().can_undo());

    let editor = run(Document::default_topology(), &[SpaceDown(560.0, 130.0), Move(600.0, 130.0), Up]);
    assert_eq!(editor.viewport.origin_world, Point::new(-40.0, 0.0));
    assert_eq!(pos(&editor, "app-1"), Point::new(560.0, 130.0), "space-drag over a component pans");

    // Two fingers 200 px apart spread to 400 px: the content follows their midpoint
    // (500 -> 600) and the zoom doubles about it.
    let editor =
        run(Document::default_topology(), &[Down(400.0, 500.0), Down2(600.0, 500.0), Move2(800.0, 500.0), Up2, Up]);
    assert_eq!(editor.viewport.zoom, 2.0);
    let world_under_midpoint = editor.viewport.world_from_screen(Point::new(600.0, 500.0));
    assert_eq!(world_under_midpoint, Point::new(500.0, 500.0));
    assert_eq!(pos(&editor, "users"), Point::new(100.0, 220.0));
}

#[test]
fn a_second_finger_during_a_drag_cancels_the_drag() {
    let editor =
        run(Document::default_topology(), &[Down(560.0, 130.0), Move(600.0, 200.0), Down2(900.0, 600.0), Up2, Up]);
    assert_eq!(pos(&editor, "app-1"), Point::new(560.0, 130.0));
    assert!(!editor.history().can_undo());
}
