//! The history overlay (`h`): the change-log entries of one record, newest first (what changed
//! last is what one asks about), each with the fields it changed as before → after. Scrolls
//! like a table; Esc closes.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::app::Change;
use crate::app::Reader;
use crate::domain::history::{Labels, Links, describe, field_changes_in_words, what_happened};
use crate::ui::keymap::{self, Action, Context};
use crate::ui::theme;
use crate::ui::widgets::scroll::Scroll;
use crate::ui::widgets::{centered, fit};

pub struct History {
    title: String,
    /// One line per change, then one per changed field; true marks a change's first line.
    lines: Vec<(bool, String)>,
    /// Where the text is scrolled to, and the lines the last draw had room for.
    scroll: Scroll,
    /// Long lines wrap (a document such as a workshop's minutes) instead of being cut.
    wraps: bool,
    /// The lines the last draw laid out, wrapped: how far the keys can scroll.
    drawn: usize,
    /// Said under the text, with how to close it.
    keys: &'static str,
}

/// What a key did to the overlay.
pub enum HistoryEvent {
    Stay,
    Close,
}

impl History {
    /// The history of the item `reference`, logged under `entities`, read from `data`.
    pub fn read(
        data: &Reader<'_>,
        label: &str,
        entities: &[&str],
        reference: &str,
    ) -> Result<Self, crate::app::Error> {
        let changes = data.history(entities, reference)?;
        let labels = Labels::new(data.protection_scale()?, data.methodology()?);
        Ok(Self::new(label, &changes, &data.links()?, &labels))
    }

    /// The overlay for `label` over its changes as the store gives them (oldest first).
    pub fn new(label: &str, changes: &[Change], links: &Links, labels: &Labels) -> Self {
        let mut lines = Vec::new();
        for c in changes.iter().rev() {
            // Minutes are enough to read; the seconds stay in `isms log`.
            let at: String = c.at.replacen('T', " ", 1).chars().take(16).collect();
            let what = what_happened(&c.entity, &c.reference, &c.action);
            lines.push((true, format!("{at}  {}  {what}", c.who)));
            let (before, after) = (c.before.as_deref(), c.after.as_deref());
            for field in field_changes_in_words(&c.entity, before, after, links, labels) {
                lines.push((false, format!("  {}", describe(&field))));
            }
        }
        Self {
            title: format!(" History of {label} · newest first "),
            drawn: lines.len(),
            lines,
            scroll: Scroll::default(),
            wraps: false,
            keys: "Esc closes",
        }
    }

    /// A record that cannot be changed, shown read-only: why first, then its detail.
    pub fn read_only(label: &str, why: &str, detail: &[(&'static str, String)]) -> Self {
        let mut lines = vec![(true, why.to_string())];
        for (name, value) in detail.iter().filter(|(_, v)| !v.is_empty()) {
            let mut value_lines = value.lines();
            let first = value_lines.next().unwrap_or_default();
            lines.push((false, format!("{name}: {first}")));
            lines.extend(value_lines.map(|l| (false, format!("  {l}"))));
        }
        Self {
            title: format!(" {label} · read-only "),
            drawn: lines.len(),
            lines,
            scroll: Scroll::default(),
            wraps: false,
            keys: "Esc closes",
        }
    }

    /// A document to read and scroll, such as a workshop's minutes: headings (true) and lines
    /// that wrap at the width there is; `keys` says how to close it and what else it offers.
    pub fn document(title: String, lines: Vec<(bool, String)>, keys: &'static str) -> Self {
        Self {
            title,
            drawn: lines.len(),
            lines,
            scroll: Scroll::default(),
            wraps: true,
            keys,
        }
    }

    /// The text as drawn at `width`: cut, or wrapped with each line's indent kept.
    fn laid_out(&self, width: u16) -> Vec<(bool, String)> {
        if !self.wraps {
            return self
                .lines
                .iter()
                .map(|(head, text)| (*head, fit(text, width)))
                .collect();
        }
        let mut out = Vec::new();
        for (head, text) in &self.lines {
            let body = text.trim_start();
            let indent = " ".repeat(text.len() - body.len());
            let room = width
                .saturating_sub(u16::try_from(indent.len()).unwrap_or(0))
                .max(8);
            let wrapped = crate::ui::widgets::wrap(body, room);
            if wrapped.is_empty() {
                out.push((*head, String::new()));
            }
            for (i, line) in wrapped.into_iter().enumerate() {
                // Continuation lines sit two columns in, under the text they continue.
                let more = if i == 0 { "" } else { "  " };
                out.push((*head, format!("{indent}{more}{line}")));
            }
        }
        out
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> HistoryEvent {
        let (len, page) = (self.drawn, self.scroll.page().cast_signed());
        match keymap::action(Context::History, &key) {
            Some(Action::Close) => return HistoryEvent::Close,
            Some(Action::Down) => self.scroll.scroll_by(1, len),
            Some(Action::Up) => self.scroll.scroll_by(-1, len),
            Some(Action::PageDown) => self.scroll.scroll_by(page, len),
            Some(Action::PageUp) => self.scroll.scroll_by(-page, len),
            Some(Action::Top) => self.scroll.scroll_to(true, len),
            Some(Action::Bottom) => self.scroll.scroll_to(false, len),
            _ => {}
        }
        HistoryEvent::Stay
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect) {
        let width = area.width.saturating_sub(6).min(110);
        let laid_out = self.laid_out(width.saturating_sub(2));
        self.drawn = laid_out.len();
        let fits = u16::try_from(laid_out.len().max(1) + 2).unwrap_or(u16::MAX);
        let popup = centered(area, width, fits.min(area.height.saturating_sub(2)));
        frame.render_widget(Clear, popup);
        let offset = self
            .scroll
            .show_text(usize::from(popup.height.saturating_sub(2)), laid_out.len());
        let more = offset + usize::from(popup.height.saturating_sub(2)) < laid_out.len();
        let bottom = if more {
            format!(" more ↓ · {} ", self.keys)
        } else {
            format!(" {} ", self.keys)
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::focus_border())
            .title(Span::styled(
                fit(&self.title, popup.width.saturating_sub(2)),
                theme::title(),
            ))
            .title_bottom(Line::styled(bottom, theme::muted()).right_aligned());
        let inner = block.inner(popup);
        let lines: Vec<Line> = if laid_out.is_empty() {
            vec![Line::styled("No changes recorded.", theme::muted())]
        } else {
            laid_out
                .into_iter()
                .skip(offset)
                .take(usize::from(inner.height))
                .map(|(head, text)| {
                    let style = if head { theme::label() } else { theme::value() };
                    Line::styled(text, style)
                })
                .collect()
        };
        frame.render_widget(Paragraph::new(lines).block(block), popup);
    }
}
