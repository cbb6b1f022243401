//! Text an attacker controls (a name in an older workspace, a crafted lock note, ISMS_USER)
//! never acts on a terminal or a spreadsheet: terminal output shows control characters and
//! bidirectional controls escaped, CSV cells a spreadsheet would evaluate are text, and input
//! refuses what would forge a line.

mod common;

use std::path::Path;

use common::{Run, Sandbox};

/// Clears the screen, sets the window title, and reverses the rest of the line.
const EVIL: &str = "Evil\u{1b}[2J\u{1b}]0;title\u{7}\u{202E}gpj.exe";

fn db(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Writes what the app would refuse today, as an older version or another tool may have.
fn sql(file: &Path, statement: &str, value: &str) {
    let conn = rusqlite::Connection::open(file).unwrap();
    conn.execute(statement, [value]).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
}

fn set_organisation(file: &Path, name: &str) {
    sql(
        file,
        "UPDATE meta SET value = json_quote(?1) WHERE key = 'organisation'",
        name,
    );
}

fn assert_harmless(what: &str, text: &str) {
    for raw in ['\u{1b}', '\u{7}', '\u{202E}'] {
        assert!(
            !text.contains(raw),
            "{what} prints U+{:04X} raw:\n{text}",
            raw as u32
        );
    }
    assert!(
        // (`isms list` cuts long cells, so the end of the name may be cut off.)
        text.contains("Evil\\u{1b}[2J\\u{1b}]0;title\\u{7}"),
        "{what} should show the name escaped:\n{text}"
    );
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The cells of the column `header` below the header row.
fn column(rows: &[Vec<String>], header: &str) -> Vec<String> {
    let i = rows[0].iter().position(|h| h == header).unwrap();
    rows[1..].iter().map(|r| r[i].clone()).collect()
}

const FORMULAS: [&str; 5] = [
    "=HYPERLINK(\"http://x\",\"y\")",
    "+1",
    "-2",
    "@SUM(A1)",
    "\t=1+1",
];

/// The demo with its first assets named as formulas (the tab only an older file can hold).
fn formula_demo(sb: &Sandbox) -> std::path::PathBuf {
    let file = sb.demo();
    for (i, name) in FORMULAS.iter().enumerate() {
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.execute(
            "UPDATE assets SET name = ?1 WHERE number = ?2",
            (name, i as i64 + 1),
        )
        .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    set_organisation(&file, "=cmd|' /C calc'!A0");
    file
}

fn assert_neutralised(what: &str, names: &[String]) {
    for formula in FORMULAS {
        assert!(
            names.contains(&format!("'{formula}")),
            "{what}: {formula:?} should be written as text: {names:?}"
        );
        assert!(!names.contains(&formula.to_string()), "{what}: {names:?}");
    }
    assert!(
        names
            .iter()
            .all(|n| !n.starts_with(['=', '+', '-', '@', '\t', '\r'])),
        "{what}: {names:?}"
    );
}

#[test]
fn csv_cells_a_spreadsheet_would_evaluate_are_text_in_list_and_export() {
    let sb = Sandbox::new();
    let file = formula_demo(&sb);

    let listed = sb
        .run(&["--db", db(&file), "list", "assets", "--format", "csv"])
        .success()
        .stdout();
    let rows = csv_rows(&listed);
    assert_neutralised("isms list", &column(&rows, "name"));
    // Everything else is as it was.
    assert!(column(&rows, "ref").contains(&"AS-001".to_string()));

    let one = sb.path("assets.csv");
    sb.run(&[
        "--db",
        db(&file),
        "export",
        "assets",
        "--format",
        "csv",
        "-o",
        db(&one),
    ])
    .success();
    let rows = csv_rows(&std::fs::read_to_string(&one).unwrap());
    let names: Vec<String> = rows.iter().skip(1).map(|r| r[1].clone()).collect();
    assert_neutralised("isms export assets", &names);

    let dir = sb.path("report");
    std::fs::create_dir(&dir).unwrap();
    sb.run(&[
        "--db",
        db(&file),
        "export",
        "report",
        "--format",
        "csv",
        "-o",
        db(&dir),
    ])
    .success();
    let cover = csv_rows(&std::fs::read_to_string(dir.join("cover.csv")).unwrap());
    let organisation = cover
        .iter()
        .find(|r| r[0] == "Organisation")
        .map(|r| r[1].clone());
    assert_eq!(organisation.as_deref(), Some("'=cmd|' /C calc'!A0"));
    let assets = csv_rows(&std::fs::read_to_string(dir.join("assets.csv")).unwrap());
    let names: Vec<String> = assets.iter().skip(1).map(|r| r[1].clone()).collect();
    assert_neutralised("isms export report", &names);
}

/// The demo with a hostile organisation, asset name and author of the last change.
fn hostile_demo(sb: &Sandbox) -> std::path::PathBuf {
    let file = sb.demo();
    set_organisation(&file, EVIL);
    sql(&file, "UPDATE assets SET name = ?1 WHERE number = 1", EVIL);
    sql(
        &file,
        "UPDATE change_log SET who = ?1 WHERE id = (SELECT MAX(id) FROM change_log)",
        EVIL,
    );
    file
}

#[test]
fn list_info_check_and_log_show_hostile_text_escaped() {
    let sb = Sandbox::new();
    let file = hostile_demo(&sb);
    let f = db(&file);

    let list = sb.run(&["--db", f, "list", "assets"]).success().stdout();
    assert_harmless("isms list", &list);
    assert!(list.contains("AS-001"), "{list}");

    let info = sb.run(&["info", f]).success().stdout();
    assert_harmless("isms info", &info);

    let check = sb.run(&["check", f]);
    assert_harmless("isms check", &check.stdout());

    let log = sb.run(&["log", f]).success().stdout();
    assert_harmless("isms log", &log);
    // The hostile author cannot start a line of its own: every entry begins with its stamp.
    assert!(
        log.lines()
            .filter(|l| !l.starts_with("    "))
            .all(|l| l.starts_with("20")),
        "{log}"
    );

    // JSON keeps the data and escapes control characters as JSON does.
    let json = sb
        .run(&["--db", f, "list", "assets", "--format", "json"])
        .success()
        .stdout();
    assert!(!json.contains('\u{1b}'), "{json}");
}

#[test]
fn open_and_ls_show_hostile_names_escaped() {
    let sb = Sandbox::new();
    let file = sb.path("hostile.isms");
    sb.run(&["new", db(&file), "--org", "Acme"]).success();
    set_organisation(&file, EVIL);

    let opened = sb.run(&["open", db(&file)]).success().stdout();
    assert_harmless("isms open", &opened);

    let listed = sb.run(&["ls"]).success().stdout();
    assert_harmless("isms ls", &listed);
}

#[test]
fn a_crafted_lock_note_is_shown_escaped() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let lock = sb.path("demo.isms.lock");
    std::fs::write(
        &lock,
        format!("pid=1\u{1b}[2J\nuser={EVIL}\nhost=h\u{202E}x\nsince=now\u{7}\n"),
    )
    .unwrap();
    let held = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&lock)
        .unwrap();
    held.lock().unwrap();

    let run = sb.run(&[
        "--db",
        db(&file),
        "import",
        "assets",
        &format!(
            "{}/tests/fixtures/import/assets.csv",
            env!("CARGO_MANIFEST_DIR")
        ),
    ]);
    assert_eq!(run.code(), Some(1), "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("open in another isms"), "{err}");
    assert_harmless("the lock message", &err);
    assert!(!run.stdout().contains('\u{1b}'));
    drop(held);
}

#[test]
fn isms_user_with_control_or_bidirectional_characters_is_refused() {
    let sb = Sandbox::new();
    for (who, code) in [
        ("\u{1b}[2Jroot", "U+001B"),
        ("alice\u{202E}nimda", "U+202E"),
        (
            "alice\n2026-03-31 09:00  admin  asset AS-001 deleted",
            "single line",
        ),
    ] {
        let file = sb.path("who.isms");
        let out = run(sb
            .command(&["new", db(&file), "--org", "Acme"])
            .env("ISMS_USER", who));
        let err = out.stderr();
        assert_eq!(out.code(), Some(1), "{err}");
        assert!(err.contains("ISMS_USER"), "{err}");
        assert!(err.contains(code), "{err}");
        assert!(
            !err.contains('\u{1b}') && !err.contains('\u{202E}'),
            "{err}"
        );
        assert!(!file.exists(), "nothing is created for a refused author");
    }

    // The login name stands in for ISMS_USER, by the same rules.
    let file = sb.demo();
    let out = run(sb
        .command(&["--db", db(&file), "import", "scope", &fixture("scope.csv")])
        .env_remove("ISMS_USER")
        .env("USER", "bob\u{202E}"));
    let err = out.stderr();
    assert_eq!(out.code(), Some(1), "{err}");
    assert!(
        err.contains("ISMS_USER") && err.contains("USER") && err.contains("U+202E"),
        "{err}"
    );
}

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn an_imported_name_with_a_bidirectional_override_is_refused() {
    let sb = Sandbox::new();
    let file = sb.path("new.isms");
    sb.run(&["new", db(&file), "--org", "Acme"]).success();
    let sheet = sb.path("assets.csv");
    std::fs::write(
        &sheet,
        "Asset,Type\nInvoice\u{202E}fdp.exe,information\nServer,hardware\n",
    )
    .unwrap();
    let run = sb.run(&["--db", db(&file), "import", "assets", db(&sheet)]);
    let err = run.stderr();
    assert_eq!(run.code(), Some(1), "{err}");
    assert!(err.contains("U+202E"), "{err}");
    assert!(!err.contains('\u{202E}'), "{err}");
    let listed = sb
        .run(&["--db", db(&file), "list", "assets", "--format", "json"])
        .success()
        .stdout();
    assert_eq!(listed.trim(), "[]", "nothing is imported");
}

fn run(cmd: &mut std::process::Command) -> Run {
    Run(cmd.output().unwrap())
}

#[test]
fn markdown_and_html_show_markup_in_names_never_run_it() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let markup = "<img src=x onerror=alert(1)> & <script>alert(2)</script>";
    sql(
        &file,
        "UPDATE assets SET name = ?1 WHERE number = 1",
        markup,
    );
    for format in ["md", "html"] {
        let out = sb.path(&format!("assets.{format}"));
        sb.run(&[
            "--db",
            db(&file),
            "export",
            "assets",
            "--format",
            format,
            "-o",
            db(&out),
        ])
        .success();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(
            !text.contains("<img") && !text.contains("<script"),
            "{text}"
        );
        assert!(
            text.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;"),
            "{format}: the name is shown as text:\n{text}"
        );
    }
}

#[test]
fn an_import_shows_the_columns_it_ignores_escaped() {
    let sb = Sandbox::new();
    let file = sb.path("new.isms");
    sb.run(&["new", db(&file), "--org", "Acme"]).success();
    let sheet = sb.path("assets.csv");
    std::fs::write(&sheet, format!("Asset,Type,{EVIL}\nServer,hardware,x\n")).unwrap();
    let out = sb
        .run(&[
            "--db",
            db(&file),
            "import",
            "assets",
            db(&sheet),
            "--dry-run",
        ])
        .success()
        .stdout();
    assert!(out.contains("Ignored columns"), "{out}");
    assert_harmless("isms import", &out);
}
