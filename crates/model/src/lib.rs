//! The scalelab document: what a user builds and shares.
//!
//! A [`Document`] is a topology (components and links), a traffic setting and a schema
//! version. This crate knows nothing of simulation or of the browser: it defines the
//! shape of the data, the parameter table every component kind draws from, and the
//! validation that reports every problem it finds, the schema's migrations and the
//! share-link codec.

// Input from users and links reaches this code: it returns errors, never panics.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

mod document;
pub mod k6;
mod kind;
pub mod lint;
pub mod migrate;
pub mod number;
mod params;
mod read;
mod scenario;
pub mod share_link;
pub mod slo;
pub mod synthetic;
mod technique;
mod traffic;
mod validate;
pub mod write;

pub use document::{
    Component, ComponentId, Document, Link, LinkMode, LoadError, MAX_DOCUMENT_BYTES, Point, SCHEMA_VERSION,
};
pub use kind::{ComponentKind, KindGroup};
#[cfg(feature = "docs")]
pub use params::docs_json;
pub use params::{ParamSpec, ParamValue, link_param_spec, link_params, param_spec};
pub use scenario::{Failure, FailureKind, Scenario};
pub use technique::Technique;
pub use traffic::{MAX_USERS, MIN_USERS};
pub use traffic::{SECONDS_PER_DAY, Shape, Stage, Traffic, UsersParseError, format_count, parse_users};
pub use validate::{
    MAX_COMPONENTS, MAX_LINKS, MAX_SHAPE_SECONDS, MAX_TRAFFIC_FACTOR, Problem, shape_problem, validate,
};

mod edit_helpers;
pub mod gallery;
pub use edit_helpers::{fresh_component_id, fresh_id_excluding, link_problems};

/// An ordered map or set built by inserting `items` one by one. Collecting into a B-tree
/// sorts its input first, and every element type sorted that way adds a few KB of sort
/// code to the web app's wasm (which has a size budget); inserting shares one code path.
pub fn ordered<C: Default + Extend<T>, T>(items: impl IntoIterator<Item = T>) -> C {
    let mut collection = C::default();
    collection.extend(items);
    collection
}

/// Sorts `items` stably by `less`, by binary insertion: O(n log n) comparisons and at
/// most n^2/2 moves, quick for the hundreds of items the page sorts, and a small fraction
/// of the code each element type sorted by the standard library's sorts adds to the wasm.
pub fn sort_by_insertion<T>(items: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..items.len() {
        let (before, rest) = items.split_at(i);
        let Some(item) = rest.first() else { break };
        let at = before.partition_point(|x| !less(item, x));
        if let Some(moved) = items.get_mut(at..=i) {
            moved.rotate_right(1);
        }
    }
}
