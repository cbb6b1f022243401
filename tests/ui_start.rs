//! The first screens, rendered into a test backend: the welcome screen, creating a workspace from
//! it by keystrokes, the summary, and the too-small message.

use isms::ui::{App, Step};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A work folder with a fixed-length name, so that paths in snapshots can be masked.
fn workdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("isms")
        .tempdir_in("/tmp")
        .unwrap()
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    let text = terminal.backend().to_string();
    regex_lite_mask(&text)
}

/// Masks the random part of the work folder's name.
fn regex_lite_mask(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("/tmp/isms") {
        let (head, tail) = rest.split_at(at + "/tmp/isms".len());
        out.push_str(head);
        let random: String = tail.chars().take(6).collect();
        out.push_str(&"_".repeat(random.chars().count()));
        rest = &tail[random.len()..];
    }
    out.push_str(rest);
    out
}

fn press(app: &mut App, code: KeyCode) -> Step {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn first_run_creates_a_workspace_from_the_welcome_screen() {
    let dir = workdir();
    let path = dir.path().join("workspace.isms");
    let mut app = App::start(&path, false, false).unwrap();
    insta::assert_snapshot!("welcome", screen(&app, 100, 28));

    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Acme GmbH");
    insta::assert_snapshot!("welcome_naming", screen(&app, 100, 28));

    assert_eq!(press(&mut app, KeyCode::Enter), Step::Continue);
    assert!(
        matches!(app, App::Workspace(_)),
        "the new workspace is open"
    );
    let store = isms::store::Store::open(&path).unwrap();
    assert_eq!(store.organisation().unwrap(), "Acme GmbH");
    insta::assert_snapshot!("summary_new", screen(&app, 100, 28));
    assert_eq!(press(&mut app, KeyCode::Char('q')), Step::Quit);
}

#[test]
fn an_empty_name_is_refused_and_the_field_stays_open() {
    let dir = workdir();
    let path = dir.path().join("workspace.isms");
    let mut app = App::start(&path, false, false).unwrap();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "   ");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app, App::Welcome(_)));
    assert!(!path.exists());
    let text = screen(&app, 100, 28);
    assert!(text.contains("organisation: is required"), "{text}");
    assert!(text.contains("Organisation's name:"), "{text}");
}

#[test]
fn the_demo_opens_from_the_welcome_screen() {
    let dir = workdir();
    let path = dir.path().join("workspace.isms");
    let mut app = App::start(&path, false, false).unwrap();
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app, App::Workspace(_)));
    insta::assert_snapshot!("summary_demo", screen(&app, 100, 28));
}

#[test]
fn an_explicit_missing_file_is_an_error_not_a_welcome() {
    let dir = workdir();
    let err = App::start(&dir.path().join("missing.isms"), true, false)
        .err()
        .unwrap();
    assert!(err.to_string().contains("no such file"), "{err}");
}

#[test]
fn a_small_terminal_asks_to_be_enlarged() {
    let dir = workdir();
    let app = App::start(&dir.path().join("workspace.isms"), false, false).unwrap();
    let text = screen(&app, 60, 20);
    assert!(
        text.contains("Please enlarge the terminal to at least 80x24 (now 60x20)."),
        "{text}"
    );
}

#[test]
fn ctrl_c_always_quits() {
    let dir = workdir();
    let mut app = App::start(&dir.path().join("workspace.isms"), false, false).unwrap();
    press(&mut app, KeyCode::Char('n'));
    let step = app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(step, Step::Quit);
}
