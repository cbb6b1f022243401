//! Audit findings as the Findings view shows them, `AU-001/2`. The form is short on purpose, for
//! recording during an audit: the grade first (one key: `1` to `4`), then the clause or
//! control, then the statement, where Enter saves; evidence and what it concerns may follow.

use std::sync::Arc;

use super::context::AuditContext;
use crate::app::{Command, Error, Reader, Saved};
use crate::domain::audit::{AuditFinding, FindingGrade, field};
use crate::domain::readiness::Place;
use crate::domain::{Field, ValidationError};
use crate::ui::screens::register::Record;
use crate::ui::theme::Tone;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// The facets of `f`.
mod facet {
    use crate::domain::Field;

    pub const GRADE: Field = Field::new("grade");
    pub const RAISED: Field = Field::new("nonconformity raised");
}

/// The grades as the form offers them: a digit first, so that one key picks one.
fn grade_options() -> Vec<String> {
    FindingGrade::ALL
        .iter()
        .enumerate()
        .map(|(i, g)| format!("{} {}", i + 1, g.label()))
        .collect()
}

#[derive(Clone)]
pub struct FindingRow {
    pub finding: AuditFinding,
    pub ctx: Arc<AuditContext>,
}

impl FindingRow {
    /// The nonconformity it raised, or what `r` would do.
    fn nonconformity(&self) -> String {
        match self.ctx.raised_by(self.finding.id) {
            Some(r) => r.to_string(),
            None if self.finding.grade.is_nonconformity() => "not raised yet (r raises it)".into(),
            None => "none: an observation or opportunity is not raised".into(),
        }
    }

    fn requirement(&self) -> String {
        let r = &self.finding.requirement;
        if r.is_empty() {
            String::new()
        } else {
            self.ctx.requirement(r)
        }
    }
}

impl Record for FindingRow {
    const NOUN: &'static str = "finding";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 9, 9, 9),
            Column::new("Grade", 12, 5, 7),
            Column::new("Clause/control", 14, 6, 5),
            Column::new("Finding", 40, 14, 8),
            Column::new("Concerns", 16, 6, 3),
            Column::new("NC", 6, 6, 6),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let f = &self.finding;
        vec![
            self.ctx.finding_ref(f),
            match f.grade {
                FindingGrade::Major => "Major NC".into(),
                FindingGrade::Minor => "Minor NC".into(),
                FindingGrade::Observation => "Observation".into(),
                FindingGrade::Improvement => "OFI".into(),
            },
            self.ctx.requirement_ref(&f.requirement),
            f.statement.clone(),
            f.concerns.clone(),
            self.ctx
                .raised_by(f.id)
                .map(str::to_string)
                .unwrap_or_default(),
        ]
    }

    /// The grade in its colour; a nonconformity not raised yet as a warning.
    fn cell_styles(&self) -> Vec<(usize, Tone)> {
        let mut styles = Vec::new();
        match self.finding.grade {
            FindingGrade::Major => styles.push((1, Tone::Grade(0))),
            FindingGrade::Minor => styles.push((1, Tone::Grade(1))),
            FindingGrade::Observation => styles.push((1, Tone::Grade(2))),
            FindingGrade::Improvement => {}
        }
        if self.finding.grade.is_nonconformity() && self.ctx.raised_by(self.finding.id).is_none() {
            styles.push((0, Tone::Warning));
        }
        styles
    }

    fn found_by(&self) -> String {
        let mut words = self.finding.grade.label().to_string();
        if self.finding.grade.is_nonconformity() && self.ctx.raised_by(self.finding.id).is_none() {
            words.push_str(" not raised");
        }
        words
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let f = &self.finding;
        vec![
            ("Finding", self.ctx.finding_ref(f)),
            (
                "Audit",
                self.ctx
                    .audit(f.audit)
                    .map(|a| a.label())
                    .unwrap_or_default(),
            ),
            ("Grade", f.grade.label().to_string()),
            ("Clause or control", self.requirement()),
            ("Statement", f.statement.clone()),
            ("Evidence", f.evidence.clone()),
            ("Concerns", f.concerns.clone()),
            ("Nonconformity", self.nonconformity()),
        ]
    }

    fn facets(&self) -> Vec<(Field, String)> {
        vec![
            (facet::GRADE, self.finding.grade.label().to_string()),
            (
                facet::RAISED,
                crate::ui::screens::register::yes_no(self.ctx.raised_by(self.finding.id).is_some()),
            ),
        ]
    }

    fn id(&self) -> i64 {
        self.finding.id
    }

    fn is_at(&self, _place: &Place) -> bool {
        false
    }

    fn label(&self) -> String {
        format!(
            "{} {}",
            self.ctx.finding_ref(&self.finding),
            self.finding.statement
        )
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["audit_finding"], self.ctx.finding_ref(&self.finding))
    }

    fn delete_warning(&self, _data: &Reader<'_>) -> Result<Option<String>, Error> {
        Ok(self
            .ctx
            .raised_by(self.finding.id)
            .map(|r| format!("{r} was raised from it.")))
    }

    fn form(&self, title: String) -> Form {
        let f = &self.finding;
        let audit = (f.audit != 0).then_some(f.audit);
        Form::new(title)
            .choice(
                field::GRADE,
                "Grade (1 to 4)",
                grade_options(),
                FindingGrade::ALL
                    .iter()
                    .position(|g| *g == f.grade)
                    .unwrap_or(0),
            )
            .line(field::REQUIREMENT, "Clause or control", &f.requirement)
            .line(field::STATEMENT, "Finding", &f.statement)
            .text(field::EVIDENCE, "Evidence", &f.evidence)
            .line(field::CONCERNS, "Concerns", &f.concerns)
            .pick(field::AUDIT, "Audit", self.ctx.audit_options(), audit)
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let audit = form.picked(field::AUDIT).ok_or_else(|| {
            ValidationError::new(field::AUDIT, "is required: which audit found it?")
        })?;
        Ok(FindingRow {
            finding: AuditFinding {
                audit,
                grade: FindingGrade::ALL
                    .get(form.choice_index(field::GRADE))
                    .copied()
                    .unwrap_or(FindingGrade::Minor),
                requirement: form.value(field::REQUIREMENT).trim().to_string(),
                statement: form.value(field::STATEMENT),
                evidence: form.value(field::EVIDENCE),
                concerns: form.value(field::CONCERNS),
                ..self.finding.clone()
            },
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let ctx = AuditContext::load(data)?;
        let rows = ctx
            .findings
            .iter()
            .map(|finding| FindingRow {
                finding: finding.clone(),
                ctx: Arc::clone(&ctx),
            })
            .collect();
        // A finding during an audit is most often a minor nonconformity.
        let latest = ctx.audits.last().map_or(0, |a| a.id);
        Ok((
            rows,
            FindingRow {
                finding: AuditFinding::new(latest, FindingGrade::Minor, ""),
                ctx,
            },
        ))
    }

    fn is_new(&self) -> bool {
        self.finding.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveAuditFinding(self.finding.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::AuditFinding(finding) => FindingRow { finding, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::DeleteAuditFinding(self.finding.id))
    }
}
