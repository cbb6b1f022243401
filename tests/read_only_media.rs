//! A workspace on read-only media (a read-only folder or mount) can be read: the commands that
//! only read, a backup or an export to elsewhere, and the app with `--read-only` work, and leave
//! nothing beside the file.
//!
//! These tests run as root in CI, where file modes stop nothing: the folder and the file are
//! made immutable (`chattr +i`), which refuses every write, root's included. Elsewhere the
//! modes do. A platform where neither refuses a write skips the tests, loudly.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::process::Command;

use pty::{Session, Workspace};

/// A folder (and the files in it) that refuses writes while this lives.
struct ReadOnlyFolder {
    dir: PathBuf,
    files: Vec<PathBuf>,
    immutable: bool,
}

impl ReadOnlyFolder {
    /// Makes `dir` and `files` read-only; `None` (said on stderr) where nothing can.
    fn make(dir: &Path, files: &[&Path]) -> Option<Self> {
        let mut all: Vec<PathBuf> = files.iter().map(|f| f.to_path_buf()).collect();
        all.push(dir.to_path_buf());
        let immutable = Command::new("chattr")
            .arg("+i")
            .args(&all)
            .status()
            .is_ok_and(|s| s.success());
        if !immutable {
            use std::os::unix::fs::PermissionsExt;
            for path in &all {
                let mode = if path.is_dir() { 0o555 } else { 0o444 };
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
            }
        }
        let folder = ReadOnlyFolder {
            dir: dir.to_path_buf(),
            files: all[..all.len() - 1].to_vec(),
            immutable,
        };
        if std::fs::write(dir.join("probe"), "").is_ok() {
            eprintln!(
                "SKIPPED: this platform cannot make {} read-only (no `chattr +i`, and file \
                 modes do not stop this user); read-only media are NOT tested here",
                dir.display()
            );
            let _ = std::fs::remove_file(dir.join("probe"));
            return None;
        }
        Some(folder)
    }

    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for ReadOnlyFolder {
    fn drop(&mut self) {
        let mut all = self.files.clone();
        all.push(self.dir.clone());
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").args(&all).status();
        } else {
            use std::os::unix::fs::PermissionsExt;
            for path in &all {
                let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700));
            }
        }
    }
}

const PASSPHRASE: &str = "correct horse battery staple";

/// The demo workspace and an encrypted copy of it in the folder `media` of a new sandbox.
fn demo_on_media() -> (common::Sandbox, PathBuf, PathBuf) {
    let sb = common::Sandbox::new();
    // What a URI would read otherwise: the file is opened by one on such media.
    let media = sb.path("USB stick ?#%ü");
    std::fs::create_dir(&media).unwrap();
    let plain = media.join("demo.isms");
    let encrypted = media.join("secret.isms");
    sb.run(&["demo", plain.to_str().unwrap()]).success();
    std::fs::copy(&plain, &encrypted).unwrap();
    sb.command(&["encrypt", encrypted.to_str().unwrap()])
        .env("ISMS_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert!(common::bytes(&encrypted)[..16] != *b"SQLite format 3\0");
    (sb, plain, encrypted)
}

#[test]
fn commands_read_a_workspace_on_read_only_media_and_leave_nothing_there() {
    let (sb, plain, encrypted) = demo_on_media();
    let media = plain.parent().unwrap();
    let Some(folder) = ReadOnlyFolder::make(media, &[&plain, &encrypted]) else {
        return;
    };
    let before = folder.names();
    assert_eq!(before, ["demo.isms", "secret.isms"]);
    for file in [&plain, &encrypted] {
        let db = file.to_str().unwrap();
        let stem = file.file_stem().unwrap().to_str().unwrap();
        let out = |name: &str| sb.path(&format!("{stem}-{name}"));
        let (csv, backup) = (out("assets.csv"), out("backup.isms"));
        let runs: [Vec<&str>; 7] = [
            vec!["info"],
            vec!["check"],
            vec!["list", "assets"],
            vec!["log"],
            vec!["export", "assets", "-o", csv.to_str().unwrap()],
            vec!["backup", backup.to_str().unwrap()],
            vec!["--read-only", "info"],
        ];
        for args in runs {
            let run = sb
                .command(&[&["--db", db][..], &args].concat())
                .env("ISMS_PASSPHRASE", PASSPHRASE)
                .output()
                .unwrap();
            let ok = match args[0] {
                // 0 or 1 say whether something major was found; 2, that it could not read.
                "check" => matches!(run.status.code(), Some(0 | 1)),
                _ => run.status.success(),
            };
            assert!(
                ok,
                "isms {args:?} on {db}: {:?}\n{}\n{}",
                run.status,
                String::from_utf8_lossy(&run.stdout),
                String::from_utf8_lossy(&run.stderr)
            );
            assert_eq!(folder.names(), before, "after isms {args:?} on {db}");
            if args[0] == "info" {
                let shown = String::from_utf8_lossy(&run.stdout);
                assert!(
                    shown
                        .lines()
                        .any(|l| l.starts_with("Access") && l.ends_with("read-only")),
                    "read-only media are said to be read-only: {shown}"
                );
            }
        }
        let info = sb
            .command(&["info", backup.to_str().unwrap()])
            .env("ISMS_PASSPHRASE", PASSPHRASE)
            .output()
            .unwrap();
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(info.contains("Nordwind Logistik GmbH"), "{info}");
        let assets = std::fs::read_to_string(&csv).unwrap();
        assert!(assets.contains("Customer shipment data"), "{assets}");
    }
}

#[test]
fn a_command_that_writes_is_refused_on_read_only_media_without_leaving_anything() {
    let (sb, plain, encrypted) = demo_on_media();
    let media = plain.parent().unwrap();
    let Some(folder) = ReadOnlyFolder::make(media, &[&plain, &encrypted]) else {
        return;
    };
    let before = folder.names();
    let scope = sb.path("scope.csv");
    std::fs::write(&scope, "kind,name\nlocation,Lager Köln\n").unwrap();
    let db = plain.to_str().unwrap();
    sb.run(&["--db", db, "import", "scope", scope.to_str().unwrap()])
        .fails_with("read-only; nothing was changed");
    assert_eq!(folder.names(), before);
}

#[test]
fn the_app_reads_a_workspace_on_read_only_media_with_or_without_read_only() {
    let ws = Workspace::new();
    let media = ws.dir.path().join("USB stick ?#%ü");
    std::fs::create_dir(&media).unwrap();
    let file = media.join("acme.isms");
    std::fs::rename(&ws.file, &file).unwrap();
    let Some(folder) = ReadOnlyFolder::make(&media, &[&file]) else {
        return;
    };
    let db = file.to_str().unwrap();
    for args in [&["--read-only", "--db", db][..], &["--db", db]] {
        let mut app = Session::spawn(&ws, args, &[]);
        if args.len() == 2 {
            // Opened for writing where it cannot be: read-only, and said so.
            app.wait_for("Opened read-only");
        }
        app.wait_for("1 Dashboard");
        // A screen built in the background, by a reader of its own.
        app.send("2");
        app.send("\x1b[C");
        app.wait_for("Scope items (4.3)");
        app.send("q");
        let status = app.wait_exit();
        assert!(status.success(), "exit: {status}\n{}", app.screen());
        assert_eq!(folder.names(), ["acme.isms"], "after isms {args:?}");
    }
}
