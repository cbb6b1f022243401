//! `isms export audit` (one audit's report) and `isms export nonconformities` (the register with
//! its corrective actions) on a fixture written through the store; the report export with both;
//! and `isms list findings`.

mod common;

use std::path::{Path, PathBuf};

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use common::{Sandbox, workspace_with_audits};

fn db(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn fixture(sb: &Sandbox) -> PathBuf {
    let file = sb.path("acme.isms");
    workspace_with_audits(&file);
    file
}

fn export(sb: &Sandbox, file: &Path, args: &[&str], out: &Path) -> String {
    let mut all = vec!["--db", db(file), "export"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", db(out)]);
    sb.run(&all).success().stdout()
}

fn sheet_text(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, name: &str) -> Vec<String> {
    book.worksheet_range(name)
        .unwrap()
        .cells()
        .map(|(_, _, c)| match c {
            Data::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

#[test]
fn the_audit_report_in_markdown_names_scope_team_and_findings_with_evidence() {
    let sb = Sandbox::new();
    let file = fixture(&sb);
    let out = sb.path("au-001.md");
    let printed = export(&sb, &file, &["audit", "--audit", "AU-001"], &out);
    assert_eq!(printed.trim(), out.display().to_string());
    let text = std::fs::read_to_string(&out).unwrap();
    insta::assert_snapshot!("audit_md", text);
    for needle in [
        "Audit report AU-001",
        "Internal audit 2026",
        "Jonas Becker",
        "Mia Roth",
        // Scope with the catalogue's short titles.
        "A.8.13",
        "Information backup",
        // A finding with its grade, evidence and the nonconformity it raised.
        "AU-001/1",
        "Minor nonconformity",
        "Backup log January 2026",
        "NC-001 (Actions open)",
    ] {
        assert!(text.contains(needle), "{needle}:\n{text}");
    }
}

#[test]
fn without_audit_the_latest_by_date_is_reported_named_after_it() {
    let sb = Sandbox::new();
    let file = fixture(&sb);
    let folder = sb.path("deliverables");
    std::fs::create_dir(&folder).unwrap();
    export(&sb, &file, &["audit", "--format", "html"], &folder);
    // AU-002 is planned for June, after AU-001 was held.
    let html = std::fs::read_to_string(folder.join("audit-au-002.html")).unwrap();
    assert!(html.contains("Certification audit stage 2"), "{html}");
    assert!(html.contains("External (certification body)"), "{html}");
    assert!(!html.contains("<script"), "self-contained");
    let xlsx = sb.path("au-001.xlsx");
    export(&sb, &file, &["audit", "--audit", "au-1"], &xlsx);
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names(), ["Audit", "Scope", "Findings"]);
    let findings = sheet_text(&mut book, "Findings");
    assert!(
        findings.iter().any(|c| c == "A.8.13 Information backup"),
        "{findings:?}"
    );
}

#[test]
fn a_bad_audit_option_names_the_option_and_what_is_expected_and_writes_nothing() {
    let sb = Sandbox::new();
    let file = fixture(&sb);
    let out = sb.path("audit.md");
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db(&file), "export"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["-o", db(&out)]);
        sb.run(&all)
    };
    run(&["audit", "--audit", "AU-009"])
        .fails_with("--audit: no audit AU-009; the audits are AU-001, AU-002");
    run(&["audit", "--audit", "W-001"])
        .fails_with("--audit: 'W-001' is not an audit; expected a reference such as AU-001");
    run(&["risks", "--audit", "AU-001"])
        .fails_with("--audit: only the audit report is of one audit");
    run(&["audit", "--format", "csv"])
        .fails_with("audit cannot be exported as csv; use --format xlsx, md, html or docx");
    assert!(!out.exists());
    let empty = sb.path("empty.isms");
    sb.run(&["new", db(&empty), "--org", "Acme GmbH"]).success();
    sb.run(&["--db", db(&empty), "export", "audit", "-o", db(&out)])
        .fails_with("there is no audit in this workspace yet");
    assert!(!out.exists());
}

#[test]
fn the_nonconformities_export_holds_the_register_its_actions_and_reviews() {
    let sb = Sandbox::new();
    let file = fixture(&sb);
    let out = sb.path("ncs.md");
    export(&sb, &file, &["nonconformities"], &out);
    let text = std::fs::read_to_string(&out).unwrap();
    insta::assert_snapshot!("nonconformities_md", text);
    for needle in [
        "NC-001",
        "AU-001/1",
        "Actions open",
        "NC-002",
        "Closed",
        "Every laptop reports encryption on.",
        "Corrective actions",
        "Quarterly restore test in the backup procedure",
    ] {
        assert!(text.contains(needle), "{needle}:\n{text}");
    }
    // csv: the register and its actions, each a file, into a folder.
    let folder = sb.path("ncs");
    export(&sb, &file, &["nonconformities", "--format", "csv"], &folder);
    let actions = std::fs::read_to_string(folder.join("corrective-actions.csv")).unwrap();
    insta::assert_snapshot!("corrective_actions_csv", actions);
    assert!(folder.join("nonconformities.csv").exists());
    // xlsx: dates as dates.
    let xlsx = sb.path("ncs.xlsx");
    export(&sb, &file, &["nonconformities"], &xlsx);
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Nonconformities", "Corrective actions"]
    );
    let range = book.worksheet_range("Corrective actions").unwrap();
    assert!(
        range.get((1, 3)).unwrap().is_datetime(),
        "{:?}",
        range.get((1, 3))
    );
    assert_eq!(range.get((1, 5)), Some(&Data::String("yes".into())));
    // json: both in the envelope.
    let json = sb.path("ncs.json");
    export(&sb, &file, &["nonconformities"], &json);
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(doc["registers"]["nonconformities"][0]["ref"], "NC-001");
    assert_eq!(
        doc["registers"]["corrective-actions"][0]["overdue"],
        serde_json::json!(true)
    );
    assert_eq!(
        doc["registers"]["corrective-actions"][2]["overdue"],
        serde_json::json!(false),
        "a closed nonconformity's action is not overdue"
    );
}

#[test]
fn the_report_includes_the_audit_programme_and_the_nonconformities() {
    let sb = Sandbox::new();
    let file = fixture(&sb);
    let out = sb.path("report.md");
    export(&sb, &file, &["report"], &out);
    let text = std::fs::read_to_string(&out).unwrap();
    for needle in [
        "Audits",
        "Internal audit 2026",
        "Audit findings",
        "Restores never tested",
        "Nonconformities",
        "Corrective actions",
        "Train the second administrator",
    ] {
        assert!(text.contains(needle), "{needle}");
    }
    // The clause checklist says what the workspace holds: 9.2.2 the audit programme.
    assert!(
        text.lines()
            .any(|l| l.contains("| 9.2.2 ") && l.contains("Audit programme and reports")),
        "{text}"
    );
}

#[test]
fn findings_are_listed_as_findings_and_still_as_audit_findings() {
    let sb = Sandbox::new();
    let file = fixture(&sb);
    let list = |name: &str, format: &str| {
        sb.run(&["--db", db(&file), "list", name, "--format", format])
            .success()
            .stdout()
    };
    let json = list("findings", "json");
    assert_eq!(json, list("audit-findings", "json"));
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[0]["ref"], "AU-001/1");
    assert_eq!(rows[0]["nonconformity"], "NC-001");
    assert!(list("findings", "table").contains("AU-001/3"));
    assert!(list("findings", "csv").starts_with("ref,grade,requirement,"));
}
