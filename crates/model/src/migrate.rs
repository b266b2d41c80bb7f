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

/// The migrations in order: the first takes version 1 to 2. Version 1 is the first
/// released schema, so there are none yet.
pub const MIGRATIONS: &[Migration] = &[];

/// The schema version a document's JSON says it has.
pub fn version_of(value: &Value) -> Result<u32, LoadError> {
    match value.get("schema_version") {
        None => Err(LoadError::NoVersion),
        Some(v) => v.as_u64().and_then(|v| u32::try_from(v).ok()).ok_or_else(|| LoadError::BadVersion(v.to_string())),
    }
}

/// Lifts a document's JSON to the current schema version, one numbered step at a time.
/// A version below 1 or above [`SCHEMA_VERSION`] is refused by name.
pub fn to_current(mut value: Value) -> Result<Value, LoadError> {
    let found = version_of(&value)?;
    if found == 0 || found > SCHEMA_VERSION {
        return Err(LoadError::UnsupportedVersion { found, supported: SCHEMA_VERSION });
    }
    for (from, migration) in (found..SCHEMA_VERSION).zip(MIGRATIONS.iter().skip(found as usize - 1)) {
        value = migration(value);
        if let Some(object) = value.as_object_mut() {
            object.insert("schema_version".to_owned(), Value::from(from + 1));
        }
    }
    Ok(value)
}
