//! `isms import` from the command line: a workspace round trip through its JSON export, and a
//! spreadsheet import with a dry run and with bad lines.

mod common;

use common::Sandbox;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn export_then_import_gives_the_same_workspace() {
    let sb = Sandbox::new();
    let original = sb.demo();
    let json = sb.path("workspace.json");
    let copy = sb.path("copy.isms");
    let (o, j, c) = (
        original.to_str().unwrap(),
        json.to_str().unwrap(),
        copy.to_str().unwrap(),
    );
    sb.run(&[
        "--db",
        o,
        "export",
        "workspace",
        "--format",
        "json",
        "-o",
        j,
    ])
    .success();
    sb.run(&["import", "workspace", j, "-o", c]).success();
    for register in [
        "scope", "parties", "issues", "assets", "risks", "actions", "controls", "soa", "clauses",
    ] {
        let a = sb
            .run(&["--db", o, "list", register, "--format", "json"])
            .success()
            .stdout();
        let b = sb
            .run(&["--db", c, "list", register, "--format", "json"])
            .success()
            .stdout();
        assert!(a == b, "{register} differs after the round trip");
    }
    sb.run(&["import", "workspace", j, "-o", c])
        .fails_with("already exists");
}

#[test]
fn a_spreadsheet_is_previewed_then_imported() {
    let sb = Sandbox::new();
    let file = sb.path("t.isms");
    let f = file.to_str().unwrap();
    sb.run(&["new", f, "--org", "Acme GmbH"]).success();
    let preview = sb
        .run(&[
            "--db",
            f,
            "import",
            "scope",
            &fixture("scope.csv"),
            "--dry-run",
        ])
        .success()
        .stdout();
    assert!(
        preview.starts_with("Would create 2 scope items"),
        "{preview}"
    );
    assert!(
        sb.run(&["--db", f, "list", "scope", "--format", "json"])
            .stdout()
            .trim()
            == "[]"
    );
    let done = sb
        .run(&["--db", f, "import", "scope", &fixture("scope.csv")])
        .success()
        .stdout();
    assert!(done.contains("S-002 Branch"), "{done}");
    assert!(
        sb.run(&["--db", f, "list", "scope"])
            .stdout()
            .contains("(2 rows)")
    );
}

#[test]
fn a_bad_spreadsheet_imports_nothing_and_names_each_line() {
    let sb = Sandbox::new();
    let file = sb.path("t.isms");
    let f = file.to_str().unwrap();
    sb.run(&["new", f, "--org", "Acme GmbH"]).success();
    let out = sb.run(&["--db", f, "import", "risks", &fixture("risks_bad.csv")]);
    assert_eq!(out.code(), Some(1));
    assert!(out.stderr().contains("line 3: "), "{}", out.stderr());
    assert!(
        sb.run(&["--db", f, "list", "risks", "--format", "json"])
            .stdout()
            .trim()
            == "[]"
    );
    sb.run(&["--db", f, "import", "vendors", &fixture("risks.csv")])
        .fails_with("what to import");
}

#[test]
fn an_imported_workspace_is_remembered_and_opened_next() {
    let sb = Sandbox::new();
    let original = sb.demo();
    let json = sb.path("workspace.json");
    let copy = sb.path("imported.isms");
    let (o, j, c) = (
        original.to_str().unwrap(),
        json.to_str().unwrap(),
        copy.to_str().unwrap(),
    );
    sb.run(&["--db", o, "export", "workspace", "-o", j])
        .success();
    sb.run(&["import", "workspace", j, "-o", c]).success();
    let listed = sb.run(&["ls", "--format", "json"]).success().stdout();
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(
        listed[0]["file"].as_str(),
        Some(c),
        "the import is the last opened: {listed}"
    );
}

#[test]
fn a_dry_run_only_reads_so_it_works_beside_the_open_app() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let db = file.to_str().unwrap();
    let csv = sb.path("scope.csv");
    std::fs::write(&csv, "kind,name\nlocation,Lager Köln\n").unwrap();
    let csv = csv.to_str().unwrap();
    // The app holds the workspace as its writer.
    let app = isms::store::Store::open(&file).unwrap();
    let before = common::bytes(&file);
    let preview = sb
        .run(&["--db", db, "import", "scope", csv, "--dry-run"])
        .success()
        .stdout();
    assert!(preview.contains("Would create 1 scope items"), "{preview}");
    assert!(preview.contains("Lager Köln"), "{preview}");
    assert!(common::bytes(&file) == before, "the dry run wrote nothing");
    // The import itself still waits for the app to close.
    sb.run(&["--db", db, "import", "scope", csv])
        .fails_with("open in another isms");
    drop(app);
}

#[test]
fn an_ignored_column_is_named_without_acting_on_the_terminal() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let db = file.to_str().unwrap();
    let csv = sb.path("scope.csv");
    std::fs::write(&csv, "kind,name,\"x\u{1b}[2J\"\nlocation,Lager Köln,1\n").unwrap();
    let out = sb
        .run(&[
            "--db",
            db,
            "import",
            "scope",
            csv.to_str().unwrap(),
            "--dry-run",
        ])
        .success()
        .stdout();
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(out.contains("Ignored columns: x\\u{1b}[2J"), "{out}");
}
