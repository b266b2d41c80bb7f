//! The engine's math is the same on every platform only if it never calls the platform's
//! own transcendental functions: `model` and `sim` use `libm` for those (IEEE square
//! roots and integer powers are exact and portable).

use std::path::Path;

const PLATFORM_MATH: [&str; 12] = [
    ".powf(",
    ".exp()",
    ".ln()",
    ".log10()",
    ".log2()",
    ".sin()",
    ".cos()",
    ".tan()",
    ".cbrt()",
    ".hypot(",
    ".exp_m1()",
    ".ln_1p()",
];

fn sources(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn the_core_uses_libm_for_transcendental_functions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut files = Vec::new();
    for krate in ["crates/model/src", "crates/sim/src"] {
        sources(&root.join(krate), &mut files);
    }
    let mut offending = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            if let Some(call) = PLATFORM_MATH.iter().find(|call| line.contains(*call)) {
                offending.push(format!("{}:{}: {call}", file.strip_prefix(root).unwrap().display(), n + 1));
            }
        }
    }
    assert!(offending.is_empty(), "platform math in the core (use libm): {offending:#?}");
}
