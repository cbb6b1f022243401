//! Clause rules (4-10): the documented information a clause requires is in the register of
//! documents (a document in force linked to the clause) or in the workspace itself, and the
//! checklist is done. "Not documented, not done." A missing document of the ISMS's core
//! processes is major (CLAUSE-003), any other minor (CLAUSE-001): one grade per rule.

use super::{Basis, Finding, Rule, Severity, Workspace, in_sentence};
use crate::domain::audit::AuditKind;
use crate::domain::clause::{
    ClauseItem, ClauseStatus, WorkspaceEvidence, missing_document_is_major, workspace_evidence,
};
use crate::domain::document;
use crate::domain::objective::ObjectiveStatus;

pub(super) const NO_DOCUMENT: Rule = Rule {
    id: "CLAUSE-001",
    severity: Severity::Minor,
    title: "Mandatory documented information without a document (other clauses: minor)",
    basis: Basis::Clause("7.5.1"),
};

pub(super) const NOT_DONE: Rule = Rule {
    id: "CLAUSE-002",
    severity: Severity::Observation,
    title: "Clause checklist item not done",
    basis: Basis::Clause("4.4"),
};

pub(super) const NO_CORE_DOCUMENT: Rule = Rule {
    id: "CLAUSE-003",
    severity: Severity::Major,
    title: "Core documented information without a document (5.2, 6.1.2, 6.1.3, 6.2, 9.2, 9.3, 10.2: major)",
    basis: Basis::Clause("7.5.1"),
};

fn reference(clause: &ClauseItem) -> String {
    format!("{} {}", clause.number, clause.title)
}

pub(super) fn check(ws: &Workspace, out: &mut Vec<Finding>) {
    for clause in ws.clauses.iter().filter(|c| is_tracked(ws, c)) {
        let documents = clause.mandatory_documents();
        let linked = !document::for_clause(&ws.documents, &clause.number).is_empty();
        if !documents.is_empty() && !linked && !held_by_workspace(ws, &clause.number) {
            let documents: Vec<String> = documents.iter().map(|d| in_text(d)).collect();
            let rule = if missing_document_is_major(&clause.number) {
                &NO_CORE_DOCUMENT
            } else {
                &NO_DOCUMENT
            };
            out.push(rule.about_clause(
                format!(
                    "{}: no document named for {}",
                    reference(clause),
                    documents.join("; ")
                ),
                "Link the document that holds it (from the Documents register) on the Clauses screen",
                &clause.number,
            ));
        }
        if clause.status != ClauseStatus::Done {
            out.push(NOT_DONE.about_clause(
                format!(
                    "{} is {}",
                    reference(clause),
                    in_sentence(clause.status.label())
                ),
                "Complete it and mark it done on the Clauses screen",
                &clause.number,
            ));
        }
    }
}

/// A document's name inside a sentence: lower case first, unless it is a proper name such as
/// `Statement of Applicability` (a capitalised word further on, not an acronym, says so).
fn in_text(name: &str) -> String {
    let proper = name
        .split_whitespace()
        .skip(1)
        .any(|w| w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase));
    if proper {
        name.to_string()
    } else {
        in_sentence(name)
    }
}

/// Whether the checklist tracks `clause` itself: not a heading (`6`), nor a sub-clause that only
/// groups others (`6.1` holds 6.1.1 to 6.1.3, which are tracked instead).
fn is_tracked(ws: &Workspace, clause: &ClauseItem) -> bool {
    let prefix = format!("{}.", clause.number);
    !clause.is_heading() && !ws.clauses.iter().any(|c| c.number.starts_with(&prefix))
}

/// Whether this workspace holds all of a clause's documented information itself: the clause
/// names parts of the workspace as its evidence, and each of them has content (a written ISMS
/// scope, risks in the register, an issued SoA, actions in the plan).
fn held_by_workspace(ws: &Workspace, number: &str) -> bool {
    let parts = workspace_evidence(number);
    !parts.is_empty()
        && parts.iter().all(|part| match part {
            WorkspaceEvidence::ScopeStatement => !ws.statements.isms_scope.trim().is_empty(),
            WorkspaceEvidence::Methodology => !ws.methodology.levels.is_empty(),
            WorkspaceEvidence::RiskRegister => !ws.risks.is_empty(),
            WorkspaceEvidence::Soa => !ws.versions.is_empty(),
            WorkspaceEvidence::TreatmentPlan => !ws.actions.is_empty(),
            WorkspaceEvidence::AuditProgramme => ws
                .audits
                .iter()
                .any(|a| a.kind == AuditKind::Internal && a.is_reported()),
            WorkspaceEvidence::NonconformityRegister => !ws.nonconformities.is_empty(),
            WorkspaceEvidence::Objectives => ws
                .security_objectives
                .iter()
                .any(|o| o.status != ObjectiveStatus::Withdrawn),
            WorkspaceEvidence::Measurements => !ws.measurements.is_empty(),
        })
}
