//! The Clauses screen: clauses 4 to 10 as a checklist, each with its status, the documented
//! information the standard requires for it and the documents of the register that hold it
//! (picked in the form), and, where the workspace itself holds the evidence (scope,
//! methodology, risk register, SoA, treatment plan), its state.

use std::sync::Arc;

use super::documents::DocumentChoices;
use super::register::Record;
use crate::app::{Command, Error, Reader, Saved};
use crate::domain::clause::{
    ClauseItem, ClauseStatus, WorkspaceEvidence, field, mandatory_documents, workspace_evidence,
};
use crate::domain::readiness::Place;
use crate::domain::soa::progress;
use crate::domain::wording::count;
use crate::domain::{Field, ValidationError};
use crate::ui::legend;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// The facets the records can be filtered by (`f`): the keys of the facet form.
mod facet {
    use crate::domain::Field;

    pub const CLAUSE: Field = Field::new("clause");
    pub const STATUS: Field = Field::new("status");
    pub const DOCUMENTED_INFORMATION_REQUIRED: Field =
        Field::new("documented information required");
}

/// What refusing to delete a clause names: no field of its form, so the form shows the message.
const CLAUSE: Field = Field::new("clause");
/// Notes the form shows beside the fields: the documents an item needs and those held.
const REQUIRED: Field = Field::new("required");
const HELD: Field = Field::new("held");

/// The state of what the workspace holds, one line per kind of evidence.
pub struct ClauseContext {
    states: Vec<(WorkspaceEvidence, String)>,
    /// The register's documents, to pick and to show.
    docs: DocumentChoices,
}

impl ClauseContext {
    fn load(data: &Reader<'_>) -> Result<Arc<Self>, Error> {
        let today = data.today();
        let scope = data.scope_statements()?;
        let scope_state = match (
            scope.isms_scope.is_empty(),
            scope.certificate_scope.is_empty(),
        ) {
            (true, _) => "ISMS scope statement missing".to_string(),
            (false, true) => "ISMS scope written; certificate scope missing".to_string(),
            (false, false) => format!(
                "ISMS scope and certificate scope written (last changed {})",
                scope
                    .isms_scope_changed
                    .max(scope.certificate_scope_changed)
                    .map_or("?".to_string(), |d| d.to_string())
            ),
        };
        let m = data.methodology()?;
        let risks = data.risk_ratings()?;
        let unassessed = risks.iter().filter(|r| r.inherent.is_none()).count();
        let soa = data.soa()?;
        let actions = data.actions()?;
        // Undecided as the SoA screen counts it: a control a treatment implements is applicable.
        let decided = soa.len() - progress(&soa, &actions).undecided;
        let versions = data.soa_versions()?;
        let issued = versions.last().map_or("never issued".to_string(), |v| {
            format!("version {} issued {}", v.number, v.issued_on)
        });
        let overdue = actions.iter().filter(|a| a.is_overdue(today)).count();
        let c = data.counts()?;
        Ok(Arc::new(Self {
            docs: DocumentChoices::load(data)?,
            states: vec![
                (WorkspaceEvidence::ScopeStatement, scope_state),
                (
                    WorkspaceEvidence::Methodology,
                    format!(
                        "methodology: {}×{} matrix, {} with acceptance criteria",
                        m.likelihood.len(),
                        m.impact.len(),
                        count(m.levels.len(), "level", "levels")
                    ),
                ),
                (
                    WorkspaceEvidence::RiskRegister,
                    format!(
                        "risk register: {}, {unassessed} not assessed",
                        count(risks.len(), "risk", "risks")
                    ),
                ),
                (
                    WorkspaceEvidence::Soa,
                    format!(
                        "SoA: {decided} of {} decided; {issued}",
                        count(soa.len(), "control", "controls")
                    ),
                ),
                (
                    WorkspaceEvidence::TreatmentPlan,
                    format!(
                        "treatment plan: {}, {overdue} overdue",
                        count(actions.len(), "action", "actions")
                    ),
                ),
                (
                    WorkspaceEvidence::AuditProgramme,
                    format!(
                        "audit programme: {}, {}",
                        count(c.audits, "audit", "audits"),
                        count(c.audit_findings, "finding", "findings")
                    ),
                ),
                (
                    WorkspaceEvidence::NonconformityRegister,
                    format!(
                        "nonconformities: {}, {} open",
                        count(c.nonconformities, "record", "records"),
                        c.open_nonconformities
                    ),
                ),
                (
                    WorkspaceEvidence::Objectives,
                    format!(
                        "objectives register: {}",
                        count(c.objectives, "objective", "objectives")
                    ),
                ),
                (
                    WorkspaceEvidence::Measurements,
                    format!(
                        "measurements: {}",
                        count(c.measurements, "result", "results")
                    ),
                ),
            ],
        }))
    }

    fn state(&self, e: WorkspaceEvidence) -> &str {
        self.states
            .iter()
            .find(|(k, _)| *k == e)
            .map_or("", |(_, s)| s.as_str())
    }
}

#[derive(Clone)]
pub struct ClauseRow {
    pub item: ClauseItem,
    /// The documents of the register that hold its documented information (row ids).
    pub documents: Vec<i64>,
    pub ctx: Arc<ClauseContext>,
}

impl ClauseRow {
    fn in_workspace(&self) -> Vec<String> {
        workspace_evidence(&self.item.number)
            .iter()
            .map(|e| self.ctx.state(*e).to_string())
            .collect()
    }
}

impl Record for ClauseRow {
    const NOUN: &'static str = "clause";
    const CAN_ADD: bool = false;
    const CAN_DELETE: bool = false;

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Clause", 9, 8, 9),
            Column::new("Title", 40, 16, 8),
            Column::new("Status", 12, 5, 7).coded(&legend::CLAUSE_STATUS),
            Column::new("Documented information", 30, 10, 4),
            Column::new("Documents", 18, 8, 3),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let c = &self.item;
        if c.is_heading() {
            return vec![
                c.number.clone(),
                c.title.to_uppercase(),
                String::new(),
                String::new(),
                String::new(),
            ];
        }
        let docs = mandatory_documents(&c.number);
        let doc = match docs {
            [] if workspace_evidence(&c.number).is_empty() => String::new(),
            [] => "held in isms".to_string(),
            [one] => (*one).to_string(),
            [first, rest @ ..] => format!("{first} +{}", rest.len()),
        };
        vec![
            format!("  {}", c.number),
            c.title.clone(),
            c.status.label().to_string(),
            doc,
            self.ctx
                .docs
                .lines(&self.documents)
                .lines()
                .map(|l| l.split_whitespace().next().unwrap_or_default())
                .collect::<Vec<_>>()
                .join(", "),
        ]
    }

    /// The status in the colours of progress, as on the SoA: done, in progress, not started.
    fn cell_styles(&self) -> Vec<(usize, crate::ui::theme::Tone)> {
        if self.item.is_heading() {
            return Vec::new();
        }
        let part = match self.item.status {
            ClauseStatus::Done => 0,
            ClauseStatus::InProgress => 1,
            ClauseStatus::NotStarted => 3,
        };
        vec![(2, crate::ui::theme::Tone::Progress(part))]
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let c = &self.item;
        if c.is_heading() {
            return vec![
                ("Clause", format!("{} {}", c.number, c.title)),
                ("", "Its sub-clauses carry the status.".into()),
            ];
        }
        let docs = mandatory_documents(&c.number);
        vec![
            ("Clause", format!("{} {}", c.number, c.title)),
            ("Status", c.status.label().to_string()),
            ("Mandatory documented information", docs.join("\n")),
            ("Held in this workspace", self.in_workspace().join("\n")),
            ("Documents", self.ctx.docs.lines(&self.documents)),
            ("Evidence", c.evidence.clone()),
            ("Note", c.note.clone()),
        ]
    }

    fn facets(&self) -> Vec<(Field, String)> {
        let chapter = self
            .item
            .number
            .split('.')
            .next()
            .unwrap_or_default()
            .to_string();
        let status = if self.item.is_heading() {
            "(heading)".to_string()
        } else {
            self.item.status.label().to_string()
        };
        let docs = if mandatory_documents(&self.item.number).is_empty() {
            "no"
        } else {
            "yes"
        };
        vec![
            (facet::CLAUSE, chapter),
            (facet::STATUS, status),
            (facet::DOCUMENTED_INFORMATION_REQUIRED, docs.to_string()),
        ]
    }

    fn id(&self) -> i64 {
        // Clause numbers are unique and have at most three parts: "9.2.1" → 90201.
        let part = |i: usize| {
            self.item
                .number
                .split('.')
                .nth(i)
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(0)
        };
        part(0) * 10_000 + part(1) * 100 + part(2)
    }

    fn is_at(&self, place: &Place) -> bool {
        matches!(place, Place::Clause(number) if *number == self.item.number)
    }

    fn label(&self) -> String {
        format!("{} {}", self.item.number, self.item.title)
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["clause"], self.item.number.clone())
    }

    fn form(&self, title: String) -> Form {
        let c = &self.item;
        let docs = mandatory_documents(&c.number);
        let mut form = Form::new(title).choice(
            field::STATUS,
            "Status",
            ClauseStatus::ALL.iter().map(|s| s.label()).collect(),
            ClauseStatus::ALL
                .iter()
                .position(|s| *s == c.status)
                .unwrap_or(0),
        );
        if !docs.is_empty() {
            form = form.note(REQUIRED, "Required", &docs.join("\n"));
        }
        let held = self.in_workspace();
        if !held.is_empty() {
            form = form.note(HELD, "Held here", &held.join("\n"));
        }
        form.pick_many(
            field::DOCUMENTS,
            "Documents (register)",
            self.ctx.docs.options(),
            self.documents.clone(),
        )
        .text(field::EVIDENCE, "Evidence", &c.evidence)
        .text(field::NOTE, "Note", &c.note)
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        self.item.check_editable()?;
        let item = ClauseItem {
            status: ClauseStatus::ALL
                .get(form.choice_index(field::STATUS))
                .copied()
                .unwrap_or(ClauseStatus::NotStarted),
            evidence: form.value(field::EVIDENCE),
            note: form.value(field::NOTE),
            ..self.item.clone()
        };
        Ok(ClauseRow {
            item,
            documents: form.picked_all(field::DOCUMENTS),
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let ctx = ClauseContext::load(data)?;
        let rows: Vec<ClauseRow> = data
            .clauses()?
            .into_iter()
            .map(|item| ClauseRow {
                documents: ctx.docs.of_clause(&item.number),
                item,
                ctx: Arc::clone(&ctx),
            })
            .collect();
        let blank = rows
            .first()
            .cloned()
            .ok_or_else(|| Error::Damaged("the clause checklist is empty".into()))?;
        Ok((rows, blank))
    }

    fn is_new(&self) -> bool {
        false
    }

    fn save(&self) -> Command {
        Command::SetClause {
            item: self.item.clone(),
            documents: self.documents.clone(),
        }
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Clause(item) => ClauseRow { item, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Err(ValidationError::new(
            CLAUSE,
            "clauses 4 to 10 are all mandatory: none can be removed",
        ))
    }
}
