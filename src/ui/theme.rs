//! Meaning-named styles; screens ask for a meaning, never for a colour.

use ratatui::style::{Color, Modifier, Style};

pub fn title() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn label() -> Style {
    Style::new().fg(Color::Gray)
}

pub fn value() -> Style {
    Style::new().fg(Color::White)
}

pub fn muted() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn selected() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

pub fn warning() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn error() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn border() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn focus_border() -> Style {
    Style::new().fg(Color::Cyan)
}

pub fn header() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn tab() -> Style {
    Style::new().fg(Color::Gray)
}

pub fn tab_active() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

pub fn status_bar() -> Style {
    Style::new().fg(Color::White).bg(Color::Rgb(30, 34, 42))
}

pub fn success() -> Style {
    Style::new().fg(Color::Green)
}

pub fn input() -> Style {
    Style::new().fg(Color::White).bg(Color::Rgb(40, 44, 52))
}

pub fn input_focused() -> Style {
    Style::new().fg(Color::White).bg(Color::Rgb(52, 58, 70))
}

pub fn cursor() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// A protection-need level, from calm to alarming as it rises towards `max`.
pub fn need_level(level: u8, max: u8) -> Style {
    let top = max.max(1);
    let colour = if level >= top {
        Color::Red
    } else if level + 1 >= top {
        Color::Yellow
    } else if level >= 2 || top <= 3 {
        Color::Green
    } else {
        Color::Blue
    };
    Style::new().fg(colour)
}

pub fn marked() -> Style {
    Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD)
}

pub fn cell_cursor() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

/// The colour a risk level names in the methodology (green, yellow, orange, red...).
pub fn level_colour(name: &str) -> Color {
    match name.trim().to_lowercase().as_str() {
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "orange" => Color::Rgb(255, 140, 0),
        "red" => Color::Red,
        "purple" => Color::Magenta,
        "blue" => Color::Blue,
        _ => Color::Gray,
    }
}

/// A heat-map cell of a risk level's colour.
pub fn heat_cell(colour: &str) -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(level_colour(colour))
        .add_modifier(Modifier::BOLD)
}

/// The colours a methodology may give its levels, in the order a form offers them.
pub const LEVEL_COLOURS: [&str; 7] = ["green", "yellow", "orange", "red", "purple", "blue", "gray"];

/// The parts of the SoA progress bar: implemented, partially, planned, not started.
pub fn gauge(part: usize) -> Style {
    let colour = match part {
        0 => Color::Green,
        1 => Color::Yellow,
        2 => Color::Blue,
        _ => Color::DarkGray,
    };
    Style::new().fg(colour)
}
