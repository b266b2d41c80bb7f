//! The app mounted in a real browser: what renders, and how it answers inputs; share
//! links and embed parameters.
#![cfg(target_arch = "wasm32")]

mod app;
mod engine;
mod live;
mod shape;
mod sharing;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
