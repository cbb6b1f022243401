//! The SoA and Clauses screens: snapshots (filtered, bulk edit), and decisions by keys checked
//! against the file: exclusions with and without justification, refused exclusions, bulk
//! decisions, coverage by a custom control, versions.

mod common;

use common::{ctrl, press, screen, start_on, type_text, workdir};
use isms::domain::soa::{Applicability, ImplementationStatus, Reason};
use isms::store::Store;
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

const W: u16 = 130;
const H: u16 = 36;

fn fresh(dir: &tempfile::TempDir) -> (App, std::path::PathBuf) {
    let path = dir.path().join("t.isms");
    drop(Store::create(&path, "Acme GmbH").unwrap());
    (start_on(&path), path)
}

fn demo(dir: &tempfile::TempDir) -> (App, std::path::PathBuf) {
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    (start_on(&path), path)
}

fn entry(path: &std::path::Path, key: &str) -> isms::domain::soa::SoaEntry {
    Store::open_read_only(path)
        .unwrap()
        .soa()
        .unwrap()
        .into_iter()
        .find(|e| e.control == key)
        .unwrap()
}

/// Filters the SoA table to one control and selects it.
fn find(app: &mut App, text: &str) {
    press(app, KeyCode::Char('/'));
    type_text(app, text);
    press(app, KeyCode::Enter);
}

#[test]
fn the_soa_filtered_to_exclusions() {
    let dir = workdir();
    let (mut app, _) = demo(&dir);
    press(&mut app, KeyCode::Char('7'));
    insta::assert_snapshot!("soa_demo", screen(&mut app, W, H));
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Tab); // applicable
    press(&mut app, KeyCode::Char(' '));
    type_text(&mut app, "not");
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("soa_exclusions", text);
    assert!(text.contains("applicable: Not applicable"), "{text}");
}

#[test]
fn an_exclusion_needs_a_justification() {
    let dir = workdir();
    let (mut app, path) = fresh(&dir);
    press(&mut app, KeyCode::Char('7'));
    find(&mut app, "7.4");
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Left); // undecided → not applicable
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(text.contains("required for an excluded control"), "{text}");
    assert_eq!(
        entry(&path, "7.4").applicability,
        Applicability::Undecided,
        "nothing saved"
    );
    type_text(
        &mut app,
        "No premises of our own: the offices are rented and monitored by the landlord.",
    );
    ctrl(&mut app, 's');
    let e = entry(&path, "7.4");
    assert_eq!(e.applicability, Applicability::NotApplicable);
    assert!(
        e.exclusion_justification
            .starts_with("No premises of our own")
    );
}

#[test]
fn a_control_that_treats_risks_cannot_be_excluded() {
    let dir = workdir();
    let (mut app, path) = demo(&dir);
    press(&mut app, KeyCode::Char('7'));
    find(&mut app, "A.8.13");
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Right); // applicable → not applicable
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("cannot be excluded: it implements the treatment of R-001"),
        "{text}"
    );
    assert_eq!(
        entry(&path, "8.13").applicability,
        Applicability::Applicable
    );
}

#[test]
fn several_controls_are_decided_at_once() {
    let dir = workdir();
    let (mut app, path) = fresh(&dir);
    press(&mut app, KeyCode::Char('7'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Char(' '));
    }
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right); // keep → undecided → applicable
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // legal
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right); // planned
    press(&mut app, KeyCode::Tab); // owner: empty keeps each control's
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Required by the customer contracts.");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "D-004 ISMS policy");
    insta::assert_snapshot!("soa_bulk_form", screen(&mut app, W, H));
    ctrl(&mut app, 's');
    for key in ["5.1", "5.2", "5.3"] {
        let e = entry(&path, key);
        assert_eq!(e.applicability, Applicability::Applicable, "{key}");
        assert_eq!(e.reasons, [Reason::Legal], "{key}");
        assert_eq!(e.status, ImplementationStatus::Planned, "{key}");
        assert_eq!(e.justification, "Required by the customer contracts.");
        assert_eq!(e.evidence, "D-004 ISMS policy", "{key}");
        assert_eq!(e.owner, "", "{key}");
    }
    let untouched = entry(&path, "5.4");
    assert_eq!(untouched.applicability, Applicability::Undecided);
    assert_eq!(untouched.evidence, "");

    // Empty evidence and justification keep what each control has.
    find(&mut app, "A.5.2");
    press(&mut app, KeyCode::Char('g')); // the first of them: A.5.2 itself
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // not started
    ctrl(&mut app, 's');
    let e = entry(&path, "5.2");
    assert_eq!(e.status, ImplementationStatus::NotStarted);
    assert_eq!(e.evidence, "D-004 ISMS policy");
    assert_eq!(e.justification, "Required by the customer contracts.");
}

#[test]
fn a_custom_control_covers_an_excluded_annex_a_control_and_versions_show_changes() {
    let dir = workdir();
    let (mut app, path) = fresh(&dir);
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, KeyCode::Char(']')); // custom controls
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Threat intelligence from the CERT newsletter");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "NIST CSF 2.0 ID.RA-02");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "A.5.7");
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let store = Store::open_read_only(&path).unwrap();
    let custom = store
        .controls()
        .unwrap()
        .into_iter()
        .find(|c| c.key == "C-001")
        .expect("C-001 saved");
    assert_eq!(custom.covers, ["5.7"]);

    // Issue version 1, then exclude 5.7 as covered by C-001 (no written justification needed).
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char('i'));
    type_text(&mut app, "Managing Director");
    // Every control is undecided: the form lists them and issues only after a yes.
    ctrl(&mut app, 's');
    let asked = screen(&mut app, W, H);
    insta::assert_snapshot!("soa_issue_with_gaps", asked);
    assert!(asked.contains("94: A.5.1, A.5.2"), "{asked}");
    assert!(asked.contains("confirm issuing with them"), "{asked}");
    assert!(
        Store::open_read_only(&path)
            .unwrap()
            .soa_versions()
            .unwrap()
            .is_empty()
    );
    press(&mut app, KeyCode::Right); // yes
    ctrl(&mut app, 's');
    let versions = Store::open_read_only(&path)
        .unwrap()
        .soa_versions()
        .unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].undecided(), 94, "93 and C-001");
    press(&mut app, KeyCode::Char(']'));
    find(&mut app, "A.5.7");
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Left);
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab); // reasons, justification, exclusion justification, covered by
    }
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let e = entry(&path, "5.7");
    assert_eq!(e.applicability, Applicability::NotApplicable);
    assert_eq!(e.covered_by.as_deref(), Some("C-001"));
    press(&mut app, KeyCode::Char('['));
    let versions = screen(&mut app, W, H);
    insta::assert_snapshot!("soa_versions", versions);
    assert!(versions.contains("Changed since v1 (1)"), "{versions}");
    assert!(versions.contains("applicability"), "{versions}");

    // The version as issued is longer than the pane: PgDn reads on to its last control.
    assert!(!versions.contains("A.8.34"), "{versions}");
    for _ in 0..4 {
        press(&mut app, KeyCode::PageDown);
    }
    let end = screen(&mut app, W, H);
    assert!(end.contains("A.8.34"), "{end}");
    press(&mut app, KeyCode::PageUp);
    press(&mut app, KeyCode::Up);
    let top = screen(&mut app, W, H);
    assert!(
        top.contains("A.5.7   applicability"),
        "a new choice starts at the top: {top}"
    );

    // A second version supersedes the first, which stays.
    press(&mut app, KeyCode::Char('i'));
    type_text(&mut app, "CEO");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // issue with the gaps
    ctrl(&mut app, 's');
    let two = screen(&mut app, W, H);
    assert!(two.contains(" v2 2026-03-31 · 93 undecided"), "{two}");
    assert!(
        two.contains(" v1 2026-03-31 · superseded by v2 · 94 undecided"),
        "{two}"
    );
    assert!(
        two.contains("93 controls undecided; the current version"),
        "{two}"
    );
    press(&mut app, KeyCode::Down);
    let old = screen(&mut app, W, H);
    assert!(
        old.contains("94 controls undecided; superseded by v2"),
        "{old}"
    );
}

#[test]
fn the_clauses_checklist_shows_documents_and_what_the_workspace_holds() {
    let dir = workdir();
    let (mut app, path) = demo(&dir);
    press(&mut app, KeyCode::Char('8'));
    find(&mut app, "6.1.3");
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("clauses_demo", text);
    assert!(
        text.contains("Held in this workspace") && text.contains("SoA: 95 of 95"),
        "{text}"
    );
    press(&mut app, KeyCode::Esc);
    find(&mut app, "9.1");
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Char('d')); // done
    press(&mut app, KeyCode::Tab);
    // The documents come from the register: search, mark with Space, close with Enter.
    type_text(&mut app, "Logging");
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let store = Store::open_read_only(&path).unwrap();
    let clause = store
        .clauses()
        .unwrap()
        .into_iter()
        .find(|c| c.number == "9.1")
        .unwrap();
    assert_eq!(clause.status.as_str(), "done");
    let logging = store
        .documents()
        .unwrap()
        .into_iter()
        .find(|d| d.reference() == "D-012")
        .unwrap();
    assert_eq!(logging.clauses, ["9.1"]);
    let text = screen(&mut app, W, H);
    assert!(text.contains("D-012 Logging concept"), "{text}");
}

#[test]
fn clauses_sorted_by_number_keep_their_numeric_order() {
    let dir = workdir();
    let (mut app, _path) = demo(&dir);
    press(&mut app, KeyCode::Char('8'));
    // The rows as listed, then sorted by the clause column: the same order, 10 after 9.3.3.
    let rows = |text: &str| -> Vec<String> {
        text.lines()
            .skip(4)
            .filter_map(|l| l.split('│').nth(1))
            .map(|cell| cell.split_whitespace().next().unwrap_or("").to_string())
            .filter(|n| !n.is_empty())
            .collect()
    };
    let mut listed = Vec::new();
    for _ in 0..3 {
        listed.extend(rows(&screen(&mut app, W, 80)));
        press(&mut app, KeyCode::PageDown);
    }
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('s'));
    let sorted = screen(&mut app, W, 80);
    assert!(sorted.contains("Clause ▲"), "{sorted}");
    let sorted = rows(&sorted);
    assert_eq!(sorted.first().map(String::as_str), Some("4"), "{sorted:?}");
    let at = |n: &str| sorted.iter().position(|x| x == n).unwrap();
    assert!(at("4.4") < at("5"), "{sorted:?}");
    assert!(at("9.3.3") < at("10"), "{sorted:?}");
    assert!(at("10") < at("10.2"), "{sorted:?}");
    assert_eq!(sorted, listed[..sorted.len()].to_vec());
}

#[test]
fn a_control_a_treatment_implements_shows_as_applicable_derived() {
    let dir = workdir();
    let path = dir.path().join("t.isms");
    common::workspace_where_a_treatment_implements_8_13(&path);
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('7'));
    find(&mut app, "A.8.13");
    press(&mut app, KeyCode::Char('g'));
    let text = screen(&mut app, W, H);
    let row = text
        .lines()
        .find(|l| l.contains("│  A.8.13 "))
        .expect("A.8.13 listed");
    assert!(row.contains(" yes "), "{row}");
    assert!(text.contains("Applicable (derived"), "{text}");
    // Nothing was written: the decision stays undecided, the applicability derived.
    assert_eq!(entry(&path, "8.13").applicability, Applicability::Undecided);
}

#[test]
fn a_planned_control_takes_a_target_date_and_a_bad_one_is_refused() {
    let dir = workdir();
    let (mut app, path) = fresh(&dir);
    press(&mut app, KeyCode::Char('7'));
    find(&mut app, "5.30");
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Right); // undecided → applicable
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab); // reasons, justification, covered by, implementation
    }
    press(&mut app, KeyCode::Right); // not started → planned
    press(&mut app, KeyCode::Tab); // target date
    type_text(&mut app, "2026-13-01");
    ctrl(&mut app, 's');
    assert_eq!(entry(&path, "5.30").target_date, None, "nothing saved");
    for _ in 0.."2026-13-01".len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "15.12.2026");
    ctrl(&mut app, 's');
    let e = entry(&path, "5.30");
    assert_eq!(e.status, ImplementationStatus::Planned);
    assert_eq!(e.target_date, chrono::NaiveDate::from_ymd_opt(2026, 12, 15));
    let text = screen(&mut app, W, H);
    assert!(text.contains("2026-12-15"), "{text}");
}
