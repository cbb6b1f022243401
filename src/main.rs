//! Parses the command line and dispatches; nothing else.

use std::process::ExitCode;

use clap::Parser;
use isms::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match isms::commands::run(cli) {
        Ok(code) => code,
        // A reader that stops early (`isms list ... | head`) is not an error.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("isms: {e:#}");
            isms::commands::failure_code(&e)
        }
    }
}
