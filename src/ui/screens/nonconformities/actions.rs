//! The corrective actions of every nonconformity, one row each: added, changed, marked done
//! (`t`) and removed here, each change saving its nonconformity whole.

use std::sync::Arc;

use super::records::{NcContext, nc_label};
use crate::app::{Command, Error, Reader, Saved};
use crate::domain::nonconformity::{CorrectiveAction, CorrectiveStatus, Nonconformity, field};
use crate::domain::readiness::Place;
use crate::domain::text;
use crate::domain::{Field, ValidationError};
use crate::ui::screens::register::Record;
use crate::ui::theme::Tone;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// The nonconformity an action is for: the form's picker and the error that names it.
const NONCONFORMITY: Field = Field::new("nonconformity");

mod facet {
    use crate::domain::Field;

    pub const STATUS: Field = Field::new("status");
    pub const OVERDUE: Field = Field::new("overdue");
    pub const OWNER: Field = Field::new("owner");
}

#[derive(Clone)]
pub struct ActionRow {
    /// The nonconformity as stored (row id 0 while a new action has none chosen).
    pub nc: Nonconformity,
    /// Its place among the nonconformity's actions; `None` for a new one.
    pub index: Option<usize>,
    pub action: CorrectiveAction,
    pub ctx: Arc<NcContext>,
}

impl ActionRow {
    /// The nonconformity with this action as it is now (added, or in its place).
    fn nc_with_action(&self) -> Nonconformity {
        let mut nc = self.nc.clone();
        match self.index {
            Some(i) if i < nc.actions.len() => nc.actions[i] = self.action.clone(),
            _ => nc.actions.push(self.action.clone()),
        }
        nc
    }

    /// The command that marks it done, or open again when it is done.
    pub fn toggled(&self) -> (Command, &'static str) {
        let (status, word) = if self.action.is_done() {
            (CorrectiveStatus::Open, "open again")
        } else {
            (CorrectiveStatus::Done, "done")
        };
        let row = ActionRow {
            action: CorrectiveAction {
                status,
                ..self.action.clone()
            },
            ..self.clone()
        };
        (Command::SaveNonconformity(row.nc_with_action()), word)
    }
}

impl Record for ActionRow {
    const NOUN: &'static str = "corrective action";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("NC", 6, 6, 9),
            Column::new("Action", 40, 14, 8),
            Column::new("Owner", 18, 8, 5),
            Column::new("Due", 10, 10, 7),
            Column::new("Status", 11, 6, 6),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let a = &self.action;
        vec![
            self.nc.reference(),
            a.description.clone(),
            a.owner.clone(),
            a.due_on.map(|d| d.to_string()).unwrap_or_default(),
            a.status.label().to_string(),
        ]
    }

    fn cell_styles(&self) -> Vec<(usize, Tone)> {
        let mut styles = Vec::new();
        match self.action.status {
            CorrectiveStatus::Done => styles.push((4, Tone::Progress(0))),
            CorrectiveStatus::InProgress => styles.push((4, Tone::Progress(1))),
            CorrectiveStatus::Open => {}
        }
        if self.action.is_overdue(self.ctx.today) && !self.nc.is_closed() {
            styles.push((3, Tone::Warning));
        }
        styles
    }

    fn found_by(&self) -> String {
        if self.action.is_overdue(self.ctx.today) && !self.nc.is_closed() {
            "overdue".into()
        } else {
            String::new()
        }
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let a = &self.action;
        let mut due = a.due_on.map(|d| d.to_string()).unwrap_or_default();
        if a.is_overdue(self.ctx.today) && !self.nc.is_closed() {
            due.push_str(" (overdue)");
        }
        vec![
            ("Nonconformity", nc_label(&self.nc)),
            ("State", self.nc.state().label().to_string()),
            ("Action", a.description.clone()),
            ("Owner", a.owner.clone()),
            ("Due", due),
            (
                "Status",
                format!("{} (t: done, open again)", a.status.label()),
            ),
        ]
    }

    fn facets(&self) -> Vec<(Field, String)> {
        vec![
            (facet::STATUS, self.action.status.label().to_string()),
            (
                facet::OVERDUE,
                crate::ui::screens::register::yes_no(
                    self.action.is_overdue(self.ctx.today) && !self.nc.is_closed(),
                ),
            ),
            (
                facet::OWNER,
                if self.action.owner.is_empty() {
                    "(none)".into()
                } else {
                    self.action.owner.clone()
                },
            ),
        ]
    }

    /// Rows have no ids of their own: the nonconformity's and the action's place together.
    fn id(&self) -> i64 {
        let at = self
            .index
            .map_or(0xFFFF, |i| i64::try_from(i).unwrap_or(0xFFFF));
        self.nc.id * 0x10000 + at
    }

    fn is_at(&self, _place: &Place) -> bool {
        false
    }

    fn label(&self) -> String {
        format!(
            "{} action: {}",
            self.nc.reference(),
            self.action.description
        )
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["nonconformity"], self.nc.reference())
    }

    fn form(&self, title: String) -> Form {
        let a = &self.action;
        let open: Vec<(i64, String)> = self
            .ctx
            .nonconformities
            .iter()
            .filter(|n| !n.is_closed() || n.id == self.nc.id)
            .map(|n| (n.id, nc_label(n)))
            .collect();
        // The nonconformity last: `a` on one presets it, and the action is what is typed first.
        let form = Form::new(title)
            .line(field::ACTION, "Action", &a.description)
            .person(field::OWNER, "Owner", &a.owner, &self.ctx.people)
            .date(field::DUE_ON, "Due on", a.due_on)
            .choice(
                field::STATUS,
                "Status",
                CorrectiveStatus::ALL.iter().map(|s| s.label()).collect(),
                CorrectiveStatus::ALL
                    .iter()
                    .position(|s| *s == a.status)
                    .unwrap_or(0),
            );
        if self.index.is_none() {
            form.pick(
                NONCONFORMITY,
                "For nonconformity",
                open,
                (self.nc.id != 0).then_some(self.nc.id),
            )
        } else {
            form.note(NONCONFORMITY, "For nonconformity", &nc_label(&self.nc))
        }
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let nc = if self.index.is_none() {
            let id = form.picked(NONCONFORMITY).ok_or_else(|| {
                ValidationError::new(NONCONFORMITY, "is required: which nonconformity is it for?")
            })?;
            self.ctx
                .nonconformity(id)
                .cloned()
                .ok_or_else(|| ValidationError::new(NONCONFORMITY, "that nonconformity is gone"))?
        } else {
            self.nc.clone()
        };
        Ok(ActionRow {
            nc,
            action: CorrectiveAction {
                description: form.value(field::ACTION),
                owner: form.value(field::OWNER),
                due_on: text::date(field::DUE_ON, &form.value(field::DUE_ON))?,
                status: CorrectiveStatus::ALL
                    .get(form.choice_index(field::STATUS))
                    .copied()
                    .unwrap_or(CorrectiveStatus::Open),
            },
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let ctx = NcContext::load(data)?;
        let mut rows = Vec::new();
        for nc in &ctx.nonconformities {
            for (i, action) in nc.actions.iter().enumerate() {
                rows.push(ActionRow {
                    nc: nc.clone(),
                    index: Some(i),
                    action: action.clone(),
                    ctx: Arc::clone(&ctx),
                });
            }
        }
        let blank = ActionRow {
            nc: Nonconformity {
                id: 0,
                ..Nonconformity::new(
                    crate::domain::nonconformity::NcSource::OwnObservation,
                    crate::domain::nonconformity::NcGrade::Minor,
                    ctx.today,
                    "",
                )
            },
            index: None,
            action: CorrectiveAction::new(""),
            ctx,
        };
        Ok((rows, blank))
    }

    fn is_new(&self) -> bool {
        self.index.is_none()
    }

    fn save(&self) -> Command {
        Command::SaveNonconformity(self.nc_with_action())
    }

    /// The action in the nonconformity as stored: a new one is its last.
    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Nonconformity(nc) => {
                let index = self
                    .index
                    .or_else(|| nc.actions.len().checked_sub(1))
                    .filter(|&i| i < nc.actions.len());
                let action = index
                    .and_then(|i| nc.actions.get(i).cloned())
                    .unwrap_or(self.action);
                ActionRow {
                    nc,
                    index,
                    action,
                    ..self
                }
            }
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        let mut nc = self.nc.clone();
        if let Some(i) = self.index.filter(|&i| i < nc.actions.len()) {
            nc.actions.remove(i);
        }
        Ok(Command::SaveNonconformity(nc))
    }
}
