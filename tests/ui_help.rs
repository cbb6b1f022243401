//! Help opens everywhere: `?` on every screen, the welcome screen, the picker's questions and
//! workshop mode, and `F1` where `?` is typed (forms, filters, the picker, the passphrase). It
//! lists the keys of what is in front, and any key closes it.

mod common;

use common::{press, screen, start_on, workdir};
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

const W: u16 = 120;
const H: u16 = 40;

/// Opens help with `key`, checks that it lists `lists`, and closes it again.
fn help_lists(app: &mut App, key: KeyCode, lists: &[&str]) {
    let before = screen(app, W, H);
    press(app, key);
    let help = screen(app, W, H);
    assert_ne!(help, before, "{key:?} opened nothing:\n{help}");
    for words in lists {
        assert!(help.contains(words), "help lacks {words:?}:\n{help}");
    }
    press(app, KeyCode::Char('z'));
    // The status line aside: a message there clears with the next key, as always.
    assert_eq!(
        without_status(&screen(app, W, H)),
        without_status(&before),
        "any key closes help, doing nothing else"
    );
}

fn without_status(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    let status = lines.len().saturating_sub(2);
    lines
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != status)
        .map(|(_, l)| *l)
        .collect()
}

#[test]
fn question_mark_opens_help_on_the_welcome_screen() {
    let dir = workdir();
    let mut app = App::start(&dir.path().join("new.isms"), false, false).unwrap();
    help_lists(&mut app, KeyCode::Char('?'), &["demo", "quit"]);
    // While the organisation's name is typed, `?` is text and F1 is help.
    press(&mut app, KeyCode::Char('n'));
    help_lists(&mut app, KeyCode::F(1), &["create", "back"]);
}

#[test]
fn help_opens_in_workshop_mode_and_in_dialogs() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    app.set_registry(Some(dir.path().join("workspaces.json")));

    // Workshop mode: `?` lists its keys, `o` notes a question.
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Enter);
    help_lists(
        &mut app,
        KeyCode::Char('?'),
        &["open question", "rationale", "answer", "end workshop"],
    );
    // Esc ends the workshop and shows its minutes; Esc again closes them.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);

    // A form: `?` is typed, F1 lists the form's keys; the footer says so.
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('n'));
    let form = screen(&mut app, W, H);
    assert!(form.contains("F1 help"), "{form}");
    help_lists(&mut app, KeyCode::F(1), &["Ctrl-S", "save", "cancel"]);
    press(&mut app, KeyCode::Esc);

    // The export menu, and its question before replacing.
    press(&mut app, KeyCode::Char('x'));
    help_lists(&mut app, KeyCode::F(1), &["save", "cancel"]);
    press(&mut app, KeyCode::Esc);

    // The picker of workspaces: typing filters, F1 is help.
    press(&mut app, KeyCode::Char('o'));
    help_lists(&mut app, KeyCode::F(1), &["take off the list", "open"]);
}

#[test]
fn help_opens_on_every_screen() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    for digit in '1'..='8' {
        press(&mut app, KeyCode::Char(digit));
        help_lists(&mut app, KeyCode::Char('?'), &["quit", "export"]);
    }
}
