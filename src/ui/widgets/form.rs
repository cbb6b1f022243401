//! The reusable form popup: single- and multi-line text (ratatui-textarea), choices, yes/no
//! toggles, dates, and reference pickers with a filtered list. Field keys are the domain's field
//! names, so a validation error from the domain lands next to its field.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui_textarea::{TextArea, WrapMode};

use super::{centered, fit, key_line};
use crate::ui::theme;

pub enum FieldKind {
    Line(TextArea<'static>),
    Text(TextArea<'static>),
    Date(TextArea<'static>),
    Choice {
        options: Vec<String>,
        selected: usize,
    },
    Toggle(bool),
    /// Read-only guidance, skipped by Tab.
    Note(String),
    /// A reference picker; `multi` lets it hold several references.
    Pick {
        options: Vec<(i64, String)>,
        selected: Vec<i64>,
        multi: bool,
        list: Option<PickList>,
    },
}

/// The open list of a reference picker: what was typed and the highlighted option.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PickList {
    pub filter: String,
    pub cursor: usize,
}

pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    None,
    Submit,
    Cancel,
}

pub struct Form {
    pub title: String,
    fields: Vec<Field>,
    focus: usize,
    initial: Vec<String>,
    asking_discard: bool,
    /// An error that belongs to no single field.
    pub message: Option<String>,
}

fn text_area(value: &str, multiline: bool) -> TextArea<'static> {
    let lines: Vec<String> = if multiline {
        value.lines().map(str::to_string).collect()
    } else {
        vec![value.replace('\n', " ")]
    };
    let mut t = TextArea::new(if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    });
    t.set_cursor_line_style(Style::new());
    if multiline {
        t.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

impl Form {
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            fields: Vec::new(),
            focus: 0,
            initial: Vec::new(),
            asking_discard: false,
            message: None,
        }
    }

    fn push(mut self, key: &'static str, label: &'static str, kind: FieldKind) -> Self {
        self.fields.push(Field {
            key,
            label,
            kind,
            error: None,
        });
        self.initial = self.snapshot();
        // The focus starts on the first field that takes input.
        if matches!(
            self.fields.get(self.focus).map(|f| &f.kind),
            Some(FieldKind::Note(_))
        ) {
            self.focus = self.fields.len() - 1;
        }
        self
    }

    pub fn line(self, key: &'static str, label: &'static str, value: &str) -> Self {
        self.push(key, label, FieldKind::Line(text_area(value, false)))
    }

    pub fn text(self, key: &'static str, label: &'static str, value: &str) -> Self {
        self.push(key, label, FieldKind::Text(text_area(value, true)))
    }

    pub fn date(
        self,
        key: &'static str,
        label: &'static str,
        value: Option<chrono::NaiveDate>,
    ) -> Self {
        let mut t = text_area(&value.map(|d| d.to_string()).unwrap_or_default(), false);
        t.set_placeholder_text("YYYY-MM-DD");
        self.push(key, label, FieldKind::Date(t))
    }

    pub fn choice(
        self,
        key: &'static str,
        label: &'static str,
        options: Vec<impl Into<String>>,
        selected: usize,
    ) -> Self {
        let options: Vec<String> = options.into_iter().map(Into::into).collect();
        let selected = selected.min(options.len().saturating_sub(1));
        self.push(key, label, FieldKind::Choice { options, selected })
    }

    /// A line of guidance the form shows but nobody types into.
    pub fn note(self, key: &'static str, label: &'static str, text: &str) -> Self {
        self.push(key, label, FieldKind::Note(text.to_string()))
    }

    /// Replaces the text of a note.
    pub fn set_note(&mut self, key: &str, text: &str) {
        if let Some(FieldKind::Note(t)) = self
            .fields
            .iter_mut()
            .find(|f| f.key == key)
            .map(|f| &mut f.kind)
        {
            *t = text.to_string();
        }
    }

    pub fn toggle(self, key: &'static str, label: &'static str, value: bool) -> Self {
        self.push(key, label, FieldKind::Toggle(value))
    }

    pub fn pick(
        self,
        key: &'static str,
        label: &'static str,
        options: Vec<(i64, String)>,
        selected: Option<i64>,
    ) -> Self {
        let kind = FieldKind::Pick {
            options,
            selected: selected.into_iter().collect(),
            multi: false,
            list: None,
        };
        self.push(key, label, kind)
    }

    /// A picker of several references (dependencies, linked risks...).
    pub fn pick_many(
        self,
        key: &'static str,
        label: &'static str,
        options: Vec<(i64, String)>,
        selected: Vec<i64>,
    ) -> Self {
        let kind = FieldKind::Pick {
            options,
            selected,
            multi: true,
            list: None,
        };
        self.push(key, label, kind)
    }

    fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The text of a text or date field, lines joined with `\n`.
    pub fn value(&self, key: &str) -> String {
        match self.field(key).map(|f| &f.kind) {
            Some(FieldKind::Line(t) | FieldKind::Text(t) | FieldKind::Date(t)) => {
                t.lines().join("\n")
            }
            _ => String::new(),
        }
    }

    pub fn choice_index(&self, key: &str) -> usize {
        match self.field(key).map(|f| &f.kind) {
            Some(FieldKind::Choice { selected, .. }) => *selected,
            _ => 0,
        }
    }

    pub fn toggled(&self, key: &str) -> bool {
        matches!(
            self.field(key).map(|f| &f.kind),
            Some(FieldKind::Toggle(true))
        )
    }

    pub fn picked(&self, key: &str) -> Option<i64> {
        match self.field(key).map(|f| &f.kind) {
            Some(FieldKind::Pick { selected, .. }) => selected.first().copied(),
            _ => None,
        }
    }

    /// Every reference chosen in a picker.
    pub fn picked_all(&self, key: &str) -> Vec<i64> {
        match self.field(key).map(|f| &f.kind) {
            Some(FieldKind::Pick { selected, .. }) => selected.clone(),
            _ => Vec::new(),
        }
    }

    /// Moves the focus to the next (or previous) field that takes input.
    fn step_focus(&mut self, forward: bool) {
        let n = self.fields.len();
        for k in 1..=n {
            let i = if forward {
                (self.focus + k) % n
            } else {
                (self.focus + n * 2 - k) % n
            };
            if !matches!(self.fields[i].kind, FieldKind::Note(_)) {
                self.focus = i;
                return;
            }
        }
    }

    pub fn focused_key(&self) -> Option<&'static str> {
        self.fields.get(self.focus).map(|f| f.key)
    }

    /// Shows `message` next to the field `key` and moves there; a key no field has becomes the
    /// form's own message.
    pub fn set_error(&mut self, key: &str, message: impl Into<String>) {
        let message = message.into();
        match self.fields.iter().position(|f| f.key == key) {
            Some(i) => {
                self.fields[i].error = Some(message);
                self.focus = i;
            }
            None => self.message = Some(message),
        }
    }

    pub fn clear_errors(&mut self) {
        self.message = None;
        for f in &mut self.fields {
            f.error = None;
        }
    }

    pub fn has_errors(&self) -> bool {
        self.message.is_some() || self.fields.iter().any(|f| f.error.is_some())
    }

    fn snapshot(&self) -> Vec<String> {
        self.fields
            .iter()
            .map(|f| match &f.kind {
                FieldKind::Line(t) | FieldKind::Text(t) | FieldKind::Date(t) => {
                    t.lines().join("\n")
                }
                FieldKind::Choice { selected, .. } => selected.to_string(),
                FieldKind::Toggle(b) => b.to_string(),
                // Guidance is not something the user typed.
                FieldKind::Note(_) => String::new(),
                FieldKind::Pick { selected, .. } => format!("{selected:?}"),
            })
            .collect()
    }

    /// Something was typed or changed since the form opened.
    pub fn is_dirty(&self) -> bool {
        self.snapshot() != self.initial
    }

    pub fn keys(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("Tab S-Tab", "field"),
            ("Ctrl-S", "save"),
            ("Enter", "save / new line in text"),
            ("←→ a-z", "choose"),
            ("Space", "toggle, pick"),
            ("Esc", "cancel"),
        ]
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FormEvent {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if self.asking_discard {
            match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => return FormEvent::Cancel,
                _ => self.asking_discard = false,
            }
            return FormEvent::None;
        }
        if ctrl && key.code == KeyCode::Char('s') {
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
            match key.code {
                KeyCode::Esc => *list = None,
                KeyCode::Enter if !*multi => {
                    if let Some((id, _)) = matching.get(l.cursor).copied() {
                        *selected = vec![*id];
                    }
                    *list = None;
                }
                KeyCode::Enter => *list = None,
                KeyCode::Char(' ') if *multi => {
                    if let Some((id, _)) = matching.get(l.cursor).copied() {
                        match selected.iter().position(|s| s == id) {
                            Some(at) => {
                                selected.remove(at);
                            }
                            None => selected.push(*id),
                        }
                    }
                }
                KeyCode::Down => l.cursor = (l.cursor + 1).min(matching.len().saturating_sub(1)),
                KeyCode::Up => l.cursor = l.cursor.saturating_sub(1),
                KeyCode::Backspace => {
                    l.filter.pop();
                    l.cursor = 0;
                }
                KeyCode::Char(c) if !ctrl => {
                    l.filter.push(c);
                    l.cursor = 0;
                }
                _ => {}
            }
            return FormEvent::None;
        }
        match key.code {
            KeyCode::Esc => {
                if self.is_dirty() {
                    self.asking_discard = true;
                    return FormEvent::None;
                }
                return FormEvent::Cancel;
            }
            KeyCode::Tab => {
                self.step_focus(true);
                return FormEvent::None;
            }
            KeyCode::BackTab => {
                self.step_focus(false);
                return FormEvent::None;
            }
            _ => {}
        }
        field.error = None;
        match &mut field.kind {
            FieldKind::Line(t) | FieldKind::Date(t) => {
                if key.code == KeyCode::Enter {
                    return FormEvent::Submit;
                }
                t.input(key);
            }
            FieldKind::Text(t) => {
                t.input(key);
            }
            FieldKind::Choice { options, selected } => match key.code {
                KeyCode::Enter => return FormEvent::Submit,
                KeyCode::Right | KeyCode::Down | KeyCode::Char(' ') => {
                    *selected = (*selected + 1) % options.len().max(1)
                }
                KeyCode::Left | KeyCode::Up => {
                    *selected = (*selected + options.len().max(1) - 1) % options.len().max(1)
                }
                KeyCode::Char(c) if !ctrl => {
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
                _ => {}
            },
            FieldKind::Note(_) => {
                if key.code == KeyCode::Enter {
                    return FormEvent::Submit;
                }
            }
            FieldKind::Toggle(value) => match key.code {
                KeyCode::Enter => return FormEvent::Submit,
                KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right => *value = !*value,
                KeyCode::Char('y') | KeyCode::Char('j') => *value = true,
                KeyCode::Char('n') => *value = false,
                _ => {}
            },
            FieldKind::Pick { selected, list, .. } => match key.code {
                KeyCode::Enter | KeyCode::Char(' ') | KeyCode::Down => {
                    *list = Some(PickList::default())
                }
                KeyCode::Backspace | KeyCode::Delete => selected.clear(),
                KeyCode::Char(c) if !ctrl => {
                    *list = Some(PickList {
                        filter: c.to_string(),
                        cursor: 0,
                    })
                }
                _ => {}
            },
        }
        FormEvent::None
    }

    /// Inserts pasted text into the focused text field; line breaks become spaces on one line.
    pub fn paste(&mut self, text: &str) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            match &mut field.kind {
                FieldKind::Line(t) | FieldKind::Date(t) => {
                    t.insert_str(text.replace(['\r', '\n'], " "));
                }
                FieldKind::Text(t) => {
                    t.insert_str(text.replace("\r\n", "\n"));
                }
                _ => {}
            }
        }
    }

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
            let marker = if focused { "▸ " } else { "  " };
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
            self.render_input(frame, input, f, focused);
            if focused && matches!(&f.kind, FieldKind::Pick { list: Some(_), .. }) {
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
            FieldKind::Choice { options, selected } => {
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
fn visible_window(heights: &[u16], focus: usize, available: u16) -> (usize, usize) {
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

fn pick_matches<'a>(options: &'a [(i64, String)], filter: &str) -> Vec<&'a (i64, String)> {
    let needle = filter.to_lowercase();
    options
        .iter()
        .filter(|(_, label)| label.to_lowercase().contains(&needle))
        .collect()
}

fn render_pick_list(frame: &mut Frame, popup: Rect, anchor: Rect, field: &Field) {
    let FieldKind::Pick {
        options,
        selected,
        multi,
        list: Some(list),
    } = &field.kind
    else {
        return;
    };
    let matching = pick_matches(options, &list.filter);
    let height = (u16::try_from(matching.len()).unwrap_or(u16::MAX).min(8) + 3).min(popup.height);
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
            format!(" {}/{} ", matching.len(), options.len()),
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
    for (i, (id, label)) in matching.iter().enumerate().skip(start).take(visible) {
        let style = if i == list.cursor {
            theme::selected()
        } else {
            theme::value()
        };
        let text = if *multi {
            let mark = if selected.contains(id) {
                "[x] "
            } else {
                "[ ] "
            };
            format!("{mark}{label}")
        } else {
            label.clone()
        };
        lines.push(Line::styled(fit(&text, inner.width), style));
    }
    if matching.is_empty() {
        lines.push(Line::styled("nothing matches", theme::muted()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
