//! Validation reports every problem, each naming the component it concerns.

use scalelab_model::{ComponentId, Document, Link, validate};

fn messages(doc: &Document) -> Vec<String> {
    validate(doc).unwrap_err().iter().map(ToString::to_string).collect()
}

#[test]
fn the_default_topology_is_valid() {
    assert_eq!(validate(&Document::default_topology()), Ok(()));
}

#[test]
fn reports_every_problem_at_once() {
    let mut doc = Document::default_topology();
    doc.links.push(Link::call("app-1", "ghost"));
    doc.traffic.users = -5.0;
    if let Some(app) = doc.component_mut(&ComponentId::new("app-2")) {
        app.params.insert("cores".into(), f64::NAN);
        app.params.insert("colour".into(), 3.0);
    }
    let found = messages(&doc);
    let expected = [
        "a link to \"ghost\" names a component that does not exist",
        "users is -5",
        "component \"app-2\": Cores per instance is NaN",
        "component \"app-2\": service has no parameter \"colour\"",
    ];
    for needle in expected {
        assert!(found.iter().any(|m| m.contains(needle)), "no problem mentions {needle:?} in {found:#?}");
    }
    assert_eq!(found.len(), 4, "{found:#?}");
}

#[test]
fn a_call_cycle_names_its_components() {
    let mut doc = Document::default_topology();
    doc.links.push(Link::call("app-1", "lb"));
    let found = messages(&doc);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("app-1, lb"), "{found:#?}");
}

#[test]
fn links_that_make_no_sense_are_refused() {
    let mut doc = Document::default_topology();
    doc.links.push(Link::call("db", "users"));
    doc.links.push(Link::call("lb", "lb"));
    doc.links.push(Link::call("users", "lb"));
    let found = messages(&doc);
    for needle in ["database does not send requests", "users cannot receive requests", "to itself", "appears twice"] {
        assert!(found.iter().any(|m| m.contains(needle)), "no problem mentions {needle:?} in {found:#?}");
    }
}

#[test]
fn duplicate_ids_and_missing_users_are_reported() {
    let mut doc = Document::default_topology();
    doc.components.retain(|c| c.id.as_str() != "users");
    doc.links.retain(|l| l.from.as_str() != "users");
    let dup = doc.components[1].clone();
    doc.components.push(dup);
    let found = messages(&doc);
    assert!(found.iter().any(|m| m.contains("no users component")), "{found:#?}");
    assert!(found.iter().any(|m| m.contains("used by more than one component")), "{found:#?}");
}
