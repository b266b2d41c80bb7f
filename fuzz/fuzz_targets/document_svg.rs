//! Import of a dropped or opened file (JSON, or an SVG with the design embedded): any
//! text loads or is refused; a loaded design written back to SVG loads again the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scalelab_editor::{document_from_text, svg_document};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(doc) = document_from_text(&text) {
        let again = document_from_text(&svg_document(&doc));
        assert_eq!(again.as_ref().ok(), Some(&doc), "an imported design must survive its SVG export");
    }
});
