//! `scalelab`: run the engine on a design file from the command line, and make or open
//! share links.

mod check;
mod explain;
mod link;
mod load;
mod run;
mod sweep;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "scalelab", version, about = "Run scalelab designs headless; make and open share links")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check that a design is complete: valid, every component reached by traffic and
    /// every pass-through component with a way out (exit status 1 if not).
    Check(check::CheckArgs),
    /// Evaluate a design: its steady state at the daily peak, or a run over time.
    Run(run::RunArgs),
    /// Sweep users on a log scale and report where each component saturates.
    Sweep(sweep::SweepArgs),
    /// Say how each of one component's figures is computed at the daily peak.
    Explain(explain::ExplainArgs),
    /// Make a share link of a design file, or print the design a share link carries.
    Link(link::LinkArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check::check(&args),
        Command::Run(args) => run::run(&args),
        Command::Sweep(args) => sweep::sweep(&args),
        Command::Explain(args) => explain::explain(&args),
        Command::Link(args) => link::link(&args),
    };
    match result {
        Ok(output) => {
            use std::io::Write;
            // A reader that stops early (a pager, `head`) is not an error.
            let _closed = writeln!(std::io::stdout().lock(), "{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
