//! The Treatment screen (clauses 6.1.3, 8.3): the treatment plan and the acceptances of residual
//! risk, switched with ← and →.

mod records;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub use records::{AcceptanceRow, ActionRow};

use super::register::RegisterView;
use super::{Ctx, Handled, Screen};
use crate::store::{Store, StoreError};
use crate::ui::theme;

const VIEWS: [&str; 2] = ["Treatment plan", "Acceptances"];

pub struct TreatmentScreen {
    view: usize,
    plan: RegisterView<ActionRow>,
    acceptances: RegisterView<AcceptanceRow>,
}

impl TreatmentScreen {
    pub fn new(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            view: 0,
            plan: RegisterView::new("Risk treatment plan (6.1.3 e)", store)?,
            acceptances: RegisterView::new("Acceptance of residual risk (6.1.3 f)", store)?,
        })
    }

    fn captures(&self) -> bool {
        if self.view == 0 {
            self.plan.captures_input()
        } else {
            self.acceptances.captures_input()
        }
    }
}

impl Screen for TreatmentScreen {
    fn title(&self) -> &'static str {
        "Treatment"
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        if !self.captures()
            && matches!(
                key.code,
                KeyCode::Left | KeyCode::Right | KeyCode::Char('[') | KeyCode::Char(']')
            )
        {
            self.view = 1 - self.view;
            return Handled::Yes;
        }
        if self.view == 0 {
            self.plan.handle_key(key, ctx)
        } else {
            self.acceptances.handle_key(key, ctx)
        }
    }

    fn handle_paste(&mut self, text: &str) {
        if self.view == 0 {
            self.plan.handle_paste(text);
        } else {
            self.acceptances.handle_paste(text);
        }
    }

    fn handle_click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        if row == bar.y {
            return false;
        }
        if self.view == 0 {
            self.plan.handle_click(body, column, row)
        } else {
            self.acceptances.handle_click(body, column, row)
        }
    }

    fn captures_input(&self) -> bool {
        self.captures()
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.plan.reload(store)?;
        self.acceptances.reload(store)
    }

    fn keys(&self) -> Vec<(&'static str, &'static str)> {
        let mut keys = if self.view == 0 {
            self.plan.keys()
        } else {
            self.acceptances.keys()
        };
        if !self.captures() {
            keys.insert(0, ("←→", "plan, acceptances"));
        }
        keys
    }

    fn render(&self, frame: &mut Frame, area: Rect) {
        let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        let mut spans = Vec::new();
        for (i, name) in VIEWS.iter().enumerate() {
            let style = if i == self.view {
                theme::tab_active()
            } else {
                theme::tab()
            };
            spans.push(Span::styled(format!(" {name} "), style));
            spans.push(Span::raw(" "));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), bar);
        if self.view == 0 {
            self.plan.render(frame, body, true);
        } else {
            self.acceptances.render(frame, body, true);
        }
    }
}
