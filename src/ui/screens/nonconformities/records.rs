//! Nonconformities as the register `NC-001` shows and edits them: where each came from, its
//! grade, the correction, root cause and similar cases, the effectiveness review (an ineffective
//! one reopens it: `Nonconformity::with_review`) and the day it was closed (refused by the store
//! with `check_closing`'s reason). The state is `Nonconformity::state()`.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::app::{Command, Error, Reader, Saved};
use crate::domain::audit::finding_reference;
use crate::domain::nonconformity::{
    CorrectiveAction, EffectivenessReview, NcGrade, NcSource, NcState, Nonconformity, field,
};
use crate::domain::readiness::Place;
use crate::domain::text;
use crate::domain::wording::count;
use crate::domain::{Field, ValidationError};
use crate::ui::screens::register::Record;
use crate::ui::theme::Tone;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// The form's guidance under the review.
const REVIEW_GUIDE: Field = Field::new("about the review");

mod facet {
    use crate::domain::Field;

    pub const STATE: Field = Field::new("state");
    pub const GRADE: Field = Field::new("grade");
    pub const SOURCE: Field = Field::new("source");
    pub const OVERDUE: Field = Field::new("action overdue");
}

/// What the nonconformity views share: every nonconformity, the audit findings one may come
/// from, the people, and today for overdue actions.
pub struct NcContext {
    pub nonconformities: Vec<Nonconformity>,
    /// Findings by row id: `AU-001/2 Access reviews not recorded`.
    pub findings: Vec<(i64, String)>,
    pub people: Vec<String>,
    pub today: NaiveDate,
}

impl NcContext {
    pub fn load(data: &Reader<'_>) -> Result<Arc<Self>, Error> {
        let audits = data.audits()?;
        let findings = data
            .audit_findings()?
            .into_iter()
            .filter_map(|f| {
                let audit = audits.iter().find(|a| a.id == f.audit)?;
                Some((
                    f.id,
                    format!(
                        "{} {}",
                        finding_reference(audit.number, f.number),
                        f.statement
                    ),
                ))
            })
            .collect();
        Ok(Arc::new(Self {
            nonconformities: data.nonconformities()?,
            findings,
            people: data.person_names()?,
            today: data.today(),
        }))
    }

    pub fn finding(&self, id: i64) -> String {
        self.findings
            .iter()
            .find(|(f, _)| *f == id)
            .map_or_else(|| format!("#{id}"), |(_, l)| l.clone())
    }

    pub fn nonconformity(&self, id: i64) -> Option<&Nonconformity> {
        self.nonconformities.iter().find(|n| n.id == id)
    }
}

/// `NC-002 Access reviews not recorded`.
pub fn nc_label(nc: &Nonconformity) -> String {
    format!("{} {}", nc.reference(), nc.description)
}

#[derive(Clone)]
pub struct NcRow {
    pub nc: Nonconformity,
    pub ctx: Arc<NcContext>,
}

impl NcRow {
    /// `2 of 3 open, 1 overdue`, or `none` (a warning for a major one).
    fn actions(&self) -> String {
        let nc = &self.nc;
        if nc.actions.is_empty() {
            return "none".into();
        }
        let open = nc.actions.iter().filter(|a| !a.is_done()).count();
        let overdue = nc.overdue_actions(self.ctx.today).len();
        let mut text = if open == 0 {
            format!("{} done", count(nc.actions.len(), "action", "actions"))
        } else {
            format!("{open} of {} open", nc.actions.len())
        };
        if overdue > 0 {
            text.push_str(&format!(", {overdue} overdue"));
        }
        text
    }

    /// A major nonconformity open without a corrective action.
    fn major_without_action(&self) -> bool {
        self.nc.grade == NcGrade::Major && self.nc.actions.is_empty() && !self.nc.is_closed()
    }
}

/// `[done] Review access quarterly: Jonas Becker, due 2026-02-28 (overdue)`.
pub fn action_line(a: &CorrectiveAction, today: NaiveDate) -> String {
    let mut line = format!("[{}] {}", a.status.label().to_lowercase(), a.description);
    if !a.owner.is_empty() {
        line.push_str(&format!(": {}", a.owner));
    }
    if let Some(due) = a.due_on {
        line.push_str(&format!(", due {due}"));
        if a.is_overdue(today) {
            line.push_str(" (overdue)");
        }
    }
    line
}

fn review_line(r: &EffectivenessReview) -> String {
    let verdict = if r.effective {
        "effective"
    } else {
        "not effective: reopened"
    };
    let note = if r.note.is_empty() {
        String::new()
    } else {
        format!(" ({})", r.note)
    };
    format!("{} by {}: {verdict}{note}", r.on_date, r.by)
}

fn finding_applies(form: &Form) -> Option<&'static str> {
    (NcSource::ALL.get(form.choice_index(field::SOURCE)) != Some(&NcSource::AuditFinding))
        .then_some("only a nonconformity from an audit finding names one")
}

impl Record for NcRow {
    const NOUN: &'static str = "nonconformity";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 6, 6, 9),
            Column::new("Source", 14, 6, 4),
            Column::new("Grade", 5, 5, 7),
            Column::new("Raised", 10, 10, 5),
            Column::new("Description", 34, 12, 8),
            Column::new("State", 16, 8, 7),
            Column::new("Actions", 18, 6, 6),
            Column::new("Closed", 10, 10, 3),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let nc = &self.nc;
        vec![
            nc.reference(),
            nc.source.label().to_string(),
            nc.grade.label().to_string(),
            nc.raised_on.to_string(),
            nc.description.clone(),
            nc.state().label().to_string(),
            self.actions(),
            nc.closed_on.map(|d| d.to_string()).unwrap_or_default(),
        ]
    }

    /// The grade in its colour, closed as done, reopened and overdue actions and a major one
    /// without action as warnings.
    fn cell_styles(&self) -> Vec<(usize, Tone)> {
        let mut styles = vec![(
            2,
            match self.nc.grade {
                NcGrade::Major => Tone::Grade(0),
                NcGrade::Minor => Tone::Grade(1),
            },
        )];
        match self.nc.state() {
            NcState::Closed => styles.push((5, Tone::Progress(0))),
            NcState::Reopened => styles.push((5, Tone::Warning)),
            NcState::Effective => styles.push((5, Tone::Progress(1))),
            _ => {}
        }
        if self.major_without_action() || !self.nc.overdue_actions(self.ctx.today).is_empty() {
            styles.push((6, Tone::Warning));
        }
        styles
    }

    fn found_by(&self) -> String {
        let mut words = Vec::new();
        if !self.nc.overdue_actions(self.ctx.today).is_empty() {
            words.push("overdue");
        }
        if self.major_without_action() {
            words.push("no action");
        }
        words.join(" ")
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let nc = &self.nc;
        let source = match nc.finding {
            Some(f) => format!("{}: {}", nc.source.label(), self.ctx.finding(f)),
            None => nc.source.label().to_string(),
        };
        let actions: Vec<String> = nc
            .actions
            .iter()
            .map(|a| action_line(a, self.ctx.today))
            .collect();
        let mut state = nc.state().label().to_string();
        if nc.needs_new_action() {
            state.push_str(": needs a new corrective action (a)");
        } else if self.major_without_action() {
            state.push_str(": a major nonconformity needs a corrective action (a)");
        }
        vec![
            ("Nonconformity", nc_label(nc)),
            ("Source", source),
            ("Grade", nc.grade.label().to_string()),
            ("Raised", nc.raised_on.to_string()),
            ("State", state),
            ("Correction", nc.correction.clone()),
            ("Root cause", nc.root_cause.clone()),
            ("Similar cases", nc.similar_cases.clone()),
            (
                "Actions",
                if actions.is_empty() {
                    "none yet (a adds one)".into()
                } else {
                    actions.join("\n")
                },
            ),
            (
                "Review",
                nc.review
                    .as_ref()
                    .map_or_else(|| "none yet (v records it)".into(), review_line),
            ),
            (
                "Closed",
                nc.closed_on.map(|d| d.to_string()).unwrap_or_default(),
            ),
        ]
    }

    fn facets(&self) -> Vec<(Field, String)> {
        vec![
            (facet::STATE, self.nc.state().label().to_string()),
            (facet::GRADE, self.nc.grade.label().to_string()),
            (facet::SOURCE, self.nc.source.label().to_string()),
            (
                facet::OVERDUE,
                crate::ui::screens::register::yes_no(
                    !self.nc.overdue_actions(self.ctx.today).is_empty(),
                ),
            ),
        ]
    }

    fn id(&self) -> i64 {
        self.nc.id
    }

    fn is_at(&self, place: &Place) -> bool {
        *place == Place::Nonconformity(self.nc.id)
    }

    fn label(&self) -> String {
        nc_label(&self.nc)
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["nonconformity"], self.nc.reference())
    }

    fn form(&self, title: String) -> Form {
        let nc = &self.nc;
        let review = nc.review.as_ref();
        Form::new(title)
            .choice(
                field::SOURCE,
                "Source",
                NcSource::ALL.iter().map(|s| s.label()).collect(),
                NcSource::ALL
                    .iter()
                    .position(|s| *s == nc.source)
                    .unwrap_or(0),
            )
            .pick(
                field::FINDING,
                "Audit finding",
                self.ctx.findings.clone(),
                nc.finding,
            )
            .disabled_when(field::FINDING, finding_applies)
            .choice(
                field::GRADE,
                "Grade",
                NcGrade::ALL.iter().map(|g| g.label()).collect(),
                NcGrade::ALL
                    .iter()
                    .position(|g| *g == nc.grade)
                    .unwrap_or(0),
            )
            .date(field::RAISED_ON, "Raised on", Some(nc.raised_on))
            .line(field::DESCRIPTION, "Description", &nc.description)
            .text(field::CORRECTION, "Correction", &nc.correction)
            .text(field::ROOT_CAUSE, "Root cause", &nc.root_cause)
            .text(field::SIMILAR_CASES, "Similar cases", &nc.similar_cases)
            .date(field::REVIEWED_ON, "Reviewed on", review.map(|r| r.on_date))
            .person(
                field::REVIEWED_BY,
                "Reviewed by",
                review.map_or("", |r| r.by.as_str()),
                &self.ctx.people,
            )
            .toggle(
                field::EFFECTIVE,
                "Actions effective",
                review.is_none_or(|r| r.effective),
            )
            .line(
                field::REVIEW_NOTE,
                "Review note",
                review.map_or("", |r| r.note.as_str()),
            )
            .note(REVIEW_GUIDE, "", "")
            .date(field::CLOSED_ON, "Closed on", nc.closed_on)
    }

    /// Says what a review will do before it is saved: an ineffective one reopens it.
    fn form_changed(&self, form: &mut Form) {
        let reviewed = !form.value(field::REVIEWED_ON).trim().is_empty();
        let note = match (reviewed, form.toggled(field::EFFECTIVE)) {
            (false, _) => "a review that finds the actions effective lets it close",
            (true, true) => "effective: it may be closed (closed on)",
            (true, false) => "not effective: saving reopens it; then add a new corrective action",
        };
        form.set_note(REVIEW_GUIDE, note);
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let date = |f: Field| text::date(f, &form.value(f));
        let source = NcSource::ALL
            .get(form.choice_index(field::SOURCE))
            .copied()
            .unwrap_or(NcSource::OwnObservation);
        let raised_on = date(field::RAISED_ON)?.ok_or_else(|| {
            ValidationError::new(
                field::RAISED_ON,
                format!("is required: when was it raised? ({})", text::DATE_FORMATS),
            )
        })?;
        let reviewed_on = date(field::REVIEWED_ON)?;
        let by = form.value(field::REVIEWED_BY);
        let review = match reviewed_on {
            Some(on_date) => Some(EffectivenessReview {
                on_date,
                by,
                effective: form.toggled(field::EFFECTIVE),
                note: form.value(field::REVIEW_NOTE),
            }),
            None if by.trim().is_empty() => None,
            None => {
                return Err(ValidationError::new(
                    field::REVIEWED_ON,
                    format!(
                        "is required with a reviewer: when were the actions reviewed? ({})",
                        text::DATE_FORMATS
                    ),
                ));
            }
        };
        let mut nc = Nonconformity {
            source,
            finding: if source == NcSource::AuditFinding {
                form.picked(field::FINDING)
            } else {
                None
            },
            grade: NcGrade::ALL
                .get(form.choice_index(field::GRADE))
                .copied()
                .unwrap_or(NcGrade::Minor),
            raised_on,
            description: form.value(field::DESCRIPTION),
            correction: form.value(field::CORRECTION),
            root_cause: form.value(field::ROOT_CAUSE),
            similar_cases: form.value(field::SIMILAR_CASES),
            closed_on: date(field::CLOSED_ON)?,
            ..self.nc.clone()
        };
        // A new or changed review goes through the domain: an ineffective one reopens it.
        match review {
            Some(r) if Some(&r) != self.nc.review.as_ref() => nc = nc.with_review(r),
            Some(_) => {}
            None => nc.review = None,
        }
        Ok(NcRow { nc, ..self.clone() })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let ctx = NcContext::load(data)?;
        let rows = ctx
            .nonconformities
            .iter()
            .map(|nc| NcRow {
                nc: nc.clone(),
                ctx: Arc::clone(&ctx),
            })
            .collect();
        let today = ctx.today;
        Ok((
            rows,
            NcRow {
                nc: Nonconformity::new(NcSource::OwnObservation, NcGrade::Minor, today, ""),
                ctx,
            },
        ))
    }

    fn is_new(&self) -> bool {
        self.nc.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveNonconformity(self.nc.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Nonconformity(nc) => NcRow { nc, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::DeleteNonconformity(self.nc.id))
    }
}
