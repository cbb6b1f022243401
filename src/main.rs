//! Parses the command line and dispatches; nothing else.

use std::process::ExitCode;

use clap::Parser;
use isms::cli::Cli;

fn main() -> ExitCode {
    one_heap_arena();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return command_line_error(e),
    };
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
            // A message may quote a name, a file name or a lock note: shown, never acted on.
            eprintln!(
                "isms: {}",
                isms::domain::text::shown_lines(&format!("{e:#}"))
            );
            isms::commands::failure_code(&e)
        }
    }
}

/// Help and the version as clap prints them; a wrong command line in the shape of every other
/// error, `isms: <what>: <why>` (clap's own `error: ` replaced), with clap's usage and exit
/// code 2.
fn command_line_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind::{
        DisplayHelp, DisplayHelpOnMissingArgumentOrSubcommand, DisplayVersion,
    };
    if matches!(
        e.kind(),
        DisplayHelp | DisplayVersion | DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        // Printing help or the version to a closed pipe is not worth a message.
        let _ = e.print();
    } else {
        let text = e.render().to_string();
        eprint!("isms: {}", text.strip_prefix("error: ").unwrap_or(&text));
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// glibc gives each thread a heap arena of its own and keeps what a thread freed there: the
/// threads that read a large workspace in the background would leave tens of megabytes behind
/// after they finish. One arena for the whole app gives it back.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn one_heap_arena() {
    use std::ffi::c_int;
    const M_ARENA_MAX: c_int = -8;
    unsafe extern "C" {
        fn mallopt(param: c_int, value: c_int) -> c_int;
    }
    // SAFETY: glibc's documented tuning call, made before any other thread exists; it only
    // changes how later allocations are placed.
    unsafe {
        mallopt(M_ARENA_MAX, 1);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_heap_arena() {}
