//! The tables: for each context, which key does what and how footers and help say it. A row's
//! first printed key leads; aliases work without being printed. Rows with the same label next
//! to each other are one footer entry (`[ ]` views).

use ratatui::crossterm::event::KeyCode;

use super::Action::{self, *};
use super::{Binding, Key};

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
    FormChoice,
    FormToggle,
    /// A reference picker in focus, its list closed.
    FormPick,
    /// A reference picker's open list, which takes every key but Ctrl-S.
    FormPickList,
    /// "Discard what you typed?" over a form.
    ConfirmDiscard,
    ConfirmDelete,
    History,
    Statements,
    /// The protection-needs grid.
    Grid,
    Workshop,
    /// The workshop after its summary: any key goes back to the grid.
    WorkshopEnded,
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
        Context::WorkshopEnded,
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
                | Context::FormChoice
                | Context::FormToggle
                | Context::FormPick
                | Context::FormPickList
                | Context::ConfirmDiscard
                | Context::ConfirmDelete
                | Context::History
                | Context::Workshop
                | Context::WorkshopEnded
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

    pub fn bindings(self) -> &'static [Binding] {
        match self {
            Context::Global => GLOBAL,
            Context::Anywhere => ANYWHERE,
            Context::Views => VIEWS,
            Context::ViewArrows => VIEW_ARROWS,
            Context::Dashboard => DASHBOARD,
            Context::Register => REGISTER,
            Context::RegisterArrows => REGISTER_ARROWS,
            Context::Table => TABLE,
            Context::Filter => FILTER,
            Context::Links => LINKS,
            Context::LinksArrows => LINKS_ARROWS,
            Context::Form => FORM,
            Context::FormLine => FORM_LINE,
            Context::FormText => FORM_TEXT,
            Context::FormChoice => FORM_CHOICE,
            Context::FormToggle => FORM_TOGGLE,
            Context::FormPick => FORM_PICK,
            Context::FormPickList => FORM_PICK_LIST,
            Context::ConfirmDiscard => CONFIRM_DISCARD,
            Context::ConfirmDelete => CONFIRM_DELETE,
            Context::History => HISTORY,
            Context::Statements => STATEMENTS,
            Context::Grid => GRID,
            Context::Workshop => WORKSHOP,
            Context::WorkshopEnded => WORKSHOP_ENDED,
            Context::Matrix => MATRIX,
            Context::Methodology => METHODOLOGY,
            Context::Versions => VERSIONS,
            Context::Picker => PICKER,
            Context::ConfirmForget => CONFIRM_FORGET,
            Context::ConfirmReplace => CONFIRM_REPLACE,
            Context::Palette => PALETTE,
            Context::Welcome => WELCOME,
            Context::WelcomeNaming => WELCOME_NAMING,
            Context::Unlock => UNLOCK,
        }
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
        &[Filter],
        &[Form],
        &[FormLine, Form],
        &[FormText, Form],
        &[FormChoice, Form],
        &[FormToggle, Form],
        &[FormPick, Form],
        &[FormPickList],
        &[ConfirmDiscard],
        &[ConfirmDelete],
        &[History],
        &[Workshop],
        &[WorkshopEnded],
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

const fn k(code: KeyCode) -> Key {
    Key::code(code)
}
const fn c(ch: char) -> Key {
    Key::char(ch)
}
const fn b(keys: &'static [Key], action: Action, label: &'static str) -> Binding {
    Binding::new(keys, action, label)
}

const UP: Key = k(KeyCode::Up);
const DOWN: Key = k(KeyCode::Down);
const LEFT: Key = k(KeyCode::Left);
const RIGHT: Key = k(KeyCode::Right);
const ENTER: Key = k(KeyCode::Enter);
const ESC: Key = k(KeyCode::Esc);
const DEL: Key = k(KeyCode::Delete);
const BKSP: Key = k(KeyCode::Backspace);
const TAB: Key = k(KeyCode::Tab);
const BACKTAB: Key = k(KeyCode::BackTab);
const SPACE: Key = c(' ');

const GLOBAL: &[Binding] = &[
    b(&[TAB], NextScreen, "next, previous screen").help_only(),
    b(&[BACKTAB], PrevScreen, "next, previous screen").help_only(),
    b(&[c('1')], GoToScreen(1), "go to screen").help_only(),
    b(&[c('2')], GoToScreen(2), "go to screen").help_only(),
    b(&[c('3')], GoToScreen(3), "go to screen").help_only(),
    b(&[c('4')], GoToScreen(4), "go to screen").help_only(),
    b(&[c('5')], GoToScreen(5), "go to screen").help_only(),
    b(&[c('6')], GoToScreen(6), "go to screen").help_only(),
    b(&[c('7')], GoToScreen(7), "go to screen").help_only(),
    b(&[c('8')], GoToScreen(8), "go to screen").help_only(),
    b(&[c('9')], GoToScreen(9), "go to screen").help_only(),
    b(
        &[c(PALETTE_KEY)],
        GoTo,
        "go to any screen by its letter or name",
    )
    .help_only(),
    b(&[c('x')], Export, "export (xlsx, csv, md, html, json)").in_footer("export"),
    b(&[c('o')], OpenWorkspace, "open another workspace").help_only(),
    b(&[c('?')], Help, "help"),
    b(&[c('q')], Quit, "quit"),
];

const ANYWHERE: &[Binding] = &[b(&[Key::ctrl('c')], Quit, "quit from anywhere").help_only()];

const VIEWS: &[Binding] = &[
    b(&[c('[')], PrevView, "views"),
    b(&[c(']')], NextView, "views"),
];

// Not `h` and `l` too: registers use `h` for history and `l` for links.
const VIEW_ARROWS: &[Binding] = &[
    b(&[LEFT, c('[').alias()], PrevView, "views"),
    b(&[RIGHT, c(']').alias()], NextView, "views"),
];

const MOVE: [Binding; 6] = [
    b(&[UP, c('k').alias()], Up, "move"),
    b(&[DOWN, c('j').alias()], Down, "move"),
    b(&[k(KeyCode::PageUp)], PageUp, "move"),
    b(&[k(KeyCode::PageDown)], PageDown, "move"),
    b(&[c('g'), k(KeyCode::Home).alias()], Top, "move"),
    b(&[c('G'), k(KeyCode::End).alias()], Bottom, "move"),
];

const DASHBOARD: &[Binding] = &[
    b(&[UP, c('k').alias()], Up, "findings"),
    b(&[DOWN, c('j').alias()], Down, "findings"),
    b(&[k(KeyCode::PageUp)], PageUp, ""),
    b(&[k(KeyCode::PageDown)], PageDown, ""),
    b(&[c('g'), k(KeyCode::Home)], Top, ""),
    b(&[c('G'), k(KeyCode::End)], Bottom, ""),
    b(&[ENTER], Open, "go to the item"),
];

const REGISTER: &[Binding] = &[
    b(&[c('n')], New, "new"),
    b(&[c('e'), ENTER.alias()], Edit, "edit"),
    b(&[c('d'), DEL.alias()], Delete, "delete"),
    b(&[c('h')], History, "history"),
    b(&[c('f')], Facets, "filter by"),
    b(&[c('c')], Ranked, "ranked"),
    b(&[SPACE], Mark, "mark"),
    b(&[c('b')], Bulk, "change marked"),
    b(&[c('l')], Links, "links"),
];

const REGISTER_ARROWS: &[Binding] = &[b(&[RIGHT], Links, "links")];

const TABLE: &[Binding] = &[
    MOVE[0],
    MOVE[1],
    MOVE[2],
    MOVE[3],
    MOVE[4],
    MOVE[5],
    b(&[c('/')], Filter, "filter"),
    b(&[c('s')], Sort, "sort"),
    b(&[c('S')], SortReverse, "sort"),
    b(&[ESC], Clear, "clear the filter").help_only(),
];

const FILTER: &[Binding] = &[
    Binding::typing("type", "filter"),
    b(
        &[ENTER, DOWN.alias(), UP.alias()],
        KeepFilter,
        "keep filter",
    ),
    b(&[ESC], ClearFilter, "clear filter"),
];

const LINKS: &[Binding] = &[
    b(&[UP, c('k').alias()], Up, "choose a link"),
    b(&[DOWN, c('j').alias()], Down, "choose a link"),
    b(&[ENTER], Open, "go there"),
    b(&[c('h').alias(), ESC], Back, "back to the table"),
];

const LINKS_ARROWS: &[Binding] = &[b(&[LEFT], Back, "back to the table")];

const FORM: &[Binding] = &[
    b(&[TAB], NextField, "field"),
    b(&[BACKTAB], PrevField, "previous field").help_only(),
    b(&[Key::ctrl('s')], Save, "save"),
    b(&[ESC], Cancel, "cancel"),
];

const FORM_LINE: &[Binding] = &[b(&[ENTER], Submit, "save")];

const FORM_TEXT: &[Binding] = &[Binding::typing("Enter", "new line")];

const FORM_CHOICE: &[Binding] = &[
    b(&[ENTER], Submit, "save"),
    b(&[LEFT, UP.alias()], PrevOption, "choose"),
    b(&[RIGHT, DOWN.alias(), SPACE.alias()], NextOption, "choose"),
    Binding::typing("a-z", "choose"),
];

const FORM_TOGGLE: &[Binding] = &[
    b(&[ENTER], Submit, "save"),
    b(&[SPACE, LEFT.alias(), RIGHT.alias()], Toggle, "toggle"),
    b(&[c('y'), c('j').alias()], Yes, "yes, no"),
    b(&[c('n')], No, "yes, no"),
];

const FORM_PICK: &[Binding] = &[
    b(&[SPACE, ENTER.alias(), DOWN.alias()], OpenList, "pick"),
    Binding::typing("a-z", "search"),
    b(&[DEL, BKSP.alias()], ClearInput, "clear"),
];

const FORM_PICK_LIST: &[Binding] = &[
    Binding::typing("type", "search"),
    b(&[UP], Up, "move"),
    b(&[DOWN], Down, "move"),
    b(&[SPACE], Mark, "mark"),
    b(&[ENTER], Open, "done"),
    b(&[ESC], Close, "close"),
    b(&[Key::ctrl('s')], Save, "save"),
];

const CONFIRM_DISCARD: &[Binding] = &[
    b(&[c('y'), c('Y').alias()], Yes, "discard what was typed"),
    Binding::typing("any key", "keep editing"),
];

const CONFIRM_DELETE: &[Binding] = &[
    b(&[c('y'), c('Y').alias()], Yes, "delete"),
    b(&[c('n'), c('N').alias(), ESC], No, "keep"),
];

const HISTORY: &[Binding] = &[
    b(&[UP, c('k').alias()], Up, "scroll"),
    b(&[DOWN, c('j').alias()], Down, "scroll"),
    b(&[k(KeyCode::PageUp)], PageUp, "scroll"),
    b(&[k(KeyCode::PageDown), SPACE.alias()], PageDown, "scroll"),
    b(&[c('g'), k(KeyCode::Home).alias()], Top, "scroll"),
    b(&[c('G'), k(KeyCode::End).alias()], Bottom, "scroll"),
    b(
        &[ESC, c('h'), c('q').alias(), ENTER.alias()],
        Close,
        "close",
    ),
];

const STATEMENTS: &[Binding] = &[
    b(&[c('e'), ENTER], EditScope, "edit the ISMS scope"),
    b(
        &[c('c')],
        EditCertificateScope,
        "edit the certificate scope",
    ),
];

const GRID: &[Binding] = &[
    b(&[UP, c('k').alias()], Up, "move"),
    b(&[DOWN, c('j').alias()], Down, "move"),
    b(&[LEFT, c('h').alias()], Left, "move"),
    b(&[RIGHT, c('l').alias()], Right, "move"),
    b(&[k(KeyCode::PageUp)], PageUp, ""),
    b(&[k(KeyCode::PageDown)], PageDown, ""),
    b(&[c('g'), k(KeyCode::Home)], Top, ""),
    b(&[c('G'), k(KeyCode::End)], Bottom, ""),
    b(&[c('+'), c('=').alias()], Raise, "rate"),
    b(&[c('-')], Lower, "rate"),
    b(&[c('r')], Rationale, "rationale"),
    b(&[DEL, BKSP.alias()], ClearLevel, "clear"),
    b(&[SPACE], Mark, "mark rows"),
    b(&[c('/')], Filter, "filter"),
    b(&[c('m')], Methodology, "methodology"),
    b(&[c('w')], Workshop, "workshop"),
    b(&[ESC], Clear, "clear marks, then the filter").help_only(),
];

const WORKSHOP: &[Binding] = &[
    b(&[c('1')], Rate(1), "rate"),
    b(&[c('2')], Rate(2), "rate"),
    b(&[c('3')], Rate(3), "rate"),
    b(&[c('4')], Rate(4), "rate"),
    b(&[c('5')], Rate(5), "rate"),
    b(&[c('6')], Rate(6), "rate"),
    b(&[c('7')], Rate(7), "rate"),
    b(&[c('8')], Rate(8), "rate"),
    b(&[c('9')], Rate(9), "rate"),
    b(&[UP, BACKTAB.alias(), c('k').alias()], Up, "objective"),
    b(&[DOWN, TAB.alias(), c('j').alias()], Down, "objective"),
    b(&[ENTER, RIGHT, c('l').alias()], NextAsset, "next asset"),
    b(&[LEFT, BKSP, c('h').alias()], PrevAsset, "prev"),
    b(&[c('r')], Rationale, "rationale"),
    b(&[c('a')], AddAsset, "add asset"),
    b(&[c('?')], Question, "question"),
    b(&[c('c')], Resolve, "resolve"),
    b(&[ESC, c('q')], EndWorkshop, "end session"),
];

const WORKSHOP_ENDED: &[Binding] = &[Binding::typing("any key", "back to the grid")];

const MATRIX: &[Binding] = &[
    b(&[UP, c('k').alias()], Up, "cell"),
    b(&[DOWN, c('j').alias()], Down, "cell"),
    b(&[LEFT, c('h').alias()], Left, "cell"),
    b(&[RIGHT, c('l').alias()], Right, "cell"),
    b(&[ENTER], Open, "show its risks"),
];

const METHODOLOGY: &[Binding] = &[
    b(&[UP, c('k').alias()], Up, "matrix cell"),
    b(&[DOWN, c('j').alias()], Down, "matrix cell"),
    b(&[LEFT, c('h').alias()], Left, "matrix cell"),
    b(&[RIGHT, c('l').alias()], Right, "matrix cell"),
    b(&[c('+'), c('=').alias()], Raise, "raise, lower its level"),
    b(&[c('-')], Lower, "raise, lower its level"),
    b(&[c('L')], EditLikelihood, "edit scales"),
    b(&[c('I')], EditImpact, "edit scales"),
    b(&[c('e')], EditLevels, "edit levels"),
];

const VERSIONS: &[Binding] = &[
    b(&[c('i')], Issue, "issue a version"),
    b(&[UP, c('k').alias()], Up, "read a version"),
    b(&[DOWN, c('j').alias()], Down, "read a version"),
];

const PICKER: &[Binding] = &[
    Binding::typing("type", "filter"),
    b(&[UP], Up, "choose"),
    b(&[DOWN], Down, "choose"),
    b(&[k(KeyCode::PageUp)], PageUp, ""),
    b(&[k(KeyCode::PageDown)], PageDown, ""),
    b(&[ENTER], Open, "open"),
    b(&[DEL], Forget, "take off the list"),
    Binding::typing("/path or ~/path", "add a workspace from elsewhere"),
    b(&[ESC], Close, "close"),
];

const CONFIRM_FORGET: &[Binding] = &[
    b(
        &[c('y'), c('Y').alias(), c('j').alias(), c('J').alias()],
        Yes,
        "take it off the list",
    ),
    b(&[c('n'), c('N').alias(), ESC], No, "keep it"),
];

const CONFIRM_REPLACE: &[Binding] = &[
    b(&[c('y'), c('Y').alias()], Yes, "replace"),
    b(
        &[c('n'), c('N').alias(), ESC],
        No,
        "keep, change the export",
    ),
];

const PALETTE: &[Binding] = &[
    Binding::typing("letter", "jump"),
    Binding::typing("type", "filter"),
    b(&[UP], Up, "choose"),
    b(&[DOWN], Down, "choose"),
    b(&[ENTER], Open, "go there"),
    b(&[ESC], Close, "close"),
];

const WELCOME: &[Binding] = &[
    b(&[UP, c('k').alias()], Up, "choose"),
    b(&[DOWN, c('j').alias()], Down, "choose"),
    b(&[ENTER], Open, "select"),
    b(&[c('n')], New, "new"),
    b(&[c('d')], Demo, "demo"),
    b(&[c('q'), ESC.alias()], Quit, "quit"),
];

const WELCOME_NAMING: &[Binding] = &[b(&[ENTER], Submit, "create"), b(&[ESC], Back, "back")];

const UNLOCK: &[Binding] = &[
    b(&[ENTER], Submit, "open"),
    b(&[Key::ctrl('u')], ClearInput, "clear"),
    b(&[ESC], Back, "back"),
];
