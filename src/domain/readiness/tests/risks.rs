use super::*;
use crate::domain::methodology::Authority;

fn acceptance(id: i64, authority: Authority, on: &str, until: &str) -> Acceptance {
    Acceptance {
        id,
        risk: 1,
        accepted_by: "ISB".into(),
        authority,
        accepted_on: d(on),
        level: "medium".into(),
        until: Some(d(until)),
        note: String::new(),
    }
}

/// The clean workspace with its risk treated by acceptance, recorded by `acceptances`.
fn accepted(acceptances: Vec<Acceptance>) -> Workspace {
    let mut ws = clean();
    ws.risks[0].treatment = Some(TreatmentOption::Accept);
    ws.acceptances = acceptances;
    ws
}

#[test]
fn risk_001_risk_without_owner() {
    none(&clean(), "RISK-001");
    let mut ws = clean();
    ws.risks[0].owner.clear();
    let f = only(&ws, "RISK-001");
    assert_eq!(f.message, "R-001 Ransomware has no risk owner");
    assert_eq!(f.place, Place::Risk(1));
}

#[test]
fn risk_002_risk_not_assessed() {
    none(&clean(), "RISK-002");
    let mut ws = clean();
    ws.risks[0].inherent = None;
    // A residual rating alone still assesses the risk.
    none(&ws, "RISK-002");
    ws.risks[0].residual = None;
    let f = only(&ws, "RISK-002");
    assert_eq!(f.message, "R-001 Ransomware is not assessed");
    assert_eq!(f.place, Place::Risk(1));
}

#[test]
fn risk_003_above_the_criteria_and_untreated() {
    let mut ws = clean();
    ws.risks[0].treatment = None;
    // Residual 2 x 2 is medium: within the criteria, so no treatment is needed.
    none(&ws, "RISK-003");
    ws.risks[0].residual = rating(3, 4);
    let f = only(&ws, "RISK-003");
    assert_eq!(
        f.message,
        "R-001 Ransomware is high, above the acceptance criteria, and has no treatment option"
    );
    assert_eq!(f.place, Place::Risk(1));
    ws.risks[0].treatment = Some(TreatmentOption::Avoid);
    none(&ws, "RISK-003");
}

#[test]
fn risk_004_reduce_without_actions() {
    none(&clean(), "RISK-004");
    let mut ws = clean();
    ws.actions[0].status = ActionStatus::Cancelled;
    let f = only(&ws, "RISK-004");
    assert_eq!(
        f.message,
        "R-001 Ransomware is to be reduced, but no treatment action treats it"
    );
    assert_eq!(f.place, Place::Risk(1));
    ws.risks[0].treatment = Some(TreatmentOption::Transfer);
    none(&ws, "RISK-004");
}

#[test]
fn risk_005_action_overdue() {
    let mut ws = clean();
    ws.actions[0].due = Some(today());
    none(&ws, "RISK-005");
    ws.actions[0].due = Some(d("2026-03-15"));
    let f = only(&ws, "RISK-005");
    assert_eq!(
        f.message,
        "T-001 Offline backup was due on 2026-03-15 and is still in progress"
    );
    assert_eq!(f.place, Place::Action(1));
    ws.actions[0].status = ActionStatus::Done;
    none(&ws, "RISK-005");
}

#[test]
fn risk_006_accepted_without_record() {
    let ws = accepted(vec![acceptance(
        4,
        Authority::Isb,
        "2026-03-10",
        "2027-03-31",
    )]);
    none(&ws, "RISK-006");
    let ws = accepted(Vec::new());
    let f = only(&ws, "RISK-006");
    assert_eq!(
        f.message,
        "R-001 Ransomware is to be accepted, but no acceptance is recorded"
    );
    assert_eq!(f.place, Place::Risk(1));
}

#[test]
fn risk_007_acceptance_by_insufficient_authority() {
    // Medium (2 x 2): the information security officer suffices.
    let mut ws = accepted(vec![acceptance(
        4,
        Authority::Isb,
        "2026-03-10",
        "2027-03-31",
    )]);
    none(&ws, "RISK-007");
    // The residual rating rose to high (3 x 4) since: top management must accept it now.
    ws.risks[0].residual = rating(3, 4);
    let f = only(&ws, "RISK-007");
    assert_eq!(
        f.message,
        "R-001 Ransomware: accepted by ISB (the information security officer) on 2026-03-10, \
         but a high risk must be accepted by top management or higher"
    );
    assert_eq!(f.place, Place::Acceptance(4));
    // Only the latest acceptance counts: a renewal by top management settles it.
    ws.acceptances.push(acceptance(
        5,
        Authority::TopManagement,
        "2026-03-20",
        "2027-03-31",
    ));
    none(&ws, "RISK-007");
}

#[test]
fn risk_008_acceptance_expired() {
    let ws = accepted(vec![acceptance(
        4,
        Authority::Isb,
        "2025-03-31",
        "2026-03-31",
    )]);
    none(&ws, "RISK-008");
    let ws = accepted(vec![acceptance(
        4,
        Authority::Isb,
        "2025-02-03",
        "2026-01-31",
    )]);
    let f = only(&ws, "RISK-008");
    assert_eq!(
        f.message,
        "R-001 Ransomware: its acceptance expired on 2026-01-31"
    );
    assert_eq!(f.place, Place::Acceptance(4));
    none(&ws, "RISK-006");
}

#[test]
fn risk_009_review_overdue() {
    let mut ws = clean();
    ws.risks[0].next_review = Some(today());
    none(&ws, "RISK-009");
    ws.risks[0].next_review = Some(d("2026-03-30"));
    let f = only(&ws, "RISK-009");
    assert_eq!(
        f.message,
        "R-001 Ransomware was due for review on 2026-03-30"
    );
    assert_eq!(f.place, Place::Risk(1));
}
