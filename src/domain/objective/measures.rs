//! The measures isms computes from the workspace, usable as an objective's measure and recorded
//! on demand (and by a management review). Each asks the rule that already decides it: the SoA's
//! progress, an action's or a document's overdue check, the evaluation against the acceptance
//! criteria, a nonconformity's closing, a person's awareness. None is decided here again.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::document::Document;
use crate::domain::evaluation::is_above_criteria;
use crate::domain::methodology::Methodology;
use crate::domain::nonconformity::Nonconformity;
use crate::domain::person::duties::is_aware_on;
use crate::domain::person::{CompetenceRecord, People};
use crate::domain::risk::Risk;
use crate::domain::soa::{self, SoaEntry};
use crate::domain::treatment::Action;
use crate::domain::wording::count;
use crate::string_enum;

use super::{Direction, format_value};

string_enum!(
    /// A measure isms computes from the workspace.
    BuiltinMeasure {
        ControlsImplemented => "controls_implemented", "Applicable controls implemented",
        ActionsOverdue => "actions_overdue", "Treatment actions overdue",
        RisksAboveCriteria => "risks_above_criteria", "Risks above the acceptance criteria",
        OpenNonconformities => "open_nonconformities", "Open nonconformities",
        DocumentsOverdue => "documents_overdue", "Documents overdue for review",
        AwarenessCoverage => "awareness_coverage", "Awareness coverage",
    }
);

impl BuiltinMeasure {
    /// The unit its values come in.
    pub fn unit(self) -> &'static str {
        match self {
            Self::ControlsImplemented | Self::AwarenessCoverage => "%",
            Self::ActionsOverdue => "actions",
            Self::RisksAboveCriteria => "risks",
            Self::OpenNonconformities => "nonconformities",
            Self::DocumentsOverdue => "documents",
        }
    }

    /// The direction a target of it naturally has: a share to reach, a count to keep down.
    pub fn direction(self) -> Direction {
        match self {
            Self::ControlsImplemented | Self::AwarenessCoverage => Direction::AtLeast,
            _ => Direction::AtMost,
        }
    }
}

/// What the measures are computed from: the workspace's registers, borrowed.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub soa: &'a [SoaEntry],
    pub actions: &'a [Action],
    pub methodology: &'a Methodology,
    pub risks: &'a [Risk],
    pub nonconformities: &'a [Nonconformity],
    pub documents: &'a [Document],
    pub people: &'a People,
    pub competence: &'a [CompetenceRecord],
}

/// One measure's value on a day, with the figures behind it in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Computed {
    pub measure: BuiltinMeasure,
    /// `None` when there is nothing to measure yet (a share of no controls or no people).
    pub value: Option<f64>,
    /// `45 of 88 applicable controls implemented`.
    pub detail: String,
}

/// Every built-in measure on `today`, in the order of [`BuiltinMeasure::ALL`].
pub fn compute(inputs: &Inputs<'_>, today: NaiveDate) -> Vec<Computed> {
    BuiltinMeasure::ALL
        .iter()
        .map(|&m| value_of(m, inputs, today))
        .collect()
}

/// One built-in measure on `today`.
pub fn value_of(measure: BuiltinMeasure, inputs: &Inputs<'_>, today: NaiveDate) -> Computed {
    let (value, detail) = match measure {
        BuiltinMeasure::ControlsImplemented => {
            let p = soa::progress(inputs.soa, inputs.actions);
            share(
                p.implemented,
                p.applicable,
                "applicable controls implemented",
                "no applicable controls yet",
            )
        }
        BuiltinMeasure::ActionsOverdue => {
            let n = inputs
                .actions
                .iter()
                .filter(|a| a.is_overdue(today))
                .count();
            tally(n, "treatment action overdue", "treatment actions overdue")
        }
        BuiltinMeasure::RisksAboveCriteria => {
            let n = inputs
                .risks
                .iter()
                .filter(|r| is_above_criteria(inputs.methodology, r))
                .count();
            tally(
                n,
                "risk above the acceptance criteria",
                "risks above the acceptance criteria",
            )
        }
        BuiltinMeasure::OpenNonconformities => {
            let n = inputs
                .nonconformities
                .iter()
                .filter(|nc| !nc.is_closed())
                .count();
            tally(n, "nonconformity open", "nonconformities open")
        }
        BuiltinMeasure::DocumentsOverdue => {
            let n = inputs
                .documents
                .iter()
                .filter(|d| d.is_overdue(today))
                .count();
            tally(
                n,
                "document overdue for review",
                "documents overdue for review",
            )
        }
        BuiltinMeasure::AwarenessCoverage => {
            let active: Vec<_> = inputs
                .people
                .people
                .iter()
                .filter(|p| p.is_active_on(today))
                .collect();
            let aware = active
                .iter()
                .filter(|p| is_aware_on(p, inputs.competence, today))
                .count();
            share(
                aware,
                active.len(),
                "people aware within twelve months",
                "nobody in the people register yet",
            )
        }
    };
    Computed {
        measure,
        value,
        detail,
    }
}

fn tally(n: usize, one: &str, many: &str) -> (Option<f64>, String) {
    (Some(n as f64), count(n, one, many))
}

/// `part` of `whole` as a percentage; `None` of nothing.
fn share(part: usize, whole: usize, noun: &str, none: &str) -> (Option<f64>, String) {
    if whole == 0 {
        return (None, none.to_string());
    }
    // One decimal: 45 of 88 is 51.1 %, as a person would write it down.
    let percent = (part as f64 * 1000.0 / whole as f64).round() / 10.0;
    (
        Some(percent),
        format!("{part} of {whole} {noun} ({} %)", format_value(percent)),
    )
}
