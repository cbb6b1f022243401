//! `isms backup` and `isms log`, driven as a user would: a backup taken while another
//! connection is writing, and the change log filtered by day, each bad input with a one-line
//! error and exit code 1.

mod common;

use common::{Sandbox, bytes};
use isms::domain::scope::{ScopeItem, ScopeItemKind};
use isms::store::Store;
use serde_json::Value;

/// A workspace created on 2026-01-10; the scope item S-001 is added on 2026-03-01 and renamed
/// on 2026-03-31.
fn workspace(sb: &Sandbox) -> std::path::PathBuf {
    let file = sb.path("acme.isms");
    let day = |d: &str| isms::clock::fix_today_for_this_thread(Some(d.parse().unwrap()));
    day("2026-01-10");
    let mut store = Store::create(&file, "Acme GmbH").unwrap();
    day("2026-03-01");
    let item = store
        .edit(|w| w.insert_scope_item(ScopeItem::new(ScopeItemKind::Location, "HQ")))
        .unwrap();
    day("2026-03-31");
    store
        .edit(|w| {
            w.update_scope_item(ScopeItem {
                name: "Headquarters Bremen".into(),
                ..item
            })
        })
        .unwrap();
    isms::clock::fix_today_for_this_thread(None);
    file
}

fn integrity(path: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_query_value(None, "integrity_check", |r| r.get(0))
        .unwrap()
}

#[test]
fn a_backup_while_another_connection_writes_holds_the_last_commit_only() {
    let sb = Sandbox::new();
    let file = workspace(&sb);
    // The app: its last edit committed but still in the write-ahead log (a checkpoint comes
    // only when the last connection closes), and a second window in the middle of an edit.
    let mut app = Store::open(&file).unwrap();
    app.edit(|w| w.set_organisation("Acme Group GmbH")).unwrap();
    let window = rusqlite::Connection::open(&file).unwrap();
    window
        .execute_batch(
            "BEGIN IMMEDIATE;
             UPDATE meta SET value = '\"Uncommitted\"' WHERE key = 'organisation';",
        )
        .unwrap();
    assert!(
        std::fs::metadata(sb.path("acme.isms-wal")).unwrap().len() > 0,
        "the committed edit must be in the write-ahead log for this test to mean anything"
    );

    let dest = sb.path("copies/acme-2026-03-31.isms");
    std::fs::create_dir(sb.path("copies")).unwrap();
    let out = sb.run(&["backup", file.to_str().unwrap(), dest.to_str().unwrap()]);
    assert!(
        out.success().stdout().contains("integrity check ok"),
        "{}",
        out.stdout()
    );
    window.execute_batch("ROLLBACK").unwrap();
    drop(app);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&dest).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert!(
        !sb.path("copies/acme-2026-03-31.isms-wal").exists(),
        "the copy is one file"
    );
    assert_eq!(integrity(&dest), "ok");
    let copy = Store::open(&dest).unwrap();
    assert_eq!(copy.organisation().unwrap(), "Acme Group GmbH");
    assert_eq!(copy.scope_items().unwrap()[0].name, "Headquarters Bremen");
}

#[test]
fn backup_refuses_an_existing_destination_and_leaves_it_alone() {
    let sb = Sandbox::new();
    let file = workspace(&sb);
    let dest = sb.path("taken.isms");
    std::fs::write(&dest, "my notes").unwrap();
    sb.run(&["backup", file.to_str().unwrap(), dest.to_str().unwrap()])
        .fails_with("taken.isms: already exists");
    assert_eq!(bytes(&dest), b"my notes");
}

#[test]
fn backup_takes_the_workspace_from_db_when_given_only_the_destination() {
    let sb = Sandbox::new();
    let file = workspace(&sb);
    let dest = sb.path("copy.isms");
    sb.run(&[
        "--db",
        file.to_str().unwrap(),
        "backup",
        dest.to_str().unwrap(),
    ])
    .success();
    assert_eq!(
        Store::open(&dest).unwrap().organisation().unwrap(),
        "Acme GmbH"
    );
    // Not a workspace: refused, and no copy is left behind.
    let notes = sb.path("notes.txt");
    std::fs::write(&notes, "hello").unwrap();
    let other = sb.path("other.isms");
    sb.run(&["backup", notes.to_str().unwrap(), other.to_str().unwrap()])
        .fails_with("not an isms workspace");
    assert!(!other.exists());
}

#[test]
fn log_prints_oldest_first_and_since_keeps_that_day_on() {
    let sb = Sandbox::new();
    let file = workspace(&sb);
    let f = file.to_str().unwrap();
    let all = sb.run(&["log", f]).success().stdout();
    let created = all.find("scope item S-001 created").expect(&all);
    let renamed = all.find("scope item S-001 changed").expect(&all);
    assert!(created < renamed, "{all}");

    let since = sb
        .run(&["log", f, "--since", "2026-03-31"])
        .success()
        .stdout();
    let lines: Vec<&str> = since.lines().collect();
    assert_eq!(lines.len(), 2, "{since}");
    assert!(lines[0].starts_with("2026-03-31 00:00:00  "), "{since}");
    assert!(lines[0].ends_with("  scope item S-001 changed"), "{since}");
    assert_eq!(lines[1], "    name: HQ → Headquarters Bremen");

    let json = sb
        .run(&[
            "--db",
            f,
            "log",
            "--since",
            "2026-03-01",
            "--format",
            "json",
        ])
        .success()
        .stdout();
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.len(), 2, "{json}");
    assert_eq!(rows[1]["reference"], "S-001");
    assert_eq!(rows[1]["before"]["name"], "HQ");
    assert_eq!(rows[1]["after"]["name"], "Headquarters Bremen");
    assert_eq!(
        rows[1]["changed"],
        serde_json::json!([{"field": "name", "before": "HQ", "after": "Headquarters Bremen"}])
    );
}

#[test]
fn a_bad_since_names_the_option_and_the_format() {
    let sb = Sandbox::new();
    let file = workspace(&sb);
    sb.run(&["log", file.to_str().unwrap(), "--since", "31/03/2026"])
        .fails_with("--since: '31/03/2026' is not a date; expected YYYY-MM-DD");
}

#[test]
fn backup_copies_an_older_workspace_as_it_is_without_migrating_it() {
    let sb = Sandbox::new();
    let file = sb.path("old.isms");
    {
        // Schema 0: the application id is set, no migration has run.
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.pragma_update(None, "application_id", isms::store::schema::APPLICATION_ID)
            .unwrap();
        conn.execute_batch("CREATE TABLE placeholder (x INTEGER);")
            .unwrap();
    }
    let before = bytes(&file);
    let dest = sb.path("old-copy.isms");
    sb.run(&["backup", file.to_str().unwrap(), dest.to_str().unwrap()])
        .success();
    assert!(bytes(&file) == before, "the workspace is only read");
    assert!(!sb.path("old.isms.bak-v0").exists(), "nothing was migrated");
    assert_eq!(integrity(&dest), "ok");
    let copy = rusqlite::Connection::open(&dest).unwrap();
    let version: i32 = copy
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 0);
}

#[test]
fn log_names_linked_items_by_their_references_in_text_and_json() {
    let sb = Sandbox::new();
    let demo = sb.demo();
    let f = demo.to_str().unwrap();
    let log = sb.run(&["log", f]).success().stdout();
    assert!(log.contains("    scope item: S-001"), "{log}");
    assert!(log.contains("    depends on: AS-0"), "{log}");
    assert!(
        !log.lines().any(|l| l.trim_start().starts_with("asset: ")
            && l.trim_start()["asset: ".len()..].starts_with(|c: char| c.is_ascii_digit())),
        "a row id is shown: {log}"
    );
    let json = sb.run(&["log", f, "--format", "json"]).success().stdout();
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    let dependency = rows
        .iter()
        .find(|r| r["entity"] == "dependency")
        .expect("the demo has dependencies");
    let shown = dependency["changed"].to_string();
    assert!(shown.contains("\"AS-"), "{shown}");
}

#[test]
fn without_user_variables_the_log_names_the_login_from_the_user_database() {
    let sb = Sandbox::new();
    let file = sb.path("acme.isms");
    let f = file.to_str().unwrap();
    let unset = |mut c: std::process::Command| {
        for v in ["ISMS_USER", "USER", "LOGNAME", "USERNAME"] {
            c.env_remove(v);
        }
        c
    };
    let out = unset(sb.command(&["new", f, "--org", "Acme GmbH"]))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    // What `id -un` says, asked of the system apart from isms.
    let id = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let login = String::from_utf8(id.stdout).unwrap().trim().to_string();
    assert!(!login.is_empty());
    let log = unset(sb.command(&["log", "--db", f])).output().unwrap();
    let log = String::from_utf8(log.stdout).unwrap();
    let first = log.lines().next().unwrap_or_default();
    assert!(
        first.contains(&format!("  {login}  setting organisation created")),
        "{log}"
    );
    assert!(!log.contains("unknown"), "{log}");
}

#[test]
fn since_takes_a_time_of_day_with_a_space_or_a_t() {
    let sb = Sandbox::new();
    let file = workspace(&sb);
    // The rename happened in the afternoon; the fixed clock stamps midnight, so move it there.
    let conn = rusqlite::Connection::open(&file).unwrap();
    let moved = conn
        .execute(
            "UPDATE change_log SET at = '2026-03-31T14:30:00' WHERE at = '2026-03-31T00:00:00'",
            [],
        )
        .unwrap();
    assert_eq!(moved, 1);
    drop(conn);
    let f = file.to_str().unwrap();
    for since in ["2026-03-31 14:00", "2026-03-31T14:30", "31.03.2026 14:29"] {
        let log = sb.run(&["log", f, "--since", since]).success().stdout();
        let lines: Vec<&str> = log.lines().collect();
        assert_eq!(lines.len(), 2, "{since}: {log}");
        assert!(lines[0].starts_with("2026-03-31 14:30:00  "), "{log}");
        assert!(lines[0].ends_with("  scope item S-001 changed"), "{log}");
    }
    let later = sb
        .run(&["log", f, "--since", "2026-03-31T14:31"])
        .success()
        .stdout();
    assert_eq!(later, "No changes.\n");
    sb.run(&["log", f, "--since", "2026-03-31 2pm"])
        .fails_with("--since: '2026-03-31 2pm' is not a date and time; expected YYYY-MM-DD HH:MM");
}

#[test]
fn log_names_a_rated_objective_and_its_levels_by_name() {
    let sb = Sandbox::new();
    let file = sb.path("acme.isms");
    let mut store = Store::create(&file, "Acme GmbH").unwrap();
    let scale = store.protection_scale().unwrap();
    store
        .edit(|w| {
            let data = w.insert_asset(isms::domain::asset::Asset::new(
                isms::domain::asset::AssetKind::Information,
                "CRM data",
            ))?;
            let need = |level| isms::domain::protection::ProtectionNeed {
                asset: data.id,
                objective: isms::domain::protection::Objective::Confidentiality,
                level,
                rationale: String::new(),
                rationale_stale: false,
            };
            w.set_protection_need(need(1), &scale)?;
            w.set_protection_need(need(2), &scale)
        })
        .unwrap();
    drop(store);
    let log = sb.run(&["log", file.to_str().unwrap()]).success().stdout();
    let lines: Vec<&str> = log.lines().collect();
    let set = lines
        .iter()
        .position(|l| l.ends_with("protection need AS-001 set"))
        .expect(&log);
    assert_eq!(lines[set + 1], "    confidentiality: normal", "{log}");
    let raised = lines
        .iter()
        .rposition(|l| l.ends_with("protection need AS-001 set"))
        .expect(&log);
    assert_eq!(
        lines[raised + 1],
        "    confidentiality: normal → high",
        "{log}"
    );
    assert!(!log.contains("level: "), "{log}");
    // Scripts keep the stored values.
    let json = sb
        .run(&["log", file.to_str().unwrap(), "--format", "json"])
        .success()
        .stdout();
    assert!(json.contains(r#""field": "level""#), "{json}");
}
