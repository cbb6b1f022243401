//! Two conversions or imports at once: the one that loses says the workspace is busy and which
//! process has it, never that a good file is damaged or should be restored from a backup, and
//! it changes nothing.

mod common;

use std::process::{Child, Command, Stdio};

use common::{Run, Sandbox, bytes};
use isms::store::{Passphrase, Store};

const PASS: &str = "correct horse battery";
const NEW: &str = "staple of the new year";

fn pass(text: &str) -> Passphrase {
    Passphrase::new(text.to_string()).unwrap()
}

/// What a loser must never say about a good file.
fn assert_not_blamed_on_the_file(err: &str) {
    for word in ["damaged", "malformed", "backup", "restore"] {
        assert!(!err.contains(word), "said {word:?}: {err}");
    }
}

/// `isms ARGS` with passphrases in the environment, started and not yet waited for.
fn start(sb: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> Child {
    let mut cmd: Command = sb.command(args);
    cmd.env_remove("ISMS_PASSPHRASE")
        .env_remove("ISMS_NEW_PASSPHRASE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn().unwrap()
}

fn finish(child: Child) -> Run {
    Run(child.wait_with_output().unwrap())
}

/// A plain and an encrypted copy of the demo, with a scope sheet to import.
fn workspaces(sb: &Sandbox) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let plain = sb.demo();
    let secret = sb.path("secret.isms");
    std::fs::copy(&plain, &secret).unwrap();
    Store::convert(&secret, None, Some(&pass(PASS))).unwrap();
    let csv = sb.path("scope.csv");
    std::fs::write(&csv, "kind,name\nlocation,Lager Köln\n").unwrap();
    (plain, secret, csv)
}

#[test]
fn conversions_and_imports_beside_a_writer_say_busy_and_who_holds_it() {
    let sb = Sandbox::new();
    let (plain, secret, csv) = workspaces(&sb);
    let (p, s, c) = (
        plain.to_str().unwrap(),
        secret.to_str().unwrap(),
        csv.to_str().unwrap(),
    );
    // This process holds both, as an open app would.
    let holding_plain = Store::open(&plain).unwrap();
    let holding_secret = Store::open_with(&secret, false, Some(&pass(PASS))).unwrap();
    let holder = format!("process {}", std::process::id());
    let (plain_before, secret_before) = (bytes(&plain), bytes(&secret));

    let runs = [
        (
            "encrypt",
            start(&sb, &["encrypt", p], &[("ISMS_PASSPHRASE", PASS)]),
        ),
        (
            "rekey",
            start(
                &sb,
                &["rekey", s],
                &[("ISMS_PASSPHRASE", PASS), ("ISMS_NEW_PASSPHRASE", NEW)],
            ),
        ),
        (
            "decrypt",
            start(&sb, &["decrypt", s], &[("ISMS_PASSPHRASE", PASS)]),
        ),
        (
            "import",
            start(&sb, &["--db", p, "import", "scope", c], &[]),
        ),
        (
            "encrypted import",
            start(
                &sb,
                &["--db", s, "import", "scope", c],
                &[("ISMS_PASSPHRASE", PASS)],
            ),
        ),
    ];
    for (what, child) in runs {
        let run = finish(child);
        let err = run.stderr();
        run.fails_with("busy");
        assert!(err.contains(&holder), "{what}: {err}");
        assert_not_blamed_on_the_file(&err);
    }
    assert!(bytes(&plain) == plain_before, "nothing was written");
    assert!(bytes(&secret) == secret_before, "nothing was written");
    drop((holding_plain, holding_secret));

    // Free again: the conversion runs.
    let mut again = sb.command(&["encrypt", p]);
    Run(again.env("ISMS_PASSPHRASE", PASS).output().unwrap()).success();
}

#[test]
fn of_two_conversions_at_once_one_runs_and_the_other_says_busy() {
    let sb = Sandbox::new();
    let (plain, _, _) = workspaces(&sb);
    let mut busy = 0;
    for round in 0..3 {
        let file = sb.path(&format!("round{round}.isms"));
        std::fs::copy(&plain, &file).unwrap();
        let f = file.to_str().unwrap();
        let env = [("ISMS_PASSPHRASE", PASS)];
        let (a, b) = (
            start(&sb, &["encrypt", f], &env),
            start(&sb, &["encrypt", f], &env),
        );
        let runs = [finish(a), finish(b)];
        let won = runs.iter().filter(|r| r.code() == Some(0)).count();
        assert_eq!(won, 1, "exactly one encrypts the file");
        for run in runs.iter().filter(|r| r.code() != Some(0)) {
            let err = run.stderr();
            assert_not_blamed_on_the_file(&err);
            if err.contains("busy") {
                assert!(err.contains("(process "), "{err}");
                busy += 1;
            } else {
                // Started only once the other had finished: told what the file is now.
                run.fails_with("is encrypted already; nothing was changed");
            }
        }
        // The winner's file, whole and encrypted.
        let store = Store::open_with(&file, true, Some(&pass(PASS))).unwrap();
        assert!(store.is_encrypted());
        assert_eq!(store.organisation().unwrap(), "Nordwind Logistik GmbH");
    }
    assert!(
        busy > 0,
        "started together, some loser found the other busy"
    );
}

#[test]
fn an_import_during_a_conversion_is_busy_or_comes_before_or_after_it_whole() {
    let sb = Sandbox::new();
    let (_, secret, csv) = workspaces(&sb);
    let (s, c) = (secret.to_str().unwrap(), csv.to_str().unwrap());
    for round in 0..2 {
        let decrypt = start(&sb, &["decrypt", s], &[("ISMS_PASSPHRASE", PASS)]);
        let import = start(
            &sb,
            &["--db", s, "import", "scope", c],
            &[("ISMS_PASSPHRASE", PASS)],
        );
        let (decrypted, imported) = (finish(decrypt), finish(import));
        for run in [&decrypted, &imported] {
            if run.code() != Some(0) {
                let err = run.stderr();
                assert_not_blamed_on_the_file(&err);
                assert!(
                    err.contains("busy") || err.contains("is not encrypted"),
                    "round {round}: {err}"
                );
            }
        }
        // Whatever won, the file opens and holds the import exactly when it said so.
        let key = pass(PASS);
        let store = Store::open_with(&secret, true, Some(&key)).unwrap();
        let names: Vec<String> = store
            .scope_items()
            .unwrap()
            .into_iter()
            .map(|i| i.name)
            .collect();
        let kept = names.iter().filter(|n| *n == "Lager Köln").count();
        assert!(kept <= round + 1, "{names:?}");
        if imported.code() == Some(0) {
            assert!(kept >= 1, "the import said it was done: {names:?}");
        }
        drop(store);
        // Encrypted again for the next round.
        if Store::expect_encryption(&secret, true).is_err() {
            Store::convert(&secret, None, Some(&key)).unwrap();
        }
    }
}
