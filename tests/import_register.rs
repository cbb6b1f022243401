//! The asset register an ISB keeps in Excel, German headers and all, with a rating on every
//! row, servers and cloud services included: it imports. A supporting asset's rating equal to
//! what it inherits confirms it; any other becomes an override, and one without a
//! justification is imported and reported by `isms check` instead of refusing the file.

mod common;

use std::path::{Path, PathBuf};

use common::Sandbox;
use isms::app::import_table;
use isms::domain::protection::Objective;
use isms::report::import::{ImportPlan, Register};
use isms::store::Store;

fn register() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/register_de.csv")
}

/// The three ratings that differ from what their asset inherits and come without a reason.
const UNJUSTIFIED: [&str; 3] = [
    "AS-006 Microsoft 365: availability high, inherits normal",
    "AS-011 Notebooks Vertrieb: integrity normal, inherits high",
    "AS-013 Büro Köln: integrity normal, inherits high",
];

fn assert_plan(plan: &ImportPlan) {
    assert_eq!(plan.rows, 15);
    assert_eq!(plan.created.len(), 15, "{:?}", plan.created);
    assert_eq!(
        plan.created[5],
        "AS-006 Microsoft 365 (cloud service, owner IT-Leitung)"
    );
    assert_eq!(
        plan.created[12],
        "AS-013 Büro Köln (site, owner Hausverwaltung)"
    );
    assert_eq!(
        plan.created[13],
        "AS-014 Mitarbeitende (people, owner Geschäftsführung)"
    );
    assert_eq!(plan.confirmed, 26);
    assert_eq!(plan.unjustified, UNJUSTIFIED);
    assert_eq!(plan.ignored_columns, ["Nr.", "Bemerkung"]);
}

#[test]
fn the_register_imports_with_confirmed_ratings_and_overrides_marked() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("w.isms"), "Muster GmbH").unwrap();
    let plan = import_table(&mut store, Register::Assets, &register(), true).unwrap();
    assert_plan(&plan);
    assert_eq!(
        store.counts().unwrap().assets,
        0,
        "a dry run writes nothing"
    );

    let plan = import_table(&mut store, Register::Assets, &register(), false).unwrap();
    assert_plan(&plan);
    let assets = store.assets().unwrap();
    let id = |name: &str| assets.iter().find(|a| a.name == name).unwrap().id;
    let fileserver = assets.iter().find(|a| a.name == "Fileserver").unwrap();
    assert_eq!(fileserver.location, "Serverraum Köln");
    assert_eq!(fileserver.owner, "IT-Leitung");
    // Supporting assets keep only their overrides: three without a reason, one with.
    let mut overrides: Vec<(i64, Objective, u8, String)> = store
        .protection_needs()
        .unwrap()
        .into_iter()
        .filter(|n| {
            let kind = assets.iter().find(|a| a.id == n.asset).unwrap().kind;
            !kind.is_rated_directly()
        })
        .map(|n| (n.asset, n.objective, n.level, n.rationale))
        .collect();
    overrides.sort();
    let mut expected = vec![
        (
            id("Microsoft 365"),
            Objective::Availability,
            2,
            String::new(),
        ),
        (
            id("VM-Host 1"),
            Objective::Availability,
            3,
            "Kumulationseffekt: alle Anwendungen laufen auf diesem Host".to_string(),
        ),
        (
            id("Notebooks Vertrieb"),
            Objective::Integrity,
            1,
            String::new(),
        ),
        (id("Büro Köln"), Objective::Integrity, 1, String::new()),
    ];
    expected.sort();
    assert_eq!(overrides, expected);
    // Primary assets keep every rating with its rationale; `hoch` is the second level.
    let customer = id("Kundendaten");
    let needs = store.protection_needs().unwrap();
    let c = needs
        .iter()
        .find(|n| n.asset == customer && n.objective == Objective::Confidentiality)
        .unwrap();
    assert_eq!(c.level, 2);
    assert!(
        c.rationale.starts_with("Personenbezogene Daten"),
        "{}",
        c.rationale
    );
    assert_eq!(store.dependencies().unwrap().len(), 14);
}

#[test]
fn the_register_saved_as_xlsx_imports_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(register()).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (row, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        for (column, value) in line.split(';').enumerate() {
            if !value.is_empty() {
                sheet
                    .write_string(row as u32, column as u16, value)
                    .unwrap();
            }
        }
    }
    let xlsx = dir.path().join("Assetregister.xlsx");
    book.save(&xlsx).unwrap();
    let mut store = Store::create(&dir.path().join("w.isms"), "Muster GmbH").unwrap();
    let plan = import_table(&mut store, Register::Assets, &xlsx, true).unwrap();
    assert_plan(&plan);
}

#[test]
fn the_command_previews_the_counts_and_check_reports_the_missing_justifications() {
    let sb = Sandbox::new();
    let file = sb.path("muster.isms");
    let db = file.to_str().unwrap();
    sb.run(&["new", db, "--org", "Muster GmbH"]).success();
    let csv = register();
    let csv = csv.to_str().unwrap();
    let preview = sb
        .run(&["--db", db, "import", "assets", csv, "--dry-run"])
        .success()
        .stdout();
    assert!(preview.contains("Would create 15 assets"), "{preview}");
    assert!(
        preview.contains("Confirmed as inherited: 26 ratings"),
        "{preview}"
    );
    assert!(
        preview.contains("Overrides without justification: 3 (justification missing;"),
        "{preview}"
    );
    for line in UNJUSTIFIED {
        assert!(preview.contains(&format!("  {line}\n")), "{preview}");
    }
    sb.run(&["--db", db, "import", "assets", csv]).success();
    let check = sb.run(&["--db", db, "check"]);
    let report = check.stdout();
    for expected in [
        "AS-006 Microsoft 365: the availability override has no justification",
        "AS-011 Notebooks Vertrieb: the integrity override has no justification",
        "AS-013 Büro Köln: the integrity override has no justification",
    ] {
        assert!(report.contains(expected), "{report}");
    }
    assert_eq!(
        report.matches("override has no justification").count(),
        3,
        "the justified override is not reported: {report}"
    );
}

#[test]
fn a_line_with_several_problems_is_one_bad_line_listing_each() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("Assets.csv");
    std::fs::write(
        &csv,
        "Bezeichnung;Kategorie;Verantwortlicher;Vertraulichkeit\n\
         ;Toaster;\"Leitung\nIT\";extrem\n\
         Fileserver;Server;IT-Leitung;hoch\n",
    )
    .unwrap();
    let mut store = Store::create(&dir.path().join("w.isms"), "Muster GmbH").unwrap();
    let message = import_table(&mut store, Register::Assets, &csv, true)
        .unwrap_err()
        .to_string();
    let mut lines = message.lines();
    assert_eq!(lines.next(), Some("1 bad line:"), "{message}");
    let problems: Vec<&str> = lines.collect();
    assert_eq!(problems.len(), 4, "{message}");
    assert!(
        problems.iter().all(|p| p.starts_with("line 2: ")),
        "{message}"
    );
    for expected in [
        "kind: 'Toaster'",
        "name: is required",
        "owner: ",
        "confidentiality: 'extrem'",
    ] {
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{expected} in {message}"
        );
    }
}
