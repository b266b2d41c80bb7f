//! Import of a dropped or opened file (JSON, or an SVG with the design embedded): any
//! text loads or is refused; a loaded design written back to SVG loads again the same,
//! numbers within a few units in the last place.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scalelab_editor::{document_from_text, svg_document};
use scalelab_fuzz::{close, json};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(doc) = document_from_text(&text) {
        let again = document_from_text(&svg_document(&doc)).expect("an exported picture imports");
        assert!(close(&json(&doc), &json(&again)), "an imported design survives its SVG export");
    }
});
