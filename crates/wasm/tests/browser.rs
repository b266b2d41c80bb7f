//! The package as a page uses it, in headless Chromium (wasm-bindgen-test through
//! chromedriver): `simulate` and `sweep` on an example design, the same numbers as a
//! native run, and a clear error for bad input.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const STAGE_1: &str = include_str!("../../../public/examples/stage-1-single-server.json");

#[wasm_bindgen_test]
fn simulate_reports_the_steady_state_as_json() {
    let report = scalelab_wasm::simulate(STAGE_1, r#"{"users": 50000}"#).unwrap_or_else(|_| panic!("simulate failed"));
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["users"], 50000.0);
    assert!(report["entry_rps"].as_f64().unwrap() > 100.0);
    assert!(report["components"].as_array().unwrap().len() >= 2);
    // The same numbers as the native build gives for the same design (`simulate_json`).
    let native = scalelab_wasm::simulate_json(STAGE_1, r#"{"users": 50000}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&report).unwrap(),
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&native).unwrap()).unwrap()
    );
}

#[wasm_bindgen_test]
fn sweep_finds_where_the_single_server_saturates() {
    let sweep = scalelab_wasm::sweep(STAGE_1, r#"{"points": 13}"#).unwrap_or_else(|_| panic!("sweep failed"));
    let sweep: serde_json::Value = serde_json::from_str(&sweep).unwrap();
    assert_eq!(sweep["points"].as_array().unwrap().len(), 13);
    assert!(!sweep["breaks"].as_array().unwrap().is_empty(), "{sweep}");
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_naming_what_is_wrong() {
    let error = scalelab_wasm::simulate_json("{\"schema_version\": 1, \"components\": [", "").unwrap_err();
    assert!(error.contains("not valid JSON"), "{error}");
    let error = scalelab_wasm::simulate_json(STAGE_1, r#"{"colour": 1}"#).unwrap_err();
    assert!(error.contains("options: unknown field `colour`"), "{error}");
}
