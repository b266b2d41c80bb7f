//! JSON document import: any text either loads or is refused with an error, never a
//! panic; a loaded document saved and loaded again is the same document, numbers within
//! a few units in the last place.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scalelab_fuzz::{close, json};
use scalelab_model::Document;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(doc) = Document::from_json(&text) {
        let again = Document::from_json(&doc.to_json_pretty()).expect("a saved document loads");
        assert!(close(&json(&doc), &json(&again)), "saving and loading keeps the document");
    }
});
