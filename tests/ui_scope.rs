//! The shell and the Scope & context screens: snapshots of each view empty and filled and with a
//! validation error, and key-driven journeys checked against what lands in the file.

mod common;

use chrono::NaiveDate;
use common::{ctrl, press, screen, type_text, workdir};
use isms::store::Store;
use isms::ui::{App, Step};
use ratatui::crossterm::event::KeyCode;

const W: u16 = 110;
const H: u16 = 30;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
}

/// The app on a workspace: the demo when `demo`, else a new empty one.
fn open(dir: &tempfile::TempDir, demo: bool) -> (App, std::path::PathBuf) {
    let path = dir.path().join("t.isms");
    if demo {
        isms::demo::write_demo(&path).unwrap();
    } else {
        Store::create(&path, "Acme GmbH").unwrap();
    }
    let mut app = App::start(&path, true, false).unwrap();
    if let App::Workspace(shell) = &mut app {
        shell.set_today(today());
    }
    (app, path)
}

/// Goes to the Scope screen and to its view number `view` (0 statements ... 3 issues).
fn scope_view(app: &mut App, view: usize) {
    press(app, KeyCode::Char('2'));
    for _ in 0..view {
        press(app, KeyCode::Right);
    }
}

fn store(path: &std::path::Path) -> Store {
    Store::open_read_only(path).unwrap()
}

#[test]
fn scope_views_empty() {
    let dir = workdir();
    let (mut app, _) = open(&dir, false);
    scope_view(&mut app, 0);
    insta::assert_snapshot!("statements_empty", screen(&mut app, W, H));
    for name in ["items_empty", "parties_empty", "issues_empty"] {
        press(&mut app, KeyCode::Right);
        let text = screen(&mut app, W, H);
        assert!(
            text.contains("Nothing here yet: n adds the first."),
            "{name}: {text}"
        );
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn scope_views_filled() {
    let dir = workdir();
    let (mut app, _) = open(&dir, true);
    scope_view(&mut app, 0);
    insta::assert_snapshot!("statements_demo", screen(&mut app, W, H));
    for name in ["items_demo", "parties_demo", "issues_demo"] {
        press(&mut app, KeyCode::Right);
        insta::assert_snapshot!(name, screen(&mut app, W, H));
    }
}

#[test]
fn certificate_scope_outside_the_isms_is_refused_next_to_the_field() {
    let dir = workdir();
    let (mut app, path) = open(&dir, false);
    scope_view(&mut app, 1);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Branch office Köln");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char(' ')); // out of the ISMS, and so out of the certificate
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char(' ')); // back into the certificate: outside the ISMS
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Franchise partner");
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("item_validation_error", text);
    assert!(
        text.contains("the certificate scope must lie within the ISMS scope"),
        "{text}"
    );
    assert!(
        text.contains("Branch office Köln"),
        "the form keeps what was typed"
    );
    assert!(
        store(&path).scope_items().unwrap().is_empty(),
        "nothing saved"
    );

    // The error moved the focus to the certificate toggle: switch it off and save.
    press(&mut app, KeyCode::Char(' '));
    ctrl(&mut app, 's');
    let items = store(&path).scope_items().unwrap();
    assert_eq!(items.len(), 1);
    assert!(!items[0].in_isms && !items[0].in_certificate);
    assert_eq!(items[0].justification, "Franchise partner");
}

#[test]
fn unticking_the_isms_scope_unticks_the_certificate_scope() {
    let dir = workdir();
    let (mut app, path) = open(&dir, false);
    scope_view(&mut app, 1);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Canteen");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let before = screen(&mut app, W, H);
    assert_eq!(before.matches("[x] yes").count(), 2, "{before}");
    press(&mut app, KeyCode::Char(' '));
    let after = screen(&mut app, W, H);
    assert_eq!(after.matches("[ ] no").count(), 2, "{after}");
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(
        screen(&mut app, W, H).matches("[x] yes").count(),
        1,
        "ticking the ISMS scope again leaves the certificate as it is"
    );
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Run by a caterer");
    ctrl(&mut app, 's');
    let items = store(&path).scope_items().unwrap();
    assert_eq!(items.len(), 1, "{}", screen(&mut app, W, H));
    assert!(!items[0].in_isms && !items[0].in_certificate);
}

#[test]
fn a_scope_item_is_created_edited_and_deleted_by_keys() {
    let dir = workdir();
    let (mut app, path) = open(&dir, false);
    scope_view(&mut app, 1);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Dispatch planning"); // the form starts on the name
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('b')); // kind: the list opens on business process
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let item = store(&path).scope_items().unwrap().pop().unwrap();
    assert_eq!(
        (item.number, item.name.as_str(), item.kind.as_str()),
        (1, "Dispatch planning", "process")
    );
    assert!(screen(&mut app, W, H).contains("Saved S-001 Dispatch planning."));

    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, " and routing");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        store(&path).scope_items().unwrap()[0].name,
        "Dispatch planning and routing"
    );

    press(&mut app, KeyCode::Char('d'));
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Delete scope item S-001 Dispatch planning and routing?"),
        "{text}"
    );
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(store(&path).scope_items().unwrap().len(), 1, "n keeps it");
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    assert!(store(&path).scope_items().unwrap().is_empty());
}

#[test]
fn statements_are_edited_in_a_multi_line_editor_and_dated() {
    let dir = workdir();
    let (mut app, path) = open(&dir, false);
    scope_view(&mut app, 0);
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, "All of Acme GmbH.");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Except the canteen.");
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Char('c'));
    type_text(&mut app, "The Acme platform.");
    ctrl(&mut app, 's');
    let s = store(&path).scope_statements().unwrap();
    assert_eq!(s.isms_scope, "All of Acme GmbH.\nExcept the canteen.");
    assert_eq!(s.isms_scope_changed, Some(today()));
    assert_eq!(s.certificate_scope, "The Acme platform.");
    insta::assert_snapshot!("statements_edited", screen(&mut app, W, H));
}

#[test]
fn parties_and_issues_are_added_by_keys() {
    let dir = workdir();
    let (mut app, path) = open(&dir, false);
    scope_view(&mut app, 2);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "LfDI Bremen");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('r')); // regulator
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "GDPR breach notification within 72 h");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('y'));
    ctrl(&mut app, 's');
    let parties = store(&path).parties().unwrap();
    assert_eq!(parties.len(), 1);
    assert_eq!(
        (parties[0].kind.as_str(), parties[0].addressed),
        ("regulator", true)
    );

    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Heat waves threaten the server room");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('e')); // external
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let issues = store(&path).context_issues().unwrap();
    assert_eq!(
        (issues[0].kind.as_str(), issues[0].title.as_str()),
        ("external", "Heat waves threaten the server room")
    );
}

#[test]
fn escape_asks_before_discarding_and_q_types_into_forms() {
    let dir = workdir();
    let (mut app, path) = open(&dir, false);
    scope_view(&mut app, 1);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(
        type_and_step(&mut app, 'q'),
        Step::Continue,
        "q types, it does not quit"
    );
    press(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, W, H).contains("Discard what you typed?"));
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    assert!(store(&path).scope_items().unwrap().is_empty());
    assert_eq!(
        press(&mut app, KeyCode::Char('q')),
        Step::Quit,
        "no form open: q quits"
    );
}

fn type_and_step(app: &mut App, c: char) -> Step {
    press(app, KeyCode::Char(c))
}

#[test]
fn filter_counts_matches_and_help_lists_the_keys() {
    let dir = workdir();
    let (mut app, _) = open(&dir, true);
    scope_view(&mut app, 1);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "bremen");
    let text = screen(&mut app, W, H);
    assert!(text.contains(" 1 of 8 "), "{text}");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('?'));
    let help = screen(&mut app, W, H);
    insta::assert_snapshot!("help_scope_items", help);
    assert!(
        help.contains("delete") && help.contains("go to screen"),
        "{help}"
    );
}

#[test]
fn tabs_switch_with_digits_and_tab_and_keep_their_state() {
    let dir = workdir();
    let (mut app, _) = open(&dir, true);
    scope_view(&mut app, 2);
    press(&mut app, KeyCode::Tab);
    assert!(
        screen(&mut app, W, H).contains("c crown jewels"),
        "Tab goes on to Assets"
    );
    press(&mut app, KeyCode::Char('8'));
    assert!(screen(&mut app, W, H).contains("Clauses 4 to 10"));
    press(&mut app, KeyCode::Char('2'));
    assert!(
        screen(&mut app, W, H).contains("Interested parties (4.2)"),
        "the Scope screen kept its view"
    );
    press(&mut app, KeyCode::Char('1'));
    assert!(screen(&mut app, W, H).contains("Registers"));
}

#[test]
fn narrow_terminals_keep_the_layout_whole() {
    let dir = workdir();
    let (mut app, _) = open(&dir, true);
    scope_view(&mut app, 1);
    insta::assert_snapshot!("items_demo_80x24", screen(&mut app, 80, 24));
}

#[test]
fn m_records_whether_climate_change_is_relevant() {
    let dir = workdir();
    let (mut app, path) = open(&dir, false);
    scope_view(&mut app, 0);
    let text = screen(&mut app, W, H);
    assert!(text.contains("Not decided yet: m records it."), "{text}");
    press(&mut app, KeyCode::Char('m'));
    // Not decided yet → Relevant, then the reason.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Heat waves threaten the server room.");
    ctrl(&mut app, 's');
    let decision = store(&path).scope_statements().unwrap().climate_change;
    assert_eq!(
        decision,
        Some(isms::domain::scope::ClimateDecision {
            relevant: true,
            note: "Heat waves threaten the server room.".into(),
        })
    );
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Climate change is relevant: Heat waves threaten the server room."),
        "{text}"
    );
    // Taken back: undecided again.
    press(&mut app, KeyCode::Char('m'));
    press(&mut app, KeyCode::Left);
    ctrl(&mut app, 's');
    assert_eq!(
        store(&path).scope_statements().unwrap().climate_change,
        None
    );
}
