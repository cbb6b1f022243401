//! The register of nonconformities and corrective actions (10.2, `NC-001`): where each came from
//! (an audit finding, an incident, a management review, a complaint, the organisation's own
//! observation), what was corrected at once, its root cause, whether similar cases exist or
//! could occur, the corrective actions (owner, due date, status), the review of whether they
//! were effective, and the day it was closed.
//!
//! The lifecycle: open → corrected → actions done → reviewed. A review that finds the actions
//! effective lets it close; one that finds them ineffective reopens it, and it needs a new
//! action before it can be reviewed again.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::reference::RefKind;
use super::text::{self, ValidationError};
use crate::string_enum;

string_enum!(
    /// Where a nonconformity came from.
    NcSource {
        AuditFinding => "audit_finding", "Audit finding",
        Incident => "incident", "Incident",
        ManagementReview => "management_review", "Management review",
        Complaint => "complaint", "Complaint",
        OwnObservation => "own_observation", "Own observation",
    }
);

string_enum!(
    /// How serious it is.
    NcGrade {
        Major => "major", "Major",
        Minor => "minor", "Minor",
    }
);

string_enum!(
    /// Where a corrective action stands.
    CorrectiveStatus {
        Open => "open", "Open",
        InProgress => "in_progress", "In progress",
        Done => "done", "Done",
    }
);

string_enum!(
    /// Where a nonconformity stands, derived from what it records.
    NcState {
        Open => "open", "Open",
        ActionsOpen => "actions_open", "Actions open",
        AwaitingReview => "awaiting_review", "Awaiting review",
        Reopened => "reopened", "Reopened",
        Effective => "effective", "Reviewed effective",
        Closed => "closed", "Closed",
    }
);

/// The fields of a nonconformity, its actions and its review, as errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const SOURCE: Field = Field::new("source");
    pub const FINDING: Field = Field::new("finding");
    pub const GRADE: Field = Field::new("grade");
    pub const RAISED_ON: Field = Field::new("raised on");
    pub const DESCRIPTION: Field = Field::new("description");
    pub const CORRECTION: Field = Field::new("correction");
    pub const ROOT_CAUSE: Field = Field::new("root cause");
    pub const SIMILAR_CASES: Field = Field::new("similar cases");
    pub const ACTIONS: Field = Field::new("actions");
    pub const REVIEWED_ON: Field = Field::new("reviewed on");
    pub const REVIEWED_BY: Field = Field::new("reviewed by");
    pub const EFFECTIVE: Field = Field::new("effective");
    pub const REVIEW_NOTE: Field = Field::new("review note");
    pub const CLOSED_ON: Field = Field::new("closed on");
    /// A corrective action's fields.
    pub const ACTION: Field = Field::new("action");
    pub const OWNER: Field = Field::new("owner");
    pub const DUE_ON: Field = Field::new("due on");
    pub const STATUS: Field = Field::new("status");
}

/// One corrective action: what is done about the cause, by whom, by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectiveAction {
    pub description: String,
    /// A person's name.
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    pub status: CorrectiveStatus,
}

impl CorrectiveAction {
    pub fn new(description: &str) -> Self {
        Self {
            description: description.to_string(),
            owner: String::new(),
            due_on: None,
            status: CorrectiveStatus::Open,
        }
    }

    pub fn is_done(&self) -> bool {
        self.status == CorrectiveStatus::Done
    }

    /// Not done, and its due date has passed.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.is_done() && self.due_on.is_some_and(|d| d < today)
    }

    fn validated(self) -> Result<Self, ValidationError> {
        text::check_year(field::DUE_ON, self.due_on)?;
        Ok(Self {
            description: text::required_line(field::ACTION, &self.description)?,
            owner: text::line(field::OWNER, &self.owner)?,
            ..self
        })
    }
}

/// Whether the corrective actions worked: when, by whom, the verdict and a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EffectivenessReview {
    pub on_date: NaiveDate,
    /// A person's name.
    pub by: String,
    pub effective: bool,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nonconformity {
    pub id: i64,
    pub number: u32,
    pub source: NcSource,
    /// Row id of the audit finding it came from, if any.
    #[serde(default)]
    pub finding: Option<i64>,
    pub grade: NcGrade,
    pub raised_on: NaiveDate,
    pub description: String,
    /// What was done at once to contain it.
    #[serde(default)]
    pub correction: String,
    #[serde(default)]
    pub root_cause: String,
    /// Whether similar cases exist or could occur, and where.
    #[serde(default)]
    pub similar_cases: String,
    #[serde(default)]
    pub actions: Vec<CorrectiveAction>,
    #[serde(default)]
    pub review: Option<EffectivenessReview>,
    #[serde(default)]
    pub closed_on: Option<NaiveDate>,
}

impl Nonconformity {
    pub fn new(source: NcSource, grade: NcGrade, raised_on: NaiveDate, description: &str) -> Self {
        Self {
            id: 0,
            number: 0,
            source,
            finding: None,
            grade,
            raised_on,
            description: description.to_string(),
            correction: String::new(),
            root_cause: String::new(),
            similar_cases: String::new(),
            actions: Vec::new(),
            review: None,
            closed_on: None,
        }
    }

    /// `NC-002`.
    pub fn reference(&self) -> String {
        RefKind::Nonconformity.format(self.number)
    }

    pub fn is_closed(&self) -> bool {
        self.closed_on.is_some()
    }

    /// The latest review found the actions effective.
    pub fn reviewed_effective(&self) -> bool {
        self.review.as_ref().is_some_and(|r| r.effective)
    }

    /// The latest review found the actions ineffective and every action is done: it needs a
    /// new one.
    pub fn needs_new_action(&self) -> bool {
        !self.is_closed()
            && self.review.as_ref().is_some_and(|r| !r.effective)
            && self.actions.iter().all(CorrectiveAction::is_done)
    }

    /// The actions not done whose due date has passed.
    pub fn overdue_actions(&self, today: NaiveDate) -> Vec<&CorrectiveAction> {
        if self.is_closed() {
            return Vec::new();
        }
        self.actions
            .iter()
            .filter(|a| a.is_overdue(today))
            .collect()
    }

    pub fn state(&self) -> NcState {
        if self.is_closed() {
            NcState::Closed
        } else if self.needs_new_action() {
            NcState::Reopened
        } else if self.actions.is_empty() {
            NcState::Open
        } else if !self.actions.iter().all(CorrectiveAction::is_done) {
            NcState::ActionsOpen
        } else if self.reviewed_effective() {
            NcState::Effective
        } else {
            NcState::AwaitingReview
        }
    }

    /// The nonconformity with `review` recorded: an ineffective one reopens it.
    pub fn with_review(self, review: EffectivenessReview) -> Self {
        let reopens = !review.effective;
        Self {
            review: Some(review),
            closed_on: if reopens { None } else { self.closed_on },
            ..self
        }
    }

    /// Closing needs a review that found the actions effective, dated on or before the closing
    /// day. Checked when a user saves it; a workspace file or import keeps what it carries, and
    /// the readiness check reports a nonconformity closed without one.
    pub fn check_closing(&self) -> Result<(), ValidationError> {
        let Some(closed) = self.closed_on else {
            return Ok(());
        };
        match &self.review {
            None => Err(ValidationError::new(
                field::CLOSED_ON,
                "needs an effectiveness review first: record when and by whom the actions were found effective",
            )),
            Some(r) if !r.effective => Err(ValidationError::new(
                field::CLOSED_ON,
                "the latest review found the actions ineffective: add a new action and review it again",
            )),
            Some(r) if r.on_date > closed => Err(ValidationError::new(
                field::CLOSED_ON,
                format!(
                    "{closed} is before the effectiveness review ({})",
                    r.on_date
                ),
            )),
            Some(_) => Ok(()),
        }
    }

    /// The nonconformity as it may be stored: a description, single lines, dates with
    /// four-digit years, no closing day before it was raised and no closing over an ineffective
    /// review, a review that says who reviewed it, each action described.
    pub fn validated(self) -> Result<Self, ValidationError> {
        text::check_year(field::RAISED_ON, Some(self.raised_on))?;
        text::check_year(field::CLOSED_ON, self.closed_on)?;
        if let Some(closed) = self.closed_on.filter(|&c| c < self.raised_on) {
            return Err(ValidationError::new(
                field::CLOSED_ON,
                format!("{closed} is before it was raised ({})", self.raised_on),
            ));
        }
        let review = match self.review {
            Some(r) => {
                text::check_year(field::REVIEWED_ON, Some(r.on_date))?;
                if r.on_date < self.raised_on {
                    return Err(ValidationError::new(
                        field::REVIEWED_ON,
                        format!("{} is before it was raised ({})", r.on_date, self.raised_on),
                    ));
                }
                Some(EffectivenessReview {
                    by: text::required_line(field::REVIEWED_BY, &r.by)?,
                    note: text::text(field::REVIEW_NOTE, &r.note)?,
                    ..r
                })
            }
            None => None,
        };
        if self.closed_on.is_some() && review.as_ref().is_some_and(|r| !r.effective) {
            return Err(ValidationError::new(
                field::CLOSED_ON,
                "the latest review found the actions ineffective: add a new action and review it again",
            ));
        }
        if self.source != NcSource::AuditFinding && self.finding.is_some() {
            return Err(ValidationError::new(
                field::FINDING,
                format!(
                    "only a nonconformity from an audit finding names one; its source is {}",
                    self.source.label().to_lowercase()
                ),
            ));
        }
        let actions = self
            .actions
            .into_iter()
            .map(CorrectiveAction::validated)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            description: text::required_line(field::DESCRIPTION, &self.description)?,
            correction: text::text(field::CORRECTION, &self.correction)?,
            root_cause: text::text(field::ROOT_CAUSE, &self.root_cause)?,
            similar_cases: text::text(field::SIMILAR_CASES, &self.similar_cases)?,
            actions,
            review,
            ..self
        })
    }
}

/// What the register asks of its owner now: the nonconformities not closed (and the majors
/// among them), and their corrective actions not done (and those past their due date). A
/// closed nonconformity asks nothing, whatever its actions say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outstanding {
    pub open: usize,
    pub open_major: usize,
    pub actions_open: usize,
    pub actions_overdue: usize,
}

pub fn outstanding(register: &[Nonconformity], today: NaiveDate) -> Outstanding {
    let mut out = Outstanding::default();
    for n in register.iter().filter(|n| !n.is_closed()) {
        out.open += 1;
        if n.grade == NcGrade::Major {
            out.open_major += 1;
        }
        out.actions_open += n.actions.iter().filter(|a| !a.is_done()).count();
        out.actions_overdue += n.overdue_actions(today).len();
    }
    out
}

#[cfg(test)]
mod tests;
