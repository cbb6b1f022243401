//! The command line, driven as a user would: each command, and each kind of bad input, which must
//! get a one-line error, exit code 1, and leave the file as it was.

mod common;

use common::{Sandbox, bytes};
use serde_json::Value;

#[test]
fn new_creates_a_private_workspace_and_info_describes_it() {
    let sb = Sandbox::new();
    let file = sb.path("acme.isms");
    let out = sb.run(&["new", file.to_str().unwrap(), "--org", "Acme GmbH"]);
    out.success();
    assert!(out.stdout().contains("Acme GmbH"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let info = sb.run(&["info", file.to_str().unwrap()]);
    let text = info.success().stdout();
    assert!(text.contains("Organisation:       Acme GmbH"), "{text}");
    assert!(text.contains("Schema version:     11"), "{text}");
    assert!(
        text.contains("Management reviews: 0 (0 held; 0 actions, 0 open)\n"),
        "{text}"
    );
    assert!(text.contains("Encryption:         none"), "{text}");
    assert!(
        text.contains("Controls:           93 Annex A, 0 custom"),
        "{text}"
    );
    assert!(text.contains("SoA decided:        0 of 93"), "{text}");
    assert!(text.contains("Clauses:            41"), "{text}");
    assert!(text.contains("Documents:          0\n"), "{text}");
    assert!(text.contains("Workshops:          0\n"), "{text}");
    assert!(text.contains("People:             0\n"), "{text}");
    assert!(text.contains("Competence records: 0\n"), "{text}");
    assert!(text.contains("Questions:          0 (0 open)\n"), "{text}");
    assert!(text.contains("Size:"), "{text}");
}

#[test]
fn new_twice_refuses_without_touching_the_file() {
    let sb = Sandbox::new();
    let file = sb.path("acme.isms");
    let f = file.to_str().unwrap();
    sb.run(&["new", f, "--org", "Acme GmbH"]).success();
    let before = bytes(&file);
    sb.run(&["new", f, "--org", "Other AG"])
        .fails_with("already exists");
    assert!(bytes(&file) == before, "the file must be untouched");
    assert!(
        sb.run(&["info", f])
            .success()
            .stdout()
            .contains("Acme GmbH")
    );
}

#[test]
fn new_refuses_an_empty_organisation_name() {
    let sb = Sandbox::new();
    let file = sb.path("x.isms");
    sb.run(&["new", file.to_str().unwrap(), "--org", "   "])
        .fails_with("organisation: is required");
    assert!(!file.exists(), "nothing may be left behind");
}

#[test]
fn db_option_and_environment_choose_the_workspace() {
    let sb = Sandbox::new();
    let file = sb.path("acme.isms");
    let f = file.to_str().unwrap();
    sb.run(&["new", f, "--org", "Acme GmbH"]).success();
    assert!(
        sb.run(&["--db", f, "info"])
            .success()
            .stdout()
            .contains("Acme GmbH")
    );
    let out = sb
        .command(&["list", "clauses", "--format", "csv"])
        .env("ISMS_DB", f)
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.starts_with(
            "number,title,status,note,evidence,documents,mandatory_documents,held_in_workspace\n"
        ),
        "{csv}"
    );
    assert!(csv.contains("6.1.2,"), "{csv}");
}

#[test]
fn without_a_path_new_names_the_file_after_the_organisation_in_the_data_directory() {
    let sb = Sandbox::new();
    let out = sb.run(&["new", "--org", "Müller & Söhne GmbH"]);
    out.success();
    let named = sb
        .path("data")
        .join("isms")
        .join("mueller-soehne-gmbh.isms");
    assert!(named.is_file(), "expected {}", named.display());
    assert!(
        out.stdout().contains("mueller-soehne-gmbh.isms"),
        "{}",
        out.stdout()
    );
    // Commands without a path work on the workspace opened last.
    assert!(
        sb.run(&["info"])
            .success()
            .stdout()
            .contains("Müller & Söhne GmbH")
    );
    assert!(
        sb.run(&["list", "soa"])
            .success()
            .stdout()
            .contains("(93 rows)")
    );
    // The same name again is refused, like any existing file.
    let before = bytes(&named);
    sb.run(&["new", "--org", "MÜLLER & SÖHNE GMBH"])
        .fails_with("already exists");
    assert!(bytes(&named) == before);
    sb.run(&["new", "--org", "!!!"])
        .fails_with("at least one letter or digit");
}

#[test]
fn demo_without_a_path_is_named_after_its_organisation_in_the_data_directory() {
    let sb = Sandbox::new();
    let out = sb.run(&["demo"]);
    out.success();
    let named = sb
        .path("data")
        .join("isms")
        .join("nordwind-logistik-gmbh.isms");
    assert!(named.is_file(), "expected {}", named.display());
    assert!(
        out.stdout().contains("nordwind-logistik-gmbh.isms"),
        "{}",
        out.stdout()
    );
    assert!(!sb.path("data").join("isms").join("workspace.isms").exists());
    // Commands without a path work on it, the workspace made last.
    assert!(sb.run(&["info"]).success().stdout().contains("Nordwind"));
    // A second demo does not replace the first.
    let before = bytes(&named);
    sb.run(&["demo"]).fails_with("already exists");
    assert!(bytes(&named) == before);
    sb.run(&["demo", "--scale", "5"]).success();
    assert!(
        sb.path("data")
            .join("isms")
            .join("scaled-test-gmbh.isms")
            .is_file()
    );
}

#[test]
fn demo_lists_93_annex_a_decisions_as_json() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let out = sb.run(&[
        "--db",
        file.to_str().unwrap(),
        "list",
        "soa",
        "--format",
        "json",
    ]);
    let rows: Vec<Value> = serde_json::from_str(&out.success().stdout()).unwrap();
    let annex: Vec<&Value> = rows.iter().filter(|r| r["theme"] != "custom").collect();
    assert_eq!(annex.len(), 93);
    assert!(
        annex.iter().all(|r| r["applicable"].is_boolean()),
        "every Annex A control decided"
    );
    let first = annex[0];
    for field in [
        "number",
        "title",
        "theme",
        "applicable",
        "reasons",
        "justification",
        "exclusion_justification",
        "status",
        "owner",
        "risks",
        "covered_by",
        "evidence",
    ] {
        assert!(first.get(field).is_some(), "missing {field}");
    }
    assert_eq!(first["number"], "5.1");
    assert!(
        annex.iter().any(|r| r["applicable"] == false),
        "some exclusions"
    );
    assert!(
        annex.iter().any(|r| r["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x == "risk_treatment")),
        "risk treatment is derived from actions"
    );
    let covered: Vec<(&Value, &Value)> = rows
        .iter()
        .filter(|r| !r["covered_by"].is_null())
        .map(|r| (&r["number"], &r["covered_by"]))
        .collect();
    assert_eq!(covered, [(&Value::from("5.21"), &Value::from("C-002"))]);
    let backup = rows.iter().find(|r| r["number"] == "8.13").unwrap();
    assert_eq!(backup["reasons"][0], "risk_treatment");
    assert_eq!(
        backup["risks"],
        serde_json::json!(["R-001", "R-003", "R-009"])
    );
    assert_eq!(
        backup["evidence"],
        "Daily RDS snapshots; D-009 Backup concept"
    );
}

#[test]
fn documents_list_with_stable_references_in_every_format() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let documents = demo_rows(&sb, &file, "documents", "2026-03-31");
    assert_eq!(documents.len(), 23);
    let refs: Vec<&str> = documents
        .iter()
        .map(|d| d["ref"].as_str().unwrap())
        .collect();
    assert_eq!(refs[..3], ["D-001", "D-002", "D-003"]);
    let policy = &documents[0];
    assert_eq!(policy["title"], "Information security policy");
    assert_eq!(policy["kind"], "policy");
    assert_eq!(policy["status"], "approved");
    assert_eq!(policy["version"], "2.0");
    assert_eq!(policy["approved_by"], "Karin Nordmann");
    assert_eq!(policy["approved_on"], "2026-01-12");
    assert_eq!(policy["next_review"], "2027-01-12");
    assert_eq!(policy["overdue"], false);
    assert_eq!(policy["clauses"], serde_json::json!(["5.2"]));
    assert_eq!(policy["controls"], serde_json::json!(["5.1"]));
    assert_eq!(policy["versions"], 2);
    let access = documents.iter().find(|d| d["ref"] == "D-004").unwrap();
    assert_eq!(access["overdue"], true);
    assert_eq!(access["actions"], serde_json::json!(["T-013"]));
    let plan = documents.iter().find(|d| d["ref"] == "D-007").unwrap();
    assert_eq!(plan["status"], "draft");
    let f = file.to_str().unwrap();
    let table = sb.run(&["--db", f, "list", "documents"]).success().stdout();
    assert!(table.lines().next().unwrap().starts_with("ref"), "{table}");
    assert!(table.contains("D-021"), "{table}");
    let csv = sb
        .run(&["--db", f, "list", "documents", "--format", "csv"])
        .success()
        .stdout();
    assert!(
        csv.starts_with("ref,title,kind,version,issued_on,status,owner,"),
        "{csv}"
    );
    assert!(
        csv.contains("\nD-007,Business continuity plan,plan,0.9,2026-02-27,draft,"),
        "{csv}"
    );
}

#[test]
fn clauses_list_their_document_and_what_they_require() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let clauses = demo_rows(&sb, &file, "clauses", "2026-03-31");
    let clause = |n: &str| clauses.iter().find(|c| c["number"] == n).unwrap();
    let scope = clause("4.3");
    assert_eq!(scope["documents"], serde_json::json!(["D-021"]));
    assert_eq!(clause("6.1.1")["documents"], serde_json::json!(["D-022"]));
    assert_eq!(clause("9.2.2")["documents"], serde_json::json!([]));
    assert_eq!(
        scope["mandatory_documents"],
        serde_json::json!(["Scope of the ISMS"])
    );
    assert_eq!(
        clause("6.1.3")["mandatory_documents"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let heading = clause("4");
    assert_eq!(heading["mandatory_documents"], serde_json::json!([]));
    assert!(heading["doc_date"].is_null());
}

#[test]
fn every_register_lists_in_every_format() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let f = file.to_str().unwrap();
    for register in [
        "scope",
        "parties",
        "issues",
        "assets",
        "risks",
        "actions",
        "controls",
        "soa",
        "clauses",
        "questions",
        "workshops",
        "people",
        "roles",
        "competence",
    ] {
        let json = sb.run(&["--db", f, "list", register, "--format", "json"]);
        let rows: Vec<Value> = serde_json::from_str(&json.success().stdout()).unwrap();
        assert!(!rows.is_empty(), "{register} is empty in the demo");
        let table = sb.run(&["--db", f, "list", register]);
        assert!(
            table.success().stdout().contains(&match rows.len() {
                1 => "(1 row)".to_string(),
                n => format!("({n} rows)"),
            }),
            "{register}"
        );
        let csv = sb.run(&["--db", f, "list", register, "--format", "csv"]);
        let text = csv.success().stdout();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.records().count(), rows.len(), "{register}");
    }
}

#[test]
fn people_list_with_stable_references_roles_held_and_awareness() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let rows = demo_rows(&sb, &file, "people", "2026-03-31");
    assert_eq!(rows.len(), 15);
    let refs: Vec<&str> = rows.iter().map(|r| r["ref"].as_str().unwrap()).collect();
    assert_eq!(refs[0], "P-001");
    assert_eq!(refs[14], "P-015");
    let md = row(&rows, "P-001");
    assert_eq!(md["name"], "Karin Nordmann");
    assert_eq!(md["function"], "Managing Director");
    assert_eq!(
        md["roles"][0],
        serde_json::json!({"role": "Top management", "from": "2018-04-01", "until": null})
    );
    assert_eq!(md["aware"], true);
    // Awareness lapsed; someone who left is asked for none.
    assert_eq!(row(&rows, "P-014")["aware"], false);
    let left = row(&rows, "P-015");
    assert_eq!(left["left_on"], "2026-01-31");
    assert_eq!(left["aware"], Value::Null);
    assert_eq!(left["roles"][0]["until"], "2026-01-31");
    // A year later nobody's awareness is current.
    let later = demo_rows(&sb, &file, "people", "2027-03-31");
    assert!(later.iter().all(|p| p["aware"] != true));
    let records = demo_rows(&sb, &file, "competence", "2026-03-31");
    assert_eq!(records.len(), 51);
    assert!(
        records
            .iter()
            .all(|r| r["person"].as_str().unwrap().starts_with("P-"))
    );
}

#[test]
fn workshop_questions_list_open_first_with_answer_assignee_and_workshop() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let rows = demo_rows(&sb, &file, "questions", "2026-03-31");
    let refs: Vec<&str> = rows.iter().map(|r| r["ref"].as_str().unwrap()).collect();
    // Open first, the one with a due date before those without; the answered one last.
    assert_eq!(refs, ["Q-002", "Q-003", "Q-004", "Q-001"]);
    let nas = row(&rows, "Q-002");
    assert_eq!(nas["asset"], "AS-028");
    assert_eq!(nas["asset_name"], "Backup NAS");
    assert_eq!(nas["noted_by"], "anna.weber");
    assert_eq!(nas["noted_at"], "2026-01-28T11:05:00");
    assert!(nas["resolved_at"].is_null());
    assert_eq!(nas["assignee"], "Jonas Klein");
    assert_eq!(nas["due"], "2026-04-30");
    assert_eq!(nas["workshop"], "W-001");
    assert_eq!(nas["overdue"], false);
    let answered = row(&rows, "Q-001");
    assert_eq!(answered["resolved_at"], "2026-02-06T09:00:00");
    assert_eq!(answered["answered_by"], "Jonas Klein");
    assert!(
        answered["answer"]
            .as_str()
            .unwrap()
            .starts_with("Only in Bremen")
    );
    let general = row(&rows, "Q-004");
    assert!(general["asset"].is_null() && general["asset_name"].is_null());
    assert!(general["due"].is_null());
    // A month later the question given to Jonas Klein is overdue, the others are not.
    let later = demo_rows(&sb, &file, "questions", "2026-05-01");
    let overdue: Vec<&str> = later
        .iter()
        .filter(|r| r["overdue"] == true)
        .map(|r| r["ref"].as_str().unwrap())
        .collect();
    assert_eq!(overdue, ["Q-002"]);
    let table = sb
        .run(&["--db", file.to_str().unwrap(), "list", "questions"])
        .success()
        .stdout();
    let header = table.lines().next().unwrap();
    assert!(header.starts_with("ref    asset   asset_name"), "{table}");
    assert!(
        header.ends_with("assignee     due         workshop  overdue"),
        "{table}"
    );
}

#[test]
fn references_are_human_and_stable() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let f = file.to_str().unwrap();
    let assets: Vec<Value> = serde_json::from_str(
        &sb.run(&["--db", f, "list", "assets", "--format", "json"])
            .stdout(),
    )
    .unwrap();
    assert_eq!(assets[0]["ref"], "AS-001");
    let risks: Vec<Value> = serde_json::from_str(
        &sb.run(&["--db", f, "list", "risks", "--format", "json"])
            .stdout(),
    )
    .unwrap();
    assert_eq!(risks[0]["ref"], "R-001");
    let actions: Vec<Value> = serde_json::from_str(
        &sb.run(&["--db", f, "list", "actions", "--format", "json"])
            .stdout(),
    )
    .unwrap();
    assert_eq!(actions[0]["ref"], "T-001");
    assert!(
        actions.iter().any(|a| a["overdue"] == true),
        "the demo has an overdue action on 2026-03-31"
    );
}

/// `isms list REGISTER --format json` of the demo, with "today" set to `today`.
fn demo_rows(sb: &Sandbox, file: &std::path::Path, register: &str, today: &str) -> Vec<Value> {
    let out = sb
        .command(&[
            "--db",
            file.to_str().unwrap(),
            "list",
            register,
            "--format",
            "json",
        ])
        .env("ISMS_TODAY", today)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn row<'a>(rows: &'a [Value], reference: &str) -> &'a Value {
    rows.iter().find(|r| r["ref"] == reference).unwrap()
}

#[test]
fn risks_list_their_actions_acceptance_and_flags() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let risks = demo_rows(&sb, &file, "risks", "2026-03-31");
    for field in [
        "actions",
        "acceptance",
        "above_criteria",
        "flags",
        "residual_level",
    ] {
        assert!(risks[0].get(field).is_some(), "missing {field}");
    }
    // T-016 treated R-001 too, but was cancelled.
    assert_eq!(
        row(&risks, "R-001")["actions"],
        serde_json::json!(["T-001", "T-002", "T-007"])
    );
    assert_eq!(row(&risks, "R-001")["flags"], serde_json::json!([]));
    assert_eq!(row(&risks, "R-001")["acceptance"], Value::Null);

    let valid = &row(&risks, "R-013")["acceptance"];
    assert_eq!(valid["accepted_by"], "Karin Nordmann");
    assert_eq!(valid["authority"], "top_management");
    assert_eq!(valid["accepted_on"], "2026-03-10");
    assert_eq!(valid["level"], "medium");
    assert_eq!(valid["until"], "2027-03-31");
    assert_eq!(valid["expired"], false);
    let expired = &row(&risks, "R-014")["acceptance"];
    assert_eq!(expired["expired"], true);
    assert_eq!(
        row(&risks, "R-014")["flags"],
        serde_json::json!(["acceptance_expired"])
    );

    assert_eq!(
        row(&risks, "R-011")["flags"],
        serde_json::json!(["reduce_without_actions"])
    );
    assert_eq!(row(&risks, "R-011")["actions"], serde_json::json!([]));
    let r017 = row(&risks, "R-017");
    assert_eq!(r017["above_criteria"], true);
    assert_eq!(
        r017["flags"],
        serde_json::json!(["above_criteria", "no_treatment"])
    );
    assert_eq!(
        row(&risks, "R-018")["flags"],
        serde_json::json!(["no_owner"])
    );
    assert_eq!(
        row(&risks, "R-020")["flags"],
        serde_json::json!(["not_assessed"])
    );
    assert_eq!(row(&risks, "R-020")["above_criteria"], false);
    let above: Vec<&Value> = risks
        .iter()
        .filter(|r| r["above_criteria"] == true)
        .map(|r| &r["ref"])
        .collect();
    assert_eq!(above, ["R-003", "R-017", "R-019"]);
    // When each was assessed, when its review falls due, and the owner's approval of its plan.
    let r007 = row(&risks, "R-007");
    assert_eq!(r007["assessed_on"], "2025-03-15");
    assert_eq!(r007["review_due"], "2026-03-15");
    assert_eq!(r007["flags"], serde_json::json!(["review_overdue"]));
    assert_eq!(row(&risks, "R-001")["plan_approved_by"], "Markus Brandt");
    assert_eq!(row(&risks, "R-010")["plan_approved_on"], Value::Null);

    let table = sb.run(&["--db", file.to_str().unwrap(), "list", "risks"]);
    let text = table.success().stdout();
    assert!(
        text.contains("by Karin Nordmann until 2027-03-31"),
        "{text}"
    );
    assert!(text.contains("expired 2026-01-31"), "{text}");
    let csv = sb.run(&[
        "--db",
        file.to_str().unwrap(),
        "list",
        "risks",
        "--format",
        "csv",
    ]);
    let text = csv.success().stdout();
    assert!(text.contains("above_criteria,flags"), "{text}");
    assert!(text.contains("\"above_criteria, no_treatment\""), "{text}");
}

#[test]
fn expiry_overdue_and_flags_follow_the_one_clock() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let overdue = |rows: &[Value]| -> Vec<Value> {
        rows.iter()
            .filter(|a| a["overdue"] == true)
            .map(|a| a["ref"].clone())
            .collect()
    };
    assert_eq!(
        overdue(&demo_rows(&sb, &file, "actions", "2026-03-31")),
        ["T-010"]
    );
    assert!(overdue(&demo_rows(&sb, &file, "actions", "2026-03-15")).is_empty());

    let before = demo_rows(&sb, &file, "risks", "2026-01-31");
    assert_eq!(row(&before, "R-014")["acceptance"]["expired"], false);
    assert_eq!(row(&before, "R-014")["flags"], serde_json::json!([]));
    let later = demo_rows(&sb, &file, "risks", "2027-04-01");
    assert_eq!(row(&later, "R-013")["acceptance"]["expired"], true);
    let flags = row(&later, "R-013")["flags"].as_array().unwrap().clone();
    assert!(
        flags.contains(&Value::from("acceptance_expired")),
        "{flags:?}"
    );
    assert!(flags.contains(&Value::from("review_overdue")), "{flags:?}");
}

#[test]
fn assets_show_own_effective_and_source_of_each_need() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let f = file.to_str().unwrap();
    let rows: Vec<Value> = serde_json::from_str(
        &sb.run(&["--db", f, "list", "assets", "--format", "json"])
            .success()
            .stdout(),
    )
    .unwrap();
    let asset = |reference: &str| rows.iter().find(|r| r["ref"] == reference).unwrap();
    let need = |own: Value, effective: &str, source: &str| serde_json::json!({"own": own, "effective": effective, "source": source});
    // Rated on the primary asset itself.
    assert_eq!(
        asset("AS-001")["confidentiality"],
        need("high".into(), "high", "own")
    );
    // The cumulation override on the AWS account; its other objectives are inherited.
    assert_eq!(
        asset("AS-013")["confidentiality"],
        need("very high".into(), "very high", "override")
    );
    assert_eq!(
        asset("AS-013")["availability"],
        need(Value::Null, "very high", "AS-012")
    );
    // The distribution override on the laptop fleet.
    assert_eq!(
        asset("AS-016")["availability"],
        need("normal".into(), "normal", "override")
    );
    // Inherited through the chain: the application from the shipment data, the site from the
    // server room.
    assert_eq!(
        asset("AS-012")["confidentiality"],
        need(Value::Null, "high", "AS-001")
    );
    assert_eq!(
        asset("AS-019")["availability"],
        need(Value::Null, "very high", "AS-018")
    );
    // Unrated: the primary asset without needs and the supporting asset that serves nothing.
    let unrated = serde_json::json!({"own": null, "effective": null, "source": null});
    for reference in ["AS-011", "AS-029"] {
        for objective in ["confidentiality", "integrity", "availability"] {
            assert_eq!(
                asset(reference)[objective],
                unrated,
                "{reference} {objective}"
            );
        }
    }
    // The other columns keep their names and order.
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "ref",
            "name",
            "kind",
            "category",
            "owner",
            "location",
            "scope_item",
            "classification",
            "depends_on",
            "confidentiality",
            "integrity",
            "availability"
        ]
    );

    let table = sb.run(&["--db", f, "list", "assets"]).success().stdout();
    let line = |reference: &str| {
        table
            .lines()
            .find(|l| l.starts_with(reference))
            .unwrap()
            .to_string()
    };
    assert!(line("AS-013").contains("very high (override)"), "{table}");
    assert!(line("AS-012").contains("high ↑AS-001"), "{table}");
    let first = line("AS-001");
    assert!(
        first.contains("high") && !first.contains('↑') && !first.contains("(override)"),
        "{first}"
    );

    let csv = sb
        .run(&["--db", f, "list", "assets", "--format", "csv"])
        .success()
        .stdout();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let laptops = records.iter().find(|r| &r[0] == "AS-016").unwrap();
    assert_eq!(&laptops[9], "very high ↑AS-004");
    assert_eq!(&laptops[11], "normal (override)");
    let invoicing = records.iter().find(|r| &r[0] == "AS-011").unwrap();
    assert_eq!(&invoicing[9], "");
    let first = records.iter().find(|r| &r[0] == "AS-001").unwrap();
    assert_eq!(&first[9], "high");
}

#[test]
fn scaled_demo_has_the_requested_size() {
    let sb = Sandbox::new();
    let file = sb.path("big.isms");
    sb.run(&["demo", file.to_str().unwrap(), "--scale", "300"])
        .success();
    let info = sb.run(&["info", file.to_str().unwrap()]).success().stdout();
    assert!(info.contains("Assets:             300\n"), "{info}");
    assert!(info.contains("Risks:              600\n"), "{info}");
    assert!(info.contains("Treatment actions:  150\n"), "{info}");
}

// ---- bad input: one line, exit code 1, file untouched ----

#[test]
fn a_missing_file_is_named() {
    let sb = Sandbox::new();
    let missing = sb.path("nope.isms");
    sb.run(&["info", missing.to_str().unwrap()])
        .fails_with("no such file");
    sb.run(&["--db", missing.to_str().unwrap(), "list", "assets"])
        .fails_with("no such file");
    assert!(!missing.exists(), "opening must not create the file");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let sb = Sandbox::new();
    let file = sb.path("notes.isms");
    std::fs::write(&file, "Meeting notes: this is not a database, but it is long enough to have a header of a hundred bytes.").unwrap();
    let before = bytes(&file);
    sb.run(&["info", file.to_str().unwrap()])
        .fails_with("not an SQLite database");
    sb.run(&["--db", file.to_str().unwrap(), "list", "risks"])
        .fails_with("not an isms workspace");
    assert!(bytes(&file) == before, "the file must be untouched");
}

#[test]
fn an_empty_file_is_refused_untouched() {
    let sb = Sandbox::new();
    let file = sb.path("empty.isms");
    std::fs::write(&file, "").unwrap();
    sb.run(&["info", file.to_str().unwrap()])
        .fails_with("the file is empty");
    assert!(bytes(&file).is_empty());
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let sb = Sandbox::new();
    let file = sb.path("firefox.sqlite");
    {
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.execute_batch("CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('https://example.org');").unwrap();
    }
    let before = bytes(&file);
    sb.run(&["info", file.to_str().unwrap()])
        .fails_with("an SQLite database of another program");
    assert!(bytes(&file) == before, "the file must be untouched");
}

#[test]
fn a_workspace_from_a_newer_version_is_refused_untouched() {
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
    sb.run(&["info", file.to_str().unwrap()])
        .fails_with("newer version of isms (schema 99");
    sb.run(&["--db", file.to_str().unwrap(), "list", "soa"])
        .fails_with("update isms");
    assert!(bytes(&file) == before, "the file must be untouched");
}

#[cfg(unix)]
#[test]
fn a_read_only_file_opens_read_only_and_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    let file = sb.path("ro.isms");
    sb.run(&["new", file.to_str().unwrap(), "--org", "Read Only KG"])
        .success();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o400)).unwrap();
    let before = bytes(&file);
    let info = sb.run(&["info", file.to_str().unwrap()]).success().stdout();
    assert!(info.contains("Access:             read-only"), "{info}");
    assert!(
        sb.run(&["--db", file.to_str().unwrap(), "list", "clauses"])
            .success()
            .stdout()
            .contains("10.2")
    );
    assert!(bytes(&file) == before, "the file must be untouched");
}

#[test]
fn a_directory_is_refused() {
    let sb = Sandbox::new();
    let dir = sb.path("folder.isms");
    std::fs::create_dir(&dir).unwrap();
    sb.run(&["info", dir.to_str().unwrap()])
        .fails_with("is a directory");
    sb.run(&["new", dir.to_str().unwrap(), "--org", "X"])
        .fails_with("is a directory");
}

#[test]
fn an_unknown_register_or_format_names_the_choices() {
    let sb = Sandbox::new();
    let file = sb.path("a.isms");
    let f = file.to_str().unwrap();
    sb.run(&["new", f, "--org", "A"]).success();
    sb.run(&["--db", f, "list", "vendors"]).fails_with(
        "expected scope, parties, issues, assets, risks, actions, controls, soa, clauses, questions, workshops, people, roles, competence, documents, audits, findings, nonconformities, objectives, measurements, reviews, review-actions or baselines",
    );
    sb.run(&["--db", f, "list", "soa", "--format", "pdf"])
        .fails_with("expected table, json or csv");
}

#[test]
fn a_zero_scale_is_refused() {
    let sb = Sandbox::new();
    let file = sb.path("zero.isms");
    sb.run(&["demo", file.to_str().unwrap(), "--scale", "0"])
        .fails_with("--scale");
    assert!(!file.exists());
}

#[test]
fn a_damaged_or_future_file_is_refused_by_every_command_and_left_as_it_was() {
    let sb = Sandbox::new();
    for d in common::damaged_workspaces(sb.dir.path()) {
        let before = bytes(&d.path);
        let file = d.path.to_str().unwrap();
        sb.run(&["info", file]).fails_with(d.says);
        sb.run(&["--db", file, "list", "assets"]).fails_with(d.says);
        common::assert_untouched(&d, &before);
    }
}

#[test]
fn ls_lists_known_workspaces_as_text_and_json_and_shows_missing_files() {
    let sb = Sandbox::new();
    sb.run(&["new", "--org", "Acme GmbH"]).success();
    sb.run(&["new", "--org", "Beta AG"]).success();
    // A workspace elsewhere on disk, made with --db so that it is not in the data directory.
    let elsewhere = sb.path("elsewhere.isms");
    let e = elsewhere.to_str().unwrap();
    sb.run(&["--db", e, "new", "--org", "Gamma KG"]).success();
    sb.run(&["open", e]).success();
    let data = sb.path("data").join("isms");

    let text = sb.run(&["ls"]).success().stdout();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("ORGANISATION"), "{text}");
    // Most recently opened first; the columns line up under the header.
    assert!(lines[1].starts_with("Gamma KG"), "{text}");
    assert!(lines[2].starts_with("Beta AG"), "{text}");
    assert!(lines[3].starts_with("Acme GmbH"), "{text}");
    let file_column = lines[0].find("FILE").unwrap();
    for line in &lines[1..] {
        assert_eq!(&line[file_column..file_column + 1], "/", "{text}");
        assert!(line.contains("2026-03-31 00:00"), "{text}");
        assert!(line.trim_end().ends_with("no"), "{text}");
        assert!(line.contains(" KiB"), "{text}");
    }
    assert!(lines[3].contains(data.join("acme-gmbh.isms").to_str().unwrap()));

    std::fs::remove_file(data.join("beta-ag.isms")).unwrap();
    let text = sb.run(&["ls"]).success().stdout();
    let beta = text.lines().find(|l| l.starts_with("Beta AG")).unwrap();
    assert!(beta.contains("missing"), "{text}");

    let json: Value =
        serde_json::from_str(&sb.run(&["ls", "--format", "json"]).success().stdout()).unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["organisation"], "Gamma KG");
    assert_eq!(items[1]["missing"], true);
    assert_eq!(items[1]["size"], Value::Null);
    assert_eq!(items[2]["missing"], false);
    assert!(items[2]["size"].as_u64().unwrap() > 0);
    assert_eq!(items[2]["encrypted"], false);
    assert_eq!(items[2]["last_opened"], "2026-03-31T00:00:00");
}

#[test]
fn open_refuses_a_file_that_is_not_a_workspace_and_remembers_nothing() {
    let sb = Sandbox::new();
    let junk = sb.path("junk.isms");
    std::fs::write(&junk, "hello").unwrap();
    sb.run(&["open", junk.to_str().unwrap()])
        .fails_with("not an SQLite database");
    assert_eq!(sb.run(&["ls"]).success().stdout().lines().count(), 1);
    sb.run(&["open"]).fails_with("needs a terminal");
}

#[test]
fn a_damaged_list_of_workspaces_is_a_warning_not_a_failure() {
    let sb = Sandbox::new();
    let data = sb.path("data").join("isms");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("workspaces.json"), "{ broken").unwrap();
    let out = sb.run(&["ls"]);
    out.success();
    assert!(out.stderr().contains("damaged"), "{}", out.stderr());
    sb.run(&["new", "--org", "Acme GmbH"]).success();
    let text = sb.run(&["ls"]).success().stdout();
    assert!(text.contains("Acme GmbH"), "{text}");
}

#[test]
fn the_app_without_a_terminal_says_it_needs_one_and_leaves_the_workspace_closed() {
    let sandbox = Sandbox::new();
    let demo = sandbox.demo();
    let before = common::bytes(&demo);
    let run = sandbox.run(&["--db", demo.to_str().unwrap()]);
    run.fails_with("the app needs a terminal");
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
    assert_eq!(common::bytes(&demo), before);
    for leftover in [".lock", "-wal", "-shm"] {
        let mut side = demo.clone().into_os_string();
        side.push(leftover);
        assert!(
            !std::path::Path::new(&side).exists(),
            "{leftover} left behind"
        );
    }
}
