//! `kill -9` at random moments while `isms import workspace` and `isms demo` build a new
//! workspace: the target is then either missing or a whole workspace, never half of one, and
//! an import never leaves a `.lock` beside it.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Dice, Sandbox};
use isms::store::Store;

/// Kills per command; each waits at most as long as one whole run takes.
const ROUNDS: u32 = 8;

/// `isms ARGS` in the sandbox, killed after `after` unless it ends first. Returns how long it
/// ran and whether it was killed.
fn run_killed(sb: &Sandbox, args: &[&str], after: Duration) -> (Duration, bool) {
    let mut cmd: Command = sb.command(args);
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let started = Instant::now();
    while started.elapsed() < after {
        if child.try_wait().unwrap().is_some() {
            return (started.elapsed(), false);
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    // SIGKILL: no handler runs, as with a crash or a pulled plug.
    child.kill().unwrap();
    child.wait().unwrap();
    (started.elapsed(), true)
}

/// Asset, risk and action counts of the workspace at `path`, which must open whole.
fn counts(path: &Path) -> (i64, i64, i64) {
    let store = Store::open_read_only(path)
        .unwrap_or_else(|e| panic!("{}: does not open: {e}", path.display()));
    let c = store.counts().unwrap();
    (c.assets as i64, c.risks as i64, c.actions as i64)
}

/// Runs `args` (which create `target`) killed at random moments up to one whole run's time;
/// after each, `target` is missing or holds `expected`. `opened` says the command opens the
/// new workspace for writing at the end, which may leave its `.lock` and journals.
fn kill_while_building(sb: &Sandbox, args: &[&str], target: &Path, opened: bool) {
    let (whole, killed) = run_killed(sb, args, Duration::from_secs(60));
    assert!(!killed, "one run finishes");
    let expected = counts(target);
    let mut dice = Dice(0x2545_F491_4F6C_DD1D);
    let mut seen_whole = 0;
    for _ in 0..ROUNDS {
        std::fs::remove_file(target).unwrap_or_default();
        let _ = std::fs::remove_file(isms::store::lock_path(target));
        let at = Duration::from_millis(dice.roll(whole.as_millis() as u64 + 1));
        run_killed(sb, args, at);
        if target.exists() {
            assert_eq!(counts(target), expected, "{} is whole", target.display());
            seen_whole += 1;
        }
        if !opened {
            assert!(
                !isms::store::lock_path(target).exists(),
                "no lock beside {}",
                target.display()
            );
        }
    }
    // Nothing but hidden temporary files of killed runs is left beside the target.
    for entry in std::fs::read_dir(target.parent().unwrap()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let target_name = target.file_name().unwrap().to_string_lossy();
        if name.contains(target_name.as_ref()) {
            assert!(
                name == target_name
                    || name.starts_with('.')
                    || (opened && [".lock", "-wal", "-shm"].iter().any(|s| name.ends_with(s))),
                "{name}"
            );
        }
    }
    eprintln!("{seen_whole} of {ROUNDS} kills came after the rename");
}

#[test]
fn kill_9_during_a_workspace_import_leaves_a_whole_workspace_or_none_and_no_lock() {
    let sb = Sandbox::new();
    let demo = sb.demo();
    let json = sb.path("demo.json");
    sb.run(&[
        "--db",
        demo.to_str().unwrap(),
        "export",
        "workspace",
        "-o",
        json.to_str().unwrap(),
    ])
    .success();
    std::fs::create_dir(sb.path("out")).unwrap();
    let target = sb.path("out/new.isms");
    let args = [
        "import",
        "workspace",
        json.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ];
    kill_while_building(&sb, &args, &target, false);
}

#[test]
fn kill_9_while_writing_the_demo_leaves_a_whole_demo_or_none() {
    let sb = Sandbox::new();
    std::fs::create_dir(sb.path("out")).unwrap();
    let target = sb.path("out/demo.isms");
    let args = ["demo", target.to_str().unwrap()];
    kill_while_building(&sb, &args, &target, true);
}
