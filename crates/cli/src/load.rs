//! Reading a design file and the options every command shares.

use std::path::Path;

use scalelab_model::{Document, parse_users};

/// Loads and validates a design; `users` overrides its user count.
pub fn design(path: &Path, users: Option<&str>) -> Result<Document, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut doc = Document::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if let Some(users) = users {
        doc.traffic.users = parse_users(users).map_err(|e| format!("--users: {e}"))?;
    }
    Ok(doc)
}

/// A user count given on the command line (e.g. 1e3, 250K, 1B).
pub fn users_arg(name: &str, text: &str) -> Result<f64, String> {
    parse_users(text).map_err(|e| format!("--{name}: {e}"))
}

pub fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value).map_err(|e| format!("cannot write the report: {e}"))
}
