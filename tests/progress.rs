//! Progress on long work: a bar on a terminal, and not one byte of it when stderr is piped.

mod common;
#[path = "common/pty.rs"]
mod pty;

use common::Sandbox;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn piped_stderr_stays_free_of_progress() {
    let sb = Sandbox::new();
    let big = sb.path("big.isms");
    let b = big.to_str().unwrap();
    let out = sb.path("out");
    std::fs::create_dir(&out).unwrap();
    let o = out.to_str().unwrap();
    let json = sb.path("big.json");
    let copy = sb.path("copy.isms");
    let scope = fixture("scope.csv");
    let runs = [
        vec!["demo", b, "--scale", "300"],
        vec!["--db", b, "export", "risks", "--format", "xlsx", "-o", o],
        vec![
            "--db",
            b,
            "export",
            "workspace",
            "-o",
            json.to_str().unwrap(),
        ],
        vec![
            "import",
            "workspace",
            json.to_str().unwrap(),
            "-o",
            copy.to_str().unwrap(),
        ],
        vec!["--db", b, "import", "scope", &scope],
    ];
    for args in runs {
        let run = sb.run(&args);
        run.success();
        assert_eq!(run.stderr(), "", "isms {args:?} wrote to a piped stderr");
    }
}

#[test]
fn a_terminal_sees_the_bar_and_then_a_clean_line() {
    let ws = pty::Workspace::new();
    let big = ws.dir.path().join("big.isms");
    let mut session = pty::Session::spawn(
        &ws,
        &["demo", big.to_str().unwrap(), "--scale", "1000"],
        &[],
    );
    assert!(session.wait_exit().success(), "{}", session.screen());
    let raw = session.raw();
    assert!(
        raw.contains("Writing the synthetic workspace"),
        "no progress on a terminal: {raw:?}"
    );
    // The bar is cleared: the screen holds the result only.
    let screen = session.screen();
    assert!(
        !screen.contains("Writing the synthetic workspace"),
        "{screen}"
    );
    assert!(screen.contains("Wrote the demo workspace"), "{screen}");
}
