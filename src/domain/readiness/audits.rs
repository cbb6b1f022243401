//! Internal audit and nonconformity rules (9.2, 10.2): an internal audit reported within twelve
//! months, every clause covered each year and every applicable control within the certification
//! cycle, auditors who do not audit their own work; a major nonconformity with a corrective
//! action, actions on time, and no nonconformity closed without a review that found its actions
//! effective.

use chrono::NaiveDate;

use super::{Basis, Finding, Place, Rule, Severity, Workspace, join_some};
use crate::domain::audit::programme::{
    CYCLE_YEARS, clauses_not_covered_this_year, controls_not_covered,
    internal_audit_reported_within_a_year, last_internal_report, own_work,
};
use crate::domain::audit::{AuditKind, AuditStatus};
use crate::domain::nonconformity::NcGrade;
use crate::domain::soa::Applicability;
use crate::domain::wording::count;

pub(super) const NO_RECENT_AUDIT: Rule = Rule {
    id: "AUDIT-001",
    severity: Severity::Major,
    title: "No internal audit reported in the last twelve months",
    basis: Basis::Clause("9.2.1"),
};

pub(super) const CLAUSES_NOT_COVERED: Rule = Rule {
    id: "AUDIT-002",
    severity: Severity::Minor,
    title: "Clauses no internal audit of the last twelve months covered",
    basis: Basis::Clause("9.2.2"),
};

pub(super) const CONTROLS_NOT_COVERED: Rule = Rule {
    id: "AUDIT-003",
    severity: Severity::Minor,
    title: "Applicable controls no internal audit of the certification cycle covered or plans",
    basis: Basis::Clause("9.2.2"),
};

pub(super) const OWN_WORK: Rule = Rule {
    id: "AUDIT-004",
    severity: Severity::Minor,
    title: "Internal auditor audited their own work",
    basis: Basis::Clause("9.2.2"),
};

pub(super) const MAJOR_WITHOUT_ACTION: Rule = Rule {
    id: "NC-001",
    severity: Severity::Major,
    title: "Major nonconformity without a corrective action",
    basis: Basis::Clause("10.2"),
};

pub(super) const ACTION_OVERDUE: Rule = Rule {
    id: "NC-002",
    severity: Severity::Minor,
    title: "Corrective action overdue",
    basis: Basis::Clause("10.2"),
};

pub(super) const CLOSED_WITHOUT_REVIEW: Rule = Rule {
    id: "NC-003",
    severity: Severity::Minor,
    title: "Nonconformity closed without an effectiveness review",
    basis: Basis::Clause("10.2"),
};

pub(super) fn check(ws: &Workspace, today: NaiveDate, out: &mut Vec<Finding>) {
    programme(ws, today, out);
    nonconformities(ws, today, out);
}

fn programme(ws: &Workspace, today: NaiveDate, out: &mut Vec<Finding>) {
    if !internal_audit_reported_within_a_year(&ws.audits, today) {
        let message = match last_internal_report(&ws.audits, today) {
            Some((audit, on)) => format!(
                "The last internal audit, {}, was reported on {on}, more than twelve months ago",
                audit.label()
            ),
            None => "No internal audit has been reported yet".to_string(),
        };
        out.push(NO_RECENT_AUDIT.finding(
            message,
            "Hold an internal audit of the ISMS and record its report on the Audits screen",
            Place::Audits,
        ));
        // Without a recent audit the coverage rules would only repeat this finding.
        return;
    }
    let clauses = clauses_not_covered_this_year(&ws.audits, today);
    if !clauses.is_empty() {
        let named: Vec<String> = clauses.iter().map(|c| format!("clause {c}")).collect();
        out.push(CLAUSES_NOT_COVERED.finding(
            format!(
                "No internal audit of the last twelve months covered {}",
                join_some(&named, 7)
            ),
            "Put them in the scope of this year's internal audits (the Programme view of Audits)",
            Place::Audits,
        ));
    }
    let applicable: Vec<String> = ws
        .soa
        .iter()
        .filter(|e| e.applicability == Applicability::Applicable)
        .map(|e| e.control.clone())
        .collect();
    let planned = |key: &str| {
        ws.audits.iter().any(|a| {
            a.kind == AuditKind::Internal
                && matches!(a.status, AuditStatus::Planned | AuditStatus::InProgress)
                && a.controls.iter().any(|c| c == key)
        })
    };
    let controls: Vec<String> = controls_not_covered(&ws.audits, &applicable, today, CYCLE_YEARS)
        .into_iter()
        .filter(|k| !planned(k))
        .map(shown_control)
        .collect();
    if !controls.is_empty() {
        out.push(CONTROLS_NOT_COVERED.finding(
            format!(
                "{} no internal audit of the last {CYCLE_YEARS} years covered nor plans: {}",
                count(controls.len(), "applicable control", "applicable controls"),
                join_some(&controls, 5)
            ),
            "Plan them into an internal audit of the cycle (the scope of an audit on the Audits screen)",
            Place::Audits,
        ));
    }
    let owners: Vec<(String, String)> = ws
        .soa
        .iter()
        .filter(|e| !e.owner.is_empty())
        .map(|e| (e.control.clone(), e.owner.clone()))
        .collect();
    for audit in ws
        .audits
        .iter()
        .filter(|a| a.status != AuditStatus::Planned)
    {
        let own = own_work(audit, &owners);
        if own.is_empty() {
            continue;
        }
        let named: Vec<String> = own
            .iter()
            .map(|o| format!("{} owns {}", o.auditor, shown_control(&o.item)))
            .collect();
        out.push(OWN_WORK.finding(
            format!("{}: {}, in its scope", audit.label(), join_some(&named, 3)),
            "Have another auditor audit those controls, or take them out of this auditor's part",
            Place::Audit(audit.id),
        ));
    }
}

fn nonconformities(ws: &Workspace, today: NaiveDate, out: &mut Vec<Finding>) {
    for nc in &ws.nonconformities {
        let place = Place::Nonconformity(nc.id);
        if nc.grade == NcGrade::Major && !nc.is_closed() && nc.actions.is_empty() {
            out.push(MAJOR_WITHOUT_ACTION.finding(
                format!(
                    "{} ({}) is a major nonconformity without a corrective action",
                    nc.reference(),
                    nc.description
                ),
                "Find its root cause and plan a corrective action with an owner and a due date",
                place.clone(),
            ));
        }
        let overdue: Vec<String> = nc
            .overdue_actions(today)
            .iter()
            .map(|a| match a.due_on {
                Some(due) => format!("'{}' (due {due})", a.description),
                None => format!("'{}'", a.description),
            })
            .collect();
        if !overdue.is_empty() {
            out.push(ACTION_OVERDUE.finding(
                format!(
                    "{}: {} overdue: {}",
                    nc.reference(),
                    count(overdue.len(), "corrective action", "corrective actions"),
                    join_some(&overdue, 3)
                ),
                "Complete the action, or give it a new due date with a reason",
                place.clone(),
            ));
        }
        if nc.is_closed() && !nc.reviewed_effective() {
            out.push(CLOSED_WITHOUT_REVIEW.finding(
                format!(
                    "{} is closed but no review found its corrective actions effective",
                    nc.reference()
                ),
                "Review whether the actions worked and record when, by whom and the result",
                place,
            ));
        }
    }
}

/// An Annex A key as findings show it: `A.5.15`; a custom control's reference as it is.
fn shown_control(key: &str) -> String {
    if key.starts_with(|c: char| c.is_ascii_digit()) {
        format!("A.{key}")
    } else {
        key.to_string()
    }
}
