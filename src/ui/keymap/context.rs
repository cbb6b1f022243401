//! The contexts keys are taken in, which of them take keys together (`STACKS`), and the keys
//! the tab bar offers.

use ratatui::crossterm::event::KeyCode;

use super::Key;

/// Where keys are taken: everywhere, a screen, a view of one, a widget or a dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Works wherever nothing captures typing.
    Global,
    /// Works wherever a workspace is open, even in a form.
    Anywhere,
    /// A bar of views switched with `[` `]`.
    Views,
    /// A bar of views switched with `[` `]` and ← →.
    ViewArrows,
    Dashboard,
    /// A register's list (Scope's items, Assets, Risks...), over its table.
    Register,
    /// A register's → into its links, where arrows do not switch views.
    RegisterArrows,
    Table,
    /// Typing a filter (a table's, the protection grid's).
    Filter,
    /// The detail pane's links to other records.
    Links,
    /// ← back out of the links, where arrows do not switch views.
    LinksArrows,
    /// A form's own keys, whatever the field.
    Form,
    /// A line, a date or a note in focus: Enter saves.
    FormLine,
    /// A text in focus: Enter is a new line.
    FormText,
    /// A date in focus, over the keys of a line: a key enters today.
    FormDate,
    FormChoice,
    FormToggle,
    /// A reference picker in focus, its list closed.
    FormPick,
    /// The open list of a reference picker or a choice, which takes every key but Ctrl-S.
    FormPickList,
    /// "Discard what you typed?" over a form.
    ConfirmDiscard,
    ConfirmDelete,
    History,
    Statements,
    /// The protection-needs grid.
    Grid,
    Workshop,
    /// The list of workshops, over its register.
    Workshops,
    /// The people register, over its register keys.
    People,
    /// The register of documents, over its register.
    DocumentRegister,
    /// The register of audits, over its register.
    Audits,
    /// The findings of audits, over their register.
    AuditFindings,
    /// The register of nonconformities, over its register.
    Nonconformities,
    /// The corrective actions of every nonconformity, over their register.
    CorrectiveActions,
    /// The register of objectives, over its register.
    ObjectiveRegister,
    /// The management reviews, over their register.
    ReviewRegister,
    /// The risk register, over its register (confirming a risk unchanged).
    RiskRegister,
    /// The yearly cycles: the baselines, the open cycle's progress, what changed.
    Cycles,
    /// A document open to read (a workshop's minutes), over the keys that scroll it.
    Document,
    /// The risks' heat maps.
    Matrix,
    Methodology,
    Versions,
    Picker,
    ConfirmForget,
    ConfirmReplace,
    Palette,
    /// The welcome screen (no workspace open yet).
    Welcome,
    /// Naming the organisation of a new workspace.
    WelcomeNaming,
    /// Typing the passphrase of an encrypted workspace.
    Unlock,
}

impl Context {
    /// Every context, for tests that walk the tables.
    pub const ALL: &'static [Context] = &[
        Context::Global,
        Context::Anywhere,
        Context::Views,
        Context::ViewArrows,
        Context::Dashboard,
        Context::Register,
        Context::RegisterArrows,
        Context::Table,
        Context::Filter,
        Context::Links,
        Context::LinksArrows,
        Context::Form,
        Context::FormLine,
        Context::FormText,
        Context::FormDate,
        Context::FormChoice,
        Context::FormToggle,
        Context::FormPick,
        Context::FormPickList,
        Context::ConfirmDiscard,
        Context::ConfirmDelete,
        Context::History,
        Context::Statements,
        Context::Grid,
        Context::Workshop,
        Context::Workshops,
        Context::People,
        Context::DocumentRegister,
        Context::Audits,
        Context::AuditFindings,
        Context::Nonconformities,
        Context::CorrectiveActions,
        Context::ObjectiveRegister,
        Context::ReviewRegister,
        Context::RiskRegister,
        Context::Cycles,
        Context::Document,
        Context::Matrix,
        Context::Methodology,
        Context::Versions,
        Context::Picker,
        Context::ConfirmForget,
        Context::ConfirmReplace,
        Context::Palette,
        Context::Welcome,
        Context::WelcomeNaming,
        Context::Unlock,
    ];

    /// Whether typing goes here only: the global keys (`q`, digits, Tab) do not apply.
    pub fn captures(self) -> bool {
        matches!(
            self,
            Context::Filter
                | Context::Form
                | Context::FormLine
                | Context::FormText
                | Context::FormDate
                | Context::FormChoice
                | Context::FormToggle
                | Context::FormPick
                | Context::FormPickList
                | Context::ConfirmDiscard
                | Context::ConfirmDelete
                | Context::History
                | Context::Document
                | Context::Workshop
                | Context::Picker
                | Context::ConfirmForget
                | Context::ConfirmReplace
                | Context::Palette
                // No workspace is open yet: no screens to switch, nothing global.
                | Context::Welcome
                | Context::WelcomeNaming
                | Context::Unlock
        )
    }

    /// Whether the context uses ← or →, which a bar of views with arrows takes first.
    pub fn uses_arrows(self) -> bool {
        matches!(self, Context::RegisterArrows | Context::LinksArrows)
    }
}

/// The contexts that take keys together, as screens and dialogs report them (`Active`); the
/// keymap tests check each, with the global keys unless one of them captures typing, for keys
/// bound twice. A screen that reports a combination missing here fails `tests/keymap.rs`.
pub const STACKS: &[&[Context]] = {
    use Context::*;
    &[
        &[Dashboard],
        &[ViewArrows, Statements],
        &[ViewArrows, Register, Table],
        &[ViewArrows, Links],
        &[Views, Register, RegisterArrows, Table],
        &[Views, Links, LinksArrows],
        &[Register, RegisterArrows, Table],
        &[Links, LinksArrows],
        &[Views, Matrix],
        &[Views, Methodology],
        &[Views, Versions],
        &[Grid],
        &[Views, Grid],
        &[Views, Workshops, Register, RegisterArrows, Table],
        &[Views, People, Register, RegisterArrows, Table],
        &[ViewArrows, DocumentRegister, Register, Table],
        &[ViewArrows, Audits, Register, Table],
        &[ViewArrows, AuditFindings, Register, Table],
        &[ViewArrows, Nonconformities, Register, Table],
        &[ViewArrows, CorrectiveActions, Register, Table],
        &[ViewArrows, ObjectiveRegister, Register, Table],
        &[ViewArrows, ReviewRegister, Register, Table],
        &[Views, RiskRegister, Register, RegisterArrows, Table],
        &[Views, Cycles],
        &[Filter],
        &[Form],
        &[FormLine, Form],
        &[FormText, Form],
        &[FormDate, FormLine, Form],
        &[FormChoice, Form],
        &[FormToggle, Form],
        &[FormPick, Form],
        &[FormPickList],
        &[ConfirmDiscard],
        &[ConfirmDelete],
        &[History],
        &[Document, History],
        &[Workshop],
        &[Picker],
        &[ConfirmForget],
        &[ConfirmReplace],
        &[Palette],
        &[Welcome],
        &[WelcomeNaming],
        &[Unlock],
    ]
};

/// Keys the tab bar offers (switching screens): never bound to anything else where a screen
/// takes keys.
pub const TAB_BAR_KEYS: &[Key] = &[
    Key::char('1'),
    Key::char('2'),
    Key::char('3'),
    Key::char('4'),
    Key::char('5'),
    Key::char('6'),
    Key::char('7'),
    Key::char('8'),
    Key::char('9'),
    Key::char(PALETTE_KEY),
    Key::code(KeyCode::Tab),
    Key::code(KeyCode::BackTab),
];

/// Opens the go-to palette; free in every screen context (`g` is "top" in lists).
pub const PALETTE_KEY: char = ':';
