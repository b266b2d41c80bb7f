//! The parameter table is complete and self-consistent: every default is allowed, every
//! parameter says where its default comes from and what it means.

use std::collections::BTreeSet;

use scalelab_model::{ComponentKind, ParamSpec, ParamValue, link_params};

fn check_table(owner: &str, table: &[ParamSpec]) {
    let mut keys = BTreeSet::new();
    for spec in table {
        assert!(keys.insert(spec.key), "{owner}: {} appears twice", spec.key);
        assert!(!spec.name.is_empty() && !spec.help.is_empty() && !spec.source.is_empty(), "{owner}.{}", spec.key);
        let default = if spec.is_choice() {
            ParamValue::Choice(spec.default_choice().to_owned())
        } else {
            assert!(spec.min <= spec.max && !spec.unit.is_empty(), "{owner}.{}: range or unit", spec.key);
            ParamValue::Number(spec.default)
        };
        assert!(spec.accepts(&default), "{owner}.{}: default {default:?} is not allowed", spec.key);
    }
}

#[test]
fn every_default_is_allowed_and_sourced() {
    for kind in ComponentKind::ALL {
        check_table(kind.name(), kind.params());
        assert!(!kind.description().is_empty());
    }
    check_table("link", link_params());
}

#[test]
fn every_kind_that_does_work_has_parameters() {
    let without: Vec<&str> = ComponentKind::ALL.iter().filter(|k| k.params().is_empty()).map(|k| k.name()).collect();
    assert_eq!(
        without,
        ["Traffic split", "Zone"],
        "a traffic split is driven by its links' weights; a zone by its region"
    );
}

/// Messages lower-case kind names with `to_ascii_lowercase` (the Unicode tables of
/// `to_lowercase` cost the wasm about 3 KB), which is only right while they are ASCII.
#[test]
fn kind_names_are_ascii() {
    for kind in scalelab_model::ComponentKind::ALL {
        assert!(kind.name().is_ascii(), "{:?}", kind.name());
    }
}

/// The web app leaves the help and sources out of its wasm and fetches them from
/// `public/params.json`: that file must say what the table says. After changing the
/// table, write it again with `SCALELAB_WRITE_PARAMS=1 cargo test -p scalelab-model params`.
#[test]
fn the_published_help_is_the_table_s() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/params.json");
    let expected = scalelab_model::docs_json();
    if std::env::var_os("SCALELAB_WRITE_PARAMS").is_some() {
        std::fs::write(&path, &expected).expect("public/params.json is writable");
    }
    let published = std::fs::read_to_string(&path).expect("public/params.json exists");
    assert!(published == expected, "public/params.json is out of date: see this test's comment");
    let parsed: serde_json::Value = serde_json::from_str(&published).expect("valid JSON");
    assert_eq!(parsed["Service"]["instances"][0], ComponentKind::Service.params()[0].help);
    assert_eq!(parsed["link"].as_object().map(|o| o.len()), Some(link_params().len()));
}
