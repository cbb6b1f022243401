//! The key-hint bar at 80 columns, on every screen and view: it fits, keeps `? help` and
//! `q quit`, marks with `…` what it left out, and while a form is open shows the form's keys.

mod common;

use common::{SCREEN_VIEWS, press, screen, start_on, workdir};
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;
use unicode_width::UnicodeWidthStr;

/// The last line of the screen, without the backend's quotes.
fn hints(app: &mut App) -> String {
    let text = screen(app, 80, 24);
    let last = text.lines().last().unwrap_or_default();
    last.trim_matches('"').to_string()
}

#[test]
fn at_80_columns_every_screen_keeps_help_and_quit() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    let mut dropped = 0;
    for (digit, views) in SCREEN_VIEWS {
        press(&mut app, KeyCode::Char(digit));
        for view in 0..views {
            let line = hints(&mut app);
            let what = format!("screen {digit}, view {view}");
            assert!(line.width() <= 80, "{what}: {line}");
            assert!(line.contains("? help"), "{what}: {line}");
            assert!(line.trim_end().ends_with("q quit"), "{what}: {line}");
            if line.contains(" … ") {
                dropped += 1;
            }
            press(&mut app, KeyCode::Char(']'));
        }
    }
    assert!(
        dropped > 0,
        "at 80 columns some screen has more hints than room"
    );
}

#[test]
fn an_open_form_shows_its_own_keys() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('3'));
    let list = hints(&mut app);
    assert!(list.contains("n new"), "{list}");
    press(&mut app, KeyCode::Char('e'));
    let form = hints(&mut app);
    assert!(!form.contains("n new"), "the list's keys are gone: {form}");
    assert!(form.contains("Esc"), "the form's keys: {form}");
}
