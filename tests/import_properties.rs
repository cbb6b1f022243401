//! Property tests of the importers: CSV and XLSX registers and the workspace JSON, fed arbitrary
//! text, nasty cells (control characters, huge and whitespace-only values, bad dates, levels
//! and references out of range) and damaged exports. Each import either fails with every bad
//! line named and nothing written, or succeeds, and then exports and imports back equal.
//! Never a panic, never a store error on data the import let through.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::Value;

use isms::app::import_table;
use isms::report::export::{ExportFormat, What, export, workspace};
use isms::report::import::{ImportError, ImportPlan, Register, import_workspace};
use isms::store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
}

/// Bounded, seeded (a run in CI replays exactly; change the seed to explore further), and
/// without regression files: a failing input found here becomes a unit test next to the code
/// it broke.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(27001),
        ..ProptestConfig::with_cases(cases)
    }
}

/// A value a spreadsheet cell should not hold, or holds by mistake.
fn bad_cell() -> impl Strategy<Value = String> {
    let nasty = prop::sample::select(vec![
        "",
        "   ",
        "\t",
        "two\nlines",
        "bell\u{7}",
        "esc\u{1b}[2J",
        "nul\u{0}",
        "\"quoted\"",
        "semi;colon",
        "comma, inside",
        "株式会社",
        "👩‍💻",
        "0",
        "-1",
        "4",
        "99999999999999999999",
        "2026-02-30",
        "0-01-01",
        "31.03.2026",
        "AS-0",
        "AS-999999",
        "AS-4294967295",
        "AS-4294967296",
        "R-001",
        "S-002",
    ]);
    prop_oneof![
        4 => nasty.prop_map(str::to_string),
        1 => any::<String>(),
        1 => (prop::sample::select(vec!["a", "ä", " "]), 195usize..205).prop_map(|(c, n)| c.repeat(n)),
    ]
}

/// Rows of plausible values, one list of choices per column; in half the cases up to three
/// cells are replaced by bad ones, so that both successful and refused imports are tried.
fn rows(columns: &'static [&'static [&'static str]]) -> impl Strategy<Value = Vec<Vec<String>>> {
    let row = columns
        .iter()
        .map(|choices| prop::sample::select(*choices).prop_map(str::to_string))
        .collect::<Vec<_>>();
    let spoilers = prop_oneof![
        Just(Vec::new()),
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                any::<prop::sample::Index>(),
                bad_cell()
            ),
            1..4
        ),
    ];
    (prop::collection::vec(row, 0..6), spoilers).prop_map(|(mut rows, spoilers)| {
        for (r, c, value) in spoilers {
            if rows.is_empty() {
                break;
            }
            let r = r.index(rows.len());
            let c = c.index(rows[r].len());
            rows[r][c] = value;
        }
        rows
    })
}

const REFS: &[&str] = &["", "", "AS-001", "AS-002", "AS-003", "AS-7", "as-010"];
const NAMES: &[&str] = &["Server", "CRM", "Customer data", "Laptop", "  Payroll  "];
const LEVELS: &[&str] = &["", "", "", "1", "2", "3", "normal", "high", "Very High"];

fn asset_rows() -> impl Strategy<Value = Vec<Vec<String>>> {
    rows(&[
        REFS,
        NAMES,
        &[
            "information",
            "process",
            "reputation",
            "Information",
            "hardware",
            "Software",
            "cloud",
        ],
        &["", "CTO", "IT lead"],
        &["", "Held in the CRM."],
        LEVELS,
        LEVELS,
        LEVELS,
        &[
            "",
            "",
            "",
            "",
            "",
            "AS-001",
            "AS-002; AS-003",
            "Server",
            "Laptop, CRM",
        ],
        &["", "Cumulation effect.", "Cumulation effect."],
    ])
}
const ASSET_HEADER: &[&str] = &[
    "Ref",
    "Name",
    "Kind",
    "Owner",
    "Description",
    "Confidentiality",
    "Integrity",
    "Availability",
    "Depends on",
    "Rationale",
];

const LIKELIHOOD: &[&str] = &["1", "3", "5", "rare", "Likely"];
const IMPACT: &[&str] = &["2", "4", "severe", "Minor"];

fn risk_rows() -> impl Strategy<Value = Vec<Vec<String>>> {
    rows(&[
        &["", "R-001", "R-002", "R-9"],
        &["Ransomware", "Lost laptop", "Phishing"],
        &["", "Alice"],
        LIKELIHOOD,
        IMPACT,
        LIKELIHOOD,
        IMPACT,
        &["", "reduce", "Accept (retain)", "share", "terminate"],
        &["", "identified", "in_treatment", "Closed"],
        &["", "2026-12-31", "2027-1-5"],
        &["", "C, I", "CIA", "availability; privacy"],
    ])
}
const RISK_HEADER: &[&str] = &[
    "Ref",
    "Title",
    "Owner",
    "Likelihood",
    "Impact",
    "Residual likelihood",
    "Residual impact",
    "Treatment",
    "Status",
    "Next review",
    "Objectives",
];

fn scope_rows() -> impl Strategy<Value = Vec<Vec<String>>> {
    rows(&[
        &["", "S-001", "S-002"],
        &["HQ", "Dev team", "Webshop"],
        &["location", "org_unit", "team", "Technology or system"],
        &["yes", "x", "yes", "no"],
        &["yes", "✓", "no", ""],
        &["Run by a supplier.", "Run by a supplier.", ""],
    ])
}
const SCOPE_HEADER: &[&str] = &[
    "Ref",
    "Name",
    "Kind",
    "In ISMS",
    "In certificate",
    "Justification",
];

fn csv_text(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).unwrap();
    for row in rows {
        w.write_record(row).unwrap();
    }
    w.into_inner().unwrap()
}

fn xlsx_bytes(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, name) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *name).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, value).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A fresh workspace in `dir` named `name`.
fn fresh(dir: &Path, name: &str) -> Store {
    Store::create(&dir.join(name), "Acme").unwrap()
}

/// What a register holds, without row ids, so two workspaces compare.
fn register(store: &Store, register: Register) -> Value {
    match register {
        Register::Assets => {
            let assets = store.assets().unwrap();
            let number: HashMap<i64, u32> = assets.iter().map(|a| (a.id, a.number)).collect();
            let mut needs: Vec<_> = store
                .protection_needs()
                .unwrap()
                .into_iter()
                .map(|n| (number[&n.asset], n.objective.as_str(), n.level, n.rationale))
                .collect();
            needs.sort();
            let mut deps: Vec<_> = store
                .dependencies()
                .unwrap()
                .into_iter()
                .map(|d| (number[&d.asset], number[&d.depends_on]))
                .collect();
            deps.sort();
            let assets: Vec<_> = assets
                .into_iter()
                .map(|a| isms::domain::asset::Asset { id: 0, ..a })
                .collect();
            serde_json::json!({ "assets": assets, "needs": needs, "dependencies": deps })
        }
        Register::Risks => {
            let risks: Vec<_> = store
                .risks()
                .unwrap()
                .into_iter()
                .map(|r| isms::domain::risk::Risk { id: 0, ..r })
                .collect();
            serde_json::to_value(risks).unwrap()
        }
        Register::Scope => {
            let items: Vec<_> = store
                .scope_items()
                .unwrap()
                .into_iter()
                .map(|s| isms::domain::scope::ScopeItem { id: 0, ..s })
                .collect();
            serde_json::to_value(items).unwrap()
        }
    }
}

/// A failed import names lines that exist, says why, and wrote nothing; a store error on
/// rows the import accepted is a bug either way.
fn check_refused(
    result: &Result<ImportPlan, ImportError>,
    lines: usize,
    store: &Store,
    reg: Register,
    empty: &Value,
) -> Result<(), TestCaseError> {
    match result {
        Ok(_) => {}
        Err(ImportError::BadLines(bad)) => {
            prop_assert!(!bad.is_empty());
            for b in bad {
                prop_assert!(
                    (1..=lines.max(1)).contains(&b.line),
                    "line {} of {}: {}",
                    b.line,
                    lines,
                    b.why
                );
                prop_assert!(!b.why.trim().is_empty(), "line {} without a reason", b.line);
                // Shown on a terminal: a cell's escape sequence or line break must not act.
                let shown = b.to_string();
                prop_assert!(!shown.chars().any(char::is_control), "{:?}", shown);
            }
            prop_assert_eq!(
                &register(store, reg),
                empty,
                "a refused import wrote something"
            );
        }
        Err(e) => prop_assert!(false, "not a list of bad lines: {}", e),
    }
    Ok(())
}

/// Imports `rows` as CSV into a new workspace; if that succeeds, exports the register as CSV,
/// imports the export into another new workspace and compares the two.
fn csv_round_trip(
    reg: Register,
    header: &[&str],
    rows: &[Vec<String>],
) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let text = csv_text(header, rows);
    let lines = String::from_utf8_lossy(&text).lines().count();
    let file = write(dir.path(), "in.csv", &text);
    let mut first = fresh(dir.path(), "first.isms");
    let empty = register(&first, reg);
    let result = import_table(&mut first, reg, &file, false);
    check_refused(&result, lines, &first, reg, &empty)?;
    let Ok(plan) = result else { return Ok(()) };
    prop_assert_eq!(
        plan.created.len(),
        rows.iter()
            .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
            .count()
    );
    let what = match reg {
        Register::Assets => What::Assets,
        Register::Risks => What::Risks,
        Register::Scope => What::Scope,
    };
    // One register is one CSV file; scope comes with parties and issues, as a directory.
    let out = dir.path().join(if reg == Register::Scope {
        "out"
    } else {
        "out.csv"
    });
    export(&first, what, ExportFormat::Csv, &out, today()).unwrap();
    let mut second = fresh(dir.path(), "second.isms");
    let again = import_table(&mut second, reg, &out, false);
    prop_assert!(
        again.is_ok(),
        "the export does not import back: {}",
        again.unwrap_err()
    );
    prop_assert_eq!(register(&second, reg), register(&first, reg));
    Ok(())
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn assets_from_csv_are_refused_by_line_or_round_trip(rows in asset_rows()) {
        csv_round_trip(Register::Assets, ASSET_HEADER, &rows)?;
    }

    #[test]
    fn risks_from_csv_are_refused_by_line_or_round_trip(rows in risk_rows()) {
        csv_round_trip(Register::Risks, RISK_HEADER, &rows)?;
    }

    #[test]
    fn scope_items_from_csv_are_refused_by_line_or_round_trip(rows in scope_rows()) {
        csv_round_trip(Register::Scope, SCOPE_HEADER, &rows)?;
    }
}

/// Any text at all as a CSV file of any register, on a dry run: bad lines that exist, or a plan.
#[test]
fn any_text_as_csv_is_read_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    // The runner takes a `Fn`: the store is borrowed mutably inside each case.
    let store = std::cell::RefCell::new(fresh(dir.path(), "w.isms"));
    let file = dir.path().join("any.csv");
    let text = prop_oneof![
        any::<String>(),
        prop::collection::vec(
            prop_oneof![
                Just(",".to_string()),
                Just(";".to_string()),
                Just("\"".to_string()),
                Just("\n".to_string()),
                Just("\r\n".to_string()),
                Just("\t".to_string()),
                Just("\u{feff}".to_string()),
                Just("name".to_string()),
                Just("kind".to_string()),
                Just("title".to_string()),
                Just("ref".to_string()),
                Just("AS-1".to_string()),
                Just("depends on".to_string()),
                "[a-z ]{0,6}",
            ],
            0..60,
        )
        .prop_map(|p| p.concat()),
    ];
    let mut runner = proptest::test_runner::TestRunner::new(config(256));
    runner
        .run(
            &(text, prop::sample::select(Register::ALL.to_vec())),
            |(text, reg)| {
                std::fs::write(&file, &text).unwrap();
                let lines = text.split('\n').count();
                let store = &mut *store.borrow_mut();
                let empty = register(store, reg);
                let result = import_table(store, reg, &file, true);
                check_refused(&result, lines, store, reg, &empty)
            },
        )
        .unwrap();
}

/// The same cells as a workbook and as CSV import alike: the same items or the same faults.
#[test]
fn a_workbook_imports_like_the_same_cells_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let store = std::cell::RefCell::new(fresh(dir.path(), "w.isms"));
    let mut runner = proptest::test_runner::TestRunner::new(config(64));
    runner
        .run(&asset_rows(), |rows| {
            let xlsx = write(dir.path(), "in.xlsx", &xlsx_bytes(ASSET_HEADER, &rows));
            let csv = write(dir.path(), "in.csv", &csv_text(ASSET_HEADER, &rows));
            let store = &mut *store.borrow_mut();
            let empty = register(store, Register::Assets);
            let from_xlsx = import_table(store, Register::Assets, &xlsx, true);
            let from_csv = import_table(store, Register::Assets, &csv, true);
            check_refused(&from_xlsx, rows.len() + 1, store, Register::Assets, &empty)?;
            match (from_xlsx, from_csv) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a.created, b.created),
                (Err(ImportError::BadLines(a)), Err(ImportError::BadLines(b))) => {
                    let mut a: Vec<String> = a.into_iter().map(|l| l.why).collect();
                    let mut b: Vec<String> = b.into_iter().map(|l| l.why).collect();
                    a.sort();
                    b.sort();
                    prop_assert_eq!(a, b);
                }
                (a, b) => prop_assert!(
                    false,
                    "xlsx {:?} but csv {:?}",
                    a.map(|p| p.created),
                    b.map(|p| p.created)
                ),
            }
            Ok(())
        })
        .unwrap();
}

/// Leaves of a JSON document, as JSON pointers.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| leaves(v, format!("{at}/{k}"), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| leaves(v, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

/// What an export says, without the change log (which records when and by whom the import ran).
fn exported(store: &Store) -> Value {
    let mut v: Value =
        serde_json::from_slice(&workspace::to_json(store, today()).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("change_log");
    v
}

/// A workspace export with one value replaced by something else: either a clear refusal and
/// no file, or a workspace whose export imports back to the same workspace.
#[test]
fn a_damaged_workspace_export_is_refused_or_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let demo = isms::demo::write_demo(&dir.path().join("demo.isms")).unwrap();
    let doc: Value = serde_json::from_slice(&workspace::to_json(&demo, today()).unwrap()).unwrap();
    drop(demo);
    let mut paths = Vec::new();
    leaves(&doc, String::new(), &mut paths);
    let replacement = prop_oneof![
        bad_cell().prop_map(Value::from),
        prop::sample::select(vec![
            -1i64,
            0,
            1,
            6,
            99,
            999_999,
            4_294_967_295,
            4_294_967_296,
            i64::MAX
        ])
        .prop_map(Value::from),
        Just(Value::Null),
        Just(Value::Bool(true)),
        Just(serde_json::json!([])),
    ];
    let mut runner = proptest::test_runner::TestRunner::new(config(24));
    let cases = std::cell::Cell::new(0);
    runner
        .run(
            &(prop::sample::select(paths), replacement),
            |(path, value)| {
                cases.set(cases.get() + 1);
                let n = cases.get();
                let mut damaged = doc.clone();
                *damaged.pointer_mut(&path).unwrap() = value;
                let json = write(
                    dir.path(),
                    "damaged.json",
                    &serde_json::to_vec(&damaged).unwrap(),
                );
                let target = dir.path().join(format!("case{n}.isms"));
                match import_workspace(&json, &target) {
                    Ok(store) => {
                        let first = exported(&store);
                        drop(store);
                        let again = write(
                            dir.path(),
                            "again.json",
                            &workspace::to_json(&Store::open(&target).unwrap(), today()).unwrap(),
                        );
                        let copy = dir.path().join(format!("copy{n}.isms"));
                        let store = import_workspace(&again, &copy);
                        prop_assert!(store.is_ok(), "{} then: {}", path, store.err().unwrap());
                        prop_assert_eq!(exported(&store.unwrap()), first);
                    }
                    Err(ImportError::Read(why)) => {
                        prop_assert!(why.starts_with(&json.display().to_string()), "{}", why);
                        for suffix in ["", "-wal", "-shm"] {
                            let left = PathBuf::from(format!("{}{suffix}", target.display()));
                            prop_assert!(
                                !left.exists(),
                                "{} left behind after: {}",
                                left.display(),
                                why
                            );
                        }
                    }
                    Err(e) => prop_assert!(false, "{}: {}", path, e),
                }
                Ok(())
            },
        )
        .unwrap();
}

/// Text that is not the JSON of a workspace is refused by name, and no file is made.
#[test]
fn any_text_as_workspace_json_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("any.json");
    let target = dir.path().join("w.isms");
    let mut runner = proptest::test_runner::TestRunner::new(config(128));
    runner
        .run(
            &prop_oneof![
                any::<String>(),
                "\\{\"format\": \"isms-workspace\", \"version\": [0-9]{1,3}[,}]"
            ],
            |text| {
                std::fs::write(&json, &text).unwrap();
                match import_workspace(&json, &target) {
                    Err(ImportError::Read(why)) => {
                        prop_assert!(why.contains("isms-workspace"), "{}", why);
                        prop_assert!(!target.exists());
                    }
                    other => prop_assert!(false, "{:?}", other.map(|_| ())),
                }
                Ok(())
            },
        )
        .unwrap();
}
