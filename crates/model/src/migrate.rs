//! Schema migrations: numbered pure functions that lift a document's JSON from one schema
//! version to the next, so a file or link made by any released version opens in every
//! later one.
//!
//! The contract (tests hold it; see `docs/document-format.md`):
//! - `MIGRATIONS[i]` takes a document of version `i + 1` to version `i + 2`; it is pure
//!   (JSON in, JSON out) and never changes once released.
//! - A document stores only the parameters that differ from their defaults, and a share
//!   link omits further defaults (see [`crate::share_link`]). Defaults therefore belong to
//!   the schema: changing one means a new version whose migration first writes the old
//!   default out explicitly wherever a document relied on it, so an old design never
//!   changes meaning. The schema snapshot test fails on any change made without that.
//! - Every version's documents and links are kept in `tests/fixtures/links/` and must load
//!   to the expected current document, forever.

use serde_json::Value;

use crate::{LoadError, SCHEMA_VERSION};

/// A migration from version `n` to `n + 1`.
pub type Migration = fn(Value) -> Value;

/// The migrations in order: the first takes version 1 to 2.
pub const MIGRATIONS: &[Migration] = &[v1_to_v2];

/// Version 2 adds the scenario's `thresholds` (k6-style objectives). A version 1 document
/// has none, and no default changed, so its JSON means the same as it is.
fn v1_to_v2(value: Value) -> Value {
    value
}

/// The schema version a parsed document says it has.
pub fn version_of(value: &Value) -> Result<u32, LoadError> {
    let version = value.get("schema_version").ok_or(LoadError::NoVersion)?;
    let version = version
        .as_u64()
        .ok_or_else(|| LoadError::Read("schema_version: expected a whole number of at least 0".to_owned()))?;
    Ok(u32::try_from(version).unwrap_or(u32::MAX))
}

/// Lifts the JSON of a document of version `from` (1 <= `from` < [`SCHEMA_VERSION`]) to
/// the current version, one numbered step at a time.
pub fn to_current(mut value: Value, from: u32) -> Value {
    let steps = MIGRATIONS.iter().skip(from.saturating_sub(1) as usize);
    for (to, migration) in (from + 1..=SCHEMA_VERSION).zip(steps) {
        value = migration(value);
        if let Some(object) = value.as_object_mut() {
            object.insert("schema_version".to_owned(), Value::from(to));
        }
    }
    value
}
