//! Clause rules (4-10): the documented information a clause requires is in the register of
//! documents (a document in force linked to the clause) or in the workspace itself, and the
//! checklist is done. "Not documented, not done." A missing document of the ISMS's core
//! processes is major (CLAUSE-003), any other minor (CLAUSE-001): one grade per rule. The audit
//! programme (9.2.2) and the register of nonconformities (10.2) hold their clauses' documented
//! information once they have records; without any reported internal audit, AUDIT-001 reports
//! the gap of 9.2.2, once.

use super::{Basis, Finding, Rule, Severity, Workspace, in_sentence};
use crate::domain::audit::any_internal_reported;
use crate::domain::clause::{
    ClauseItem, ClauseStatus, Holdings, WorkspaceEvidence, missing_document_is_major,
    workspace_evidence,
};
use crate::domain::document;
use crate::domain::objective::any_pursued;

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
    let held = holdings(ws);
    for clause in ws.clauses.iter().filter(|c| is_tracked(ws, c)) {
        let documents = clause.mandatory_documents();
        let linked = !document::for_clause(&ws.documents, &clause.number).is_empty();
        if !documents.is_empty()
            && !linked
            && !held.hold_clause(&clause.number)
            && !left_to_register_rules(&held, &clause.number)
        {
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

/// What the workspace holds as documented information.
fn holdings(ws: &Workspace) -> Holdings {
    Holdings {
        scope_written: !ws.statements.isms_scope.trim().is_empty(),
        methodology: !ws.methodology.levels.is_empty(),
        risks: !ws.risks.is_empty(),
        soa_issued: !ws.versions.is_empty(),
        actions: !ws.actions.is_empty(),
        internal_audit_reported: any_internal_reported(&ws.audits),
        nonconformities: !ws.nonconformities.is_empty(),
        objectives: any_pursued(&ws.security_objectives),
        measurements: !ws.measurements.is_empty(),
        reviews_held: ws.reviews.iter().any(|r| r.is_held()),
    }
}

/// Whether the missing documented information of clause `number` is a gap a register's own
/// rule reports already: the audit programme holds 9.2.2's once an internal audit is reported,
/// and until one is, AUDIT-001 (major, like CLAUSE-003) says so; the objectives hold 6.2's, and
/// without one pursued OBJ-001 (major) says so. One finding per gap.
fn left_to_register_rules(held: &Holdings, number: &str) -> bool {
    workspace_evidence(number).iter().any(|part| match part {
        WorkspaceEvidence::AuditProgramme => !held.internal_audit_reported,
        WorkspaceEvidence::Objectives => !held.objectives,
        WorkspaceEvidence::ManagementReviews => !held.reviews_held,
        _ => false,
    })
}
