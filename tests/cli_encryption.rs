//! Encrypted workspaces from the command line: the passphrase comes from ISMS_PASSPHRASE (or a
//! terminal), a wrong one changes nothing, and SQLCipher's own log never reaches the output.

mod common;

use common::{Sandbox, bytes};

const PASS: &str = "correct horse battery";
const NEW_PASS: &str = "staple horse battery";

/// SQLCipher's log lines look like `2026-… ERROR CORE sqlcipher_…`.
fn assert_no_cipher_log(text: &str) {
    assert!(
        !text.contains("sqlcipher") && !text.contains("ERROR CORE"),
        "SQLCipher's log reached the output: {text}"
    );
}

#[test]
fn new_encrypt_asks_for_a_passphrase_and_every_command_needs_it() {
    let sb = Sandbox::new();
    let file = sb.path("acme.isms");
    let f = file.to_str().unwrap();
    sb.run(&["new", f, "--org", "Acme GmbH", "--encrypt"])
        .fails_with("type the new passphrase in a terminal, or give it in ISMS_PASSPHRASE");
    assert!(!file.exists(), "nothing is created without a passphrase");

    let mut short = sb.command(&["new", f, "--org", "Acme GmbH", "--encrypt"]);
    let short = common::Run(short.env("ISMS_PASSPHRASE", "too short").output().unwrap());
    short.fails_with("ISMS_PASSPHRASE: passphrase: expected at least 10 characters, got 9");
    assert!(!file.exists());

    let mut new = sb.command(&["new", f, "--org", "Acme GmbH", "--encrypt"]);
    let new = common::Run(new.env("ISMS_PASSPHRASE", PASS).output().unwrap());
    new.success();
    assert!(new.stdout().contains("Created the encrypted workspace"));
    assert!(!String::from_utf8_lossy(&bytes(&file)).contains("Acme"));

    sb.run(&["info", f])
        .fails_with("encrypted, or not an SQLite database");
    let before = bytes(&file);
    let mut wrong = sb.command(&["info", f]);
    let wrong = common::Run(
        wrong
            .env("ISMS_PASSPHRASE", "not the passphrase")
            .output()
            .unwrap(),
    );
    wrong.fails_with("wrong passphrase; nothing was opened or changed");
    assert_no_cipher_log(&wrong.stderr());
    assert!(
        bytes(&file) == before,
        "a wrong passphrase changed the file"
    );

    let mut info = sb.command(&["info", f]);
    let info = common::Run(info.env("ISMS_PASSPHRASE", PASS).output().unwrap());
    info.success();
    assert!(info.stdout().contains("Acme GmbH"), "{}", info.stdout());
    assert!(
        info.stdout().contains("Encryption:         SQLCipher"),
        "{}",
        info.stdout()
    );
    assert_no_cipher_log(&info.stderr());

    let ls = sb.run(&["ls", "--format", "json"]);
    let listed: serde_json::Value = serde_json::from_str(&ls.success().stdout()).unwrap();
    assert_eq!(listed[0]["encrypted"], serde_json::json!(true), "{listed}");
}

#[test]
fn encrypt_rekey_and_decrypt_a_workspace_in_place() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let f = file.to_str().unwrap();
    let assets = sb.run(&["--db", f, "list", "assets", "--format", "csv"]);
    let assets = assets.success().stdout();
    let with = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = sb.command(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        common::Run(cmd.output().unwrap())
    };

    sb.run(&["decrypt", f])
        .fails_with("is not encrypted; nothing was changed");
    let encrypted = with(&["encrypt", f], &[("ISMS_PASSPHRASE", PASS)]);
    assert!(encrypted.success().stdout().contains("Encrypted"));
    with(&["encrypt", f], &[("ISMS_PASSPHRASE", PASS)]).fails_with("is encrypted already");
    let listed = with(
        &["--db", f, "list", "assets", "--format", "csv"],
        &[("ISMS_PASSPHRASE", PASS)],
    );
    assert_eq!(listed.success().stdout(), assets);

    let before = bytes(&file);
    with(
        &["rekey", f],
        &[("ISMS_PASSPHRASE", NEW_PASS), ("ISMS_NEW_PASSPHRASE", PASS)],
    )
    .fails_with("wrong passphrase");
    assert!(
        bytes(&file) == before,
        "a wrong passphrase changed the file"
    );
    with(&["rekey", f], &[("ISMS_PASSPHRASE", PASS)])
        .fails_with("type the new passphrase in a terminal, or give it in ISMS_NEW_PASSPHRASE");
    assert!(bytes(&file) == before);
    with(
        &["rekey", f],
        &[("ISMS_PASSPHRASE", PASS), ("ISMS_NEW_PASSPHRASE", NEW_PASS)],
    )
    .success();
    with(&["info", f], &[("ISMS_PASSPHRASE", PASS)]).fails_with("wrong passphrase");

    let decrypted = with(&["decrypt", f], &[("ISMS_PASSPHRASE", NEW_PASS)]);
    assert_no_cipher_log(&decrypted.success().stderr());
    assert!(bytes(&file).starts_with(b"SQLite format 3\0"));
    let listed = sb.run(&["--db", f, "list", "assets", "--format", "csv"]);
    assert_eq!(listed.success().stdout(), assets);
}

#[test]
fn exports_and_plain_backups_say_they_leave_the_encryption() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let f = file.to_str().unwrap();
    let with = |args: &[&str]| {
        let mut cmd = sb.command(args);
        common::Run(cmd.env("ISMS_PASSPHRASE", PASS).output().unwrap())
    };
    with(&["encrypt", f]).success();

    let out = sb.path("soa.csv");
    let export = with(&["--db", f, "export", "soa", "-o", out.to_str().unwrap()]);
    assert!(
        export.success().stderr().contains("this export is not"),
        "{}",
        export.stderr()
    );
    assert!(String::from_utf8_lossy(&bytes(&out)).contains("5.1"));

    let copy = sb.path("copy.isms");
    let backup = with(&["backup", f, copy.to_str().unwrap()]);
    assert!(
        backup
            .success()
            .stdout()
            .contains("encrypted with the workspace's passphrase")
    );
    assert!(!bytes(&copy).starts_with(b"SQLite format 3\0"));
    with(&["info", copy.to_str().unwrap()]).success();

    let plain = sb.path("plain.isms");
    let backup = with(&["backup", "--plain", f, plain.to_str().unwrap()]);
    assert!(backup.success().stdout().contains("NOT encrypted"));
    assert!(bytes(&plain).starts_with(b"SQLite format 3\0"));
    sb.run(&["info", plain.to_str().unwrap()]).success();
}
