use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;

/// The contexts whose keys apply together in `stack`: its own, and the global ones unless it
/// captures typing.
fn effective(stack: &[Context]) -> Vec<Context> {
    let mut all = stack.to_vec();
    all.push(Context::Anywhere);
    if !stack.iter().any(|c| c.captures()) {
        all.push(Context::Global);
    }
    all
}

#[test]
fn no_key_is_bound_twice_where_keys_apply_together() {
    let mut problems = Vec::new();
    for stack in STACKS {
        let rows: Vec<(Context, &Binding)> = effective(stack)
            .into_iter()
            .flat_map(|c| c.bindings().iter().map(move |b| (c, b)))
            .collect();
        for (i, (c1, b1)) in rows.iter().enumerate() {
            for (c2, b2) in &rows[i + 1..] {
                for key in b1.keys {
                    if b2.keys.iter().any(|k| k.same(key)) {
                        problems.push(format!(
                            "{} in {stack:?}: {c1:?} {:?} and {c2:?} {:?}",
                            key.name(),
                            b1.action,
                            b2.action
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "bound twice:\n{}", problems.join("\n"));
}

#[test]
fn keys_the_tab_bar_offers_do_nothing_else_on_any_screen() {
    let mut problems = Vec::new();
    for stack in STACKS.iter().filter(|s| !s.iter().any(|c| c.captures())) {
        for c in *stack {
            for b in c.bindings() {
                for key in b
                    .keys
                    .iter()
                    .filter(|k| TAB_BAR_KEYS.iter().any(|t| t.same(k)))
                {
                    problems.push(format!("{} in {c:?}: {:?}", key.name(), b.action));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for key in TAB_BAR_KEYS {
        let event = KeyEvent::new(key.code, key.modifiers);
        assert!(
            matches!(
                action(Context::Global, &event),
                Some(
                    Action::GoToScreen(_) | Action::GoTo | Action::NextScreen | Action::PrevScreen
                )
            ),
            "{} switches screens",
            key.name()
        );
    }
}

#[test]
fn every_context_is_in_a_stack_and_every_stack_names_contexts_once() {
    for c in Context::ALL
        .iter()
        .filter(|c| !matches!(c, Context::Global | Context::Anywhere))
    {
        assert!(
            STACKS.iter().any(|s| s.contains(c)),
            "{c:?} is in no stack, so nothing checks it"
        );
    }
    for s in STACKS {
        for (i, c) in s.iter().enumerate() {
            assert!(!s[i + 1..].contains(c), "{s:?}");
        }
    }
}

#[test]
fn keys_resolve_with_ctrl_and_alt_as_bound_and_shift_in_the_character() {
    let plain = |c| KeyEvent::from(KeyCode::Char(c));
    assert_eq!(action(Context::Global, &plain('q')), Some(Action::Quit));
    assert_eq!(
        action(
            Context::Anywhere,
            &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
        ),
        Some(Action::Quit)
    );
    assert_eq!(action(Context::Anywhere, &plain('c')), None);
    assert_eq!(
        action(
            Context::Global,
            &KeyEvent::new(KeyCode::Char('1'), KeyModifiers::CONTROL)
        ),
        None
    );
    assert_eq!(
        action(
            Context::Table,
            &KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)
        ),
        Some(Action::Bottom)
    );
    assert_eq!(
        action(
            Context::Global,
            &KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)
        ),
        Some(Action::PrevScreen)
    );
    assert_eq!(
        action_in(&[Context::Views, Context::Register], &plain(']')),
        Some(Action::NextView)
    );
}

#[test]
fn footers_merge_rows_that_say_the_same_and_print_keys_readably() {
    let table = Active::of(vec![Context::Table]).footer();
    assert_eq!(
        table,
        vec![
            ("↑↓ PgUp PgDn g G".to_string(), "move"),
            ("/".to_string(), "filter"),
            ("s S".to_string(), "sort"),
        ]
    );
    let global = Active::of(vec![Context::Global, Context::Anywhere])
        .hide(Action::GoToScreen(9), true)
        .hide(Action::GoToScreen(10), true)
        .help();
    assert_eq!(
        global[0],
        ("Tab Shift-Tab".to_string(), "next, previous screen")
    );
    assert_eq!(global[1], ("1 … 8".to_string(), "go to screen"));
    assert!(global.contains(&("Ctrl-C".to_string(), "quit from anywhere")));
    let register = Active {
        contexts: vec![Context::Register],
        hidden: vec![Action::New],
        renamed: vec![(Action::Ranked, "crown jewels")],
    }
    .footer();
    assert_eq!(register[0], ("e".to_string(), "edit"));
    assert!(register.contains(&("c".to_string(), "crown jewels")));
}
