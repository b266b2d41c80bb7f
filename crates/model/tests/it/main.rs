//! Integration tests of the document crate: traffic arithmetic, parsing, validation.

mod document;
mod traffic;
mod validation;
