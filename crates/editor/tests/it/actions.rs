//! Each action applies, undoes and redoes to the expected document; refused actions
//! change nothing and say why.

use scalelab_editor::{Action, EditError, Editor, LinkKey, ParamTarget};
use scalelab_model::{Component, ComponentKind, Document, Link, LinkMode, ParamValue, Point, Shape, Traffic};

use crate::script::id;

fn key(from: &str, to: &str) -> LinkKey {
    LinkKey::new(&id(from), &id(to))
}

type Edit = fn(&mut Document);

/// Traffic unlike the fixture's: other users, a spike and the daily curve.
fn spiky() -> Traffic {
    Traffic { users: 2e4, shape: Shape::Spike { at_s: 60.0, duration_s: 30.0, factor: 5.0 }, daily_curve: true }
}

/// (action, the same change made by hand to the document).
fn cases() -> Vec<(Action, Edit)> {
    vec![
        (Action::MoveComponents(vec![(id("db"), Point::new(1.0, 2.0))]), |d| {
            d.components[4].pos_world = Point::new(1.0, 2.0);
        }),
        (Action::SetUsers(5e6), |d| d.traffic.users = 5e6),
        (Action::SetTraffic(Box::new(spiky())), |d| d.traffic = spiky()),
        (
            Action::AddComponents {
                components: vec![Component::new("cache-1", ComponentKind::Cache, "Cache", Point::new(700.0, 400.0))],
                links: vec![Link::call("app-1", "cache-1")],
            },
            |d| {
                d.components.push(Component::new("cache-1", ComponentKind::Cache, "Cache", Point::new(700.0, 400.0)));
                d.links.push(Link::call("app-1", "cache-1"));
            },
        ),
        (Action::RemoveSelection { components: vec![id("lb")], links: vec![key("app-2", "db")] }, |d| {
            d.components.remove(1);
            d.links.retain(|l| l.from.as_str() != "lb" && l.to.as_str() != "lb" && l.from.as_str() != "app-2");
        }),
        (Action::Connect(Link::publish("users", "app-1")), |d| d.links.push(Link::publish("users", "app-1"))),
        (Action::Disconnect(key("lb", "app-2")), |d| {
            d.links.remove(2);
        }),
        (Action::SetLinkMode(key("app-1", "db"), LinkMode::Publish), |d| d.links[3].mode = LinkMode::Publish),
        (
            Action::SetParam {
                target: ParamTarget::Component(id("app-1")),
                key: "instances".into(),
                value: Some(ParamValue::Number(4.0)),
            },
            |d| {
                d.components[2].params.insert("instances".into(), ParamValue::Number(4.0));
            },
        ),
        (
            Action::SetParam {
                target: ParamTarget::Link(key("lb", "app-1")),
                key: "retries".into(),
                value: Some(ParamValue::Number(2.0)),
            },
            |d| {
                d.links[1].params.insert("retries".into(), ParamValue::Number(2.0));
            },
        ),
        (Action::SetLabel(id("db"), "Primary".into()), |d| d.components[4].label = "Primary".into()),
        (Action::SetName("Mine".into()), |d| d.name = "Mine".into()),
        (
            Action::Batch(vec![
                Action::AddComponents {
                    components: vec![Component::new("r", ComponentKind::Region, "EU", Point::new(0.0, 600.0))],
                    links: vec![],
                },
                Action::SetParent(id("db"), Some(id("r"))),
            ]),
            |d| {
                d.components.push(Component::new("r", ComponentKind::Region, "EU", Point::new(0.0, 600.0)));
                d.components[4].parent = Some(id("r"));
            },
        ),
        (
            Action::ReplaceDocument(Box::new(Document {
                name: "empty".into(),
                components: vec![],
                links: vec![],
                ..Document::default_topology()
            })),
            |d| {
                d.name = "empty".into();
                d.components.clear();
                d.links.clear();
            },
        ),
    ]
}

#[test]
fn actions_apply_undo_and_redo() {
    let original = Document::default_topology();
    for (action, edit) in cases() {
        let mut expected = original.clone();
        edit(&mut expected);
        let mut editor = Editor::new(original.clone());
        editor.perform(&action).unwrap();
        assert_eq!(editor.doc, expected, "{action:?} did not apply");
        assert!(editor.undo());
        assert_eq!(editor.doc, original, "{action:?} did not undo");
        assert!(editor.redo());
        assert_eq!(editor.doc, expected, "{action:?} did not redo");
    }
}

#[test]
fn refused_actions_change_nothing_and_say_why() {
    let refusals: Vec<(Action, &str)> = vec![
        (
            Action::MoveComponents(vec![(id("db"), Point::new(1.0, 1.0)), (id("ghost"), Point::new(0.0, 0.0))]),
            "there is no component \"ghost\"",
        ),
        (Action::MoveComponents(vec![(id("db"), Point::new(f64::NAN, 1.0))]), "a position must be a finite number"),
        (Action::SetUsers(-1.0), "users"),
        (
            Action::SetTraffic(Box::new(Traffic {
                shape: Shape::Spike { at_s: 60.0, duration_s: 30.0, factor: 5_000.0 },
                ..spiky()
            })),
            "traffic shape: spike factor is 5000; it must be between 0 and 1000",
        ),
        (Action::SetTraffic(Box::new(Traffic { users: 0.0, ..spiky() })), "users"),
        (
            Action::Connect(Link::call("db", "users")),
            "component \"db\": a database does not send requests onwards; component \"users\": users cannot receive requests",
        ),
        (Action::Connect(Link::call("db", "db")), "component \"db\": a link connects the component to itself"),
        (Action::Disconnect(key("users", "db")), "there is no link from \"users\" to \"db\""),
        (
            Action::SetParam {
                target: ParamTarget::Component(id("app-1")),
                key: "instances".into(),
                value: Some(ParamValue::Number(0.0)),
            },
            "Instances is 0; it must be between 1 and 100000 count",
        ),
        (
            Action::SetParam {
                target: ParamTarget::Link(key("lb", "app-1")),
                key: "mtls".into(),
                value: Some(ParamValue::Choice("maybe".into())),
            },
            "mTLS is \"maybe\"; it must be one of off, on",
        ),
        (
            Action::SetParam { target: ParamTarget::Component(id("app-1")), key: "nope".into(), value: None },
            "there is no parameter \"nope\"",
        ),
        (
            Action::SetParent(id("db"), Some(id("app-1"))),
            "component \"db\": it is placed in \"app-1\", which is a service and not a region or zone",
        ),
        (Action::SetLabel(id("db"), "x".repeat(201)), "a label is at most 200 characters"),
        (
            Action::AddComponents {
                components: vec![Component::new("db", ComponentKind::Cache, "", Point::default())],
                links: vec![],
            },
            "the id \"db\" is already used",
        ),
        (
            Action::Batch(vec![Action::SetLabel(id("db"), "ok".into()), Action::SetLabel(id("ghost"), "no".into())]),
            "there is no component \"ghost\"",
        ),
    ];
    for (action, reason) in refusals {
        let mut editor = Editor::new(Document::default_topology());
        let error: EditError = editor.perform(&action).unwrap_err();
        assert!(error.to_string().contains(reason), "{action:?}: {error}");
        assert_eq!(editor.doc, Document::default_topology(), "{action:?} changed the document");
        assert!(!editor.history().can_undo());
    }
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
