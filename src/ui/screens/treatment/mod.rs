//! The Treatment screen (clauses 6.1.3, 8.3): the treatment plan and the acceptances of residual
//! risk, switched with ← and →.

mod records;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use records::{AcceptanceRow, ActionRow};

use super::register::RegisterView;
use super::views::{self, ViewBar};
use super::{Ctx, Handled, Screen};
use crate::app::{Error, Reader};

views::views!(
    /// The views of the Treatment screen.
    TreatmentView {
        Plan => "Treatment plan",
        Acceptances => "Acceptances",
    }
);

pub struct TreatmentScreen {
    views: ViewBar<TreatmentView>,
    plan: RegisterView<ActionRow>,
    acceptances: RegisterView<AcceptanceRow>,
}

impl TreatmentScreen {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        Ok(Self {
            views: ViewBar::new(true),
            plan: RegisterView::new("Risk treatment plan (6.1.3 e)", data)?,
            acceptances: RegisterView::new("Acceptance of residual risk (6.1.3 f)", data)?,
        })
    }

    fn captures(&self) -> bool {
        if self.views.current == TreatmentView::Plan {
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
        if !self.captures() && self.views.switch(key) {
            return Handled::Yes;
        }
        if self.views.current == TreatmentView::Plan {
            self.plan.handle_key(key, ctx)
        } else {
            self.acceptances.handle_key(key, ctx)
        }
    }

    fn handle_paste(&mut self, text: &str) {
        if self.views.current == TreatmentView::Plan {
            self.plan.handle_paste(text);
        } else {
            self.acceptances.handle_paste(text);
        }
    }

    fn handle_click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        let [bar, body] = views::split(area);
        if row == bar.y {
            return false;
        }
        if self.views.current == TreatmentView::Plan {
            self.plan.handle_click(body, column, row)
        } else {
            self.acceptances.handle_click(body, column, row)
        }
    }

    fn captures_input(&self) -> bool {
        self.captures()
    }

    fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.plan.reload(data)?;
        self.acceptances.reload(data)
    }

    fn focus(&mut self, place: &crate::domain::readiness::Place) -> bool {
        if self.plan.focus(place) {
            self.views.current = TreatmentView::Plan;
            return true;
        }
        if self.acceptances.focus(place) {
            self.views.current = TreatmentView::Acceptances;
            return true;
        }
        false
    }

    fn contexts(&self) -> crate::ui::keymap::Active {
        let view = if self.views.current == TreatmentView::Plan {
            self.plan.contexts()
        } else {
            self.acceptances.contexts()
        };
        self.views.over(view, self.captures())
    }

    fn legends(&self) -> Vec<&'static crate::ui::legend::Legend> {
        super::register::legends::<ActionRow>()
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        let [bar, body] = views::split(area);
        self.views.render(frame, bar);
        if self.views.current == TreatmentView::Plan {
            self.plan.render(frame, body, true);
        } else {
            self.acceptances.render(frame, body, true);
        }
    }
}
