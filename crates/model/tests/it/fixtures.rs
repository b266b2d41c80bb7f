//! Golden links and documents of every schema version (`tests/fixtures/links/v{N}/`) open,
//! migrate and equal the expected current document (`tests/fixtures/links/expected/`),
//! forever. Files of a released version are never edited; `SCALELAB_BLESS=1` only writes
//! the files of the current version that are missing.

use std::path::Path;

use scalelab_model::{Document, SCHEMA_VERSION, share_link};

use crate::schema::fixtures;
use crate::share_link::examples;

fn bless_missing(dir: &Path, name: &str, doc: &Document) {
    let current = dir.join(format!("v{SCHEMA_VERSION}"));
    let files = [
        (current.join(format!("{name}.link")), format!("#{}\n", share_link::encode(doc))),
        (current.join(format!("{name}.json")), doc.to_json_pretty() + "\n"),
        (dir.join("expected").join(format!("{name}.json")), doc.to_json_pretty() + "\n"),
    ];
    for (path, text) in files {
        if !path.exists() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }
}

#[test]
fn golden_links_and_documents_of_every_version_open_as_expected() {
    let dir = fixtures().join("links");
    if std::env::var_os("SCALELAB_BLESS").is_some() {
        for (name, doc) in examples() {
            bless_missing(&dir, &name, &doc);
        }
        // Named by version from version 2 on: each version's specimen sets its own fields.
        bless_missing(&dir, &format!("every-field-v{SCHEMA_VERSION}"), &crate::schema::specimen());
    }
    let mut checked = 0;
    for version in 1..=SCHEMA_VERSION {
        let folder = dir.join(format!("v{version}"));
        let mut files: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        assert!(!files.is_empty(), "{} holds no fixtures", folder.display());
        for path in files {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let opened = match path.extension().and_then(|e| e.to_str()) {
                Some("link") => share_link::decode(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
                Some("json") => Document::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
                _ => continue,
            };
            let expected = dir.join("expected").join(format!("{name}.json"));
            let expected = Document::from_json(&std::fs::read_to_string(&expected).unwrap()).unwrap();
            assert_eq!(opened, expected, "{} does not open as expected/{name}.json", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 12, "only {checked} fixtures");
}

#[test]
fn the_current_version_has_a_golden_link_and_document_of_every_example() {
    let folder = fixtures().join("links").join(format!("v{SCHEMA_VERSION}"));
    for (name, _) in examples() {
        for extension in ["link", "json"] {
            let path = folder.join(format!("{name}.{extension}"));
            assert!(path.exists(), "{} is missing (SCALELAB_BLESS=1 writes it)", path.display());
        }
    }
}
