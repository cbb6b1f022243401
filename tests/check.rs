//! `isms check`, driven as a user would: the demo's findings as text and JSON, the exit code
//! (0 nothing major, 1 something major, 2 the file cannot be read), and the rule catalogue.

mod common;

use chrono::NaiveDate;
use common::{Sandbox, bytes};
use isms::domain::methodology::{Authority, Rating};
use isms::domain::risk::{Acceptance, TreatmentOption};
use isms::store::Store;
use serde_json::Value;

fn day(iso: &str) -> NaiveDate {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap()
}

#[test]
fn the_demo_shows_its_gaps_grouped_by_severity_and_exits_1() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let out = sb.run(&["check", file.to_str().unwrap()]);
    assert_eq!(out.code(), Some(1), "{}", out.stderr());
    assert_eq!(out.stderr(), "");
    insta::assert_snapshot!("check_demo", out.stdout());
}

#[test]
fn the_demo_as_json() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let out = sb.run(&["--db", file.to_str().unwrap(), "check", "--format", "json"]);
    assert_eq!(out.code(), Some(1));
    let report: Value = serde_json::from_str(&out.stdout()).unwrap();
    let keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["organisation", "date", "summary", "findings"]);
    assert_eq!(report["organisation"], "Nordwind Logistik GmbH");
    assert_eq!(report["date"], "2026-03-31");
    assert_eq!(
        report["summary"],
        serde_json::json!({"major": 5, "minor": 24, "observation": 22})
    );
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 51);
    for f in findings {
        let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys[..5],
            ["rule", "severity", "message", "fix", "place"],
            "{f}"
        );
        // What it rests on: a clause or an Annex A control.
        assert!(keys[5..] == ["clause"] || keys[5..] == ["control"], "{f}");
        assert!(f["place"]["kind"].is_string(), "{f}");
    }
    let severities: Vec<&str> = findings
        .iter()
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    assert!(severities.is_sorted_by_key(|s| {
        ["major", "minor", "observation"]
            .iter()
            .position(|x| x == s)
    }));
    let rule = |id: &str| -> Vec<&Value> { findings.iter().filter(|f| f["rule"] == id).collect() };
    // Clauses in their numbers' order, as numbers: 4.4 before 10.1, 9.2.2 before 9.3.3.
    let clauses: Vec<Vec<u32>> = rule("CLAUSE-002")
        .iter()
        .map(|f| {
            let message = f["message"].as_str().unwrap();
            let number = message.split(' ').next().unwrap();
            number.split('.').map(|n| n.parse().unwrap()).collect()
        })
        .collect();
    assert!(clauses.len() > 3, "{clauses:?}");
    assert!(clauses.is_sorted(), "{clauses:?}");
    assert!(clauses.first() < Some(&vec![10]), "{clauses:?}");
    let expired = rule("RISK-008");
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0]["place"]["kind"], "acceptance");
    assert!(expired[0]["place"]["id"].is_i64());
    assert_eq!(
        rule("SOA-002")[0]["place"],
        serde_json::json!({"kind": "control", "id": "7.12"})
    );
    assert_eq!(
        rule("SOA-006")[0]["place"],
        serde_json::json!({"kind": "soa_versions"})
    );
    assert_eq!(
        rule("ASSET-001")[0]["message"],
        "AS-028 Backup NAS has no owner"
    );
    assert_eq!(
        rule("ASSET-001")[0]["fix"],
        "Name an owner on the Assets screen"
    );
}

/// The demo's major gaps closed through the store, as a user would on the screens: the risks
/// (an owner, an assessment, a treatment, acceptances), the unjustified exclusion, the
/// management review's results, and a complete SoA version issued.
fn close_major_gaps(path: &std::path::Path) {
    let mut store = Store::open(path).unwrap();
    // The day of the check: the ratings set here are then no change after the version issued.
    store.set_clock(isms::Clock::Fixed(day("2026-03-31")));
    let m = store.methodology().unwrap();
    let risks = store.risks().unwrap();
    let risk = |n: u32| risks.iter().find(|r| r.number == n).unwrap().clone();
    let mut soa_712 = store
        .soa()
        .unwrap()
        .into_iter()
        .find(|e| e.control == "7.12")
        .unwrap();
    let core: Vec<_> = store
        .clauses()
        .unwrap()
        .into_iter()
        .filter(|c| c.number == "9.3.3")
        .collect();
    soa_712.exclusion_justification =
        "The building cabling belongs to the landlord; our equipment is in one rack.".into();
    store
        .edit(|w| {
            let mut r = risk(18);
            r.owner = "Petra Hoffmann".into();
            w.update_risk(r, &m)?;
            let mut r = risk(20);
            r.inherent = Some(Rating {
                likelihood: 2,
                impact: 2,
            });
            w.update_risk(r, &m)?;
            let mut r = risk(17);
            r.treatment = Some(TreatmentOption::Reduce);
            w.update_risk(r, &m)?;
            w.insert_acceptance(Acceptance {
                id: 0,
                risk: risk(14).id,
                accepted_by: "Karin Nordmann".into(),
                authority: Authority::TopManagement,
                accepted_on: day("2026-03-31"),
                level: String::new(),
                until: Some(day("2026-07-31")),
                note: "Renewed until the FTP server is switched off.".into(),
            })?;
            // R-019 stays high after its treatment: top management accepts it.
            w.insert_acceptance(Acceptance {
                id: 0,
                risk: risk(19).id,
                accepted_by: "Karin Nordmann".into(),
                authority: Authority::TopManagement,
                accepted_on: day("2026-03-31"),
                level: String::new(),
                until: Some(day("2026-09-30")),
                note: "Volumetric attacks beyond Shield Standard accepted until the review.".into(),
            })?;
            w.set_soa_entry(soa_712)?;
            for clause in core {
                w.insert_document(isms::domain::document::Document {
                    status: isms::domain::document::DocStatus::Approved,
                    approved_by: "Karin Nordmann".into(),
                    approved_on: Some(day("2026-03-31")),
                    clauses: vec![clause.number.clone()],
                    ..isms::domain::document::Document::new(
                        &clause.title,
                        isms::domain::document::DocKind::Record,
                    )
                })?;
            }
            w.issue_soa_version("Karin Nordmann", "", day("2026-03-31"), true)?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn without_major_findings_the_exit_code_is_0() {
    let sb = Sandbox::new();
    let file = sb.demo();
    close_major_gaps(&file);
    let out = sb.run(&["check", file.to_str().unwrap()]);
    assert_eq!(out.code(), Some(0), "{}", out.stdout());
    let text = out.stdout();
    assert!(!text.contains("\nMajor ("), "{text}");
    // R-017 now is to be reduced, but no action treats it yet: minor.
    assert!(
        text.contains("  RISK-004    6.1.3   R-017 Misuse of the IT service provider's administrator access is to be reduced, but no treatment action treats it\n"),
        "{text}"
    );
    // The corrective action of last year's audit is still overdue: minor.
    assert!(
        text.contains("  NC-002      10.2    NC-002: 1 corrective action overdue: "),
        "{text}"
    );
    assert!(
        text.ends_with("\n0 major, 23 minor, 20 observations\n"),
        "{text}"
    );
}

#[test]
fn a_new_workspace_has_major_gaps_and_undecided_controls_are_one_finding() {
    let sb = Sandbox::new();
    let file = sb.path("new.isms");
    let f = file.to_str().unwrap();
    sb.run(&["new", f, "--org", "Acme GmbH"]).success();
    let before = bytes(&file);
    let out = sb.run(&["check", f]);
    assert_eq!(out.code(), Some(1));
    let text = out.stdout();
    assert!(
        text.contains(
            "  SOA-001     6.1.3  93 controls are undecided: A.5.1, A.5.2, A.5.3, A.5.4, A.5.5 and 88 more\n"
        ),
        "{text}"
    );
    assert!(text.contains("  SCOPE-001   4.3    The ISMS scope statement is missing\n"));
    // The policy, the audit programme and the management review are missing: major. Without
    // any internal audit, AUDIT-001 names the audit programme's gap, without a held review
    // MR-001 the management review's, and CLAUSE-003 does not name them twice.
    let major = text.split("\nMinor (").next().unwrap();
    assert!(!text.contains("CLAUSE-003  9.2.2"), "{text}");
    assert!(!text.contains("CLAUSE-003  9.3.3"), "{text}");
    for line in [
        "  CLAUSE-003  5.2    5.2 Policy: no document named for information security policy\n",
        "  AUDIT-001   9.2.1  No internal audit has been reported yet\n",
        "  MR-001      9.3.1  No management review has been held yet\n",
    ] {
        assert!(major.contains(line), "{line}: {text}");
    }
    // So is the context, but as minor findings.
    assert!(text.contains("  SCOPE-006   4.1    No internal or external issues are recorded\n"));
    assert!(text.contains("  SCOPE-007   4.2    No interested parties are recorded\n"));
    assert!(text.contains(
        "  SCOPE-008   4.1    No decision is recorded on whether climate change is a relevant issue\n"
    ));
    assert!(text.contains("      → Write the ISMS scope statement on the Scope screen\n"));
    assert!(bytes(&file) == before, "checking must not write");
}

#[test]
fn a_missing_file_exits_2_with_one_line() {
    let sb = Sandbox::new();
    let missing = sb.path("nope.isms");
    let out = sb.run(&["check", missing.to_str().unwrap()]);
    assert_eq!(out.code(), Some(2));
    assert_eq!(out.stdout(), "");
    let err = out.stderr();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nope.isms: no such file"), "{err}");
    assert!(!missing.exists(), "checking must not create the file");
    // The default workspace, when there is none yet, is missing too.
    assert_eq!(sb.run(&["check"]).code(), Some(2));
}

#[test]
fn a_file_that_is_not_a_workspace_exits_2_untouched() {
    let sb = Sandbox::new();
    let file = sb.path("notes.isms");
    std::fs::write(&file, "Meeting notes: this is not a database, but it is long enough to have a header of a hundred bytes.").unwrap();
    let before = bytes(&file);
    let out = sb.run(&["check", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.code(), Some(2));
    assert_eq!(out.stdout(), "");
    assert!(
        out.stderr().contains("not an isms workspace"),
        "{}",
        out.stderr()
    );
    assert!(bytes(&file) == before, "the file must be untouched");
}

#[test]
fn a_workspace_from_a_newer_version_exits_2_untouched() {
    let sb = Sandbox::new();
    let file = sb.path("future.isms");
    sb.run(&["new", file.to_str().unwrap(), "--org", "Future AG"])
        .success();
    {
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = bytes(&file);
    let out = sb.run(&["check", file.to_str().unwrap()]);
    assert_eq!(out.code(), Some(2));
    assert!(out.stderr().contains("update isms"), "{}", out.stderr());
    assert!(bytes(&file) == before, "the file must be untouched");
}

#[test]
fn a_wrong_format_is_a_usage_error() {
    let sb = Sandbox::new();
    let out = sb.run(&["check", "--format", "pdf"]);
    assert_eq!(out.code(), Some(2));
    assert!(
        out.stderr().contains("possible values: text, json"),
        "{}",
        out.stderr()
    );
}

#[test]
fn the_rule_catalogue_lists_every_rule() {
    let sb = Sandbox::new();
    let text = sb.run(&["check", "--rules"]).success().stdout();
    assert_eq!(text.lines().count(), 71, "{text}");
    assert!(
        text.starts_with("SCOPE-001   major        4.3      ISMS scope statement missing\n"),
        "{text}"
    );
    assert!(
        text.contains("\nSOA-006     observation  6.1.3    SoA changed since its last version\n"),
        "{text}"
    );
    let json = sb
        .run(&["check", "--rules", "--format", "json"])
        .success()
        .stdout();
    let rules: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rules.len(), 71);
    assert!(
        text.contains(
            "\nDOC-003     minor        7.5.3    Withdrawn document still named as evidence\n"
        ),
        "{text}"
    );
    assert_eq!(
        rules[8],
        serde_json::json!({"id": "ASSET-001", "severity": "minor", "title": "Asset without an owner", "basis": {"control": "5.9"}})
    );
    assert_eq!(
        rules[12],
        serde_json::json!({"id": "ASSET-005", "severity": "observation", "title": "Workshop question open past its due date", "basis": {"clause": "6.1.2"}})
    );
}

#[test]
fn a_workshop_question_open_past_its_due_date_is_an_observation() {
    let sb = Sandbox::new();
    let demo = sb.demo();
    let check_on = |day: &str| {
        let out = sb
            .command(&["check", demo.to_str().unwrap(), "--format", "json"])
            .env("ISMS_TODAY", day)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "ASSET-005")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    // Q-002 is due on 2026-04-30: not on the documented day, the day after it is.
    assert!(check_on("2026-04-30").is_empty());
    assert_eq!(
        check_on("2026-05-01"),
        [
            "Q-002 about AS-028 Backup NAS was due on 2026-04-30 and is still open (given to Jonas Klein)"
        ]
    );
}

#[test]
fn the_own_argument_wins_over_db_and_isms_db() {
    let sb = Sandbox::new();
    let demo = sb.demo();
    let missing = sb.path("missing.isms");
    let (demo, missing) = (demo.to_str().unwrap(), missing.to_str().unwrap());
    assert_eq!(sb.run(&["--db", missing, "check", demo]).code(), Some(1));
    assert_eq!(sb.run(&["--db", demo, "check", missing]).code(), Some(2));
    let out = sb
        .command(&["check"])
        .env("ISMS_DB", demo)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn list_and_check_agree_that_a_control_a_treatment_implements_is_applicable() {
    let sb = Sandbox::new();
    let file = sb.path("acme.isms");
    common::workspace_where_a_treatment_implements_8_13(&file);
    let f = file.to_str().unwrap();
    let rows: Vec<Value> = serde_json::from_str(
        &sb.run(&["--db", f, "list", "soa", "--format", "json"])
            .stdout(),
    )
    .unwrap();
    let backup = rows.iter().find(|r| r["number"] == "8.13").unwrap();
    assert_eq!(backup["applicable"], true, "derived, never decided");
    assert_eq!(backup["reasons"][0], "risk_treatment");
    let undecided = rows.iter().filter(|r| r["applicable"].is_null()).count();
    assert_eq!(undecided, 92);
    let out = sb.run(&["check", f, "--format", "json"]);
    let findings: Value = serde_json::from_str(&out.stdout()).unwrap();
    let soa_001: Vec<&Value> = findings["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "SOA-001")
        .collect();
    assert_eq!(soa_001.len(), 1);
    let message = soa_001[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("92 controls are undecided"),
        "{message}"
    );
}

/// `--fail-on` moves the gate: with nothing major left, the default passes and a stricter
/// grade fails; a wrong grade is a usage error.
#[test]
fn fail_on_sets_the_grade_that_fails() {
    let sb = Sandbox::new();
    let file = sb.demo();
    close_major_gaps(&file);
    let f = file.to_str().unwrap();
    let code = |args: &[&str]| sb.run(&[&["check", f][..], args].concat()).code();
    assert_eq!(code(&[]), Some(0));
    assert_eq!(code(&["--fail-on", "major"]), Some(0));
    assert_eq!(code(&["--fail-on", "minor"]), Some(1));
    assert_eq!(code(&["--fail-on", "observation"]), Some(1));
    let out = sb.run(&["check", f, "--fail-on", "grave"]);
    assert_eq!(out.code(), Some(2));
    assert!(
        out.stderr()
            .contains("possible values: major, minor, observation"),
        "{}",
        out.stderr()
    );
}

#[test]
fn values_another_tool_left_off_their_scales_are_findings_naming_them() {
    let sb = Sandbox::new();
    let demo = sb.demo();
    {
        // As another tool would write them: AS-006's confidentiality level 9 on a scale of
        // three, R-012's residual impact 6 on a 5 x 5 methodology.
        let conn = rusqlite::Connection::open(&demo).unwrap();
        conn.execute(
            "UPDATE protection_needs SET level = 9 WHERE objective = 'confidentiality'
             AND asset = (SELECT id FROM assets WHERE number = 6)",
            [],
        )
        .unwrap();
        conn.execute(
            "UPDATE risks SET residual_likelihood = 1, residual_impact = 6 WHERE number = 12",
            [],
        )
        .unwrap();
    }
    let out = sb.run(&["check", demo.to_str().unwrap(), "--format", "json"]);
    let report: Value = serde_json::from_str(&out.stdout()).unwrap();
    let of = |rule: &str| -> Vec<(String, String)> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| {
                (
                    f["severity"].as_str().unwrap().to_string(),
                    f["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        of("ASSET-007"),
        [(
            "minor".to_string(),
            "AS-006 Carrier and supplier contracts: its confidentiality need is level 9, \
             outside the protection scale of 3 levels"
                .to_string()
        )]
    );
    assert_eq!(
        of("RISK-016"),
        [(
            "minor".to_string(),
            "R-012 Unauthorised access to HR data: residual L1 × I6 outside the \
             methodology's 5 × 5 scales"
                .to_string()
        )]
    );
}

#[test]
fn a_value_past_any_small_number_does_not_break_the_check() {
    let sb = Sandbox::new();
    let demo = sb.demo();
    {
        let conn = rusqlite::Connection::open(&demo).unwrap();
        conn.execute(
            "UPDATE protection_needs SET level = 300 WHERE objective = 'confidentiality'
             AND asset = (SELECT id FROM assets WHERE number = 6)",
            [],
        )
        .unwrap();
        conn.execute(
            "UPDATE risks SET residual_impact = -2 WHERE number = 12",
            [],
        )
        .unwrap();
    }
    // Read as the nearest end of what a level can be: off every scale, and reported.
    let out = sb.run(&["check", demo.to_str().unwrap()]);
    assert_eq!(out.code(), Some(1), "{}", out.stderr());
    let text = out.stdout();
    assert!(
        text.contains(
            "AS-006 Carrier and supplier contracts: its confidentiality need is level 255"
        ),
        "{text}"
    );
    assert!(
        text.contains("R-012 Unauthorised access to HR data: residual L1 × I0 outside"),
        "{text}"
    );
}
