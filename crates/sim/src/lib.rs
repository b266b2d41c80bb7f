//! The scalelab engine. Pure and deterministic: it reads a [`scalelab_model::Document`]
//! and computes what the design does under its traffic. No browser, no wall clock, no
//! operating-system randomness; every transcendental function comes from `libm`, so a
//! native and a wasm build give the same numbers.
//!
//! The flow engine ([`flow`]) works on rates, so its cost grows with the number of
//! components and never with the number of users. The request engine ([`request`])
//! simulates individual requests for latency distributions and tails.

// Input from users and links reaches this code: it returns errors, never panics.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

pub mod classes;
pub mod detail;
pub mod explain;
pub mod flow;
pub mod hashing;
pub mod model;
pub mod moments;
pub mod plan;
pub mod queueing;
pub mod report;
pub mod request;
pub mod run;
pub mod sweep;

pub use classes::{Class, PerClass};
pub use flow::{Errors, Resource};
pub use plan::{Plan, SimError};
pub use report::{ComponentReport, Latency, Report, evaluate, evaluate_plan};
