//! A design survives the trip through its JSON and through an exported SVG.

use scalelab_editor::{document_from_text, svg_document};
use scalelab_model::Document;

#[test]
fn an_exported_svg_carries_the_design_back() {
    let mut doc = Document::default_topology();
    doc.name = "Tricky <name> & \"quotes\"".into();
    let svg = svg_document(&doc);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_eq!(document_from_text(&svg), Ok(doc.clone()));
    assert_eq!(document_from_text(&doc.to_json_pretty()), Ok(doc));
}

#[test]
fn other_files_are_refused_with_a_reason() {
    assert!(document_from_text("<svg></svg>").unwrap_err().contains("neither a scalelab design"));
    assert!(
        document_from_text("{\"schema_version\": 99, \"components\": []}").unwrap_err().contains("schema version 99")
    );
}
