//! Parses the command line and dispatches; nothing else.

use std::process::ExitCode;

use clap::Parser;
use isms::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match isms::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("isms: {e:#}");
            ExitCode::FAILURE
        }
    }
}
