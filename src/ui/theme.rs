//! Meaning-named styles; screens ask for a meaning, never for a colour.
//!
//! One colour language on every terminal: body text in the terminal's own foreground,
//! secondary text dim, headers bold; "you are here" cues (the selected row, the active tab, the
//! focused pane, a cursor) by reverse video and bold, so that they survive `NO_COLOR`; fixed
//! colours only where they carry meaning. Levels (protection needs, risk levels) are fills with
//! dark text, from one ordinal palette that colour-blind users can tell apart, so they read the
//! same on a dark and a light background and look the same on every screen. Text that carries a
//! meaning (an error, a warning) uses the terminal's named colours, which its palette makes
//! readable on its own background.

use std::cell::Cell;

use ratatui::style::{Color, Modifier, Style};

use crate::palette::{GRADES, LEVELS, PLANNED, Swatch};
pub use crate::palette::{colour_step, level_step};

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    TrueColor,
    Ansi256,
    Ansi16,
    /// `NO_COLOR`: modifiers only (bold, dim, reverse, underline).
    None,
}

/// Which palette: `Any` works on dark and light backgrounds alike; `HighContrast` drops the
/// dim modifier and draws the cues in bold (for projectors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Any,
    Dark,
    Light,
    HighContrast,
}

impl Kind {
    pub const ALL: [(Kind, &'static str); 4] = [
        (Kind::Any, "auto"),
        (Kind::Dark, "dark"),
        (Kind::Light, "light"),
        (Kind::HighContrast, "high-contrast"),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("auto", |(_, n)| n)
    }

    /// The theme after this one, for the key that cycles them.
    pub fn next(self) -> Kind {
        let at = Self::ALL.iter().position(|(k, _)| *k == self).unwrap_or(0);
        Self::ALL[(at + 1) % Self::ALL.len()].0
    }

    /// The theme named `name` (`auto`, `dark`, `light`, `high-contrast`).
    pub fn named(name: &str) -> Option<Kind> {
        let name = name.trim().to_lowercase();
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(k, _)| *k)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub kind: Kind,
    pub depth: Depth,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            kind: Kind::Any,
            depth: Depth::TrueColor,
        }
    }
}

impl Theme {
    /// What the environment says the terminal can show: `NO_COLOR` (any value) means none,
    /// `COLORTERM=truecolor` or `24bit` all, a `TERM` with `256color` 256, else 16.
    pub fn depth_from(
        no_color: Option<&str>,
        colorterm: Option<&str>,
        term: Option<&str>,
    ) -> Depth {
        if no_color.is_some_and(|v| !v.is_empty()) {
            return Depth::None;
        }
        if colorterm.is_some_and(|c| matches!(c.trim(), "truecolor" | "24bit")) {
            return Depth::TrueColor;
        }
        match term {
            Some(t) if t.contains("256color") => Depth::Ansi256,
            Some("dumb") => Depth::None,
            _ => Depth::Ansi16,
        }
    }
}

thread_local! {
    /// The theme of the app drawing on this thread; set where the app starts.
    static CURRENT: Cell<Theme> = Cell::new(Theme::default());
}

/// Uses `theme` for everything drawn on this thread from now on.
pub fn set(theme: Theme) {
    CURRENT.with(|c| c.set(theme));
}

pub fn current() -> Theme {
    CURRENT.with(Cell::get)
}

/// A colour as the terminal can show it: the truecolor value, its 256-colour index, or the
/// named colour of the 16 closest in meaning; nothing under `NO_COLOR`.
fn colour(rgb: (u8, u8, u8), indexed: u8, named: Color) -> Option<Color> {
    match current().depth {
        Depth::TrueColor => Some(Color::Rgb(rgb.0, rgb.1, rgb.2)),
        Depth::Ansi256 => Some(Color::Indexed(indexed)),
        Depth::Ansi16 => Some(named),
        Depth::None => None,
    }
}

fn fg(style: Style, c: Option<Color>) -> Style {
    c.map_or(style, |c| style.fg(c))
}

/// Secondary text: dim, or plain where dim is too faint (high contrast).
fn secondary() -> Style {
    if current().kind == Kind::HighContrast {
        Style::new()
    } else {
        Style::new().add_modifier(Modifier::DIM)
    }
}

/// A named colour for text that carries a meaning, as each theme reads best: `dark` the bright
/// variants for a dark background, `light` the deep ones for a light background; `auto` keeps
/// to those that read on both, and leaves the accent out where none does.
fn meaning(any: Option<Color>, dark: Color, light: Color) -> Option<Color> {
    match (current().depth, current().kind) {
        (Depth::None, _) => None,
        (_, Kind::Light) => Some(light),
        (_, Kind::Dark | Kind::HighContrast) => Some(dark),
        (_, Kind::Any) => any,
    }
}

/// The accent of "you are here" (the focused pane, marked rows).
fn accent() -> Option<Color> {
    meaning(None, Color::Cyan, Color::Blue)
}

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn label() -> Style {
    secondary()
}

pub fn value() -> Style {
    Style::new()
}

pub fn muted() -> Style {
    secondary()
}

/// The one selection style, for list rows, tabs and the grid cursor.
pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

pub fn warning() -> Style {
    fg(
        Style::new().add_modifier(Modifier::BOLD),
        meaning(Some(Color::Magenta), Color::Yellow, Color::Magenta),
    )
}

pub fn error() -> Style {
    fg(
        Style::new().add_modifier(Modifier::BOLD),
        meaning(Some(Color::Red), Color::LightRed, Color::Red),
    )
}

/// A key in the hints and help.
pub fn key() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn border() -> Style {
    secondary()
}

/// The pane that takes the keys: bold, and in the accent colour where there is colour.
pub fn focus_border() -> Style {
    fg(Style::new().add_modifier(Modifier::BOLD), accent())
}

/// Table headers: bold in the default colour.
pub fn header() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn tab() -> Style {
    secondary()
}

pub fn tab_active() -> Style {
    selected()
}

/// The view shown, in a screen's row of views: bold and underlined, unlike the main tabs.
pub fn view_active() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

pub fn status_bar() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn success() -> Style {
    fg(
        Style::new(),
        meaning(Some(Color::Green), Color::LightGreen, Color::Green),
    )
}

pub fn input() -> Style {
    Style::new().add_modifier(Modifier::UNDERLINED)
}

pub fn input_focused() -> Style {
    Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
}

pub fn cursor() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn marked() -> Style {
    fg(
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        accent(),
    )
}

pub fn cell_cursor() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
}

/// The closest of the 16 named colours to each step of the palette's levels.
const LEVEL_NAMED: [Color; 5] = [
    Color::Green,
    Color::Yellow,
    Color::LightRed,
    Color::Red,
    Color::Magenta,
];

fn swatch(s: Swatch, named: Color) -> Option<Color> {
    colour(s.rgb, s.indexed, named)
}

/// A level's fill: one step of the palette; under `NO_COLOR` bold, the top steps also
/// underlined, so that a level still stands out.
pub fn level_fill(step: usize) -> Style {
    let step = step.min(LEVELS.len() - 1);
    match swatch(LEVELS[step], LEVEL_NAMED[step]) {
        Some(c) => Style::new()
            .fg(Color::Black)
            .bg(c)
            .add_modifier(Modifier::BOLD),
        None if step >= 2 => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        None => Style::new().add_modifier(Modifier::BOLD),
    }
}

/// A protection-need level on a scale of `max` levels.
pub fn need_level(level: u8, max: u8) -> Style {
    level_fill(level_step(level, max))
}

/// A heat-map cell or level badge of a risk level's colour; a colour the palette does not
/// know is plain.
pub fn heat_cell(colour: &str) -> Style {
    colour_step(colour).map_or_else(|| Style::new().add_modifier(Modifier::BOLD), level_fill)
}

/// The colours a methodology may give its levels, in the order a form offers them.
pub const LEVEL_COLOURS: [&str; 7] = ["green", "yellow", "orange", "red", "purple", "blue", "gray"];

/// What a table cell's text means, styled when drawn (in the theme of the drawing thread).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// A level: its step in the palette (`level_step`, `colour_step`).
    Level(usize),
    /// How far a control is implemented, as on the SoA bar: implemented, partially, planned,
    /// not started.
    Progress(usize),
    /// Something to look at (a risk's flags).
    Warning,
    /// A finding's grade, gravest first: major, minor, observation.
    Grade(usize),
}

pub fn tone(t: Tone) -> Style {
    match t {
        Tone::Level(step) => level_fill(step),
        Tone::Progress(0) => level_fill(0),
        Tone::Progress(1) => level_fill(1),
        Tone::Progress(2) => match swatch(PLANNED, Color::Blue) {
            Some(c) => Style::new()
                .fg(Color::White)
                .bg(c)
                .add_modifier(Modifier::BOLD),
            None => Style::new().add_modifier(Modifier::BOLD),
        },
        Tone::Progress(_) => secondary(),
        Tone::Warning => warning(),
        Tone::Grade(g) => grade(g),
    }
}

/// The closest of the 16 named colours to each grade's tint.
const GRADE_NAMED: [Color; 3] = [Color::LightRed, Color::LightYellow, Color::LightBlue];

/// A finding's grade (0 major, 1 minor, 2 observation): a tint of its own under dark text; under
/// `NO_COLOR` a major finding bold and underlined, a minor one bold.
pub fn grade(g: usize) -> Style {
    let g = g.min(GRADES.len() - 1);
    match swatch(GRADES[g], GRADE_NAMED[g]) {
        Some(c) => Style::new().fg(Color::Black).bg(c),
        None if g == 0 => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        None if g == 1 => Style::new().add_modifier(Modifier::BOLD),
        None => Style::new(),
    }
}

/// The parts of the SoA progress bar: implemented, partially, planned, not started. Each is a
/// fill (glyph and background in one colour), so that it shows as well on a light background.
pub fn gauge(part: usize) -> Style {
    let step = |i: usize| swatch(LEVELS[i], LEVEL_NAMED[i]);
    let c = match part {
        0 => step(0),
        1 => step(1),
        2 => swatch(PLANNED, Color::Blue),
        _ => return secondary(),
    };
    c.map_or_else(Style::new, |c| Style::new().fg(c).bg(c))
}

#[cfg(test)]
mod tests;
