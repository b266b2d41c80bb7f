//! What the fuzz targets share: comparing documents as their JSON, numbers within a few
//! units in the last place (JSON numbers are read fast, not exactly: a number that needs
//! 16 or 17 digits may come back one unit in the last place apart).

use serde_json::Value;

/// Whether two JSON values are equal, numbers within 4 units in the last place.
pub fn close(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => x == y || (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs()),
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| close(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| close(v, w)))
        }
        _ => a == b,
    }
}

/// A document as JSON values, for [`close`].
pub fn json(doc: &scalelab_model::Document) -> Value {
    serde_json::from_str(&doc.to_json_pretty()).unwrap_or(Value::Null)
}
