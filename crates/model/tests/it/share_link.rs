//! Share links: round trips of every example and of arbitrary documents, the sizes the
//! examples need, and a clear error for every kind of bad link.

use proptest::prelude::*;
use scalelab_model::share_link::{self, PREFIX, ShareLinkError};
use scalelab_model::{
    Component, ComponentId, ComponentKind, Document, Failure, FailureKind, Link, LinkMode, ParamValue, Point,
    SCHEMA_VERSION, Scenario, Shape, Stage, Traffic,
};

pub fn examples() -> Vec<(String, Document)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/examples");
    let mut found: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    found.sort();
    found
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, Document::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap())
        })
        .collect()
}

#[test]
fn every_example_round_trips_and_the_stages_fit_in_two_thousand_characters() {
    let mut sizes = Vec::new();
    for (name, doc) in examples() {
        let link = share_link::encode(&doc);
        assert!(link.starts_with(PREFIX), "{link}");
        assert_eq!(share_link::decode(&link).unwrap(), doc, "{name}");
        // The whole link, as the share dialog shows it: `#` and the fragment.
        let length = link.len() + 1;
        if name.starts_with("stage-") {
            assert!(length <= 2_000, "{name} needs {length} characters");
        }
        sizes.push(format!("{name}: {length}"));
    }
    assert_eq!(sizes.len(), 6);
    println!("fragment sizes: {sizes:?}");
}

#[test]
fn a_link_opens_from_a_whole_url_or_a_fragment_with_or_without_hash() {
    let doc = Document::default_topology();
    let fragment = share_link::encode(&doc);
    for link in [fragment.clone(), format!("#{fragment}"), format!("https://example.org/scalelab/?embed=1#{fragment}")]
    {
        assert_eq!(share_link::decode(&link).unwrap(), doc);
    }
}

fn error_of(link: &str) -> String {
    share_link::decode(link).unwrap_err().to_string()
}

#[test]
fn bad_links_say_what_is_wrong() {
    let good = share_link::encode(&Document::default_topology());
    let truncated = &good[..good.len() - 9];
    assert!(error_of(truncated).contains("damaged or cut off"), "{}", error_of(truncated));
    // Change one character in the middle: the checksum (or the inflater) notices.
    let mut tampered = good.clone().into_bytes();
    let middle = tampered.len() / 2;
    tampered[middle] = if tampered[middle] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    assert!(error_of(&tampered).contains("damaged or cut off"), "{}", error_of(&tampered));
    assert!(error_of("s1.abc*def").contains("damaged or cut off"));
    assert!(error_of("#hello").contains("not a scalelab share link"));
    assert!(error_of("https://example.org/").contains("not a scalelab share link"));
    assert!(error_of("s9.AAAA").contains("format \"s9\""));
    let long = format!("{PREFIX}{}", "A".repeat(share_link::MAX_LINK_CHARS));
    assert!(matches!(share_link::decode(&long), Err(ShareLinkError::TooLong { .. })));
}

/// A payload packed the way the codec packs it, whatever it holds.
fn pack(payload: &[u8]) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(payload, 6);
    format!("{PREFIX}{}", data_encoding::BASE64URL_NOPAD.encode(&packed))
}

#[test]
fn a_link_from_a_newer_version_is_refused_by_name() {
    let error = error_of(&pack(br#"{"schema_version":7,"components":[]}"#));
    assert!(error.contains("newer version of scalelab (schema version 7)"), "{error}");
}

#[test]
fn a_link_that_unpacks_beyond_the_document_limit_is_refused() {
    let bomb = vec![b' '; scalelab_model::MAX_DOCUMENT_BYTES + 1];
    let link = pack(&bomb);
    assert!(link.len() < 20_000, "{}", link.len());
    assert!(matches!(share_link::decode(&link), Err(ShareLinkError::TooLarge { .. })));
}

#[test]
fn well_packed_payloads_that_are_not_designs_are_refused_with_the_reason() {
    assert!(error_of(&pack(b"not json")).contains("not a scalelab design"));
    assert!(error_of(&pack(&[0xff, 0xfe])).contains("not UTF-8"));
    assert!(error_of(&pack(br#"{"components":[]}"#)).contains("has no schema_version"));
    let doc = br#"{"schema_version":1,"components":[{"id":"a","kind":"users"},{"id":"a","kind":"dns"}]}"#;
    let invalid = error_of(&pack(doc));
    assert!(invalid.contains("cannot be opened") && invalid.contains("\"a\""), "{invalid}");
}

#[test]
fn the_payload_is_the_minified_document_which_leaves_defaults_out() {
    let doc = Document::default_topology();
    let payload = share_link::decode_to_json(&share_link::encode(&doc)).unwrap();
    assert!(!payload.contains('\n') && !payload.contains(": ") && !payload.contains(", "), "{payload}");
    assert!(
        payload.starts_with(r#"{"schema_version":2,"name":"Two app servers behind a load balancer","#),
        "{payload}"
    );
    assert!(!payload.contains("params") && !payload.contains("scenario") && !payload.contains("shape"), "{payload}");
    let value: serde_json::Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(value, serde_json::from_str::<serde_json::Value>(&doc.to_json_pretty()).unwrap());
}

/// Numbers of up to 15 significant digits, which is what people type and what the
/// editor writes (whole and decimal figures). serde_json reads those back exactly; a
/// number that needs 16 or 17 digits (a position left by a drag at some zoom) may read
/// back one unit in the last place apart, as it does from the autosave: exact reading
/// (serde_json's float_roundtrip) would cost the web app 8 KB of its gzipped wasm.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-1_000_000_000i64..1_000_000_000).prop_map(|n| n as f64),
        (-10_000_000_000_000i64..10_000_000_000_000, 0u32..7).prop_map(|(n, d)| n as f64 / 10f64.powi(d as i32)),
    ]
}

fn param_value() -> impl Strategy<Value = ParamValue> {
    prop_oneof![number().prop_map(ParamValue::Number), "[a-z_]{1,12}".prop_map(ParamValue::Choice)]
}

fn params() -> impl Strategy<Value = std::collections::BTreeMap<String, ParamValue>> {
    prop::collection::btree_map("[a-z_]{1,16}", param_value(), 0..4)
}

fn component() -> impl Strategy<Value = Component> {
    let kind = prop::sample::select(ComponentKind::ALL.to_vec());
    (("[a-z0-9-]{1,12}", kind, ".{0,20}", number(), number()), prop::option::of("[a-z]{1,6}"), params()).prop_map(
        |((id, kind, label, x, y), parent, params)| Component {
            id: ComponentId::new(id),
            kind,
            label,
            pos_world: Point::new(x, y),
            parent: parent.map(ComponentId::new),
            params,
        },
    )
}

fn link() -> impl Strategy<Value = Link> {
    ("[a-z]{1,6}", "[a-z]{1,6}", any::<bool>(), params()).prop_map(|(from, to, publish, params)| Link {
        from: ComponentId::new(from),
        to: ComponentId::new(to),
        mode: if publish { LinkMode::Publish } else { LinkMode::Call },
        params,
    })
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        Just(Shape::Constant),
        (number(), number(), number()).prop_map(|(from, to, duration_s)| Shape::Ramp { from, to, duration_s }),
        (number(), number()).prop_map(|(at_s, factor)| Shape::Step { at_s, factor }),
        (number(), number(), number()).prop_map(|(at_s, duration_s, factor)| Shape::Spike { at_s, duration_s, factor }),
        (number(), number()).prop_map(|(period_s, amplitude)| Shape::Wave { period_s, amplitude }),
        prop::collection::vec((number(), number()), 0..3).prop_map(|stages| Shape::Stages {
            stages: stages.into_iter().map(|(duration_s, target_users)| Stage { duration_s, target_users }).collect()
        }),
    ]
}

fn document() -> impl Strategy<Value = Document> {
    let failure = ("[a-z]{1,6}", number(), number()).prop_map(|(id, at_s, duration_s)| Failure {
        component: ComponentId::new(id),
        at_s,
        duration_s,
        kind: FailureKind::Crash,
    });
    (
        ".{0,30}",
        prop::collection::vec(component(), 0..8),
        prop::collection::vec(link(), 0..8),
        (number(), shape(), any::<bool>()),
        (prop::collection::vec(failure, 0..3), any::<u64>()),
    )
        .prop_map(|(name, components, links, (users, shape, daily_curve), (failures, seed))| Document {
            schema_version: SCHEMA_VERSION,
            name,
            components,
            links,
            traffic: Traffic { users, shape, daily_curve },
            scenario: Scenario { failures, seed, thresholds: Vec::new() },
        })
}

proptest! {
    /// The hand-written JSON is serde_json's pretty printing of the derived serialisers.
    #[test]
    fn any_document_is_written_as_serde_json_writes_it(doc in document()) {
        prop_assert_eq!(doc.to_json_pretty(), serde_json::to_string_pretty(&doc).unwrap());
    }

    /// Any document, valid or not, comes back field for field (validation aside).
    #[test]
    fn any_document_round_trips_exactly(doc in document()) {
        let json = share_link::decode_to_json(&share_link::encode(&doc)).unwrap();
        let back: Document = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, doc);
    }

    /// Arbitrary text after the prefix is an error, never a panic.
    #[test]
    fn arbitrary_payloads_never_panic(payload in ".{0,200}") {
        let _result = share_link::decode(&format!("{PREFIX}{payload}"));
    }

    /// A link with one character changed or cut short is refused or opens a valid design; never panics.
    #[test]
    fn damaged_links_never_panic(at in 0usize..400, cut in any::<bool>(), byte in 0u8..64) {
        let link = share_link::encode(&Document::default_topology());
        let at = PREFIX.len() + at % (link.len() - PREFIX.len());
        let damaged = if cut {
            link[..at].to_owned()
        } else {
            let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            let mut bytes = link.into_bytes();
            bytes[at] = alphabet[usize::from(byte)];
            String::from_utf8(bytes).unwrap()
        };
        if let Ok(doc) = share_link::decode(&damaged) {
            prop_assert!(scalelab_model::validate(&doc).is_ok());
        }
    }
}

/// The demo post in public/ embeds designs by link: they must keep opening.
#[test]
fn the_demo_posts_links_open() {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/demo-post.html")).unwrap();
    let links: Vec<&str> =
        page.split('#').skip(1).filter_map(|rest| rest.split('"').next()).filter(|l| l.starts_with(PREFIX)).collect();
    assert_eq!(links.len(), 2, "{links:?}");
    for link in links {
        share_link::decode(link).unwrap();
    }
}
