//! Workshops on the command line: `isms list workshops`, `isms log --workshop`, and the minutes
//! (`isms export minutes`) of a workshop run through the store as the app runs one.

mod common;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use common::Sandbox;
use isms::domain::asset::{Asset, AssetKind, Dependency};
use isms::domain::protection::{Objective, ProtectionNeed};
use isms::store::Store;
use serde_json::Value;

fn need(asset: i64, objective: Objective, level: u8, rationale: &str) -> ProtectionNeed {
    ProtectionNeed {
        asset,
        objective,
        level,
        rationale: rationale.into(),
        rationale_stale: false,
    }
}

/// Acme GmbH, where W-001 raised the payroll data's confidentiality (normal → very high),
/// rewrote the CRM data's integrity rationale, added a payroll server that the payroll data
/// depends on, answered one question and gave another to Jonas Klein. A question noted before
/// it and a rating set after it belong to no workshop.
fn workspace_with_a_workshop(sb: &Sandbox) -> PathBuf {
    use Objective::{Availability as A, Confidentiality as C, Integrity as I};
    common::fix_clock_and_user();
    let path = sb.path("acme.isms");
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let scale = store.protection_scale().unwrap();
    let (payroll, crm) = store
        .edit(|w| {
            let payroll = w.insert_asset(Asset::new(AssetKind::Information, "Payroll data"))?;
            let crm = w.insert_asset(Asset::new(AssetKind::Information, "CRM data"))?;
            w.set_protection_need(need(payroll.id, C, 1, "Internal."), &scale)?;
            w.set_protection_need(need(crm.id, I, 2, "Prices."), &scale)?;
            w.note_question(None, "Who keeps the minutes?")?;
            Ok((payroll, crm))
        })
        .unwrap();
    let workshop = store
        .edit(|w| {
            w.start_workshop(
                "Rating day",
                vec!["Anna Weber".into(), "Jonas Klein".into()],
            )
        })
        .unwrap();
    store
        .edit(|w| {
            w.set_protection_need(need(payroll.id, C, 3, "Salaries and health data."), &scale)?;
            w.set_protection_need(
                need(crm.id, I, 2, "Price agreements with customers."),
                &scale,
            )?;
            let server = w.insert_asset(Asset::new(AssetKind::Hardware, "Payroll server"))?;
            w.add_dependency(Dependency {
                asset: payroll.id,
                depends_on: server.id,
            })?;
            let read = w.note_question(Some(payroll.id), "Who may read payslips?")?;
            w.answer_question(read.id, "HR and the managing director only", "Jonas Klein")?;
            let shared = w.note_question(Some(server.id), "Is the server shared?")?;
            w.assign_question(
                shared.id,
                "Jonas Klein",
                NaiveDate::from_ymd_opt(2026, 4, 15),
            )?;
            Ok(())
        })
        .unwrap();
    store
        .edit(|w| w.end_workshop(workshop.id, &[payroll.id, crm.id]))
        .unwrap();
    store
        .edit(|w| w.set_protection_need(need(crm.id, A, 1, "Can wait a day."), &scale))
        .unwrap();
    assert_eq!(store.running_workshop(), None);
    path
}

fn db(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn list_workshops_names_each_with_its_attendees_and_what_it_changed() {
    let sb = Sandbox::new();
    let file = workspace_with_a_workshop(&sb);
    let json = sb
        .run(&["--db", db(&file), "list", "workshops", "--format", "json"])
        .success()
        .stdout();
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.len(), 1);
    let w = &rows[0];
    assert_eq!(w["ref"], "W-001");
    assert_eq!(w["title"], "Rating day");
    assert_eq!(
        w["attendees"],
        serde_json::json!(["Anna Weber", "Jonas Klein"])
    );
    assert_eq!(w["walked"], serde_json::json!(["AS-001", "AS-002"]));
    assert_eq!(w["started_at"], "2026-03-31T00:00:00");
    assert_eq!(w["ended_at"], "2026-03-31T00:00:00");
    assert_eq!(
        (&w["ratings_changed"], &w["assets_added"], &w["questions"]),
        (&2.into(), &1.into(), &2.into())
    );
    let table = sb
        .run(&["--db", db(&file), "list", "workshops"])
        .success()
        .stdout();
    assert!(table.contains("Anna Weber, Jonas Klein"), "{table}");
    assert!(table.ends_with("(1 row)\n"), "{table}");
    let csv = sb
        .run(&["--db", db(&file), "list", "workshops", "--format", "csv"])
        .success()
        .stdout();
    assert!(csv.contains("\"Anna Weber, Jonas Klein\""), "{csv}");
}

#[test]
fn the_log_of_a_workshop_is_its_changes_only_each_tagged_with_it() {
    let sb = Sandbox::new();
    let file = workspace_with_a_workshop(&sb);
    let text = sb
        .run(&["log", db(&file), "--workshop", "W-001"])
        .success()
        .stdout();
    let entries: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(
        entries,
        [
            "2026-03-31 00:00:00  tester  workshop W-001 started  [W-001]",
            "2026-03-31 00:00:00  tester  protection need AS-001 set  [W-001]",
            "2026-03-31 00:00:00  tester  protection need AS-002 set  [W-001]",
            "2026-03-31 00:00:00  tester  asset AS-003 created  [W-001]",
            "2026-03-31 00:00:00  tester  dependency AS-001 created  [W-001]",
            "2026-03-31 00:00:00  tester  question Q-002 created  [W-001]",
            "2026-03-31 00:00:00  tester  question Q-002 answered  [W-001]",
            "2026-03-31 00:00:00  tester  question Q-003 created  [W-001]",
            "2026-03-31 00:00:00  tester  question Q-003 assigned  [W-001]",
            "2026-03-31 00:00:00  tester  workshop W-001 ended  [W-001]",
        ]
    );
    assert!(
        text.contains("confidentiality: normal → very high"),
        "{text}"
    );
    // A question names the workshop it was noted in by its reference, not its row id.
    assert!(text.contains("\n    workshop: W-001\n"), "{text}");
    // The whole log has the changes before and after it too, without the tag.
    let all = sb.run(&["log", db(&file)]).success().stdout();
    assert!(all.contains("question Q-001 created\n"), "{all}");
    assert!(
        all.trim_end()
            .lines()
            .rfind(|l| !l.starts_with(' '))
            .unwrap()
            .ends_with("protection need AS-002 set"),
        "{all}"
    );
    let json = sb
        .run(&["log", db(&file), "--workshop", "w-1", "--format", "json"])
        .success()
        .stdout();
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.len(), entries.len());
    assert!(rows.iter().all(|r| r["workshop"] == "W-001"), "{json}");
    let all: Vec<Value> =
        serde_json::from_str(&sb.run(&["log", db(&file), "--format", "json"]).stdout()).unwrap();
    assert!(all[0]["workshop"].is_null());
    // From a time on, within the workshop: nothing was changed after today began.
    let since = sb
        .run(&[
            "log",
            db(&file),
            "--workshop",
            "W-001",
            "--since",
            "2026-04-01",
        ])
        .success()
        .stdout();
    assert_eq!(since, "No changes.\n");
}

#[test]
fn an_unknown_or_malformed_workshop_is_a_one_line_error_naming_it() {
    let sb = Sandbox::new();
    let file = workspace_with_a_workshop(&sb);
    sb.run(&["log", db(&file), "--workshop", "W-009"])
        .fails_with("--workshop: there is no workshop W-009 in this workspace");
    sb.run(&["log", db(&file), "--workshop", "9"])
        .fails_with("expected a reference such as W-001");
    let out = sb.path("minutes.md");
    sb.run(&[
        "--db",
        db(&file),
        "export",
        "minutes",
        "--workshop",
        "W-009",
        "-o",
        db(&out),
    ])
    .fails_with("there is no workshop W-009 in this workspace");
    assert!(!out.exists());
    sb.run(&[
        "--db",
        db(&file),
        "export",
        "risks",
        "--workshop",
        "W-001",
        "-o",
        db(&sb.path("risks.md")),
    ])
    .fails_with("--workshop: only the minutes are of one workshop");
    sb.run(&[
        "--db",
        db(&file),
        "export",
        "minutes",
        "-o",
        db(&sb.path("minutes.csv")),
    ])
    .fails_with("minutes cannot be exported as csv; use --format xlsx, md, html or docx");
}

#[test]
fn without_any_workshop_there_are_no_minutes_to_write() {
    let sb = Sandbox::new();
    let file = sb.path("empty.isms");
    sb.run(&["new", db(&file), "--org", "Acme GmbH"]).success();
    let out = sb.path("minutes.md");
    sb.run(&["--db", db(&file), "export", "minutes", "-o", db(&out)])
        .fails_with("there is no workshop in this workspace yet");
    assert!(!out.exists());
    let json = sb
        .run(&["--db", db(&file), "list", "workshops", "--format", "json"])
        .success()
        .stdout();
    assert_eq!(json.trim(), "[]");
}

#[test]
fn the_minutes_in_markdown_name_client_workshop_and_what_the_room_decided() {
    let sb = Sandbox::new();
    let file = workspace_with_a_workshop(&sb);
    let out = sb.path("minutes.md");
    let printed = sb
        .run(&[
            "--db",
            db(&file),
            "export",
            "minutes",
            "--workshop",
            "W-001",
            "--format",
            "md",
            "-o",
            db(&out),
        ])
        .success()
        .stdout();
    assert_eq!(printed.trim(), out.display().to_string());
    let text = std::fs::read_to_string(&out).unwrap();
    insta::assert_snapshot!("minutes_md", text);
    // Without --workshop, the latest: the same minutes; into a folder, named after it.
    let folder = sb.path("deliverables");
    std::fs::create_dir(&folder).unwrap();
    sb.run(&[
        "--db",
        db(&file),
        "export",
        "minutes",
        "--format",
        "md",
        "-o",
        db(&folder),
    ])
    .success();
    let latest = std::fs::read_to_string(folder.join("minutes-w-001.md")).unwrap();
    assert_eq!(latest, text);
}

#[test]
fn the_minutes_are_written_as_html_and_as_a_workbook() {
    let sb = Sandbox::new();
    let file = workspace_with_a_workshop(&sb);
    let html = sb.path("minutes.html");
    sb.run(&["--db", db(&file), "export", "minutes", "-o", db(&html)])
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    for needle in [
        "<p class=\"org\">Acme GmbH</p>\n<h1>Workshop minutes W-001</h1>",
        "<tr><th>Attendees</th><td>Anna Weber, Jonas Klein</td></tr>",
        "<td>normal → very high</td>",
        "<td>rationale rewritten, level kept</td>",
        "<td>HR and the managing director only</td>",
    ] {
        assert!(page.contains(needle), "{needle}\n{page}");
    }
    let xlsx = sb.path("minutes.xlsx");
    sb.run(&["--db", db(&file), "export", "minutes", "-o", db(&xlsx)])
        .success();
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Workshop",
            "Ratings changed",
            "Assets added",
            "Questions answered",
            "Open questions"
        ]
    );
    let added = book.worksheet_range("Assets added").unwrap();
    let row: Vec<String> = added.rows().nth(1).unwrap().iter().map(cell).collect();
    assert_eq!(row, ["AS-003", "Payroll server", "Hardware", "AS-001"]);
    let open = book.worksheet_range("Open questions").unwrap();
    let row: Vec<String> = open.rows().nth(1).unwrap().iter().map(cell).collect();
    assert_eq!(row[0], "Q-003");
    assert_eq!(row[3], "Jonas Klein");
    // The same workspace gives the same file, byte for byte.
    let again = sb.path("again.xlsx");
    sb.run(&["--db", db(&file), "export", "minutes", "-o", db(&again)])
        .success();
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&xlsx).unwrap()
    );
}

fn cell(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn the_questions_register_exports_and_is_part_of_the_report() {
    let sb = Sandbox::new();
    let file = workspace_with_a_workshop(&sb);
    let csv = sb.path("questions.csv");
    sb.run(&["--db", db(&file), "export", "questions", "-o", db(&csv)])
        .success();
    let text = std::fs::read_to_string(&csv).unwrap();
    let header = text.lines().next().unwrap();
    assert!(
        header.starts_with("Ref,Asset,Asset name,Question"),
        "{text}"
    );
    assert!(header.ends_with("Assignee,Due,Workshop,Overdue"), "{text}");
    assert!(text.contains("Q-003,AS-003,Payroll server"), "{text}");
    let report = sb.path("report.md");
    sb.run(&["--db", db(&file), "export", "report", "-o", db(&report)])
        .success();
    let report = std::fs::read_to_string(&report).unwrap();
    assert!(report.contains("## Questions (3)"), "{report}");
}

#[test]
fn markup_in_a_workshop_is_shown_in_its_minutes_never_run() {
    let sb = Sandbox::new();
    common::fix_clock_and_user();
    let file = sb.path("hostile.isms");
    let mut store = Store::create(&file, "Acme <b>GmbH</b>").unwrap();
    let w = store
        .edit(|w| {
            w.start_workshop(
                "<script>alert(1)</script> | day",
                vec!["<img src=x onerror=alert(2)>".into()],
            )
        })
        .unwrap();
    store.edit(|wr| wr.end_workshop(w.id, &[])).unwrap();
    drop(store);
    let html = sb.path("m.html");
    sb.run(&["--db", db(&file), "export", "minutes", "-o", db(&html)])
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt; | day"),
        "{page}"
    );
    let md = sb.path("m.md");
    sb.run(&["--db", db(&file), "export", "minutes", "-o", db(&md)])
        .success();
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(!text.contains("<img"), "{text}");
    assert!(
        text.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| day"),
        "{text}"
    );
}
