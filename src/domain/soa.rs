//! The Statement of Applicability (6.1.3 d): a decision per control with reasons, justification
//! and implementation status. "Risk treatment" as a reason is derived from the treatment plan,
//! never typed.

use serde::{Deserialize, Serialize};

use super::text::{self, ValidationError};
use super::treatment::Action;
use crate::string_enum;

string_enum!(
    Applicability {
        Undecided => "undecided", "Undecided",
        Applicable => "applicable", "Applicable",
        NotApplicable => "not_applicable", "Not applicable",
    }
);

string_enum!(
    /// Reasons a user records; risk treatment is derived and so not among them.
    Reason {
        Legal => "legal", "Legal or regulatory",
        Contractual => "contractual", "Contractual",
        Business => "business", "Business requirement or good practice",
    }
);

string_enum!(
    ImplementationStatus {
        NotStarted => "not_started", "Not started",
        Planned => "planned", "Planned",
        Partial => "partial", "Partially implemented",
        Implemented => "implemented", "Implemented",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoaEntry {
    pub control: String,
    pub applicability: Applicability,
    pub reasons: Vec<Reason>,
    pub justification: String,
    pub exclusion_justification: String,
    pub status: ImplementationStatus,
    pub owner: String,
    /// Evidence or records that prove the control works: free text or document references.
    pub evidence: String,
}

impl SoaEntry {
    pub fn undecided(control: &str) -> Self {
        Self {
            control: control.to_string(),
            applicability: Applicability::Undecided,
            reasons: Vec::new(),
            justification: String::new(),
            exclusion_justification: String::new(),
            status: ImplementationStatus::NotStarted,
            owner: String::new(),
            evidence: String::new(),
        }
    }

    pub fn validated(self) -> Result<Self, ValidationError> {
        let mut reasons = self.reasons;
        reasons.sort();
        reasons.dedup();
        Ok(Self {
            justification: text::text("justification", &self.justification)?,
            exclusion_justification: text::text(
                "exclusion justification",
                &self.exclusion_justification,
            )?,
            owner: text::line("owner", &self.owner)?,
            evidence: text::text("evidence", &self.evidence)?,
            reasons,
            ..self
        })
    }
}

/// Row ids of the risks treated by actions that implement `control`, sorted: the derived
/// "risk treatment" reason.
pub fn treated_risks(control: &str, actions: &[Action]) -> Vec<i64> {
    let mut risks: Vec<i64> = actions
        .iter()
        .filter(|a| a.controls.iter().any(|c| c == control))
        .flat_map(|a| a.risks.iter().copied())
        .collect();
    risks.sort();
    risks.dedup();
    risks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn risk_treatment_is_derived_from_actions() {
        let mut a = Action::new("MFA");
        a.controls = vec!["8.5".into(), "5.17".into()];
        a.risks = vec![4, 2];
        let mut b = Action::new("Password manager");
        b.controls = vec!["5.17".into()];
        b.risks = vec![2, 9];
        let actions = [a, b];
        assert_eq!(treated_risks("5.17", &actions), [2, 4, 9]);
        assert_eq!(treated_risks("8.5", &actions), [2, 4]);
        assert!(treated_risks("5.1", &actions).is_empty());
    }

    #[test]
    fn reasons_are_deduplicated_in_order() {
        let mut e = SoaEntry::undecided("5.1");
        e.reasons = vec![Reason::Business, Reason::Legal, Reason::Business];
        assert_eq!(
            e.validated().unwrap().reasons,
            [Reason::Legal, Reason::Business]
        );
    }
}
