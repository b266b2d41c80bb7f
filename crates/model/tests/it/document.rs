//! The JSON form of a document and the errors of loading one.

use scalelab_model::{Document, LoadError, SCHEMA_VERSION};

#[test]
fn default_topology_round_trips_through_json() {
    let doc = Document::default_topology();
    let text = doc.to_json_pretty();
    assert_eq!(Document::from_json(&text).unwrap(), doc);
    assert!(text.contains(&format!("\"schema_version\": {SCHEMA_VERSION}")));
}

#[test]
fn malformed_json_is_reported_with_its_position() {
    let error = Document::from_json("{\"schema_version\": 1, \"components\": [").unwrap_err();
    assert!(matches!(error, LoadError::Json(_)));
    assert!(error.to_string().contains("line 1"), "{error}");
}

#[test]
fn an_unknown_kind_or_link_mode_is_named_with_what_is_known() {
    let doc = Document::default_topology();
    let text = doc.to_json_pretty().replacen("\"kind\": \"load_balancer\"", "\"kind\": \"balancer\"", 1);
    let error = Document::from_json(&text).unwrap_err().to_string();
    assert!(
        error.contains(
            "components[1].kind: unknown component kind \"balancer\"; the kinds are users, dns, cdn, load_balancer"
        ),
        "{error}"
    );
    let mut doc = doc;
    doc.links[0].mode = scalelab_model::LinkMode::Publish;
    let text = doc.to_json_pretty();
    assert!(text.contains("\"mode\": \"publish\""), "{text}");
    assert_eq!(Document::from_json(&text).unwrap(), doc);
    let error = Document::from_json(&text.replace("\"publish\"", "\"cast\"")).unwrap_err().to_string();
    assert!(error.contains("links[0].mode: unknown link mode \"cast\"; the modes are call and publish"), "{error}");
}

#[test]
fn a_future_schema_version_is_refused_by_name() {
    let text = Document::default_topology()
        .to_json_pretty()
        .replace(&format!("\"schema_version\": {SCHEMA_VERSION}"), "\"schema_version\": 99");
    let error = Document::from_json(&text).unwrap_err();
    assert!(error.to_string().contains("schema version 99"), "{error}");
}

#[test]
fn an_oversized_document_is_refused_before_parsing() {
    let text = " ".repeat(9 * 1024 * 1024);
    assert!(matches!(Document::from_json(&text), Err(LoadError::TooLarge { .. })));
}

#[test]
fn the_starter_example_is_the_default_topology() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/examples/starter.json");
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(Document::from_json(&text).unwrap(), Document::default_topology());
}

#[test]
fn a_document_without_a_schema_version_is_refused_by_name() {
    let error = Document::from_json(r#"{"components": []}"#).unwrap_err();
    assert!(error.to_string().contains("has no schema_version"), "{error}");
    let error = Document::from_json(r#"{"schema_version": 0, "components": []}"#).unwrap_err();
    assert!(error.to_string().contains("schema version 0"), "{error}");
}

#[test]
fn migrating_a_current_document_changes_nothing() {
    let value: serde_json::Value = serde_json::from_str(&Document::default_topology().to_json_pretty()).unwrap();
    assert_eq!(scalelab_model::migrate::to_current(value.clone(), SCHEMA_VERSION), value);
}

/// The document's reader (by hand, `read.rs`): what a derived reader would accept it
/// accepts, with the same defaults; what is wrong is named by its path.
#[test]
fn a_document_is_read_with_its_defaults_and_its_mistakes_are_named_by_path() {
    // Everything there: a shape with stages, failures, a seed, choices, a parent.
    let mut doc = Document::default_topology();
    doc.traffic.shape =
        scalelab_model::Shape::Stages { stages: vec![scalelab_model::Stage { duration_s: 60.0, target_users: 5e3 }] };
    doc.traffic.daily_curve = true;
    doc.scenario.seed = 7;
    doc.scenario.failures.push(scalelab_model::Failure {
        component: doc.components[1].id.clone(),
        at_s: 10.0,
        duration_s: 5.0,
        kind: scalelab_model::FailureKind::Crash,
    });
    let region = scalelab_model::ComponentKind::Region;
    doc.components.push(scalelab_model::Component::new("eu", region, "Europe", scalelab_model::Point::new(0.0, 0.0)));
    doc.components[2].parent = Some(scalelab_model::ComponentId::new("eu"));
    doc.components[2] = doc.components[2].clone().with_param("instances", 3.0);
    doc.components[1] = doc.components[1].clone().with_choice("policy", "round_robin");
    assert_eq!(Document::from_json(&doc.to_json_pretty()).unwrap(), doc);

    // The least a document may say: the rest takes its defaults; unknown fields and a
    // null parent are let be.
    let least = r#"{"schema_version": 1, "components": [{"id": "u", "kind": "users", "parent": null, "note": 1}],
        "traffic": {"users": 1000}}"#;
    let read = Document::from_json(least).unwrap();
    assert_eq!((read.name.as_str(), read.links.len(), read.components[0].label.as_str()), ("", 0, ""));
    assert_eq!(read.components[0].pos_world, scalelab_model::Point::new(0.0, 0.0));
    assert!(read.components[0].parent.is_none() && read.components[0].params.is_empty());
    assert_eq!(read.traffic.shape, scalelab_model::Shape::Constant);

    let cases = [
        (r#""components": "none""#, "components: expected a list, found a string"),
        (
            r#""components": [{"id": "u", "kind": "users", "pos_world": {"x": "left", "y": 0}}]"#,
            "components[0].pos_world.x: expected a number, found a string",
        ),
        (r#""components": [{"kind": "users"}]"#, "components[0]: missing field \"id\""),
        (
            r#""components": [{"id": "u", "kind": "users", "params": {"instances": [2]}}]"#,
            "components[0].params.instances: expected a number or the name of a choice, found a list",
        ),
        (
            r#""components": [{"id": "u", "kind": "users", "label": null}]"#,
            "components[0].label: expected a string, found null",
        ),
        (
            r#""components": [], "traffic": {"users": 1, "shape": {"type": "spike", "at_s": 1}}"#,
            "traffic.shape: a spike shape needs \"duration_s\"",
        ),
        (
            r#""components": [], "traffic": {"users": 1, "shape": {"type": "stages", "stages": [{"duration_s": 1}]}}"#,
            "traffic.shape.stages[0]: missing field \"target_users\"",
        ),
        (
            r#""components": [], "scenario": {"seed": -1}"#,
            "scenario.seed: expected a whole number of at least 0, found a number",
        ),
        (
            r#""components": [], "scenario": {"failures": [{"component": "u", "at_s": 1, "duration_s": 1, "type": "flood"}]}"#,
            "scenario.failures[0]: unknown failure type \"flood\"",
        ),
        (r#""components": [], "links": [{"from": "a"}]"#, "links[0]: missing field \"to\""),
    ];
    for (body, expected) in cases {
        let text = format!(r#"{{"schema_version": 1, {body}}}"#);
        let error = Document::from_json(&text).unwrap_err().to_string();
        assert!(error.contains(expected), "{body}: {error}");
    }
    let error = Document::from_json("[1]").unwrap_err().to_string();
    assert!(error.contains("has no schema_version"), "{error}");
    let error = Document::from_json(r#"{"schema_version": "one"}"#).unwrap_err().to_string();
    assert!(error.contains("schema_version: expected a whole number"), "{error}");
}

/// The hand-written JSON (`write.rs`) is exactly serde_json's pretty printing of the
/// derived serialisers: for every example, the specimen that sets every field, and text
/// that needs escaping.
#[test]
fn the_written_json_is_serde_json_s_pretty_printing() {
    let mut docs: Vec<Document> = crate::share_link::examples().into_iter().map(|(_, doc)| doc).collect();
    docs.push(crate::schema::specimen());
    let mut odd = Document::default_topology();
    odd.name = "quote \" backslash \\ newline \n tab \t bell \u{7} é 😀 </script>".to_owned();
    odd.components[0].pos_world = scalelab_model::Point::new(-0.0, 1e300);
    odd.components[1] = odd.components[1].clone().with_param("nodes", 1.0 / 3.0);
    docs.push(odd);
    for doc in docs {
        assert_eq!(doc.to_json_pretty(), serde_json::to_string_pretty(&doc).unwrap(), "{}", doc.name);
    }
}
