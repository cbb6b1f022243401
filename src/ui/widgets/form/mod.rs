//! The reusable form popup: single- and multi-line text (ratatui-textarea), choices, yes/no
//! toggles, dates, and reference pickers with a filtered list. Field keys are the domain's `Field`
//! constants, so a validation error from the domain lands next to its field.

use ratatui::style::Style;
use ratatui_textarea::{TextArea, WrapMode};

// The form's own `Field` is the widget a key finds; the key is the domain's field name.
use crate::domain::Field as Name;

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
    pub key: Name,
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

    fn push(mut self, key: Name, label: &'static str, kind: FieldKind) -> Self {
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

    pub fn line(self, key: Name, label: &'static str, value: &str) -> Self {
        self.push(key, label, FieldKind::Line(text_area(value, false)))
    }

    pub fn text(self, key: Name, label: &'static str, value: &str) -> Self {
        self.push(key, label, FieldKind::Text(text_area(value, true)))
    }

    pub fn date(self, key: Name, label: &'static str, value: Option<chrono::NaiveDate>) -> Self {
        let mut t = text_area(&value.map(|d| d.to_string()).unwrap_or_default(), false);
        t.set_placeholder_text("YYYY-MM-DD");
        self.push(key, label, FieldKind::Date(t))
    }

    pub fn choice(
        self,
        key: Name,
        label: &'static str,
        options: Vec<impl Into<String>>,
        selected: usize,
    ) -> Self {
        let options: Vec<String> = options.into_iter().map(Into::into).collect();
        let selected = selected.min(options.len().saturating_sub(1));
        self.push(key, label, FieldKind::Choice { options, selected })
    }

    /// A line of guidance the form shows but nobody types into.
    pub fn note(self, key: Name, label: &'static str, text: &str) -> Self {
        self.push(key, label, FieldKind::Note(text.to_string()))
    }

    /// Replaces the text of a note.
    pub fn set_note(&mut self, key: Name, text: &str) {
        if let Some(FieldKind::Note(t)) = self
            .fields
            .iter_mut()
            .find(|f| f.key == key)
            .map(|f| &mut f.kind)
        {
            *t = text.to_string();
        }
    }

    /// Replaces the text of a one-line field, for a value the form proposes from its other
    /// fields; the cursor goes to its end.
    pub fn set_value(&mut self, key: Name, text: &str) {
        if let Some(FieldKind::Line(t)) = self
            .fields
            .iter_mut()
            .find(|f| f.key == key)
            .map(|f| &mut f.kind)
        {
            *t = text_area(text, false);
        }
    }

    pub fn toggle(self, key: Name, label: &'static str, value: bool) -> Self {
        self.push(key, label, FieldKind::Toggle(value))
    }

    pub fn pick(
        self,
        key: Name,
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
        key: Name,
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

    /// The field of `key`. Asking for a key the form does not have is a slip of the code that
    /// built it (the answer would silently be empty): debug builds, and so every test, stop there.
    fn field(&self, key: Name) -> Option<&Field> {
        let found = self.fields.iter().find(|f| f.key == key);
        debug_assert!(
            found.is_some(),
            "the form {:?} has no field {key:?}",
            self.title
        );
        found
    }

    /// The text of a text or date field, lines joined with `\n`.
    pub fn value(&self, key: Name) -> String {
        match self.field(key).map(|f| &f.kind) {
            Some(FieldKind::Line(t) | FieldKind::Text(t) | FieldKind::Date(t)) => {
                t.lines().join("\n")
            }
            _ => String::new(),
        }
    }

    pub fn choice_index(&self, key: Name) -> usize {
        match self.field(key).map(|f| &f.kind) {
            Some(FieldKind::Choice { selected, .. }) => *selected,
            _ => 0,
        }
    }

    pub fn toggled(&self, key: Name) -> bool {
        matches!(
            self.field(key).map(|f| &f.kind),
            Some(FieldKind::Toggle(true))
        )
    }

    pub fn picked(&self, key: Name) -> Option<i64> {
        match self.field(key).map(|f| &f.kind) {
            Some(FieldKind::Pick { selected, .. }) => selected.first().copied(),
            _ => None,
        }
    }

    /// Every reference chosen in a picker.
    pub fn picked_all(&self, key: Name) -> Vec<i64> {
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

    pub fn focused_key(&self) -> Option<Name> {
        self.fields.get(self.focus).map(|f| f.key)
    }

    /// Shows `message` next to the field `key` and moves there; a key no field has becomes the
    /// form's own message.
    pub fn set_error(&mut self, key: Name, message: impl Into<String>) {
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
}

fn pick_matches<'a>(options: &'a [(i64, String)], filter: &str) -> Vec<&'a (i64, String)> {
    let needle = filter.to_lowercase();
    options
        .iter()
        .filter(|(_, label)| label.to_lowercase().contains(&needle))
        .collect()
}

mod keys;
mod render;

#[cfg(test)]
mod tests;
