//! The Reviews screen (9.3): the management reviews and the actions they decided, switched with
//! ← and →. A review being prepared shows its inputs a) to g) as the registers stand today; `H`
//! holds it today (after a question: it is for good), freezing them into the record. `n` in Actions adds an action to the review
//! selected in Reviews; `x` offers the selected review's minutes.

mod records;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use records::{ActionRow, ReviewRow};

use super::register::RegisterView;
use super::views::{self, ViewBar};
use super::{Ctx, Handled, Screen, Status};
use crate::app::{Command, Error, Reader};
use crate::report::export::What;
use crate::ui::export::ExportChoice;
use crate::ui::keymap::{self, Action, Active, Context};
use crate::ui::widgets::Confirm;

views::views!(
    /// The views of the Reviews screen.
    ReviewsView {
        Reviews => "Reviews",
        Actions => "Actions",
    }
);

pub struct ReviewsScreen {
    views: ViewBar<ReviewsView>,
    reviews: RegisterView<ReviewRow>,
    actions: RegisterView<ActionRow>,
    /// Asked before a review is held: holding freezes it for good.
    holding: Option<Confirm>,
}

impl ReviewsScreen {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        Ok(Self {
            views: ViewBar::new(true),
            reviews: RegisterView::new("Management reviews (9.3)", data)?,
            actions: RegisterView::new("Review actions (input a) of the next review)", data)?,
            holding: None,
        })
    }

    fn captures(&self) -> bool {
        if self.holding.is_some() {
            return true;
        }
        if self.views.current == ReviewsView::Reviews {
            self.reviews.captures_input()
        } else {
            self.actions.captures_input()
        }
    }

    /// Holds the selected review today; one held already says so in the status line.
    fn hold(&mut self, ctx: &mut Ctx<'_>) {
        let Some(row) = self.reviews.selected() else {
            return;
        };
        let reference = row.review.reference();
        match ctx.app.apply(Command::HoldReview(row.review.id)) {
            Ok(_) => {
                *ctx.status = Status::Saved(format!(
                    "{reference} held today: its inputs are frozen as they stand"
                ));
            }
            Err(e) => *ctx.status = Status::Error(e.to_string()),
        }
    }

    fn reload_both(&mut self, ctx: &mut Ctx<'_>) {
        let reader = ctx.app.reader();
        if let Err(e) = self
            .reviews
            .reload(&reader)
            .and_then(|()| self.actions.reload(&reader))
        {
            *ctx.status = Status::Error(format!("Could not read the workspace: {e}"));
        }
    }
}

impl Screen for ReviewsScreen {
    fn title(&self) -> &'static str {
        "Reviews"
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        if self.holding.is_some() {
            match keymap::action(Context::ConfirmDelete, &key) {
                Some(Action::Yes) => {
                    self.holding = None;
                    let before = ctx.app.generation();
                    self.hold(ctx);
                    if ctx.app.generation() != before {
                        self.reload_both(ctx);
                    }
                }
                Some(Action::No) => self.holding = None,
                _ => {}
            }
            return Handled::Yes;
        }
        if !self.captures() && self.views.switch(key) {
            return Handled::Yes;
        }
        if !self.captures() {
            if let Some(id) = self.reviews.selected().map(|r| r.review.id) {
                self.actions.blank_mut().action.review = id;
            }
            if self.views.current == ReviewsView::Reviews
                && keymap::action(Context::ReviewRegister, &key) == Some(Action::HoldReview)
            {
                if let Some(row) = self.reviews.selected() {
                    let r = &row.review;
                    if r.is_held() {
                        *ctx.status = Status::Error(format!(
                            "{} was held on {}; its inputs are frozen",
                            r.reference(),
                            r.held_on.map_or_else(String::new, |d| d.to_string())
                        ));
                    } else {
                        self.holding = Some(Confirm {
                            question: format!(
                                "Hold {} today? Its inputs are frozen as they stand, the built-in \
                                 measures recorded, and a held review is kept for good.",
                                r.label()
                            ),
                        });
                    }
                }
                return Handled::Yes;
            }
        }
        let before = ctx.app.generation();
        let handled = if self.views.current == ReviewsView::Reviews {
            self.reviews.handle_key(key, ctx)
        } else {
            self.actions.handle_key(key, ctx)
        };
        // An action changes input a) of the next review; a review changes the actions' labels.
        if ctx.app.generation() != before {
            self.reload_both(ctx);
        }
        handled
    }

    fn handle_paste(&mut self, text: &str) {
        if self.views.current == ReviewsView::Reviews {
            self.reviews.handle_paste(text);
        } else {
            self.actions.handle_paste(text);
        }
    }

    fn handle_click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        let [bar, body] = views::split(area);
        if row == bar.y {
            return false;
        }
        if self.views.current == ReviewsView::Reviews {
            self.reviews.handle_click(body, column, row)
        } else {
            self.actions.handle_click(body, column, row)
        }
    }

    fn captures_input(&self) -> bool {
        self.captures()
    }

    fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.reviews.reload(data)?;
        self.actions.reload(data)
    }

    fn focus(&mut self, place: &crate::domain::readiness::Place) -> bool {
        if *place == crate::domain::readiness::Place::Reviews {
            self.views.current = ReviewsView::Reviews;
            return true;
        }
        if self.reviews.focus(place) {
            self.views.current = ReviewsView::Reviews;
            return true;
        }
        false
    }

    fn export_choice(&self) -> Option<ExportChoice> {
        // The selected review's minutes (the latest when none is selected).
        Some(ExportChoice {
            what: What::Review,
            workshop: None,
            review: self.reviews.selected().map(|r| r.review.number),
        })
    }

    fn contexts(&self) -> Active {
        if self.holding.is_some() {
            let mut active = Active::of(vec![Context::ConfirmDelete]);
            active.renamed.push((Action::Yes, "hold today"));
            active.renamed.push((Action::No, "not yet"));
            return active;
        }
        if self.captures() {
            return if self.views.current == ReviewsView::Reviews {
                self.reviews.contexts()
            } else {
                self.actions.contexts()
            };
        }
        let view = if self.views.current == ReviewsView::Reviews {
            let list = self.reviews.contexts();
            let mut active = Active::of(vec![Context::ReviewRegister]);
            active.contexts.extend(list.contexts);
            active.hidden.extend(list.hidden);
            active.renamed.extend(list.renamed);
            let held = self.reviews.selected().is_none_or(|r| r.review.is_held());
            active.hide(Action::HoldReview, held)
        } else {
            self.actions.contexts()
        };
        self.views.over(view, false)
    }

    fn legends(&self) -> Vec<&'static crate::ui::legend::Legend> {
        super::register::legends::<ReviewRow>()
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        let [bar, body] = views::split(area);
        self.views.render(frame, bar);
        if self.views.current == ReviewsView::Reviews {
            self.reviews.render(frame, body, true);
        } else {
            self.actions.render(frame, body, true);
        }
        if let Some(confirm) = &self.holding {
            confirm.render(frame, area);
        }
    }
}
