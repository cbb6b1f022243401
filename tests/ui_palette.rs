//! The go-to palette (`:`): every screen grouped along the ISMS cycle with its letter; the
//! letter jumps at once, typing filters by name, Enter goes, Esc closes where it was.

mod common;

use common::{press, screen, start_on, type_text, workdir};
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

fn title(app: &App) -> &'static str {
    match app {
        App::Workspace(shell) => shell.current_title(),
        _ => panic!("the workspace is not open"),
    }
}

#[test]
fn the_palette_lists_every_screen_and_goes_by_letter_or_name() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char(':'));
    insta::assert_snapshot!("palette", screen(&mut app, 80, 24));

    press(&mut app, KeyCode::Char('r'));
    assert_eq!(title(&app), "Risks", "the letter jumps at once");

    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "Cla");
    insta::assert_snapshot!("palette_filtered", screen(&mut app, 80, 24));
    press(&mut app, KeyCode::Enter);
    assert_eq!(title(&app), "Clauses", "Enter goes to the one left");

    press(&mut app, KeyCode::Char(':'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Esc);
    assert_eq!(title(&app), "Clauses", "Esc closes where it was");
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(title(&app), "Clauses");
}
