//! The workspace at a glance: organisation, file, and the count of each register.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::welcome::key_line;
use super::{Step, theme};
use crate::store::{Counts, Store, StoreError};

pub struct Summary {
    store: Store,
    organisation: String,
    counts: Counts,
}

impl Summary {
    pub fn new(store: Store) -> Result<Self, StoreError> {
        Ok(Self {
            organisation: store.organisation()?,
            counts: store.counts()?,
            store,
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Step {
        match key.code {
            KeyCode::Char('q') => Step::Quit,
            _ => Step::Continue,
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let title = format!(" isms: {} ", self.organisation);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border())
            .title(Span::styled(title, theme::title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [head, body, footer] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Min(10),
            Constraint::Length(1),
        ])
        .margin(1)
        .areas(inner);

        let mode = if self.store.is_read_only() {
            "  (read-only)"
        } else {
            ""
        };
        frame.render_widget(
            Paragraph::new(vec![Line::from(vec![
                Span::styled("Workspace  ", theme::label()),
                Span::styled(super::shown(self.store.path()), theme::value()),
                Span::styled(mode, theme::warning()),
            ])]),
            head,
        );
        let c = &self.counts;
        let rows = [
            ("Scope items", c.scope_items.to_string()),
            ("Context issues", c.context_issues.to_string()),
            ("Interested parties", c.parties.to_string()),
            ("Assets", c.assets.to_string()),
            ("Protection needs", c.protection_needs.to_string()),
            ("Risks", c.risks.to_string()),
            ("Treatment actions", c.actions.to_string()),
            ("Acceptances", c.acceptances.to_string()),
            (
                "Controls",
                format!(
                    "{} Annex A, {} custom",
                    c.annex_a_controls, c.custom_controls
                ),
            ),
            (
                "SoA decided",
                format!(
                    "{} of {}",
                    c.soa_decided,
                    c.annex_a_controls + c.custom_controls
                ),
            ),
            ("Clauses", c.clauses.to_string()),
        ];
        let lines: Vec<Line> = rows
            .into_iter()
            .map(|(label, value)| {
                Line::from(vec![
                    Span::styled(format!("{label:<22}"), theme::label()),
                    Span::styled(value, theme::value()),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), body);
        frame.render_widget(Paragraph::new(key_line(&[("q", "quit")])), footer);
    }
}
