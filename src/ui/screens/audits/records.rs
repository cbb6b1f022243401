//! Audits as the Audits view shows and edits them: the register `AU-001`, and the form with the
//! scope picked from clauses 4 to 10 and the controls, the auditors picked from the people, and
//! a note when an auditor of an internal audit owns a control in its scope
//! (`audit::programme::own_work`).

use std::sync::Arc;

use super::context::AuditContext;
use crate::app::{Command, Error, Reader, Saved};
use crate::domain::audit::programme::own_work;
use crate::domain::audit::{Audit, AuditKind, AuditStatus, field};
use crate::domain::control::display_ref;
use crate::domain::readiness::Place;
use crate::domain::text;
use crate::domain::wording::count;
use crate::domain::{Field, ValidationError};
use crate::ui::screens::register::Record;
use crate::ui::theme::Tone;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// The form's note on auditors who would audit their own work.
const IMPARTIALITY: Field = Field::new("impartiality");

/// The facets of `f`.
mod facet {
    use crate::domain::Field;

    pub const KIND: Field = Field::new("kind");
    pub const STATUS: Field = Field::new("status");
}

#[derive(Clone)]
pub struct AuditRow {
    pub audit: Audit,
    pub ctx: Arc<AuditContext>,
}

impl AuditRow {
    /// `clauses 9, 10; 12 controls`.
    fn scope(&self) -> String {
        let a = &self.audit;
        let mut parts = Vec::new();
        if !a.clauses.is_empty() {
            let word = if a.clauses.len() == 1 {
                "clause"
            } else {
                "clauses"
            };
            parts.push(format!("{word} {}", a.clauses.join(", ")));
        }
        match a.controls.len() {
            0 => {}
            1..=3 => parts.push(
                a.controls
                    .iter()
                    .map(|c| display_ref(c))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            n => parts.push(count(n, "control", "controls")),
        }
        parts.join("; ")
    }

    /// "Anna Weber owns A.5.15" per auditor who would audit their own work.
    fn own_work(&self) -> String {
        own_work(&self.audit, &self.ctx.owners)
            .iter()
            .map(|o| format!("{} owns {}", o.auditor, display_ref(&o.item)))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn findings(&self) -> Vec<String> {
        self.ctx
            .findings_of(self.audit.id)
            .map(|f| {
                let raised = self
                    .ctx
                    .raised_by(f.id)
                    .map_or_else(String::new, |r| format!(" → {r}"));
                format!(
                    "{} {}: {}{raised}",
                    self.ctx.finding_ref(f),
                    f.grade.label(),
                    f.statement
                )
            })
            .collect()
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

impl Record for AuditRow {
    const NOUN: &'static str = "audit";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 6, 6, 9),
            Column::new("Title", 28, 12, 8),
            Column::new("Kind", 8, 8, 4),
            Column::new("Planned", 10, 10, 3),
            Column::new("Held", 10, 10, 6),
            Column::new("Status", 11, 8, 7),
            Column::new("Lead auditor", 16, 8, 5),
            Column::new("Scope", 24, 8, 2),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let a = &self.audit;
        vec![
            a.reference(),
            a.title.clone(),
            match a.kind {
                AuditKind::External => "External".to_string(),
                k => k.label().to_string(),
            },
            date(a.planned_on),
            date(a.held_on),
            a.status.label().to_string(),
            a.lead_auditor.clone(),
            self.scope(),
        ]
    }

    /// Reported and closed in the colours of done, in progress as such; an auditor of their
    /// own work as a warning on the lead auditor's cell.
    fn cell_styles(&self) -> Vec<(usize, Tone)> {
        let mut styles = Vec::new();
        match self.audit.status {
            AuditStatus::Reported | AuditStatus::Closed => styles.push((5, Tone::Progress(0))),
            AuditStatus::InProgress => styles.push((5, Tone::Progress(1))),
            AuditStatus::Planned => styles.push((5, Tone::Progress(2))),
        }
        if !self.own_work().is_empty() {
            styles.push((6, Tone::Warning));
        }
        styles
    }

    fn found_by(&self) -> String {
        if self.own_work().is_empty() {
            String::new()
        } else {
            "own work impartiality".into()
        }
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let a = &self.audit;
        let mut out = vec![
            ("Audit", a.label()),
            ("Kind", a.kind.label().to_string()),
            ("Status", a.status.label().to_string()),
            ("Planned", date(a.planned_on)),
            ("Held", date(a.held_on)),
            ("Reported", date(a.reported_on)),
            ("Lead auditor", a.lead_auditor.clone()),
            ("Team", a.team.join(", ")),
            (
                "Clauses",
                a.clauses
                    .iter()
                    .map(|c| self.ctx.requirement(c))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            (
                "Controls",
                a.controls
                    .iter()
                    .map(|c| self.ctx.control(c))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            ("Criteria", a.criteria.clone()),
            ("Summary", a.summary.clone()),
        ];
        let own = self.own_work();
        if !own.is_empty() {
            out.push(("Impartiality", format!("{own}: audits their own work")));
        }
        let findings = self.findings();
        out.push((
            "Findings",
            if findings.is_empty() {
                "none yet (a records one)".into()
            } else {
                findings.join("\n")
            },
        ));
        out
    }

    fn facets(&self) -> Vec<(Field, String)> {
        vec![
            (facet::KIND, self.audit.kind.label().to_string()),
            (facet::STATUS, self.audit.status.label().to_string()),
        ]
    }

    fn id(&self) -> i64 {
        self.audit.id
    }

    fn is_at(&self, place: &Place) -> bool {
        *place == Place::Audit(self.audit.id)
    }

    fn label(&self) -> String {
        self.audit.label()
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["audit"], self.audit.reference())
    }

    fn delete_warning(&self, _data: &Reader<'_>) -> Result<Option<String>, Error> {
        let n = self.ctx.findings_of(self.audit.id).count();
        Ok((n > 0).then(|| format!("Its {} go with it.", count(n, "finding", "findings"))))
    }

    fn form(&self, title: String) -> Form {
        let a = &self.audit;
        Form::new(title)
            .line(field::TITLE, "Title", &a.title)
            .choice(
                field::KIND,
                "Kind",
                AuditKind::ALL.iter().map(|k| k.label()).collect(),
                AuditKind::ALL
                    .iter()
                    .position(|k| *k == a.kind)
                    .unwrap_or(0),
            )
            .date(field::PLANNED_ON, "Planned on", a.planned_on)
            .date(field::HELD_ON, "Held on", a.held_on)
            .pick_many(
                field::CLAUSES,
                "Scope: clauses",
                AuditContext::options(&self.ctx.clauses),
                AuditContext::positions(&self.ctx.clauses, &a.clauses),
            )
            .pick_many(
                field::CONTROLS,
                "Scope: controls",
                AuditContext::options(&self.ctx.controls),
                AuditContext::positions(&self.ctx.controls, &a.controls),
            )
            .text(field::CRITERIA, "Criteria", &a.criteria)
            .person(
                field::LEAD_AUDITOR,
                "Lead auditor",
                &a.lead_auditor,
                &self.ctx.people,
            )
            .people(field::TEAM, "Team", &a.team, &self.ctx.people)
            .note(IMPARTIALITY, "Impartiality", "")
            .choice(
                field::STATUS,
                "Status",
                AuditStatus::ALL.iter().map(|s| s.label()).collect(),
                AuditStatus::ALL
                    .iter()
                    .position(|s| *s == a.status)
                    .unwrap_or(0),
            )
            .date(field::REPORTED_ON, "Reported on", a.reported_on)
            .text(field::SUMMARY, "Summary", &a.summary)
    }

    /// The impartiality note follows the auditors and the scope as they are chosen.
    fn form_changed(&self, form: &mut Form) {
        let note = match self.with_form(form) {
            Ok(row) => match row.own_work() {
                own if own.is_empty() => "no auditor owns a control in the scope".to_string(),
                own => format!("{own}: an auditor should not audit their own work"),
            },
            Err(_) => String::new(),
        };
        form.set_note(IMPARTIALITY, &note);
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let date = |f: Field| text::date(f, &form.value(f));
        let audit = Audit {
            title: form.value(field::TITLE),
            kind: AuditKind::ALL
                .get(form.choice_index(field::KIND))
                .copied()
                .unwrap_or(AuditKind::Internal),
            planned_on: date(field::PLANNED_ON)?,
            held_on: date(field::HELD_ON)?,
            clauses: AuditContext::keys(&self.ctx.clauses, &form.picked_all(field::CLAUSES)),
            controls: AuditContext::keys(&self.ctx.controls, &form.picked_all(field::CONTROLS)),
            criteria: form.value(field::CRITERIA),
            lead_auditor: form.value(field::LEAD_AUDITOR),
            team: form.names(field::TEAM),
            status: AuditStatus::ALL
                .get(form.choice_index(field::STATUS))
                .copied()
                .unwrap_or(AuditStatus::Planned),
            reported_on: date(field::REPORTED_ON)?,
            summary: form.value(field::SUMMARY),
            ..self.audit.clone()
        };
        Ok(AuditRow {
            audit,
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let ctx = AuditContext::load(data)?;
        let rows = ctx
            .audits
            .iter()
            .map(|audit| AuditRow {
                audit: audit.clone(),
                ctx: Arc::clone(&ctx),
            })
            .collect();
        Ok((
            rows,
            AuditRow {
                audit: Audit::new("", AuditKind::Internal),
                ctx,
            },
        ))
    }

    fn is_new(&self) -> bool {
        self.audit.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveAudit(self.audit.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Audit(audit) => AuditRow { audit, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::DeleteAudit(self.audit.id))
    }
}
