//! The yearly cycle in the app: the Cycles screen closes a cycle by keys on the demo (`now` and
//! a taken name refused, naming the field), shows the open cycle's progress, the Risks register
//! marks what is still to re-assess and `u` confirms a risk unchanged in one key, and after a
//! risk is changed the screen shows the change field by field and the risk's move.

mod common;

use common::{ctrl, press, screen, start_on, type_text, workdir};
use isms::domain::baseline::ReassessKind;
use isms::store::Store;
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

const W: u16 = 140;
const H: u16 = 40;

fn cycles(app: &mut App) {
    // The last tab has no digit: the palette's letter goes there.
    press(app, KeyCode::Char(':'));
    press(app, KeyCode::Char('y'));
}

fn name(app: &mut App, name: &str) {
    for _ in 0..8 {
        press(app, KeyCode::Backspace);
    }
    type_text(app, name);
    press(app, KeyCode::Enter);
}

#[test]
fn a_cycle_is_closed_by_keys_re_assessed_one_key_at_a_time_and_its_changes_shown() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    cycles(&mut app);
    let text = screen(&mut app, W, H);
    // The demo's last cycle, closed a year ago, is re-assessed in full.
    assert!(
        text.contains("Opened by closing 2025 on 2025-03-10"),
        "{text}"
    );

    // `now` is refused by the domain's rule, in the form, naming the field.
    press(&mut app, KeyCode::Char('C'));
    name(&mut app, "now");
    let text = screen(&mut app, W, H);
    assert!(text.contains("Name: 'now' means the workspace"), "{text}");
    name(&mut app, "2026");
    let text = screen(&mut app, W, H);
    assert!(text.contains("Close the cycle as 2026 today?"), "{text}");
    press(&mut app, KeyCode::Char('y'));
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("cycle_closed", text);
    assert!(
        text.contains("Closed the cycle 2026 on 2026-03-31"),
        "{text}"
    );
    assert!(
        text.contains("risks: 0 of 20 re-assessed, 20 to do"),
        "{text}"
    );
    assert!(
        text.contains("Nothing changed since this baseline."),
        "{text}"
    );

    // A taken name is the store's to refuse: the form comes back with its message.
    press(&mut app, KeyCode::Char('C'));
    name(&mut app, "2026");
    press(&mut app, KeyCode::Char('y'));
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Name: a baseline named '2026' exists already"),
        "{text}"
    );
    press(&mut app, KeyCode::Esc);

    // The register marks every risk; `u` confirms the first unchanged, once.
    press(&mut app, KeyCode::Char('5'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("↻ re-assess"), "{text}");
    assert!(text.contains("last cycle: inherent: 4 x 5"), "{text}");
    assert!(text.contains("u unchanged (re-assessed)"), "{text}");
    press(&mut app, KeyCode::Char('u'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("R-001 confirmed unchanged"), "{text}");
    assert!(!text.contains("u unchanged (re-assessed)"), "{text}");
    press(&mut app, KeyCode::Char('u'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("R-001 is not marked to re-assess"), "{text}");

    // R-002 changed: its title, and its residual likelihood one step down.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, " (cloud)");
    for _ in 0..9 {
        press(&mut app, KeyCode::Tab); // to the residual likelihood
    }
    press(&mut app, KeyCode::Left);
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(text.contains("Saved R-002"), "{text}");

    cycles(&mut app);
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("cycle_changes", text);
    assert!(
        text.contains("risks: 2 of 20 re-assessed, 18 to do"),
        "{text}"
    );
    assert!(text.contains("L2 × I3 → L1 × I3: 1 risk (R-002)"), "{text}");
    assert!(
        text.contains("residual: 2 x 3 (medium) → 1 x 3 (medium)"),
        "{text}"
    );
    assert!(text.contains("Moved from"), "{text}");

    // The baseline read as it was.
    press(&mut app, KeyCode::Char(']'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("2026 as it stood on 2026-03-31"), "{text}");
    assert!(text.contains("Context issues (5)"), "{text}");
    assert!(
        text.contains("CI-001 Customers demand ISO/IEC 27001 certification"),
        "{text}"
    );
    drop(app);

    let store = Store::open(&path).unwrap();
    let marks = store.reassessments().unwrap();
    let risks = marks
        .iter()
        .filter(|m| m.kind == ReassessKind::Risk)
        .count();
    assert_eq!(risks, 18);
    assert_eq!(store.baselines().unwrap().len(), 2);
}

#[test]
fn the_protection_grid_confirms_an_assets_needs_unchanged() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    Store::open(&path)
        .unwrap()
        .close_cycle("2026", common::test_today())
        .unwrap();
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('4'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("↻ AS-001"), "{text}");
    assert!(text.contains("to re-assess since 2026 closed"), "{text}");
    press(&mut app, KeyCode::Char('u'));
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("The needs of AS-001 confirmed unchanged."),
        "{text}"
    );
    assert!(!text.contains("↻ AS-001"), "{text}");
    drop(app);
    let marks = Store::open(&path).unwrap().reassessments().unwrap();
    assert_eq!(
        marks
            .iter()
            .filter(|m| m.kind == ReassessKind::Needs)
            .count(),
        10
    );
}
