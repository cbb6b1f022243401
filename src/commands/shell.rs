//! `isms completions SHELL` and `isms man [-o FILE]`: what a shell and `man` need to know about
//! the command line, generated from the clap definitions in `cli.rs`, so that they never drift.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, EXIT_CODES};
use crate::store::{Existing, target};

/// The completions for `shell`, printed to `out`.
pub fn completions(out: &mut impl Write, shell: clap_complete::Shell) -> Result<()> {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "isms", out);
    Ok(())
}

/// The man page, printed to `out` or written to `output` (whole, by `target`'s rules).
pub fn man(out: &mut impl Write, output: Option<&Path>, force: bool) -> Result<()> {
    let page = page()?;
    match output {
        None => out.write_all(&page)?,
        Some(path) => {
            target::write(path, None, Existing::replace_if(force), &page)?;
            writeln!(out, "{}", path.display())?;
        }
    }
    Ok(())
}

/// The page: clap_mangen's sections; then every command with its usage, description and
/// options (clap_mangen would point to a page per command, `isms-new(1)`, which one page
/// written to stdout cannot be); then the exit codes as EXIT STATUS.
fn page() -> Result<Vec<u8>> {
    let mut cmd = Cli::command().after_help(None::<&str>);
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    let mut text = String::from(".SH COMMANDS\n");
    // `isms help` is clap's own and says nothing a reader of this page needs.
    for sub in cmd
        .get_subcommands_mut()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        command_entry(&mut text, sub);
    }
    text.push_str(".SH \"EXIT STATUS\"\n");
    for line in EXIT_CODES.lines().skip(1) {
        // Each code starts a tagged paragraph; its continuation lines join the paragraph.
        let line = line.trim_start();
        match line.split_once("  ") {
            Some((code, rest)) if code.chars().all(|c| c.is_ascii_digit()) => {
                text.push_str(&format!(".TP\n{code}\n{}", roff_text(rest)));
            }
            _ => text.push_str(&roff_text(line)),
        }
    }
    page.extend_from_slice(text.as_bytes());
    man.render_version_section(&mut page)?;
    Ok(page)
}

/// One command of the COMMANDS section: its usage in bold, its long description, and each of
/// its own arguments with its help (the global options are in OPTIONS already).
fn command_entry(text: &mut String, sub: &mut clap::Command) {
    let usage = sub.render_usage().to_string();
    let usage = usage.trim_start_matches("Usage:").trim();
    text.push_str(&format!(".TP\n\\fB{}\\fR\n", escaped(usage)));
    let about = sub.get_long_about().or_else(|| sub.get_about());
    for line in about.map(|a| a.to_string()).unwrap_or_default().lines() {
        // A blank line of the help is a new paragraph inside the entry.
        if line.trim().is_empty() {
            text.push_str(".IP\n");
        } else {
            text.push_str(&roff_text(line));
        }
    }
    let args: Vec<_> = sub
        .get_arguments()
        .filter(|a| !a.is_global_set() && !a.is_hide_set())
        .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
        .collect();
    if args.is_empty() {
        return;
    }
    text.push_str(".RS\n");
    for arg in args {
        let value = arg
            .get_value_names()
            .and_then(|names| names.first())
            .map(|name| name.to_string())
            .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
        let name = match (arg.get_long(), arg.get_short()) {
            (Some(long), Some(short)) => format!("-{short}, --{long}"),
            (Some(long), None) => format!("--{long}"),
            (None, Some(short)) => format!("-{short}"),
            (None, None) => value.clone(),
        };
        let takes_value = arg.get_action().takes_values() && !arg.is_positional();
        let name = if takes_value {
            format!("\\fB{}\\fR \\fI<{}>\\fR", escaped(&name), escaped(&value))
        } else {
            format!("\\fB{}\\fR", escaped(&name))
        };
        text.push_str(&format!(".TP\n{name}\n"));
        let help = arg.get_long_help().or_else(|| arg.get_help());
        for line in help.map(|h| h.to_string()).unwrap_or_default().lines() {
            if !line.trim().is_empty() {
                text.push_str(&roff_text(line));
            }
        }
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() {
            // On a line of its own: the help before it may not end in a full stop.
            text.push_str(".br\n");
            text.push_str(&roff_text(&format!("One of: {}.", values.join(", "))));
        }
    }
    text.push_str(".RE\n");
}

/// One line of running text for roff, ending in a newline, guarded against being read as a
/// request when it starts with `.` or `'`.
fn roff_text(line: &str) -> String {
    let escaped = escaped(line.trim_start());
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}\n")
    } else {
        format!("{escaped}\n")
    }
}

/// Text with roff's escape character and hyphens (minus signs in options) escaped, and every
/// character beyond ASCII (`→`, `ü`) named by its code point, which groff reads whatever the
/// page's encoding is taken to be.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            c if c.is_ascii() => out.push(c),
            c => out.push_str(&format!("\\[u{:04X}]", u32::from(c))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_text_guards_control_lines_and_escapes() {
        assert_eq!(roff_text(".hidden"), "\\&.hidden\n");
        assert_eq!(roff_text("a\\b --x"), "a\\eb \\-\\-x\n");
    }

    #[test]
    fn the_page_has_every_exit_code() {
        let page = String::from_utf8(page().unwrap()).unwrap();
        let status = page.split(".SH \"EXIT STATUS\"").nth(1).unwrap();
        for code in ["0", "1", "2"] {
            assert!(status.contains(&format!(".TP\n{code}\n")), "{status}");
        }
        assert!(!page.contains("EXTRA"), "{page}");
    }
}
