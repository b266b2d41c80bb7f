//! The request engine: input checks, bounds, determinism, invariants on random networks,
//! and short runs of every reference case (the long validation runs live in the
//! `validation` test binary).

#[path = "../../validation/cases.rs"]
mod cases;

mod bounds;
mod determinism;
mod fixtures;
mod input;
mod properties;
mod support;
