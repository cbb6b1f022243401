//! Keys the tab bar offers: `1` … `8` and the palette (`:` and a letter) switch screens from
//! every screen and every view of it, and never change the workspace.

mod common;

use common::{press, start_on, workdir};
use isms::store::Store;
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

fn title(app: &App) -> &'static str {
    match app {
        App::Workspace(shell) => shell.current_title(),
        _ => panic!("the workspace is not open"),
    }
}

/// How many changes the workspace's log holds.
fn changes(path: &std::path::Path) -> usize {
    Store::open_read_only(path)
        .unwrap()
        .changes()
        .unwrap()
        .len()
}

#[test]
fn digits_switch_screens_from_every_view_and_write_nothing() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let changes = || changes(&path);
    let before = changes();
    let mut app = start_on(&path);
    let titles: Vec<&str> = ('1'..='8')
        .map(|d| {
            press(&mut app, KeyCode::Char(d));
            title(&app)
        })
        .collect();
    assert_eq!(titles.len(), 8);
    assert!(
        titles.windows(2).all(|w| w[0] != w[1]),
        "eight screens: {titles:?}"
    );
    for (from, screen) in ('1'..='8').zip(&titles) {
        // Each view of the screen in turn (views wrap around; a screen without views stays).
        for view in 0..4 {
            for (digit, target) in ('1'..='8').zip(&titles) {
                press(&mut app, KeyCode::Char(from));
                assert_eq!(title(&app), *screen);
                for _ in 0..view {
                    press(&mut app, KeyCode::Char(']'));
                }
                press(&mut app, KeyCode::Char(digit));
                assert_eq!(
                    title(&app),
                    *target,
                    "{digit} from {screen}, view {view}, goes to {target}"
                );
            }
        }
    }
    drop(app);
    assert_eq!(changes(), before, "a digit changed the workspace");
}

#[test]
fn the_palette_opens_from_every_view_and_its_letters_switch_without_writing() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let changes = || changes(&path);
    let before = changes();
    let mut app = start_on(&path);
    let letters = [
        ('d', "Dashboard"),
        ('s', "Scope"),
        ('a', "Assets"),
        ('p', "Protection"),
        ('r', "Risks"),
        ('t', "Treatment"),
        ('o', "SoA"),
        ('c', "Clauses"),
    ];
    for from in '1'..='8' {
        for view in 0..4 {
            for (letter, target) in letters {
                press(&mut app, KeyCode::Char(from));
                for _ in 0..view {
                    press(&mut app, KeyCode::Char(']'));
                }
                press(&mut app, KeyCode::Char(':'));
                press(&mut app, KeyCode::Char(letter));
                assert_eq!(title(&app), target, ": {letter} from {from}, view {view}");
            }
        }
    }
    drop(app);
    assert_eq!(changes(), before, "the palette changed the workspace");
}
