//! AUDIT-001 to AUDIT-004 and NC-001 to NC-003, and the audit programme and the register of
//! nonconformities as 9.2.2's and 10.2's documented information.

use super::*;
use crate::domain::audit::{AuditKind, AuditStatus};
use crate::domain::nonconformity::{
    CorrectiveAction, CorrectiveStatus, EffectivenessReview, NcGrade, NcSource, Nonconformity,
};

fn nc(grade: NcGrade) -> Nonconformity {
    Nonconformity {
        id: 1,
        number: 1,
        ..Nonconformity::new(
            NcSource::AuditFinding,
            grade,
            d("2026-01-21"),
            "Restore never tested",
        )
    }
}

#[test]
fn no_internal_audit_reported_in_twelve_months_is_major() {
    let mut ws = clean();
    ws.audits.clear();
    let f = only(&ws, "AUDIT-001");
    assert_eq!(f.message, "No internal audit has been reported yet");
    assert_eq!(f.place, Place::Audits);
    ws.audits = vec![internal_audit()];
    ws.audits[0].reported_on = Some(d("2025-03-30"));
    ws.audits[0].held_on = Some(d("2025-03-29"));
    let f = only(&ws, "AUDIT-001");
    assert!(
        f.message.contains("was reported on 2025-03-30"),
        "{}",
        f.message
    );
    // The coverage rules leave it to AUDIT-001.
    none(&ws, "AUDIT-002");
    none(&ws, "AUDIT-003");
    // An external audit is no internal one; a planned one has no results yet.
    ws.audits[0].kind = AuditKind::External;
    ws.audits[0].reported_on = Some(d("2026-02-01"));
    only(&ws, "AUDIT-001");
    ws.audits[0].kind = AuditKind::Internal;
    ws.audits[0].status = AuditStatus::Planned;
    only(&ws, "AUDIT-001");
}

#[test]
fn clauses_this_year_and_controls_within_the_cycle_are_one_finding_each() {
    let mut ws = clean();
    ws.audits[0].clauses = vec!["4".into(), "5".into(), "6".into(), "9".into()];
    ws.audits[0].controls = vec!["5.1".into()];
    let f = only(&ws, "AUDIT-002");
    assert_eq!(
        f.message,
        "No internal audit of the last twelve months covered clause 7, clause 8 and clause 10"
    );
    let f = only(&ws, "AUDIT-003");
    assert_eq!(
        f.message,
        "2 applicable controls no internal audit of the last 3 years covered nor plans: A.8.13 and C-001"
    );
    // A planned internal audit with them in scope answers for the controls.
    let mut planned = internal_audit();
    planned.id = 2;
    planned.number = 2;
    planned.status = AuditStatus::Planned;
    planned.reported_on = None;
    planned.held_on = None;
    planned.controls = vec!["8.13".into(), "C-001".into()];
    ws.audits.push(planned);
    none(&ws, "AUDIT-003");
    only(&ws, "AUDIT-002");
}

#[test]
fn an_auditor_who_owns_a_control_in_scope_audits_their_own_work() {
    let mut ws = clean();
    ws.audits[0].team = vec!["ISB".into()];
    let f = only(&ws, "AUDIT-004");
    assert_eq!(f.place, Place::Audit(1));
    assert!(
        f.message
            .starts_with("AU-001 Internal audit 2026: ISB owns A.5.1"),
        "{}",
        f.message
    );
    ws.audits[0].kind = AuditKind::External;
    none(&ws, "AUDIT-004");
}

#[test]
fn a_major_nonconformity_needs_a_corrective_action() {
    let mut ws = clean();
    ws.nonconformities = vec![nc(NcGrade::Major)];
    let f = only(&ws, "NC-001");
    assert_eq!(f.place, Place::Nonconformity(1));
    ws.nonconformities[0].grade = NcGrade::Minor;
    none(&ws, "NC-001");
    ws.nonconformities[0].grade = NcGrade::Major;
    ws.nonconformities[0]
        .actions
        .push(CorrectiveAction::new("Quarterly restore test"));
    none(&ws, "NC-001");
}

#[test]
fn an_overdue_corrective_action_is_minor_until_done() {
    let mut ws = clean();
    let mut n = nc(NcGrade::Minor);
    n.actions.push(CorrectiveAction {
        due_on: Some(d("2026-03-01")),
        ..CorrectiveAction::new("Quarterly restore test")
    });
    ws.nonconformities = vec![n];
    let f = only(&ws, "NC-002");
    assert_eq!(
        f.message,
        "NC-001: 1 corrective action overdue: 'Quarterly restore test' (due 2026-03-01)"
    );
    ws.nonconformities[0].actions[0].status = CorrectiveStatus::Done;
    none(&ws, "NC-002");
}

#[test]
fn a_nonconformity_closed_without_an_effective_review_is_minor() {
    let mut ws = clean();
    ws.nonconformities = vec![Nonconformity {
        closed_on: Some(d("2026-02-01")),
        ..nc(NcGrade::Minor)
    }];
    only(&ws, "NC-003");
    ws.nonconformities[0].review = Some(EffectivenessReview {
        on_date: d("2026-01-31"),
        by: "ISB".into(),
        effective: true,
        note: String::new(),
    });
    none(&ws, "NC-003");
}

#[test]
fn the_programme_and_the_register_hold_9_2_2_and_10_2() {
    let mut ws = clean();
    ws.clauses.push(clause("9.2.2", "Internal audit programme"));
    ws.clauses
        .push(clause("10.2", "Nonconformity and corrective action"));
    let f = only(&ws, "CLAUSE-003");
    assert!(f.message.starts_with("10.2 "), "{}", f.message);
    ws.nonconformities = vec![Nonconformity {
        actions: vec![CorrectiveAction::new("Quarterly restore test")],
        ..nc(NcGrade::Major)
    }];
    none(&ws, "CLAUSE-003");
    // Without a reported internal audit, 9.2.2 has no audit results: AUDIT-001 reports that
    // gap, and CLAUSE-003 does not report it again.
    ws.audits[0].status = AuditStatus::Planned;
    none(&ws, "CLAUSE-003");
    only(&ws, "AUDIT-001");
    // An internal audit reported more than twelve months ago still holds the programme:
    // AUDIT-001 reports that it is stale, not that it is missing.
    ws.audits[0].status = AuditStatus::Reported;
    ws.audits[0].held_on = Some(d("2024-11-10"));
    ws.audits[0].reported_on = Some(d("2024-11-20"));
    none(&ws, "CLAUSE-003");
    only(&ws, "AUDIT-001");
    // An external audit alone does not hold the internal audit programme.
    ws.audits[0].kind = AuditKind::External;
    none(&ws, "CLAUSE-003");
    assert_eq!(of(&ws, "AUDIT-001").len(), 1);
}
