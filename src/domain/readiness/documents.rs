//! Documented information rules (7.5): a document named as evidence is approved, each document
//! in force is reviewed when its review period says, and a withdrawn document is no longer named
//! as evidence. Whether a clause's mandatory documented information exists at all is the clause
//! rules' question (`CLAUSE-001`, `CLAUSE-003`).

use chrono::NaiveDate;

use super::{Basis, Finding, Place, Rule, Severity, Workspace, join_some};
use crate::domain::document::{DocStatus, Document};
use crate::domain::reference::RefKind;

pub(super) const NOT_APPROVED: Rule = Rule {
    id: "DOC-001",
    severity: Severity::Minor,
    title: "Document named as evidence but not approved",
    basis: Basis::Clause("7.5.2"),
};

pub(super) const REVIEW_OVERDUE: Rule = Rule {
    id: "DOC-002",
    severity: Severity::Minor,
    title: "Document overdue for review",
    basis: Basis::Clause("7.5.2"),
};

pub(super) const WITHDRAWN_IN_USE: Rule = Rule {
    id: "DOC-003",
    severity: Severity::Minor,
    title: "Withdrawn document still named as evidence",
    basis: Basis::Clause("7.5.3"),
};

pub(super) fn check(ws: &Workspace, today: NaiveDate, out: &mut Vec<Finding>) {
    for doc in &ws.documents {
        let place = Place::Document(doc.id);
        match doc.status {
            DocStatus::Withdrawn if doc.is_used() => out.push(WITHDRAWN_IN_USE.finding(
                format!("{} is withdrawn but still named by {}", doc.label(), uses(ws, doc)),
                "Link the document that replaced it instead wherever it is named (on the Documents screen or the item's own)",
                place.clone(),
            )),
            DocStatus::Draft | DocStatus::Unknown if doc.is_used() => {
                let state = if doc.status == DocStatus::Draft {
                    "is a draft"
                } else {
                    "has no known approval"
                };
                out.push(NOT_APPROVED.finding(
                    format!("{} {state} but is named by {}", doc.label(), uses(ws, doc)),
                    "Have it approved: record the approved version with its approver (v on the Documents screen)",
                    place.clone(),
                ))
            }
            _ => {}
        }
        if doc.is_overdue(today)
            && let Some(due) = doc.next_review()
        {
            out.push(REVIEW_OVERDUE.finding(
                format!("{} was due for review on {due}", doc.label()),
                "Review it: record the review date or a new version on the Documents screen",
                place,
            ));
        }
    }
}

/// What names a document as evidence: `clause 5.2, A.5.1 and T-003`.
fn uses(ws: &Workspace, doc: &Document) -> String {
    let mut named: Vec<String> = doc.clauses.iter().map(|c| format!("clause {c}")).collect();
    named.extend(doc.controls.iter().map(|k| {
        if k.starts_with(|c: char| c.is_ascii_digit()) {
            format!("A.{k}")
        } else {
            k.clone()
        }
    }));
    named.extend(doc.actions.iter().map(|id| {
        ws.actions.iter().find(|a| a.id == *id).map_or_else(
            || "a treatment action".to_string(),
            |a| RefKind::Action.format(a.number),
        )
    }));
    join_some(&named, 3)
}
