//! A closed workspace is one file: when the app or a command closes it, the `.isms` file alone
//! holds every committed edit, and no `FILE.lock`, `FILE-wal` or `FILE-shm` stays beside it.
//! Each scenario copies only the file to a fresh folder and reads the copy.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::path::Path;

use common::Sandbox;
use pty::{Session, Workspace};

/// The names in the folder of `file` that start with its name, other than the file itself.
fn side_files(file: &Path) -> Vec<String> {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let mut found: Vec<String> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&name) && *n != name)
        .collect();
    found.sort();
    found
}

fn assert_one_file(file: &Path, after: &str) {
    assert_eq!(
        side_files(file),
        Vec::<String>::new(),
        "left beside {} after {after}",
        file.display()
    );
}

/// The names of the scope items in a copy of only the file `ws`, opened in a fresh folder.
fn scope_names_in_a_copy(file: &Path) -> Vec<String> {
    let stick = tempfile::tempdir().unwrap();
    let copy = stick.path().join("copy.isms");
    std::fs::copy(file, &copy).unwrap();
    let store = isms::store::Store::open_read_only(&copy).unwrap();
    store
        .scope_items()
        .unwrap()
        .into_iter()
        .map(|i| i.name)
        .collect()
}

/// From a freshly started app: saves the scope item `name`.
fn save_scope_item(app: &mut Session, name: &str) {
    app.wait_for("1 Dashboard");
    app.send("2");
    app.send("\x1b[C"); // Right: the next view
    app.wait_for("Scope items (4.3)");
    app.send("n");
    app.wait_for("Add a scope item");
    app.send(&format!("{name}\r")); // the form starts on the name
    app.wait_for("Saved S-");
}

fn quit(app: &mut Session) {
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "exit: {status}\n{}", app.screen());
}

#[test]
fn the_app_quitting_leaves_one_file_that_holds_every_edit() {
    let ws = Workspace::new();
    assert_one_file(&ws.file, "isms new");
    let mut app = Session::open(&ws, &[]);
    save_scope_item(&mut app, "Lager Köln");
    quit(&mut app);
    assert_one_file(&ws.file, "the app quit");
    assert_eq!(scope_names_in_a_copy(&ws.file), ["Lager Köln"]);
}

#[test]
fn a_read_only_window_open_while_the_writer_quits_leaves_every_edit_in_the_file() {
    let ws = Workspace::new();
    let mut writer = Session::open(&ws, &[]);
    writer.wait_for("1 Dashboard");
    let mut reader = Session::spawn(&ws, &["--read-only", "--db", ws.path()], &[]);
    reader.wait_for("1 Dashboard");
    save_scope_item(&mut writer, "Lager Köln");
    // Its screens read the workspace while the writer saves and quits.
    reader.send("2");
    reader.wait_for("Scope items");
    quit(&mut writer);
    assert_eq!(
        scope_names_in_a_copy(&ws.file),
        ["Lager Köln"],
        "with the read-only window still open"
    );
    quit(&mut reader);
    assert_one_file(&ws.file, "both windows quit");
    assert_eq!(scope_names_in_a_copy(&ws.file), ["Lager Köln"]);
}

#[test]
fn a_reader_in_another_process_open_while_the_writer_quits_leaves_every_edit_in_the_file() {
    let ws = Workspace::new();
    // This test's process reads, as a command or a read-only window would.
    let reader = isms::store::Store::open_read_only(&ws.file).unwrap();
    let mut writer = Session::open(&ws, &[]);
    save_scope_item(&mut writer, "Lager Köln");
    quit(&mut writer);
    assert_eq!(scope_names_in_a_copy(&ws.file), ["Lager Köln"]);
    let names: Vec<String> = reader
        .scope_items()
        .unwrap()
        .into_iter()
        .map(|i| i.name)
        .collect();
    assert_eq!(names, ["Lager Köln"], "the reader sees the edit too");
    drop(reader);
    assert_one_file(&ws.file, "the reader closed last");
}

#[test]
fn a_workspace_closed_while_a_reader_beside_it_still_reads_is_one_file_with_every_edit() {
    use isms::domain::scope::{ScopeItem, ScopeItemKind};
    let sb = Sandbox::new();
    let file = sb.path("acme.isms");
    let mut writer = isms::store::Store::create(&file, "Acme GmbH").unwrap();
    writer
        .edit(|w| w.insert_scope_item(ScopeItem::new(ScopeItemKind::Location, "Lager Köln")))
        .unwrap();
    // As the app's screens are built in the background while the user quits.
    let access = writer.read_access();
    let (opened, wait) = std::sync::mpsc::channel();
    let reading = std::thread::spawn(move || {
        let reader = access.open().unwrap();
        opened.send(()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        reader.scope_items().unwrap().len()
    });
    wait.recv().unwrap();
    drop(writer);
    assert_eq!(reading.join().unwrap(), 1);
    assert_one_file(&file, "the workspace closed");
    assert_eq!(scope_names_in_a_copy(&file), ["Lager Köln"]);
}

#[test]
fn after_kill_9_a_reopened_and_closed_workspace_is_one_file_with_every_edit() {
    let ws = Workspace::new();
    let mut app = Session::open(&ws, &[]);
    save_scope_item(&mut app, "Lager Köln");
    app.kill_9();
    let mut again = Session::open(&ws, &[]);
    save_scope_item(&mut again, "Lager Bonn");
    quit(&mut again);
    assert_one_file(&ws.file, "the reopened app quit");
    let mut names = scope_names_in_a_copy(&ws.file);
    names.sort();
    assert_eq!(names, ["Lager Bonn", "Lager Köln"]);
}

#[test]
fn after_kill_9_a_command_that_only_reads_leaves_one_file_with_every_edit() {
    let ws = Workspace::new();
    let mut app = Session::open(&ws, &[]);
    save_scope_item(&mut app, "Lager Köln");
    app.kill_9();
    ws.run(&["info", ws.path()]);
    assert_one_file(&ws.file, "isms info");
    assert_eq!(scope_names_in_a_copy(&ws.file), ["Lager Köln"]);
}

const PASSPHRASE: &str = "correct horse battery staple";
const NEW_PASSPHRASE: &str = "a different passphrase entirely";

/// Runs `isms ARGS` (with both passphrases at hand) and checks that it left `file` alone.
fn leaves_one_file(sb: &Sandbox, file: &Path, args: &[&str]) {
    let run = sb
        .command(args)
        .env("ISMS_PASSPHRASE", PASSPHRASE)
        .env("ISMS_NEW_PASSPHRASE", NEW_PASSPHRASE)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "isms {args:?}: {}\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert_one_file(file, &format!("isms {}", args.join(" ")));
}

#[test]
fn every_command_leaves_the_workspace_one_file() {
    let sb = Sandbox::new();
    let p = |name: &str| sb.path(name).to_str().unwrap().to_string();
    let (demo, new, json, copy) = (p("demo.isms"), p("new.isms"), p("ws.json"), p("copy.isms"));
    let file = sb.path("demo.isms");
    leaves_one_file(&sb, &file, &["demo", &demo]);
    leaves_one_file(&sb, &sb.path("new.isms"), &["new", &new, "--org", "Acme"]);
    let scope = sb.path("scope.csv");
    std::fs::write(&scope, "kind,name\nlocation,Lager Köln\n").unwrap();
    let db = ["--db", demo.as_str()];
    let runs: [&[&str]; 11] = [
        &["info"],
        &["check"],
        &["list", "assets"],
        &["log"],
        &["export", "assets", "-o", &p("assets.csv")],
        &["export", "workspace", "--format", "json", "-o", &json],
        &["backup", &p("backup.isms")],
        &["import", "scope", scope.to_str().unwrap()],
        &["encrypt"],
        &["backup", &p("encrypted-backup.isms")],
        &["rekey"],
    ];
    for args in runs {
        // `check` says by 0 or 1 whether something major was found.
        if args == ["check"] {
            let run = sb.command(&[&db[..], args].concat()).output().unwrap();
            assert!(matches!(run.status.code(), Some(0 | 1)), "{run:?}");
            assert_one_file(&file, "isms check");
        } else {
            leaves_one_file(&sb, &file, &[&db[..], args].concat());
        }
    }
    let with_new = |args: &[&str]| {
        let run = sb
            .command(args)
            .env("ISMS_PASSPHRASE", NEW_PASSPHRASE)
            .output()
            .unwrap();
        assert!(run.status.success(), "isms {args:?}: {run:?}");
        assert_one_file(&file, &format!("isms {}", args.join(" ")));
    };
    with_new(&["--db", &demo, "info"]);
    with_new(&["--db", &demo, "decrypt"]);
    leaves_one_file(
        &sb,
        &sb.path("copy.isms"),
        &["import", "workspace", &json, "-o", &copy],
    );
    assert_one_file(&sb.path("backup.isms"), "isms backup");
    assert_one_file(&sb.path("encrypted-backup.isms"), "isms backup");
    assert!(
        scope_names_in_a_copy(&file).contains(&"Lager Köln".to_string()),
        "the imported item is in the file"
    );
}
