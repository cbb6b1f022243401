//! Scope & context (clauses 4.1-4.3): the scope statements, the scope items, the interested
//! parties, and the internal and external issues, as four views switched with ← and →.

mod records;
mod statements;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::register::RegisterView;
use super::views::ViewBar;
use super::{Ctx, Handled, Screen};
use crate::app::{Error, Reader};
use crate::domain::party::InterestedParty;
use crate::domain::readiness::Place;
use crate::domain::scope::{ContextIssue, ScopeItem};
use statements::Statements;

const VIEWS: [&str; 4] = [
    "Statements",
    "Scope items",
    "Interested parties",
    "Issues (4.1)",
];

pub struct ScopeScreen {
    views: ViewBar,
    statements: Statements,
    items: RegisterView<ScopeItem>,
    parties: RegisterView<InterestedParty>,
    issues: RegisterView<ContextIssue>,
}

impl ScopeScreen {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        Ok(Self {
            views: ViewBar::new(&VIEWS, true),
            statements: Statements::new(data)?,
            items: RegisterView::new("Scope items (4.3)", data)?,
            parties: RegisterView::new("Interested parties (4.2)", data)?,
            issues: RegisterView::new("Internal and external issues (4.1)", data)?,
        })
    }

    pub fn view(&self) -> &'static str {
        VIEWS[self.views.current]
    }

    fn current_captures(&self) -> bool {
        match self.views.current {
            0 => self.statements.captures_input(),
            1 => self.items.captures_input(),
            2 => self.parties.captures_input(),
            _ => self.issues.captures_input(),
        }
    }
}

impl Screen for ScopeScreen {
    fn title(&self) -> &'static str {
        "Scope"
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        if !self.current_captures() && self.views.switch(key) {
            return Handled::Yes;
        }
        match self.views.current {
            0 => self.statements.handle_key(key, ctx),
            1 => self.items.handle_key(key, ctx),
            2 => self.parties.handle_key(key, ctx),
            _ => self.issues.handle_key(key, ctx),
        }
    }

    fn handle_paste(&mut self, text: &str) {
        match self.views.current {
            0 => self.statements.handle_paste(text),
            1 => self.items.handle_paste(text),
            2 => self.parties.handle_paste(text),
            _ => self.issues.handle_paste(text),
        }
    }

    fn handle_click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        let [bar, body] = ViewBar::split(area);
        if row == bar.y {
            return match self.views.at(bar, column) {
                Some(i) => {
                    self.views.current = i;
                    true
                }
                None => false,
            };
        }
        match self.views.current {
            1 => self.items.handle_click(body, column, row),
            2 => self.parties.handle_click(body, column, row),
            3 => self.issues.handle_click(body, column, row),
            _ => false,
        }
    }

    fn captures_input(&self) -> bool {
        self.current_captures()
    }

    fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.statements.reload(data)?;
        self.items.reload(data)?;
        self.parties.reload(data)?;
        self.issues.reload(data)
    }

    fn focus(&mut self, place: &Place) -> bool {
        if *place == Place::ScopeStatements {
            self.views.current = 0;
            return true;
        }
        if self.items.focus(place) {
            self.views.current = 1;
            return true;
        }
        if self.parties.focus(place) {
            self.views.current = 2;
            return true;
        }
        false
    }

    fn contexts(&self) -> crate::ui::keymap::Active {
        let view = match self.views.current {
            0 => self.statements.contexts(),
            1 => self.items.contexts(),
            2 => self.parties.contexts(),
            _ => self.issues.contexts(),
        };
        self.views.over(view, self.current_captures())
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        let [bar, body] = ViewBar::split(area);
        self.views.render(frame, bar);
        match self.views.current {
            0 => self.statements.render(frame, body),
            1 => self.items.render(frame, body, true),
            2 => self.parties.render(frame, body, true),
            _ => self.issues.render(frame, body, true),
        }
    }
}
