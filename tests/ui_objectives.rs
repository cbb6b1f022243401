//! The Objectives screen: the demo's objectives with the latest result against the target and
//! the trend drawn under the detail; the built-in measure recorded today by `r`; a measurement
//! recorded by `m` after a value that is no number and a second result on the same day are
//! refused; an objective refused without a statement and with a period over a year.

mod common;

use common::{ctrl, press, screen, start_on, test_today, type_text, workdir};
use isms::store::Store;
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

const W: u16 = 130;
const H: u16 = 40;

fn objectives(dir: &tempfile::TempDir) -> (App, std::path::PathBuf) {
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    // The eleventh screen has no digit: the palette's letter reaches it.
    press(&mut app, KeyCode::Char(':'));
    press(&mut app, KeyCode::Char('b'));
    (app, path)
}

fn measurements_of(path: &std::path::Path, reference: &str) -> Vec<(String, f64)> {
    let store = Store::open_read_only(path).unwrap();
    let id = store
        .security_objectives()
        .unwrap()
        .into_iter()
        .find(|o| o.reference() == reference)
        .unwrap()
        .id;
    store
        .measurements()
        .unwrap()
        .into_iter()
        .filter(|m| m.objective == id)
        .map(|m| (m.on_date.to_string(), m.value))
        .collect()
}

#[test]
fn the_objectives_show_the_latest_result_against_the_target_and_the_trend() {
    let dir = workdir();
    let (mut app, _) = objectives(&dir);
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("objectives_demo", text);
    assert!(
        text.contains("Information security objectives (6.2)"),
        "{text}"
    );
    assert!(
        text.contains("71.4 → 78.6 → 92.9 % against at least 90 %"),
        "{text}"
    );
    press(&mut app, KeyCode::Char('j'));
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("objectives_off_target", text);
    assert!(text.contains("off target"), "{text}");
    assert!(
        text.contains("2 → 1 → 0 → 1 actions against at most 0 actions"),
        "{text}"
    );
    // The filter finds what only a colour shows: a result due.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "result due");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&mut app, W, H).contains(" 0 of 3 "));
}

#[test]
fn r_records_the_built_in_measure_today_and_m_a_measurement_by_keys() {
    let dir = workdir();
    let (mut app, path) = objectives(&dir);
    press(&mut app, KeyCode::Char('j')); // O-002, overdue treatment actions
    press(&mut app, KeyCode::Char('r'));
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Recorded O-002: 1 action on 2026-03-31"),
        "{text}"
    );
    let today = test_today().to_string();
    assert_eq!(
        measurements_of(&path, "O-002").last(),
        Some(&(today.clone(), 1.0))
    );
    // m opens a measurement of the selected objective in the Measurements view.
    press(&mut app, KeyCode::Char('m'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("Add a measurement"), "{text}");
    assert!(text.contains("O-002 No treatment action overdue"), "{text}");
    press(&mut app, KeyCode::Tab); // date
    press(&mut app, KeyCode::Tab); // value
    type_text(&mut app, "abc");
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(text.contains("abc is not a number"), "{text}");
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "2");
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("O-002 has a result on 2026-03-31 already"),
        "{text}"
    );
    // The form stays open at the date: the day before is free.
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "30.03.2026");
    ctrl(&mut app, 's');
    let recorded = measurements_of(&path, "O-002");
    assert!(
        recorded.contains(&("2026-03-30".to_string(), 2.0)),
        "{recorded:?}"
    );
    assert_eq!(recorded.len(), 6);
}

#[test]
fn an_objective_needs_a_statement_and_a_period_of_at_most_a_year() {
    let dir = workdir();
    let (mut app, path) = objectives(&dir);
    press(&mut app, KeyCode::Char('n'));
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(text.contains("Objective: is required"), "{text}");
    type_text(&mut app, "Backups restore-tested every quarter");
    press(&mut app, KeyCode::Esc);
    let text = screen(&mut app, W, H);
    assert!(text.contains("discard"), "{text}");
    // Any other key keeps editing.
    press(&mut app, KeyCode::Char('n'));
    ctrl(&mut app, 's');
    let count = Store::open_read_only(&path)
        .unwrap()
        .security_objectives()
        .unwrap()
        .len();
    assert_eq!(count, 4);
    let mut o = Store::open_read_only(&path)
        .unwrap()
        .security_objectives()
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(o.reference(), "O-004");
    // A period over a year is refused in the edit form, naming the field.
    press(&mut app, KeyCode::Char('e'));
    for _ in 0..10 {
        press(&mut app, KeyCode::Tab);
    }
    let text = screen(&mut app, W, H);
    assert!(text.contains("▸ Measured every"), "{text}");
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "13");
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("13 is out of range; expected 1 to 12 months"),
        "{text}"
    );
    o.every_months = 3;
    assert_eq!(
        Store::open_read_only(&path)
            .unwrap()
            .security_objectives()
            .unwrap()
            .pop()
            .unwrap(),
        o
    );
}
