//! The Reviews screen: the demo's held review with its frozen inputs, a review prepared by keys
//! (a bad date refused naming the field) that shows its inputs as they stand today, held with
//! `H` (holding again refused), an action added to it, checked against the file.

mod common;

use common::{ctrl, press, screen, start_on, type_text, workdir};
use isms::domain::review::{Input, ReviewActionStatus};
use isms::store::Store;
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

const W: u16 = 140;
const H: u16 = 40;

fn demo(dir: &tempfile::TempDir) -> (App, std::path::PathBuf) {
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    // The last tab has no digit: the palette's letter goes there.
    press(&mut app, KeyCode::Char(':'));
    press(&mut app, KeyCode::Char('m'));
    (app, path)
}

#[test]
fn the_demo_review_shows_its_frozen_inputs_and_its_actions() {
    let dir = workdir();
    let (mut app, _) = demo(&dir);
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("reviews_demo", text);
    assert!(text.contains("Management reviews (9.3)"), "{text}");
    assert!(text.contains("2025-11-28: its inputs are frozen"), "{text}");
    assert!(text.contains("up to 2025-11-28 (the first"), "{text}");
    // Held: H does not apply, and the footer does not offer it.
    assert!(!text.contains("H hold today"), "{text}");
    // x offers the selected review's minutes, named after it, and writes them.
    press(&mut app, KeyCode::Char('x'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("Management review minutes"), "{text}");
    assert!(
        text.contains("nordwind-logistik-review-mr-001-2026-03-31.xlsx"),
        "{text}"
    );
    ctrl(&mut app, 's');
    assert!(
        dir.path()
            .join("nordwind-logistik-review-mr-001-2026-03-31.xlsx")
            .exists()
    );
    press(&mut app, KeyCode::Right);
    let text = screen(&mut app, W, H);
    assert!(text.contains("MR-001/3"), "{text}");
    assert!(text.contains("In progress"), "{text}");
}

#[test]
fn a_review_is_prepared_by_keys_held_today_and_given_an_action() {
    let dir = workdir();
    let (mut app, path) = demo(&dir);
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Tab); // planned on
    type_text(&mut app, "31.02.2026");
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Planned on: '31.02.2026' is not a date"),
        "{text}"
    );
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "26.11.2026");
    press(&mut app, KeyCode::Tab); // participants: a person found by part of her name
    type_text(&mut app, "nordm");
    press(&mut app, KeyCode::Enter);
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab); // to e) feedback
    }
    type_text(&mut app, "Customer survey: no complaints");
    ctrl(&mut app, 's');
    // Prepared: the inputs stand as of today, since the review of 2025-11-28.
    let text = screen(&mut app, W, H);
    assert!(text.contains("Saved MR-002"), "{text}");
    assert!(text.contains("as of today, 2026-03-31"), "{text}");
    assert!(text.contains("after 2025-11-28 up to"), "{text}");
    // b), c) and f) compare with the baseline in force at MR-001: last year's, with R-020 new
    // and R-002 re-rated since.
    assert!(text.contains("risks compared with baseline 2025"), "{text}");
    assert!(
        text.contains("baseline 1 new, 1 changed, 0 removed"),
        "{text}"
    );
    assert!(text.contains("3 actions, 0 overdue"), "{text}");
    assert!(text.contains("H hold today"), "{text}");
    // Holding asks first; n keeps it prepared, y holds it.
    press(&mut app, KeyCode::Char('H'));
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Hold MR-002 Management review 2026 today?"),
        "{text}"
    );
    assert!(text.contains("y hold today"), "{text}");
    press(&mut app, KeyCode::Char('n'));
    assert!(screen(&mut app, W, H).contains("H hold today"));
    press(&mut app, KeyCode::Char('H'));
    press(&mut app, KeyCode::Char('y'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("MR-002 held today"), "{text}");
    let store = Store::open_read_only(&path).unwrap();
    let held = store
        .reviews()
        .unwrap()
        .into_iter()
        .find(|r| r.number == 2)
        .unwrap();
    assert!(held.is_held());
    assert_eq!(held.participants, ["Karin Nordmann"]);
    assert_eq!(held.note(Input::Feedback), "Customer survey: no complaints");
    let inputs = held.inputs.clone().unwrap();
    assert_eq!(inputs.actions.len(), 3, "MR-001's actions are input a)");
    drop(store);
    // Holding again is refused in the status line.
    press(&mut app, KeyCode::Char('H'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("MR-002 was held on 2026-03-31"), "{text}");
    // An action of the review selected, an empty one refused first.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Tab); // action
    ctrl(&mut app, 's');
    assert!(screen(&mut app, W, H).contains("Action: is required"));
    type_text(&mut app, "Train the drivers");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "schmitt");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-12-31");
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(text.contains("Saved MR-002/1 Train the drivers"), "{text}");
    let store = Store::open_read_only(&path).unwrap();
    let action = store
        .review_actions()
        .unwrap()
        .into_iter()
        .find(|a| a.review == held.id)
        .unwrap();
    assert_eq!(action.owner, "Julia Schmitt");
    assert_eq!(action.status, ReviewActionStatus::Open);
    // The held review kept what it froze.
    let again = store.review_by_id(held.id).unwrap();
    assert_eq!(again.inputs, Some(inputs));
}
