//! Audits (9.2, `AU-001`): internal audits of the programme, the certification body's external
//! audits and audits of suppliers, each with its scope (clauses and Annex A controls), criteria,
//! auditors, status and report; and the graded findings an audit records. `programme.rs`
//! derives what the internal audits covered over the certification cycle and whether an auditor
//! audited their own work.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::reference::RefKind;
use super::text::{self, ValidationError};
use crate::string_enum;

pub mod programme;

string_enum!(
    /// Who audits: the organisation itself, the certification body, or the organisation at a
    /// supplier.
    AuditKind {
        Internal => "internal", "Internal",
        External => "external", "External (certification body)",
        Supplier => "supplier", "Supplier",
    }
);

string_enum!(
    /// Where an audit stands.
    AuditStatus {
        Planned => "planned", "Planned",
        InProgress => "in_progress", "In progress",
        Reported => "reported", "Reported",
        Closed => "closed", "Closed",
    }
);

string_enum!(
    /// How a finding is graded: a major nonconformity (a requirement not met at all, or a
    /// systemic breakdown), a minor one (an isolated lapse), an observation, or an opportunity
    /// for improvement.
    FindingGrade {
        Major => "major", "Major nonconformity",
        Minor => "minor", "Minor nonconformity",
        Observation => "observation", "Observation",
        Improvement => "improvement", "Opportunity for improvement",
    }
);

impl FindingGrade {
    /// A major or minor nonconformity: the finding becomes one of the register.
    pub fn is_nonconformity(self) -> bool {
        matches!(self, FindingGrade::Major | FindingGrade::Minor)
    }
}

/// The fields of an audit and of a finding, as validation errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const TITLE: Field = Field::new("title");
    pub const KIND: Field = Field::new("kind");
    pub const PLANNED_ON: Field = Field::new("planned on");
    pub const HELD_ON: Field = Field::new("held on");
    pub const CLAUSES: Field = Field::new("clauses");
    pub const CONTROLS: Field = Field::new("controls");
    pub const CRITERIA: Field = Field::new("criteria");
    pub const LEAD_AUDITOR: Field = Field::new("lead auditor");
    pub const TEAM: Field = Field::new("team");
    pub const STATUS: Field = Field::new("status");
    pub const REPORTED_ON: Field = Field::new("reported on");
    pub const SUMMARY: Field = Field::new("summary");
    /// A finding's fields.
    pub const AUDIT: Field = Field::new("audit");
    pub const GRADE: Field = Field::new("grade");
    pub const REQUIREMENT: Field = Field::new("clause or control");
    pub const STATEMENT: Field = Field::new("finding");
    pub const EVIDENCE: Field = Field::new("evidence");
    pub const CONCERNS: Field = Field::new("concerns");
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audit {
    pub id: i64,
    pub number: u32,
    pub title: String,
    pub kind: AuditKind,
    #[serde(default)]
    pub planned_on: Option<NaiveDate>,
    /// When it actually took place (its first day).
    #[serde(default)]
    pub held_on: Option<NaiveDate>,
    /// The clauses in scope (`9.2`, or a whole clause: `8`).
    #[serde(default)]
    pub clauses: Vec<String>,
    /// The controls in scope: Annex A numbers (`5.15`) or custom references (`C-001`).
    #[serde(default)]
    pub controls: Vec<String>,
    /// What it audits against: the standard, policies, contracts.
    #[serde(default)]
    pub criteria: String,
    /// A person's name.
    #[serde(default)]
    pub lead_auditor: String,
    /// People's names, the lead auditor not repeated.
    #[serde(default)]
    pub team: Vec<String>,
    pub status: AuditStatus,
    #[serde(default)]
    pub reported_on: Option<NaiveDate>,
    #[serde(default)]
    pub summary: String,
}

impl Audit {
    pub fn new(title: &str, kind: AuditKind) -> Self {
        Self {
            id: 0,
            number: 0,
            title: title.to_string(),
            kind,
            planned_on: None,
            held_on: None,
            clauses: Vec::new(),
            controls: Vec::new(),
            criteria: String::new(),
            lead_auditor: String::new(),
            team: Vec::new(),
            status: AuditStatus::Planned,
            reported_on: None,
            summary: String::new(),
        }
    }

    /// `AU-003`.
    pub fn reference(&self) -> String {
        RefKind::Audit.format(self.number)
    }

    /// `AU-003 Internal audit 2025`.
    pub fn label(&self) -> String {
        format!("{} {}", self.reference(), self.title)
    }

    /// Reported or closed: its results exist.
    pub fn is_reported(&self) -> bool {
        matches!(self.status, AuditStatus::Reported | AuditStatus::Closed)
    }

    /// The day it counts for: held, else reported, else planned.
    pub fn date(&self) -> Option<NaiveDate> {
        self.held_on.or(self.reported_on).or(self.planned_on)
    }

    /// The lead auditor and the team, each once.
    pub fn auditors(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for name in std::iter::once(&self.lead_auditor).chain(&self.team) {
            if !name.is_empty() && !out.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                out.push(name);
            }
        }
        out
    }

    /// Whether its scope covers clause `number`: named itself, or a clause above it (`9` covers
    /// `9.2.2`), or one below it (`9.2` is part of `9`).
    pub fn covers_clause(&self, number: &str) -> bool {
        self.clauses
            .iter()
            .any(|c| within(number, c) || within(c, number))
    }

    /// The audit as it may be stored: a title, single lines, dates with four-digit years, clause
    /// numbers of clauses 4 to 10, and a report date once it is reported (not before it was
    /// held).
    pub fn validated(self) -> Result<Self, ValidationError> {
        let title = text::required_line(field::TITLE, &self.title)?;
        for (field, date) in [
            (field::PLANNED_ON, self.planned_on),
            (field::HELD_ON, self.held_on),
            (field::REPORTED_ON, self.reported_on),
        ] {
            text::check_year(field, date)?;
        }
        let clauses = text::distinct_lines(field::CLAUSES, &self.clauses)?;
        if let Some(bad) = clauses.iter().find(|c| !is_clause_number(c)) {
            return Err(ValidationError::new(
                field::CLAUSES,
                format!(
                    "'{}' is not a clause; expected a number of clauses 4 to 10, e.g. 9.2",
                    text::shown(bad)
                ),
            ));
        }
        let controls = text::distinct_lines(field::CONTROLS, &self.controls)?
            .into_iter()
            .map(|c| control_key(&c))
            .collect::<Vec<_>>();
        if self.is_reported() && self.reported_on.is_none() {
            return Err(ValidationError::new(
                field::REPORTED_ON,
                format!(
                    "is required once the audit is {}: when was it reported? ({})",
                    self.status.label().to_lowercase(),
                    text::DATE_FORMATS
                ),
            ));
        }
        if let (Some(held), Some(reported)) = (self.held_on, self.reported_on)
            && reported < held
        {
            return Err(ValidationError::new(
                field::REPORTED_ON,
                format!("{reported} is before the audit was held ({held})"),
            ));
        }
        let lead_auditor = text::line(field::LEAD_AUDITOR, &self.lead_auditor)?;
        let mut team: Vec<String> = Vec::new();
        for name in text::distinct_lines(field::TEAM, &self.team)? {
            if !name.eq_ignore_ascii_case(&lead_auditor)
                && !team.iter().any(|t| t.eq_ignore_ascii_case(&name))
            {
                team.push(name);
            }
        }
        Ok(Self {
            title,
            clauses,
            controls,
            criteria: text::text(field::CRITERIA, &self.criteria)?,
            lead_auditor,
            team,
            summary: text::text(field::SUMMARY, &self.summary)?,
            ..self
        })
    }
}

/// One finding of an audit: its grade, the clause or control it is about, what was found, the
/// evidence, and what it concerns (an asset, a risk, a document, a scope item...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFinding {
    pub id: i64,
    /// Row id of the audit.
    pub audit: i64,
    /// Its number within the audit: `AU-003/2` is the audit's second finding.
    #[serde(default)]
    pub number: u32,
    pub grade: FindingGrade,
    /// A clause (`9.2`) or a control (`5.15`, `C-001`).
    #[serde(default)]
    pub requirement: String,
    /// What was found.
    pub statement: String,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub concerns: String,
}

impl AuditFinding {
    pub fn new(audit: i64, grade: FindingGrade, statement: &str) -> Self {
        Self {
            id: 0,
            audit,
            number: 0,
            grade,
            requirement: String::new(),
            statement: statement.to_string(),
            evidence: String::new(),
            concerns: String::new(),
        }
    }

    /// A statement, single-line requirement (an Annex A number without its `A.`) and concerns.
    pub fn validated(self) -> Result<Self, ValidationError> {
        let requirement = text::line(field::REQUIREMENT, &self.requirement)?;
        Ok(Self {
            requirement: if is_clause_number(&requirement) {
                requirement
            } else {
                control_key(&requirement)
            },
            statement: text::required_line(field::STATEMENT, &self.statement)?,
            evidence: text::text(field::EVIDENCE, &self.evidence)?,
            concerns: text::line(field::CONCERNS, &self.concerns)?,
            ..self
        })
    }
}

/// The latest audit by its date ([`Audit::date`]: held, else reported, else planned); an audit
/// without any date comes before every dated one, and the higher number wins a tie. This is
/// the audit whose report is exported when none is named.
pub fn latest(audits: &[Audit]) -> Option<&Audit> {
    audits.iter().max_by_key(|a| (a.date(), a.number))
}

/// Whether an internal audit has been reported (or closed), whenever: the audit programme
/// then has results, 9.2.2's documented information.
pub fn any_internal_reported(audits: &[Audit]) -> bool {
    audits
        .iter()
        .any(|a| a.kind == AuditKind::Internal && a.is_reported())
}

/// The references of `audits` in their order, for a message naming which exist: `AU-001,
/// AU-002`.
pub fn references(audits: &[Audit]) -> String {
    let refs: Vec<String> = audits.iter().map(Audit::reference).collect();
    refs.join(", ")
}

/// Whether a finding's `requirement` names a clause of 4-10 the catalogue has (`9.2`, `10.2`)
/// rather than an Annex A control kept without its `A.` (`8.13`). A finding keeps no kind, so a
/// number that is both (`8.2`) reads as the clause.
pub fn names_clause(requirement: &str) -> bool {
    is_clause_number(requirement)
        && super::catalog::clauses()
            .iter()
            .any(|c| c.number == requirement)
}

/// A finding's reference: `AU-003/2`, the second finding of `AU-003`.
pub fn finding_reference(audit_number: u32, finding_number: u32) -> String {
    format!("{}/{finding_number}", RefKind::Audit.format(audit_number))
}

/// The top-level clause of a number: `9` for `9.2.2`.
pub fn top_clause(number: &str) -> &str {
    number.split('.').next().unwrap_or(number)
}

/// Whether `number` is `outer` or lies below it (`9.2.2` within `9.2`).
fn within(number: &str, outer: &str) -> bool {
    number == outer
        || number
            .strip_prefix(outer)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// A number of clauses 4 to 10: `4`, `6.1.2`, `10.2`.
pub fn is_clause_number(value: &str) -> bool {
    let mut parts = value.split('.');
    let top = parts.next().and_then(|t| t.parse::<u32>().ok());
    top.is_some_and(|t| (4..=10).contains(&t))
        && parts.all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
        && !value.starts_with('0')
}

/// An Annex A control as the SoA keys it: `A.5.15` becomes `5.15`; other references stay.
pub fn control_key(value: &str) -> String {
    match value
        .strip_prefix("A.")
        .or_else(|| value.strip_prefix("a."))
    {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest.to_string(),
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests;
