//! The heat map: the methodology's matrix with the number of risks in each cell, coloured by level.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::methodology::{Methodology, Rating, cell_counts};
use crate::ui::theme;

const CELL: usize = 5;

/// The letter a level shows in a heat-map cell: the first of its name, upper case.
pub fn initial(name: &str) -> char {
    name.trim()
        .chars()
        .next()
        .map_or('?', |c| c.to_uppercase().next().unwrap_or(c))
}

/// Risks per cell.
pub fn counts(ratings: impl Iterator<Item = Option<Rating>>) -> HashMap<(u8, u8), usize> {
    cell_counts(ratings)
}

/// The width a heat map needs, borders included.
pub fn width(m: &Methodology) -> u16 {
    u16::try_from(4 + m.impact.len() * CELL + 2).unwrap_or(u16::MAX)
}

/// Draws one heat map with the risks per cell, or without `counts` the level of each cell;
/// `cursor` highlights a cell (likelihood, impact).
pub fn render(
    frame: &mut Frame,
    area: Rect,
    m: &Methodology,
    counts: Option<&HashMap<(u8, u8), usize>>,
    title: &str,
    cursor: Option<(u8, u8)>,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if cursor.is_some() {
            theme::focus_border()
        } else {
            theme::border()
        })
        .title(Span::styled(format!(" {title} "), theme::title()));
    let mut lines = Vec::new();
    for l in (1..=m.likelihood.len()).rev() {
        let l8 = u8::try_from(l).unwrap_or(u8::MAX);
        let mut spans = vec![Span::styled(format!("L{l}  "), theme::label())];
        for i in 1..=m.impact.len() {
            let i8 = u8::try_from(i).unwrap_or(u8::MAX);
            let rating = Rating {
                likelihood: l8,
                impact: i8,
            };
            let colour = m.level(rating).map_or("gray", |lv| lv.colour.as_str());
            // The level's letter beside the number, so that the level reads without colour.
            let letter = m.level(rating).map_or('?', |lv| initial(&lv.name));
            // Without counts the map shows the methodology itself: each cell's level number.
            let text = match counts.map(|c| c.get(&(l8, i8)).copied().unwrap_or(0)) {
                None => m
                    .level_of(rating)
                    .map_or("?".to_string(), |lv| (lv + 1).to_string()),
                Some(0) => "·".to_string(),
                Some(n) => n.to_string(),
            };
            let mut style = theme::heat_cell(colour);
            if cursor == Some((l8, i8)) {
                style = style.patch(theme::cell_cursor());
            }
            spans.push(Span::styled(
                format!("{letter}{text:>width$}", width = CELL - 2),
                style,
            ));
            spans.push(Span::raw(" "));
        }
        lines.push(Line::from(spans));
    }
    let mut axis = vec![Span::raw("    ")];
    for i in 1..=m.impact.len() {
        axis.push(Span::styled(
            format!("{:^width$} ", format!("I{i}"), width = CELL - 1),
            theme::label(),
        ));
    }
    lines.push(Line::from(axis));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
