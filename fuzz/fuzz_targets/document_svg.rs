//! Import of a dropped or opened file (JSON, or an SVG with the design embedded): any
//! text loads or is refused; a loaded design written back to SVG loads again the same
//! (after the first export, which may settle a long decimal by one unit in the last place).
#![no_main]

use libfuzzer_sys::fuzz_target;
use scalelab_editor::{document_from_text, svg_document};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(doc) = document_from_text(&text) {
        let once = document_from_text(&svg_document(&doc)).expect("an exported picture imports");
        let twice = document_from_text(&svg_document(&once)).expect("and again");
        assert_eq!(once, twice, "an imported design survives its SVG export (after the first)");
    }
});
