//! Installs what the build and the tests need, each only when it is missing or at the
//! wrong version, so a second run costs well under a second. Nothing here downloads a
//! prebuilt binary: Rust tools come from crates.io, wasm-opt and Playwright from npm,
//! Chromium from Debian's packages.

use std::path::Path;

use crate::cmd::{command, first_line, root, run};

const TRUNK_VERSION: &str = "0.21.14";
const CARGO_FUZZ_VERSION: &str = "0.13.2";
const WASM_PACK_VERSION: &str = "0.15.1";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Everything: the build tools, the browser for the tests and the fuzzer.
pub fn all() -> Result<(), String> {
    for_build()?;
    chromium()?;
    fuzzer()
}

/// cargo-fuzz, which runs libFuzzer on the stable toolchain (with `--sanitizer none`).
pub fn fuzzer() -> Result<(), String> {
    if first_line(command("cargo").args(["fuzz", "--version"])).as_deref()
        == Some(&format!("cargo-fuzz {CARGO_FUZZ_VERSION}"))
    {
        return Ok(());
    }
    announce(&format!("cargo-fuzz {CARGO_FUZZ_VERSION} (about 4 minutes)"), "the decoders and the engine are fuzzed");
    run(command("cargo").args(["install", "cargo-fuzz", "--version", CARGO_FUZZ_VERSION, "--locked"]))
}

/// What building and serving the site needs.
pub fn for_build() -> Result<(), String> {
    wasm_target()?;
    wasm_bindgen_cli()?;
    trunk()?;
    wasm_pack()?;
    npm_packages()
}

fn wasm_target() -> Result<(), String> {
    let installed =
        command("rustup").args(["target", "list", "--installed"]).output().map_err(|e| format!("rustup: {e}"))?;
    if String::from_utf8_lossy(&installed.stdout).lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    announce("the wasm32-unknown-unknown target", "the app is compiled to WebAssembly");
    run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn wasm_bindgen_cli() -> Result<(), String> {
    let version = locked_version("wasm-bindgen")?;
    if first_line(command("wasm-bindgen").arg("--version")).as_deref() == Some(&format!("wasm-bindgen {version}")) {
        return Ok(());
    }
    announce(
        &format!("wasm-bindgen-cli {version} (about 4 minutes)"),
        "it must match the wasm-bindgen in Cargo.lock exactly; Trunk and the wasm test runner use it",
    );
    // `--locked` fails for this crate on the registry mirror (a pinned dependency is missing).
    run(command("cargo").args(["install", "wasm-bindgen-cli", "--version", &version]))
}

fn trunk() -> Result<(), String> {
    if first_line(command("trunk").arg("--version")).as_deref() == Some(&format!("trunk {TRUNK_VERSION}")) {
        return Ok(());
    }
    announce(
        &format!("Trunk {TRUNK_VERSION} (about 8 minutes)"),
        "it builds the static site; newer Trunk needs a newer rustc",
    );
    run(command("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

fn wasm_pack() -> Result<(), String> {
    if first_line(command("wasm-pack").arg("--version")).as_deref() == Some(&format!("wasm-pack {WASM_PACK_VERSION}")) {
        return Ok(());
    }
    announce(
        &format!("wasm-pack {WASM_PACK_VERSION} (about 3 minutes)"),
        "it packages the engine for other pages (dist/engine/pkg); it uses the wasm-bindgen installed here",
    );
    run(command("cargo").args(["install", "wasm-pack", "--version", WASM_PACK_VERSION, "--locked"]))
}

/// wasm-opt (npm `binaryen`) and `playwright-core`, at the versions in package.json.
fn npm_packages() -> Result<(), String> {
    let manifest = std::fs::read_to_string(root().join("package.json")).map_err(|e| format!("package.json: {e}"))?;
    let wanted = ["binaryen", "playwright-core"];
    let present = wanted.iter().all(|name| {
        let installed =
            std::fs::read_to_string(root().join("node_modules").join(name).join("package.json")).unwrap_or_default();
        match (pinned_npm_version(&manifest, name), installed_npm_version(&installed)) {
            (Some(pin), Some(have)) => pin == have,
            _ => false,
        }
    });
    if present {
        return Ok(());
    }
    announce(
        "npm packages binaryen (wasm-opt) and playwright-core",
        "the release build and the browser tests use them",
    );
    run(command("npm").args(["ci", "--no-audit", "--no-fund"]))
}

fn chromium() -> Result<(), String> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    announce(
        "chromium and chromium-driver from Debian's packages",
        "the wasm and end-to-end tests run in headless Chromium",
    );
    let as_root = first_line(std::process::Command::new("id").arg("-u")).as_deref() == Some("0");
    let apt = |args: &[&str]| {
        let mut c = if as_root { command("apt-get") } else { command("sudo") };
        if !as_root {
            c.arg("apt-get");
        }
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut c)
    };
    apt(&["update"])?;
    apt(&["install", "-y", "--no-install-recommends", "chromium", "chromium-driver"])
}

fn announce(what: &str, why: &str) {
    println!("xtask setup: installing {what}: {why}.");
}

/// The version of a package in Cargo.lock.
pub fn locked_version(package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{package}\"")
            && let Some(version) = lines.next().and_then(|l| l.trim().strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}

/// The version pinned for `name` in package.json's devDependencies.
fn pinned_npm_version(manifest: &str, name: &str) -> Option<String> {
    let manifest: serde_json::Value = serde_json::from_str(manifest).ok()?;
    manifest["devDependencies"][name].as_str().map(str::to_owned)
}

/// The `version` of an installed npm package's manifest.
fn installed_npm_version(manifest: &str) -> Option<String> {
    let manifest: serde_json::Value = serde_json::from_str(manifest).ok()?;
    manifest["version"].as_str().map(str::to_owned)
}
