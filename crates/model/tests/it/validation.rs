//! Validation reports every problem, each naming the component it concerns.

use scalelab_model::{Component, ComponentId, ComponentKind, Document, Link, ParamValue, Point, validate};

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
        app.params.insert("cores".into(), ParamValue::Number(f64::NAN));
        app.params.insert("colour".into(), ParamValue::Number(3.0));
    }
    let found = messages(&doc);
    let expected = [
        "a link to \"ghost\" names a component that does not exist",
        "users is -5",
        "component \"app-2\": Cores per instance is NaN; it must be between 1 and 512 cores",
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

#[test]
fn choices_and_link_parameters_are_checked() {
    let mut doc = Document::default_topology();
    doc.components[1] = doc.components[1].clone().with_choice("policy", "fastest");
    doc.links[1] = doc.links[1].clone().with_param("retries", 99.0).with_choice("mtls", "maybe");
    doc.links[2] = doc.links[2].clone().with_param("colour", 1.0);
    let found = messages(&doc);
    let expected = [
        "component \"lb\": Policy is \"fastest\"; it must be one of round_robin, least_connections, random, weighted, consistent_hashing",
        "link to \"app-1\": Retries is 99; it must be between 0 and 10 count",
        "link to \"app-1\": mTLS is \"maybe\"; it must be one of off, on",
        "link to \"app-2\": a link has no parameter \"colour\"",
    ];
    for needle in expected {
        assert!(found.iter().any(|m| m.contains(needle)), "no problem mentions {needle:?} in {found:#?}");
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
}

#[test]
fn parents_must_be_regions_or_zones() {
    let mut doc = Document::default_topology();
    doc.components.push(Component::new("eu", ComponentKind::Region, "EU", Point::new(0.0, 0.0)));
    let mut zone = Component::new("eu-a", ComponentKind::Zone, "EU a", Point::new(0.0, 0.0));
    zone.parent = Some(ComponentId::new("db"));
    doc.components.push(zone);
    doc.components[2].parent = Some(ComponentId::new("eu"));
    doc.components[3].parent = Some(ComponentId::new("nowhere"));
    let found = messages(&doc);
    assert!(found.iter().any(|m| m.contains("\"eu-a\": it is placed in \"db\", which is a database")), "{found:#?}");
    assert!(found.iter().any(|m| m.contains("\"app-2\": its region or zone \"nowhere\" does not exist")), "{found:#?}");
    assert_eq!(found.len(), 2, "{found:#?}");
}

#[test]
fn unreachable_and_dead_end_components_are_warned_about() {
    use scalelab_model::lint::warnings;
    assert_eq!(warnings(&Document::default_topology()), vec![]);
    let mut doc = Document::default_topology();
    doc.components.push(Component::new("orphan", ComponentKind::Service, "Orphan", Point::default()));
    doc.components.push(Component::new("lb2", ComponentKind::LoadBalancer, "LB 2", Point::default()));
    doc.links.push(Link::call("app-1", "lb2"));
    let found: Vec<String> = warnings(&doc).iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "component \"orphan\": no traffic reaches it: no path leads to it from a users component",
            "component \"lb2\": a load balancer passes requests on, but it has no outgoing link",
        ]
    );
    // Warnings do not make the design invalid.
    assert_eq!(validate(&doc), Ok(()));
}

#[test]
fn a_huge_number_in_a_message_is_written_with_an_exponent() {
    let mut doc = scalelab_model::Document::default_topology();
    for (factor, shown) in [(1.5e300, "1.5e300"), (-2e20, "-2e20"), (9.9999999e20, "1e21"), (5000.0, "5000")] {
        doc.traffic.shape = scalelab_model::Shape::Spike { at_s: 1.0, duration_s: 1.0, factor };
        let problems = scalelab_model::validate(&doc).unwrap_err();
        let expected = format!("traffic shape: spike factor is {shown}; it must be between 0 and 1000");
        assert!(problems.iter().any(|p| p.message == expected), "{factor}: {problems:?}");
    }
}
