//! The first screens, rendered into a test backend: the welcome screen, creating a workspace from
//! it by keystrokes, the summary, and the too-small message.

mod common;

use common::{fix_clock_and_user, press, screen, type_text, workdir};
use isms::ui::{App, Step};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn first_run_creates_a_workspace_from_the_welcome_screen() {
    fix_clock_and_user();
    let dir = workdir();
    let path = dir.path().join("workspace.isms");
    let mut app = App::start(&path, false, false).unwrap();
    insta::assert_snapshot!("welcome", screen(&mut app, 100, 28));

    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Acme GmbH");
    insta::assert_snapshot!("welcome_naming", screen(&mut app, 100, 28));

    assert_eq!(press(&mut app, KeyCode::Enter), Step::Continue);
    assert!(
        matches!(app, App::Workspace(_)),
        "the new workspace is open"
    );
    assert!(!path.exists(), "the default name is not used");
    let named = dir.path().join("acme-gmbh.isms");
    let store = isms::store::Store::open_read_only(&named).unwrap();
    assert_eq!(store.organisation().unwrap(), "Acme GmbH");
    insta::assert_snapshot!("summary_new", screen(&mut app, 100, 28));
    assert_eq!(press(&mut app, KeyCode::Char('q')), Step::Quit);
}

#[test]
fn an_empty_name_is_refused_and_the_field_stays_open() {
    fix_clock_and_user();
    let dir = workdir();
    let path = dir.path().join("workspace.isms");
    let mut app = App::start(&path, false, false).unwrap();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "   ");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app, App::Welcome(_)));
    assert!(!path.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing is created"
    );
    let text = screen(&mut app, 100, 28);
    assert!(text.contains("organisation: is required"), "{text}");
    assert!(text.contains("Organisation's name:"), "{text}");
}

#[test]
fn the_demo_opens_from_the_welcome_screen() {
    fix_clock_and_user();
    let dir = workdir();
    let path = dir.path().join("workspace.isms");
    let mut app = App::start(&path, false, false).unwrap();
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app, App::Workspace(_)));
    assert!(dir.path().join("nordwind-logistik-gmbh.isms").is_file());
    insta::assert_snapshot!("summary_demo", screen(&mut app, 100, 28));
}

#[test]
fn an_explicit_missing_file_is_an_error_not_a_welcome() {
    fix_clock_and_user();
    let dir = workdir();
    let err = App::start(&dir.path().join("missing.isms"), true, false)
        .err()
        .unwrap();
    assert!(err.to_string().contains("no such file"), "{err}");
}

#[test]
fn a_small_terminal_asks_to_be_enlarged() {
    fix_clock_and_user();
    let dir = workdir();
    let mut app = App::start(&dir.path().join("workspace.isms"), false, false).unwrap();
    let text = screen(&mut app, 60, 20);
    assert!(
        text.contains("Please enlarge the terminal to at least 80x24 (now 60x20)."),
        "{text}"
    );
}

#[test]
fn ctrl_c_always_quits() {
    fix_clock_and_user();
    let dir = workdir();
    let mut app = App::start(&dir.path().join("workspace.isms"), false, false).unwrap();
    press(&mut app, KeyCode::Char('n'));
    let step = app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(step, Step::Quit);
}
