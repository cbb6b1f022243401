//! Scope & context (clauses 4.1-4.3): the scope statements, the scope items, the interested
//! parties, and the internal and external issues, as four views switched with ← and →.

mod records;
mod statements;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::register::RegisterView;
use super::views::{self, View, ViewBar};
use super::{Ctx, Handled, Screen};
use crate::app::{Error, Reader};
use crate::domain::party::InterestedParty;
use crate::domain::readiness::Place;
use crate::domain::scope::{ContextIssue, ScopeItem};
use statements::Statements;

views::views!(
    /// The views of the Scope screen.
    ScopeView {
        Statements => "Statements",
        Items => "Scope items",
        Parties => "Interested parties",
        Issues => "Issues (4.1)",
    }
);

pub struct ScopeScreen {
    views: ViewBar<ScopeView>,
    statements: Statements,
    items: RegisterView<ScopeItem>,
    parties: RegisterView<InterestedParty>,
    issues: RegisterView<ContextIssue>,
}

impl ScopeScreen {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        Ok(Self {
            views: ViewBar::new(true),
            statements: Statements::new(data)?,
            items: RegisterView::new("Scope items (4.3)", data)?,
            parties: RegisterView::new("Interested parties (4.2)", data)?,
            issues: RegisterView::new("Internal and external issues (4.1)", data)?,
        })
    }

    pub fn view(&self) -> &'static str {
        self.views.current.name()
    }

    fn current_captures(&self) -> bool {
        match self.views.current {
            ScopeView::Statements => self.statements.captures_input(),
            ScopeView::Items => self.items.captures_input(),
            ScopeView::Parties => self.parties.captures_input(),
            ScopeView::Issues => self.issues.captures_input(),
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
            ScopeView::Statements => self.statements.handle_key(key, ctx),
            ScopeView::Items => self.items.handle_key(key, ctx),
            ScopeView::Parties => self.parties.handle_key(key, ctx),
            ScopeView::Issues => self.issues.handle_key(key, ctx),
        }
    }

    fn handle_paste(&mut self, text: &str) {
        match self.views.current {
            ScopeView::Statements => self.statements.handle_paste(text),
            ScopeView::Items => self.items.handle_paste(text),
            ScopeView::Parties => self.parties.handle_paste(text),
            ScopeView::Issues => self.issues.handle_paste(text),
        }
    }

    fn handle_click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        let [bar, body] = views::split(area);
        if row == bar.y {
            return match self.views.at(bar, column) {
                Some(view) => {
                    self.views.current = view;
                    true
                }
                None => false,
            };
        }
        match self.views.current {
            ScopeView::Items => self.items.handle_click(body, column, row),
            ScopeView::Parties => self.parties.handle_click(body, column, row),
            ScopeView::Issues => self.issues.handle_click(body, column, row),
            ScopeView::Statements => false,
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
        let view = match place {
            Place::ScopeStatements => Some(ScopeView::Statements),
            Place::Issues => Some(ScopeView::Issues),
            Place::Parties => Some(ScopeView::Parties),
            _ => None,
        };
        if let Some(view) = view {
            self.views.current = view;
            return true;
        }
        if self.items.focus(place) {
            self.views.current = ScopeView::Items;
            return true;
        }
        if self.parties.focus(place) {
            self.views.current = ScopeView::Parties;
            return true;
        }
        false
    }

    fn contexts(&self) -> crate::ui::keymap::Active {
        let view = match self.views.current {
            ScopeView::Statements => self.statements.contexts(),
            ScopeView::Items => self.items.contexts(),
            ScopeView::Parties => self.parties.contexts(),
            ScopeView::Issues => self.issues.contexts(),
        };
        self.views.over(view, self.current_captures())
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        let [bar, body] = views::split(area);
        self.views.render(frame, bar);
        match self.views.current {
            ScopeView::Statements => self.statements.render(frame, body),
            ScopeView::Items => self.items.render(frame, body, true),
            ScopeView::Parties => self.parties.render(frame, body, true),
            ScopeView::Issues => self.issues.render(frame, body, true),
        }
    }
}
