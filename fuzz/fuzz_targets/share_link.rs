//! The share-link decoder: any text (a link, a fragment, anything pasted) opens a design or
//! is refused with a message, never a panic; an opened design encodes to a link that opens
//! the same design again (numbers within a few units in the last place).
#![no_main]

use libfuzzer_sys::fuzz_target;
use scalelab_fuzz::{close, json};
use scalelab_model::share_link::{decode, encode};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(doc) = decode(&text) {
        let again = decode(&encode(&doc)).expect("a link made from a design opens");
        assert!(close(&json(&doc), &json(&again)), "a design survives its link");
    }
});
