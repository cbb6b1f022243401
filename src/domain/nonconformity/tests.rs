use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn nc() -> Nonconformity {
    Nonconformity {
        number: 2,
        ..Nonconformity::new(
            NcSource::AuditFinding,
            NcGrade::Minor,
            d("2025-11-20"),
            "Backups not restore-tested",
        )
    }
}

fn action(status: CorrectiveStatus, due: &str) -> CorrectiveAction {
    CorrectiveAction {
        owner: "Lars Vogel".into(),
        due_on: Some(d(due)),
        status,
        ..CorrectiveAction::new("Quarterly restore test")
    }
}

fn review(on: &str, effective: bool) -> EffectivenessReview {
    EffectivenessReview {
        on_date: d(on),
        by: "Anna Weber".into(),
        effective,
        note: String::new(),
    }
}

#[test]
fn the_description_is_required_and_the_reference_is_nc() {
    assert_eq!(nc().reference(), "NC-002");
    let err = Nonconformity {
        description: " ".into(),
        ..nc()
    }
    .validated()
    .unwrap_err();
    assert_eq!(err.field, field::DESCRIPTION);
}

#[test]
fn each_action_is_described() {
    let err = Nonconformity {
        actions: vec![CorrectiveAction::new("")],
        ..nc()
    }
    .validated()
    .unwrap_err();
    assert_eq!(err.field, field::ACTION);
}

#[test]
fn only_an_audit_finding_nonconformity_names_a_finding() {
    let err = Nonconformity {
        source: NcSource::Incident,
        finding: Some(4),
        ..nc()
    }
    .validated()
    .unwrap_err();
    assert_eq!(err.field, field::FINDING);
}

#[test]
fn a_review_names_who_and_is_not_before_it_was_raised() {
    let err = Nonconformity {
        review: Some(EffectivenessReview {
            by: " ".into(),
            ..review("2026-01-10", true)
        }),
        ..nc()
    }
    .validated()
    .unwrap_err();
    assert_eq!(err.field, field::REVIEWED_BY);
    let err = Nonconformity {
        review: Some(review("2025-01-10", true)),
        ..nc()
    }
    .validated()
    .unwrap_err();
    assert_eq!(err.field, field::REVIEWED_ON);
}

#[test]
fn the_lifecycle_runs_from_open_to_closed() {
    let today = d("2026-03-31");
    let mut n = nc();
    assert_eq!(n.state(), NcState::Open);
    n.correction = "Restored last night's backup once".into();
    n.actions.push(action(CorrectiveStatus::Open, "2026-01-31"));
    assert_eq!(n.state(), NcState::ActionsOpen);
    assert_eq!(n.overdue_actions(today).len(), 1);
    n.actions[0].status = CorrectiveStatus::Done;
    assert_eq!(n.state(), NcState::AwaitingReview);
    assert!(n.overdue_actions(today).is_empty());
    // An ineffective review reopens it: it needs a new action.
    n = n.with_review(review("2026-02-15", false));
    assert_eq!(n.state(), NcState::Reopened);
    assert!(n.needs_new_action());
    let closing = Nonconformity {
        closed_on: Some(d("2026-02-16")),
        ..n.clone()
    };
    assert_eq!(
        closing.clone().validated().unwrap_err().field,
        field::CLOSED_ON
    );
    assert_eq!(closing.check_closing().unwrap_err().field, field::CLOSED_ON);
    n.actions
        .push(action(CorrectiveStatus::InProgress, "2026-04-30"));
    assert_eq!(n.state(), NcState::ActionsOpen);
    n.actions[1].status = CorrectiveStatus::Done;
    n = n.with_review(review("2026-03-20", true));
    assert_eq!(n.state(), NcState::Effective);
    n.closed_on = Some(d("2026-03-21"));
    assert!(n.check_closing().is_ok());
    let n = n.validated().unwrap();
    assert_eq!(n.state(), NcState::Closed);
}

#[test]
fn closing_needs_an_effectiveness_review_on_or_before_the_day() {
    let closed = Nonconformity {
        closed_on: Some(d("2026-01-10")),
        ..nc()
    };
    // A file may carry it (the readiness check reports it); a user's save asks first.
    assert!(closed.clone().validated().is_ok());
    let err = closed.check_closing().unwrap_err();
    assert_eq!(err.field, field::CLOSED_ON);
    assert!(err.message.contains("effectiveness review"), "{err}");
    let early = Nonconformity {
        closed_on: Some(d("2026-01-10")),
        review: Some(review("2026-01-12", true)),
        ..nc()
    };
    assert_eq!(early.check_closing().unwrap_err().field, field::CLOSED_ON);
    let err = Nonconformity {
        closed_on: Some(d("2025-11-01")),
        ..nc()
    }
    .validated()
    .unwrap_err();
    assert!(err.message.contains("before it was raised"), "{err}");
}

#[test]
fn a_later_effective_review_after_closing_keeps_it_closed_and_an_ineffective_one_reopens() {
    let closed = Nonconformity {
        closed_on: Some(d("2026-01-10")),
        review: Some(review("2026-01-09", true)),
        actions: vec![action(CorrectiveStatus::Done, "2025-12-31")],
        ..nc()
    };
    assert!(closed.is_closed());
    let reopened = closed.with_review(review("2026-03-01", false));
    assert!(!reopened.is_closed());
    assert_eq!(reopened.state(), NcState::Reopened);
}

#[test]
fn outstanding_counts_open_nonconformities_majors_and_their_actions() {
    let today = d("2026-03-31");
    let major = Nonconformity {
        number: 1,
        grade: NcGrade::Major,
        actions: vec![
            action(CorrectiveStatus::Open, "2026-02-28"),
            action(CorrectiveStatus::Done, "2026-01-31"),
            action(CorrectiveStatus::InProgress, "2026-04-15"),
        ],
        ..nc()
    };
    let minor = Nonconformity {
        actions: vec![action(CorrectiveStatus::Open, "2026-03-01")],
        ..nc()
    };
    // Closed: its overdue action no longer counts.
    let closed = Nonconformity {
        number: 3,
        grade: NcGrade::Major,
        actions: vec![action(CorrectiveStatus::Open, "2026-01-01")],
        review: Some(review("2026-02-01", true)),
        closed_on: Some(d("2026-02-02")),
        ..nc()
    };
    assert_eq!(
        outstanding(&[major, minor, closed], today),
        Outstanding {
            open: 2,
            open_major: 1,
            actions_open: 3,
            actions_overdue: 2,
        }
    );
    assert_eq!(outstanding(&[], today), Outstanding::default());
}
