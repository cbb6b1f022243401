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
    assert_eq!(
        f.handle_key(key(KeyCode::F(1))),
        FormEvent::None,
        "help is the shell's"
    );
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
fn arrows_step_through_a_closed_choice() {
    let mut f = sample();
    f.handle_key(key(KeyCode::Right));
    assert_eq!(f.choice_index(KIND), 1);
    f.handle_key(key(KeyCode::Left));
    f.handle_key(key(KeyCode::Left));
    assert_eq!(f.choice_index(KIND), 2, "round to the last");
}

#[test]
fn a_choice_opens_a_list_of_every_option_that_typing_searches() {
    let mut f = sample();
    f.handle_key(key(KeyCode::Enter));
    assert!(open_list(&f), "Enter opens the list, it does not save");
    assert_eq!(
        f.contexts().contexts,
        [crate::ui::keymap::Context::FormPickList]
    );
    f.handle_key(key(KeyCode::Down));
    f.handle_key(key(KeyCode::Down));
    assert_eq!(
        f.choice_index(KIND),
        0,
        "moving in the list changes nothing yet"
    );
    f.handle_key(key(KeyCode::Enter));
    assert!(!open_list(&f));
    assert_eq!(
        f.choice_index(KIND),
        2,
        "Enter picks the highlighted option"
    );
    assert_eq!(f.changed(), Some(KIND));

    // Typing opens it filtered, those starting with the text first.
    type_text(&mut f, "o");
    assert!(open_list(&f));
    f.handle_key(key(KeyCode::Enter));
    assert_eq!(f.choice_index(KIND), 1, "Organisational unit starts with o");
    type_text(&mut f, "loc");
    f.handle_key(key(KeyCode::Esc));
    assert!(!open_list(&f), "Esc closes the list");
    assert_eq!(f.choice_index(KIND), 1, "Esc keeps the choice");
    assert!(f.is_dirty(), "a choice made is a change");

    // The first letters and Tab: the option found is taken, the focus moves on.
    type_text(&mut f, "pro");
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.choice_index(KIND), 2);
    assert_eq!(f.focused_key(), Some(NAME));
    assert!(!open_list(&f));
}

fn open_list(f: &Form) -> bool {
    f.fields
        .iter()
        .any(|x| matches!(x.kind, FieldKind::Choice { list: Some(_), .. }))
}

#[test]
fn the_choice_list_shows_all_its_options_at_once() {
    let mut f = sample();
    f.handle_key(key(KeyCode::Enter));
    let text = drawn(&f);
    for option in ["Location", "Organisational unit", "Process"] {
        assert!(text.contains(option), "{option} in\n{text}");
    }
    assert!(text.contains(" 3/3 "), "{text}");
}

fn drawn(f: &Form) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(90, 30)).unwrap();
    terminal
        .draw(|frame| f.render(frame, frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_disabled_field_is_skipped_drawn_with_its_reason_and_keeps_its_value() {
    let mut f = Form::new("Risk")
        .line(NAME, "Name", "")
        .text(DESCRIPTION, "Description", "kept")
        .toggle(IN_ISMS, "In ISMS scope", true);
    f.set_disabled(DESCRIPTION, Some("once a treatment is chosen"));
    assert_eq!(f.disabled(DESCRIPTION), Some("once a treatment is chosen"));
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(
        f.focused_key(),
        Some(IN_ISMS),
        "Tab skips the disabled field"
    );
    f.handle_key(key(KeyCode::BackTab));
    assert_eq!(f.focused_key(), Some(NAME));
    f.paste("pasted");
    assert_eq!(f.value(DESCRIPTION), "kept");
    assert!(drawn(&f).contains("(once a treatment is chosen) kept"));
    f.set_disabled(DESCRIPTION, None);
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.focused_key(), Some(DESCRIPTION));
    // Disabling the field in focus moves the focus on.
    f.set_disabled(DESCRIPTION, Some("n/a"));
    assert_eq!(f.focused_key(), Some(IN_ISMS));
    assert_eq!(f.value(DESCRIPTION), "kept");
    f.set_error(DESCRIPTION, "is too long");
    assert_eq!(
        f.focused_key(),
        Some(IN_ISMS),
        "no focus where nothing can be typed"
    );
    assert!(drawn(&f).contains("is too long"));
}

#[test]
fn a_date_takes_today_with_one_key_and_dotted_dates_become_iso() {
    const DUE: Name = Name::new("due");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let mut f = Form::new("Action")
        .date(DUE, "Due", None)
        .line(NAME, "Name", "");
    assert!(
        f.contexts()
            .hidden
            .contains(&crate::ui::keymap::Action::Today),
        "no clock given: no today key"
    );
    f.set_today(today);
    assert!(
        f.contexts().footer().contains(&("t".to_string(), "today")),
        "{:?}",
        f.contexts().footer()
    );
    type_text(&mut f, "1.1.2027");
    f.handle_key(key(KeyCode::Char('t')));
    assert_eq!(f.value(DUE), "2026-03-31", "today replaces what was there");
    f.handle_key(ctrl('u'));
    type_text(&mut f, "1.1.2027");
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(
        f.value(DUE),
        "2027-01-01",
        "leaving the field writes it as ISO"
    );
    f.handle_key(key(KeyCode::BackTab));
    f.handle_key(ctrl('u'));
    type_text(&mut f, "30.9.2026");
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormEvent::Submit);
    assert_eq!(f.value(DUE), "2026-09-30", "saving writes it as ISO");
    f.handle_key(ctrl('u'));
    type_text(&mut f, "soon");
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(
        f.value(DUE),
        "soon",
        "what is no date stays, for the error to quote"
    );
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn text_fields_take_the_terminal_editing_keys() {
    let mut f = sample();
    f.handle_key(key(KeyCode::Tab));
    type_text(&mut f, "Head office Bremen");
    f.handle_key(ctrl('w'));
    assert_eq!(f.value(NAME), "Head office ");
    f.handle_key(ctrl('z'));
    assert_eq!(f.value(NAME), "Head office Bremen");
    f.handle_key(key(KeyCode::Home));
    f.handle_key(key(KeyCode::Right));
    f.handle_key(key(KeyCode::Right));
    f.handle_key(ctrl('k'));
    assert_eq!(f.value(NAME), "He");
    f.handle_key(ctrl('u'));
    assert_eq!(f.value(NAME), "");
    f.handle_key(key(KeyCode::Tab));
    type_text(&mut f, "one");
    f.handle_key(key(KeyCode::Enter));
    type_text(&mut f, "two");
    f.handle_key(ctrl('u'));
    assert_eq!(
        f.value(DESCRIPTION),
        "one\n",
        "Ctrl-U clears the line it is on"
    );
    let help = f.contexts().help();
    for (keys, what) in [
        ("Ctrl-U", "delete to the start of the line"),
        ("Ctrl-K", "delete to the end of the line"),
        ("Ctrl-W", "delete the word before the cursor"),
        ("Ctrl-Z", "undo"),
    ] {
        assert!(
            help.contains(&(keys.to_string(), what)),
            "{keys} in {help:?}"
        );
    }
}

#[test]
fn a_paste_too_long_for_the_field_is_refused_and_the_value_kept() {
    let mut f = sample();
    f.handle_key(key(KeyCode::Tab));
    type_text(&mut f, "HQ");
    f.paste(&"x".repeat(crate::domain::text::LINE_MAX));
    assert_eq!(f.value(NAME), "HQ", "the field keeps its value");
    let error = f.fields[1].error.clone().unwrap_or_default();
    assert_eq!(
        error,
        "the pasted text would make it longer than 200 characters; the field keeps its value. \
         Ctrl-U clears it."
    );
    f.handle_key(ctrl('u'));
    assert_eq!(f.value(NAME), "");
    assert_eq!(
        f.fields[1].error, None,
        "changing the field clears the message"
    );
    f.paste(&"x".repeat(crate::domain::text::LINE_MAX));
    assert_eq!(
        f.value(NAME).len(),
        crate::domain::text::LINE_MAX,
        "a paste that fits"
    );
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

const OWNER: Name = Name::new("owner");

fn owner_form(value: &str) -> Form {
    let people = [
        "Anna Berger".to_string(),
        "Anna Weber".into(),
        "Jonas Klein".into(),
    ];
    Form::new("Asset")
        .person(OWNER, "Owner", value, &people)
        .line(NAME, "Name", "")
}

#[test]
fn a_person_is_found_by_part_of_their_name_and_enter_takes_them() {
    let mut form = owner_form("");
    type_text(&mut form, "weber");
    form.handle_key(key(KeyCode::Enter));
    assert_eq!(form.value(OWNER), "Anna Weber");
    assert!(form.is_dirty());
    // Down moves through what matches; Tab takes the one highlighted and moves on.
    let mut form = owner_form("Jonas Klein");
    type_text(&mut form, "anna");
    form.handle_key(key(KeyCode::Down));
    form.handle_key(key(KeyCode::Tab));
    assert_eq!(form.value(OWNER), "Anna Weber");
    assert_eq!(form.focused_key(), Some(NAME));
}

#[test]
fn a_name_nobody_has_is_taken_as_a_new_person_and_delete_clears_it() {
    let mut form = owner_form("Anna Weber");
    type_text(&mut form, "Max Muster");
    let known = ["Anna Weber".to_string()];
    assert_eq!(
        person_options(&known, "Max Muster"),
        [PersonOption::New("Max Muster")]
    );
    form.handle_key(key(KeyCode::Enter));
    assert_eq!(form.value(OWNER), "Max Muster");
    // The exact name of a person is that person, not a second one.
    assert_eq!(
        person_options(&["Anna Weber".to_string()], "anna weber"),
        [PersonOption::Known("Anna Weber")]
    );
    form.handle_key(key(KeyCode::Delete));
    assert_eq!(form.value(OWNER), "");
    // Esc closes the list and keeps the person named before.
    let mut form = owner_form("Jonas Klein");
    type_text(&mut form, "an");
    form.handle_key(key(KeyCode::Esc));
    assert_eq!(form.value(OWNER), "Jonas Klein");
}

const ATTENDEES: Name = Name::new("attendees");

#[test]
fn attendees_are_added_one_by_one_taken_out_again_and_new_names_stay_shown() {
    let people = ["Anna Weber".to_string(), "Jonas Klein".into()];
    let mut form = Form::new("Workshop")
        .people(ATTENDEES, "Attendees", &[], &people)
        .line(NAME, "Name", "");
    for typed in ["weber", "Petra Hoffmann", "jonas"] {
        type_text(&mut form, typed);
        form.handle_key(key(KeyCode::Enter));
    }
    assert_eq!(
        form.names(ATTENDEES),
        ["Anna Weber", "Petra Hoffmann", "Jonas Klein"]
    );
    // The new name is offered like the others now, so Enter takes it out again.
    assert_eq!(
        people_and_chosen(&people, &form.names(ATTENDEES)),
        ["Anna Weber", "Jonas Klein", "Petra Hoffmann"]
    );
    type_text(&mut form, "petra");
    form.handle_key(key(KeyCode::Enter));
    assert_eq!(form.names(ATTENDEES), ["Anna Weber", "Jonas Klein"]);
    // Leaving with nothing typed adds nobody; with a name typed, adds it.
    form.handle_key(key(KeyCode::Tab));
    assert_eq!(form.names(ATTENDEES), ["Anna Weber", "Jonas Klein"]);
    let mut form = Form::new("Workshop")
        .people(ATTENDEES, "Attendees", &[], &people)
        .line(NAME, "Name", "");
    type_text(&mut form, "klein");
    form.handle_key(key(KeyCode::Tab));
    assert_eq!(form.names(ATTENDEES), ["Jonas Klein"]);
}
