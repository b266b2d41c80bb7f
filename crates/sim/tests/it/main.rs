//! Integration tests of the engine.

mod designs;
mod flow;
mod parameters;
mod queueing;
mod theory;
