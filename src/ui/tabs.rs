//! The tab bar: one tab per screen, numbered for the digits that switch to them. When the tabs
//! do not fit the width they lose their padding first (so eight screens all show at 80
//! columns); when even that does not fit, the current one stays with as many neighbours as fit,
//! `…` stands for the rest, and the key of the palette that lists them all follows if there is
//! room.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::keymap::PALETTE_KEY;
use super::theme;

/// One piece of the bar, left to right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    /// The screen a click on it shows; `None` for `…` and the hint.
    pub screen: Option<usize>,
    pub x: u16,
}

/// A tab's label: its digit (for the first ten, the tenth's being 0) and its title.
fn label(index: usize, title: &str) -> String {
    if index < 9 {
        format!(" {} {title} ", index + 1)
    } else if index == 9 {
        format!(" 0 {title} ")
    } else {
        format!(" {title} ")
    }
}

/// A tab's label without its padding, for a bar where the padded labels do not all fit.
fn compact_label(index: usize, title: &str) -> String {
    label(index, title).trim().to_string()
}

/// The width of `labels` side by side, one column between them.
fn total_width(labels: &[String]) -> u16 {
    labels
        .iter()
        .map(|l| width(l).saturating_add(1))
        .fold(0, u16::saturating_add)
        .saturating_sub(1)
}

fn width(text: &str) -> u16 {
    u16::try_from(text.width()).unwrap_or(u16::MAX)
}

/// The pieces of the bar for `titles` with `current` shown, within `columns`.
pub fn layout(titles: &[&str], current: usize, columns: u16) -> Vec<Piece> {
    let padded: Vec<String> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| label(i, t))
        .collect();
    let compact: Vec<String> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| compact_label(i, t))
        .collect();
    // Every tab in sight beats padding: the compact labels when only they fit all.
    let labels = if total_width(&padded) > columns && total_width(&compact) <= columns {
        compact
    } else {
        padded
    };
    let widths: Vec<u16> = labels.iter().map(|l| width(l)).collect();
    let (first, last) = if total_width(&labels) <= columns || titles.is_empty() {
        (0, titles.len().saturating_sub(1))
    } else {
        window(&widths, current.min(titles.len() - 1), columns)
    };
    let mut pieces = Vec::new();
    let mut x = 0u16;
    let mut push = |text: String, screen: Option<usize>| {
        let w = width(&text);
        pieces.push(Piece { text, screen, x });
        x = x.saturating_add(w).saturating_add(1);
    };
    if first > 0 {
        push("…".into(), None);
    }
    for (i, l) in labels.iter().enumerate().take(last + 1).skip(first) {
        push(l.clone(), Some(i));
    }
    if last + 1 < titles.len() {
        push("…".into(), None);
    }
    let hidden = first > 0 || last + 1 < titles.len();
    let used = pieces
        .last()
        .map_or(0, |p| p.x.saturating_add(width(&p.text)).saturating_add(1));
    if hidden && used.saturating_add(width(&hint())) <= columns {
        pieces.push(Piece {
            text: hint(),
            screen: None,
            x: used,
        });
    }
    pieces
}

/// What the bar says when it hides tabs: the palette's key.
fn hint() -> String {
    format!("{PALETTE_KEY} all")
}

/// The first and last tab shown: the current one, then neighbours (right first) while they
/// fit beside the `…` marks.
fn window(widths: &[u16], current: usize, columns: u16) -> (usize, usize) {
    let n = widths.len();
    let need = |first: usize, last: usize| -> u16 {
        let tabs: u16 = widths[first..=last]
            .iter()
            .map(|w| w + 1)
            .fold(0, u16::saturating_add);
        let hidden_left = u16::from(first > 0);
        let hidden_right = u16::from(last + 1 < n);
        tabs + 2 * hidden_left + 2 * hidden_right
    };
    let (mut first, mut last) = (current, current);
    loop {
        let mut grew = false;
        if last + 1 < n && need(first, last + 1) <= columns {
            last += 1;
            grew = true;
        }
        if first > 0 && need(first - 1, last) <= columns {
            first -= 1;
            grew = true;
        }
        if !grew {
            return (first, last);
        }
    }
}

/// Which screen's tab lies under a column of the bar.
pub fn tab_at(titles: &[&str], current: usize, bar: Rect, column: u16) -> Option<usize> {
    layout(titles, current, bar.width)
        .into_iter()
        .find_map(|p| {
            let start = bar.x.saturating_add(p.x);
            (column >= start && column < start.saturating_add(width(&p.text)))
                .then_some(p.screen)
                .flatten()
        })
}

pub fn render(frame: &mut Frame, bar: Rect, titles: &[&str], current: usize) {
    let mut spans = Vec::new();
    for p in layout(titles, current, bar.width) {
        let style = match p.screen {
            Some(i) if i == current => theme::tab_active(),
            Some(_) => theme::tab(),
            None => theme::muted(),
        };
        spans.push(Span::styled(p.text, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), bar);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    const FOURTEEN: [&str; 14] = [
        "Dashboard",
        "Scope",
        "Assets",
        "Protection",
        "Risks",
        "Treatment",
        "SoA",
        "People",
        "Documents",
        "Objectives",
        "Audits and nonconformities",
        "Management reviews",
        "Assessment cycles",
        "Clauses",
    ];

    fn drawn(titles: &[&str], current: usize, columns: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(columns, 1)).unwrap();
        terminal
            .draw(|f| render(f, f.area(), titles, current))
            .unwrap();
        let buffer = terminal.backend().buffer();
        (0..columns)
            .map(|x| buffer[(x, 0)].symbol().to_string())
            .collect::<String>()
            .trim_end()
            .to_string()
    }

    #[test]
    fn tabs_are_hit_by_their_columns() {
        let titles = ["Dashboard", "Scope"];
        let bar = Rect::new(0, 0, 80, 1);
        assert_eq!(tab_at(&titles, 0, bar, 0), Some(0));
        assert_eq!(tab_at(&titles, 0, bar, 12), Some(0));
        assert_eq!(tab_at(&titles, 0, bar, 13), None, "the gap between tabs");
        assert_eq!(tab_at(&titles, 0, bar, 14), Some(1));
        assert_eq!(tab_at(&titles, 0, bar, 40), None);
    }

    #[test]
    fn many_tabs_keep_the_current_one_readable_at_80_columns() {
        for (current, title) in FOURTEEN.iter().enumerate() {
            let line = drawn(&FOURTEEN, current, 80);
            assert!(line.width() <= 80, "{line}");
            assert!(line.contains(title), "{current}: {line}");
            assert!(line.contains('…'), "{line}");
            // Every tab shown is whole, with its digit if it has one.
            for p in layout(&FOURTEEN, current, 80) {
                if let Some(i) = p.screen {
                    assert_eq!(p.text, label(i, FOURTEEN[i]));
                }
            }
        }
        assert_eq!(
            drawn(&FOURTEEN, 0, 80),
            " 1 Dashboard   2 Scope   3 Assets   4 Protection   5 Risks   6 Treatment  …"
        );
        assert_eq!(
            drawn(&FOURTEEN, 10, 80),
            "…  0 Objectives   Audits and nonconformities   Management reviews  … : all"
        );
    }

    #[test]
    fn clicks_hit_the_tabs_shown_and_not_the_marks() {
        let bar = Rect::new(0, 0, 80, 1);
        let pieces = layout(&FOURTEEN, 10, 80);
        let current = pieces.iter().find(|p| p.screen == Some(10)).unwrap();
        assert_eq!(tab_at(&FOURTEEN, 10, bar, current.x + 1), Some(10));
        let mark = pieces.iter().find(|p| p.text == "…").unwrap();
        assert_eq!(tab_at(&FOURTEEN, 10, bar, mark.x), None);
    }

    #[test]
    fn the_eight_screens_all_show_at_80_columns() {
        let eight = [
            "Dashboard",
            "Scope",
            "Assets",
            "Protection",
            "Risks",
            "Treatment",
            "SoA",
            "Clauses",
        ];
        for current in 0..eight.len() {
            let line = drawn(&eight, current, 80);
            assert!(!line.contains('…'), "{line}");
            for (i, title) in eight.iter().enumerate() {
                assert!(line.contains(&format!("{} {title}", i + 1)), "{line}");
            }
        }
        // Where they fit padded, they keep their padding.
        assert!(drawn(&eight, 0, 120).starts_with(" 1 Dashboard   2 Scope"));
        let bar = Rect::new(0, 0, 80, 1);
        let clauses = layout(&eight, 0, 80).into_iter().last().unwrap();
        assert_eq!(tab_at(&eight, 0, bar, clauses.x), Some(7));
    }

    #[test]
    fn tabs_that_fit_are_all_shown_without_marks() {
        let line = drawn(&FOURTEEN[..4], 2, 80);
        assert_eq!(line, " 1 Dashboard   2 Scope   3 Assets   4 Protection");
    }
}
