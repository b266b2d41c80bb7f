//! JSON document import: any text either loads or is refused with an error, never a
//! panic; a loaded document saved once is a fixed point of saving and loading (numbers
//! are read fast, not exactly, so the first save may move a long decimal by one unit in
//! the last place).
#![no_main]

use libfuzzer_sys::fuzz_target;
use scalelab_model::Document;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(doc) = Document::from_json(&text) {
        let once = Document::from_json(&doc.to_json_pretty()).expect("a saved document loads");
        let twice = Document::from_json(&once.to_json_pretty()).expect("and loads again");
        assert_eq!(once, twice, "saving is a fixed point after the first save");
    }
});
