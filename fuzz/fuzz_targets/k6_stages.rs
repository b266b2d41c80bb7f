//! k6 stage import: any text is a stage table or refused; an imported table exports to
//! k6 JSON that imports again with the same durations.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scalelab_model::k6::{export_stages, import_stages};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(imported) = import_stages(&text, 0.01) {
        let again = import_stages(&export_stages(&imported.stages, 0.01), 0.01);
        let durations = |s: &[scalelab_model::Stage]| s.iter().map(|s| s.duration_s).collect::<Vec<_>>();
        let back = again.as_ref().map(|a| durations(&a.stages));
        // Sub-millisecond durations are written to the millisecond.
        if imported.stages.iter().all(|s| s.duration_s >= 1e-3 && (s.duration_s * 1e3).fract() == 0.0) {
            assert_eq!(back.ok(), Some(durations(&imported.stages)), "an exported table reads back");
        }
    }
});
