//! The golden runs give the same hashes natively and in wasm (run under Node by
//! wasm-bindgen-test): same document and seed, same numbers, on every platform.

/// The flow engine's reports on the stage-3 example (steady state and a 120 s run).
const FLOW_HASH: u64 = 0xe98e_151d_116a_6a54;
/// The request engine on the stage-3 example, seed 11.
const DETAIL_HASH: u64 = 0x9efc_6119_c072_d7de;
/// The request engine's three-tier run, seed 7.
const REQUEST_HASH: (u64, u64) = (0xba68_d309_d41c_2602, 12_096);

fn check() {
    let flow = scalelab_wasm::golden::flow_hash().unwrap();
    assert_eq!(flow, FLOW_HASH, "flow hash {flow:#x}");
    let detail = scalelab_wasm::golden::detail_hash().unwrap();
    assert_eq!(detail, DETAIL_HASH, "detail hash {detail:#x}");
    let request = scalelab_wasm::golden::request_hash().unwrap();
    assert_eq!(request, REQUEST_HASH, "request hash {:#x}", request.0);
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn golden_hashes_natively() {
    check();
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen_test::wasm_bindgen_test]
fn golden_hashes_in_wasm() {
    check();
}
