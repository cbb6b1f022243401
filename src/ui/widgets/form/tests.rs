use super::render::visible_window;
use super::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn type_text(form: &mut Form, text: &str) {
    for c in text.chars() {
        form.handle_key(key(KeyCode::Char(c)));
    }
}

fn sample() -> Form {
    Form::new("Scope item")
        .choice(
            "kind",
            "Kind",
            vec!["Location", "Organisational unit", "Process"],
            0,
        )
        .line("name", "Name", "")
        .text("description", "Description", "")
        .toggle("in_isms", "In ISMS scope", true)
        .pick(
            "scope_item",
            "Scope item",
            vec![(1, "S-001 HQ".into()), (2, "S-002 Warehouse".into())],
            None,
        )
}

#[test]
fn tab_moves_between_fields_and_typing_fills_them() {
    let mut f = sample();
    f.handle_key(key(KeyCode::Tab));
    type_text(&mut f, "HQ Bremen");
    f.handle_key(key(KeyCode::Tab));
    type_text(&mut f, "two");
    f.handle_key(key(KeyCode::Enter));
    type_text(&mut f, "lines");
    assert_eq!(f.value("name"), "HQ Bremen");
    assert_eq!(f.value("description"), "two\nlines");
    f.handle_key(key(KeyCode::BackTab));
    assert_eq!(f.focused_key(), Some("name"));
}

#[test]
fn enter_saves_from_a_single_line_field_and_ctrl_s_from_any() {
    let mut f = sample();
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormEvent::Submit);
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(
        f.handle_key(key(KeyCode::Enter)),
        FormEvent::None,
        "a new line in a text box"
    );
    assert_eq!(
        f.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        FormEvent::Submit
    );
}

#[test]
fn choices_change_with_arrows_and_first_letters() {
    let mut f = sample();
    f.handle_key(key(KeyCode::Right));
    assert_eq!(f.choice_index("kind"), 1);
    f.handle_key(key(KeyCode::Char('p')));
    assert_eq!(f.choice_index("kind"), 2);
    f.handle_key(key(KeyCode::Char('L')));
    assert_eq!(f.choice_index("kind"), 0);
    f.handle_key(key(KeyCode::Left));
    assert_eq!(f.choice_index("kind"), 2);
}

#[test]
fn toggles_and_pickers() {
    let mut f = sample();
    for _ in 0..3 {
        f.handle_key(key(KeyCode::Tab));
    }
    f.handle_key(key(KeyCode::Char(' ')));
    assert!(!f.toggled("in_isms"));
    f.handle_key(key(KeyCode::Tab));
    type_text(&mut f, "ware");
    f.handle_key(key(KeyCode::Enter));
    assert_eq!(f.picked("scope_item"), Some(2));
    f.handle_key(key(KeyCode::Backspace));
    assert_eq!(f.picked("scope_item"), None);
}

#[test]
fn a_multi_picker_toggles_several_references() {
    let options = vec![
        (1, "AS-001 Customer data".into()),
        (2, "AS-002 Source code".into()),
        (3, "AS-003 Payroll".into()),
    ];
    let mut f = Form::new("Asset").pick_many("depends on", "Depends on", options, vec![3]);
    f.handle_key(key(KeyCode::Char(' ')));
    f.handle_key(key(KeyCode::Char(' ')));
    f.handle_key(key(KeyCode::Down));
    f.handle_key(key(KeyCode::Char(' ')));
    f.handle_key(key(KeyCode::Enter));
    assert_eq!(f.picked_all("depends on"), [3, 1, 2]);
    f.handle_key(key(KeyCode::Enter));
    type_text(&mut f, "payroll");
    f.handle_key(key(KeyCode::Char(' ')));
    f.handle_key(key(KeyCode::Esc));
    assert_eq!(f.picked_all("depends on"), [1, 2], "AS-003 unticked");
}

#[test]
fn escape_asks_before_discarding_typed_text() {
    let mut f = sample();
    assert!(!f.is_dirty());
    f.handle_key(key(KeyCode::Tab));
    type_text(&mut f, "x");
    assert_eq!(f.handle_key(key(KeyCode::Esc)), FormEvent::None);
    assert_eq!(
        f.handle_key(key(KeyCode::Char('n'))),
        FormEvent::None,
        "any other key returns"
    );
    assert_eq!(f.value("name"), "x");
    f.handle_key(key(KeyCode::Esc));
    assert_eq!(f.handle_key(key(KeyCode::Char('y'))), FormEvent::Cancel);
    assert_eq!(
        sample().handle_key(key(KeyCode::Esc)),
        FormEvent::Cancel,
        "nothing typed: no question"
    );
}

#[test]
fn errors_land_next_to_their_field() {
    let mut f = sample();
    f.set_error("name", "is required");
    assert_eq!(f.focused_key(), Some("name"));
    assert!(f.has_errors());
    f.set_error("in certificate scope", "elsewhere");
    assert_eq!(f.message.as_deref(), Some("elsewhere"));
    f.clear_errors();
    assert!(!f.has_errors());
}

#[test]
fn notes_are_skipped_and_a_tall_form_shows_a_window_around_the_focus() {
    let mut f = Form::new("Risk")
        .note("guidance", "Guidance", "AS-001: C very high")
        .line("title", "Title", "");
    assert_eq!(f.focused_key(), Some("title"));
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.focused_key(), Some("title"), "the note takes no focus");
    f.set_note("guidance", "changed");
    assert!(!f.is_dirty(), "guidance is not typed text");
    assert_eq!(visible_window(&[1, 1, 1], 0, 10), (0, 3));
    assert_eq!(visible_window(&[1, 5, 1, 1], 3, 3), (2, 4));
    assert_eq!(visible_window(&[1, 1, 1, 1, 1], 0, 2), (0, 2));
}

#[test]
fn paste_into_a_single_line_flattens_breaks() {
    let mut f = sample();
    f.handle_key(key(KeyCode::Tab));
    f.paste("a\nb");
    assert_eq!(f.value("name"), "a b");
}
