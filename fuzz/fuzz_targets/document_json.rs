//! JSON document import: any text either loads (and then survives a round trip) or is
//! refused with an error; it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scalelab_model::Document;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(doc) = Document::from_json(&text) {
        let again = Document::from_json(&doc.to_json_pretty());
        assert_eq!(again.as_ref().ok(), Some(&doc), "a loaded document must round-trip");
    }
});
