//! The static site: a development server, and the release build into `dist/`.

use std::io::Write;
use std::path::PathBuf;

use crate::cmd::{command, root, run};

/// The whole app's wasm must stay under this, gzipped (the static-site budget).
const WASM_GZIP_BUDGET_BYTES: u64 = 300 * 1024;

/// Builds the app and serves it at http://127.0.0.1:8080, rebuilding on change.
pub fn serve() -> Result<(), String> {
    println!("xtask: serving at http://127.0.0.1:8080 (Ctrl+C stops)");
    let status = command("trunk")
        .args(["serve", "--address", "127.0.0.1", "--port", "8080"])
        .status()
        .map_err(|e| format!("could not start trunk: {e}"))?;
    // Stopping the server with Ctrl+C (or a signal) is how serving ends, not a failure.
    if status.success() || status.code().is_none() { Ok(()) } else { Err(format!("trunk serve failed ({status})")) }
}

/// Builds the release site into `dist/` with relative asset URLs, so it works from any
/// sub-path, and reports the size of its wasm. Returns the dist folder.
pub fn build() -> Result<PathBuf, String> {
    run(command("trunk").args(["build", "--release", "--public-url", "./"]))?;
    let dist = root().join("dist");
    let mut total_gzip = 0;
    for entry in std::fs::read_dir(&dist).map_err(|e| format!("dist/: {e}"))? {
        let path = entry.map_err(|e| format!("dist/: {e}"))?.path();
        if path.extension().is_some_and(|ext| ext == "wasm") {
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let gzipped = gzip_len(&bytes)?;
            total_gzip += gzipped;
            println!(
                "xtask dist: {} is {:.1} KB raw, {:.1} KB gzipped",
                path.file_name().unwrap_or_default().to_string_lossy(),
                bytes.len() as f64 / 1024.0,
                gzipped as f64 / 1024.0
            );
        }
    }
    if total_gzip == 0 {
        return Err("dist/ holds no .wasm file".into());
    }
    if total_gzip > WASM_GZIP_BUDGET_BYTES {
        return Err(format!(
            "the wasm is {:.1} KB gzipped, over the budget of {:.0} KB",
            total_gzip as f64 / 1024.0,
            WASM_GZIP_BUDGET_BYTES as f64 / 1024.0
        ));
    }
    Ok(dist)
}

fn gzip_len(bytes: &[u8]) -> Result<u64, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    let compressed = encoder.finish().map_err(|e| e.to_string())?;
    Ok(compressed.len() as u64)
}
