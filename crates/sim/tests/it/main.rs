//! Integration tests of the engine.

mod advice;
mod caching;
mod designs;
mod detail;
mod examples;
mod explain;
mod flow;
mod limits;
mod parameters;
mod properties;
mod queueing;
mod request;
mod theory;
