use super::*;
use crate::domain::methodology::{Authority, Rating};
use crate::domain::treatment::ActionStatus;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn today() -> NaiveDate {
    d("2026-03-31")
}

fn rating(likelihood: u8, impact: u8) -> Option<Rating> {
    Some(Rating { likelihood, impact })
}

/// An owned, assessed risk with row id `id`.
fn risk(id: i64, residual: Option<Rating>, treatment: Option<TreatmentOption>) -> Risk {
    Risk {
        id,
        owner: "CTO".into(),
        inherent: rating(4, 5),
        residual,
        treatment,
        next_review: Some(d("2026-09-30")),
        ..Risk::new("Ransomware")
    }
}

fn acceptance(risk: i64, authority: Authority, on: &str, until: Option<&str>) -> Acceptance {
    Acceptance {
        id: 0,
        risk,
        accepted_by: "Managing Director".into(),
        authority,
        accepted_on: d(on),
        level: String::new(),
        until: until.map(d),
        note: String::new(),
    }
}

fn action(risks: &[i64], status: ActionStatus, due: &str) -> Action {
    Action {
        risks: risks.to_vec(),
        status,
        due: Some(d(due)),
        ..Action::new("Offline backup")
    }
}

fn flags(r: &Risk, actions: &[Action], acceptances: &[Acceptance]) -> Vec<RiskFlag> {
    risk_flags(&Methodology::default(), r, actions, acceptances, today())
}

#[test]
fn flag_codes_and_labels() {
    assert_eq!(RiskFlag::NoTreatment.as_str(), "no_treatment");
    assert_eq!(
        RiskFlag::AcceptedWithoutRecord.label(),
        "accepted without an acceptance record"
    );
    assert_eq!(
        "reduce_without_actions".parse::<RiskFlag>(),
        Ok(RiskFlag::ReduceWithoutActions)
    );
}

#[test]
fn a_treated_acceptable_risk_has_no_flags() {
    let r = risk(1, rating(2, 2), Some(TreatmentOption::Reduce));
    let actions = [action(&[1], ActionStatus::Planned, "2026-09-30")];
    assert!(flags(&r, &actions, &[]).is_empty());
}

#[test]
fn an_unowned_unassessed_risk() {
    let r = Risk {
        id: 7,
        ..Risk::new("EU Data Act")
    };
    assert_eq!(
        flags(&r, &[], &[]),
        [RiskFlag::NoOwner, RiskFlag::NotAssessed]
    );
    assert!(!is_above_criteria(&Methodology::default(), &r));
    assert!(current_level(&Methodology::default(), &r).is_none());
}

#[test]
fn above_the_criteria_uses_residual_else_inherent() {
    let m = Methodology::default();
    // Inherent 4 x 5 is critical; without a residual rating that counts.
    let untreated = risk(1, None, None);
    assert_eq!(current_level(&m, &untreated).unwrap().name, "critical");
    assert_eq!(
        flags(&untreated, &[], &[]),
        [RiskFlag::AboveCriteria, RiskFlag::NoTreatment]
    );
    // Residual 3 x 4 is high: still above, but a treatment option is chosen.
    let avoided = risk(1, rating(3, 4), Some(TreatmentOption::Avoid));
    assert_eq!(flags(&avoided, &[], &[]), [RiskFlag::AboveCriteria]);
    // Residual 2 x 3 is medium: within the criteria, though the inherent level is not.
    let reduced = risk(1, rating(2, 3), None);
    assert!(flags(&reduced, &[], &[]).is_empty());
}

#[test]
fn reduce_needs_an_action_that_is_not_cancelled() {
    let r = risk(3, rating(2, 3), Some(TreatmentOption::Reduce));
    assert_eq!(flags(&r, &[], &[]), [RiskFlag::ReduceWithoutActions]);
    let others = [action(&[4], ActionStatus::Planned, "2026-09-30")];
    assert_eq!(flags(&r, &others, &[]), [RiskFlag::ReduceWithoutActions]);
    let cancelled = [action(&[3], ActionStatus::Cancelled, "2025-12-31")];
    assert_eq!(flags(&r, &cancelled, &[]), [RiskFlag::ReduceWithoutActions]);
    // An overdue action still treats the risk: the action is flagged, not the risk.
    let overdue = action(&[3], ActionStatus::InProgress, "2026-03-15");
    assert!(overdue.is_overdue(today()));
    assert!(flags(&r, &[overdue], &[]).is_empty());
    let done = [action(&[3, 4], ActionStatus::Done, "2025-10-31")];
    assert!(flags(&r, &done, &[]).is_empty());
}

#[test]
fn accept_needs_a_record_and_the_latest_record_must_be_current() {
    let r = risk(5, rating(2, 3), Some(TreatmentOption::Accept));
    assert_eq!(flags(&r, &[], &[]), [RiskFlag::AcceptedWithoutRecord]);
    let other = acceptance(6, Authority::Board, "2026-01-01", None);
    assert_eq!(
        flags(&r, &[], std::slice::from_ref(&other)),
        [RiskFlag::AcceptedWithoutRecord]
    );
    let expired = acceptance(5, Authority::Isb, "2025-02-03", Some("2026-01-31"));
    assert_eq!(
        flags(&r, &[], std::slice::from_ref(&expired)),
        [RiskFlag::AcceptanceExpired]
    );
    let renewed = acceptance(5, Authority::Isb, "2026-03-10", Some("2027-03-31"));
    let both = [renewed.clone(), expired.clone()];
    assert_eq!(latest_acceptance(5, &both), Some(&renewed));
    assert!(flags(&r, &[], &both).is_empty());
    // Valid through its last day.
    let last_day = acceptance(5, Authority::Isb, "2025-03-31", Some("2026-03-31"));
    assert!(flags(&r, &[], &[last_day]).is_empty());
}

#[test]
fn review_overdue_only_after_its_date() {
    let mut r = risk(1, rating(2, 2), Some(TreatmentOption::Transfer));
    r.next_review = Some(today());
    assert!(flags(&r, &[], &[]).is_empty());
    r.next_review = Some(d("2026-03-30"));
    assert_eq!(flags(&r, &[], &[]), [RiskFlag::ReviewOverdue]);
    r.next_review = None;
    assert!(flags(&r, &[], &[]).is_empty());
}

#[test]
fn acceptance_needs_an_assessed_risk() {
    let m = Methodology::default();
    let r = Risk {
        id: 2,
        ..Risk::new("Unrated")
    };
    let err =
        check_acceptance(&m, &r, &acceptance(2, Authority::Board, "2026-03-10", None)).unwrap_err();
    assert_eq!(err.field, "risk");
    assert_eq!(err.message, "assess the risk before accepting it");
}

#[test]
fn acceptance_authority_follows_the_current_level() {
    let m = Methodology::default();
    // Residual 3 x 4: high, to be accepted by top management.
    let high = risk(1, rating(3, 4), Some(TreatmentOption::Accept));
    let by = |authority| acceptance(1, authority, "2026-03-10", Some("2027-03-31"));
    let err = check_acceptance(&m, &high, &by(Authority::Isb)).unwrap_err();
    // The authority follows from the person, so the error names who accepted.
    assert_eq!(err.field, "accepted by");
    assert_eq!(
        err.to_string(),
        "accepted by: Managing Director has the authority of the information security officer \
         on 2026-03-10; a high risk must be accepted by top management or higher"
    );
    let exact = check_acceptance(&m, &high, &by(Authority::TopManagement)).unwrap();
    assert_eq!(exact.level, "high");
    assert_eq!(exact.risk, 1);
    assert_eq!(
        check_acceptance(&m, &high, &by(Authority::Board))
            .unwrap()
            .authority,
        Authority::Board
    );
    // Without a residual rating the inherent 4 x 5 counts: critical, for top management.
    let critical = risk(1, None, Some(TreatmentOption::Accept));
    let err = check_acceptance(&m, &critical, &by(Authority::Isb)).unwrap_err();
    assert!(
        err.message
            .ends_with("; a critical risk must be accepted by top management or higher"),
        "{err}"
    );
    assert_eq!(
        check_acceptance(&m, &critical, &by(Authority::TopManagement))
            .unwrap()
            .level,
        "critical"
    );
    // Low: the risk owner suffices.
    let low = risk(1, rating(1, 1), Some(TreatmentOption::Accept));
    assert_eq!(
        check_acceptance(&m, &low, &by(Authority::RiskOwner))
            .unwrap()
            .level,
        "low"
    );
}

#[test]
fn acceptance_level_is_recorded_whatever_the_caller_passed_and_validated() {
    let m = Methodology::default();
    let medium = risk(1, rating(2, 3), Some(TreatmentOption::Accept));
    let mut a = acceptance(1, Authority::Isb, "2026-03-10", Some("2027-03-31"));
    a.level = "whatever".into();
    a.accepted_by = "  ISB  ".into();
    let checked = check_acceptance(&m, &medium, &a).unwrap();
    assert_eq!(checked.level, "medium");
    assert_eq!(checked.accepted_by, "ISB");
    let backwards = acceptance(1, Authority::Isb, "2026-03-10", Some("2026-01-01"));
    assert_eq!(
        check_acceptance(&m, &medium, &backwards).unwrap_err().field,
        "until"
    );
    let nobody = Acceptance {
        accepted_by: " ".into(),
        ..a
    };
    assert_eq!(
        check_acceptance(&m, &medium, &nobody).unwrap_err().field,
        "accepted by"
    );
}

#[test]
fn an_acceptance_level_with_a_vowel_reads_an() {
    let mut m = Methodology::default();
    m.levels[2].name = "elevated".into();
    let r = risk(1, rating(3, 4), None);
    let err = check_acceptance(
        &m,
        &r,
        &acceptance(1, Authority::RiskOwner, "2026-03-10", None),
    )
    .unwrap_err();
    assert!(
        err.message
            .ends_with("; an elevated risk must be accepted by top management or higher"),
        "{err}"
    );
}

#[test]
fn level_changes_after_a_matrix_change() {
    let old = Methodology::default();
    let risks = [
        risk(1, rating(2, 3), None), // inherent critical, residual medium
        risk(2, rating(3, 3), None), // inherent critical, residual high
        risk(3, rating(1, 1), None), // inherent critical, residual low
        Risk {
            id: 4,
            ..Risk::new("not assessed")
        },
    ];
    assert_eq!(level_changes(&old, &old, &risks), 0);
    assert_eq!(
        reevaluation_summary(&old, &old, &risks),
        "no risk changed level"
    );
    let mut new = old.clone();
    new.matrix[2][2] = 1; // 3 x 3: high → medium
    assert_eq!(level_changes(&old, &new, &risks), 1);
    // Inherent 4 x 5 critical → high changes all three assessed risks; each counts once.
    new.matrix[3][4] = 2;
    assert_eq!(level_changes(&old, &new, &risks), 3);
    assert_eq!(
        reevaluation_summary(&old, &new, &risks),
        "3 of 4 risks changed level"
    );
    // Renaming a level changes the name of every risk at it.
    let mut renamed = old.clone();
    renamed.levels[0].name = "minor".into();
    assert_eq!(level_changes(&old, &renamed, &risks), 1);
    // A new acceptability leaves names, so levels, unchanged.
    let mut stricter = old.clone();
    stricter.levels[1].acceptable = false;
    assert_eq!(level_changes(&old, &stricter, &risks), 0);
    assert!(is_above_criteria(&stricter, &risks[0]));
}

#[test]
fn a_resize_moves_ratings_then_compares_levels() {
    let old = Methodology::default();
    let new = old.clone().resized(3, 3);
    let r = risk(1, rating(2, 3), None);
    let moved = rerated(&old, &new, &r);
    // 4 x 5 → 3 x 3 (the corner stays critical); 2 x 3 → 2 x 2 (medium → high).
    assert_eq!(moved.inherent, rating(3, 3));
    assert_eq!(moved.residual, rating(2, 2));
    assert_eq!(new.level(moved.residual.unwrap()).unwrap().name, "high");
    assert_eq!(level_changes(&old, &new, std::slice::from_ref(&r)), 1);
    assert_eq!(
        reevaluation_summary(&old, &new, &[r]),
        "5x5 → 3x3, ratings moved to the nearest step; 1 of 1 risk changed level"
    );
}

#[test]
fn authority_shortfall_is_the_rule_check_acceptance_applies() {
    let m = Methodology::default();
    let by = |authority| acceptance(1, authority, "2026-03-10", Some("2027-03-31"));
    let high = risk(1, rating(3, 4), Some(TreatmentOption::Accept));
    assert_eq!(
        authority_shortfall(&m, &high, &by(Authority::Isb)).as_deref(),
        Some("a high risk must be accepted by top management or higher")
    );
    assert_eq!(
        authority_shortfall(&m, &high, &by(Authority::TopManagement)),
        None
    );
    for authority in [Authority::Isb, Authority::TopManagement, Authority::Board] {
        let short = authority_shortfall(&m, &high, &by(authority));
        let refused = check_acceptance(&m, &high, &by(authority)).err();
        // The same shortfall, said of the person who accepted.
        assert_eq!(refused.is_some(), short.is_some());
        if let (Some(refused), Some(short)) = (refused, short) {
            assert_eq!(refused.field, acceptance_field::ACCEPTED_BY);
            assert!(refused.message.ends_with(&short), "{refused}");
        }
    }
    // Nothing to judge by: a risk not assessed has no shortfall (it is not assessed instead).
    let unrated = Risk {
        id: 1,
        ..Risk::new("Unrated")
    };
    assert_eq!(authority_shortfall(&m, &unrated, &by(Authority::Isb)), None);
}

#[test]
fn a_rating_reads_as_its_level_against_the_criteria() {
    let m = Methodology::default();
    assert_eq!(
        rating_in_words(&m, rating(1, 1)),
        "low: within the acceptance criteria"
    );
    assert_eq!(
        rating_in_words(&m, rating(3, 4)),
        "high: above the acceptance criteria"
    );
    assert_eq!(rating_in_words(&m, None), "not rated");
    assert_eq!(rating_in_words(&m, rating(6, 1)), "off the scales");
}

#[test]
fn an_acceptance_is_proposed_for_one_review_period_of_the_current_level() {
    let m = Methodology::default();
    // Residual 2 x 3: medium, reviewed every 12 months; without it the inherent 4 x 5 counts.
    let medium = risk(1, rating(2, 3), Some(TreatmentOption::Accept));
    assert_eq!(
        acceptance_needs(&m, &medium),
        "medium (L2 × I3): the information security officer or higher accepts it"
    );
    assert_eq!(
        proposed_until(&m, &medium, d("2026-03-31")),
        Some(d("2027-03-31"))
    );
    let critical = risk(1, None, None);
    assert_eq!(
        acceptance_needs(&m, &critical),
        "critical (L4 × I5, inherent: no residual rating yet): top management or higher accepts it"
    );
    assert_eq!(
        proposed_until(&m, &critical, d("2026-03-31")),
        Some(d("2026-06-30"))
    );
    assert!(is_proposed_until(&m, d("2026-03-31"), d("2026-06-30")));
    assert!(!is_proposed_until(&m, d("2026-03-31"), d("2026-07-01")));
    let unrated = Risk::new("Unrated");
    assert_eq!(proposed_until(&m, &unrated, d("2026-03-31")), None);
    assert_eq!(
        acceptance_needs(&m, &unrated),
        "not assessed: assess the risk before accepting it"
    );
}

#[test]
fn the_next_review_follows_from_the_levels_review_months() {
    let m = Methodology::default();
    let mut r = risk(1, rating(2, 2), Some(TreatmentOption::Reduce));
    r.next_review = None;
    assert_eq!(review_due(&m, &r), None, "never assessed, no date typed");
    r.assessed_on = Some(d("2025-08-31"));
    // Medium: every 12 months.
    assert_eq!(review_due(&m, &r), Some(d("2026-08-31")));
    // Critical: every 3 months (the month's end kept).
    r.residual = rating(5, 5);
    assert_eq!(review_due(&m, &r), Some(d("2025-11-30")));
    // A date typed by hand wins when it is earlier, never when it is later.
    r.next_review = Some(d("2025-10-01"));
    assert_eq!(review_due(&m, &r), Some(d("2025-10-01")));
    r.next_review = Some(d("2027-01-01"));
    assert_eq!(review_due(&m, &r), Some(d("2025-11-30")));
    // Off the scales, only the typed date is left.
    r.residual = rating(9, 9);
    assert_eq!(review_due(&m, &r), Some(d("2027-01-01")));
}

#[test]
fn an_assessment_is_dated_when_its_ratings_change_or_are_confirmed() {
    use crate::domain::risk::assessed_on_saved;
    let before = Risk {
        assessed_on: Some(d("2025-06-01")),
        ..risk(1, rating(2, 2), Some(TreatmentOption::Reduce))
    };
    let same = before.clone();
    assert_eq!(
        assessed_on_saved(Some(&before), &same, today(), false),
        Some(d("2025-06-01"))
    );
    assert_eq!(
        assessed_on_saved(Some(&before), &same, today(), true),
        Some(today())
    );
    let rerated = Risk {
        residual: rating(3, 3),
        ..same
    };
    assert_eq!(
        assessed_on_saved(Some(&before), &rerated, today(), false),
        Some(today())
    );
    // A new rated risk is assessed today; an unrated one is not assessed at all.
    assert_eq!(
        assessed_on_saved(None, &rerated, today(), false),
        Some(today())
    );
    assert_eq!(
        assessed_on_saved(None, &Risk::new("x"), today(), true),
        None
    );
}

#[test]
fn a_residual_risk_above_the_criteria_needs_an_acceptance_whatever_its_treatment() {
    let m = Methodology::default();
    let critical = risk(1, rating(5, 5), Some(TreatmentOption::Reduce));
    let mut action = Action {
        id: 1,
        risks: vec![1],
        status: ActionStatus::InProgress,
        ..Action::new("Backup")
    };
    assert_eq!(
        unaccepted_residual(&m, &critical, std::slice::from_ref(&action), &[]),
        Some(ResidualGap::TreatmentOpen)
    );
    action.status = ActionStatus::Done;
    assert_eq!(
        unaccepted_residual(&m, &critical, std::slice::from_ref(&action), &[]),
        Some(ResidualGap::TreatmentDone)
    );
    // To be reduced without any action: RISK-004 says the plan is missing.
    assert_eq!(unaccepted_residual(&m, &critical, &[], &[]), None);
    let transferred = risk(1, rating(5, 5), Some(TreatmentOption::Transfer));
    assert_eq!(
        unaccepted_residual(&m, &transferred, &[], &[]),
        Some(ResidualGap::TreatmentDone)
    );
    let accepted = acceptance(
        1,
        Authority::TopManagement,
        "2026-03-01",
        Some("2026-06-01"),
    );
    assert_eq!(unaccepted_residual(&m, &critical, &[], &[accepted]), None);
    let medium = risk(1, rating(2, 2), Some(TreatmentOption::Reduce));
    assert_eq!(unaccepted_residual(&m, &medium, &[], &[]), None);
}

#[test]
fn a_treatment_plan_needs_its_owners_approval_once_actions_treat_the_risk() {
    let mut r = risk(1, rating(2, 2), Some(TreatmentOption::Reduce));
    let mut action = Action {
        id: 1,
        risks: vec![1],
        ..Action::new("Backup")
    };
    assert!(!plan_unapproved(&r, &[]));
    assert!(plan_unapproved(&r, std::slice::from_ref(&action)));
    action.status = ActionStatus::Cancelled;
    assert!(!plan_unapproved(&r, std::slice::from_ref(&action)));
    action.status = ActionStatus::Planned;
    r.plan_approved_by = "CTO".into();
    assert!(
        plan_unapproved(&r, std::slice::from_ref(&action)),
        "who, and when"
    );
    r.plan_approved_on = Some(d("2026-03-01"));
    assert!(!plan_unapproved(&r, &[action]));
}

#[test]
fn an_acceptance_is_current_expired_or_superseded() {
    let first = Acceptance {
        id: 1,
        ..acceptance(
            1,
            Authority::TopManagement,
            "2025-01-10",
            Some("2025-12-31"),
        )
    };
    let other_risk = Acceptance {
        id: 2,
        ..acceptance(2, Authority::Isb, "2026-01-10", None)
    };
    let alone = [first.clone(), other_risk.clone()];
    assert_eq!(
        acceptance_state(&first, &alone, today()),
        AcceptanceState::Expired
    );
    assert_eq!(
        acceptance_state(&first, &alone, d("2025-12-31")),
        AcceptanceState::Current
    );
    assert_eq!(
        acceptance_state(&other_risk, &alone, today()),
        AcceptanceState::Current
    );
    let renewed = Acceptance {
        id: 3,
        ..acceptance(
            1,
            Authority::TopManagement,
            "2026-01-05",
            Some("2026-12-31"),
        )
    };
    let all = [first.clone(), other_risk, renewed.clone()];
    assert_eq!(
        acceptance_state(&first, &all, today()),
        AcceptanceState::Superseded
    );
    assert_eq!(
        acceptance_state(&renewed, &all, today()),
        AcceptanceState::Current
    );
}
