//! The clauses 4-10 checklist: every clause is mandatory, so each item tracks how far it is,
//! and where a clause asks for documented information, which document holds it. The workspace
//! itself is evidence for some clauses (the risk register for 8.2, the SoA for 6.1.3...).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::text::{self, ValidationError};
use crate::string_enum;

string_enum!(
    ClauseStatus {
        NotStarted => "not_started", "Not started",
        InProgress => "in_progress", "In progress",
        Done => "done", "Done",
    }
);

string_enum!(
    /// A part of this workspace that serves as documented information for a clause.
    WorkspaceEvidence {
        ScopeStatement => "scope_statement", "Scope statement",
        Methodology => "methodology", "Risk methodology",
        RiskRegister => "risk_register", "Risk register",
        Soa => "soa", "Statement of Applicability",
        TreatmentPlan => "treatment_plan", "Risk treatment plan",
        AuditProgramme => "audit_programme", "Audit programme and reports",
        NonconformityRegister => "nonconformity_register", "Register of nonconformities",
        ManagementReviews => "management_reviews", "Management review minutes",
        Objectives => "objectives", "Information security objectives",
        Measurements => "measurements", "Measurements of the objectives",
    }
);

/// The fields of a clause item, as validation errors name them.
pub mod field {
    use crate::domain::text::Field;

    pub const STATUS: Field = Field::new("status");
    pub const NOTE: Field = Field::new("note");
    pub const EVIDENCE: Field = Field::new("evidence");
    /// The documents of the register that hold the clause's documented information.
    pub const DOCUMENTS: Field = Field::new("documents");
    pub const DOC_REFERENCE: Field = Field::new("doc reference");
    pub const DOC_OWNER: Field = Field::new("doc owner");
    pub const DOC_DATE: Field = Field::new("doc date");
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClauseItem {
    pub number: String,
    pub title: String,
    pub status: ClauseStatus,
    pub note: String,
    /// Where the documented information or records are.
    pub evidence: String,
    /// A document named in free text, as older workspace files carry it
    /// (`D-021 Scope statement v1.2`): read on import only, where it becomes a document of the
    /// register linked to the clause. The register holds the clause's documents now.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc_reference: String,
    /// Who owned that document (older workspace files).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc_owner: String,
    /// The date of its version then (older workspace files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_date: Option<NaiveDate>,
}

impl ClauseItem {
    /// A heading (`4`) groups sub-clauses; the checklist tracks the sub-clauses.
    pub fn is_heading(&self) -> bool {
        !self.number.contains('.')
    }

    /// The documented information this clause requires (see [`mandatory_documents`]).
    pub fn mandatory_documents(&self) -> &'static [&'static str] {
        mandatory_documents(&self.number)
    }

    /// Whether the item can be edited: a heading cannot, it only groups its sub-clauses, which
    /// carry the status, the documents and the notes.
    pub fn check_editable(&self) -> Result<(), ValidationError> {
        if self.is_heading() {
            return Err(ValidationError::new(
                field::STATUS,
                "a heading has no status of its own: edit its sub-clauses",
            ));
        }
        Ok(())
    }

    /// Whether the item holds anything of its own beyond what the catalogue gives every
    /// clause: a status other than the first, a document, evidence or a note.
    fn holds_anything(&self) -> bool {
        self.status != ClauseStatus::NotStarted
            || !self.note.trim().is_empty()
            || !self.evidence.trim().is_empty()
            || !self.doc_reference.trim().is_empty()
            || !self.doc_owner.trim().is_empty()
            || self.doc_date.is_some()
    }

    /// The text rules, and the heading rule: a heading stays as the catalogue made it (see
    /// [`Self::check_editable`]), so a workspace file may carry it back unchanged.
    pub fn validated(self) -> Result<Self, ValidationError> {
        if self.holds_anything() {
            self.check_editable()?;
        }
        Ok(Self {
            note: text::text(field::NOTE, &self.note)?,
            evidence: text::text(field::EVIDENCE, &self.evidence)?,
            doc_reference: text::line(field::DOC_REFERENCE, &self.doc_reference)?,
            doc_owner: text::line(field::DOC_OWNER, &self.doc_owner)?,
            ..self
        })
    }
}

/// The documented information the standard makes mandatory for clause `number`, in our own
/// short words; empty for a clause that requires none.
pub fn mandatory_documents(number: &str) -> &'static [&'static str] {
    match number {
        "4.3" => &["Scope of the ISMS"],
        "5.2" => &["Information security policy"],
        "6.1.2" => &["Risk assessment process, including the risk acceptance criteria"],
        "6.1.3" => &[
            "Risk treatment process",
            "Statement of Applicability",
            "Risk treatment plan and the risk owners' approval of it",
        ],
        "6.2" => &["Information security objectives"],
        "7.2" => &["Evidence of competence"],
        "7.5.1" => &["Documented information the organisation decided it needs"],
        "7.5.3" => &["Documented information of external origin"],
        "8.1" => &["Evidence that the processes ran as planned"],
        "8.2" => &["Results of the risk assessments"],
        "8.3" => &["Results of the risk treatment"],
        "9.1" => &["Monitoring and measurement results"],
        "9.2.2" => &["Audit programme and audit results"],
        "9.3.3" => &["Results of the management reviews"],
        "10.2" => &["Nonconformities, actions taken and results of corrective actions"],
        _ => &[],
    }
}

/// Whether missing documented information of clause `number` is a major nonconformity: the
/// policy (5.2), the risk assessment and treatment processes (6.1.2, 6.1.3), the objectives
/// (6.2), the audit programme and results (9.2), the management review results (9.3) and the
/// nonconformities and corrective actions (10.2) are the ISMS's core; without them an auditor
/// cannot see it work. The rest is a lapse (minor).
pub fn missing_document_is_major(number: &str) -> bool {
    matches!(
        number,
        "5.2" | "6.1.2" | "6.1.3" | "6.2" | "9.2" | "9.2.2" | "9.3" | "9.3.3" | "10.2"
    )
}

/// The parts of this workspace that hold documented information for clause `number`.
pub fn workspace_evidence(number: &str) -> &'static [WorkspaceEvidence] {
    use WorkspaceEvidence as W;
    match number {
        "4.3" => &[W::ScopeStatement],
        "6.1.2" => &[W::Methodology, W::RiskRegister],
        "6.1.3" => &[W::Soa, W::TreatmentPlan],
        "8.2" => &[W::RiskRegister],
        "8.3" => &[W::TreatmentPlan],
        "9.2.2" => &[W::AuditProgramme],
        "9.3.3" => &[W::ManagementReviews],
        "10.2" => &[W::NonconformityRegister],
        "6.2" => &[W::Objectives],
        "9.1" => &[W::Measurements],
        _ => &[],
    }
}

/// Which parts of this workspace have content, as documented information: a written ISMS
/// scope, a methodology with levels, risks in the register, an issued SoA, actions in the plan,
/// a reported internal audit, a nonconformity recorded, an objective pursued and measured. Read from the whole workspace by the
/// readiness check and from counts by the clause listing; [`Self::holds`] is the one rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Holdings {
    pub scope_written: bool,
    pub methodology: bool,
    pub risks: bool,
    pub soa_issued: bool,
    pub actions: bool,
    pub internal_audit_reported: bool,
    pub nonconformities: bool,
    /// An objective pursued (withdrawn ones aside).
    pub objectives: bool,
    pub measurements: bool,
    /// A management review held.
    pub reviews_held: bool,
}

impl Holdings {
    pub fn holds(&self, part: WorkspaceEvidence) -> bool {
        use WorkspaceEvidence as W;
        match part {
            W::ScopeStatement => self.scope_written,
            W::Methodology => self.methodology,
            W::RiskRegister => self.risks,
            W::Soa => self.soa_issued,
            W::TreatmentPlan => self.actions,
            W::AuditProgramme => self.internal_audit_reported,
            W::NonconformityRegister => self.nonconformities,
            W::Objectives => self.objectives,
            W::Measurements => self.measurements,
            W::ManagementReviews => self.reviews_held,
        }
    }

    /// Whether the workspace holds all of clause `number`'s documented information itself: the
    /// clause names parts of the workspace as its evidence, and each of them has content.
    pub fn hold_clause(&self, number: &str) -> bool {
        let parts = workspace_evidence(number);
        !parts.is_empty() && parts.iter().all(|&part| self.holds(part))
    }

    /// The parts of the workspace that hold some of clause `number`'s documented information.
    pub fn held_for(&self, number: &str) -> Vec<WorkspaceEvidence> {
        workspace_evidence(number)
            .iter()
            .copied()
            .filter(|&part| self.holds(part))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog;

    fn item(n: &str) -> ClauseItem {
        ClauseItem {
            number: n.into(),
            title: String::new(),
            status: ClauseStatus::NotStarted,
            note: String::new(),
            evidence: String::new(),
            doc_reference: String::new(),
            doc_owner: String::new(),
            doc_date: None,
        }
    }

    #[test]
    fn headings_have_no_dot() {
        assert!(item("4").is_heading());
        assert!(!item("6.1.2").is_heading());
    }

    #[test]
    fn a_heading_takes_no_status_nor_anything_else() {
        let err = item("6").check_editable().unwrap_err();
        assert_eq!(err.field, field::STATUS);
        assert!(item("6.1.2").check_editable().is_ok());
        // As the catalogue made it, a heading passes: a workspace file carries it back.
        assert!(item("6").validated().is_ok());
        let done = ClauseItem {
            status: ClauseStatus::Done,
            ..item("6")
        };
        assert_eq!(done.validated().unwrap_err().field, field::STATUS);
        let noted = ClauseItem {
            note: "see 6.1".into(),
            ..item("6")
        };
        assert_eq!(noted.validated().unwrap_err(), err);
        let dated = ClauseItem {
            doc_date: NaiveDate::from_ymd_opt(2026, 3, 1),
            ..item("6")
        };
        assert!(dated.validated().is_err());
        let sub = ClauseItem {
            status: ClauseStatus::Done,
            note: "see 6.1".into(),
            ..item("6.1")
        };
        assert!(sub.validated().is_ok());
    }

    #[test]
    fn mandatory_documents_name_the_known_clauses_only() {
        let clauses = catalog::clauses();
        let with_documents: Vec<&str> = clauses
            .iter()
            .filter(|c| !c.mandatory_documents().is_empty())
            .map(|c| c.number.as_str())
            .collect();
        assert_eq!(
            with_documents,
            [
                "4.3", "5.2", "6.1.2", "6.1.3", "6.2", "7.2", "7.5.1", "7.5.3", "8.1", "8.2",
                "8.3", "9.1", "9.2.2", "9.3.3", "10.2"
            ]
        );
        assert_eq!(mandatory_documents("6.1.3").len(), 3);
        assert!(mandatory_documents("6.1.3").contains(&"Statement of Applicability"));
        assert!(mandatory_documents("4").is_empty());
        assert!(mandatory_documents("9.2").is_empty(), "9.2.2 holds them");
    }

    #[test]
    fn workspace_evidence_points_at_the_registers() {
        use WorkspaceEvidence as W;
        assert_eq!(workspace_evidence("4.3"), [W::ScopeStatement]);
        assert_eq!(
            workspace_evidence("6.1.2"),
            [W::Methodology, W::RiskRegister]
        );
        assert_eq!(workspace_evidence("6.1.3"), [W::Soa, W::TreatmentPlan]);
        assert_eq!(workspace_evidence("8.2"), [W::RiskRegister]);
        assert_eq!(workspace_evidence("8.3"), [W::TreatmentPlan]);
        assert!(workspace_evidence("5.2").is_empty());
        // Every clause the workspace evidences also requires documented information.
        for n in ["4.3", "6.1.2", "6.1.3", "8.2", "8.3"] {
            assert!(!mandatory_documents(n).is_empty(), "{n}");
        }
        assert_eq!(W::Soa.as_str(), "soa");
        assert_eq!("risk register".parse::<W>(), Ok(W::RiskRegister));
    }

    #[test]
    fn document_fields_are_trimmed_single_lines() {
        let valid = ClauseItem {
            doc_reference: "  D-021 Scope statement v1.2 ".into(),
            doc_owner: " ISB ".into(),
            ..item("4.3")
        }
        .validated()
        .unwrap();
        assert_eq!(valid.doc_reference, "D-021 Scope statement v1.2");
        assert_eq!(valid.doc_owner, "ISB");
        let err = ClauseItem {
            doc_owner: "ISB\nCTO".into(),
            ..item("4.3")
        }
        .validated()
        .unwrap_err();
        assert_eq!(err.field, field::DOC_OWNER);
        let err = ClauseItem {
            doc_reference: "D-1\u{7}".into(),
            ..item("4.3")
        }
        .validated()
        .unwrap_err();
        assert_eq!(err.field, "doc reference");
    }

    #[test]
    fn older_json_without_document_fields_still_reads() {
        let json = r#"{"number":"4.3","title":"Scope","status":"done","note":"","evidence":""}"#;
        let item: ClauseItem = serde_json::from_str(json).unwrap();
        assert_eq!((item.doc_reference.as_str(), item.doc_date), ("", None));
    }

    #[test]
    fn the_workspace_holds_a_clause_when_every_part_it_names_has_content() {
        use WorkspaceEvidence as W;
        let mut held = Holdings {
            soa_issued: true,
            internal_audit_reported: true,
            ..Holdings::default()
        };
        assert!(held.hold_clause("9.2.2"));
        assert_eq!(held.held_for("9.2.2"), [W::AuditProgramme]);
        assert!(!held.hold_clause("10.2"), "no nonconformity recorded");
        assert!(held.held_for("10.2").is_empty());
        // 6.1.3 needs the SoA and the plan.
        assert!(!held.hold_clause("6.1.3"));
        assert_eq!(held.held_for("6.1.3"), [W::Soa]);
        held.actions = true;
        assert!(held.hold_clause("6.1.3"));
        // A clause the workspace does not evidence is never held by it.
        assert!(!held.hold_clause("5.2"));
    }
}
