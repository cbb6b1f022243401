//! Files isms writes (exports, backups, new and imported workspaces): never onto the workspace
//! or its own files however the path is spelled, never over an existing file without
//! `--force`, never through a symlink or into a missing folder, and always private (0600).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Sandbox, bytes};

/// A small workspace `g.isms` in the sandbox, made with `isms new`.
fn workspace(sb: &Sandbox) -> PathBuf {
    let path = sb.path("g.isms");
    sb.run(&["new", path.to_str().unwrap(), "--org", "Acme GmbH"])
        .success();
    path
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn assert_no_temporary_file(dir: &Path) {
    let left = names(dir);
    assert!(
        !left.iter().any(|n| n.ends_with(".tmp")),
        "a temporary file is left: {left:?}"
    );
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn an_export_never_lands_on_the_workspace_however_it_is_spelled() {
    let sb = Sandbox::new();
    let ws = workspace(&sb);
    fs::create_dir(sb.path("dir")).unwrap();
    let before = bytes(&ws);
    let odd = sb.path("dir/../g.isms");
    let mut targets = vec![
        ws.clone(),
        odd,
        sb.path("g.isms-wal"),
        sb.path("g.isms.lock"),
        sb.path("g.isms.bak-v1"),
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(sb.dir.path(), sb.path("via")).unwrap();
        targets.push(sb.path("via/g.isms"));
    }
    for target in &targets {
        for force in [false, true] {
            let mut args = vec!["--db", s(&ws), "export", "workspace", "--format", "json"];
            args.extend_from_slice(&["-o", s(target)]);
            if force {
                args.push("--force");
            }
            let run = sb.run(&args);
            run.fails_with("is the workspace");
            assert!(run.stderr().contains(s(&ws)), "{}", run.stderr());
            assert!(run.stderr().contains(s(target)), "{}", run.stderr());
        }
        let csv = sb.run(&[
            "--db",
            s(&ws),
            "export",
            "assets",
            "--format",
            "csv",
            "-o",
            s(target),
        ]);
        csv.fails_with("is the workspace");
    }
    assert!(bytes(&ws) == before, "the workspace is byte-identical");
    assert!(!sb.path("g.isms.bak-v1").exists());
    // The workspace still opens and is whole.
    sb.run(&["--db", s(&ws), "check"]);
    sb.run(&["info", s(&ws)]).success();
}

#[cfg(unix)]
#[test]
fn an_existing_file_is_replaced_only_with_force_and_ends_private() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    let ws = workspace(&sb);
    let out = sb.path("soa.md");
    fs::write(&out, "my own notes").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o644)).unwrap();
    sb.run(&["--db", s(&ws), "export", "soa", "-o", s(&out)])
        .fails_with("--force replaces it");
    assert_eq!(fs::read_to_string(&out).unwrap(), "my own notes");
    sb.run(&["--db", s(&ws), "export", "soa", "-o", s(&out), "--force"])
        .success();
    assert!(fs::read_to_string(&out).unwrap().contains("Acme GmbH"));
    assert_eq!(mode(&out), 0o600, "the replaced file is private now");
    assert_no_temporary_file(sb.dir.path());
}

#[test]
fn a_csv_export_into_a_folder_refuses_when_any_of_its_files_exists() {
    let sb = Sandbox::new();
    let ws = workspace(&sb);
    let out = sb.path("deliverables");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("assets.csv"), "my source sheet").unwrap();
    let export = |force: bool| {
        let mut args = vec!["--db", s(&ws), "export", "report", "--format", "csv"];
        args.extend_from_slice(&["-o", s(&out)]);
        if force {
            args.push("--force");
        }
        sb.run(&args)
    };
    export(false).fails_with("assets.csv");
    assert_eq!(names(&out), ["assets.csv"], "nothing else was written");
    assert_eq!(
        fs::read_to_string(out.join("assets.csv")).unwrap(),
        "my source sheet"
    );
    export(true).success();
    assert!(names(&out).len() > 5, "{:?}", names(&out));
    let replaced = fs::read_to_string(out.join("assets.csv")).unwrap();
    assert!(replaced.contains("Name"), "{replaced}");
}

#[test]
fn a_new_csv_folder_is_made_in_an_existing_one_but_never_in_a_missing_one() {
    let sb = Sandbox::new();
    let ws = workspace(&sb);
    let fresh = sb.path("deliverables");
    sb.run(&[
        "--db",
        s(&ws),
        "export",
        "scope",
        "--format",
        "csv",
        "-o",
        &format!("{}/", s(&fresh)),
    ])
    .success();
    assert!(fresh.join("scope.csv").is_file());
    let deep = sb.path("missing/deliverables");
    sb.run(&[
        "--db",
        s(&ws),
        "export",
        "scope",
        "--format",
        "csv",
        "-o",
        s(&deep),
    ])
    .fails_with("does not exist");
    assert!(!sb.path("missing").exists());
    sb.run(&[
        "--db",
        s(&ws),
        "export",
        "soa",
        "--format",
        "md",
        "-o",
        s(&sb.path("missing/soa.md")),
    ])
    .fails_with("the folder");
    sb.run(&[
        "--db",
        s(&ws),
        "export",
        "soa",
        "--format",
        "md",
        "-o",
        &format!("{}/", s(&sb.path("missing"))),
    ])
    .fails_with("does not exist");
    assert!(!sb.path("missing").exists());
}

#[cfg(unix)]
#[test]
fn a_symlink_at_the_target_is_refused_and_what_it_points_to_is_untouched() {
    let sb = Sandbox::new();
    let ws = workspace(&sb);
    let precious = sb.path("precious.txt");
    fs::write(&precious, "keep me").unwrap();
    let link = sb.path("soa.md");
    std::os::unix::fs::symlink(&precious, &link).unwrap();
    for force in [false, true] {
        let mut args = vec!["--db", s(&ws), "export", "soa", "-o", s(&link)];
        if force {
            args.push("--force");
        }
        sb.run(&args).fails_with("symbolic link");
    }
    assert_eq!(fs::read_to_string(&precious).unwrap(), "keep me");
    // A link to the workspace itself is refused as the workspace.
    let to_ws = sb.path("copy.json");
    std::os::unix::fs::symlink(&ws, &to_ws).unwrap();
    let before = bytes(&ws);
    sb.run(&[
        "--db",
        s(&ws),
        "export",
        "workspace",
        "-o",
        s(&to_ws),
        "--force",
    ])
    .fails_with("symbolic link");
    assert!(bytes(&ws) == before);
}

#[cfg(unix)]
#[test]
fn a_backup_never_replaces_a_file_unasked_nor_the_workspace() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    let ws = workspace(&sb);
    let dest = sb.path("copy.isms");
    fs::write(&dest, "an older copy").unwrap();
    fs::set_permissions(&dest, fs::Permissions::from_mode(0o644)).unwrap();
    sb.run(&["backup", s(&ws), s(&dest)])
        .fails_with("--force replaces it");
    assert_eq!(fs::read_to_string(&dest).unwrap(), "an older copy");
    sb.run(&["backup", s(&ws), s(&dest), "--force"]).success();
    assert_eq!(mode(&dest), 0o600);
    sb.run(&["info", s(&dest)]).success();
    let before = bytes(&ws);
    for target in [ws.clone(), sb.path("g.isms-shm"), sb.path("./g.isms.lock")] {
        sb.run(&["backup", s(&ws), s(&target), "--force"])
            .fails_with("is the workspace");
    }
    assert!(bytes(&ws) == before);
    sb.run(&["backup", s(&ws), s(&sb.path("nowhere/copy.isms"))])
        .fails_with("does not exist");
    assert_no_temporary_file(sb.dir.path());
}

#[test]
fn a_refused_workspace_import_leaves_no_file_and_no_lock() {
    let sb = Sandbox::new();
    let ws = workspace(&sb);
    let json = sb.path("g.json");
    sb.run(&["--db", s(&ws), "export", "workspace", "-o", s(&json)])
        .success();
    // An export edited by hand: an asset owned by a scope item that is not there.
    let mut doc: serde_json::Value = serde_json::from_slice(&bytes(&json)).unwrap();
    doc["assets"] = serde_json::json!([{"bogus": true}]);
    let bad = sb.path("bad.json");
    fs::write(&bad, serde_json::to_vec(&doc).unwrap()).unwrap();
    let target = sb.path("new.isms");
    let before = names(sb.dir.path());
    let run = sb.run(&["import", "workspace", s(&bad), "-o", s(&target)]);
    assert_eq!(run.code(), Some(1), "{}", run.stderr());
    assert_eq!(names(sb.dir.path()), before, "nothing was left behind");

    // A good one appears whole, and replaces a file only with --force.
    sb.run(&["import", "workspace", s(&json), "-o", s(&target)])
        .success();
    sb.run(&["info", s(&target)]).success();
    assert!(!sb.path("new.isms.lock").exists(), "no lock is left");
    sb.run(&["import", "workspace", s(&json), "-o", s(&target)])
        .fails_with("already exists; nothing was written (--force replaces it)");
    sb.run(&["import", "workspace", s(&json), "-o", s(&target), "--force"])
        .success();
    sb.run(&["info", s(&target)]).success();
    sb.run(&[
        "import",
        "workspace",
        s(&json),
        "-o",
        s(&sb.path("no/new.isms")),
    ])
    .fails_with("does not exist");
}

#[test]
fn a_new_workspace_goes_into_an_existing_folder_only() {
    let sb = Sandbox::new();
    let missing = sb.path("nowhere/g.isms");
    sb.run(&["new", s(&missing), "--org", "Acme GmbH"])
        .fails_with("does not exist");
    sb.run(&["demo", s(&missing)]).fails_with("does not exist");
    assert!(!sb.path("nowhere").exists());
    // Without a path, the data directory is made.
    sb.run(&["new", "--org", "Acme GmbH"]).success();
}

#[cfg(unix)]
#[test]
fn a_converted_workspace_ends_private_and_a_linked_one_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    let ws = workspace(&sb);
    fs::set_permissions(&ws, fs::Permissions::from_mode(0o644)).unwrap();
    let link = sb.path("link.isms");
    std::os::unix::fs::symlink(&ws, &link).unwrap();
    let mut encrypt = sb.command(&["encrypt", s(&link)]);
    encrypt.env("ISMS_PASSPHRASE", "correct horse battery staple");
    let run = common::Run(encrypt.output().unwrap());
    run.fails_with("symbolic link");
    assert_eq!(mode(&ws), 0o644, "untouched");
    let mut encrypt = sb.command(&["encrypt", s(&ws)]);
    encrypt.env("ISMS_PASSPHRASE", "correct horse battery staple");
    common::Run(encrypt.output().unwrap()).success();
    assert_eq!(mode(&ws), 0o600);
}

#[test]
fn a_forced_workspace_import_never_replaces_a_workspace_another_isms_has_open() {
    let sb = Sandbox::new();
    let ws = workspace(&sb);
    let json = sb.path("g.json");
    sb.run(&["--db", s(&ws), "export", "workspace", "-o", s(&json)])
        .success();
    let target = sb.path("open.isms");
    sb.run(&["new", s(&target), "--org", "Other GmbH"])
        .success();
    let open = isms::store::Store::open(&target).unwrap();
    let before = bytes(&target);
    sb.run(&["import", "workspace", s(&json), "-o", s(&target), "--force"])
        .fails_with("open in another isms");
    assert!(bytes(&target) == before);
    drop(open);
    sb.run(&["import", "workspace", s(&json), "-o", s(&target), "--force"])
        .success();
}

#[cfg(unix)]
#[test]
fn the_copy_before_a_migration_is_private_and_replaces_a_stale_one() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    let path = sb.path("old.isms");
    {
        // A workspace at schema 0: the application id is set, no migration has run.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", isms::store::schema::APPLICATION_ID)
            .unwrap();
        conn.execute_batch("CREATE TABLE placeholder (x INTEGER);")
            .unwrap();
    }
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let original = bytes(&path);
    let backup = sb.path("old.isms.bak-v0");
    fs::write(&backup, "stale").unwrap();
    fs::set_permissions(&backup, fs::Permissions::from_mode(0o644)).unwrap();
    drop(isms::store::Store::open(&path).unwrap());
    assert!(bytes(&backup) == original, "the file as it was");
    assert_eq!(mode(&backup), 0o600);
}
