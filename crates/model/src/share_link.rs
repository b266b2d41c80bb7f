//! Share links: a whole design in a URL fragment, `#s1.` then base64url (no padding) of
//! zlib-wrapped deflate of the design's compact JSON.
//!
//! `s1` names this codec, not the schema: a later codec gets its own prefix and this one
//! is decoded forever. The schema version travels inside the payload (`"v"`), and decoding
//! migrates it like any document ([`crate::migrate`]). The zlib wrapper's Adler-32 checksum
//! makes a tampered or cut-off link fail loudly instead of opening something else.
//!
//! The compact JSON of schema version 1 is the document's JSON with short keys and
//! positional arrays, leaving out values equal to version 1's defaults:
//!
//! ```text
//! { "v": 1, "n": name, "c": [component...], "l": [link...], "t": traffic, "s": scenario }
//! component: [id, kind, x, y, label, parent, params]    link: [from, to, mode, params]
//! ```
//!
//! Omitted: an empty name, label or parameter map, no parent (`0` when a later field
//! follows), mode `call` (`1` is `publish`), traffic fields at their defaults (1,000 users,
//! constant shape, no daily curve) and an empty scenario. Whole numbers are written without
//! a fraction. These defaults are frozen with schema version 1 (the schema snapshot test):
//! a later version that changes one migrates old documents so they keep their meaning.

use data_encoding::BASE64URL_NOPAD;
use serde_json::{Map, Value, json};

use crate::document::MAX_DOCUMENT_BYTES;
use crate::{Document, LoadError, SCHEMA_VERSION};

/// The codec prefix of the fragment.
pub const PREFIX: &str = "s1.";
/// Longest link decoded (the fragment's characters): far beyond any design that fits in
/// [`MAX_DOCUMENT_BYTES`] once compressed, well under what browsers keep in a URL.
pub const MAX_LINK_CHARS: usize = 2_000_000;
/// Above this many characters a link is unwieldy (chat apps and some hosts cut it), so the
/// share dialog suggests a JSON file instead.
pub const LONG_LINK_CHARS: usize = 8_000;

/// Why a share link could not be opened. Each message says what is wrong with the link.
#[derive(Debug, thiserror::Error)]
pub enum ShareLinkError {
    #[error("this is not a scalelab share link: the part after # should start with \"{PREFIX}\"")]
    NotALink,
    #[error(
        "the link is in format \"{0}\", which this version of scalelab cannot read; it may come from a newer version"
    )]
    UnknownFormat(String),
    #[error("the link is {length} characters long; the limit is {limit}")]
    TooLong { length: usize, limit: usize },
    #[error("the link is damaged or cut off: {0}")]
    NotBase64(String),
    #[error("the link is damaged or cut off: its data does not unpack ({0})")]
    Damaged(String),
    #[error("the link's design would be over {limit} bytes once unpacked")]
    TooLarge { limit: usize },
    #[error("the link's data is not a scalelab design: {0}")]
    NotADesign(String),
    #[error(
        "the link was made by a newer version of scalelab (schema version {found}); this version reads versions 1 to {supported}"
    )]
    FromTheFuture { found: u32, supported: u32 },
    #[error("the link's design cannot be opened: {0}")]
    Load(LoadError),
}

/// The fragment (without `#`) that carries `doc`.
pub fn encode(doc: &Document) -> String {
    let full: Value = serde_json::from_str(&doc.to_json_pretty()).unwrap_or(Value::Null);
    let compact = compact_v1(&full);
    // Serialising a `Value` cannot fail.
    let text = serde_json::to_string(&compact).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 10);
    format!("{PREFIX}{}", BASE64URL_NOPAD.encode(&packed))
}

/// Opens a share link, given as a whole URL or as its fragment (with or without `#`):
/// unpacks, migrates and validates the design.
pub fn decode(link: &str) -> Result<Document, ShareLinkError> {
    let text = decode_to_json(link)?;
    Document::from_json(&text).map_err(|error| match error {
        LoadError::UnsupportedVersion { found, supported } if found > supported => {
            ShareLinkError::FromTheFuture { found, supported }
        }
        other => ShareLinkError::Load(other),
    })
}

/// The document JSON (of the version the link was made with, not yet migrated or
/// validated) that a link carries.
pub fn decode_to_json(link: &str) -> Result<String, ShareLinkError> {
    let fragment = link.trim();
    let fragment = fragment.split_once('#').map_or(fragment, |(_, after)| after);
    if fragment.len() > MAX_LINK_CHARS {
        return Err(ShareLinkError::TooLong { length: fragment.len(), limit: MAX_LINK_CHARS });
    }
    let Some(payload) = fragment.strip_prefix(PREFIX) else {
        return Err(match codec_name(fragment) {
            Some(name) => ShareLinkError::UnknownFormat(name.to_owned()),
            None => ShareLinkError::NotALink,
        });
    };
    let packed = BASE64URL_NOPAD.decode(payload.as_bytes()).map_err(|e| ShareLinkError::NotBase64(e.to_string()))?;
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_DOCUMENT_BYTES).map_err(|error| {
            match error.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                    ShareLinkError::TooLarge { limit: MAX_DOCUMENT_BYTES }
                }
                _ => ShareLinkError::Damaged(error.to_string()),
            }
        })?;
    let compact: Value = serde_json::from_slice(&bytes).map_err(|e| ShareLinkError::NotADesign(e.to_string()))?;
    let full = expand(&compact)?;
    Ok(serde_json::to_string(&full).unwrap_or_default())
}

/// `s7` in `s7.xyz`: a codec this version does not know.
fn codec_name(fragment: &str) -> Option<&str> {
    let (name, _) = fragment.split_once('.')?;
    let digits = name.strip_prefix('s')?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(name)
}

/// Expands a payload of whatever schema version it names into that version's document JSON.
fn expand(compact: &Value) -> Result<Value, ShareLinkError> {
    let version = compact.get("v").and_then(Value::as_u64).ok_or_else(|| not_a_design("no schema version \"v\""))?;
    match version {
        0 => Err(not_a_design("schema version 0")),
        1 => expand_v1(compact),
        // Every later version's compact form gets its own expander here; until then,
        // a newer version is refused by name.
        _ => Err(ShareLinkError::FromTheFuture {
            found: u32::try_from(version).unwrap_or(u32::MAX),
            supported: SCHEMA_VERSION,
        }),
    }
}

fn not_a_design(what: &str) -> ShareLinkError {
    ShareLinkError::NotADesign(what.to_owned())
}

/// Version 1's traffic defaults, frozen with the schema.
const V1_DEFAULT_USERS: f64 = 1_000.0;

fn compact_v1(full: &Value) -> Value {
    let mut out = Map::new();
    out.insert("v".into(), json!(1));
    if let Some(name) = full.get("name").filter(|n| n.as_str() != Some("")) {
        out.insert("n".into(), name.clone());
    }
    let components: Vec<Value> = list(full, "components").iter().map(compact_component).collect();
    out.insert("c".into(), Value::Array(components));
    let links: Vec<Value> = list(full, "links").iter().map(compact_link).collect();
    if !links.is_empty() {
        out.insert("l".into(), Value::Array(links));
    }
    if let Some(Value::Object(traffic)) = full.get("traffic") {
        let mut traffic = traffic.clone();
        if traffic.get("users").and_then(Value::as_f64) == Some(V1_DEFAULT_USERS) {
            traffic.remove("users");
        }
        if !traffic.is_empty() {
            out.insert("t".into(), whole_numbers(Value::Object(traffic)));
        }
    }
    if let Some(scenario) = full.get("scenario") {
        out.insert("s".into(), whole_numbers(scenario.clone()));
    }
    Value::Object(out)
}

fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn compact_component(c: &Value) -> Value {
    let pos = c.get("pos_world");
    let coordinate = |axis| whole_numbers(pos.and_then(|p| p.get(axis)).cloned().unwrap_or(json!(0)));
    let fields = vec![
        c.get("id").cloned().unwrap_or(Value::Null),
        c.get("kind").cloned().unwrap_or(Value::Null),
        coordinate("x"),
        coordinate("y"),
        c.get("label").cloned().unwrap_or(json!("")),
        c.get("parent").cloned().unwrap_or(json!(0)),
        whole_numbers(c.get("params").cloned().unwrap_or(json!({}))),
    ];
    trim_defaults(fields, 4, &[json!(""), json!(0), json!({})])
}

fn compact_link(l: &Value) -> Value {
    let mode = if l.get("mode").and_then(Value::as_str) == Some("publish") { 1 } else { 0 };
    let fields = vec![
        l.get("from").cloned().unwrap_or(Value::Null),
        l.get("to").cloned().unwrap_or(Value::Null),
        json!(mode),
        whole_numbers(l.get("params").cloned().unwrap_or(json!({}))),
    ];
    trim_defaults(fields, 2, &[json!(0), json!({})])
}

/// Drops trailing optional fields (those after the first `required`) that hold their default.
fn trim_defaults(mut fields: Vec<Value>, required: usize, defaults: &[Value]) -> Value {
    while fields.len() > required && fields.last() == defaults.get(fields.len() - required - 1) {
        fields.pop();
    }
    Value::Array(fields)
}

/// Writes whole floating-point numbers as integers (`40` rather than `40.0`); they read
/// back as the same `f64`.
fn whole_numbers(value: Value) -> Value {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if !n.is_i64() && !n.is_u64() && f.fract() == 0.0 && f.abs() < 9.0e15 => json!(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(whole_numbers).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, whole_numbers(v))).collect()),
        other => other,
    }
}

fn expand_v1(compact: &Value) -> Result<Value, ShareLinkError> {
    let mut out = Map::new();
    out.insert("schema_version".into(), json!(1));
    out.insert("name".into(), compact.get("n").cloned().unwrap_or(json!("")));
    let components = compact.get("c").and_then(Value::as_array).ok_or_else(|| not_a_design("no components \"c\""))?;
    let components: Result<Vec<Value>, _> = components.iter().map(expand_component).collect();
    out.insert("components".into(), Value::Array(components?));
    let links: Result<Vec<Value>, _> = list(compact, "l").iter().map(expand_link).collect();
    out.insert("links".into(), Value::Array(links?));
    let mut traffic = match compact.get("t") {
        None => Map::new(),
        Some(Value::Object(t)) => t.clone(),
        Some(_) => return Err(not_a_design("traffic \"t\" is not an object")),
    };
    traffic.entry("users").or_insert(json!(V1_DEFAULT_USERS));
    out.insert("traffic".into(), Value::Object(traffic));
    if let Some(scenario) = compact.get("s") {
        out.insert("scenario".into(), scenario.clone());
    }
    Ok(Value::Object(out))
}

fn fields<'a>(value: &'a Value, what: &str, required: usize) -> Result<&'a [Value], ShareLinkError> {
    match value.as_array() {
        Some(items) if items.len() >= required => Ok(items),
        _ => Err(ShareLinkError::NotADesign(format!("a {what} is not a list of at least {required} fields"))),
    }
}

fn expand_component(c: &Value) -> Result<Value, ShareLinkError> {
    let f = fields(c, "component", 4)?;
    let mut out = Map::new();
    out.insert("id".into(), f[0].clone());
    out.insert("kind".into(), f[1].clone());
    out.insert("pos_world".into(), json!({ "x": f[2], "y": f[3] }));
    out.insert("label".into(), f.get(4).cloned().unwrap_or(json!("")));
    if let Some(parent) = f.get(5).filter(|p| **p != json!(0)) {
        out.insert("parent".into(), parent.clone());
    }
    if let Some(params) = f.get(6) {
        out.insert("params".into(), params.clone());
    }
    Ok(Value::Object(out))
}

fn expand_link(l: &Value) -> Result<Value, ShareLinkError> {
    let f = fields(l, "link", 2)?;
    let mode = match f.get(2) {
        None => "call",
        Some(m) if *m == json!(0) => "call",
        Some(m) if *m == json!(1) => "publish",
        Some(other) => return Err(ShareLinkError::NotADesign(format!("a link's mode is {other}; it must be 0 or 1"))),
    };
    let mut out = Map::new();
    out.insert("from".into(), f[0].clone());
    out.insert("to".into(), f[1].clone());
    out.insert("mode".into(), json!(mode));
    if let Some(params) = f.get(3) {
        out.insert("params".into(), params.clone());
    }
    Ok(Value::Object(out))
}
