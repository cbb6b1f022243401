//! `kill -9` at random moments while `isms encrypt`, `rekey` and `decrypt` run. After each kill
//! the workspace opens, with its old passphrase or, once the new file replaced it, the new one,
//! and holds everything it held; the next conversion then finishes.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use common::Dice;
use isms::store::{Passphrase, Store, StoreError};

/// Kills per kind of conversion.
const ROUNDS: u32 = 6;

fn content(store: &Store) -> String {
    let today = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    String::from_utf8(isms::report::export::workspace::to_json(store, today).unwrap()).unwrap()
}

/// The workspace opened with whichever of `keys` fits it (`None`: plain).
fn open_either(path: &Path, keys: [Option<&str>; 2]) -> (Store, Option<String>) {
    for key in keys {
        let pass = key.map(|k| Passphrase::new(k.to_string()).unwrap());
        match Store::open_with(path, true, pass.as_ref()) {
            Ok(store) if store.is_encrypted() == key.is_some() => {
                return (store, key.map(str::to_string));
            }
            Ok(_) | Err(StoreError::WrongPassphrase(_) | StoreError::Encrypted(_)) => {}
            Err(e) => panic!("{}: does not open: {e}", path.display()),
        }
    }
    panic!("{}: opens with neither passphrase", path.display())
}

/// `isms ARGS` with the passphrases in the environment, killed after `after` unless it ends
/// first. Returns whether it was killed.
fn run_killed(dir: &Path, args: &[&str], env: &[(&str, &str)], after: Duration) -> bool {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_isms"));
    cmd.args(args)
        .env_remove("ISMS_DB")
        .env_remove("ISMS_PASSPHRASE")
        .env_remove("ISMS_NEW_PASSPHRASE")
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("ISMS_USER", "tester")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let started = Instant::now();
    while started.elapsed() < after {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    // SIGKILL: no handler runs, as with a crash or a pulled plug.
    child.kill().unwrap();
    child.wait().unwrap();
    true
}

/// ISMS_PASSPHRASE holds the passphrase the file has, or for `encrypt` the one it gets;
/// ISMS_NEW_PASSPHRASE the new one of `rekey`.
fn passphrases<'a>(from: Option<&'a str>, to: Option<&'a str>) -> Vec<(&'static str, &'a str)> {
    let mut env = Vec::new();
    if let Some(k) = from.or(to) {
        env.push(("ISMS_PASSPHRASE", k));
    }
    if let (Some(_), Some(n)) = (from, to) {
        env.push(("ISMS_NEW_PASSPHRASE", n));
    }
    env
}

#[test]
fn kill_9_during_a_conversion_leaves_a_workspace_that_opens_whole() {
    let dir = common::workdir();
    let plain = dir.path().join("plain.isms");
    let before = content(&isms::demo::write_demo(&plain).unwrap());
    let mut dice = Dice(0x2545_F491_4F6C_DD1D);
    let (old, new) = ("first passphrase", "second passphrase");
    // (command, passphrase before, passphrase after)
    let kinds: [(&str, Option<&str>, Option<&str>); 3] = [
        ("encrypt", None, Some(old)),
        ("rekey", Some(old), Some(new)),
        ("decrypt", Some(old), None),
    ];
    let mut killed = 0;
    for (command, from, to) in kinds {
        // How long this conversion takes whole, to spread the kills over it.
        let path = dir.path().join(format!("{command}.isms"));
        let source = dir.path().join(format!("{command}-source.isms"));
        std::fs::copy(&plain, &source).unwrap();
        if from.is_some() {
            Store::convert(&source, None, Some(&Passphrase::new(old.into()).unwrap())).unwrap();
        }
        let env = |from, to| passphrases(from, to);
        let args = [command, path.to_str().unwrap()];
        std::fs::copy(&source, &path).unwrap();
        let started = Instant::now();
        assert!(!run_killed(
            dir.path(),
            &args,
            &env(from, to),
            Duration::from_secs(60)
        ));
        let whole = started.elapsed().as_millis() as u64;

        for round in 0..ROUNDS {
            std::fs::copy(&source, &path).unwrap();
            let after = Duration::from_millis(dice.roll(whole + 1));
            killed += u32::from(run_killed(dir.path(), &args, &env(from, to), after));
            let (store, key) = open_either(&path, [from, to]);
            assert_eq!(
                content(&store),
                before,
                "{command}, round {round}: content changed"
            );
            drop(store);
            if key.as_deref() == from {
                // Not replaced yet: the conversion runs again to the end.
                let args = [command, path.to_str().unwrap()];
                assert!(!run_killed(
                    dir.path(),
                    &args,
                    &env(from, to),
                    Duration::from_secs(60)
                ));
                let (store, key) = open_either(&path, [to, from]);
                assert_eq!(
                    key.as_deref(),
                    to,
                    "{command}, round {round}: not converted"
                );
                assert_eq!(content(&store), before);
            }
        }
    }
    assert!(
        killed >= ROUNDS,
        "only {killed} conversions were killed in flight"
    );
}
