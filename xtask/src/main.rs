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
  setup   install whatever is missing (wasm target, Trunk, wasm-bindgen-cli, wasm-pack, wasm-opt,
          Chromium and chromedriver, npm packages); a no-op when all is present
  serve   set up, build and serve the app at http://127.0.0.1:8080
  dist    set up and build the release static site into dist/, reporting its size;
          `dist --site-url https://example.org/scalelab/` fills in the absolute URLs that
          link previews (Open Graph, Twitter) need
  test    set up, then formatting, clippy, native tests, wasm tests in headless
          Chromium, and end-to-end tests against the built site
  fuzz    [--seconds N] fuzz every decoder and the engine for N seconds each (10 by default)
  bench   the engine's criterion benchmarks with a table against the targets, then the
          editor's main-thread work per frame in headless Chromium
          while dragging, panning and zooming a design of 1,000 components";

/// `--site-url URL` (or `--site-url=URL`), the only option of `dist`.
fn site_url(args: &[String]) -> Result<Option<String>, String> {
    match args {
        [] => Ok(None),
        [flag, url] if flag == "--site-url" => Ok(Some(url.clone())),
        [flag] if flag.starts_with("--site-url=") => Ok(flag.split_once('=').map(|(_, url)| url.to_owned())),
        _ => Err(format!("dist takes only --site-url URL, not {args:?}\n\n{USAGE}")),
    }
    .and_then(|url| match url {
        Some(url) if !(url.starts_with("https://") || url.starts_with("http://")) => {
            Err(format!("--site-url must be an absolute http(s) URL, not \"{url}\""))
        }
        other => Ok(other),
    })
}

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let rest: Vec<String> = std::env::args().skip(2).collect();
    let result = match task.as_str() {
        "setup" => setup::all(),
        "serve" => setup::for_build().and_then(|()| dist::serve()),
        "dist" => {
            site_url(&rest).and_then(|url| setup::for_build().and_then(|()| dist::build(url.as_deref()).map(drop)))
        }
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
