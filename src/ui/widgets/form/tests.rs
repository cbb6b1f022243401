use super::render::visible_window;
use super::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const KIND: Name = Name::new("kind");
const NAME: Name = Name::new("name");
const DESCRIPTION: Name = Name::new("description");
const IN_ISMS: Name = Name::new("in_isms");
const SCOPE_ITEM: Name = Name::new("scope_item");
const DEPENDS_ON: Name = Name::new("depends on");
const IN_CERTIFICATE: Name = Name::new("in certificate scope");
const GUIDANCE: Name = Name::new("guidance");
const TITLE: Name = Name::new("title");

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
            KIND,
            "Kind",
            vec!["Location", "Organisational unit", "Process"],
            0,
        )
        .line(NAME, "Name", "")
        .text(DESCRIPTION, "Description", "")
        .toggle(IN_ISMS, "In ISMS scope", true)
        .pick(
            SCOPE_ITEM,
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
    assert_eq!(f.value(NAME), "HQ Bremen");
    assert_eq!(f.value(DESCRIPTION), "two\nlines");
    f.handle_key(key(KeyCode::BackTab));
    assert_eq!(f.focused_key(), Some(NAME));
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
    assert_eq!(f.choice_index(KIND), 1);
    f.handle_key(key(KeyCode::Char('p')));
    assert_eq!(f.choice_index(KIND), 2);
    f.handle_key(key(KeyCode::Char('L')));
    assert_eq!(f.choice_index(KIND), 0);
    f.handle_key(key(KeyCode::Left));
    assert_eq!(f.choice_index(KIND), 2);
}

#[test]
fn toggles_and_pickers() {
    let mut f = sample();
    for _ in 0..3 {
        f.handle_key(key(KeyCode::Tab));
    }
    f.handle_key(key(KeyCode::Char(' ')));
    assert!(!f.toggled(IN_ISMS));
    f.handle_key(key(KeyCode::Tab));
    type_text(&mut f, "ware");
    f.handle_key(key(KeyCode::Enter));
    assert_eq!(f.picked(SCOPE_ITEM), Some(2));
    f.handle_key(key(KeyCode::Backspace));
    assert_eq!(f.picked(SCOPE_ITEM), None);
}

#[test]
fn a_multi_picker_toggles_several_references() {
    let options = vec![
        (1, "AS-001 Customer data".into()),
        (2, "AS-002 Source code".into()),
        (3, "AS-003 Payroll".into()),
    ];
    let mut f = Form::new("Asset").pick_many(DEPENDS_ON, "Depends on", options, vec![3]);
    f.handle_key(key(KeyCode::Char(' ')));
    f.handle_key(key(KeyCode::Char(' ')));
    f.handle_key(key(KeyCode::Down));
    f.handle_key(key(KeyCode::Char(' ')));
    f.handle_key(key(KeyCode::Enter));
    assert_eq!(f.picked_all(DEPENDS_ON), [3, 1, 2]);
    f.handle_key(key(KeyCode::Enter));
    type_text(&mut f, "payroll");
    f.handle_key(key(KeyCode::Char(' ')));
    f.handle_key(key(KeyCode::Esc));
    assert_eq!(f.picked_all(DEPENDS_ON), [1, 2], "AS-003 unticked");
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
    assert_eq!(f.value(NAME), "x");
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
    f.set_error(NAME, "is required");
    assert_eq!(f.focused_key(), Some(NAME));
    assert!(f.has_errors());
    f.set_error(IN_CERTIFICATE, "elsewhere");
    assert_eq!(f.message.as_deref(), Some("elsewhere"));
    f.clear_errors();
    assert!(!f.has_errors());
}

#[test]
fn notes_are_skipped_and_a_tall_form_shows_a_window_around_the_focus() {
    let mut f = Form::new("Risk")
        .note(GUIDANCE, "Guidance", "AS-001: C very high")
        .line(TITLE, "Title", "");
    assert_eq!(f.focused_key(), Some(TITLE));
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.focused_key(), Some(TITLE), "the note takes no focus");
    f.set_note(GUIDANCE, "changed");
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
    assert_eq!(f.value(NAME), "a b");
}
