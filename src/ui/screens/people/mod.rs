//! The People screen (clauses 5.3, 7.2, 7.3): the people register with what each person holds,
//! owns and approved; the roles they hold, from when until when; the roles with the competence
//! they need and the authority they carry; and the records of competence and awareness. The
//! views are switched with ← and →.

mod competence;
mod records;
mod roles;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use competence::CompetenceRow;
pub use records::PersonRow;
pub use roles::{HeldRow, RoleRow};

use super::register::RegisterView;
use super::views::{self, ViewBar};
use super::{Ctx, Handled, Screen, Status};
use crate::app::{Error, Reader};
use crate::domain::person::RoleHeld;
use crate::domain::readiness::Place;
use crate::ui::keymap::{self, Action, Active, Context};

views::views!(
    /// The views of the People screen.
    PeopleView {
        People => "People",
        Held => "Roles held",
        Roles => "Roles",
        Competence => "Competence and awareness",
    }
);

pub struct PeopleScreen {
    views: ViewBar<PeopleView>,
    people: RegisterView<PersonRow>,
    held: RegisterView<HeldRow>,
    roles: RegisterView<RoleRow>,
    competence: RegisterView<CompetenceRow>,
}

/// Calls `$body` with the register view of the current view bound to `$v`.
macro_rules! current {
    ($self:ident, $v:ident => $body:expr) => {
        match $self.views.current {
            PeopleView::People => {
                let $v = &mut $self.people;
                $body
            }
            PeopleView::Held => {
                let $v = &mut $self.held;
                $body
            }
            PeopleView::Roles => {
                let $v = &mut $self.roles;
                $body
            }
            PeopleView::Competence => {
                let $v = &mut $self.competence;
                $body
            }
        }
    };
}

impl PeopleScreen {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        Ok(Self {
            views: ViewBar::new(true),
            people: RegisterView::new("People (5.3)", data)?,
            held: RegisterView::new("Roles held (5.3)", data)?,
            roles: RegisterView::new("Roles, their authority and competence (5.3, 7.2)", data)?,
            competence: RegisterView::new("Competence and awareness records (7.2, 7.3)", data)?,
        })
    }

    fn captures(&self) -> bool {
        match self.views.current {
            PeopleView::People => self.people.captures_input(),
            PeopleView::Held => self.held.captures_input(),
            PeopleView::Roles => self.roles.captures_input(),
            PeopleView::Competence => self.competence.captures_input(),
        }
    }
}

impl Screen for PeopleScreen {
    fn title(&self) -> &'static str {
        "People"
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        if !self.captures() && self.views.switch(key) {
            // A change in one view (a person added) shows in the others' lists and pickers.
            if let Err(e) = current!(self, v => v.reload(&ctx.app.reader())) {
                *ctx.status = Status::Error(format!("Could not read the workspace: {e}"));
            }
            return Handled::Yes;
        }
        if self.views.current == PeopleView::People
            && !self.captures()
            && keymap::action(Context::People, &key) == Some(Action::GiveRole)
        {
            if ctx.app.is_read_only() {
                *ctx.status = Status::Error(
                    "Opened read-only: nothing can be added, changed or deleted.".into(),
                );
            } else if let Some(person) = self.people.selected().map(|p| p.person.id) {
                // The Roles held view, with a new role held for this person in its form; read
                // again first, so that its pickers know a person added a moment ago.
                if let Err(e) = self.held.reload(&ctx.app.reader()) {
                    *ctx.status = Status::Error(format!("Could not read the roles held: {e}"));
                    return Handled::Yes;
                }
                self.views.current = PeopleView::Held;
                let blank = self.held.blank().clone();
                let base = HeldRow {
                    held: RoleHeld {
                        person,
                        ..blank.held
                    },
                    ..blank
                };
                self.held.open_new_from(base, ctx.today);
            }
            return Handled::Yes;
        }
        current!(self, v => v.handle_key(key, ctx))
    }

    fn handle_paste(&mut self, text: &str) {
        current!(self, v => v.handle_paste(text));
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
        current!(self, v => v.handle_click(body, column, row))
    }

    fn captures_input(&self) -> bool {
        self.captures()
    }

    fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.people.reload(data)?;
        self.held.reload(data)?;
        self.roles.reload(data)?;
        self.competence.reload(data)
    }

    fn focus(&mut self, place: &Place) -> bool {
        if *place == Place::People {
            self.views.current = PeopleView::People;
            return true;
        }
        if self.people.focus(place) {
            self.views.current = PeopleView::People;
            return true;
        }
        false
    }

    fn contexts(&self) -> crate::ui::keymap::Active {
        let view = match self.views.current {
            PeopleView::People if self.captures() => self.people.contexts(),
            PeopleView::People => {
                let list = self.people.contexts();
                let mut active = Active::of(vec![Context::People]);
                active.contexts.extend(list.contexts);
                active.hidden.extend(list.hidden);
                active.renamed.extend(list.renamed);
                let none = self.people.selected().is_none();
                active.hide(Action::GiveRole, none)
            }
            PeopleView::Held => self.held.contexts(),
            PeopleView::Roles => self.roles.contexts(),
            PeopleView::Competence => self.competence.contexts(),
        };
        self.views.over(view, self.captures())
    }

    fn legends(&self) -> Vec<&'static crate::ui::legend::Legend> {
        super::register::legends::<PersonRow>()
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        let [bar, body] = views::split(area);
        self.views.render(frame, bar);
        current!(self, v => v.render(frame, body, true));
    }
}
