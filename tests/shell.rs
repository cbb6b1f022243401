//! `isms completions` and `isms man`: what a shell and `man` read must parse there.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::Sandbox;

/// Runs `program args` with `input` on stdin; its exit status and stderr. A missing program
/// fails the test with how to install it: CI runs on a machine that has it.
fn feed(program: &str, args: &[&str], input: &[u8], install: &str) -> (bool, String) {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} could not start ({e}); install it: {install}"));
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bash_completions_parse_in_bash() {
    let sb = Sandbox::new();
    let run = sb.run(&["completions", "bash"]);
    let script = run.success().stdout();
    assert!(script.contains("complete -F"), "{script}");
    for command in ["export", "import", "completions", "man"] {
        assert!(script.contains(command), "{command} missing");
    }
    let (ok, err) = feed(
        "bash",
        &["-n"],
        script.as_bytes(),
        "apt-get install -y bash",
    );
    assert!(ok && err.is_empty(), "bash -n: {err}");
}

#[test]
fn every_shell_gets_completions_naming_the_commands() {
    let sb = Sandbox::new();
    for shell in ["zsh", "fish", "powershell"] {
        let run = sb.run(&["completions", shell]);
        let script = run.success().stdout();
        assert!(
            script.contains("diff") && script.contains("backup"),
            "{shell}"
        );
    }
    let run = sb.run(&["completions", "tcsh"]);
    assert_eq!(run.code(), Some(2), "{}", run.stderr());
    assert!(run.stderr().contains("tcsh"), "{}", run.stderr());
}

#[test]
fn the_man_page_passes_groff_without_warnings() {
    let sb = Sandbox::new();
    let run = sb.run(&["man"]);
    let page = run.success().stdout();
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH COMMANDS",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(page.contains(section), "{section} missing");
    }
    assert!(page.contains("isms export"), "every command has its entry");
    let (ok, warnings) = feed(
        "groff",
        &["-man", "-ww", "-z"],
        page.as_bytes(),
        "apt-get install -y groff",
    );
    assert!(ok && warnings.is_empty(), "groff: {warnings}");
}

#[test]
fn the_man_page_is_written_to_a_file_whole_and_never_over_one() {
    let sb = Sandbox::new();
    let file = sb.path("isms.1");
    let f = file.to_str().unwrap();
    let run = sb.run(&["man", "-o", f]);
    assert_eq!(run.success().stdout().trim(), f);
    let page = std::fs::read_to_string(&file).unwrap();
    assert_eq!(page, sb.run(&["man"]).stdout());
    sb.run(&["man", "-o", f])
        .fails_with("isms.1: already exists; nothing was written (--force replaces it)");
    sb.run(&["man", "-o", f, "--force"]).success();
}
