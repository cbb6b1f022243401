//! A message in the status line clears after a few seconds, or with the next key; an error
//! stays until something else is said.

mod common;

use std::time::{Duration, Instant};

use common::{press, start_on, workdir};
use isms::ui::App;
use isms::ui::screens::Status;
use ratatui::crossterm::event::KeyCode;

fn status(app: &App) -> Status {
    match app {
        App::Workspace(shell) => shell.status().clone(),
        _ => panic!("the workspace is not open"),
    }
}

fn expire(app: &mut App, at: Instant) {
    if let App::Workspace(shell) = app {
        shell.expire_status(at);
    }
}

#[test]
fn a_message_clears_after_five_seconds_and_an_error_stays() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('+'));
    assert!(
        matches!(status(&app), Status::Saved(_)),
        "{:?}",
        status(&app)
    );

    let shown = Instant::now();
    expire(&mut app, shown);
    expire(&mut app, shown + Duration::from_secs(4));
    assert!(
        matches!(status(&app), Status::Saved(_)),
        "still there after 4 s"
    );
    expire(&mut app, shown + Duration::from_secs(6));
    assert_eq!(status(&app), Status::None, "gone after 5 s");

    if let App::Workspace(shell) = &mut app {
        shell.set_error("could not read".into());
    }
    expire(&mut app, shown);
    expire(&mut app, shown + Duration::from_secs(600));
    assert_eq!(status(&app), Status::Error("could not read".into()));
    press(&mut app, KeyCode::Char('-'));
    assert!(
        matches!(status(&app), Status::Saved(_)),
        "replaced by what the next action says"
    );
    press(&mut app, KeyCode::Down);
    assert_eq!(
        status(&app),
        Status::None,
        "and that clears with the next key"
    );
}
