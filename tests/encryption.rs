//! Encryption at rest: an encrypted workspace opens only with its passphrase, a wrong one
//! changes nothing, and converting between plain and encrypted (or to a new passphrase) leaves
//! a workspace that opens whatever step it is interrupted at.

mod common;

use std::path::Path;

use chrono::NaiveDate;
use isms::store::{ConvertStep, Interruption, Passphrase, Store, StoreError, converting_path};

fn key(text: &str) -> Passphrase {
    Passphrase::new(text.to_string()).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
}

/// Everything a workspace holds, change log included.
fn content(store: &Store) -> String {
    let json = isms::report::export::workspace::to_json(store, today()).unwrap();
    String::from_utf8(json).unwrap()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn side_files(path: &Path) -> Vec<String> {
    ["-wal", "-shm", "-journal", ".converting"]
        .iter()
        .filter(|suffix| {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            Path::new(&p).exists()
        })
        .map(|s| s.to_string())
        .collect()
}

/// The demo workspace, written plain, and its content.
fn demo(dir: &Path) -> (std::path::PathBuf, String) {
    let path = dir.join("demo.isms");
    let store = isms::demo::write_demo(&path).unwrap();
    let before = content(&store);
    drop(store);
    (path, before)
}

#[test]
fn an_encrypted_workspace_round_trips_and_shows_nothing_in_the_clear() {
    let dir = common::workdir();
    let path = dir.path().join("secret.isms");
    let pass = key("correct horse battery");
    let mut store = Store::create_with(&path, "Geheim Consulting GmbH", Some(&pass)).unwrap();
    assert!(store.is_encrypted());
    store
        .edit(|w| w.set_organisation("Geheim Consulting GmbH & Co. KG"))
        .unwrap();
    let reader = store.read_access().open().unwrap();
    assert_eq!(
        reader.organisation().unwrap(),
        "Geheim Consulting GmbH & Co. KG",
        "a reader on another thread opens with the same key"
    );
    drop(reader);
    let written = content(&store);
    drop(store);

    let bytes = std::fs::read(&path).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    assert!(
        !contains(&bytes, "Geheim"),
        "the organisation is in the clear"
    );
    assert!(
        !contains(&bytes, "change_log"),
        "the schema is in the clear"
    );
    assert!(isms::store::inspect(&path).unwrap().encrypted);

    match Store::open(&path) {
        Err(StoreError::Encrypted(p)) => assert_eq!(p, path.display().to_string()),
        other => panic!(
            "expected a request for the passphrase, got {:?}",
            other.err()
        ),
    }
    let opened = Store::open_with(&path, false, Some(&pass)).unwrap();
    assert!(opened.is_encrypted());
    assert_eq!(content(&opened), written);
}

#[test]
fn a_wrong_passphrase_changes_nothing() {
    let dir = common::workdir();
    let path = dir.path().join("secret.isms");
    drop(Store::create_with(&path, "Acme GmbH", Some(&key("correct horse battery"))).unwrap());
    let before = std::fs::read(&path).unwrap();
    let lock_before = std::fs::read(isms::store::lock_path(&path)).ok();
    for read_only in [false, true] {
        let started = std::time::Instant::now();
        match Store::open_with(&path, read_only, Some(&key("correct horse battery!"))) {
            Err(StoreError::WrongPassphrase(p)) => assert_eq!(p, path.display().to_string()),
            other => panic!("expected a wrong passphrase, got {:?}", other.err()),
        }
        assert!(
            started.elapsed() >= std::time::Duration::from_millis(500),
            "a wrong passphrase is answered after a delay"
        );
    }
    assert!(std::fs::read(&path).unwrap() == before, "the file changed");
    assert_eq!(side_files(&path), Vec::<String>::new());
    assert_eq!(
        std::fs::read(isms::store::lock_path(&path)).ok(),
        lock_before,
        "the lock file was written"
    );
    let backup = dir.path().join("copy.isms");
    assert!(matches!(
        Store::backup_with(&path, &backup, Some(&key("wrong passphrase")), false),
        Err(StoreError::WrongPassphrase(_))
    ));
    assert!(!backup.exists(), "a refused backup leaves no file");
}

#[test]
fn a_plain_workspace_opens_as_before_even_with_a_passphrase_at_hand() {
    let dir = common::workdir();
    let (path, before) = demo(dir.path());
    assert!(!isms::store::inspect(&path).unwrap().encrypted);
    let store = Store::open_with(&path, true, Some(&key("not needed here"))).unwrap();
    assert!(!store.is_encrypted());
    assert_eq!(content(&store), before);
}

#[test]
fn encrypt_rekey_and_decrypt_keep_every_record() {
    let dir = common::workdir();
    let (path, before) = demo(dir.path());
    let first = key("first passphrase");
    let second = key("second passphrase");

    Store::convert(&path, None, Some(&first)).unwrap();
    assert!(isms::store::inspect(&path).unwrap().encrypted);
    assert!(!contains(&std::fs::read(&path).unwrap(), "Annex"));
    assert_eq!(side_files(&path), Vec::<String>::new());
    let store = Store::open_with(&path, true, Some(&first)).unwrap();
    assert_eq!(content(&store), before);
    drop(store);
    assert!(matches!(
        Store::convert(&path, None, Some(&first)),
        Err(StoreError::AlreadyEncrypted(_))
    ));

    Store::convert(&path, Some(&first), Some(&second)).unwrap();
    assert!(matches!(
        Store::open_with(&path, true, Some(&first)),
        Err(StoreError::WrongPassphrase(_))
    ));
    let store = Store::open_with(&path, false, Some(&second)).unwrap();
    assert_eq!(content(&store), before);
    drop(store);

    Store::convert(&path, Some(&second), None).unwrap();
    assert!(!isms::store::inspect(&path).unwrap().encrypted);
    let store = Store::open(&path).unwrap();
    assert_eq!(content(&store), before);
    drop(store);
    assert!(matches!(
        Store::convert(&path, Some(&second), None),
        Err(StoreError::NotEncrypted(_))
    ));
}

#[test]
fn a_conversion_waits_for_no_one_and_refuses_an_open_workspace() {
    let dir = common::workdir();
    let (path, _) = demo(dir.path());
    let open = Store::open(&path).unwrap();
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(
        Store::convert(&path, None, Some(&key("first passphrase"))),
        Err(StoreError::InUse { .. })
    ));
    drop(open);
    assert!(std::fs::read(&path).unwrap() == before);
}

#[test]
fn a_wrong_passphrase_for_a_conversion_changes_nothing() {
    let dir = common::workdir();
    let (path, _) = demo(dir.path());
    Store::convert(&path, None, Some(&key("first passphrase"))).unwrap();
    let before = std::fs::read(&path).unwrap();
    for to in [None, Some(key("second passphrase"))] {
        assert!(matches!(
            Store::convert(&path, Some(&key("not the passphrase")), to.as_ref()),
            Err(StoreError::WrongPassphrase(_))
        ));
    }
    assert!(std::fs::read(&path).unwrap() == before);
    assert_eq!(side_files(&path), Vec::<String>::new());
}

/// Every way a conversion can be cut off: failing at each step (then it cleans up), or
/// stopping dead after each step (a kill or power cut: whatever was written stays). The
/// workspace opens afterwards with the old key, or, once the copy replaced it, the new one,
/// and holds everything it held; the next conversion then runs to the end.
#[test]
fn a_conversion_interrupted_at_any_step_leaves_a_workspace_that_opens() {
    let steps = [
        ConvertStep::Copy,
        ConvertStep::Verify,
        ConvertStep::Sync,
        ConvertStep::Replace,
    ];
    let first = key("first passphrase");
    let second = key("second passphrase");
    // Encrypting, changing the passphrase and decrypting.
    let conversions: [(Option<&Passphrase>, Option<&Passphrase>); 3] = [
        (None, Some(&first)),
        (Some(&first), Some(&second)),
        (Some(&first), None),
    ];
    let dir = common::workdir();
    let (plain, before) = demo(dir.path());
    let encrypted = dir.path().join("encrypted.isms");
    std::fs::copy(&plain, &encrypted).unwrap();
    Store::convert(&encrypted, None, Some(&first)).unwrap();

    for (from, to) in conversions {
        for step in steps {
            for interruption in [Interruption::FailAt(step), Interruption::StopAfter(step)] {
                let what = format!("{from:?} → {to:?}, {interruption:?}");
                let path = dir.path().join("w.isms");
                let _ = std::fs::remove_file(&path);
                std::fs::copy(if from.is_some() { &encrypted } else { &plain }, &path).unwrap();
                let original = std::fs::read(&path).unwrap();

                let result = Store::convert_interrupted(&path, from, to, interruption);
                let replaced = interruption == Interruption::StopAfter(ConvertStep::Replace);
                match interruption {
                    Interruption::FailAt(_) => {
                        assert!(result.is_err(), "{what}: reported success");
                        assert!(
                            !converting_path(&path).exists(),
                            "{what}: the half-made copy stayed"
                        );
                    }
                    Interruption::StopAfter(_) => {}
                }
                if !replaced {
                    assert!(
                        std::fs::read(&path).unwrap() == original,
                        "{what}: the workspace changed before it was replaced"
                    );
                }
                let key_now = if replaced { to } else { from };
                let store = Store::open_with(&path, true, key_now)
                    .unwrap_or_else(|e| panic!("{what}: does not open: {e}"));
                assert_eq!(content(&store), before, "{what}: content changed");
                drop(store);

                if !replaced {
                    Store::convert(&path, from, to)
                        .unwrap_or_else(|e| panic!("{what}: the next conversion failed: {e}"));
                    let store = Store::open_with(&path, true, to).unwrap();
                    assert_eq!(content(&store), before, "{what}: content changed");
                }
                assert!(
                    !converting_path(&path).exists(),
                    "{what}: a copy stayed after the conversion finished"
                );
            }
        }
    }
}

#[test]
fn backups_of_an_encrypted_workspace_stay_encrypted_unless_asked_plain() {
    let dir = common::workdir();
    let (path, before) = demo(dir.path());
    let pass = key("first passphrase");
    Store::convert(&path, None, Some(&pass)).unwrap();
    let open = Store::open_with(&path, false, Some(&pass)).unwrap();

    let encrypted = dir.path().join("encrypted-copy.isms");
    assert!(matches!(
        Store::backup(&path, &encrypted),
        Err(StoreError::Encrypted(_))
    ));
    assert!(!encrypted.exists());
    Store::backup_with(&path, &encrypted, Some(&pass), false).unwrap();
    assert!(isms::store::inspect(&encrypted).unwrap().encrypted);
    let copy = Store::open_with(&encrypted, true, Some(&pass)).unwrap();
    assert_eq!(content(&copy), before);

    let plain = dir.path().join("plain-copy.isms");
    Store::backup_with(&path, &plain, Some(&pass), true).unwrap();
    assert!(!isms::store::inspect(&plain).unwrap().encrypted);
    let copy = Store::open(&plain).unwrap();
    assert_eq!(content(&copy), before);
    drop(open);
}

#[test]
fn a_copy_left_by_a_killed_conversion_goes_when_the_workspace_is_next_opened_for_writing() {
    let dir = common::workdir();
    let (path, before) = demo(dir.path());
    let pass = key("first passphrase");
    Store::convert(&path, None, Some(&pass)).unwrap();
    // A decryption killed after its plain copy was checked: the copy is in the clear.
    Store::convert_interrupted(
        &path,
        Some(&pass),
        None,
        Interruption::StopAfter(ConvertStep::Verify),
    )
    .unwrap();
    assert!(converting_path(&path).exists());
    drop(Store::open_with(&path, true, Some(&pass)).unwrap());
    assert!(
        converting_path(&path).exists(),
        "a reader leaves it: a conversion may hold the lock"
    );
    let store = Store::open_with(&path, false, Some(&pass)).unwrap();
    assert!(
        !converting_path(&path).exists(),
        "the plain copy stayed beside the workspace"
    );
    assert_eq!(content(&store), before);
}
