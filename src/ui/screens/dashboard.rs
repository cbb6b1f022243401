//! The dashboard: the workspace at a glance. For now the organisation, the file and the count of
//! each register; readiness findings, heat maps and deadlines join it with the checker.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Ctx, Handled, Screen};
use crate::store::{Counts, Store, StoreError};
use crate::ui::theme;

pub struct Dashboard {
    counts: Counts,
    path: String,
}

impl Dashboard {
    pub fn new(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            counts: store.counts()?,
            path: store.path().display().to_string(),
        })
    }
}

impl Screen for Dashboard {
    fn title(&self) -> &'static str {
        "Dashboard"
    }

    fn handle_key(&mut self, _key: KeyEvent, _ctx: &mut Ctx<'_>) -> Handled {
        Handled::No
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.counts = store.counts()?;
        Ok(())
    }

    fn render(&self, frame: &mut Frame, area: Rect) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border())
            .title(Span::styled(" Registers ", theme::title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let c = &self.counts;
        let rows = [
            ("Workspace file", self.path.clone()),
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
                    Span::styled(format!("  {label:<22}"), theme::label()),
                    Span::styled(value, theme::value()),
                ])
            })
            .collect();
        let [body] = Layout::vertical([Constraint::Min(1)])
            .margin(1)
            .areas(inner);
        frame.render_widget(Paragraph::new(lines), body);
    }

    fn keys(&self) -> Vec<(&'static str, &'static str)> {
        Vec::new()
    }
}
