//! The Cycles screen (9.3, the yearly cycle): the baselines closed so far, the open cycle's
//! re-assessment progress, and what changed since the selected baseline: new, changed field by
//! field and removed, grouped by part, with a heat map of how the risks moved. The Items view
//! browses the selected baseline as it was. `C` closes the cycle into a named baseline (the
//! name asked in a small form, then a question). The marks the Risks and Protection screens
//! show are in `marks`.

mod marks;
mod view;

use chrono::Datelike;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use marks::{Marks, fields_in_words};

use super::views::{self, ViewBar};
use super::{Ctx, Handled, Screen, Status};
use crate::app::{Command, Error, Reader, Saved};
use crate::domain::baseline::{self, Baseline, Change, Movement, Reassessment, field};
use crate::domain::methodology::Methodology;
use crate::ui::keymap::{self, Action, Active, Context};
use crate::ui::widgets::Confirm;
use crate::ui::widgets::form::{Form, FormEvent};

views::views!(
    /// The views of the Cycles screen.
    CyclesView {
        Changes => "Baselines and changes",
        Items => "Baseline items",
    }
);

enum Modal {
    None,
    /// The name of the cycle to close.
    Name(Form),
    /// The question before closing as `name`; the form comes back on a refusal.
    Confirm {
        name: String,
        confirm: Confirm,
    },
}

/// What the screen shows, read from the workspace.
struct Data {
    baselines: Vec<Baseline>,
    marks: Vec<Reassessment>,
    methodology: Methodology,
    /// The selected baseline against now: what changed, and how the risks moved.
    changes: Vec<Change>,
    movements: Vec<Movement>,
}

pub struct CyclesScreen {
    views: ViewBar<CyclesView>,
    data: Data,
    /// The baseline selected (an index into `data.baselines`), the latest by default.
    selected: usize,
    /// How far the right-hand pane is scrolled, in lines.
    offset: u16,
    modal: Modal,
    today: chrono::NaiveDate,
}

impl CyclesScreen {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        let mut s = Self {
            views: ViewBar::new(false),
            data: Data {
                baselines: Vec::new(),
                marks: Vec::new(),
                methodology: Methodology::default(),
                changes: Vec::new(),
                movements: Vec::new(),
            },
            selected: 0,
            offset: 0,
            modal: Modal::None,
            today: data.today(),
        };
        s.reload(data)?;
        s.selected = s.data.baselines.len().saturating_sub(1);
        s.compare(data)?;
        Ok(s)
    }

    fn selected(&self) -> Option<&Baseline> {
        self.data.baselines.get(self.selected)
    }

    /// Compares the selected baseline with the workspace as it stands.
    fn compare(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.offset = 0;
        let Some(chosen) = self.data.baselines.get(self.selected) else {
            self.data.changes.clear();
            self.data.movements.clear();
            return Ok(());
        };
        let now = baseline::freeze(&data.workspace()?, data.today());
        self.data.changes = baseline::diff(&chosen.snapshot, &now);
        self.data.movements = baseline::movements(&chosen.snapshot, &now);
        Ok(())
    }

    fn choose(&mut self, to: usize, ctx: &mut Ctx<'_>) {
        if to == self.selected || to >= self.data.baselines.len() {
            return;
        }
        self.selected = to;
        if let Err(e) = self.compare(&ctx.app.reader()) {
            *ctx.status = Status::Error(format!("Could not compare: {e}"));
        }
    }

    fn name_form(name: &str) -> Form {
        Form::new("Close the cycle").line(field::NAME, "Name", name)
    }

    fn handle_modal(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) {
        match std::mem::replace(&mut self.modal, Modal::None) {
            Modal::None => {}
            Modal::Name(mut form) => match form.handle_key(key) {
                FormEvent::None => self.modal = Modal::Name(form),
                FormEvent::Cancel => *ctx.status = Status::Info("No cycle closed.".into()),
                // The name is checked by the domain's rule before the question; a name taken
                // already is the store's to refuse.
                FormEvent::Submit => match Baseline::check_name(&form.value(field::NAME)) {
                    Ok(name) => {
                        let question = format!(
                            "Close the cycle as {name} today? The ISMS is frozen into a baseline \
                             that never changes, and every risk and rated asset is marked to \
                             re-assess."
                        );
                        self.modal = Modal::Confirm {
                            name,
                            confirm: Confirm { question },
                        };
                    }
                    Err(e) => {
                        form.set_error(e.field, e.message);
                        self.modal = Modal::Name(form);
                    }
                },
            },
            Modal::Confirm { name, confirm } => {
                match keymap::action(Context::ConfirmDelete, &key) {
                    Some(Action::Yes) => self.close(name, ctx),
                    Some(Action::No) => *ctx.status = Status::Info("No cycle closed.".into()),
                    _ => self.modal = Modal::Confirm { name, confirm },
                }
            }
        }
    }

    fn close(&mut self, name: String, ctx: &mut Ctx<'_>) {
        match ctx.app.apply(Command::CloseCycle { name: name.clone() }) {
            Ok(Saved::Baseline(closed)) => {
                *ctx.status = Status::Saved(format!(
                    "Closed the cycle {} on {}: {} items kept; the next cycle re-assesses {} \
                     risks and the needs of {} assets.",
                    closed.name,
                    closed.closed_on,
                    closed.snapshot.items.len(),
                    closed.risks_marked,
                    closed.needs_marked
                ));
                let data = ctx.app.reader();
                let read = self.reload(&data).and_then(|()| {
                    self.selected = self.data.baselines.len().saturating_sub(1);
                    self.compare(&data)
                });
                if let Err(e) = read {
                    *ctx.status = Status::Error(format!("Could not reload: {e}"));
                }
            }
            Ok(_) => {}
            Err(Error::Invalid(v)) => {
                let mut form = Self::name_form(&name);
                form.set_error(v.field, v.message);
                self.modal = Modal::Name(form);
            }
            Err(e) => *ctx.status = Status::Error(format!("No cycle closed: {e}")),
        }
    }
}

impl Screen for CyclesScreen {
    fn title(&self) -> &'static str {
        "Cycles"
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        if !matches!(self.modal, Modal::None) {
            self.handle_modal(key, ctx);
            return Handled::Yes;
        }
        if self.views.switch(key) {
            self.offset = 0;
            return Handled::Yes;
        }
        let last = self.data.baselines.len().saturating_sub(1);
        match keymap::action(Context::Cycles, &key) {
            Some(Action::Up) => self.choose(self.selected.saturating_sub(1), ctx),
            Some(Action::Down) => self.choose((self.selected + 1).min(last), ctx),
            Some(Action::PageDown) => self.offset = self.offset.saturating_add(10),
            Some(Action::PageUp) => self.offset = self.offset.saturating_sub(10),
            Some(Action::CloseCycle) => {
                self.modal = Modal::Name(Self::name_form(&ctx.today.year().to_string()));
            }
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn handle_paste(&mut self, text: &str) {
        if let Modal::Name(form) = &mut self.modal {
            form.paste(text);
        }
    }

    fn captures_input(&self) -> bool {
        !matches!(self.modal, Modal::None)
    }

    fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        let chosen = self.selected().map(|b| b.id);
        self.data.baselines = data.baselines()?;
        self.data.marks = data.reassessments()?;
        self.data.methodology = data.methodology()?;
        self.today = data.today();
        self.selected = chosen
            .and_then(|id| self.data.baselines.iter().position(|b| b.id == id))
            .unwrap_or(self.data.baselines.len().saturating_sub(1));
        self.compare(data)
    }

    fn contexts(&self) -> Active {
        match &self.modal {
            Modal::Name(form) => form.contexts(),
            Modal::Confirm { .. } => {
                let mut active = Active::of(vec![Context::ConfirmDelete]);
                active.renamed.push((Action::Yes, "close the cycle"));
                active.renamed.push((Action::No, "not yet"));
                active
            }
            Modal::None => {
                let none = self.data.baselines.is_empty();
                let active = Active::of(vec![Context::Cycles])
                    .hide(Action::Up, none)
                    .hide(Action::Down, none);
                self.views.over(active, false)
            }
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        let [bar, body] = views::split(area);
        self.views.render(frame, bar);
        match self.views.current {
            CyclesView::Changes => self.render_changes(frame, body),
            CyclesView::Items => self.render_items(frame, body),
        }
        match &self.modal {
            Modal::None => {}
            Modal::Name(form) => form.render(frame, area),
            Modal::Confirm { confirm, .. } => confirm.render(frame, area),
        }
    }
}
