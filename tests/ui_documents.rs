//! The Documents screen: the demo's register and a document's detail (versions, where it is
//! used, the review overdue), a document added and refused by keys, and a version recorded in
//! the Versions view that approves a draft, checked against the file.

mod common;

use common::{ctrl, press, screen, start_on, type_text, workdir};
use isms::domain::document::DocStatus;
use isms::store::Store;
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

const W: u16 = 130;
const H: u16 = 36;

fn demo(dir: &tempfile::TempDir) -> (App, std::path::PathBuf) {
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    (start_on(&path), path)
}

fn document(path: &std::path::Path, reference: &str) -> isms::domain::document::Document {
    Store::open_read_only(path)
        .unwrap()
        .documents()
        .unwrap()
        .into_iter()
        .find(|d| d.reference() == reference)
        .unwrap()
}

fn find(app: &mut App, text: &str) {
    press(app, KeyCode::Char('/'));
    type_text(app, text);
    press(app, KeyCode::Enter);
}

#[test]
fn the_register_shows_versions_use_and_the_review_overdue() {
    let dir = workdir();
    let (mut app, _) = demo(&dir);
    press(&mut app, KeyCode::Char('0'));
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("documents_demo", text);
    assert!(text.contains("Documented information (7.5)"), "{text}");
    find(&mut app, "Access control");
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("documents_overdue", text);
    assert!(text.contains("2026-02-20 (overdue)"), "{text}");
    assert!(text.contains("1.3 2025-02-20 approved by"), "{text}");
    assert!(text.contains("T-013"), "{text}");
    // The filter finds what only a colour shows: an overdue review.
    press(&mut app, KeyCode::Esc);
    find(&mut app, "overdue");
    assert!(screen(&mut app, W, H).contains(" 1 of 23 "));
}

#[test]
fn a_document_is_added_by_keys_and_an_approval_without_approver_is_refused() {
    let dir = workdir();
    let (mut app, path) = demo(&dir);
    press(&mut app, KeyCode::Char('0'));
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Supplier register");
    press(&mut app, KeyCode::Tab); // kind
    press(&mut app, KeyCode::Tab); // owner: a person found by part of her name
    type_text(&mut app, "krüger");
    press(&mut app, KeyCode::Tab); // status
    press(&mut app, KeyCode::Char('a')); // approved
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("is required for an approved document"),
        "{text}"
    );
    // The form stays open at the field named: who approved it, then when.
    type_text(&mut app, "nordmann");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "30.03.2026");
    ctrl(&mut app, 's');
    let added = document(&path, "D-024");
    assert_eq!(added.title, "Supplier register");
    assert_eq!(
        (added.owner.as_str(), added.status),
        ("Sabine Krüger", DocStatus::Approved)
    );
    assert_eq!(added.approved_by, "Karin Nordmann");
    assert_eq!(added.approved_on, "2026-03-30".parse().ok());
}

#[test]
fn a_version_with_an_approver_approves_the_draft() {
    let dir = workdir();
    let (mut app, path) = demo(&dir);
    press(&mut app, KeyCode::Char('0'));
    press(&mut app, KeyCode::Right);
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("documents_versions", text);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Business continuity");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "1.0");
    press(&mut app, KeyCode::Tab); // date: today
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Approved in the management review.");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "nordmann");
    ctrl(&mut app, 's');
    let plan = document(&path, "D-007");
    assert_eq!(plan.status, DocStatus::Approved);
    assert_eq!(plan.version, "1.0");
    assert_eq!(plan.approved_by, "Karin Nordmann");
    assert_eq!(plan.approved_on, Some(common::test_today()));
    // The same number again is refused, naming the field.
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Business continuity");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "1.0");
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(text.contains("recorded already"), "{text}");
}

#[test]
fn a_documents_history_names_its_actions_by_reference() {
    let dir = workdir();
    let (mut app, _) = demo(&dir);
    press(&mut app, KeyCode::Char('0'));
    find(&mut app, "Acceptable use");
    press(&mut app, KeyCode::Char('h'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("History of D-003"), "{text}");
    assert!(text.contains("actions: — → T-007"), "{text}");
    assert!(
        text.contains("change note: — → Mobile devices under MDM."),
        "{text}"
    );
}

#[test]
fn a_treatment_action_and_an_soa_entry_name_documents_in_their_forms() {
    let dir = workdir();
    let (mut app, path) = demo(&dir);
    press(&mut app, KeyCode::Char('6'));
    find(&mut app, "Roll out EDR");
    press(&mut app, KeyCode::Char('e'));
    for _ in 0..7 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "Backup concept");
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Documents   D-009 Backup concept v1.0"),
        "{text}"
    );
    let backup = document(&path, "D-009");
    let store = Store::open_read_only(&path).unwrap();
    let edr = store
        .actions()
        .unwrap()
        .into_iter()
        .find(|a| a.number == 2)
        .unwrap();
    assert_eq!(backup.actions, [edr.id]);
    drop(store);
    // The SoA entry of A.7.13 has no evidence text; a document of the register is evidence.
    press(&mut app, KeyCode::Char('7'));
    find(&mut app, "Equipment maintenance");
    press(&mut app, KeyCode::Enter);
    let before = screen(&mut app, W, H);
    assert!(before.contains("Edit A.7.13"), "{before}");
    for _ in 0..20 {
        if screen(&mut app, W, H).contains("▸ Documents (register)") {
            break;
        }
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "Operations handbook");
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    assert_eq!(document(&path, "D-014").controls, ["5.37", "7.13"]);
    let ws = Store::open_read_only(&path).unwrap().workspace().unwrap();
    let findings = isms::domain::readiness::check(&ws, common::test_today());
    assert!(
        !findings.iter().any(|f| f.rule == "SOA-007"),
        "{findings:#?}"
    );
}

#[test]
fn v_in_the_register_records_a_version_of_the_selected_document() {
    let dir = workdir();
    let (mut app, path) = demo(&dir);
    press(&mut app, KeyCode::Char('0'));
    let footer = screen(&mut app, W, H);
    assert!(footer.contains("v add a version"), "{footer}");
    find(&mut app, "Scope statement");
    press(&mut app, KeyCode::Char('v'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("Add a version"), "{text}");
    assert!(text.contains("D-021 Scope statement"), "{text}");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "1.3");
    ctrl(&mut app, 's');
    let scope = document(&path, "D-021");
    assert_eq!(
        (scope.version.as_str(), scope.status),
        ("1.3", DocStatus::Draft)
    );
    // The register shows the new version at once.
    press(&mut app, KeyCode::Left);
    let text = screen(&mut app, W, H);
    assert!(text.contains("1.3 of 2026-03-31"), "{text}");
}
