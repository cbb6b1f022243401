//! Imports of registers from CSV and XLSX: round trips into the store, dry runs, and files
//! with bad lines that import nothing and name every bad line.

use std::path::{Path, PathBuf};

use isms::app::import_table;
use isms::domain::asset::{AssetKind, Dependency};
use isms::domain::methodology::Rating;
use isms::domain::protection::Objective;
use isms::domain::risk::{RiskStatus, TreatmentOption};
use isms::report::import::{ImportError, Register};
use isms::store::Store;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn new_store(dir: &tempfile::TempDir) -> Store {
    Store::create(&dir.path().join("w.isms"), "Acme").unwrap()
}

fn bad_lines(err: ImportError) -> Vec<(usize, String)> {
    match err {
        ImportError::BadLines(lines) => lines.into_iter().map(|l| (l.line, l.why)).collect(),
        other => panic!("expected bad lines, got {other}"),
    }
}

#[test]
fn assets_from_csv_with_needs_and_dependencies() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(&dir);
    let plan = import_table(&mut store, Register::Assets, &fixture("assets.csv"), false).unwrap();
    assert_eq!(plan.register, Register::Assets);
    assert_eq!(plan.rows, 3);
    assert_eq!(
        plan.created,
        [
            "AS-001 Customer data (information, owner CTO)",
            "AS-002 CRM app (software, owner IT lead)",
            "AS-003 Main server (hardware, owner IT lead)",
        ]
    );
    assert_eq!(plan.ignored_columns, ["Colour"]);

    let assets = store.assets().unwrap();
    let summary: Vec<_> = assets
        .iter()
        .map(|a| {
            (
                a.number,
                a.name.as_str(),
                a.kind,
                a.owner.as_str(),
                a.location.as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (1, "Customer data", AssetKind::Information, "CTO", "CRM"),
            (2, "CRM app", AssetKind::Software, "IT lead", "Cloud"),
            (
                3,
                "Main server",
                AssetKind::Hardware,
                "IT lead",
                "Server room, basement"
            ),
        ]
    );
    assert_eq!(assets[0].classification, "confidential");
    let id = |n: usize| assets[n].id;
    let needs: Vec<_> = store
        .protection_needs()
        .unwrap()
        .into_iter()
        .map(|n| (n.asset, n.objective, n.level, n.rationale))
        .collect();
    let why = "Contracts promise confidentiality".to_string();
    assert_eq!(
        needs,
        [
            (id(0), Objective::Availability, 2, why.clone()),
            (id(0), Objective::Confidentiality, 3, why.clone()),
            (id(0), Objective::Integrity, 3, why),
        ]
    );
    assert_eq!(
        store.dependencies().unwrap(),
        [
            Dependency {
                asset: id(0),
                depends_on: id(1)
            },
            Dependency {
                asset: id(1),
                depends_on: id(2)
            },
        ]
    );
}

#[test]
fn risks_from_csv_resolve_assets_and_ratings() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(&dir);
    import_table(&mut store, Register::Assets, &fixture("assets.csv"), false).unwrap();
    let plan = import_table(&mut store, Register::Risks, &fixture("risks.csv"), false).unwrap();
    assert_eq!(
        plan.created,
        [
            "R-001 Ransomware on the main server (owner IT lead, inherent critical, residual medium)",
            "R-002 Supplier insolvency (owner CEO, inherent high)",
        ]
    );
    assert!(plan.ignored_columns.is_empty());
    let assets = store.assets().unwrap();
    let risks = store.risks().unwrap();
    assert_eq!(risks.len(), 2);
    let r = &risks[0];
    assert_eq!(r.title, "Ransomware on the main server");
    assert_eq!(r.owner, "IT lead");
    let mut expected = vec![assets[0].id, assets[2].id];
    expected.sort();
    assert_eq!(r.assets, expected);
    assert_eq!(
        r.objectives,
        [Objective::Confidentiality, Objective::Availability]
    );
    assert_eq!(
        r.inherent,
        Some(Rating {
            likelihood: 4,
            impact: 4
        })
    );
    assert_eq!(
        r.residual,
        Some(Rating {
            likelihood: 2,
            impact: 3
        })
    );
    assert_eq!(r.treatment, Some(TreatmentOption::Reduce));
    assert_eq!(r.treatment_rationale, "Backups and EDR");
    assert_eq!(r.status, RiskStatus::InTreatment);
    assert_eq!(r.next_review.unwrap().to_string(), "2026-09-30");
    let s = &risks[1];
    assert_eq!(s.treatment, Some(TreatmentOption::Transfer));
    assert_eq!(s.treatment_rationale, "Insurance; second supplier");
    assert_eq!(s.status, RiskStatus::Assessed);
    assert_eq!((s.residual, s.next_review), (None, None));
    assert!(s.assets.is_empty());
}

#[test]
fn a_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(&dir);
    let before = store.counts().unwrap();
    let plan = import_table(&mut store, Register::Assets, &fixture("assets.csv"), true).unwrap();
    assert_eq!(plan.created.len(), 3);
    assert_eq!(store.counts().unwrap(), before);
    assert!(store.assets().unwrap().is_empty());
    // A later real import numbers exactly as the dry run said.
    let real = import_table(&mut store, Register::Assets, &fixture("assets.csv"), false).unwrap();
    assert_eq!(real.created, plan.created);
}

#[test]
fn a_malformed_csv_imports_nothing_and_names_every_bad_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(&dir);
    let before = store.counts().unwrap();
    let err = import_table(
        &mut store,
        Register::Risks,
        &fixture("risks_bad.csv"),
        false,
    )
    .unwrap_err();
    let message = err.to_string();
    let lines = bad_lines(err);
    assert_eq!(
        lines.iter().map(|l| l.0).collect::<Vec<_>>(),
        [3, 4, 5, 6],
        "{message}"
    );
    assert_eq!(
        lines[0].1,
        "impact: 'huge' is not a level; expected 1 to 5 or negligible, minor, moderate, major, severe"
    );
    assert_eq!(
        lines[1].1,
        "next review: '31/12/2026' is not a date; expected YYYY-MM-DD or DD.MM.YYYY, e.g. 2026-03-31 \
         or 31.03.2026"
    );
    assert_eq!(lines[2].1, "title: is required");
    assert!(lines[3].1.contains("quote"), "{}", lines[3].1);
    assert!(
        message.starts_with("4 bad lines:\nline 3: impact: 'huge'"),
        "{message}"
    );
    assert_eq!(store.counts().unwrap(), before);

    let err = import_table(
        &mut store,
        Register::Risks,
        &fixture("risks_wrong_header.csv"),
        true,
    )
    .unwrap_err();
    let lines = bad_lines(err);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].0, 1);
    assert!(
        lines[0].1.starts_with("no 'title' column"),
        "{}",
        lines[0].1
    );
    assert_eq!(store.counts().unwrap(), before);
}

#[test]
fn cycles_and_unknown_assets_are_bad_lines_and_an_override_without_rationale_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(&dir);
    let err = import_table(
        &mut store,
        Register::Assets,
        &fixture("assets_bad.csv"),
        false,
    )
    .unwrap_err();
    let lines = bad_lines(err);
    // Line 2 rates a supporting asset without a reason: an override the check will report,
    // not a reason to refuse the file.
    assert_eq!(
        lines.iter().map(|l| l.0).collect::<Vec<_>>(),
        [3, 4],
        "{lines:?}"
    );
    assert_eq!(
        lines[0].1,
        "depends on: this would create a cycle: AS-002 Server → AS-001 App → AS-002 Server"
    );
    assert!(
        lines[1].1.contains("no asset is called 'Printer'"),
        "{}",
        lines[1].1
    );
    assert!(store.assets().unwrap().is_empty());
}

#[test]
fn scope_items_from_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(&dir);
    let plan = import_table(&mut store, Register::Scope, &fixture("scope.csv"), false).unwrap();
    assert_eq!(
        plan.created,
        [
            "S-001 Head office (location, in ISMS, in certificate)",
            "S-002 Branch (location, outside the ISMS, not in certificate)",
        ]
    );
    let items = store.scope_items().unwrap();
    assert!(items[0].in_isms && items[0].in_certificate);
    assert!(!items[1].in_isms && !items[1].in_certificate);
    assert_eq!(items[1].justification, "Run by a franchisee");
}

#[test]
fn assets_from_xlsx_with_numbers_and_dates_as_cells() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(&dir);
    import_table(&mut store, Register::Assets, &fixture("assets.csv"), false).unwrap();

    let path = dir.path().join("risks.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (col, h) in [
        "Risk",
        "Owner",
        "Assets",
        "Likelihood",
        "Impact",
        "Next review",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "Laptop theft").unwrap();
    sheet.write_string(1, 1, "CTO").unwrap();
    sheet.write_string(1, 2, "AS-001").unwrap();
    sheet.write_number(1, 3, 3).unwrap();
    sheet.write_string(1, 4, "Moderate").unwrap();
    let day = ExcelDateTime::parse_from_str("2026-06-30").unwrap();
    sheet.write_datetime_with_format(1, 5, &day, &date).unwrap();
    // Row 3 is left blank; row 4 has a bad level, reported with its spreadsheet row number.
    sheet.write_string(3, 0, "Flood").unwrap();
    sheet.write_number(3, 3, 9).unwrap();
    sheet.write_number(3, 4, 1).unwrap();
    book.save(&path).unwrap();

    let err = import_table(&mut store, Register::Risks, &path, false).unwrap_err();
    let lines = bad_lines(err);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].0, 4);
    assert!(
        lines[0].1.starts_with("likelihood: '9' is not a level"),
        "{}",
        lines[0].1
    );

    // Without the bad row the sheet imports.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in [
        "Risk",
        "Owner",
        "Assets",
        "Likelihood",
        "Impact",
        "Next review",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "Laptop theft").unwrap();
    sheet.write_string(1, 1, "CTO").unwrap();
    sheet.write_string(1, 2, "AS-001").unwrap();
    sheet.write_number(1, 3, 3).unwrap();
    sheet.write_string(1, 4, "Moderate").unwrap();
    sheet.write_datetime_with_format(1, 5, &day, &date).unwrap();
    book.save(&path).unwrap();
    let plan = import_table(&mut store, Register::Risks, &path, false).unwrap();
    assert_eq!(plan.rows, 1);
    let r = &store.risks().unwrap()[0];
    assert_eq!(
        r.inherent,
        Some(Rating {
            likelihood: 3,
            impact: 3
        })
    );
    assert_eq!(r.next_review.unwrap().to_string(), "2026-06-30");
    assert_eq!(r.assets, [store.assets().unwrap()[0].id]);
}

#[test]
fn an_unreadable_file_is_a_read_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(&dir);
    let err = import_table(
        &mut store,
        Register::Assets,
        &dir.path().join("nope.csv"),
        false,
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::Read(_)), "{err}");
    let err = import_table(
        &mut store,
        Register::Assets,
        &fixture("../import/assets.csv").with_extension("pdf"),
        false,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("expected a .csv or .xlsx file"),
        "{err}"
    );
}

#[test]
fn a_workspace_export_imports_into_the_same_workspace() {
    use isms::report::export::workspace::WorkspaceFile;
    use isms::report::import::import_workspace;
    let dir = tempfile::tempdir().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let demo = isms::demo::write_demo(&dir.path().join("demo.isms")).unwrap();
    let json = dir.path().join("demo.json");
    std::fs::write(
        &json,
        isms::report::export::workspace::to_json(&demo, today).unwrap(),
    )
    .unwrap();

    let target = dir.path().join("copy.isms");
    let copy = import_workspace(&json, &target).unwrap();
    let strip = |store: &Store| {
        let mut f = WorkspaceFile::read(store, today).unwrap();
        f.change_log.clear();
        f
    };
    let (a, b) = (strip(&demo), strip(&copy));
    assert_eq!(a.counts_for_test(), b.counts_for_test());
    // Workshop questions come back with who noted them, when, and their resolution.
    assert_eq!(a.questions.len(), 4);
    assert_eq!(
        serde_json::to_value(&a.questions).unwrap(),
        serde_json::to_value(&b.questions).unwrap()
    );
    assert_eq!(
        serde_json::to_value(&a).unwrap(),
        serde_json::to_value(&b).unwrap()
    );

    // An existing target is refused and left alone.
    let Err(err) = import_workspace(&json, &target) else {
        panic!("an existing target was overwritten")
    };
    assert!(err.to_string().contains("already exists"), "{err}");
    // A document of another format writes nothing.
    let other = dir.path().join("other.json");
    std::fs::write(&other, r#"{"format": "something", "version": 1}"#).unwrap();
    let Err(err) = import_workspace(&other, &dir.path().join("x.isms")) else {
        panic!("another format was imported")
    };
    assert!(matches!(err, ImportError::Read(_)), "{err}");
    assert!(!dir.path().join("x.isms").exists());
}

/// An export written before workshop questions were stored has no `questions` field; it imports
/// all the same, with none. A question about an asset the document lacks is refused by name.
#[test]
fn a_workspace_export_without_questions_imports_and_a_dangling_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let demo = isms::demo::write_demo(&dir.path().join("demo.isms")).unwrap();
    let mut doc: serde_json::Value =
        serde_json::from_slice(&isms::report::export::workspace::to_json(&demo, today).unwrap())
            .unwrap();
    let with_questions = doc.clone();
    assert!(doc.as_object_mut().unwrap().remove("questions").is_some());
    let json = dir.path().join("old.json");
    std::fs::write(&json, serde_json::to_vec(&doc).unwrap()).unwrap();
    let copy = isms::report::import::import_workspace(&json, &dir.path().join("old.isms")).unwrap();
    assert!(copy.questions().unwrap().is_empty());
    assert_eq!(copy.assets().unwrap().len(), 30);

    let mut dangling = with_questions;
    dangling["questions"][1]["asset"] = 9999.into();
    let json = dir.path().join("dangling.json");
    std::fs::write(&json, serde_json::to_vec(&dangling).unwrap()).unwrap();
    let target = dir.path().join("dangling.isms");
    let Err(err) = isms::report::import::import_workspace(&json, &target) else {
        panic!("a question about an unknown asset was imported")
    };
    assert!(err.to_string().contains("Q-002: asset #9999"), "{err}");
    assert!(!target.exists());
}

trait CountsForTest {
    fn counts_for_test(&self) -> Vec<usize>;
}

impl CountsForTest for isms::report::export::workspace::WorkspaceFile {
    fn counts_for_test(&self) -> Vec<usize> {
        vec![
            self.scope_items.len(),
            self.context_issues.len(),
            self.parties.len(),
            self.assets.len(),
            self.dependencies.len(),
            self.protection_needs.len(),
            self.risks.len(),
            self.acceptances.len(),
            self.actions.len(),
            self.controls.len(),
            self.soa.len(),
            self.soa_versions.len(),
            self.clauses.len(),
            self.questions.len(),
        ]
    }
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn refs_order_and_number_the_rows_and_name_them_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(&dir);
    // Rows out of order with a gap: numbers are kept, dependencies go by the file's refs.
    let csv = write(
        &dir,
        "a.csv",
        "Ref,Name,Kind,Category,Depends on\n\
         AS-004,App,software,Supporting,AS-002\n\
         AS-002,Server,hardware,Supporting,\n\
         ,Data,information,Primary,AS-004\n",
    );
    let plan = import_table(&mut store, Register::Assets, &csv, false).unwrap();
    assert_eq!(
        plan.created,
        [
            "AS-002 Server (hardware, no owner)",
            "AS-004 App (software, no owner)",
            "AS-005 Data (information, no owner)",
        ]
    );
    assert_eq!(plan.ignored_columns, ["Category"]);
    let assets = store.assets().unwrap();
    let id = |number: u32| assets.iter().find(|a| a.number == number).unwrap().id;
    assert_eq!(
        store.dependencies().unwrap(),
        [
            Dependency {
                asset: id(4),
                depends_on: id(2)
            },
            Dependency {
                asset: id(5),
                depends_on: id(4)
            },
        ]
    );
    // Again into the same workspace: the refs are taken, so the rows are numbered on, and
    // AS-004 in the file still means the file's row, not the stored AS-004.
    let plan = import_table(&mut store, Register::Assets, &csv, false).unwrap();
    assert_eq!(
        plan.created,
        [
            "AS-006 Server (hardware, no owner)",
            "AS-007 App (software, no owner)",
            "AS-008 Data (information, no owner)",
        ]
    );
    let assets = store.assets().unwrap();
    let id = |number: u32| assets.iter().find(|a| a.number == number).unwrap().id;
    let deps = store.dependencies().unwrap();
    assert!(deps.contains(&Dependency {
        asset: id(8),
        depends_on: id(7)
    }));
    assert!(deps.contains(&Dependency {
        asset: id(7),
        depends_on: id(6)
    }));
    // A reference the file does not give is one of the workspace's.
    let more = write(
        &dir,
        "b.csv",
        "Ref,Name,Kind,Depends on\nAS-001,Laptop,hardware,AS-002\n",
    );
    let plan = import_table(&mut store, Register::Assets, &more, true).unwrap();
    assert_eq!(plan.created, ["AS-009 Laptop (hardware, no owner)"]);
}

#[test]
fn references_past_the_last_number_are_bad_lines_not_an_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(&dir);
    let csv = write(
        &dir,
        "a.csv",
        "Ref,Name,Kind\nAS-4294967295,Server,information\n,Server,information\n",
    );
    let err = import_table(&mut store, Register::Assets, &csv, false).unwrap_err();
    assert_eq!(
        bad_lines(err),
        [(
            2,
            "ref: 'AS-4294967295' is not a reference like AS-007 (numbers 1 to 999999)".to_string()
        )]
    );
    let csv = write(
        &dir,
        "b.csv",
        "Ref,Name,Kind\nAS-999999,Server,information\n,Laptop,hardware\n",
    );
    let err = import_table(&mut store, Register::Assets, &csv, false).unwrap_err();
    assert_eq!(
        bad_lines(err),
        [(
            3,
            "ref: no number is left after AS-999999; give the row a free reference".to_string()
        )]
    );
    assert!(store.assets().unwrap().is_empty());
}

#[test]
fn bad_refs_and_a_category_without_kind() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(&dir);
    let csv = write(
        &dir,
        "a.csv",
        "Ref,Name,Kind\nAS-001,App,software\nR-002,Server,hardware\nAS-001,Data,information\n",
    );
    let err = import_table(&mut store, Register::Assets, &csv, true).unwrap_err();
    assert_eq!(
        bad_lines(err),
        [
            (
                3,
                "ref: 'R-002' is not a reference like AS-007 (numbers 1 to 999999)".to_string()
            ),
            (4, "ref: AS-001 is also on line 2".to_string()),
        ]
    );
    // Without a Kind column, Category still is the kind (as before); with two real synonyms
    // the header is still refused.
    let csv = write(&dir, "b.csv", "Name,Category\nApp,software\n");
    let plan = import_table(&mut store, Register::Assets, &csv, true).unwrap();
    assert_eq!(plan.created, ["AS-001 App (software, no owner)"]);
    let csv = write(&dir, "c.csv", "Name,Kind,Type\nApp,software,software\n");
    let err = import_table(&mut store, Register::Assets, &csv, true).unwrap_err();
    assert_eq!(
        bad_lines(err),
        [(
            1,
            "columns 'Kind' and 'Type' both mean kind; keep one".to_string()
        )]
    );
}

#[test]
fn exported_needs_skip_inherited_values_and_overrides_take_their_rationale() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(&dir);
    let csv = write(
        &dir,
        "a.csv",
        "Ref,Name,Kind,Depends on,Confidentiality,Confidentiality rationale,Integrity,Rationale\n\
         AS-001,Data,information,AS-002,very high,Secrets,high,Contracts\n\
         AS-002,Server,hardware,,very high ↑AS-001,,normal (override),Spread over two sites\n",
    );
    import_table(&mut store, Register::Assets, &csv, false).unwrap();
    let assets = store.assets().unwrap();
    let needs: Vec<_> = store
        .protection_needs()
        .unwrap()
        .into_iter()
        .map(|n| (n.asset, n.objective, n.level, n.rationale))
        .collect();
    assert_eq!(
        needs,
        [
            (
                assets[0].id,
                Objective::Confidentiality,
                3,
                "Secrets".into()
            ),
            (assets[0].id, Objective::Integrity, 2, "Contracts".into()),
            (
                assets[1].id,
                Objective::Integrity,
                1,
                "Spread over two sites".into()
            ),
        ]
    );
    // An override without any rationale is imported, marked as missing its justification.
    let csv = write(
        &dir,
        "b.csv",
        "Name,Kind,Integrity\nLaptop,hardware,normal (override)\n",
    );
    let plan = import_table(&mut store, Register::Assets, &csv, true).unwrap();
    assert_eq!(
        plan.unjustified,
        ["AS-003 Laptop: integrity normal, inherits nothing"]
    );
}

#[test]
fn a_directory_reads_as_the_registers_csv_file_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(&dir);
    let export = dir.path().join("scope");
    std::fs::create_dir(&export).unwrap();
    std::fs::copy(fixture("scope.csv"), export.join("scope.csv")).unwrap();
    let plan = import_table(&mut store, Register::Scope, &export, true).unwrap();
    assert_eq!(plan.created.len(), 2);
    let err = import_table(&mut store, Register::Assets, &export, true).unwrap_err();
    assert!(matches!(err, ImportError::Read(_)), "{err}");
}
