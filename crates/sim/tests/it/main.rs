//! Integration tests of the engine.

mod flow;
mod queueing;
