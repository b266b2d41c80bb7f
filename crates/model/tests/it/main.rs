//! Integration tests of the document crate: traffic arithmetic, parsing, validation.

mod document;
mod params;
mod traffic;
mod validation;
