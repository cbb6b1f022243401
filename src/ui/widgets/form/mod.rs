//! The reusable form popup: single- and multi-line text (ratatui-textarea), choices with a
//! drop-down list, yes/no toggles, dates (today with one key), and reference pickers with a
//! filtered list. Field keys are the domain's `Field` constants, so a validation error from the
//! domain lands next to its field. A field that does not apply now is disabled: skipped by Tab,
//! drawn with the reason, its value kept.

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
        /// The drop-down list, while it is open.
        list: Option<PickList>,
    },
    Toggle(bool),
    /// Read-only guidance, skipped by Tab.
    Note(String),
    /// A person of the people register, picked by typing part of their name; a name nobody
    /// has yet is taken as a new person, whom saving adds to the register.
    Person {
        name: String,
        people: Vec<String>,
        list: Option<PickList>,
    },
    /// Several people of the register (attendees): Enter adds the person found, or takes them
    /// out again; a name nobody has is added as a new person.
    People {
        names: Vec<String>,
        people: Vec<String>,
        list: Option<PickList>,
    },
    /// A reference picker; `multi` lets it hold several references.
    Pick {
        options: Vec<(i64, String)>,
        selected: Vec<i64>,
        multi: bool,
        list: Option<PickList>,
    },
}

/// The open list of a choice or a reference picker: what was typed and the highlighted option.
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
    /// Why the field does not apply now, if it does not: Tab skips it, its value stays.
    pub disabled: Option<&'static str>,
}

/// Why a field does not apply to what the form says now (`None`: it applies). A plain function
/// of the form, so that the form can ask it after every key, before Tab moves on.
pub type Applies = fn(&Form) -> Option<&'static str>;

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
    /// The day a date field's "today" key enters, from the app's clock; none hides the key.
    today: Option<chrono::NaiveDate>,
    /// The field the last key changed, so that a screen can follow up on that change alone.
    changed: Option<Name>,
    /// The fields that apply only sometimes, and the rule that says when not.
    rules: Vec<(Name, Applies)>,
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
            today: None,
            changed: None,
            rules: Vec::new(),
        }
    }

    /// The day the "today" key enters in a date field.
    pub fn set_today(&mut self, today: chrono::NaiveDate) {
        self.today = Some(today);
    }

    fn push(mut self, key: Name, label: &'static str, kind: FieldKind) -> Self {
        self.fields.push(Field {
            key,
            label,
            kind,
            error: None,
            disabled: None,
        });
        self.initial = self.snapshot();
        // The focus starts on the first field that takes input.
        if !self.takes_focus(self.focus) {
            self.focus = self.fields.len() - 1;
        }
        self
    }

    /// Whether the field at `i` can have the focus: it takes input and applies now.
    fn takes_focus(&self, i: usize) -> bool {
        self.fields
            .get(i)
            .is_some_and(|f| !matches!(f.kind, FieldKind::Note(_)) && f.disabled.is_none())
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
        self.push(
            key,
            label,
            FieldKind::Choice {
                options,
                selected,
                list: None,
            },
        )
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

    /// Replaces the text of a line, text or date field (a value the form proposes).
    pub fn set_text(&mut self, key: Name, value: &str) {
        if let Some(field) = self.fields.iter_mut().find(|f| f.key == key) {
            match &mut field.kind {
                FieldKind::Line(t) => *t = text_area(value, false),
                FieldKind::Date(t) => {
                    *t = text_area(value, false);
                    t.set_placeholder_text("YYYY-MM-DD");
                }
                FieldKind::Text(t) => *t = text_area(value, true),
                _ => {}
            }
        }
    }

    pub fn toggle(self, key: Name, label: &'static str, value: bool) -> Self {
        self.push(key, label, FieldKind::Toggle(value))
    }

    /// Ticks or unticks a toggle, for a rule that ties one field to another.
    pub fn set_toggle(&mut self, key: Name, value: bool) {
        if let Some(FieldKind::Toggle(v)) = self
            .fields
            .iter_mut()
            .find(|f| f.key == key)
            .map(|f| &mut f.kind)
        {
            *v = value;
        }
    }

    /// Disables the field `key` with the reason it does not apply (`None` enables it again).
    /// Tab skips a disabled field and the form draws the reason; its value stays as it was,
    /// so that nothing typed is lost when it applies again. The focus leaves it.
    pub fn set_disabled(&mut self, key: Name, reason: Option<&'static str>) {
        let Some(i) = self.fields.iter().position(|f| f.key == key) else {
            debug_assert!(false, "the form {:?} has no field {key:?}", self.title);
            return;
        };
        self.fields[i].disabled = reason;
        if reason.is_some() && self.focus == i {
            self.step_focus(true);
        }
    }

    /// Disables the field `key` whenever `rule` gives a reason, asked now and after every key.
    pub fn disabled_when(mut self, key: Name, rule: Applies) -> Self {
        self.rules.push((key, rule));
        self.apply_rules();
        self
    }

    fn apply_rules(&mut self) {
        for (key, rule) in self.rules.clone() {
            let reason = rule(self);
            self.set_disabled(key, reason);
        }
    }

    /// Why the field `key` does not apply now, if it is disabled.
    pub fn disabled(&self, key: Name) -> Option<&'static str> {
        self.field(key).and_then(|f| f.disabled)
    }

    /// The field the last key changed (a toggle ticked, a choice made, text typed), if any.
    pub fn changed(&self) -> Option<Name> {
        self.changed
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

    /// A person's name, picked from `people` (the register's names) or typed as a new one.
    pub fn person(self, key: Name, label: &'static str, value: &str, people: &[String]) -> Self {
        let kind = FieldKind::Person {
            name: value.trim().to_string(),
            people: people.to_vec(),
            list: None,
        };
        self.push(key, label, kind)
    }

    /// Several people's names, picked from `people` or typed as new ones.
    pub fn people(
        self,
        key: Name,
        label: &'static str,
        value: &[String],
        people: &[String],
    ) -> Self {
        let kind = FieldKind::People {
            names: value.to_vec(),
            people: people.to_vec(),
            list: None,
        };
        self.push(key, label, kind)
    }

    /// The names chosen in a people field.
    pub fn names(&self, key: Name) -> Vec<String> {
        match self.field(key).map(|f| &f.kind) {
            Some(FieldKind::People { names, .. }) => names.clone(),
            _ => Vec::new(),
        }
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
            Some(FieldKind::Person { name, .. }) => name.clone(),
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

    /// Moves the focus to the next (or previous) field that takes input and applies now. A
    /// date it leaves is written as ISO once it reads as a date.
    fn step_focus(&mut self, forward: bool) {
        self.normalise_date();
        let n = self.fields.len();
        for k in 1..=n {
            let i = if forward {
                (self.focus + k) % n
            } else {
                (self.focus + n * 2 - k) % n
            };
            if self.takes_focus(i) {
                self.focus = i;
                return;
            }
        }
    }

    /// The focused date as ISO (`30.9.2026` becomes `2026-09-30`); text that is no date stays
    /// as typed, for the error on saving to quote.
    fn normalise_date(&mut self) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        if let FieldKind::Date(t) = &mut field.kind {
            let typed = t.lines().join("");
            if let Ok(Some(d)) = crate::domain::text::date(field.key, &typed)
                && d.to_string() != typed
            {
                replace_text(t, &d.to_string());
            }
        }
    }

    /// The form opening on the field `key` rather than the first (a proposed choice above it
    /// that is usually right).
    pub fn focus_on(mut self, key: Name) -> Self {
        match self.fields.iter().position(|f| f.key == key) {
            Some(i) if self.takes_focus(i) => self.focus = i,
            _ => debug_assert!(false, "the form {:?} cannot focus {key:?}", self.title),
        }
        self
    }

    pub fn focused_key(&self) -> Option<Name> {
        self.fields.get(self.focus).map(|f| f.key)
    }

    /// Shows `message` next to the field `key` and moves there (unless it is disabled, where
    /// nothing can be typed); a key no field has becomes the form's own message.
    pub fn set_error(&mut self, key: Name, message: impl Into<String>) {
        let message = message.into();
        match self.fields.iter().position(|f| f.key == key) {
            Some(i) => {
                self.fields[i].error = Some(message);
                if self.fields[i].disabled.is_none() {
                    self.focus = i;
                }
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
        self.fields.iter().map(|f| f.kind.state()).collect()
    }

    /// Something was typed or changed since the form opened.
    pub fn is_dirty(&self) -> bool {
        self.snapshot() != self.initial
    }

    /// Inserts pasted text into the focused text field; line breaks become spaces on one line.
    /// A paste that would make the value longer than the field takes is refused whole: the
    /// field keeps its value and says so, and how to clear it.
    pub fn paste(&mut self, text: &str) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        if field.disabled.is_some() {
            return;
        }
        let (t, pasted, max, clears) = match &mut field.kind {
            FieldKind::Line(t) | FieldKind::Date(t) => (
                t,
                text.replace(['\r', '\n'], " "),
                crate::domain::text::LINE_MAX,
                "clears it",
            ),
            FieldKind::Text(t) => (
                t,
                text.replace("\r\n", "\n"),
                crate::domain::text::TEXT_MAX,
                "clears a line",
            ),
            _ => return,
        };
        let had: usize = t.lines().iter().map(|l| l.chars().count()).sum();
        if had + pasted.chars().count() > max {
            // The cursor goes to the end, where the key that deletes to the start clears it.
            t.move_cursor(ratatui_textarea::CursorMove::Bottom);
            t.move_cursor(ratatui_textarea::CursorMove::End);
            let key = crate::ui::keymap::key_name(
                crate::ui::keymap::Context::FormLine,
                crate::ui::keymap::Action::DeleteToStart,
            );
            field.error = Some(format!(
                "the pasted text would make it longer than {max} characters; the field keeps \
                 its value. {key} {clears}."
            ));
            return;
        }
        field.error = None;
        t.insert_str(pasted);
        self.changed = Some(field.key);
        self.apply_rules();
    }
}

impl FieldKind {
    /// What the user set in the field, to tell whether it changed.
    fn state(&self) -> String {
        match self {
            FieldKind::Line(t) | FieldKind::Text(t) | FieldKind::Date(t) => t.lines().join("\n"),
            FieldKind::Choice { selected, .. } => selected.to_string(),
            FieldKind::Toggle(b) => b.to_string(),
            // Guidance is not something the user typed.
            FieldKind::Note(_) => String::new(),
            FieldKind::Pick { selected, .. } => format!("{selected:?}"),
            FieldKind::Person { name, .. } => name.clone(),
            FieldKind::People { names, .. } => names.join("\n"),
        }
    }
}

/// What a people field's list offers: the register's people, and the names chosen that are
/// nobody's yet (new people, shown marked so that they can be taken out again).
pub(super) fn people_and_chosen(people: &[String], names: &[String]) -> Vec<String> {
    let mut all = people.to_vec();
    for name in names {
        if !all.iter().any(|p| p.eq_ignore_ascii_case(name)) {
            all.push(name.clone());
        }
    }
    all
}

/// Adds `name` to `names`, or takes it out when it is there already (letter case aside).
pub(super) fn toggle_name(names: &mut Vec<String>, name: &str) {
    match names.iter().position(|n| n.eq_ignore_ascii_case(name)) {
        Some(at) => {
            names.remove(at);
        }
        None => names.push(name.to_string()),
    }
}

/// What an open person list offers for `filter`: the people whose name contains it (those
/// that start with it first), and last, when something is typed that is nobody's name, that
/// name as a new person.
pub(super) fn person_options<'a>(people: &'a [String], filter: &'a str) -> Vec<PersonOption<'a>> {
    let typed = filter.trim();
    let mut options: Vec<PersonOption<'a>> = list_matches(people.iter().map(String::as_str), typed)
        .into_iter()
        .map(|i| PersonOption::Known(people[i].as_str()))
        .collect();
    if !typed.is_empty() && !people.iter().any(|p| p.eq_ignore_ascii_case(typed)) {
        options.push(PersonOption::New(typed));
    }
    options
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PersonOption<'a> {
    Known(&'a str),
    New(&'a str),
}

impl<'a> PersonOption<'a> {
    pub(super) fn name(self) -> &'a str {
        match self {
            Self::Known(name) | Self::New(name) => name,
        }
    }
}

/// Replaces the whole text of an editor, through its edits, so that undo can take it back.
fn replace_text(t: &mut TextArea<'static>, text: &str) {
    t.select_all();
    t.cut();
    t.insert_str(text);
}

/// The positions of the options whose label contains `filter` (ignoring case): those that
/// start with it first, so that typing the first letters finds an option at the top.
fn list_matches<'a>(labels: impl Iterator<Item = &'a str>, filter: &str) -> Vec<usize> {
    let needle = filter.to_lowercase();
    let mut found: Vec<(bool, usize)> = labels
        .enumerate()
        .filter_map(|(i, label)| {
            let label = label.to_lowercase();
            label
                .contains(&needle)
                .then(|| (!label.starts_with(&needle), i))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, i)| i).collect()
}

fn pick_matches<'a>(options: &'a [(i64, String)], filter: &str) -> Vec<&'a (i64, String)> {
    list_matches(options.iter().map(|(_, l)| l.as_str()), filter)
        .into_iter()
        .map(|i| &options[i])
        .collect()
}

mod keys;
mod render;

#[cfg(test)]
mod tests;
