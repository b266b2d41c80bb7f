//! The scalelab engine. Pure and deterministic: it reads a [`scalelab_model::Document`]
//! and computes what the design does under its traffic. No browser, no wall clock, no
//! operating-system randomness.
//!
//! The flow engine ([`flow`]) works on rates, so its cost grows with the number of
//! components and never with the number of users.

mod compile;
pub mod flow;
pub mod queueing;

pub use compile::{Compiled, SimError};
pub use flow::{ComponentReport, Report, Resource, evaluate};
