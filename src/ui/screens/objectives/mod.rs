//! The Objectives screen (6.2, 9.1): the information security objectives with their latest
//! result, target and trend (a small chart under the detail), and the measurements, switched
//! with ← and →. In Objectives, `m` records a measurement of the selected objective and `r`
//! records its built-in measure as computed from the workspace today.

mod measurements;
mod records;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use measurements::MeasurementRow;
pub use records::ObjectiveRow;

use super::register::RegisterView;
use super::views::{self, ViewBar};
use super::{Ctx, Handled, Screen, Status};
use crate::app::{Command, Error, Reader, Saved};
use crate::domain::objective::{format_value, with_unit};
use crate::ui::keymap::{self, Action, Active, Context};

views::views!(
    /// The views of the Objectives screen.
    ObjectivesView {
        Register => "Objectives",
        Measurements => "Measurements",
    }
);

pub struct ObjectivesScreen {
    views: ViewBar<ObjectivesView>,
    register: RegisterView<ObjectiveRow>,
    measurements: RegisterView<MeasurementRow>,
}

impl ObjectivesScreen {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        Ok(Self {
            views: ViewBar::new(true),
            register: RegisterView::new("Information security objectives (6.2)", data)?,
            measurements: RegisterView::new("Measurements (9.1; n records one)", data)?,
        })
    }

    fn captures(&self) -> bool {
        if self.views.current == ObjectivesView::Register {
            self.register.captures_input()
        } else {
            self.measurements.captures_input()
        }
    }

    /// Records the selected objective's built-in measure today, and says what it recorded.
    fn record_builtin(&mut self, ctx: &mut Ctx<'_>) {
        let Some(row) = self.register.selected() else {
            return;
        };
        let (id, label, unit) = (
            row.objective.id,
            row.objective.reference(),
            row.objective.unit.clone(),
        );
        *ctx.status = match ctx.app.apply(Command::RecordBuiltinMeasure(id)) {
            Ok(Saved::Measurement(m)) => Status::Saved(format!(
                "Recorded {label}: {} on {} ({})",
                with_unit(&format_value(m.value), &unit),
                m.on_date,
                m.note
            )),
            Ok(_) => Status::None,
            Err(Error::Invalid(v)) => Status::Error(format!("{label}: {}", v.message)),
            Err(e) => Status::Error(format!("Could not record it: {e}")),
        };
    }
}

impl Screen for ObjectivesScreen {
    fn title(&self) -> &'static str {
        "Objectives"
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        if !self.captures() && self.views.switch(key) {
            return Handled::Yes;
        }
        let before = ctx.app.generation();
        let selected = self.register.selected().map(|o| o.objective.id);
        let mut handled = None;
        if !self.captures() {
            // `n` in Measurements and `m` in Objectives record a result of the objective
            // selected in Objectives.
            if let Some(id) = selected {
                self.measurements.blank_mut().measurement.objective = id;
            }
            if self.views.current == ObjectivesView::Register {
                match keymap::action(Context::ObjectiveRegister, &key) {
                    Some(Action::Measure) => {
                        if selected.is_some() {
                            self.views.current = ObjectivesView::Measurements;
                            self.measurements.open_new();
                        }
                        return Handled::Yes;
                    }
                    Some(Action::MeasureNow) => {
                        self.record_builtin(ctx);
                        handled = Some(Handled::Yes);
                    }
                    _ => {}
                }
            }
        }
        let handled = handled.unwrap_or_else(|| {
            if self.views.current == ObjectivesView::Register {
                self.register.handle_key(key, ctx)
            } else {
                self.measurements.handle_key(key, ctx)
            }
        });
        // A change in one view shows in the other: a measurement changes its objective's
        // latest result, a deleted objective takes its measurements.
        if ctx.app.generation() != before {
            let reader = ctx.app.reader();
            let reloaded = self
                .register
                .reload(&reader)
                .and_then(|()| self.measurements.reload(&reader));
            if let Err(e) = reloaded {
                *ctx.status = Status::Error(format!("Could not read the workspace: {e}"));
            }
        }
        handled
    }

    fn handle_paste(&mut self, text: &str) {
        if self.views.current == ObjectivesView::Register {
            self.register.handle_paste(text);
        } else {
            self.measurements.handle_paste(text);
        }
    }

    fn handle_click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        let [bar, body] = views::split(area);
        if row == bar.y {
            return false;
        }
        if self.views.current == ObjectivesView::Register {
            self.register.handle_click(body, column, row)
        } else {
            self.measurements.handle_click(body, column, row)
        }
    }

    fn captures_input(&self) -> bool {
        self.captures()
    }

    fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.register.reload(data)?;
        self.measurements.reload(data)
    }

    fn focus(&mut self, place: &crate::domain::readiness::Place) -> bool {
        // No objectives at all (OBJ-001) is fixed here too, by adding one.
        if self.register.focus(place) || *place == crate::domain::readiness::Place::Objectives {
            self.views.current = ObjectivesView::Register;
            return true;
        }
        false
    }

    fn contexts(&self) -> Active {
        if self.captures() {
            return if self.views.current == ObjectivesView::Register {
                self.register.contexts()
            } else {
                self.measurements.contexts()
            };
        }
        let view = if self.views.current == ObjectivesView::Register {
            let list = self.register.contexts();
            let selected = self.register.selected();
            let mut active = Active::of(vec![Context::ObjectiveRegister]);
            active.contexts.extend(list.contexts);
            active.hidden.extend(list.hidden);
            active.renamed.extend(list.renamed);
            active.hide(Action::Measure, selected.is_none()).hide(
                Action::MeasureNow,
                selected.is_none_or(|o| o.objective.builtin.is_none()),
            )
        } else {
            self.measurements.contexts()
        };
        self.views.over(view, false)
    }

    fn legends(&self) -> Vec<&'static crate::ui::legend::Legend> {
        super::register::legends::<ObjectiveRow>()
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        let [bar, body] = views::split(area);
        self.views.render(frame, bar);
        if self.views.current == ObjectivesView::Register {
            self.register.render(frame, body, true);
        } else {
            self.measurements.render(frame, body, true);
        }
    }
}
