//! The Programme view: the certification cycle (three years ending today) as rows, clauses 4 to
//! 10 first (each expected every year), then the applicable controls (each expected once in the
//! cycle), with the internal audits that covered each in each year. A gap is a warning; `e`
//! plans the item into an audit (adds it to that audit's scope).

use std::sync::Arc;

use super::context::AuditContext;
use crate::app::{Command, Error, Reader, Saved};
use crate::domain::audit::programme::{
    CLAUSES, CYCLE_YEARS, clause_coverage, control_by_year, planned_for,
};
use crate::domain::audit::{Audit, field};
use crate::domain::control::display_ref;
use crate::domain::readiness::Place;
use crate::domain::reference::RefKind;
use crate::domain::{Field, ValidationError};
use crate::ui::screens::register::Record;
use crate::ui::theme::Tone;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// The note over the form that plans an item into an audit.
const PLAN_NOTE: Field = Field::new("plan");
/// Refusing to delete a row names no field of a form.
const PROGRAMME_ROW: Field = Field::new("programme");

mod facet {
    use crate::domain::Field;

    pub const ITEM: Field = Field::new("clause or control");
    pub const GAP: Field = Field::new("not covered");
}

#[derive(Clone)]
pub struct ProgrammeRow {
    /// A clause (`9`) or a control key (`5.15`).
    key: String,
    is_clause: bool,
    title: String,
    /// Audit numbers per year of the cycle, this year first.
    by_year: Vec<Vec<u32>>,
    /// Internal audits planned or in progress that have it in scope.
    planned: Vec<u32>,
    /// The audit the plan form chose, once chosen.
    plan_into: Option<Audit>,
    ctx: Arc<AuditContext>,
}

fn refs(numbers: &[u32]) -> String {
    numbers
        .iter()
        .map(|n| RefKind::Audit.format(*n))
        .collect::<Vec<_>>()
        .join(", ")
}

impl ProgrammeRow {
    fn item(&self) -> String {
        if self.is_clause {
            format!("Clause {}", self.key)
        } else {
            display_ref(&self.key)
        }
    }

    /// A clause not covered in the twelve months up to today, a control not in the cycle.
    fn gap(&self) -> bool {
        if self.is_clause {
            self.by_year.first().is_none_or(Vec::is_empty)
        } else {
            self.by_year.iter().all(Vec::is_empty)
        }
    }

    fn gap_text(&self) -> String {
        match (self.gap(), self.planned.is_empty()) {
            (false, _) => String::new(),
            (true, true) if self.is_clause => "not this year".into(),
            (true, true) => "not in cycle".into(),
            (true, false) => format!("planned: {}", refs(&self.planned)),
        }
    }
}

impl Record for ProgrammeRow {
    const NOUN: &'static str = "programme item";
    const CAN_ADD: bool = false;
    const CAN_DELETE: bool = false;

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Item", 9, 9, 9),
            Column::new("Title", 30, 10, 4),
            Column::new("This year", 14, 6, 8),
            Column::new("Year 2", 14, 6, 6),
            Column::new("Year 3", 14, 6, 5),
            Column::new("Gap", 18, 8, 7),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let mut cells = vec![self.item(), self.title.clone()];
        for y in 0..CYCLE_YEARS as usize {
            cells.push(self.by_year.get(y).map_or_else(String::new, |a| refs(a)));
        }
        cells.push(self.gap_text());
        cells
    }

    fn cell_styles(&self) -> Vec<(usize, Tone)> {
        if self.gap() {
            vec![(0, Tone::Warning), (5, Tone::Warning)]
        } else {
            vec![(5, Tone::Progress(0))]
        }
    }

    fn found_by(&self) -> String {
        if self.gap() {
            "gap not covered".into()
        } else {
            String::new()
        }
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let today = self.ctx.today;
        let mut years = Vec::new();
        for (y, audits) in self.by_year.iter().enumerate() {
            let to = today
                .checked_sub_months(chrono::Months::new(12 * y as u32))
                .unwrap_or(today);
            let from = to
                .checked_sub_months(chrono::Months::new(12))
                .map_or(to, |d| d.succ_opt().unwrap_or(d));
            let by = if audits.is_empty() {
                "no internal audit".to_string()
            } else {
                refs(audits)
            };
            years.push(format!("{from} to {to}: {by}"));
        }
        vec![
            ("Item", format!("{} {}", self.item(), self.title)),
            (
                "Expected",
                if self.is_clause {
                    "covered by an internal audit every year".into()
                } else {
                    format!("covered by an internal audit within {CYCLE_YEARS} years")
                },
            ),
            ("Covered", years.join("\n")),
            (
                "Planned",
                if self.planned.is_empty() {
                    "in no planned internal audit (e plans it into one)".into()
                } else {
                    refs(&self.planned)
                },
            ),
        ]
    }

    fn facets(&self) -> Vec<(Field, String)> {
        vec![
            (
                facet::ITEM,
                if self.is_clause { "clause" } else { "control" }.into(),
            ),
            (facet::GAP, crate::ui::screens::register::yes_no(self.gap())),
        ]
    }

    /// Rows have no ids of their own: the clauses count from 1, controls after them.
    fn id(&self) -> i64 {
        let at = if self.is_clause {
            CLAUSES.iter().position(|c| *c == self.key).unwrap_or(0)
        } else {
            CLAUSES.len()
                + self
                    .ctx
                    .applicable
                    .iter()
                    .position(|k| *k == self.key)
                    .unwrap_or(0)
        };
        i64::try_from(at + 1).unwrap_or(i64::MAX)
    }

    fn is_at(&self, _place: &Place) -> bool {
        false
    }

    fn label(&self) -> String {
        match &self.plan_into {
            Some(a) => format!("{} (with {} in its scope)", a.label(), self.item()),
            None => format!("{} {}", self.item(), self.title),
        }
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["audit"], String::new())
    }

    fn form(&self, title: String) -> Form {
        // The audits not yet reported are what an item can still be planned into.
        let open: Vec<(i64, String)> = self
            .ctx
            .audits
            .iter()
            .filter(|a| !a.is_reported())
            .map(|a| (a.id, a.label()))
            .collect();
        let first = open.first().map(|(id, _)| *id);
        Form::new(format!("Plan {} into an audit", self.item()))
            .note(
                PLAN_NOTE,
                "Adds",
                &format!("{} to the scope of the audit chosen ({title})", self.item()),
            )
            .pick(field::AUDIT, "Audit", open, first)
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let id = form.picked(field::AUDIT).ok_or_else(|| {
            ValidationError::new(
                field::AUDIT,
                "is required: which planned audit should cover it? (add one in the Audits view)",
            )
        })?;
        let mut audit = self
            .ctx
            .audit(id)
            .cloned()
            .ok_or_else(|| ValidationError::new(field::AUDIT, "that audit is gone"))?;
        let scope = if self.is_clause {
            &mut audit.clauses
        } else {
            &mut audit.controls
        };
        if !scope.contains(&self.key) {
            scope.push(self.key.clone());
        }
        Ok(ProgrammeRow {
            plan_into: Some(audit),
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let ctx = AuditContext::load(data)?;
        let today = ctx.today;
        let title = |list: &[(String, String)], key: &str| {
            list.iter()
                .find(|(k, _)| k == key)
                .map(|(_, l)| l.split_once(' ').map_or("", |(_, t)| t).to_string())
                .unwrap_or_default()
        };
        let mut rows: Vec<Self> = clause_coverage(&ctx.audits, today, CYCLE_YEARS)
            .into_iter()
            .map(|c| ProgrammeRow {
                key: c.clause.to_string(),
                is_clause: true,
                title: title(&ctx.clauses, c.clause),
                by_year: c.by_year,
                planned: planned_for(&ctx.audits, Some(c.clause), None),
                plan_into: None,
                ctx: Arc::clone(&ctx),
            })
            .collect();
        rows.extend(ctx.applicable.iter().map(|key| ProgrammeRow {
            key: key.clone(),
            is_clause: false,
            title: title(&ctx.controls, key),
            by_year: control_by_year(&ctx.audits, key, today, CYCLE_YEARS),
            planned: planned_for(&ctx.audits, None, Some(key)),
            plan_into: None,
            ctx: Arc::clone(&ctx),
        }));
        let blank = ProgrammeRow {
            key: String::new(),
            is_clause: true,
            title: String::new(),
            by_year: Vec::new(),
            planned: Vec::new(),
            plan_into: None,
            ctx,
        };
        Ok((rows, blank))
    }

    fn is_new(&self) -> bool {
        false
    }

    /// Saves the audit the item was planned into, its scope widened by the item.
    fn save(&self) -> Command {
        match &self.plan_into {
            Some(audit) => Command::SaveAudit(audit.clone()),
            None => Command::SaveAudit(Audit::new("", crate::domain::audit::AuditKind::Internal)),
        }
    }

    fn saved(self, _saved: Saved) -> Self {
        self
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Err(ValidationError::new(
            PROGRAMME_ROW,
            "the programme follows the audits' scopes: change an audit's scope instead",
        ))
    }
}
