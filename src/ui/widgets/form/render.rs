//! Drawing the form popup: fields in rows, errors under their field, a window of fields when
//! the form is taller than the terminal, and the open list of a picker.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::{
    Field, FieldKind, Form, PersonOption, PickList, list_matches, people_and_chosen,
    person_options, pick_matches,
};
use crate::ui::theme;
use crate::ui::widgets::{centered, fit, key_line};

impl Form {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let width = area.width.saturating_sub(4).min(84);
        let room = area.height.saturating_sub(2);
        let label_width = 24.min(width.saturating_sub(2) / 3);
        let input_width = usize::from(width.saturating_sub(2 + label_width)).max(1);
        // An error gets the rows it needs below its field (at most three).
        let error_width = usize::from(width.saturating_sub(4)).max(1);
        let error_rows = |f: &Field| {
            f.error.as_ref().map_or(0, |e| {
                let len = format!("⚠ {}: {e}", f.label).chars().count();
                u16::try_from(len.div_ceil(error_width).clamp(1, 3)).unwrap_or(3)
            })
        };
        let note_rows = |text: &str| {
            let lines: usize = text
                .lines()
                .map(|l| l.chars().count().div_ceil(input_width).max(1))
                .sum();
            u16::try_from(lines.clamp(1, 4)).unwrap_or(4)
        };
        let chrome = 2 + 2 + u16::from(self.message.is_some() || self.asking_discard);
        let fixed: u16 = self
            .fields
            .iter()
            .map(|f| {
                error_rows(f)
                    + match &f.kind {
                        FieldKind::Text(_) => 0,
                        FieldKind::Note(t) => note_rows(t),
                        _ => 1,
                    }
            })
            .sum();
        let texts = u16::try_from(
            self.fields
                .iter()
                .filter(|f| matches!(f.kind, FieldKind::Text(_)))
                .count(),
        )
        .unwrap_or(0);
        let per_text = room
            .saturating_sub(chrome + fixed)
            .checked_div(texts)
            .map_or(0, |n| n.clamp(1, 5));
        let field_height = |f: &Field| {
            error_rows(f)
                + match &f.kind {
                    FieldKind::Text(_) => per_text,
                    FieldKind::Note(t) => note_rows(t),
                    _ => 1,
                }
        };
        // When the fields do not fit, show a window of them around the focus.
        let available = room.saturating_sub(chrome);
        let (start, end) = visible_window(
            &self.fields.iter().map(field_height).collect::<Vec<_>>(),
            self.focus,
            available,
        );
        let shown: u16 = self.fields[start..end].iter().map(field_height).sum();
        let popup = centered(area, width, chrome + shown);
        frame.render_widget(Clear, popup);
        let mut title = format!(" {} ", self.title);
        if start > 0 || end < self.fields.len() {
            title.push_str(&format!(
                "(fields {}-{} of {}) ",
                start + 1,
                end,
                self.fields.len()
            ));
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::focus_border())
            .title(Span::styled(title, theme::title()));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);

        let mut rows: Vec<Constraint> = Vec::new();
        for f in &self.fields[start..end] {
            rows.push(Constraint::Length(field_height(f) - error_rows(f)));
            if f.error.is_some() {
                rows.push(Constraint::Length(error_rows(f)));
            }
        }
        rows.push(Constraint::Length(1));
        rows.push(Constraint::Length(u16::from(
            self.message.is_some() || self.asking_discard,
        )));
        rows.push(Constraint::Min(1));
        let areas = Layout::vertical(rows).split(inner);
        let mut at = 0;
        let mut open_list: Option<(Rect, &Field)> = None;
        for (i, f) in self.fields.iter().enumerate().take(end).skip(start) {
            let focused = i == self.focus;
            let [label, input] =
                Layout::horizontal([Constraint::Length(label_width), Constraint::Min(1)])
                    .areas(areas[at]);
            let label_style = if focused {
                theme::key()
            } else {
                theme::label()
            };
            let marker = match (focused, f.disabled.is_some()) {
                (true, _) => "▸ ",
                // Survives NO_COLOR: the field that does not apply is marked in text.
                (false, true) => "– ",
                (false, false) => "  ",
            };
            frame.render_widget(
                Paragraph::new(Span::styled(
                    fit(
                        &format!("{marker}{}", f.label),
                        label_width.saturating_sub(1),
                    ),
                    label_style,
                )),
                label,
            );
            if let Some(reason) = f.disabled {
                render_disabled(frame, input, f, reason);
            } else {
                self.render_input(frame, input, f, focused);
            }
            if focused
                && matches!(
                    &f.kind,
                    FieldKind::Pick { list: Some(_), .. }
                        | FieldKind::Choice { list: Some(_), .. }
                        | FieldKind::Person { list: Some(_), .. }
                        | FieldKind::People { list: Some(_), .. }
                )
            {
                open_list = Some((input, f));
            }
            at += 1;
            if let Some(e) = &f.error {
                let [_, msg] = Layout::horizontal([Constraint::Length(2), Constraint::Min(1)])
                    .areas(areas[at]);
                let text = format!("⚠ {}: {e}", f.label);
                frame.render_widget(
                    Paragraph::new(Span::styled(text, theme::error())).wrap(Wrap { trim: true }),
                    msg,
                );
                at += 1;
            }
        }
        at += 1;
        if self.asking_discard {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    "Discard what you typed? y discards, any other key returns.",
                    theme::warning(),
                )),
                areas[at],
            );
        } else if let Some(m) = &self.message {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    fit(&format!("⚠ {m}"), areas[at].width),
                    theme::error(),
                )),
                areas[at],
            );
        }
        let footer = areas[areas.len() - 1];
        frame.render_widget(
            Paragraph::new(key_line(&[
                ("Tab", "next"),
                ("Ctrl-S", "save"),
                ("Esc", "cancel"),
            ])),
            footer,
        );
        if let Some((anchor, field)) = open_list {
            render_pick_list(frame, popup, anchor, field);
        }
    }

    fn render_input(&self, frame: &mut Frame, area: Rect, field: &Field, focused: bool) {
        let boxed = if focused {
            theme::input_focused()
        } else {
            theme::input()
        };
        match &field.kind {
            FieldKind::Line(t) | FieldKind::Text(t) | FieldKind::Date(t) if focused => {
                let mut t = t.clone();
                t.set_style(boxed);
                t.set_cursor_style(theme::cursor());
                frame.render_widget(&t, area);
            }
            // Unfocused text shows from its start, however the editor last scrolled.
            FieldKind::Line(t) | FieldKind::Date(t) => {
                let text = fit(&t.lines().join(" "), area.width);
                frame.render_widget(Paragraph::new(Span::styled(text, boxed)).style(boxed), area);
            }
            FieldKind::Text(t) => {
                let lines: Vec<Line> = t.lines().iter().map(|l| Line::raw(l.clone())).collect();
                frame.render_widget(
                    Paragraph::new(lines)
                        .style(boxed)
                        .wrap(Wrap { trim: false }),
                    area,
                );
            }
            FieldKind::Choice {
                options, selected, ..
            } => {
                let text = options.get(*selected).map_or("", String::as_str);
                let arrows = if focused { "◂ " } else { "  " };
                let after = if focused { " ▸" } else { "" };
                frame.render_widget(
                    Paragraph::new(Span::styled(
                        fit(&format!("{arrows}{text}{after}"), area.width),
                        boxed,
                    )),
                    area,
                );
            }
            FieldKind::Note(text) => {
                frame.render_widget(
                    Paragraph::new(
                        text.lines()
                            .map(|l| Line::raw(l.to_string()))
                            .collect::<Vec<_>>(),
                    )
                    .style(theme::muted())
                    .wrap(Wrap { trim: false }),
                    area,
                );
            }
            FieldKind::Toggle(v) => {
                let text = if *v { "[x] yes" } else { "[ ] no" };
                frame.render_widget(Paragraph::new(Span::styled(text, boxed)), area);
            }
            FieldKind::People { names, .. } => {
                let text = if names.is_empty() {
                    "(nobody)  type a name".to_string()
                } else {
                    names.join(", ")
                };
                frame.render_widget(
                    Paragraph::new(Span::styled(fit(&text, area.width), boxed)),
                    area,
                );
            }
            FieldKind::Person { name, .. } => {
                let text = if name.is_empty() {
                    "(nobody)  type a name"
                } else {
                    name.as_str()
                };
                frame.render_widget(
                    Paragraph::new(Span::styled(fit(text, area.width), boxed)),
                    area,
                );
            }
            FieldKind::Pick {
                options, selected, ..
            } => {
                let labels: Vec<&str> = selected
                    .iter()
                    .filter_map(|id| options.iter().find(|(o, _)| o == id))
                    .map(|(_, label)| label.as_str())
                    .collect();
                let text = match labels.len() {
                    0 => "(none)  Space chooses".to_string(),
                    1 => labels[0].to_string(),
                    n => format!("{n}: {}", labels.join(", ")),
                };
                frame.render_widget(
                    Paragraph::new(Span::styled(fit(&text, area.width), boxed)),
                    area,
                );
            }
        }
    }
}

/// The fields `[start, end)` to show in `available` rows: all when they fit, else a window that
/// holds the focused field and as many around it as fit, the ones after it first.
pub(super) fn visible_window(heights: &[u16], focus: usize, available: u16) -> (usize, usize) {
    if heights.iter().sum::<u16>() <= available || heights.is_empty() {
        return (0, heights.len());
    }
    let focus = focus.min(heights.len() - 1);
    let (mut start, mut end) = (focus, focus + 1);
    let mut used = heights[focus];
    loop {
        let grew_end = end < heights.len() && used + heights[end] <= available;
        if grew_end {
            used += heights[end];
            end += 1;
        }
        let grew_start = start > 0 && used + heights[start - 1] <= available;
        if grew_start {
            start -= 1;
            used += heights[start];
        }
        if !grew_end && !grew_start {
            return (start, end);
        }
    }
}

/// A field that does not apply now: its value, dimmed, and why it does not apply.
fn render_disabled(frame: &mut Frame, area: Rect, field: &Field, reason: &str) {
    let value = match &field.kind {
        FieldKind::Line(t) | FieldKind::Text(t) | FieldKind::Date(t) => t.lines().join(" "),
        FieldKind::Choice {
            options, selected, ..
        } => options.get(*selected).cloned().unwrap_or_default(),
        FieldKind::Toggle(v) => if *v { "yes" } else { "no" }.to_string(),
        FieldKind::Person { name, .. } => name.clone(),
        FieldKind::People { names, .. } => names.join(", "),
        FieldKind::Note(_) | FieldKind::Pick { .. } => String::new(),
    };
    let text = if value.trim().is_empty() {
        format!("({reason})")
    } else {
        format!("({reason}) {value}")
    };
    frame.render_widget(
        Paragraph::new(Span::styled(fit(&text, area.width), theme::muted())),
        area.rows().next().unwrap_or(area),
    );
}

/// The open list of a choice or a picker, under its field: what was typed, and the options
/// that match it (all of them at first), the highlighted one marked.
fn render_pick_list(frame: &mut Frame, popup: Rect, anchor: Rect, field: &Field) {
    let offered: Vec<String>;
    let (labels, marks, list): (Vec<&str>, Vec<Option<bool>>, &PickList) = match &field.kind {
        FieldKind::Pick {
            options,
            selected,
            multi,
            list: Some(list),
        } => {
            let matching = pick_matches(options, &list.filter);
            (
                matching.iter().map(|(_, l)| l.as_str()).collect(),
                matching
                    .iter()
                    .map(|(id, _)| multi.then(|| selected.contains(id)))
                    .collect(),
                list,
            )
        }
        FieldKind::Choice {
            options,
            list: Some(list),
            ..
        } => {
            let matching = list_matches(options.iter().map(String::as_str), &list.filter);
            (
                matching.iter().map(|&i| options[i].as_str()).collect(),
                vec![None; matching.len()],
                list,
            )
        }
        FieldKind::Person {
            people,
            list: Some(list),
            ..
        } => {
            let options = person_options(people, &list.filter);
            (
                options
                    .iter()
                    .map(|o| match o {
                        PersonOption::Known(name) => *name,
                        PersonOption::New(_) => "+ a new person, added on saving",
                    })
                    .collect(),
                vec![None; options.len()],
                list,
            )
        }
        FieldKind::People {
            names,
            people,
            list: Some(list),
        } => {
            offered = people_and_chosen(people, names);
            let options = person_options(&offered, &list.filter);
            (
                options
                    .iter()
                    .map(|o| match o {
                        PersonOption::Known(name) => *name,
                        PersonOption::New(_) => "+ a new person, added on saving",
                    })
                    .collect(),
                options
                    .iter()
                    .map(|o| match o {
                        PersonOption::Known(name) => {
                            Some(names.iter().any(|n| n.eq_ignore_ascii_case(name)))
                        }
                        PersonOption::New(_) => None,
                    })
                    .collect(),
                list,
            )
        }
        _ => return,
    };
    let total = match &field.kind {
        FieldKind::Person { people, .. } => people.len(),
        FieldKind::People { people, names, .. } => people_and_chosen(people, names).len(),
        FieldKind::Pick { options, .. } => options.len(),
        FieldKind::Choice { options, .. } => options.len(),
        _ => 0,
    };
    let height = (u16::try_from(labels.len()).unwrap_or(u16::MAX).min(8) + 3).min(popup.height);
    let y = if anchor.y + 1 + height <= popup.bottom() {
        anchor.y + 1
    } else {
        popup.bottom().saturating_sub(height)
    };
    let area = Rect {
        x: anchor.x,
        y,
        width: anchor.width,
        height,
    };
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focus_border())
        .title(Span::styled(
            format!(" {}/{} ", labels.len(), total),
            theme::muted(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = vec![Line::from(vec![
        Span::styled("/", theme::key()),
        Span::styled(format!("{}█", list.filter), theme::value()),
    ])];
    let visible = usize::from(inner.height.saturating_sub(1));
    let start = list.cursor.saturating_sub(visible.saturating_sub(1));
    for (i, (label, mark)) in labels
        .iter()
        .zip(&marks)
        .enumerate()
        .skip(start)
        .take(visible)
    {
        let style = if i == list.cursor {
            theme::selected()
        } else {
            theme::value()
        };
        let text = match mark {
            Some(true) => format!("[x] {label}"),
            Some(false) => format!("[ ] {label}"),
            None => (*label).to_string(),
        };
        lines.push(Line::styled(fit(&text, inner.width), style));
    }
    if labels.is_empty() {
        lines.push(Line::styled("nothing matches", theme::muted()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
