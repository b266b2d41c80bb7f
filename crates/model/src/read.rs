//! Reading a design's JSON by hand, from a parsed [`serde_json::Value`].
//!
//! serde's derived readers compile into a visitor per type and per field: about 27 KB of
//! the page's wasm for the document's types. These functions read the same JSON (absent
//! optional fields take their defaults, unknown fields are ignored, `null` is "none" only
//! where a value is optional) in a fraction of that. A parsed value no longer knows its
//! line, so a value of the wrong type is named by its path in the document instead:
//! `components[2].pos_world.x: expected a number, found a string`.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::scenario::FailureFields;
use crate::traffic::ShapeFields;
use crate::{
    Component, ComponentId, ComponentKind, Document, Failure, Link, LinkMode, ParamValue, Point, Scenario, Shape,
    Stage, Traffic,
};

type Read<T> = Result<T, String>;
type Reader<T> = fn(&Value, &str) -> Read<T>;

/// What a JSON value is, for messages.
fn what(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn wrong(path: &str, expected: &str, value: &Value) -> String {
    let path = if path.is_empty() { "the document" } else { path };
    format!("{path}: expected {expected}, found {}", what(value))
}

/// The path of `key` inside the value at `path`.
fn at(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") }
}

fn object<'v>(value: &'v Value, path: &str) -> Read<&'v Map<String, Value>> {
    value.as_object().ok_or_else(|| wrong(path, "an object", value))
}

fn number(value: &Value, path: &str) -> Read<f64> {
    value.as_f64().ok_or_else(|| wrong(path, "a number", value))
}

fn text(value: &Value, path: &str) -> Read<String> {
    value.as_str().map(str::to_owned).ok_or_else(|| wrong(path, "a string", value))
}

fn whole(value: &Value, path: &str) -> Read<u64> {
    value.as_u64().ok_or_else(|| wrong(path, "a whole number of at least 0", value))
}

fn id(value: &Value, path: &str) -> Read<ComponentId> {
    text(value, path).map(ComponentId)
}

/// A field that must be there.
fn field<T>(o: &Map<String, Value>, path: &str, key: &str, read: Reader<T>) -> Read<T> {
    match o.get(key) {
        Some(value) => read(value, &at(path, key)),
        None => Err(format!("{}: missing field \"{key}\"", if path.is_empty() { "the document" } else { path })),
    }
}

/// A field that may be left out (or, with `null_is_none`, be `null`).
fn optional<T>(o: &Map<String, Value>, path: &str, key: &str, read: Reader<T>, null_is_none: bool) -> Read<Option<T>> {
    match o.get(key) {
        None => Ok(None),
        Some(Value::Null) if null_is_none => Ok(None),
        Some(value) => read(value, &at(path, key)).map(Some),
    }
}

/// A field with a default when left out.
fn or_default<T: Default>(o: &Map<String, Value>, path: &str, key: &str, read: Reader<T>) -> Read<T> {
    optional(o, path, key, read, false).map(Option::unwrap_or_default)
}

fn list<T>(value: &Value, path: &str, read: Reader<T>) -> Read<Vec<T>> {
    let items = value.as_array().ok_or_else(|| wrong(path, "a list", value))?;
    let mut read_items = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        read_items.push(read(item, &format!("{path}[{i}]"))?);
    }
    Ok(read_items)
}

pub(crate) fn document(value: &Value, path: &str) -> Read<Document> {
    let o = object(value, path)?;
    let version = field(o, path, "schema_version", whole)?;
    Ok(Document {
        schema_version: u32::try_from(version).map_err(|_| format!("schema_version {version} is too large"))?,
        name: or_default(o, path, "name", text)?,
        components: field(o, path, "components", |v, p| list(v, p, component))?,
        links: or_default(o, path, "links", |v, p| list(v, p, link))?,
        traffic: or_default(o, path, "traffic", traffic)?,
        scenario: or_default(o, path, "scenario", scenario)?,
    })
}

fn component(value: &Value, path: &str) -> Read<Component> {
    let o = object(value, path)?;
    Ok(Component {
        id: field(o, path, "id", id)?,
        kind: field(o, path, "kind", |v, p| ComponentKind::from_key(&text(v, p)?).map_err(|e| format!("{p}: {e}")))?,
        label: or_default(o, path, "label", text)?,
        pos_world: or_default(o, path, "pos_world", point)?,
        parent: optional(o, path, "parent", id, true)?,
        params: or_default(o, path, "params", params)?,
    })
}

fn link(value: &Value, path: &str) -> Read<Link> {
    let o = object(value, path)?;
    Ok(Link {
        from: field(o, path, "from", id)?,
        to: field(o, path, "to", id)?,
        mode: or_default(o, path, "mode", |v, p| LinkMode::try_from(text(v, p)?).map_err(|e| format!("{p}: {e}")))?,
        params: or_default(o, path, "params", params)?,
    })
}

fn point(value: &Value, path: &str) -> Read<Point> {
    let o = object(value, path)?;
    Ok(Point { x: field(o, path, "x", number)?, y: field(o, path, "y", number)? })
}

fn params(value: &Value, path: &str) -> Read<BTreeMap<String, ParamValue>> {
    let mut params = BTreeMap::new();
    // One by one: collecting into a map would sort the pairs first (4 KB of wasm).
    for (key, value) in object(value, path)? {
        let param = match value {
            Value::Number(_) => ParamValue::Number(number(value, path)?),
            Value::String(choice) => ParamValue::Choice(choice.clone()),
            _ => return Err(wrong(&at(path, key), "a number or the name of a choice", value)),
        };
        params.insert(key.clone(), param);
    }
    Ok(params)
}

fn traffic(value: &Value, path: &str) -> Read<Traffic> {
    let o = object(value, path)?;
    Ok(Traffic {
        users: field(o, path, "users", number)?,
        shape: or_default(o, path, "shape", shape)?,
        daily_curve: or_default(o, path, "daily_curve", |v, p| {
            v.as_bool().ok_or_else(|| wrong(p, "true or false", v))
        })?,
    })
}

fn shape(value: &Value, path: &str) -> Read<Shape> {
    let o = object(value, path)?;
    let n = |key: &str| optional(o, path, key, number, true);
    let fields = ShapeFields {
        kind: field(o, path, "type", text)?,
        from: n("from")?,
        to: n("to")?,
        duration_s: n("duration_s")?,
        at_s: n("at_s")?,
        factor: n("factor")?,
        period_s: n("period_s")?,
        amplitude: n("amplitude")?,
        stages: optional(o, path, "stages", |v, p| list(v, p, stage), true)?,
    };
    Shape::try_from(fields).map_err(|e| format!("{path}: {e}"))
}

fn stage(value: &Value, path: &str) -> Read<Stage> {
    let o = object(value, path)?;
    Ok(Stage {
        duration_s: field(o, path, "duration_s", number)?,
        target_users: field(o, path, "target_users", number)?,
    })
}

fn scenario(value: &Value, path: &str) -> Read<Scenario> {
    let o = object(value, path)?;
    Ok(Scenario {
        failures: or_default(o, path, "failures", |v, p| list(v, p, failure))?,
        seed: or_default(o, path, "seed", whole)?,
        thresholds: or_default(o, path, "thresholds", |v, p| list(v, p, threshold))?,
    })
}

fn threshold(value: &Value, path: &str) -> Read<crate::slo::Threshold> {
    crate::slo::Threshold::parse(&text(value, path)?).map_err(|e| format!("{path}: {e}"))
}

fn failure(value: &Value, path: &str) -> Read<Failure> {
    let o = object(value, path)?;
    let fields = FailureFields {
        component: field(o, path, "component", id)?,
        at_s: field(o, path, "at_s", number)?,
        duration_s: field(o, path, "duration_s", number)?,
        kind: field(o, path, "type", text)?,
    };
    Failure::try_from(fields).map_err(|e| format!("{path}: {e}"))
}

impl Document {
    /// Reads a document from a parsed JSON value at `path` (for messages; empty for a
    /// document on its own), without migrating or validating it: for stores that keep
    /// documents inside their own JSON.
    pub fn read_value(value: &Value, path: &str) -> Result<Document, String> {
        document(value, path)
    }
}

/// serde reads a document (in the tests, and anywhere a document sits inside other JSON)
/// through a parsed value and the functions above. Its parts are only ever read as part of
/// a document, so they need no reader of their own.
impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        document(&value, "").map_err(serde::de::Error::custom)
    }
}
