//! The one action vocabulary and the keymap: every key the app reacts to is a row in a table of
//! its context (`tables.rs`), naming the action it stands for and how footers and `?` help say
//! it. Screens and widgets resolve a key with `action` and match actions; footers and help are
//! generated from the same rows, so the two cannot drift apart. Text entry (forms, filters) is
//! the one exception: typed characters still go to the text input.

mod context;
mod tables;
#[cfg(test)]
mod tests;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use context::{Context, PALETTE_KEY, STACKS, TAB_BAR_KEYS};
pub use tables::HELP_KEY;

/// Everything a key can ask for, whatever the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    // Everywhere
    Quit,
    Help,
    NextScreen,
    PrevScreen,
    /// The screen at this index (`1` is the first).
    GoToScreen(u8),
    /// The go-to palette that lists every screen.
    GoTo,
    Export,
    OpenWorkspace,
    /// The next theme (auto, dark, light, high contrast), remembered for the next start.
    NextTheme,
    // Views inside a screen
    NextView,
    PrevView,
    // Moving in a list, grid or matrix
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Opens or follows what is selected (a finding, a matrix cell, a workspace, a screen).
    Open,
    // Tables and registers
    Filter,
    Sort,
    SortReverse,
    /// Clears marks, then the filter.
    Clear,
    KeepFilter,
    ClearFilter,
    New,
    Edit,
    Delete,
    History,
    Facets,
    Ranked,
    Mark,
    Bulk,
    Links,
    Back,
    // Questions and dialogs
    Yes,
    No,
    Close,
    Forget,
    // Forms
    NextField,
    PrevField,
    Save,
    Submit,
    Cancel,
    NextOption,
    PrevOption,
    Toggle,
    OpenList,
    /// Text editing: delete to the start or the end of the line, the word before the cursor;
    /// undo the last change.
    DeleteToStart,
    DeleteToEnd,
    DeleteWord,
    Undo,
    /// A date field: enter today's date.
    Today,
    /// Shown only: the field under the cursor takes the key as text or a choice.
    Type,
    // Protection needs
    Raise,
    Lower,
    ClearLevel,
    Rationale,
    Methodology,
    Workshop,
    // The workshop
    Rate(u8),
    NextAsset,
    PrevAsset,
    AddAsset,
    Question,
    Resolve,
    EndWorkshop,
    /// A workshop's minutes, from the list of workshops.
    Minutes,
    /// Gives the selected person a role (the People screen).
    GiveRole,
    /// The Dashboard's findings grouped by clause, or by grade again.
    ByClause,
    // Risk methodology
    EditLikelihood,
    EditImpact,
    EditLevels,
    // Scope statements
    EditScope,
    EditCertificateScope,
    EditClimateDecision,
    // SoA versions
    Issue,
    /// A new version of the document selected in the register of documents.
    AddVersion,
    /// A finding recorded in the audit selected (the Audits screen).
    RecordFinding,
    /// The nonconformity a major or minor finding records, raised in one key.
    RaiseNonconformity,
    /// A corrective action for the nonconformity selected.
    AddCorrectiveAction,
    /// The effectiveness review of the nonconformity selected.
    ReviewEffectiveness,
    /// A corrective action marked done (or open again).
    ToggleDone,
    /// A measurement of the objective selected in the register of objectives.
    Measure,
    /// The selected objective's built-in measure, computed and recorded today.
    MeasureNow,
    /// Holds the selected management review today, freezing its inputs.
    HoldReview,
    /// Confirms the selected risk, or the asset's protection needs, unchanged for the open
    /// cycle (takes its "to re-assess" mark off).
    ConfirmUnchanged,
    /// Closes the yearly cycle into a named baseline (asks the name, then to confirm).
    CloseCycle,
    // Before a workspace is open
    Demo,
    ClearInput,
}

/// A key as the keymap names it: a code and the modifiers that must be held. Shift is part of
/// the character (`G`, `?`), so it is never compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    /// Works, but footers and help do not print it (`j` beside `↓`).
    pub alias: bool,
}

impl Key {
    pub const fn code(code: KeyCode) -> Self {
        Self {
            code,
            modifiers: KeyModifiers::NONE,
            alias: false,
        }
    }

    pub const fn char(c: char) -> Self {
        Self::code(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
            alias: false,
        }
    }

    /// The same key, not printed.
    pub const fn alias(self) -> Self {
        Self {
            alias: true,
            ..self
        }
    }

    /// Whether a key event is this key: same code, same Ctrl and Alt.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let held = KeyModifiers::CONTROL | KeyModifiers::ALT;
        self.code == event.code && (event.modifiers & held) == self.modifiers
    }

    /// Whether two keys are the same key (for finding double bindings).
    pub fn same(&self, other: &Key) -> bool {
        self.code == other.code && self.modifiers == other.modifiers
    }

    /// How help and footers print the key: `Ctrl-C`, `Shift-Tab`, `Space`, `Del`, `↑`.
    pub fn name(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if self.modifiers.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_uppercase().to_string()
            }
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Delete => "Del".into(),
            other => format!("{other}"),
        };
        let mut name = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            name.push_str("Ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            name.push_str("Alt-");
        }
        name + &base
    }
}

/// One row of a context's table: the keys, the action, and what footer and help say.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// What help says; empty leaves the row out of help and footer (a second way to do
    /// something listed already).
    pub label: &'static str,
    /// What the footer says, if it lists the row at all (help lists every labelled row).
    pub footer: Option<&'static str>,
    /// Printed instead of the keys, for what is typed rather than pressed (`type`, `a-z`).
    pub shown: Option<&'static str>,
}

impl Binding {
    pub const fn new(keys: &'static [Key], action: Action, label: &'static str) -> Self {
        Self {
            keys,
            action,
            label,
            footer: Some(label),
            shown: None,
        }
    }

    /// Listed in help only, not in the footer.
    pub const fn help_only(self) -> Self {
        Self {
            footer: None,
            ..self
        }
    }

    /// Shorter in the footer than in help.
    pub const fn in_footer(self, short: &'static str) -> Self {
        Self {
            footer: Some(short),
            ..self
        }
    }

    /// A row that names typing (`type`: filter); no key resolves to it.
    pub const fn typing(shown: &'static str, label: &'static str) -> Self {
        Self {
            keys: &[],
            action: Action::Type,
            label,
            footer: Some(label),
            shown: Some(shown),
        }
    }
}

/// The action `key` stands for in `context`, if any.
pub fn action(context: Context, key: &KeyEvent) -> Option<Action> {
    context
        .bindings()
        .iter()
        .find(|b| b.keys.iter().any(|k| k.matches(key)))
        .map(|b| b.action)
}

/// How help prints the first key bound to `action` in `context`, for a message that names it
/// ("Ctrl-U clears it"); empty when nothing binds it.
pub fn key_name(context: Context, action: Action) -> String {
    context
        .bindings()
        .iter()
        .filter(|b| b.action == action)
        .flat_map(|b| b.keys.iter())
        .find(|k| !k.alias)
        .map(Key::name)
        .unwrap_or_default()
}

/// The action `key` stands for in the first of `contexts` that binds it.
pub fn action_in(contexts: &[Context], key: &KeyEvent) -> Option<Action> {
    contexts.iter().find_map(|c| action(*c, key))
}

/// Whether `key` opens help where `active` takes keys: `?` where one of its contexts binds it
/// (those where `?` is not typed), and F1 anywhere.
pub fn asks_help(active: &Active, key: &KeyEvent) -> bool {
    action(Context::Anywhere, key) == Some(Action::Help)
        || action_in(&active.contexts, key) == Some(Action::Help)
}

/// The footer's entry for help where `active` takes keys: none where a context of it binds
/// `?` or the global keys apply (they list `?`), else the key that works while typing.
pub fn typing_help(active: &Active) -> Option<(String, &'static str)> {
    let bound = active
        .contexts
        .iter()
        .any(|c| c.bindings().iter().any(|b| b.action == Action::Help));
    (active.captures() && !bound).then(|| (HELP_KEY.name(), "help"))
}

/// What the keys do now: the contexts that take keys (outermost first, the order footers list
/// them in), and what the footer leaves out or names otherwise at the moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Active {
    pub contexts: Vec<Context>,
    /// Bound, but not useful now (nothing selected, a register without facets...).
    pub hidden: Vec<Action>,
    /// A label that depends on the screen (`c`: "crown jewels" or "highest level").
    pub renamed: Vec<(Action, &'static str)>,
}

impl Active {
    pub fn of(contexts: Vec<Context>) -> Self {
        Self {
            contexts,
            ..Self::default()
        }
    }

    /// The same keys under an outer context (a bar of views) that gets keys first.
    pub fn under(mut self, outer: Context) -> Self {
        self.contexts.insert(0, outer);
        self
    }

    pub fn hide(mut self, action: Action, hidden: bool) -> Self {
        if hidden {
            self.hidden.push(action);
        }
        self
    }

    /// Whether typing goes to a text input or a dialog, so that global keys do not apply.
    pub fn captures(&self) -> bool {
        self.contexts.iter().any(|c| c.captures())
    }

    /// The footer's entries, `(keys, what)`, rows with one label merged.
    pub fn footer(&self) -> Vec<(String, &'static str)> {
        self.entries(true)
    }

    /// Help's entries: the footer's and those only help lists.
    pub fn help(&self) -> Vec<(String, &'static str)> {
        self.entries(false)
    }

    fn entries(&self, footer: bool) -> Vec<(String, &'static str)> {
        let rows = self
            .contexts
            .iter()
            .flat_map(|c| c.bindings().iter())
            .filter(|b| !self.hidden.contains(&b.action))
            .filter_map(|b| {
                let label = if footer { b.footer? } else { b.label };
                let label = self
                    .renamed
                    .iter()
                    .find(|(a, _)| *a == b.action)
                    .map_or(label, |(_, l)| l);
                (!label.is_empty()).then_some((b, label))
            });
        let mut entries: Vec<(Vec<String>, &'static str)> = Vec::new();
        for (b, label) in rows {
            let names: Vec<String> = match b.shown {
                Some(s) => vec![s.to_string()],
                None => b.keys.iter().filter(|k| !k.alias).map(Key::name).collect(),
            };
            match entries.last_mut() {
                Some((keys, last)) if *last == label => keys.extend(names),
                _ => entries.push((names, label)),
            }
        }
        entries
            .into_iter()
            .map(|(keys, label)| (joined(&keys), label))
            .collect()
    }
}

/// Keys of one entry as printed: `↑↓` for arrows side by side, `1 … 9` for a run of digits,
/// spaces otherwise.
fn joined(keys: &[String]) -> String {
    let digits: Vec<u32> = keys
        .iter()
        .filter_map(|k| {
            let mut chars = k.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => c.to_digit(10),
                _ => None,
            }
        })
        .collect();
    if digits.len() == keys.len()
        && digits.len() >= 5
        && digits.windows(2).all(|w| w[1] == w[0] + 1)
    {
        return format!("{} … {}", keys[0], keys[keys.len() - 1]);
    }
    let arrow = |k: &str| matches!(k, "↑" | "↓" | "←" | "→");
    let mut out = String::new();
    for (i, k) in keys.iter().enumerate() {
        if i > 0 && !(arrow(k) && arrow(&keys[i - 1])) {
            out.push(' ');
        }
        out.push_str(k);
    }
    out
}
