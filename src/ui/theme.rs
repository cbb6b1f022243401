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

/// A named colour for text that carries a meaning; the light palette takes the darker of a
/// pair, which reads on white.
fn meaning(dark: Color, light: Color) -> Option<Color> {
    match (current().depth, current().kind) {
        (Depth::None, _) => None,
        (_, Kind::Light) => Some(light),
        _ => Some(dark),
    }
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
        meaning(Color::Yellow, Color::Magenta),
    )
}

pub fn error() -> Style {
    fg(
        Style::new().add_modifier(Modifier::BOLD),
        meaning(Color::LightRed, Color::Red),
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
    fg(
        Style::new().add_modifier(Modifier::BOLD),
        meaning(Color::Cyan, Color::Blue),
    )
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
    fg(Style::new(), meaning(Color::Green, Color::Green))
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
        Style::new().add_modifier(Modifier::BOLD),
        meaning(Color::Magenta, Color::Magenta),
    )
}

pub fn cell_cursor() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
}

/// The ordinal palette of levels, calm to alarming (Okabe and Ito's colour-blind safe set):
/// bluish green, yellow, orange, vermillion, reddish purple; each a fill under dark text
/// (contrast above 4.5:1), with its 256-colour index and the closest of the 16.
const LEVELS: [((u8, u8, u8), u8, Color); 5] = [
    ((0, 158, 115), 36, Color::Green),
    ((240, 228, 66), 227, Color::Yellow),
    ((230, 159, 0), 214, Color::LightRed),
    ((213, 94, 0), 166, Color::Red),
    ((204, 121, 167), 175, Color::Magenta),
];

/// A level's fill: one step of the palette; under `NO_COLOR` bold, the top steps also
/// underlined, so that a level still stands out.
pub fn level_fill(step: usize) -> Style {
    let step = step.min(LEVELS.len() - 1);
    let (rgb, indexed, named) = LEVELS[step];
    match colour(rgb, indexed, named) {
        Some(c) => Style::new()
            .fg(Color::Black)
            .bg(c)
            .add_modifier(Modifier::BOLD),
        None if step >= 2 => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        None => Style::new().add_modifier(Modifier::BOLD),
    }
}

/// The palette step of level `level` of a scale of `max` levels: the top is always the
/// alarming step and the one below it "high", as on the risk levels, so that the same word has
/// the same colour on every screen.
pub fn level_step(level: u8, max: u8) -> usize {
    let top = max.max(1);
    let from_top = top.saturating_sub(level.min(top));
    match from_top {
        0 => 3,
        1 => 2,
        2 if top >= 4 => 1,
        _ => 0,
    }
}

/// A protection-need level on a scale of `max` levels.
pub fn need_level(level: u8, max: u8) -> Style {
    level_fill(level_step(level, max))
}

/// The palette step a methodology's colour name stands for (green, yellow, orange, red...).
pub fn colour_step(name: &str) -> Option<usize> {
    match name.trim().to_lowercase().as_str() {
        "green" | "blue" => Some(0),
        "yellow" => Some(1),
        "orange" => Some(2),
        "red" => Some(3),
        "purple" => Some(4),
        _ => None,
    }
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
}

/// The blue of "planned", a fill under light text (contrast above 4.5:1).
const PLANNED: (u8, u8, u8) = (0, 114, 178);

pub fn tone(t: Tone) -> Style {
    match t {
        Tone::Level(step) => level_fill(step),
        Tone::Progress(0) => level_fill(0),
        Tone::Progress(1) => level_fill(1),
        Tone::Progress(2) => match colour(PLANNED, 25, Color::Blue) {
            Some(c) => Style::new()
                .fg(Color::White)
                .bg(c)
                .add_modifier(Modifier::BOLD),
            None => Style::new().add_modifier(Modifier::BOLD),
        },
        Tone::Progress(_) => secondary(),
        Tone::Warning => warning(),
    }
}

/// The parts of the SoA progress bar: implemented, partially, planned, not started. Each is a
/// fill (glyph and background in one colour), so that it shows as well on a light background.
pub fn gauge(part: usize) -> Style {
    let step = |i: usize| {
        let (rgb, indexed, named) = LEVELS[i];
        colour(rgb, indexed, named)
    };
    let c = match part {
        0 => step(0),
        1 => step(1),
        2 => colour(PLANNED, 25, Color::Blue),
        _ => return secondary(),
    };
    c.map_or_else(Style::new, |c| Style::new().fg(c).bg(c))
}

#[cfg(test)]
mod tests;
