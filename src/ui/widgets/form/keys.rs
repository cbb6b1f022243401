//! How a form takes keys: Tab, Shift-Tab, Ctrl-S and Esc are the form's; Enter and the rest
//! depend on the field in focus (a line saves on Enter, a text takes it as a new line, a picker
//! opens its list). Typed characters go to the field as text, a choice's first letter or a
//! picker's search.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{FieldKind, Form, FormEvent, PickList, pick_matches};
use crate::ui::keymap::{self, Action, Active, Context};

impl Form {
    /// The keys that work now: the field's and the form's, an open picker list's, or the
    /// question whether to discard what was typed.
    pub fn contexts(&self) -> Active {
        if self.asking_discard {
            return Active::of(vec![Context::ConfirmDiscard]);
        }
        let Some(field) = self.fields.get(self.focus) else {
            return Active::of(vec![Context::Form]);
        };
        let context = match &field.kind {
            FieldKind::Line(_) | FieldKind::Date(_) | FieldKind::Note(_) => Context::FormLine,
            FieldKind::Text(_) => Context::FormText,
            FieldKind::Choice { .. } => Context::FormChoice,
            FieldKind::Toggle(_) => Context::FormToggle,
            FieldKind::Pick {
                list: Some(_),
                multi,
                ..
            } => return Active::of(vec![Context::FormPickList]).hide(Action::Mark, !multi),
            FieldKind::Pick { .. } => Context::FormPick,
        };
        Active::of(vec![context, Context::Form])
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FormEvent {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if self.asking_discard {
            match keymap::action(Context::ConfirmDiscard, &key) {
                Some(Action::Yes) => return FormEvent::Cancel,
                _ => self.asking_discard = false,
            }
            return FormEvent::None;
        }
        let action = keymap::action_in(&self.contexts().contexts, &key);
        if action == Some(Action::Save) {
            return FormEvent::Submit;
        }
        let Some(field) = self.fields.get_mut(self.focus) else {
            return FormEvent::None;
        };
        // An open picker list takes every key first.
        if let FieldKind::Pick {
            options,
            selected,
            multi,
            list: list @ Some(_),
        } = &mut field.kind
        {
            let Some(l) = list.as_mut() else {
                return FormEvent::None;
            };
            let matching = pick_matches(options, &l.filter);
            match action {
                Some(Action::Close) => *list = None,
                Some(Action::Open) => {
                    if !*multi && let Some((id, _)) = matching.get(l.cursor).copied() {
                        *selected = vec![*id];
                    }
                    *list = None;
                }
                Some(Action::Mark) if *multi => {
                    if let Some((id, _)) = matching.get(l.cursor).copied() {
                        match selected.iter().position(|s| s == id) {
                            Some(at) => {
                                selected.remove(at);
                            }
                            None => selected.push(*id),
                        }
                    }
                }
                Some(Action::Down) => {
                    l.cursor = (l.cursor + 1).min(matching.len().saturating_sub(1))
                }
                Some(Action::Up) => l.cursor = l.cursor.saturating_sub(1),
                // Typing searches (a space too, in a list of one choice).
                _ => match key.code {
                    KeyCode::Backspace => {
                        l.filter.pop();
                        l.cursor = 0;
                    }
                    KeyCode::Char(c) if !ctrl => {
                        l.filter.push(c);
                        l.cursor = 0;
                    }
                    _ => {}
                },
            }
            return FormEvent::None;
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
        field.error = None;
        if action == Some(Action::Submit) {
            return FormEvent::Submit;
        }
        match &mut field.kind {
            FieldKind::Line(t) | FieldKind::Date(t) | FieldKind::Text(t) => {
                t.input(key);
            }
            FieldKind::Choice { options, selected } => match action {
                Some(Action::NextOption) => *selected = (*selected + 1) % options.len().max(1),
                Some(Action::PrevOption) => {
                    *selected = (*selected + options.len().max(1) - 1) % options.len().max(1)
                }
                _ => {
                    if let KeyCode::Char(c) = key.code
                        && !ctrl
                    {
                        // The next option starting with the letter, so repeated presses cycle.
                        let n = options.len();
                        if let Some(i) = (1..=n).map(|k| (*selected + k) % n).find(|&i| {
                            options[i]
                                .chars()
                                .next()
                                .is_some_and(|f| f.to_lowercase().eq(c.to_lowercase()))
                        }) {
                            *selected = i;
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
            FieldKind::Pick { selected, list, .. } => match action {
                Some(Action::OpenList) => *list = Some(PickList::default()),
                Some(Action::ClearInput) => selected.clear(),
                _ => {
                    if let KeyCode::Char(c) = key.code
                        && !ctrl
                    {
                        *list = Some(PickList {
                            filter: c.to_string(),
                            cursor: 0,
                        });
                    }
                }
            },
        }
        FormEvent::None
    }
}
