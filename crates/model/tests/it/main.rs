//! Integration tests of the document crate: traffic arithmetic, parsing, validation.

mod document;
mod edit_helpers;
mod fuzzed;
mod k6;
mod params;
mod synthetic;
mod traffic;
mod validation;
