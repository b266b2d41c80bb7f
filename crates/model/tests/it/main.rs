//! Integration tests of the document crate: traffic arithmetic, parsing, validation,
//! the frozen schema, migrations and share links.

mod document;
mod edit_helpers;
mod fixtures;
mod fuzzed;
mod k6;
mod params;
mod schema;
mod share_link;
mod slo;
mod synthetic;
mod traffic;
mod validation;
