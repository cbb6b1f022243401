//! The tables: for each context, which key does what and how footers and help say it. A row's
//! first printed key leads; aliases work without being printed. Rows with the same label next
//! to each other are one footer entry (`[ ]` views).

use ratatui::crossterm::event::KeyCode;

use super::Action::{self, *};
use super::{Binding, Context, Key, PALETTE_KEY};

impl Context {
    /// The context's table.
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
            Context::FormDate => FORM_DATE,
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
            Context::Workshops => WORKSHOPS,
            Context::People => PEOPLE,
            Context::DocumentRegister => DOCUMENT_REGISTER,
            Context::Audits => AUDITS,
            Context::AuditFindings => AUDIT_FINDINGS,
            Context::Nonconformities => NONCONFORMITIES,
            Context::CorrectiveActions => CORRECTIVE_ACTIONS,
            Context::ObjectiveRegister => OBJECTIVE_REGISTER,
            Context::ReviewRegister => REVIEW_REGISTER,
            Context::RiskRegister => RISK_REGISTER,
            Context::Cycles => CYCLES,
            Context::Document => DOCUMENT,
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
    b(&[c('0')], GoToScreen(10), "go to screen").help_only(),
    b(
        &[c(PALETTE_KEY)],
        GoTo,
        "go to any screen by its letter or name",
    )
    .help_only(),
    b(
        &[c('x')],
        Export,
        "export (xlsx, csv, md, html, json, docx)",
    )
    .in_footer("export"),
    b(&[c('o')], OpenWorkspace, "open another workspace").help_only(),
    b(
        &[Key::ctrl('t')],
        NextTheme,
        "next theme (auto, dark, light, high contrast)",
    )
    .help_only(),
    b(&[c('?')], Help, "help"),
    b(&[c('q')], Quit, "quit"),
];

// F1 is help where `?` is typed (forms, filters, the passphrase); it is printed there only.
const ANYWHERE: &[Binding] = &[
    b(&[Key::ctrl('c')], Quit, "quit from anywhere").help_only(),
    b(&[HELP_KEY], Help, "help, also while typing").help_only(),
];

/// Help where `?` would be typed.
pub const HELP_KEY: Key = k(KeyCode::F(1));

const VIEWS: &[Binding] = &[
    b(&[c('[')], PrevView, "views"),
    b(&[c(']')], NextView, "views"),
];

// Not `h` and `l` too: registers use `h` for history and `l` for links.
// The same words as everywhere: `[` `]` are shown, the arrows work too.
const VIEW_ARROWS: &[Binding] = &[
    b(&[c('['), LEFT.alias()], PrevView, "views"),
    b(&[c(']'), RIGHT.alias()], NextView, "views"),
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
    b(&[c('c')], ByClause, "by clause, by grade"),
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

// Terminal habits in text fields (readline's keys); help lists them, the footer has no room.
const EDITING: [Binding; 4] = [
    b(
        &[Key::ctrl('u')],
        DeleteToStart,
        "delete to the start of the line",
    )
    .help_only(),
    b(
        &[Key::ctrl('k')],
        DeleteToEnd,
        "delete to the end of the line",
    )
    .help_only(),
    b(
        &[Key::ctrl('w')],
        DeleteWord,
        "delete the word before the cursor",
    )
    .help_only(),
    b(&[Key::ctrl('z')], Undo, "undo").help_only(),
];

const FORM_LINE: &[Binding] = &[
    b(&[ENTER], Submit, "save"),
    EDITING[0],
    EDITING[1],
    EDITING[2],
    EDITING[3],
];

const FORM_TEXT: &[Binding] = &[
    Binding::typing("Enter", "new line"),
    EDITING[0],
    EDITING[1],
    EDITING[2],
    EDITING[3],
];

// `t` is no part of a date, so it can stand for today.
const FORM_DATE: &[Binding] = &[b(&[c('t')], Today, "enter today's date").in_footer("today")];

const FORM_CHOICE: &[Binding] = &[
    b(&[ENTER, SPACE.alias(), DOWN.alias()], OpenList, "list"),
    Binding::typing("a-z", "search"),
    b(&[LEFT], PrevOption, "previous, next option").help_only(),
    b(&[RIGHT], NextOption, "previous, next option").help_only(),
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
    // Type the first letters, then Tab on: what the search found is taken.
    b(&[TAB], NextField, "take the found option, next field").help_only(),
    b(&[BACKTAB], PrevField, "take the found option, next field").help_only(),
];

const CONFIRM_DISCARD: &[Binding] = &[
    b(&[c('y'), c('Y').alias()], Yes, "discard what was typed"),
    Binding::typing("any key", "keep editing"),
];

const CONFIRM_DELETE: &[Binding] = &[
    b(&[c('y'), c('Y').alias()], Yes, "delete"),
    b(&[c('n'), c('N').alias(), ESC], No, "keep"),
    b(&[c('?')], Help, "help"),
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
    b(&[c('?')], Help, "help"),
];

const STATEMENTS: &[Binding] = &[
    b(&[c('e'), ENTER], EditScope, "edit the ISMS scope"),
    b(
        &[c('c')],
        EditCertificateScope,
        "edit the certificate scope",
    ),
    b(
        &[c('m')],
        EditClimateDecision,
        "decide whether climate change is relevant (4.1)",
    )
    .in_footer("climate"),
];

const GRID: &[Binding] = &[
    b(&[UP, c('k').alias()], Up, "move"),
    b(&[DOWN, c('j').alias()], Down, "move"),
    // Not `h` and `l`: `h` is the history, as in every register.
    b(&[LEFT], Left, "move"),
    b(&[RIGHT], Right, "move"),
    b(&[k(KeyCode::PageUp)], PageUp, ""),
    b(&[k(KeyCode::PageDown)], PageDown, ""),
    b(&[c('g'), k(KeyCode::Home)], Top, ""),
    b(&[c('G'), k(KeyCode::End)], Bottom, ""),
    b(&[c('h')], History, "history"),
    b(&[c('+'), c('=').alias()], Raise, "rate"),
    b(&[c('-')], Lower, "rate"),
    b(&[c('r')], Rationale, "rationale"),
    b(&[c('w')], Workshop, "workshop"),
    b(&[DEL, BKSP.alias()], ClearLevel, "clear"),
    b(&[SPACE], Mark, "mark rows"),
    b(&[c('/')], Filter, "filter"),
    b(&[c('m')], Methodology, "methodology"),
    b(&[c('u')], ConfirmUnchanged, "unchanged (re-assessed)"),
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
    b(&[ESC, c('q')], EndWorkshop, "end workshop"),
    b(&[c('r')], Rationale, "rationale"),
    b(&[c('a')], AddAsset, "add asset"),
    b(&[c('o')], Question, "open question"),
    b(&[c('c')], Resolve, "answer"),
    b(&[DEL, c('x')], ClearLevel, "clear rating"),
    b(&[c('?')], Help, "help"),
];

const WORKSHOPS: &[Binding] = &[b(&[c('m')], Minutes, "minutes")];

const PEOPLE: &[Binding] = &[b(&[c('r')], GiveRole, "give a role")];
const DOCUMENT_REGISTER: &[Binding] = &[b(&[c('v')], AddVersion, "add a version")];
const AUDITS: &[Binding] = &[b(&[c('a')], RecordFinding, "record a finding")];
const AUDIT_FINDINGS: &[Binding] = &[b(&[c('r')], RaiseNonconformity, "raise a nonconformity")];
const NONCONFORMITIES: &[Binding] = &[
    b(&[c('a')], AddCorrectiveAction, "add a corrective action"),
    b(&[c('v')], ReviewEffectiveness, "review effectiveness"),
];
const CORRECTIVE_ACTIONS: &[Binding] = &[b(&[c('t')], ToggleDone, "done, open again")];

const OBJECTIVE_REGISTER: &[Binding] = &[
    b(&[c('m')], Measure, "record a measurement"),
    b(&[c('r')], MeasureNow, "record the built-in measure now"),
];
const REVIEW_REGISTER: &[Binding] = &[b(&[c('H')], HoldReview, "hold today")];
const RISK_REGISTER: &[Binding] = &[b(&[c('u')], ConfirmUnchanged, "unchanged (re-assessed)")];
const CYCLES: &[Binding] = &[
    b(&[UP, c('k').alias()], Up, "baseline"),
    b(&[DOWN, c('j').alias()], Down, "baseline"),
    b(&[k(KeyCode::PageUp)], PageUp, "scroll"),
    b(&[k(KeyCode::PageDown), SPACE.alias()], PageDown, "scroll"),
    b(&[c('C')], CloseCycle, "close the cycle"),
];

const DOCUMENT: &[Binding] = &[b(&[c('x')], Export, "export")];

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
    b(&[k(KeyCode::PageUp)], PageUp, "scroll the version"),
    b(&[k(KeyCode::PageDown)], PageDown, "scroll the version"),
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
    b(&[Key::ctrl('u')], ClearInput, "clear the filter").help_only(),
    b(&[ESC], Close, "close"),
];

const CONFIRM_FORGET: &[Binding] = &[
    b(
        &[c('y'), c('Y').alias(), c('j').alias(), c('J').alias()],
        Yes,
        "take it off the list",
    ),
    b(&[c('n'), c('N').alias(), ESC], No, "keep it"),
    b(&[c('?')], Help, "help"),
];

const CONFIRM_REPLACE: &[Binding] = &[
    b(&[c('y'), c('Y').alias()], Yes, "replace"),
    b(
        &[c('n'), c('N').alias(), ESC],
        No,
        "keep, change the export",
    ),
    b(&[c('?')], Help, "help"),
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
    b(&[c('?')], Help, "help"),
    b(&[c('q'), ESC.alias()], Quit, "quit"),
];

const WELCOME_NAMING: &[Binding] = &[b(&[ENTER], Submit, "create"), b(&[ESC], Back, "back")];

const UNLOCK: &[Binding] = &[
    b(&[ENTER], Submit, "open"),
    b(&[Key::ctrl('u')], ClearInput, "clear"),
    b(&[ESC], Back, "back"),
];
