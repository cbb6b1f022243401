//! The form widget as the registers use it: dates typed day first or taken as today, fields that
//! do not apply skipped with their reason, choices as a list, and the form's keys in help.

mod common;

use common::{ctrl, press, screen, start_on, test_today, type_text, workdir};
use isms::domain::soa::Applicability;
use isms::store::Store;
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

const W: u16 = 130;
const H: u16 = 40;

fn demo(dir: &tempfile::TempDir) -> (App, std::path::PathBuf) {
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    (start_on(&path), path)
}

fn fresh(dir: &tempfile::TempDir) -> (App, std::path::PathBuf) {
    let path = dir.path().join("t.isms");
    Store::create(&path, "Acme GmbH").unwrap();
    (start_on(&path), path)
}

fn last_action(path: &std::path::Path) -> isms::domain::treatment::Action {
    Store::open_read_only(path)
        .unwrap()
        .actions()
        .unwrap()
        .into_iter()
        .max_by_key(|a| a.number)
        .expect("an action")
}

#[test]
fn a_due_date_is_today_with_one_key_or_typed_day_first_and_saved_as_iso() {
    let dir = workdir();
    let (mut app, path) = fresh(&dir);
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Restore test");
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab); // risks, controls, owner, due
    }
    let text = screen(&mut app, W, H);
    assert!(text.contains("t today"), "the footer offers today: {text}");
    press(&mut app, KeyCode::Char('t'));
    assert!(screen(&mut app, W, H).contains("2026-03-31"));
    ctrl(&mut app, 's');
    assert_eq!(last_action(&path).due, Some(test_today()));

    press(&mut app, KeyCode::Char('e'));
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    ctrl(&mut app, 'u');
    type_text(&mut app, "30.9.2026");
    press(&mut app, KeyCode::Tab);
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("2026-09-30"),
        "shown as ISO on leaving: {text}"
    );
    ctrl(&mut app, 's');
    assert_eq!(
        last_action(&path).due.map(|d| d.to_string()).as_deref(),
        Some("2026-09-30")
    );
}

#[test]
fn a_risk_s_residual_rating_waits_for_a_treatment() {
    let dir = workdir();
    let (mut app, _) = fresh(&dir);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Ransomware");
    let text = screen(&mut app, W, H);
    assert_eq!(
        text.matches("(once a treatment is chosen)").count(),
        2,
        "{text}"
    );
    // From the treatment option Tab skips the residual ratings.
    for _ in 0..8 {
        press(&mut app, KeyCode::Tab);
    }
    assert!(screen(&mut app, W, H).contains("▸ Treatment option"));
    press(&mut app, KeyCode::Tab);
    assert!(screen(&mut app, W, H).contains("▸ Treatment rationale"));
    press(&mut app, KeyCode::BackTab);
    type_text(&mut app, "red");
    press(&mut app, KeyCode::Tab);
    let text = screen(&mut app, W, H);
    assert!(text.contains("▸ Residual likelihood"), "{text}");
    assert!(!text.contains("(once a treatment is chosen)"), "{text}");
}

#[test]
fn an_applicable_control_has_no_exclusion_to_justify() {
    let dir = workdir();
    let (mut app, path) = demo(&dir);
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "A.8.13");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('e'));
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("(applies to an excluded control)"),
        "an applicable control: {text}"
    );
    // The list of options, all at once: Enter opens it on the current one.
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, W, H);
    for option in ["Undecided", "Applicable", "Not applicable"] {
        assert!(text.contains(option), "{option}: {text}");
    }
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, W, H);
    assert!(text.contains("◂ Undecided ▸"), "{text}");
    assert!(
        !text.contains("(applies to an excluded control)"),
        "undecided may be excluded: {text}"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(
        Store::open_read_only(&path)
            .unwrap()
            .soa()
            .unwrap()
            .iter()
            .find(|e| e.control == "8.13")
            .unwrap()
            .applicability,
        Applicability::Applicable,
        "Esc discarded the change"
    );
}

#[test]
fn f1_lists_the_form_s_keys_and_the_editing_keys_work() {
    let dir = workdir();
    let (mut app, _) = fresh(&dir);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Head office Bremen");
    ctrl(&mut app, 'w');
    press(&mut app, KeyCode::F(1));
    let help = screen(&mut app, W, H);
    for words in [
        "delete to the start of the line",
        "delete the word before the cursor",
        "undo",
    ] {
        assert!(help.contains(words), "{words}: {help}");
    }
    assert!(
        !help.contains("go to screen"),
        "digits are typed in a form, so help does not offer them: {help}"
    );
    assert!(help.contains("quit from anywhere"), "{help}");
    press(&mut app, KeyCode::Esc); // closes help, not the form
    ctrl(&mut app, 'z');
    let text = screen(&mut app, W, H);
    assert!(text.contains("Head office Bremen"), "{text}");
}
