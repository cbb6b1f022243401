//! The go-to palette (`:`): every screen, grouped along the ISMS cycle, each with a letter.
//! The letter jumps at once; typing anything else filters by name, Enter goes to the
//! highlighted screen, Esc closes. With the digits for the first ten, every screen is at most
//! two keys away however many there are.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::keymap::{self, Action, Active, Context};
use super::theme;
use super::widgets::{centered, fit};

/// Where a screen belongs in the Plan-Do-Check-Act cycle of the ISMS (screens for doing, such
/// as people and documents, will add `Do` between the two).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    Plan,
    CheckAct,
}

impl Phase {
    fn title(self) -> &'static str {
        match self {
            Phase::Plan => "Plan",
            Phase::CheckAct => "Check and act",
        }
    }
}

/// Each screen's letter and phase, by its tab title. A screen missing here is listed last,
/// without a letter.
const CATALOGUE: &[(&str, char, Phase)] = &[
    ("Dashboard", 'd', Phase::Plan),
    ("Scope", 's', Phase::Plan),
    ("Assets", 'a', Phase::Plan),
    ("Protection", 'p', Phase::Plan),
    ("Risks", 'r', Phase::Plan),
    ("Treatment", 't', Phase::Plan),
    ("SoA", 'o', Phase::Plan),
    ("Clauses", 'c', Phase::CheckAct),
    ("People", 'e', Phase::Plan),
    ("Documents", 'i', Phase::CheckAct),
    ("Audits", 'u', Phase::CheckAct),
    ("Nonconformities", 'n', Phase::CheckAct),
    ("Objectives", 'b', Phase::CheckAct),
    ("Reviews", 'm', Phase::CheckAct),
    ("Cycles", 'y', Phase::CheckAct),
];

#[derive(Debug, Clone)]
struct Entry {
    /// The screen's place in the tab bar.
    index: usize,
    title: &'static str,
    letter: Option<char>,
    phase: Phase,
}

/// What a key did to the palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaletteEvent {
    Stay,
    Close,
    Go(usize),
}

pub struct Palette {
    /// In the order shown: by phase, then as in the tab bar.
    entries: Vec<Entry>,
    query: String,
    /// The highlighted line among those the query leaves.
    cursor: usize,
}

impl Palette {
    /// The palette over the tab bar's `titles`, with the current screen highlighted.
    pub fn new(titles: &[&'static str], current: usize) -> Self {
        let mut entries: Vec<Entry> = titles
            .iter()
            .enumerate()
            .map(|(index, title)| {
                let known = CATALOGUE.iter().find(|(t, _, _)| t == title);
                Entry {
                    index,
                    title,
                    letter: known.map(|(_, l, _)| *l),
                    phase: known.map_or(Phase::CheckAct, |(_, _, p)| *p),
                }
            })
            .collect();
        entries.sort_by_key(|e| (e.phase, e.letter.is_none(), e.index));
        let cursor = entries.iter().position(|e| e.index == current).unwrap_or(0);
        Self {
            entries,
            query: String::new(),
            cursor,
        }
    }

    pub fn contexts(&self) -> Active {
        Active::of(vec![Context::Palette])
    }

    fn shown(&self) -> Vec<&Entry> {
        let query = self.query.to_lowercase();
        self.entries
            .iter()
            .filter(|e| e.title.to_lowercase().contains(&query))
            .collect()
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PaletteEvent {
        let shown = self.shown().len();
        match keymap::action(Context::Palette, &key) {
            Some(Action::Close) => return PaletteEvent::Close,
            Some(Action::Open) => {
                return self
                    .shown()
                    .get(self.cursor)
                    .map_or(PaletteEvent::Stay, |e| PaletteEvent::Go(e.index));
            }
            Some(Action::Down) => self.cursor = (self.cursor + 1).min(shown.saturating_sub(1)),
            Some(Action::Up) => self.cursor = self.cursor.saturating_sub(1),
            // Typing: a screen's letter first, else the filter.
            _ => match key.code {
                KeyCode::Backspace => {
                    self.query.pop();
                    self.cursor = 0;
                }
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                        && !c.is_control() =>
                {
                    if self.query.is_empty()
                        && let Some(e) = self.entries.iter().find(|e| e.letter == Some(c))
                    {
                        return PaletteEvent::Go(e.index);
                    }
                    self.query.push(c);
                    self.cursor = 0;
                }
                _ => {}
            },
        }
        PaletteEvent::Stay
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let shown = self.shown();
        let mut lines = Vec::new();
        let mut phase = None;
        for (i, e) in shown.iter().enumerate() {
            if phase != Some(e.phase) {
                phase = Some(e.phase);
                lines.push(Line::styled(e.phase.title(), theme::label()));
            }
            let letter = e.letter.map_or_else(|| " ".to_string(), String::from);
            // The digits the tab bar gives: 1 to 9, then 0 for the tenth.
            let digit = match e.index {
                0..=8 => (e.index + 1).to_string(),
                9 => "0".to_string(),
                _ => " ".to_string(),
            };
            // The mark shows the highlighted line without colours too.
            let (mark, style) = if i == self.cursor {
                ("›", theme::tab_active())
            } else {
                (" ", theme::value())
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{mark} {letter}"), theme::key()),
                Span::styled(format!("  {digit}  "), theme::muted()),
                Span::styled(fit(e.title, 30), style),
            ]));
        }
        if shown.is_empty() {
            lines.push(Line::styled("  No screen by that name.", theme::muted()));
        }
        lines.push(Line::raw(""));
        lines.push(if self.query.is_empty() {
            Line::styled("letter: go there · type: filter", theme::muted())
        } else {
            Line::from(vec![
                Span::styled("name: ", theme::label()),
                Span::styled(fit(&self.query, 30), theme::value()),
            ])
        });
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let popup = centered(area, 40, height);
        frame.render_widget(Clear, popup);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::focus_border())
            .title(Span::styled(" Go to ", theme::title()));
        frame.render_widget(Paragraph::new(lines).block(block), popup);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TITLES: [&str; 8] = [
        "Dashboard",
        "Scope",
        "Assets",
        "Protection",
        "Risks",
        "Treatment",
        "SoA",
        "Clauses",
    ];

    fn press(p: &mut Palette, c: char) -> PaletteEvent {
        p.handle_key(KeyEvent::from(KeyCode::Char(c)))
    }

    #[test]
    fn letters_are_unique_and_jump_at_once() {
        let mut letters: Vec<char> = CATALOGUE.iter().map(|(_, l, _)| *l).collect();
        letters.sort_unstable();
        letters.dedup();
        assert_eq!(letters.len(), CATALOGUE.len());
        let mut p = Palette::new(&TITLES, 0);
        assert_eq!(press(&mut p, 'r'), PaletteEvent::Go(4));
        assert_eq!(
            press(&mut Palette::new(&TITLES, 0), 'c'),
            PaletteEvent::Go(7)
        );
    }

    #[test]
    fn typing_filters_and_enter_goes_to_the_highlighted_screen() {
        let mut p = Palette::new(&TITLES, 0);
        assert_eq!(press(&mut p, 'E'), PaletteEvent::Stay, "no screen has E");
        assert_eq!(
            press(&mut p, 'n'),
            PaletteEvent::Stay,
            "filtering now: no jump"
        );
        // "en" is in Treatment only.
        let enter = KeyEvent::from(KeyCode::Enter);
        assert_eq!(p.handle_key(enter), PaletteEvent::Go(5));
        let mut none = Palette::new(&TITLES, 0);
        press(&mut none, 'z');
        assert_eq!(none.handle_key(enter), PaletteEvent::Stay);
        assert_eq!(
            none.handle_key(KeyEvent::from(KeyCode::Esc)),
            PaletteEvent::Close
        );
    }

    #[test]
    fn screens_group_by_phase_and_unknown_ones_come_last() {
        let mut titles = TITLES.to_vec();
        titles.insert(1, "Someday");
        let p = Palette::new(&titles, 0);
        let order: Vec<&str> = p.entries.iter().map(|e| e.title).collect();
        assert_eq!(order.first(), Some(&"Dashboard"));
        assert_eq!(order.last(), Some(&"Someday"));
        assert_eq!(order[order.len() - 2], "Clauses");
    }
}
