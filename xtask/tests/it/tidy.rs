//! The core crates stay free of the browser, and every source file says what it is for.

use std::path::{Path, PathBuf};
use std::process::Command;

const CORE_CRATES: [&str; 3] = ["scalelab-model", "scalelab-sim", "scalelab-editor"];
const FORBIDDEN: [&str; 8] =
    ["wasm-bindgen", "web-sys", "js-sys", "yew", "gloo", "getrandom", "wasm-bindgen-futures", "gloo-utils"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The names of every crate in a package's normal and build dependency tree, for every
/// target (so a wasm-only dependency cannot hide behind a cfg).
fn dependency_names(package: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root())
        .args([
            "tree",
            "--offline",
            "-p",
            package,
            "-e",
            "normal,build",
            "--target",
            "all",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn core_crates_do_not_depend_on_the_browser() {
    for package in CORE_CRATES {
        let names = dependency_names(package);
        assert!(names.iter().any(|n| n == package), "cargo tree did not list {package} itself: {names:?}");
        let offending: Vec<&String> = names.iter().filter(|n| FORBIDDEN.iter().any(|f| n.starts_with(f))).collect();
        assert!(offending.is_empty(), "{package} depends on {offending:?}; the core crates must not know the browser");
    }
}

#[test]
fn the_ui_crate_is_not_a_dependency_of_the_core() {
    for package in CORE_CRATES {
        assert!(!dependency_names(package).iter().any(|n| n == "scalelab-ui"), "{package} depends on scalelab-ui");
    }
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !matches!(path.file_name().and_then(|n| n.to_str()), Some("target" | "node_modules")) {
                rust_files(&path, found);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn every_source_file_starts_with_a_module_doc() {
    let mut files = Vec::new();
    rust_files(&root().join("crates"), &mut files);
    rust_files(&root().join("xtask"), &mut files);
    assert!(files.len() > 10, "found only {files:?}");
    let missing: Vec<String> = files
        .iter()
        .filter(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            !text.lines().find(|l| !l.trim().is_empty()).is_some_and(|l| l.starts_with("//!"))
        })
        .map(|p| p.strip_prefix(root()).unwrap_or(p).display().to_string())
        .collect();
    assert!(missing.is_empty(), "these files do not start with a //! module doc: {missing:?}");
}

/// The code of the crates the page links, file by file (path from the root, text): what
/// comes before `#[cfg(test)]`, as their tests are not in the page and may compare with
/// the standard library.
fn page_code() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for krate in ["model", "sim", "editor", "charts", "ui"] {
        rust_files(&root().join("crates").join(krate).join("src"), &mut files);
    }
    assert!(files.len() > 10, "found only {files:?}");
    files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default().to_owned();
            (path.strip_prefix(root()).unwrap_or(path).display().to_string(), code)
        })
        .collect()
}

/// The standard library's float reader brings a 10 KB table of powers of five into the
/// page's wasm; the crates the page links read numbers with `scalelab_model::number`.
#[test]
fn the_page_s_crates_read_numbers_without_the_standard_float_reader() {
    let offending: Vec<String> = page_code()
        .into_iter()
        .filter(|(_, code)| code.contains("parse::<f64>") || code.contains("f64::from_str"))
        .map(|(path, _)| path)
        .collect();
    assert!(offending.is_empty(), "these files read floats with the standard library: {offending:?}");
}

/// The standard library's float writer (Grisu and Dragon, about 12 KB of the page's wasm)
/// comes with any `f64` written by `format!`; a precision such as `{x:.1}` is the common
/// way in. The crates the page links write numbers with `scalelab_model::number` (`fixed`
/// for a precision, `shortest` for `{}`).
#[test]
fn the_page_s_crates_write_numbers_without_the_standard_float_writer() {
    let mut offending = Vec::new();
    for (path, code) in page_code() {
        for (i, line) in code.lines().enumerate() {
            if has_precision_specifier(line) {
                offending.push(format!("{path}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        offending.is_empty(),
        "write these numbers with scalelab_model::number::fixed(value, decimals) instead of a precision \
         specifier, which brings the standard library's float writer into the page:\n{}",
        offending.join("\n")
    );
}

/// Whether `line` holds a format precision: `:.` and then digits or `*`, and `}`
/// (`{x:.1}`, `{:.0}`, `{:.*}`).
fn has_precision_specifier(line: &str) -> bool {
    line.match_indices(":.").any(|(at, _)| {
        let rest = &line[at + 2..];
        let after_digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        let after = if after_digits.len() < rest.len() { Some(after_digits) } else { rest.strip_prefix('*') };
        after.is_some_and(|after| after.starts_with('}'))
    })
}

#[test]
fn a_precision_specifier_is_found_wherever_it_is() {
    for line in ["format!(\"{x:.1}\")", "write!(out, \"{:.0} %\", v)", "\"{:.*}\"", "a {b} {c:.12} d"] {
        assert!(has_precision_specifier(line), "{line}");
    }
    for line in ["format!(\"{x}\")", "\"{value:.decimals$}\"", "a::b.c", "std::f64::consts::PI", ":.5 }"] {
        assert!(!has_precision_specifier(line), "{line}");
    }
}
