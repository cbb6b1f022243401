//! Round trips of the registers through CSV: the demo's scope, assets and risks,
//! exported as CSV by isms, import into a new workspace and give the same registers.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::Sandbox;
use serde_json::Value;

fn db(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn list(sb: &Sandbox, workspace: &Path, register: &str) -> Vec<Value> {
    let out = sb
        .run(&["--db", db(workspace), "list", register, "--format", "json"])
        .success()
        .stdout();
    serde_json::from_str(&out).unwrap()
}

/// The stored fields `isms list` leaves out (descriptions, threat and vulnerability, rationales),
/// from a workspace export, with row ids replaced by references so two files compare.
fn stored(sb: &Sandbox, workspace: &Path) -> Value {
    let out = sb.path("stored.json");
    sb.run(&[
        "--db",
        db(workspace),
        "export",
        "workspace",
        "--force",
        "-o",
        db(&out),
    ])
    .success();
    let ws: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let numbers = |key: &str, prefix: &str| -> HashMap<i64, String> {
        ws[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                let n = v["number"].as_i64().unwrap();
                (v["id"].as_i64().unwrap(), format!("{prefix}-{n:03}"))
            })
            .collect()
    };
    let scope = numbers("scope_items", "S");
    let assets = numbers("assets", "AS");
    let asset = |v: &Value| Value::String(assets[&v.as_i64().unwrap()].clone());
    let without_id = |key: &str, fix: &dyn Fn(&mut Value)| -> Vec<Value> {
        ws[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                let mut v = v.clone();
                v.as_object_mut().unwrap().remove("id");
                fix(&mut v);
                v
            })
            .collect()
    };
    let scope_items = without_id("scope_items", &|_| {});
    let asset_rows = without_id("assets", &|a| {
        if let Some(s) = a["scope_item"].as_i64() {
            a["scope_item"] = Value::String(scope[&s].clone());
        }
    });
    let risks = without_id("risks", &|r| {
        let refs: Vec<Value> = r["assets"].as_array().unwrap().iter().map(asset).collect();
        r["assets"] = Value::Array(refs);
    });
    let needs: Vec<Value> = ws["protection_needs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let mut n = n.clone();
            n["asset"] = asset(&n["asset"]);
            n
        })
        .collect();
    let dependencies: Vec<Value> = ws["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            serde_json::json!({
                "asset": asset(&d["asset"]),
                "depends_on": asset(&d["depends_on"]),
            })
        })
        .collect();
    serde_json::json!({
        "scope_items": scope_items,
        "assets": asset_rows,
        "protection_needs": needs,
        "dependencies": dependencies,
        "risks": risks,
        "methodology": ws["methodology"],
        "protection_scale": ws["protection_scale"],
        "objectives": ws["objectives"],
    })
}

/// A risk row without what comes from treatment actions and acceptances, which a risks CSV
/// does not carry back: the actions, the acceptance and the flags (which judge both).
fn without_treatment(risks: Vec<Value>) -> Vec<Value> {
    risks
        .into_iter()
        .map(|mut r| {
            let row = r.as_object_mut().unwrap();
            for key in ["actions", "acceptance", "flags"] {
                assert!(row.remove(key).is_some(), "{key}");
            }
            r
        })
        .collect()
}

#[test]
fn scope_assets_and_risks_round_trip_through_csv() {
    let sb = Sandbox::new();
    let demo = sb.demo();
    let scope_dir = sb.path("scope");
    let assets_csv = sb.path("assets.csv");
    let risks_csv = sb.path("risks.csv");
    for (what, out) in [
        ("scope", &scope_dir),
        ("assets", &assets_csv),
        ("risks", &risks_csv),
    ] {
        sb.run(&[
            "--db",
            db(&demo),
            "export",
            what,
            "--format",
            "csv",
            "-o",
            db(out),
        ])
        .success();
    }
    assert!(scope_dir.join("scope.csv").is_file());

    let copy = sb.path("copy.isms");
    sb.run(&["new", db(&copy), "--org", "Nordwind Logistik GmbH"])
        .success();
    // The scope export is a directory; `import scope` reads its scope.csv, from the directory
    // or as the file itself (a dry run of the latter).
    sb.run(&[
        "--db",
        db(&copy),
        "import",
        "scope",
        db(&scope_dir.join("scope.csv")),
        "--dry-run",
    ])
    .success();
    let scope = sb
        .run(&["--db", db(&copy), "import", "scope", db(&scope_dir)])
        .success()
        .stdout();
    assert!(scope.contains("Created 8 scope items"), "{scope}");
    assert!(!scope.contains("Ignored columns"), "{scope}");
    let assets = sb
        .run(&["--db", db(&copy), "import", "assets", db(&assets_csv)])
        .success()
        .stdout();
    assert!(assets.contains("Created 30 assets"), "{assets}");
    // Category is derived from Kind; nothing else of the export is left out.
    assert!(assets.contains("Ignored columns: Category\n"), "{assets}");
    let risks = sb
        .run(&["--db", db(&copy), "import", "risks", db(&risks_csv)])
        .success()
        .stdout();
    assert!(risks.contains("Created 20 risks"), "{risks}");
    assert!(
        risks.contains(
            "Ignored columns: Inherent level, Residual level, Review due, Actions, \
             Acceptance, Above criteria, Flags\n"
        ),
        "{risks}"
    );

    assert_eq!(list(&sb, &copy, "scope"), list(&sb, &demo, "scope"));
    assert_eq!(list(&sb, &copy, "assets"), list(&sb, &demo, "assets"));
    let demo_risks = list(&sb, &demo, "risks");
    // The demo's risks do have treatment actions, so the comparison leaves out something.
    assert!(
        demo_risks
            .iter()
            .any(|r| r["actions"] != Value::Array(vec![]))
    );
    assert_eq!(
        without_treatment(list(&sb, &copy, "risks")),
        without_treatment(demo_risks)
    );
    // The free text and rationales a listing leaves out came back too.
    assert_eq!(stored(&sb, &copy), stored(&sb, &demo));
}

#[test]
fn an_export_imported_twice_numbers_on_and_keeps_its_own_references() {
    let sb = Sandbox::new();
    let demo = sb.demo();
    let assets_csv = sb.path("assets.csv");
    sb.run(&[
        "--db",
        db(&demo),
        "export",
        "assets",
        "--format",
        "csv",
        "-o",
        db(&assets_csv),
    ])
    .success();
    // Into the demo itself: AS-001 to AS-030 are taken, so the rows become AS-031 to AS-060,
    // and the file's `Depends on` still names its own rows (AS-001 depends on AS-012 becomes
    // AS-031 depends on AS-042), not the workspace's.
    sb.run(&["--db", db(&demo), "import", "assets", db(&assets_csv)])
        .success();
    let assets = list(&sb, &demo, "assets");
    assert_eq!(assets.len(), 60);
    let by_ref: HashMap<&str, &Value> = assets
        .iter()
        .map(|a| (a["ref"].as_str().unwrap(), a))
        .collect();
    assert_eq!(by_ref["AS-031"]["name"], by_ref["AS-001"]["name"]);
    assert_eq!(
        by_ref["AS-031"]["depends_on"],
        serde_json::json!(["AS-042"])
    );
    assert_eq!(
        by_ref["AS-001"]["depends_on"],
        serde_json::json!(["AS-012"])
    );
    // The copies inherit from the copies, as the originals do from the originals.
    assert_eq!(
        by_ref["AS-042"]["confidentiality"]["source"],
        serde_json::json!("AS-031")
    );
    assert_eq!(by_ref["AS-043"], &{
        let mut a = by_ref["AS-013"].clone();
        a["ref"] = "AS-043".into();
        a["depends_on"] = serde_json::json!([]);
        for o in ["integrity", "availability"] {
            let from = a[o]["source"].as_str().unwrap().replace("AS-0", "");
            let n: u32 = from.parse().unwrap();
            a[o]["source"] = format!("AS-{:03}", n + 30).into();
        }
        a
    });
}

fn log(sb: &Sandbox, workspace: &Path) -> Value {
    let out = sb
        .run(&["log", db(workspace), "--format", "json"])
        .success()
        .stdout();
    serde_json::from_str(&out).unwrap()
}

fn export_json(sb: &Sandbox, workspace: &Path) -> Value {
    let out = sb.path("export.json");
    sb.run(&["--db", db(workspace), "export", "workspace", "-o", db(&out)])
        .success();
    let json = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    std::fs::remove_file(&out).unwrap();
    json
}

fn import_json(sb: &Sandbox, doc: &Value, name: &str) -> (std::path::PathBuf, common::Run) {
    let json = sb.path(&format!("{name}.json"));
    std::fs::write(&json, serde_json::to_vec_pretty(doc).unwrap()).unwrap();
    let target = sb.path(&format!("{name}.isms"));
    let run = sb.run(&["import", "workspace", db(&json), "-o", db(&target)]);
    (target, run)
}

#[test]
fn the_change_log_travels_with_every_entry_its_author_and_time() {
    let sb = Sandbox::new();
    let original = sb.demo();
    // Another author, on another day, so that neither could come from the import.
    let conn = rusqlite::Connection::open(&original).unwrap();
    conn.execute(
        "UPDATE change_log SET who = 'auditor', at = '2025-11-02T14:03:09' WHERE id % 7 = 0",
        [],
    )
    .unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);

    let doc = export_json(&sb, &original);
    let entries = doc["change_log"].as_array().unwrap();
    assert!(
        entries.len() > 50,
        "the demo has a history: {}",
        entries.len()
    );
    assert!(entries.iter().any(|e| e["who"] == "auditor"));

    let (copy, run) = import_json(&sb, &doc, "copy");
    run.success();
    let before = log(&sb, &original);
    let after = log(&sb, &copy);
    assert_eq!(before.as_array().unwrap().len(), entries.len());
    assert_eq!(after, before, "every entry, its author, time and fields");
    let text = |file: &Path| sb.run(&["log", db(file)]).success().stdout();
    assert_eq!(text(&copy), text(&original));

    // And again: a copy of the copy still has the original history.
    let (again, run) = import_json(&sb, &export_json(&sb, &copy), "again");
    run.success();
    assert_eq!(log(&sb, &again), before);
}

#[test]
fn an_export_without_a_change_log_still_imports_and_logs_the_import() {
    let sb = Sandbox::new();
    let original = sb.demo();
    let mut doc = export_json(&sb, &original);
    doc.as_object_mut().unwrap().remove("change_log");
    let (copy, run) = import_json(&sb, &doc, "older");
    run.success();
    let entries = log(&sb, &copy);
    let entries = entries.as_array().unwrap();
    assert!(!entries.is_empty());
    assert!(
        entries
            .iter()
            .any(|e| e["who"] == "tester" && e["action"] == "create"),
        "the import records itself"
    );
    assert_eq!(
        list(&sb, &copy, "assets"),
        list(&sb, &original, "assets"),
        "the registers are there all the same"
    );
}

#[test]
fn a_forged_change_log_or_soa_version_imports_nothing() {
    let sb = Sandbox::new();
    let original = sb.demo();
    let doc = export_json(&sb, &original);

    let mut forged = doc.clone();
    forged["change_log"][3]["who"] = "admin\u{1b}[2K\rroot".into();
    let (target, run) = import_json(&sb, &forged, "who");
    run.fails_with("U+001B");
    assert!(run.stderr().contains("entry 4 of"), "{}", run.stderr());
    assert!(!target.exists(), "no workspace is written");

    let mut forged = doc.clone();
    forged["change_log"][0]["after"] = "{\"name\":\"a\\u202Eb\"}".into();
    let (target, run) = import_json(&sb, &forged, "after");
    run.fails_with("U+202E");
    assert!(!target.exists());

    let mut forged = doc.clone();
    let versions = forged["soa_versions"].as_array_mut().unwrap();
    assert!(!versions.is_empty(), "the demo has issued an SoA");
    versions[0]["rows"][0]["owner"] = "CISO\u{202E}".into();
    let (target, run) = import_json(&sb, &forged, "soa");
    run.fails_with("U+202E");
    assert!(!target.exists());

    let mut forged = doc;
    forged["assets"][0]["name"] = "Invoice\u{202E}fdp.exe".into();
    let (target, run) = import_json(&sb, &forged, "asset");
    run.fails_with("U+202E");
    assert!(!target.exists());
}

/// The entries as a reader sees them: everything but the raw snapshots, whose row ids are the
/// file's own.
fn as_read(log: &Value) -> Vec<Value> {
    log.as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let mut e = e.clone();
            let fields = e.as_object_mut().unwrap();
            fields.remove("before");
            fields.remove("after");
            e
        })
        .collect()
}

#[test]
fn a_carried_log_names_the_same_items_when_row_ids_differ() {
    common::fix_clock_and_user();
    let sb = Sandbox::new();
    let original = sb.demo();
    {
        // Deleting early items leaves gaps, so the new file numbers its rows differently, and
        // the log names a deleted item by a row id the new file gives another one.
        let mut store = isms::store::Store::open(&original).unwrap();
        let id_of = |number: u32| {
            store
                .workspace()
                .unwrap()
                .assets
                .iter()
                .find(|a| a.number == number)
                .unwrap()
                .id
        };
        let (second, third) = (id_of(2), id_of(3));
        store.edit(|w| w.delete_asset(second)).unwrap();
        store.edit(|w| w.delete_asset(third)).unwrap();
    }
    let doc = export_json(&sb, &original);
    let (copy, run) = import_json(&sb, &doc, "copy");
    run.success();
    let ids = |file: &Path| -> Vec<i64> {
        let conn = rusqlite::Connection::open(file).unwrap();
        let mut s = conn
            .prepare("SELECT id FROM assets ORDER BY number")
            .unwrap();
        s.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_ne!(ids(&original), ids(&copy), "the row ids differ");

    let before = log(&sb, &original);
    let after = log(&sb, &copy);
    assert_eq!(as_read(&after), as_read(&before));
    let text = |file: &Path| sb.run(&["log", db(file)]).success().stdout();
    assert_eq!(text(&copy), text(&original));
    assert!(
        text(&copy).contains("deleted"),
        "the deletions are in the log"
    );
}

#[test]
fn workshops_their_questions_and_their_changes_travel_with_the_workspace() {
    let sb = Sandbox::new();
    let original = sb.demo();
    let doc = export_json(&sb, &original);
    assert_eq!(doc["workshops"][0]["number"], 1);
    assert_eq!(doc["questions"][1]["assignee"], "Jonas Klein");
    let (copy, run) = import_json(&sb, &doc, "copy");
    run.success();
    for register in ["workshops", "questions"] {
        assert_eq!(
            list(&sb, &copy, register),
            list(&sb, &original, register),
            "{register}"
        );
    }
    let workshop_log = |file: &Path| {
        sb.run(&["log", db(file), "--workshop", "W-001"])
            .success()
            .stdout()
    };
    let carried = workshop_log(&copy);
    assert!(
        carried.contains("protection need AS-003 set  [W-001]"),
        "{carried}"
    );
    assert_eq!(carried, workshop_log(&original));

    // An export from before workshops: no workshops, questions without the later fields, a
    // log without workshops. It imports, its questions open and given to nobody.
    let mut old = doc.clone();
    let file = old.as_object_mut().unwrap();
    file.remove("workshops");
    for q in file["questions"].as_array_mut().unwrap() {
        let q = q.as_object_mut().unwrap();
        for key in ["answer", "answered_by", "assignee", "due", "workshop"] {
            assert!(q.remove(key).is_some(), "{key}");
        }
    }
    for entry in file["change_log"].as_array_mut().unwrap() {
        entry.as_object_mut().unwrap().remove("workshop");
    }
    let (older, run) = import_json(&sb, &old, "older");
    run.success();
    assert!(list(&sb, &older, "workshops").is_empty());
    let questions = list(&sb, &older, "questions");
    assert_eq!(questions.len(), 4);
    assert!(
        questions
            .iter()
            .all(|q| q["workshop"].is_null() && q["assignee"] == "" && q["due"].is_null())
    );
    sb.run(&["log", db(&older), "--workshop", "W-001"])
        .fails_with("there is no workshop W-001");

    // A log entry of a workshop the document does not have imports nothing.
    let mut dangling = doc;
    dangling["change_log"][0]["workshop"] = 7.into();
    let (target, run) = import_json(&sb, &dangling, "dangling");
    run.fails_with("W-007");
    assert!(!target.exists());
}

#[test]
fn the_climate_decision_and_target_dates_travel_with_the_workspace_json() {
    let sb = Sandbox::new();
    let demo = sb.demo();
    let mut doc = export_json(&sb, &demo);
    let target = |doc: &Value, key: &str| {
        doc["soa"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["control"] == key)
            .unwrap()["target_date"]
            .clone()
    };
    assert_eq!(target(&doc, "5.30"), "2026-12-15");
    assert_eq!(target(&doc, "C-002"), Value::Null);
    assert_eq!(doc["scope_statements"]["climate_change"], Value::Null);
    doc["scope_statements"]["climate_change"] =
        serde_json::json!({"relevant": true, "note": "Heat waves threaten the server room."});
    let (copy, run) = import_json(&sb, &doc, "climate");
    run.success();
    let again = export_json(&sb, &copy);
    assert_eq!(again["scope_statements"], doc["scope_statements"]);
    assert_eq!(again["soa"], doc["soa"]);
    // A document written before either existed imports as undecided and undated.
    let mut old = doc.clone();
    old["scope_statements"]
        .as_object_mut()
        .unwrap()
        .remove("climate_change");
    for entry in old["soa"].as_array_mut().unwrap() {
        entry.as_object_mut().unwrap().remove("target_date");
    }
    let (older, run) = import_json(&sb, &old, "older");
    run.success();
    let read = export_json(&sb, &older);
    assert_eq!(read["scope_statements"]["climate_change"], Value::Null);
    assert_eq!(target(&read, "5.30"), Value::Null);
}

#[test]
fn people_their_roles_and_competence_records_travel_with_the_workspace_json() {
    let sb = Sandbox::new();
    let original = sb.demo();
    let doc = export_json(&sb, &original);
    assert_eq!(doc["people"].as_array().unwrap().len(), 15);
    assert_eq!(doc["people"][0]["name"], "Karin Nordmann");
    assert_eq!(doc["roles_held"].as_array().unwrap().len(), 22);
    let (copy, run) = import_json(&sb, &doc, "copy");
    run.success();
    for register in ["people", "roles", "competence"] {
        assert_eq!(
            list(&sb, &copy, register),
            list(&sb, &original, register),
            "{register}"
        );
    }
    // The same findings, the acceptances' authority included.
    let check = |file: &Path| sb.run(&["check", db(file)]).stdout();
    assert_eq!(check(&copy), check(&original));

    // An export from before people: every name becomes a person, with no roles.
    let mut old = doc;
    let file = old.as_object_mut().unwrap();
    for key in ["people", "roles", "roles_held", "competence_records"] {
        assert!(file.remove(key).is_some(), "{key}");
    }
    file.insert("acceptances".into(), Value::Array(Vec::new()));
    let (older, run) = import_json(&sb, &old, "older");
    run.success();
    let people = list(&sb, &older, "people");
    assert!(people.iter().any(|p| p["name"] == "Karin Nordmann"));
    assert!(
        people
            .iter()
            .all(|p| p["roles"] == Value::Array(Vec::new()))
    );
}

#[test]
fn documents_their_versions_and_links_travel_and_older_clause_documents_become_documents() {
    let sb = Sandbox::new();
    let original = sb.demo();
    let doc = export_json(&sb, &original);
    assert_eq!(doc["documents"].as_array().unwrap().len(), 23);
    assert_eq!(doc["document_versions"].as_array().unwrap().len(), 31);
    assert!(
        doc["clauses"][0].get("doc_reference").is_none(),
        "no free-text document is written any more"
    );
    let (copy, run) = import_json(&sb, &doc, "copy");
    run.success();
    assert_eq!(
        list(&sb, &copy, "documents"),
        list(&sb, &original, "documents")
    );
    assert_eq!(list(&sb, &copy, "clauses"), list(&sb, &original, "clauses"));
    let again = export_json(&sb, &copy);
    assert_eq!(again["documents"], doc["documents"]);
    assert_eq!(
        again["document_versions"].as_array().unwrap().len(),
        doc["document_versions"].as_array().unwrap().len()
    );

    // A document written before the register: no documents, a clause's document in free text.
    let mut old = doc.clone();
    let file = old.as_object_mut().unwrap();
    file.remove("documents");
    file.remove("document_versions");
    let clauses = file["clauses"].as_array_mut().unwrap();
    for (number, reference) in [
        ("5.2", "Policy v2"),
        ("6.1.2", "Methodology"),
        ("6.1.3", "methodology "),
    ] {
        let clause = clauses
            .iter_mut()
            .find(|c| c["number"] == number)
            .unwrap()
            .as_object_mut()
            .unwrap();
        clause.insert("doc_reference".into(), reference.into());
        clause.insert("doc_owner".into(), "ISB".into());
        clause.insert("doc_date".into(), "2026-01-12".into());
    }
    let (older, run) = import_json(&sb, &old, "older");
    run.success();
    let documents = list(&sb, &older, "documents");
    let read: Vec<(&str, &str, &str, &Value)> = documents
        .iter()
        .map(|d| {
            (
                d["title"].as_str().unwrap(),
                d["kind"].as_str().unwrap(),
                d["status"].as_str().unwrap(),
                &d["clauses"],
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            (
                "Policy v2",
                "policy",
                "unknown",
                &serde_json::json!(["5.2"])
            ),
            (
                "Methodology",
                "record",
                "unknown",
                &serde_json::json!(["6.1.2", "6.1.3"])
            ),
        ]
    );
    assert_eq!(documents[0]["owner"], "ISB");
    assert_eq!(documents[0]["issued_on"], "2026-01-12");
}

#[test]
fn audits_findings_and_nonconformities_round_trip_through_the_workspace_json() {
    use isms::domain::audit::{Audit, AuditFinding, AuditKind, AuditStatus, FindingGrade};
    use isms::domain::nonconformity::{CorrectiveAction, Nonconformity};
    let sb = Sandbox::new();
    let original = sb.path("audited.isms");
    sb.run(&["new", db(&original), "--org", "Acme GmbH"])
        .success();
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    {
        let mut store = isms::store::Store::open(&original).unwrap();
        store
            .edit(|w| {
                let audit = w.save_audit(Audit {
                    held_on: Some(day("2025-11-10")),
                    reported_on: Some(day("2025-11-20")),
                    status: AuditStatus::Reported,
                    clauses: vec!["9".into()],
                    controls: vec!["8.13".into()],
                    lead_auditor: "Jonas Becker".into(),
                    team: vec!["Mia Roth".into()],
                    ..Audit::new("Internal audit 2025", AuditKind::Internal)
                })?;
                let gone = w.save_audit_finding(AuditFinding::new(
                    audit.id,
                    FindingGrade::Observation,
                    "Logs kept 30 days only",
                ))?;
                w.save_audit_finding(AuditFinding::new(
                    audit.id,
                    FindingGrade::Improvement,
                    "Automate the restore test",
                ))?;
                // A gap in the numbers: AU-001/1 deleted, AU-001/2 and /3 keep theirs.
                w.delete_audit_finding(gone.id)?;
                let minor = w.save_audit_finding(AuditFinding {
                    evidence: "No restore record".into(),
                    ..AuditFinding::new(audit.id, FindingGrade::Minor, "Restore never tested")
                })?;
                let nc = w.raise_nonconformity(minor.id, day("2025-11-21"))?;
                w.save_nonconformity(Nonconformity {
                    actions: vec![CorrectiveAction {
                        owner: "Lars Vogel".into(),
                        due_on: Some(day("2026-01-31")),
                        ..CorrectiveAction::new("Quarterly restore test")
                    }],
                    ..nc
                })?;
                Ok(())
            })
            .unwrap();
    }
    let doc = export_json(&sb, &original);
    let (copy, run) = import_json(&sb, &doc, "copy");
    run.success();
    for register in ["audits", "findings", "audit-findings", "nonconformities"] {
        assert_eq!(
            list(&sb, &copy, register),
            list(&sb, &original, register),
            "{register}"
        );
    }
    assert_eq!(
        list(&sb, &copy, "nonconformities")[0]["finding"],
        "AU-001/3"
    );
}

#[test]
fn objectives_and_their_measurements_round_trip_through_the_workspace_json() {
    let sb = Sandbox::new();
    // The demo's objectives, with a gap in the numbers: O-001 deleted, O-002 and O-003 keep
    // their references and measurements.
    let original = sb.demo();
    {
        let mut store = isms::store::Store::open(&original).unwrap();
        let first = store.security_objectives().unwrap()[0].id;
        store.edit(|w| w.delete_security_objective(first)).unwrap();
    }
    let doc = export_json(&sb, &original);
    assert_eq!(doc["security_objectives"].as_array().unwrap().len(), 2);
    let (copy, run) = import_json(&sb, &doc, "copy");
    run.success();
    for register in ["objectives", "measurements"] {
        assert_eq!(
            list(&sb, &copy, register),
            list(&sb, &original, register),
            "{register}"
        );
    }
    let objectives = list(&sb, &copy, "objectives");
    assert_eq!(objectives[0]["ref"], "O-002");
    assert_eq!(objectives[0]["on_target"], false);
    assert_eq!(list(&sb, &copy, "measurements").len(), 7);
    // A measurement of an objective the file does not hold imports nothing.
    let mut broken = doc.clone();
    broken["measurements"][0]["objective"] = serde_json::json!(999);
    let (_, run) = import_json(&sb, &broken, "broken");
    run.fails_with("objective #999 of the export");
}
