//! The static site: a development server, and the release build into `dist/`.
//!
//! After Trunk builds the app, the build is finished for any static host: Trunk's inline
//! loader script moves into a file with a hashed name, so the Content-Security-Policy can
//! forbid inline script; the policy goes in as a meta tag; the Open Graph and Twitter
//! tags get absolute URLs when `--site-url` is given; and the engine's wasm-pack package
//! is built into `dist/engine/pkg/` for pages that want the numbers without the editor.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cmd::{command, root, run};

/// The whole app's wasm must stay under this, gzipped (the static-site budget).
const WASM_GZIP_BUDGET_BYTES: u64 = 300 * 1024;

/// What the app needs and nothing else: its own scripts and the wasm (compiled with
/// 'wasm-unsafe-eval', no eval of script), its stylesheet, style attributes (yew sets
/// them), images from itself, data: and blob: URLs (the favicon, PNG export), and
/// same-origin fetches (the wasm). Frames may embed it (frame-ancestors cannot be set
/// from a meta tag, and embedding is the point).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
     object-src 'none'; base-uri 'self'; form-action 'none'";

/// Where the page's own absolute URL goes in `web/index.html` (Open Graph needs them).
const SITE_URL_MARK: &str = "{{site_url}}";

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
/// sub-path, finishes it for static hosts (see the module doc) and reports the size of
/// its wasm. `site_url` is where it will be served, for the preview tags. Returns the
/// dist folder.
pub fn build(site_url: Option<&str>) -> Result<PathBuf, String> {
    run(command("trunk").args(["build", "--release", "--public-url", "./"]))?;
    let dist = root().join("dist");
    finish_html(&dist, site_url)?;
    let total_gzip = report_wasm(&dist)?;
    if total_gzip > WASM_GZIP_BUDGET_BYTES {
        return Err(format!(
            "the wasm is {:.1} KB gzipped, over the budget of {:.0} KB",
            total_gzip as f64 / 1024.0,
            WASM_GZIP_BUDGET_BYTES as f64 / 1024.0
        ));
    }
    engine_package(&dist)?;
    Ok(dist)
}

/// The app's wasm files in `dist/` (main and any worker), each precompressed beside
/// itself and reported; the total of what is shipped gzipped.
fn report_wasm(dist: &Path) -> Result<u64, String> {
    let mut total_gzip = 0;
    for entry in std::fs::read_dir(dist).map_err(|e| format!("dist/: {e}"))? {
        let path = entry.map_err(|e| format!("dist/: {e}"))?.path();
        if path.extension().is_some_and(|ext| ext == "wasm") {
            total_gzip += precompress_wasm(&path)?;
        }
    }
    if total_gzip == 0 {
        return Err("dist/ holds no .wasm file".into());
    }
    println!("xtask dist: the app's wasm is {:.1} KB gzipped (budget 300 KB)", total_gzip as f64 / 1024.0);
    Ok(total_gzip)
}

/// Writes `<file>.gz` beside a wasm file with the Zopfli encoder (a standard gzip stream,
/// smaller than `gzip -9` makes; hosts that serve precompressed files, such as nginx's
/// `gzip_static` or Caddy's `precompressed`, send it as it is). Reports the raw size,
/// `gzip -9`'s size for comparison and the shipped file's; returns the shipped size.
fn precompress_wasm(path: &Path) -> Result<u64, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let best_gzip = gzip_len(&bytes)?;
    let mut shipped = Vec::new();
    // More deflate blocks than Zopfli's default of 15 let each block's Huffman codes fit
    // the code they hold (about 2 KB less on the app's wasm; 8 s instead of 3).
    let options = zopfli::Options { maximum_block_splits: 100, ..zopfli::Options::default() };
    zopfli::compress(options, zopfli::Format::Gzip, bytes.as_slice(), &mut shipped)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut gz_path = path.as_os_str().to_owned();
    gz_path.push(".gz");
    std::fs::write(&gz_path, &shipped).map_err(|e| format!("{}.gz: {e}", path.display()))?;
    println!(
        "xtask dist: {} is {:.1} KB raw; gzipped {:.1} KB as shipped in its .gz (Zopfli), {:.1} KB with gzip -9",
        path.file_name().unwrap_or_default().to_string_lossy(),
        bytes.len() as f64 / 1024.0,
        shipped.len() as f64 / 1024.0,
        best_gzip as f64 / 1024.0
    );
    Ok(shipped.len() as u64)
}

fn gzip_len(bytes: &[u8]) -> Result<u64, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    let compressed = encoder.finish().map_err(|e| e.to_string())?;
    Ok(compressed.len() as u64)
}

/// Moves Trunk's inline loader into a hashed file, adds the CSP meta tag and fills in
/// the site's URL.
fn finish_html(dist: &Path, site_url: Option<&str>) -> Result<(), String> {
    let path = dist.join("index.html");
    let html = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (html, loader) = extract_inline_module(&html)?;
    let loader_name = format!("loader-{:016x}.js", fnv1a(loader.as_bytes()));
    std::fs::write(dist.join(&loader_name), loader).map_err(|e| format!("{loader_name}: {e}"))?;
    let html = html.replace("<!-- loader -->", &format!("<script type=\"module\" src=\"./{loader_name}\"></script>"));
    let csp = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\" />");
    let html = html.replacen("<meta charset=\"utf-8\" />", &format!("<meta charset=\"utf-8\" />\n    {csp}"), 1);
    let html = fill_site_url(&html, site_url);
    if html.contains("<script>") || html.contains("<script type=\"module\">") {
        return Err("dist/index.html still holds an inline script".into());
    }
    std::fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))
}

/// Takes the one `<script type="module">…</script>` out of `html`, leaving a mark.
pub fn extract_inline_module(html: &str) -> Result<(String, String), String> {
    const OPEN: &str = "<script type=\"module\">";
    let start = html.find(OPEN).ok_or("Trunk's output has no inline module loader to move")?;
    let end = html[start..].find("</script>").ok_or("Trunk's loader script is not closed")? + start;
    let script = html[start + OPEN.len()..end].trim().to_owned();
    let rest = format!("{}<!-- loader -->{}", &html[..start], &html[end + "</script>".len()..]);
    Ok((rest, script + "\n"))
}

/// Absolute URLs for the preview tags with a site URL; without one, the tags that need an
/// absolute URL are dropped and the rest are left relative.
pub fn fill_site_url(html: &str, site_url: Option<&str>) -> String {
    match site_url {
        Some(url) => {
            let base = if url.ends_with('/') { url.to_owned() } else { format!("{url}/") };
            html.replace(SITE_URL_MARK, &base)
        }
        None => html
            .lines()
            .filter(|line| !line.contains(&format!("content=\"{SITE_URL_MARK}\"")))
            .map(|line| line.replace(SITE_URL_MARK, "./"))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// A stable 64-bit hash (FNV-1a) for file names that change with their content.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3))
}

/// The engine as a wasm-pack package (`--target web`) in `dist/engine/pkg/`, optimised
/// with the npm binaryen's wasm-opt (wasm-pack's own would be downloaded).
fn engine_package(dist: &Path) -> Result<(), String> {
    let out = dist.join("engine").join("pkg");
    let out_arg = out.to_string_lossy().into_owned();
    run(command("wasm-pack")
        .args(["build", "crates/wasm", "--target", "web", "--release", "--no-pack", "--out-dir"])
        .arg(&out_arg))?;
    let wasm = out.join("scalelab_wasm_bg.wasm");
    let wasm_arg = wasm.to_string_lossy().into_owned();
    run(command("wasm-opt").args(["-Oz", "--enable-bulk-memory", "--enable-bulk-memory-opt"]).args([
        "--enable-nontrapping-float-to-int",
        "--enable-sign-ext",
        "--enable-reference-types",
        "--enable-multivalue",
        "--enable-mutable-globals",
        "-o",
        &wasm_arg,
        &wasm_arg,
    ]))?;
    let _ignored = std::fs::remove_file(out.join(".gitignore"));
    precompress_wasm(&wasm).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_HTML: &str = "<head>\n<meta charset=\"utf-8\" />\n<meta property=\"og:url\" content=\"{{site_url}}\" />\n\
        <meta property=\"og:image\" content=\"{{site_url}}og-image.png\" />\n<script type=\"module\">\nimport init from './a.js';\nawait init();\n</script>\n</head>";

    #[test]
    fn the_inline_loader_moves_out_and_leaves_a_mark() {
        let (html, script) = extract_inline_module(TRUNK_HTML).unwrap();
        assert_eq!(script, "import init from './a.js';\nawait init();\n");
        assert!(html.contains("<!-- loader -->") && !html.contains("<script"), "{html}");
        assert!(extract_inline_module("<head></head>").is_err());
    }

    #[test]
    fn a_site_url_makes_the_preview_urls_absolute_and_without_one_og_url_goes() {
        let with = fill_site_url(TRUNK_HTML, Some("https://example.org/lab"));
        assert!(with.contains("content=\"https://example.org/lab/\""), "{with}");
        assert!(with.contains("content=\"https://example.org/lab/og-image.png\""), "{with}");
        let without = fill_site_url(TRUNK_HTML, None);
        assert!(!without.contains("og:url") && without.contains("content=\"./og-image.png\""), "{without}");
    }

    #[test]
    fn file_hashes_follow_the_content() {
        assert_eq!(fnv1a(b"a"), fnv1a(b"a"));
        assert_ne!(fnv1a(b"a"), fnv1a(b"b"));
    }
}
