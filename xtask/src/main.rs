//! Project automation, run as `cargo xtask <task>`: installs the tools the project needs
//! (idempotently), serves the app, builds the static site and runs every test.

mod bench;
mod cmd;
mod dist;
mod fuzz;
mod setup;
mod test;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <task>

tasks:
  setup   install whatever is missing (wasm target, Trunk, wasm-bindgen-cli, wasm-opt,
          Chromium and chromedriver, npm packages); a no-op when all is present
  serve   set up, build and serve the app at http://127.0.0.1:8080
  dist    set up and build the release static site into dist/, reporting its size
  test    set up, then formatting, clippy, native tests, wasm tests in headless
          Chromium, and end-to-end tests against the built site
  fuzz    [--seconds N] fuzz every decoder and the engine for N seconds each (10 by default)
  bench   the engine's criterion benchmarks with a table against the targets, then the
          editor's main-thread work per frame in headless Chromium
          while dragging, panning and zooming a design of 1,000 components";

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "setup" => setup::all(),
        "serve" => setup::for_build().and_then(|()| dist::serve()),
        "dist" => setup::for_build().and_then(|()| dist::build().map(drop)),
        "test" => setup::all().and_then(|()| test::all()),
        "bench" => setup::all().and_then(|()| bench::all()),
        "fuzz" => {
            let args: Vec<String> = std::env::args().skip(2).collect();
            fuzz::seconds_arg(&args).and_then(|seconds| setup::fuzzer().and_then(|()| fuzz::all(seconds)))
        }
        "" | "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown task \"{other}\"\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
