//! The app mounted in a real browser: what renders, and how it answers inputs.
#![cfg(target_arch = "wasm32")]

mod app;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
