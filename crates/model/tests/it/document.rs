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
    assert!(error.contains("unknown component kind \"balancer\"; the kinds are users, dns, cdn, load_balancer"), "{error}");
    assert!(error.contains("line "), "{error}");
    let mut doc = doc;
    doc.links[0].mode = scalelab_model::LinkMode::Publish;
    let text = doc.to_json_pretty();
    assert!(text.contains("\"mode\": \"publish\""), "{text}");
    assert_eq!(Document::from_json(&text).unwrap(), doc);
    let error = Document::from_json(&text.replace("\"publish\"", "\"cast\"")).unwrap_err().to_string();
    assert!(error.contains("unknown link mode \"cast\"; the modes are call and publish"), "{error}");
}

#[test]
fn a_future_schema_version_is_refused_by_name() {
    let text = Document::default_topology().to_json_pretty().replace("\"schema_version\": 1", "\"schema_version\": 99");
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
