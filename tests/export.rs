//! `isms export`: the deliverables of the demo, read back (xlsx with calamine), compared with
//! `isms list`, snapshotted (Markdown, CSV), and checked for determinism and self-containment.

mod common;

use std::path::Path;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use common::{Sandbox, bytes, export, text};
use serde_json::Value;

fn list(sb: &Sandbox, db: &Path, register: &str) -> Vec<Value> {
    let out = sb.run(&[
        "--db",
        db.to_str().unwrap(),
        "list",
        register,
        "--format",
        "json",
    ]);
    match serde_json::from_str(&out.success().stdout()).unwrap() {
        Value::Array(rows) => rows,
        other => panic!("not an array: {other}"),
    }
}

#[test]
fn the_report_workbook_has_a_cover_and_every_register_as_list_shows_it() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let out = sb.path("report.xlsx");
    assert_eq!(
        export(&sb, &db, &["report", "--format", "xlsx"], &out),
        std::slice::from_ref(&out)
    );
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Cover",
            "Scope",
            "Interested parties",
            "Context issues",
            "Likelihood scale",
            "Impact scale",
            "Risk matrix",
            "Risk levels and criteria",
            "Protection-need scale",
            "Assets",
            "Risks",
            "Risk acceptances",
            "Treatment plan",
            "SoA",
            "Clauses",
            "Documented information",
            "Audits",
            "Audit findings",
            "Nonconformities",
            "Corrective actions",
            "Management reviews",
            "Management review actions",
            "Questions",
            "People",
            "Competence and awareness",
            "Readiness self-check"
        ]
    );
    let sheets = [
        ("Scope", "scope", "Ref"),
        ("Interested parties", "parties", "Ref"),
        ("Context issues", "issues", "Ref"),
        ("Assets", "assets", "Ref"),
        ("Risks", "risks", "Ref"),
        ("Treatment plan", "actions", "Ref"),
        ("SoA", "soa", "Control"),
        ("Clauses", "clauses", "Clause"),
        ("Documented information", "documents", "Ref"),
        ("Management reviews", "reviews", "Ref"),
        ("Management review actions", "review-actions", "Ref"),
        ("Questions", "questions", "Ref"),
        ("People", "people", "Ref"),
        ("Competence and awareness", "competence", "Person"),
    ];
    for (sheet, register, first) in sheets {
        let range = book.worksheet_range(sheet).unwrap();
        let rows = list(&sb, &db, register);
        assert_eq!(range.height(), rows.len() + 1, "{sheet}: header and rows");
        // Every listed field, plus the free text (descriptions...) a listing leaves out: for
        // assets the description and the rationale of the needs set per objective (C, I, A).
        let columns = rows[0].as_object().unwrap().len();
        let extra = match register {
            "risks" | "assets" => 4,
            // What changed since the issued version the SoA is a draft after.
            "actions" | "soa" => 1,
            _ => 0,
        };
        assert_eq!(range.width(), columns + extra, "{sheet}");
        assert_eq!(
            range.get((0, 0)),
            Some(&Data::String(first.into())),
            "{sheet}"
        );
    }
    let soa = book.worksheet_range("SoA").unwrap();
    let header: Vec<String> = soa
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header[..7],
        [
            "Control",
            "Title",
            "Theme",
            "Applicability",
            "Status",
            "Owner",
            "Changed since v1"
        ]
    );
    assert_eq!(soa.get((1, 0)), Some(&Data::String("A.5.1".into())));
    // Dates are dates, numbers numbers.
    let risks = book.worksheet_range("Risks").unwrap();
    let header: Vec<String> = risks
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let review = header.iter().position(|h| h == "Next review").unwrap();
    let likelihood = header
        .iter()
        .position(|h| h == "Inherent likelihood")
        .unwrap();
    let first = risks.rows().nth(1).unwrap();
    assert!(first[review].is_datetime(), "{:?}", first[review]);
    assert!(matches!(first[likelihood], Data::Float(_) | Data::Int(_)));
    // The cover names who, when and which SoA, and how ready the ISMS is.
    let cover = book.worksheet_range("Cover").unwrap();
    let cells: Vec<String> = cover.cells().map(|(_, _, c)| c.to_string()).collect();
    for needle in [
        "Nordwind Logistik GmbH",
        "SoA v1 of 2026-02-10 approved by Karin Nordmann, 1 control undecided, 3 controls changed since",
        "Readiness self-check (not an audit): major",
        "Certificate scope",
    ] {
        assert!(
            cells.iter().any(|c| c.contains(needle)),
            "{needle}: {cells:?}"
        );
    }
}

#[test]
fn a_register_workbook_has_its_sheet_and_the_risks_their_acceptances() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let out = sb.path("risks.xlsx");
    export(&sb, &db, &["risks"], &out);
    let book: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), ["Risks", "Risk acceptances"]);
    let out = sb.path("assets.xlsx");
    export(&sb, &db, &["assets"], &out);
    let book: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), ["Assets"]);
}

#[test]
fn the_soa_workbook_names_its_version_and_shows_exclusions_as_excluded() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let out = sb.path("soa.xlsx");
    export(&sb, &db, &["soa"], &out);
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), ["Cover", "SoA"]);
    // The cover itself, not only the print header, names the version the draft follows, its
    // issue date and approver.
    let cover = book.worksheet_range("Cover").unwrap();
    let value = |item: &str| {
        cover
            .rows()
            .find(|r| r[0] == item)
            .map(|r| r[1].clone())
            .unwrap_or_else(|| panic!("{item} missing"))
    };
    assert_eq!(value("Last issued version").to_string(), "v1");
    assert!(value("Status").to_string().starts_with("Draft"));
    assert!(value("v1 issued on").is_datetime());
    assert_eq!(value("v1 approved by").to_string(), "Karin Nordmann");
    assert!(matches!(
        value("Undecided when v1 was issued"),
        Data::Float(_) | Data::Int(_)
    ));
    // An excluded control has no implementation: the sheet says so, as the app does.
    let soa = book.worksheet_range("SoA").unwrap();
    let header: Vec<String> = soa
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let at = |h: &str| header.iter().position(|x| x == h).unwrap();
    let (applicability, status) = (at("Applicability"), at("Status"));
    let excluded: Vec<String> = soa
        .rows()
        .skip(1)
        .filter(|r| r[applicability] == "Not applicable")
        .map(|r| r[status].to_string())
        .collect();
    assert!(!excluded.is_empty());
    assert!(excluded.iter().all(|s| s == "Excluded"), "{excluded:?}");
    // The other documents carry the same cover.
    for format in ["md", "html"] {
        let out = sb.path(&format!("soa.{format}"));
        export(&sb, &db, &["soa", "--format", format], &out);
        let doc = text(&out);
        for needle in ["v1 approved by", "v1 issued on", "2026-02-10", "Excluded"] {
            assert!(doc.contains(needle), "{format}: {needle}");
        }
    }
}

#[test]
fn markdown_of_the_demo() {
    let sb = Sandbox::new();
    let db = sb.demo();
    for what in ["risks", "treatment-plan", "minutes", "review"] {
        let out = sb.path(&format!("{what}.md"));
        export(&sb, &db, &[what, "--format", "md"], &out);
        insta::assert_snapshot!(format!("markdown_{what}"), text(&out));
    }
}

#[test]
fn objectives_export_with_their_measurements_as_markdown_html_and_a_csv_folder() {
    let sb = Sandbox::new();
    let db = sb.demo();
    for format in ["md", "html"] {
        let out = sb.path(&format!("objectives.{format}"));
        export(&sb, &db, &["objectives", "--format", format], &out);
        // A hyphenated reference or date is kept on one line in HTML: read the text.
        let doc = text(&out)
            .replace("<span class=\"nw\">", "")
            .replace("</span>", "");
        for needle in [
            "Objectives and measurement",
            "O-002",
            "No treatment action overdue",
            "Awareness coverage",
            "2026-03-16",
            "T-010 (second AC unit) overdue since 2026-03-15",
        ] {
            assert!(doc.contains(needle), "{format}: {needle}\n{doc}");
        }
    }
    let folder = sb.path("objectives");
    export(&sb, &db, &["objectives", "--format", "csv"], &folder);
    let objectives = text(&folder.join("objectives.csv"));
    assert_eq!(objectives.lines().count(), 4, "{objectives}");
    let measurements = text(&folder.join("measurements.csv"));
    assert_eq!(measurements.lines().count(), 11, "{measurements}");
    assert!(
        measurements.contains("O-003,2026-03-13,3.5,hours"),
        "{measurements}"
    );
}

#[test]
fn csv_of_the_demo() {
    let sb = Sandbox::new();
    let db = sb.demo();
    for what in ["assets", "risks", "soa"] {
        let out = sb.path(&format!("{what}.csv"));
        export(&sb, &db, &[what, "--format", "csv"], &out);
        let csv = text(&out);
        assert!(csv.contains("\r\n"), "RFC 4180 line ends");
        insta::assert_snapshot!(format!("csv_{what}"), csv.replace("\r\n", "\n"));
    }
}

#[test]
fn the_csv_report_writes_one_file_per_register_into_a_directory() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let dir = sb.path("report");
    let files = export(&sb, &db, &["report", "--format", "csv"], &dir);
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "cover.csv",
            "scope.csv",
            "parties.csv",
            "issues.csv",
            "likelihood-scale.csv",
            "impact-scale.csv",
            "risk-matrix.csv",
            "risk-levels.csv",
            "protection-scale.csv",
            "assets.csv",
            "risks.csv",
            "acceptances.csv",
            "treatment-plan.csv",
            "soa.csv",
            "clauses.csv",
            "documents.csv",
            "audits.csv",
            "audit-findings.csv",
            "nonconformities.csv",
            "corrective-actions.csv",
            "reviews.csv",
            "review-actions.csv",
            "questions.csv",
            "people.csv",
            "competence.csv",
            "findings.csv"
        ]
    );
    let mut reader = csv::Reader::from_path(dir.join("risks.csv")).unwrap();
    assert_eq!(reader.records().count(), list(&sb, &db, "risks").len());
    let cover = text(&dir.join("cover.csv"));
    assert!(
        cover.contains("Organisation,Nordwind Logistik GmbH"),
        "{cover}"
    );
    assert!(cover.contains("Date,2026-03-31"), "{cover}");
    // The findings are grouped by the clause or control they rest on: clauses in their order
    // first, then the Annex A controls.
    let mut reader = csv::Reader::from_path(dir.join("findings.csv")).unwrap();
    assert_eq!(&reader.headers().unwrap()[0], "Clause");
    let bases: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert!(!bases.is_empty());
    let first_control = bases.iter().position(|b| b.starts_with("A.")).unwrap();
    assert!(
        bases[..first_control]
            .iter()
            .all(|b| b.starts_with(|c: char| c.is_ascii_digit())),
        "{bases:?}"
    );
    let mut groups = bases.clone();
    groups.dedup();
    let mut seen = groups.clone();
    seen.sort();
    seen.dedup();
    assert_eq!(
        groups.len(),
        seen.len(),
        "each clause once, together: {bases:?}"
    );
}

#[test]
fn the_html_report_is_self_contained_with_heat_maps_and_the_soa() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let out = sb.path("report.html");
    export(&sb, &db, &["report", "--format", "html"], &out);
    let html = text(&out);
    for forbidden in ["<script", "http", "src=", "@import", "url("] {
        assert!(!html.contains(forbidden), "found {forbidden}");
    }
    // The only links are the contents' to the page's own sections.
    assert!(html.contains("href=\"#"));
    assert_eq!(
        html.matches("href=").count(),
        html.matches("href=\"#").count()
    );
    for needle in [
        "<p class=\"org\">Nordwind Logistik GmbH</p>\n<h1>ISMS report</h1>",
        "2026-03-31",
        "SoA v1 of <span class=\"nw\">2026-02-10</span>",
        "<h3>Inherent risk</h3>",
        "<h3>Residual risk</h3>",
        "<h2>SoA (",
        "@media print",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
}

#[test]
fn exports_are_deterministic_and_leave_the_workspace_untouched() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let before = bytes(&db);
    for format in ["xlsx", "md", "html", "json"] {
        let a = sb.path(&format!("a.{format}"));
        let b = sb.path(&format!("b.{format}"));
        export(&sb, &db, &["report", "--format", format], &a);
        export(&sb, &db, &["report", "--format", format], &b);
        assert!(bytes(&a) == bytes(&b), "{format} differs between runs");
    }
    let (a, b) = (sb.path("a"), sb.path("b"));
    export(&sb, &db, &["report", "--format", "csv"], &a);
    export(&sb, &db, &["report", "--format", "csv"], &b);
    for name in ["cover.csv", "risks.csv", "soa.csv"] {
        assert!(bytes(&a.join(name)) == bytes(&b.join(name)), "{name}");
    }
    let (a, b) = (sb.path("wa.json"), sb.path("wb.json"));
    export(&sb, &db, &["workspace"], &a);
    export(&sb, &db, &["workspace"], &b);
    assert!(bytes(&a) == bytes(&b), "workspace json differs");
    assert!(bytes(&db) == before, "the workspace must be untouched");
}

#[test]
fn the_workspace_json_is_versioned_and_holds_every_register() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let out = sb.path("workspace.json");
    export(&sb, &db, &["workspace", "--format", "json"], &out);
    let v: Value = serde_json::from_str(&text(&out)).unwrap();
    assert_eq!(v["format"], "isms-workspace");
    assert_eq!(v["version"], 1);
    assert_eq!(v["organisation"], "Nordwind Logistik GmbH");
    assert_eq!(v["exported_on"], "2026-03-31");
    for key in [
        "objectives",
        "protection_scale",
        "methodology",
        "scope_statements",
        "scope_items",
        "context_issues",
        "parties",
        "assets",
        "dependencies",
        "protection_needs",
        "risks",
        "acceptances",
        "actions",
        "controls",
        "soa",
        "soa_versions",
        "clauses",
        "change_log",
    ] {
        assert!(!v[key].is_null(), "{key} missing");
    }
    let count = |key: &str| v[key].as_array().map_or(0, Vec::len);
    for (key, register) in [
        ("scope_items", "scope"),
        ("context_issues", "issues"),
        ("parties", "parties"),
        ("assets", "assets"),
        ("risks", "risks"),
        ("actions", "actions"),
        ("controls", "controls"),
        ("soa", "soa"),
        ("clauses", "clauses"),
    ] {
        assert_eq!(count(key), list(&sb, &db, register).len(), "{key}");
    }
    assert_eq!(count("soa_versions"), 1);
    assert!(count("acceptances") > 0 && count("protection_needs") > 0);
    assert_eq!(v["methodology"]["levels"][0]["colour"], "green");
    // The typed document reads back.
    let typed: isms::report::export::workspace::WorkspaceFile = serde_json::from_value(v).unwrap();
    assert_eq!(typed.assets.len(), 30);
}

#[test]
fn a_register_as_json_is_the_listing_in_an_envelope() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let out = sb.path("soa.json");
    export(&sb, &db, &["soa", "--format", "json"], &out);
    let v: Value = serde_json::from_str(&text(&out)).unwrap();
    assert_eq!(v["format"], "isms-export");
    assert_eq!(v["what"], "soa");
    assert_eq!(
        v["soa_version"],
        "SoA v1 of 2026-02-10 approved by Karin Nordmann, 1 control undecided, 3 controls changed since"
    );
    assert_eq!(v["registers"]["soa"], Value::Array(list(&sb, &db, "soa")));
}

#[test]
fn the_format_follows_the_extension_and_a_directory_gets_a_named_file() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let out = sb.path("plan.md");
    export(&sb, &db, &["treatment-plan"], &out);
    assert!(text(&out).starts_with("# Risk treatment plan — Nordwind Logistik GmbH"));
    let dir = sb.path("out");
    std::fs::create_dir(&dir).unwrap();
    assert_eq!(
        export(&sb, &db, &["assets", "--format", "html"], &dir),
        [dir.join("assets.html")]
    );
}

#[test]
fn bad_combinations_get_one_line_errors_and_write_nothing() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let f = db.to_str().unwrap();
    let out = sb.path("x.xlsx");
    let o = out.to_str().unwrap();
    sb.run(&[
        "--db",
        f,
        "export",
        "workspace",
        "--format",
        "xlsx",
        "-o",
        o,
    ])
    .fails_with("workspace cannot be exported as xlsx; use --format json");
    sb.run(&["--db", f, "export", "soa", "--format", "pdf", "-o", o])
        .fails_with("--format: 'pdf' is not known; expected xlsx, csv, md, html, json or docx");
    sb.run(&["--db", f, "export", "vendors", "--format", "csv", "-o", o])
        .fails_with("'vendors' is not known; expected soa, risks, treatment-plan");
    let csv = sb.path("scope.csv");
    sb.run(&[
        "--db",
        f,
        "export",
        "scope",
        "--format",
        "csv",
        "-o",
        csv.to_str().unwrap(),
    ])
    .fails_with("give a directory for -o");
    let bare = sb.path("noext");
    sb.run(&["--db", f, "export", "soa", "-o", bare.to_str().unwrap()])
        .fails_with("--format: give one of xlsx, csv, md, html, json or docx");
    let missing = sb.path("missing.isms");
    sb.run(&["--db", missing.to_str().unwrap(), "export", "soa", "-o", o])
        .fails_with("no such file");
    assert!(!out.exists() && !csv.exists() && !bare.exists());
}

#[test]
fn the_people_export_holds_the_people_their_roles_and_competence_records() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let dir = sb.path("people");
    let files = export(&sb, &db, &["people", "--format", "csv"], &dir);
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["cover.csv", "people.csv", "roles.csv", "competence.csv"]
    );
    let people = text(&dir.join("people.csv"));
    assert!(
        people.contains("P-001,Karin Nordmann,Managing Director"),
        "{people}"
    );
    assert!(
        people.contains("Top management from 2018-04-01"),
        "{people}"
    );
    let mut reader = csv::Reader::from_path(dir.join("competence.csv")).unwrap();
    assert_eq!(reader.records().count(), list(&sb, &db, "competence").len());
    let md = sb.path("people.md");
    export(&sb, &db, &["people"], &md);
    let md = text(&md);
    assert!(
        md.starts_with("# People and competence — Nordwind Logistik GmbH"),
        "{md}"
    );
    assert!(md.contains("## Roles (7)"), "{md}");
    // The topic fits the page; the evidence, a long text, follows in a block per record, named
    // by what tells one person's records apart.
    assert!(
        md.contains("| P-002 | Anna Weber | Information security officer | Qualification | 2024-06-14 | 2027-06-13 | yes | ISO/IEC 27001 Lead Implementer |"),
        "{md}"
    );
    assert!(
        md.contains(
            "### P-002 · Anna Weber · Information security officer · Qualification · 2024-06-14\n"
        ),
        "{md}"
    );
}

#[test]
fn the_documents_export_lists_the_register_with_its_labels_and_dates() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let out = sb.path("documents.csv");
    assert_eq!(
        export(&sb, &db, &["documents", "--format", "csv"], &out),
        std::slice::from_ref(&out)
    );
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..7],
        [
            "Ref",
            "Title",
            "Kind",
            "Version",
            "Issued on",
            "Status",
            "Owner"
        ]
    );
    assert!(header.contains(&"Next review".to_string()), "{header:?}");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 23);
    let plan = rows.iter().find(|r| &r[0] == "D-007").unwrap();
    assert_eq!((&plan[2], &plan[5]), ("Plan", "Draft"));
    let md = sb.path("documents.md");
    export(&sb, &db, &["documents"], &md);
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("## Documented information (23)"), "{text}");
    assert!(
        text.contains("| D-004 | Access control policy | Policy | 1.3 |"),
        "{text}"
    );
}

#[test]
fn the_review_minutes_of_the_demo_as_html_and_a_workbook_and_what_is_refused() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let html = sb.path("review.html");
    export(
        &sb,
        &db,
        &["review", "--review", "MR-001", "--format", "html"],
        &html,
    );
    let page = text(&html);
    for needle in [
        "Management review MR-001",
        "g) Opportunities for improvement",
        "MR-001/3",
        "Karin Nordmann, Anna Weber, Markus Brandt, Sabine Krüger",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    let folder = sb.path("out");
    std::fs::create_dir(&folder).unwrap();
    let out = sb
        .run(&[
            "--db",
            db.to_str().unwrap(),
            "export",
            "review",
            "--format",
            "xlsx",
            "-o",
            folder.to_str().unwrap(),
        ])
        .success()
        .stdout();
    assert!(out.trim().ends_with("review-mr-001.xlsx"), "{out}");
    // An unknown review, a reference of another kind, --review on another export, and csv.
    let refused = |args: &[&str]| {
        let mut all = vec!["--db", db.to_str().unwrap(), "export"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["-o", folder.to_str().unwrap()]);
        let out = sb.run(&all);
        assert_eq!(out.code(), Some(1), "{args:?}");
        out.stderr()
    };
    let e = refused(&["review", "--review", "MR-009", "--format", "md"]);
    assert!(e.contains("no management review MR-009"), "{e}");
    let e = refused(&["review", "--review", "W-001", "--format", "md"]);
    assert!(
        e.contains("--review: 'W-001' is not a management review"),
        "{e}"
    );
    let e = refused(&["risks", "--review", "MR-001", "--format", "md"]);
    assert!(e.contains("--review: only"), "{e}");
    let e = refused(&["review", "--format", "csv"]);
    assert!(e.contains("use --format xlsx, md, html or docx"), "{e}");
}
