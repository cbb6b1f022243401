//! The due list on the readiness checker's clean workspace, and for each source the change
//! that adds, moves or drops its item.

use chrono::NaiveDate;

use super::*;
use crate::domain::audit::{Audit, AuditKind};
use crate::domain::document::DocStatus;
use crate::domain::methodology::Authority;
use crate::domain::nonconformity::{
    CorrectiveAction, CorrectiveStatus, NcGrade, NcSource, Nonconformity,
};
use crate::domain::person::{CompetenceRecord, Role, RoleHeld};
use crate::domain::readiness::tests::clean;
use crate::domain::risk::Acceptance;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    d("2026-03-31")
}

/// `(kind, due, reference)` of each item, in the list's order.
fn listed(ws: &Workspace) -> Vec<(DueKind, String, String)> {
    all(ws, today())
        .into_iter()
        .map(|i| (i.kind, i.due_on.to_string(), i.reference))
        .collect()
}

fn row(kind: DueKind, due: &str, reference: &str) -> (DueKind, String, String) {
    (kind, due.to_string(), reference.to_string())
}

#[test]
fn the_clean_workspace_lists_every_next_date_oldest_first() {
    let ws = clean();
    let mut expected = vec![
        row(DueKind::RiskReview, "2026-09-30", "R-001"),
        row(DueKind::Action, "2026-09-30", "T-001"),
        row(DueKind::DocumentReview, "2027-01-15", "D-001"),
    ];
    for person in 1..=5 {
        expected.push(row(
            DueKind::Awareness,
            "2027-01-15",
            &format!("P-{person:03}"),
        ));
    }
    expected.insert(2, row(DueKind::ManagementReview, "2026-11-20", "MR-001"));
    expected.push(row(DueKind::InternalAudit, "2027-01-20", "AU-001"));
    assert_eq!(listed(&ws), expected);
    let first = &all(&ws, today())[1];
    assert_eq!(
        (first.title.as_str(), first.owner.as_str()),
        ("Offline backup", "IT")
    );
    assert_eq!(first.days_left(today()), 183);
    assert!(!first.is_overdue(today()));
}

#[test]
fn within_keeps_the_overdue_and_what_falls_due_in_the_window() {
    let mut ws = clean();
    ws.actions[0].due = Some(d("2026-03-01"));
    let near: Vec<String> = within(&ws, today(), 30)
        .iter()
        .map(|i| i.reference.clone())
        .collect();
    assert_eq!(near, ["T-001"]);
    assert!(within(&ws, today(), 30)[0].is_overdue(today()));
    assert_eq!(within(&ws, today(), 183).len(), 2);
    // A done action is due no more.
    ws.actions[0].status = crate::domain::treatment::ActionStatus::Done;
    assert!(within(&ws, today(), 30).is_empty());
}

#[test]
fn a_risk_review_comes_from_its_level_unless_a_typed_date_brings_it_forward() {
    let mut ws = clean();
    ws.risks[0].next_review = None;
    let derived = review_due(&ws.methodology, &ws.risks[0]).unwrap();
    assert!(derived > d("2026-09-30"));
    assert!(listed(&ws).contains(&row(DueKind::RiskReview, &derived.to_string(), "R-001")));
    ws.risks[0].status = RiskStatus::Closed;
    assert!(!listed(&ws).iter().any(|r| r.0 == DueKind::RiskReview));
}

#[test]
fn only_the_latest_acceptance_of_a_risk_ends() {
    let mut ws = clean();
    let acceptance = |id, on: &str, until: &str| Acceptance {
        id,
        risk: 1,
        accepted_by: "CTO".into(),
        authority: Authority::RiskOwner,
        accepted_on: d(on),
        level: "low".into(),
        until: Some(d(until)),
        note: String::new(),
    };
    ws.acceptances = vec![
        acceptance(1, "2025-01-10", "2026-01-31"),
        acceptance(2, "2026-02-01", "2027-01-31"),
    ];
    let ends: Vec<_> = all(&ws, today())
        .into_iter()
        .filter(|i| i.kind == DueKind::Acceptance)
        .collect();
    assert_eq!(ends.len(), 1);
    assert_eq!(ends[0].due_on, d("2027-01-31"));
    assert_eq!(ends[0].owner, "CTO");
    assert_eq!(ends[0].title, "Ransomware");
}

#[test]
fn a_withdrawn_document_is_not_reviewed() {
    let mut ws = clean();
    ws.documents[0].status = DocStatus::Withdrawn;
    assert!(!listed(&ws).iter().any(|r| r.0 == DueKind::DocumentReview));
}

#[test]
fn competence_ends_with_the_latest_record_for_a_role_held_and_nobody_who_left_is_due() {
    let mut ws = clean();
    ws.people.roles.push(Role {
        id: 7,
        builtin: None,
        name: "Internal auditor".into(),
        authority: None,
        competence: "ISO 19011 training".into(),
    });
    ws.people.held.push(RoleHeld {
        person: 2,
        role: 7,
        from: d("2024-01-01"),
        until: None,
    });
    let record = |id, on: &str, until: Option<&str>| CompetenceRecord {
        id,
        person: 2,
        role: Some(7),
        kind: crate::domain::person::CompetenceKind::Qualification,
        topic: "Lead auditor".into(),
        on: d(on),
        evidence: String::new(),
        valid_until: until.map(d),
    };
    ws.competence
        .push(record(20, "2023-05-01", Some("2026-04-30")));
    ws.competence
        .push(record(21, "2026-03-01", Some("2029-02-28")));
    let competence: Vec<_> = all(&ws, today())
        .into_iter()
        .filter(|i| i.kind == DueKind::Competence)
        .collect();
    assert_eq!(competence.len(), 1);
    assert_eq!(competence[0].due_on, d("2029-02-28"));
    assert_eq!(competence[0].title, "competence as internal auditor");
    // Evidence without an end never falls due.
    ws.competence.push(record(22, "2026-03-02", None));
    assert!(!listed(&ws).iter().any(|r| r.0 == DueKind::Competence));
    // Someone who left needs no awareness any more.
    ws.people.people[1].left_on = Some(d("2026-03-15"));
    assert!(!listed(&ws).iter().any(|r| r.2 == "P-002"));
}

#[test]
fn the_next_internal_audit_is_due_a_year_after_the_last_report_unless_one_is_planned() {
    let mut ws = clean();
    assert!(listed(&ws).contains(&row(DueKind::InternalAudit, "2027-01-20", "AU-001")));
    ws.audits.push(Audit {
        id: 2,
        number: 2,
        planned_on: Some(d("2026-11-10")),
        lead_auditor: "ISB".into(),
        ..Audit::new("Internal audit 2027", AuditKind::Internal)
    });
    let audits: Vec<_> = listed(&ws)
        .into_iter()
        .filter(|r| matches!(r.0, DueKind::InternalAudit | DueKind::Audit))
        .collect();
    assert_eq!(audits, [row(DueKind::Audit, "2026-11-10", "AU-002")]);
}

#[test]
fn open_corrective_actions_and_questions_with_a_due_date_are_due() {
    let mut ws = clean();
    let mut nc = Nonconformity {
        id: 1,
        number: 1,
        actions: vec![
            CorrectiveAction {
                owner: "IT".into(),
                due_on: Some(d("2026-02-27")),
                ..CorrectiveAction::new("Restrict edit rights")
            },
            CorrectiveAction {
                due_on: Some(d("2026-01-31")),
                status: CorrectiveStatus::Done,
                ..CorrectiveAction::new("Remove the open share")
            },
        ],
        ..Nonconformity::new(
            NcSource::OwnObservation,
            NcGrade::Minor,
            d("2026-01-10"),
            "Shares open to all",
        )
    };
    ws.nonconformities.push(nc.clone());
    let first = &all(&ws, today())[0];
    assert_eq!(
        (first.kind, first.reference.as_str(), first.owner.as_str()),
        (DueKind::CorrectiveAction, "NC-001", "IT")
    );
    assert!(first.is_overdue(today()));
    nc.closed_on = Some(d("2026-03-30"));
    ws.nonconformities = vec![nc];
    assert!(!listed(&ws).iter().any(|r| r.0 == DueKind::CorrectiveAction));

    let question = crate::domain::question::OpenQuestion {
        id: 1,
        number: 2,
        ..crate::domain::question::OpenQuestion::new(
            None,
            "Who owns the NAS?",
            "isb",
            d("2026-01-28").and_hms_opt(10, 0, 0).unwrap(),
        )
    }
    .assigned("IT", Some(d("2026-04-30")))
    .unwrap();
    ws.questions.push(question);
    assert!(listed(&ws).contains(&row(DueKind::Question, "2026-04-30", "Q-002")));
}

#[test]
fn the_next_management_review_and_the_actions_reviews_decided() {
    use crate::domain::review::{Review, ReviewAction, ReviewActionStatus};
    let mut ws = clean();
    let next = |ws: &Workspace| {
        all(ws, today())
            .into_iter()
            .filter(|i| matches!(i.kind, DueKind::ManagementReview | DueKind::ReviewAction))
            .map(|i| (i.kind, i.due_on.to_string(), i.reference, i.title))
            .collect::<Vec<_>>()
    };
    // A year after the review held on 2025-11-20.
    assert_eq!(
        next(&ws),
        [(
            DueKind::ManagementReview,
            "2026-11-20".to_string(),
            "MR-001".to_string(),
            "next management review (the last, MR-001, held 2025-11-20)".to_string()
        )]
    );
    // One planned before then stands instead, by its day; an open action of the last one too.
    ws.reviews.push(Review {
        id: 2,
        number: 2,
        planned_on: Some(d("2026-10-15")),
        participants: vec!["Managing Director".into()],
        ..Review::new("Management review 2026")
    });
    ws.review_actions = vec![
        ReviewAction {
            id: 1,
            number: 1,
            due_on: Some(d("2026-06-30")),
            owner: "ISB".into(),
            ..ReviewAction::new(1, "Train the drivers")
        },
        ReviewAction {
            id: 2,
            number: 2,
            due_on: Some(d("2026-01-31")),
            status: ReviewActionStatus::Done,
            ..ReviewAction::new(1, "Budget 2026")
        },
    ];
    let listed: Vec<(DueKind, String, String)> = next(&ws)
        .into_iter()
        .map(|(k, d, r, _)| (k, d, r))
        .collect();
    assert_eq!(
        listed,
        [
            row(DueKind::ReviewAction, "2026-06-30", "MR-001/1"),
            row(DueKind::ManagementReview, "2026-10-15", "MR-002"),
        ]
    );
    let planned = all(&ws, today())
        .into_iter()
        .find(|i| i.reference == "MR-002")
        .unwrap();
    assert_eq!(planned.owner, "Managing Director");
}
