//! The web app's entry point: mounts the app on the page's body.

// Talc instead of the default dlmalloc: several KB smaller in the wasm, and faster.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    scalelab_ui::start();
}
