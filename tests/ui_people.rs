//! The People screen: the demo's people with what each holds, owns and approved; a role held
//! added by keyboard and ended; a person with a bad email refused naming the field; a
//! competence record added; a finding about a person opens their row.

mod common;

use chrono::NaiveDate;
use common::{ctrl, press, screen, type_text, workdir};
use isms::domain::person::BuiltinRole;
use isms::store::Store;
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

const W: u16 = 120;
const H: u16 = 40;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
}

fn open(dir: &tempfile::TempDir) -> (App, std::path::PathBuf) {
    let path = dir.path().join("t.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = App::start(&path, true, false).unwrap();
    if let App::Workspace(shell) = &mut app {
        shell.set_today(today());
    }
    (app, path)
}

/// Goes to the People screen and to its view number `view` (0 people ... 3 competence).
fn people_view(app: &mut App, view: usize) {
    press(app, KeyCode::Char('9'));
    for _ in 0..view {
        press(app, KeyCode::Right);
    }
}

fn store(path: &std::path::Path) -> Store {
    Store::open_read_only(path).unwrap()
}

#[test]
fn the_demo_people_with_their_roles_items_and_approvals() {
    let dir = workdir();
    let (mut app, _) = open(&dir);
    people_view(&mut app, 0);
    let text = screen(&mut app, W, H);
    assert!(text.contains("P-001 Karin Nord"), "{text}");
    assert!(text.contains("Top management from 2018-04-01"), "{text}");
    assert!(text.contains("Accepted: R-013 on 2026-03-10"), "{text}");
    insta::assert_snapshot!("people_demo", text);
    // The leaver's open item, to be handed over.
    press(&mut app, KeyCode::Char('G'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("left on 2026-01-31: hand over"), "{text}");
    assert!(
        text.contains("To hand over Asset: AS-027 Hamburg warehouse"),
        "{text}"
    );
    for name in ["held_demo", "roles_demo", "competence_demo"] {
        press(&mut app, KeyCode::Right);
        insta::assert_snapshot!(name, screen(&mut app, W, H));
    }
}

#[test]
fn a_role_is_held_by_keyboard_then_ended() {
    let dir = workdir();
    let (mut app, path) = open(&dir);
    people_view(&mut app, 1);
    press(&mut app, KeyCode::Char('n'));
    // Nothing chosen: the field is named.
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(text.contains("Person: is missing"), "{text}");
    press(&mut app, KeyCode::Char(' '));
    type_text(&mut app, "laura");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char(' '));
    type_text(&mut app, "internal");
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Saved Laura Fischer as Internal auditor from 2026-03-31"),
        "{text}"
    );
    let people = store(&path).people().unwrap();
    let laura = people.named("Laura Fischer").unwrap();
    assert!(people.holds(laura, BuiltinRole::InternalAuditor, today()));
    // The new row is selected: e ends it, and an end before its start is refused by name.
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, "2025-01-01");
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Until: 2025-01-01 is before the role"),
        "{text}"
    );
    for _ in 0.."2025-01-01".len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "2026-04-30");
    ctrl(&mut app, 's');
    let people = store(&path).people().unwrap();
    let laura = people.named("Laura Fischer").unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
    assert!(people.holds(laura, BuiltinRole::InternalAuditor, today()));
    assert!(!people.holds(laura, BuiltinRole::InternalAuditor, day));
    // d removes it.
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    let people = store(&path).people().unwrap();
    let laura = people.named("Laura Fischer").unwrap();
    assert!(!people.holds(laura, BuiltinRole::InternalAuditor, today()));
}

#[test]
fn a_person_is_added_and_a_bad_email_is_refused_naming_the_field() {
    let dir = workdir();
    let (mut app, path) = open(&dir);
    people_view(&mut app, 0);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Nina Roth");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Accountant");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Finance");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "nina at nordwind");
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(text.contains("Email: is not an email address"), "{text}");
    for _ in 0.."nina at nordwind".len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "n.roth@nordwind-logistik.de");
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(text.contains("Saved P-016 Nina Roth"), "{text}");
    let people = store(&path).people().unwrap();
    let nina = people.named("Nina Roth").unwrap();
    assert_eq!(
        (nina.function.as_str(), nina.unit.as_str()),
        ("Accountant", "Finance")
    );
}

#[test]
fn enter_on_a_people_finding_opens_the_person() {
    let dir = workdir();
    let (_, path) = open(&dir);
    let findings = isms::domain::readiness::check(&store(&path).workspace().unwrap(), today());
    let at = findings
        .iter()
        .position(|f| f.rule == "PEOPLE-004")
        .expect("the demo has a leaver who owns an item");
    let mut app = common::start_on(&path);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('1'));
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("People (5.3)"),
        "on the People screen: {text}"
    );
    assert!(text.contains("P-015 Stefan Koch"), "{text}");
    assert!(text.contains("left on 2026-01-31"), "{text}");
}

#[test]
fn the_filter_finds_whose_awareness_is_due() {
    let dir = workdir();
    let (mut app, _) = open(&dir);
    people_view(&mut app, 0);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "awareness due");
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, W, H);
    assert!(text.contains("P-014 Daniel Sch"), "{text}");
    assert!(!text.contains("P-001 Karin"), "{text}");
    assert!(text.contains("(more than twelve"), "{text}");
}

#[test]
fn r_on_a_person_gives_them_a_role() {
    let dir = workdir();
    let (mut app, path) = open(&dir);
    people_view(&mut app, 0);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "Laura");
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, W, H);
    assert!(text.contains("r give a role"), "{text}");
    press(&mut app, KeyCode::Char('r'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("Add a role held"), "{text}");
    assert!(text.contains("P-013 Laura Fischer"), "{text}");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char(' '));
    type_text(&mut app, "control");
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Saved Laura Fischer as Control owner from 2026-03-31"),
        "{text}"
    );
    let people = store(&path).people().unwrap();
    let laura = people.named("Laura Fischer").unwrap();
    assert!(people.holds(laura, BuiltinRole::ControlOwner, today()));
}
