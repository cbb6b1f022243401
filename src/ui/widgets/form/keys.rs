//! How a form takes keys: Tab, Shift-Tab, Ctrl-S and Esc are the form's; Enter and the rest
//! depend on the field in focus (a line saves on Enter, a text takes it as a new line, a choice
//! or a picker opens its list, a date takes today). Typed characters go to the field as text,
//! or search a choice's or a picker's list.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{
    FieldKind, Form, FormEvent, PickList, list_matches, people_and_chosen, person_options,
    pick_matches, replace_text, toggle_name,
};
use crate::ui::keymap::{self, Action, Active, Context};

impl Form {
    /// The keys that work now: the field's and the form's, an open list's, or the question
    /// whether to discard what was typed.
    pub fn contexts(&self) -> Active {
        if self.asking_discard {
            return Active::of(vec![Context::ConfirmDiscard]);
        }
        let Some(field) = self.fields.get(self.focus) else {
            return Active::of(vec![Context::Form]);
        };
        if field.disabled.is_some() {
            return Active::of(vec![Context::Form]);
        }
        let context = match &field.kind {
            FieldKind::Line(_) | FieldKind::Note(_) => Context::FormLine,
            FieldKind::Date(_) => {
                return Active::of(vec![Context::FormDate, Context::FormLine, Context::Form])
                    .hide(Action::Today, self.today.is_none());
            }
            FieldKind::Text(_) => Context::FormText,
            FieldKind::Choice { list: Some(_), .. } => {
                return Active::of(vec![Context::FormPickList]).hide(Action::Mark, true);
            }
            FieldKind::Choice { .. } => Context::FormChoice,
            FieldKind::Toggle(_) => Context::FormToggle,
            FieldKind::Pick {
                list: Some(_),
                multi,
                ..
            } => return Active::of(vec![Context::FormPickList]).hide(Action::Mark, !multi),
            FieldKind::Pick { .. } => Context::FormPick,
            FieldKind::Person { list: Some(_), .. } => {
                return Active::of(vec![Context::FormPickList]).hide(Action::Mark, true);
            }
            FieldKind::Person { .. } => Context::FormPick,
            FieldKind::People { list: Some(_), .. } => {
                return Active::of(vec![Context::FormPickList]).hide(Action::Mark, true);
            }
            FieldKind::People { .. } => Context::FormPick,
        };
        Active::of(vec![context, Context::Form])
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FormEvent {
        self.changed = None;
        if self.asking_discard {
            match keymap::action(Context::ConfirmDiscard, &key) {
                Some(Action::Yes) => return FormEvent::Cancel,
                _ => self.asking_discard = false,
            }
            return FormEvent::None;
        }
        let active = self.contexts();
        let action = keymap::action_in(&active.contexts, &key)
            .filter(|a| !active.hidden.contains(a) || *a == Action::Mark);
        if action == Some(Action::Save) {
            self.close_list_taking_the_found();
            self.normalise_date();
            return FormEvent::Submit;
        }
        if matches!(action, Some(Action::NextField | Action::PrevField)) {
            self.close_list_taking_the_found();
            // What was taken may make the next field apply.
            self.apply_rules();
        }
        match action {
            Some(Action::Cancel) => {
                if self.is_dirty() {
                    self.asking_discard = true;
                    return FormEvent::None;
                }
                return FormEvent::Cancel;
            }
            Some(Action::NextField) => {
                self.step_focus(true);
                return FormEvent::None;
            }
            Some(Action::PrevField) => {
                self.step_focus(false);
                return FormEvent::None;
            }
            _ => {}
        }
        if action == Some(Action::Submit) {
            self.normalise_date();
            return FormEvent::Submit;
        }
        let today = self.today;
        let Some(field) = self.fields.get_mut(self.focus) else {
            return FormEvent::None;
        };
        if field.disabled.is_some() {
            return FormEvent::None;
        }
        let before = field.kind.state();
        field.kind.take_key(key, action, today);
        if field.kind.state() != before {
            field.error = None;
            self.changed = Some(field.key);
            self.apply_rules();
        }
        FormEvent::None
    }
}

impl Form {
    /// Closes the focused field's open list on Tab: a choice takes the highlighted option, a
    /// picker of one takes it only when something was typed to find it.
    fn close_list_taking_the_found(&mut self) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match &mut field.kind {
            FieldKind::Choice {
                options,
                selected,
                list: list @ Some(_),
            } => {
                if let Some(l) = list.take()
                    && let Some(i) =
                        list_matches(options.iter().map(String::as_str), &l.filter).get(l.cursor)
                {
                    *selected = *i;
                }
            }
            FieldKind::Pick {
                options,
                selected,
                multi,
                list: list @ Some(_),
            } => {
                if let Some(l) = list.take()
                    && !*multi
                    && !l.filter.is_empty()
                    && let Some((id, _)) = pick_matches(options, &l.filter).get(l.cursor)
                {
                    *selected = vec![*id];
                }
            }
            FieldKind::Person {
                name,
                people,
                list: list @ Some(_),
            } => {
                if let Some(l) = list.take()
                    && let Some(option) = person_options(people, &l.filter).get(l.cursor)
                {
                    *name = option.name().to_string();
                }
            }
            FieldKind::People {
                names,
                people,
                list: list @ Some(_),
            } => {
                let offered = people_and_chosen(people, names);
                // Only a name typed and not yet added is taken on leaving the field.
                if let Some(l) = list.take()
                    && !l.filter.trim().is_empty()
                    && let Some(option) = person_options(&offered, &l.filter).get(l.cursor)
                    && !names.iter().any(|n| n.eq_ignore_ascii_case(option.name()))
                {
                    names.push(option.name().to_string());
                }
            }
            _ => return,
        }
        self.changed = Some(field.key);
    }
}

impl FieldKind {
    /// What a key does to the field in focus, once the form's own keys are out of the way.
    fn take_key(
        &mut self,
        key: KeyEvent,
        action: Option<Action>,
        today: Option<chrono::NaiveDate>,
    ) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let typed = match key.code {
            KeyCode::Char(c) if !ctrl => Some(c),
            _ => None,
        };
        match self {
            FieldKind::Line(t) | FieldKind::Date(t) | FieldKind::Text(t) => match action {
                Some(Action::DeleteToStart) => {
                    t.delete_line_by_head();
                }
                Some(Action::DeleteToEnd) => {
                    t.delete_line_by_end();
                }
                Some(Action::DeleteWord) => {
                    t.delete_word();
                }
                Some(Action::Undo) => {
                    t.undo();
                }
                Some(Action::Today) => {
                    if let Some(day) = today {
                        replace_text(t, &day.to_string());
                    }
                }
                // The keymap's keys came first (the editor's own Ctrl-U would undo).
                _ => {
                    t.input(key);
                }
            },
            FieldKind::Choice {
                options,
                selected,
                list,
            } => match list {
                Some(l) => {
                    let matching = list_matches(options.iter().map(String::as_str), &l.filter);
                    if let Some(pick) = take_list_key(l, matching.len(), action, key) {
                        if pick && let Some(i) = matching.get(l.cursor) {
                            *selected = *i;
                        }
                        *list = None;
                    }
                }
                None => {
                    let n = options.len().max(1);
                    match action {
                        Some(Action::NextOption) => *selected = (*selected + 1) % n,
                        Some(Action::PrevOption) => *selected = (*selected + n - 1) % n,
                        // The list opens on the option chosen now.
                        Some(Action::OpenList) => {
                            *list = Some(PickList {
                                filter: String::new(),
                                cursor: *selected,
                            })
                        }
                        _ => {
                            if let Some(c) = typed {
                                *list = Some(PickList {
                                    filter: c.to_string(),
                                    cursor: 0,
                                });
                            }
                        }
                    }
                }
            },
            FieldKind::Note(_) => {}
            FieldKind::Toggle(value) => match action {
                Some(Action::Toggle) => *value = !*value,
                Some(Action::Yes) => *value = true,
                Some(Action::No) => *value = false,
                _ => {}
            },
            FieldKind::Pick {
                options,
                selected,
                multi,
                list: list @ Some(_),
            } => {
                let Some(l) = list.as_mut() else {
                    return;
                };
                let matching = pick_matches(options, &l.filter);
                if action == Some(Action::Mark) && *multi {
                    if let Some((id, _)) = matching.get(l.cursor).copied() {
                        match selected.iter().position(|s| s == id) {
                            Some(at) => {
                                selected.remove(at);
                            }
                            None => selected.push(*id),
                        }
                    }
                    return;
                }
                if let Some(pick) = take_list_key(l, matching.len(), action, key) {
                    if pick
                        && !*multi
                        && let Some((id, _)) = matching.get(l.cursor).copied()
                    {
                        *selected = vec![*id];
                    }
                    *list = None;
                }
            }
            FieldKind::Person {
                name,
                people,
                list: list @ Some(_),
            } => {
                let Some(l) = list.as_mut() else {
                    return;
                };
                let count = person_options(people, &l.filter).len();
                if let Some(pick) = take_list_key(l, count, action, key) {
                    if pick && let Some(option) = person_options(people, &l.filter).get(l.cursor) {
                        *name = option.name().to_string();
                    }
                    *list = None;
                }
            }
            FieldKind::People {
                names,
                people,
                list: list @ Some(_),
            } => {
                let Some(l) = list.as_mut() else {
                    return;
                };
                let offered = people_and_chosen(people, names);
                // Enter adds (or takes out) the one found and stays, for the next name.
                if action == Some(Action::Open) {
                    if let Some(option) = person_options(&offered, &l.filter).get(l.cursor) {
                        toggle_name(names, option.name());
                    }
                    l.filter.clear();
                    l.cursor = 0;
                    return;
                }
                let count = person_options(&offered, &l.filter).len();
                if take_list_key(l, count, action, key).is_some() {
                    *list = None;
                }
            }
            FieldKind::People { names, list, .. } => match action {
                Some(Action::OpenList) => *list = Some(PickList::default()),
                Some(Action::ClearInput) => names.clear(),
                _ => {
                    if let Some(c) = typed {
                        *list = Some(PickList {
                            filter: c.to_string(),
                            cursor: 0,
                        });
                    }
                }
            },
            FieldKind::Person {
                name, people, list, ..
            } => match action {
                // The list opens on the person named now.
                Some(Action::OpenList) => {
                    *list = Some(PickList {
                        filter: String::new(),
                        cursor: people.iter().position(|p| p == name).unwrap_or(0),
                    })
                }
                Some(Action::ClearInput) => name.clear(),
                _ => {
                    if let Some(c) = typed {
                        *list = Some(PickList {
                            filter: c.to_string(),
                            cursor: 0,
                        });
                    }
                }
            },
            FieldKind::Pick { selected, list, .. } => match action {
                Some(Action::OpenList) => *list = Some(PickList::default()),
                Some(Action::ClearInput) => selected.clear(),
                _ => {
                    if let Some(c) = typed {
                        *list = Some(PickList {
                            filter: c.to_string(),
                            cursor: 0,
                        });
                    }
                }
            },
        }
    }
}

/// A key in an open list of `count` matching options: moves, searches, or closes it. Returns
/// `Some(true)` to take the highlighted option and close, `Some(false)` to close as it was.
fn take_list_key(
    list: &mut PickList,
    count: usize,
    action: Option<Action>,
    key: KeyEvent,
) -> Option<bool> {
    match action {
        Some(Action::Close) => return Some(false),
        Some(Action::Open) => return Some(true),
        Some(Action::Down) => list.cursor = (list.cursor + 1).min(count.saturating_sub(1)),
        Some(Action::Up) => list.cursor = list.cursor.saturating_sub(1),
        // Typing searches (a space too, in a list of one choice).
        _ => match key.code {
            KeyCode::Backspace => {
                list.filter.pop();
                list.cursor = 0;
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                list.filter.push(c);
                list.cursor = 0;
            }
            _ => {}
        },
    }
    None
}
