//! The Nonconformities screen (10.2): the register `NC-001` and the corrective actions of all of
//! them, switched with ← and →. On a nonconformity `a` adds a corrective action and `v` opens
//! its effectiveness review; on an action `t` marks it done (or open again).

mod actions;
mod records;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use actions::ActionRow;
pub use records::NcRow;

use super::register::RegisterView;
use super::views::{self, ViewBar};
use super::{Ctx, Handled, Screen, Status};
use crate::app::{Error, Reader};
use crate::domain::nonconformity::field;
use crate::domain::readiness::Place;
use crate::ui::keymap::{self, Action, Active, Context};

views::views!(
    /// The views of the Nonconformities screen.
    NcView {
        Register => "Nonconformities",
        Actions => "Corrective actions",
    }
);

pub struct NonconformitiesScreen {
    views: ViewBar<NcView>,
    register: RegisterView<NcRow>,
    actions: RegisterView<ActionRow>,
}

const READ_ONLY: &str = "Opened read-only: nothing can be added, changed or deleted.";

impl NonconformitiesScreen {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        Ok(Self {
            views: ViewBar::new(true),
            register: RegisterView::new(
                "Nonconformities (10.2; a adds an action, v reviews)",
                data,
            )?,
            actions: RegisterView::new("Corrective actions (t marks done)", data)?,
        })
    }

    fn captures(&self) -> bool {
        match self.views.current {
            NcView::Register => self.register.captures_input(),
            NcView::Actions => self.actions.captures_input(),
        }
    }

    /// Reads the view not shown again (the one shown read itself after its change).
    fn reload_other(&mut self, ctx: &mut Ctx<'_>) {
        let reader = ctx.app.reader();
        let read = match self.views.current {
            NcView::Register => self.actions.reload(&reader),
            NcView::Actions => self.register.reload(&reader),
        };
        if let Err(e) = read {
            *ctx.status = Status::Error(format!("Could not read the workspace: {e}"));
        }
    }

    /// The register's own keys: `a` a new action for the nonconformity selected, `v` its review.
    fn register_key(&mut self, action: Action, ctx: &mut Ctx<'_>) {
        if ctx.app.is_read_only() {
            *ctx.status = Status::Error(READ_ONLY.into());
            return;
        }
        let Some(nc) = self.register.selected().map(|r| r.nc.clone()) else {
            return;
        };
        match action {
            Action::AddCorrectiveAction => {
                let mut base = self.actions.blank().clone();
                base.nc = nc;
                self.views.current = NcView::Actions;
                self.actions.open_new_from(base, ctx.today);
            }
            Action::ReviewEffectiveness => {
                self.register
                    .edit_selected_at(field::REVIEWED_ON, ctx.today);
            }
            _ => {}
        }
    }

    /// `t`: the selected action done, or open again.
    fn toggle_done(&mut self, ctx: &mut Ctx<'_>) {
        if ctx.app.is_read_only() {
            *ctx.status = Status::Error(READ_ONLY.into());
            return;
        }
        let Some(row) = self.actions.selected() else {
            return;
        };
        let (command, word) = row.toggled();
        let (id, label) = (
            crate::ui::screens::register::Record::id(row),
            crate::ui::screens::register::Record::label(row),
        );
        match ctx.app.apply(command) {
            Ok(_) => {
                *ctx.status = Status::Saved(format!("{label}: {word}."));
                let reader = ctx.app.reader();
                if let Err(e) = self
                    .actions
                    .reload(&reader)
                    .and_then(|()| self.register.reload(&reader))
                {
                    *ctx.status = Status::Error(format!("Could not read the workspace: {e}"));
                }
                self.actions.select_id(id);
            }
            Err(Error::Invalid(e)) => *ctx.status = Status::Error(format!("{}.", e.message)),
            Err(e) => *ctx.status = Status::Error(format!("Not saved: {e}")),
        }
    }
}

impl Screen for NonconformitiesScreen {
    fn title(&self) -> &'static str {
        "Nonconformities"
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        if !self.captures() && self.views.switch(key) {
            return Handled::Yes;
        }
        if !self.captures() {
            // `n` in the actions starts from the nonconformity selected in the register.
            if let Some(nc) = self.register.selected().map(|r| r.nc.clone()) {
                self.actions.blank_mut().nc = nc;
            }
            match self.views.current {
                NcView::Register => {
                    if let Some(
                        action @ (Action::AddCorrectiveAction | Action::ReviewEffectiveness),
                    ) = keymap::action(Context::Nonconformities, &key)
                    {
                        self.register_key(action, ctx);
                        return Handled::Yes;
                    }
                }
                NcView::Actions => {
                    if keymap::action(Context::CorrectiveActions, &key) == Some(Action::ToggleDone)
                    {
                        self.toggle_done(ctx);
                        return Handled::Yes;
                    }
                }
            }
        }
        let before = ctx.app.generation();
        let handled = match self.views.current {
            NcView::Register => self.register.handle_key(key, ctx),
            NcView::Actions => self.actions.handle_key(key, ctx),
        };
        if ctx.app.generation() != before {
            self.reload_other(ctx);
        }
        handled
    }

    fn handle_paste(&mut self, text: &str) {
        match self.views.current {
            NcView::Register => self.register.handle_paste(text),
            NcView::Actions => self.actions.handle_paste(text),
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
            NcView::Register => self.register.handle_click(body, column, row),
            NcView::Actions => self.actions.handle_click(body, column, row),
        }
    }

    fn captures_input(&self) -> bool {
        self.captures()
    }

    fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.register.reload(data)?;
        self.actions.reload(data)
    }

    fn focus(&mut self, place: &Place) -> bool {
        if self.register.focus(place) {
            self.views.current = NcView::Register;
            return true;
        }
        false
    }

    fn contexts(&self) -> Active {
        if self.captures() {
            return match self.views.current {
                NcView::Register => self.register.contexts(),
                NcView::Actions => self.actions.contexts(),
            };
        }
        let (list, extra, none) = match self.views.current {
            NcView::Register => (
                self.register.contexts(),
                Context::Nonconformities,
                self.register.selected().is_none(),
            ),
            NcView::Actions => (
                self.actions.contexts(),
                Context::CorrectiveActions,
                self.actions.selected().is_none(),
            ),
        };
        let mut active = Active::of(vec![extra]);
        active.contexts.extend(list.contexts);
        active.hidden.extend(list.hidden);
        active.renamed.extend(list.renamed);
        let active = active
            .hide(Action::AddCorrectiveAction, none)
            .hide(Action::ReviewEffectiveness, none)
            .hide(Action::ToggleDone, none);
        self.views.over(active, false)
    }

    fn legends(&self) -> Vec<&'static crate::ui::legend::Legend> {
        super::register::legends::<NcRow>()
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        let [bar, body] = views::split(area);
        self.views.render(frame, bar);
        match self.views.current {
            NcView::Register => self.register.render(frame, body, true),
            NcView::Actions => self.actions.render(frame, body, true),
        }
    }
}
