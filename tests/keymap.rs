//! The keymap as the screens use it: every combination of contexts a screen, a view or a dialog
//! of it reports is one the keymap's tests check for keys bound twice (`keymap::STACKS`).

mod common;

use common::{press, start_on, workdir};
use isms::ui::App;
use isms::ui::keymap::{Context, STACKS};
use ratatui::crossterm::event::KeyCode;

fn active(app: &App) -> Vec<Context> {
    match app {
        App::Workspace(shell) => shell.active().contexts,
        _ => panic!("the workspace is not open"),
    }
}

#[test]
fn every_screen_view_and_dialog_reports_a_checked_combination_of_contexts() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    let mut unchecked = Vec::new();
    let mut seen = Vec::new();
    // Keys that open something (a form, the filter, the links, a dialog) without writing.
    let openers = ['/', 'h', 'n', 'e', 'd', 'f', 'l', 'w', 'm', 'i', 'x', ':'];
    for screen in '1'..='8' {
        for view in 0..4 {
            for opener in std::iter::once(None).chain(openers.iter().copied().map(Some)) {
                press(&mut app, KeyCode::Char(screen));
                for _ in 0..view {
                    press(&mut app, KeyCode::Char(']'));
                }
                if let Some(key) = opener {
                    press(&mut app, KeyCode::Char(key));
                }
                let contexts = active(&app);
                if !STACKS.contains(&contexts.as_slice()) {
                    unchecked.push(format!("{screen}, view {view}, {opener:?}: {contexts:?}"));
                }
                if !seen.contains(&contexts) {
                    seen.push(contexts);
                }
                // Back out of whatever opened (the workshop's summary takes a second key).
                for _ in 0..3 {
                    if active(&app).iter().all(|c| !c.captures()) && !active(&app).is_empty() {
                        break;
                    }
                    press(&mut app, KeyCode::Esc);
                }
                press(&mut app, KeyCode::Esc);
            }
        }
    }
    assert!(
        unchecked.is_empty(),
        "not in STACKS:\n{}",
        unchecked.join("\n")
    );
    assert!(
        seen.len() >= 15,
        "the walk reaches most combinations: {seen:?}"
    );
}
