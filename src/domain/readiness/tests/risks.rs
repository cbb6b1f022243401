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

/// The clean workspace with `n` more risks like its own (R-002 onwards), owned and assessed.
fn with_risks(n: u32) -> Workspace {
    let mut ws = clean();
    for number in 2..=n + 1 {
        ws.risks.push(Risk {
            id: i64::from(number),
            number,
            residual: None,
            treatment: None,
            inherent: rating(1, 1),
            ..ws.risks[0].clone()
        });
    }
    ws
}

#[test]
fn risk_001_a_few_risks_without_owner_stay_minor_lapses() {
    // 2 of 7 is less than a third: two lapses.
    let mut ws = with_risks(6);
    ws.risks[0].owner.clear();
    ws.risks[3].owner.clear();
    assert_eq!(of(&ws, "RISK-001").len(), 2);
    none(&ws, "RISK-010");
}

#[test]
fn risk_010_a_third_of_the_risks_without_owner_is_one_major_finding() {
    let mut ws = with_risks(5);
    none(&ws, "RISK-010");
    ws.risks[0].owner.clear();
    none(&ws, "RISK-010");
    ws.risks[3].owner.clear();
    // 2 of 6 is a third: the pattern, with no minor per risk.
    let f = only(&ws, "RISK-010");
    assert_eq!(
        f.message,
        "2 of 6 risks have no risk owner: R-001 and R-004"
    );
    assert_eq!(f.place, Place::Risk(1));
    none(&ws, "RISK-001");
    for r in &mut ws.risks {
        r.owner.clear();
    }
    assert_eq!(
        only(&ws, "RISK-010").message,
        "6 of 6 risks have no risk owner: R-001, R-002, R-003, R-004, R-005 and 1 more"
    );
}

#[test]
fn risk_011_a_third_of_the_risks_not_assessed_is_one_major_finding() {
    let mut ws = with_risks(2);
    ws.risks[1].inherent = None;
    // 1 of 3: a lapse.
    assert_eq!(of(&ws, "RISK-002").len(), 1);
    none(&ws, "RISK-011");
    ws.risks[2].inherent = None;
    let f = only(&ws, "RISK-011");
    assert_eq!(f.message, "2 of 3 risks are not assessed: R-002 and R-003");
    assert_eq!(f.place, Place::Risk(2));
    none(&ws, "RISK-002");
}

#[test]
fn risk_012_residual_above_the_criteria_treatment_done_not_accepted() {
    let mut ws = clean();
    ws.actions[0].status = ActionStatus::Done;
    none(&ws, "RISK-012");
    // The residual risk stays critical once the action is done: a "reduce" risk no longer
    // passes silently.
    ws.risks[0].residual = rating(4, 5);
    let f = only(&ws, "RISK-012");
    assert_eq!(
        f.message,
        "R-001 Ransomware stays critical, above the acceptance criteria, with no treatment \
         action open, and top management has not accepted it"
    );
    assert_eq!(f.place, Place::Risk(1));
    none(&ws, "RISK-013");
    // Whatever the option: transferred, still critical.
    ws.risks[0].treatment = Some(TreatmentOption::Transfer);
    only(&ws, "RISK-012");
    // Accepted by top management: settled.
    ws.acceptances = vec![Acceptance {
        id: 4,
        risk: 1,
        accepted_by: "Managing Director".into(),
        authority: Authority::TopManagement,
        accepted_on: d("2026-03-10"),
        level: "critical".into(),
        until: Some(d("2026-06-10")),
        note: String::new(),
    }];
    none(&ws, "RISK-012");
}

#[test]
fn risk_012_does_not_repeat_what_another_rule_says() {
    let mut ws = clean();
    ws.actions[0].status = ActionStatus::Done;
    ws.risks[0].residual = rating(4, 5);
    // Accepted by too low an authority: RISK-007 says so, once.
    ws.acceptances = vec![acceptance(4, Authority::Isb, "2026-03-10", "2026-06-10")];
    only(&ws, "RISK-007");
    none(&ws, "RISK-012");
    // Expired: RISK-008.
    ws.acceptances[0].authority = Authority::TopManagement;
    ws.acceptances[0].until = Some(d("2026-03-20"));
    only(&ws, "RISK-008");
    none(&ws, "RISK-012");
    // No treatment option at all: RISK-003.
    ws.acceptances.clear();
    ws.risks[0].treatment = None;
    only(&ws, "RISK-003");
    none(&ws, "RISK-012");
    // To be accepted, with no record: RISK-006.
    ws.risks[0].treatment = Some(TreatmentOption::Accept);
    only(&ws, "RISK-006");
    none(&ws, "RISK-012");
    // To be reduced without any action: RISK-004.
    ws.risks[0].treatment = Some(TreatmentOption::Reduce);
    ws.actions.clear();
    only(&ws, "RISK-004");
    none(&ws, "RISK-012");
}

#[test]
fn risk_013_residual_above_the_criteria_while_treatment_is_open() {
    let mut ws = clean();
    none(&ws, "RISK-013");
    ws.risks[0].residual = rating(3, 4);
    let f = only(&ws, "RISK-013");
    assert_eq!(
        f.message,
        "R-001 Ransomware is high, above the acceptance criteria, while its treatment is open, \
         and top management has not accepted it"
    );
    none(&ws, "RISK-012");
    // Without a residual rating, the inherent level counts.
    ws.risks[0].residual = None;
    only(&ws, "RISK-013");
}

#[test]
fn risk_014_treatment_plan_without_the_owners_approval() {
    none(&clean(), "RISK-014");
    let mut ws = clean();
    ws.risks[0].plan_approved_on = None;
    let f = only(&ws, "RISK-014");
    assert_eq!(
        f.message,
        "R-001 Ransomware: its treatment plan has no recorded approval by the risk owner"
    );
    assert_eq!(f.place, Place::Risk(1));
    ws.risks[0].plan_approved_on = Some(d("2026-02-01"));
    ws.risks[0].plan_approved_by = " ".into();
    only(&ws, "RISK-014");
    // Nothing planned, nothing to approve.
    ws.actions.clear();
    none(&ws, "RISK-014");
}

#[test]
fn risk_015_acceptance_without_an_end_date() {
    let mut ws = accepted(vec![acceptance(
        4,
        Authority::Isb,
        "2026-03-10",
        "2027-03-31",
    )]);
    none(&ws, "RISK-015");
    ws.acceptances[0].until = None;
    let f = only(&ws, "RISK-015");
    assert_eq!(
        f.message,
        "R-001 Ransomware: accepted by ISB on 2026-03-10 without an end date"
    );
    assert_eq!(f.place, Place::Acceptance(4));
    // Only the current acceptance counts: a later one with an end date settles it.
    ws.acceptances
        .push(acceptance(5, Authority::Isb, "2026-03-20", "2027-03-20"));
    none(&ws, "RISK-015");
}

#[test]
fn risk_016_rating_outside_the_methodologys_scales() {
    none(&clean(), "RISK-016");
    let mut ws = clean();
    ws.risks[0].residual = rating(9, 2);
    let f = only(&ws, "RISK-016");
    assert_eq!(
        f.message,
        "R-001 Ransomware: residual L9 × I2 outside the methodology's 5 × 5 scales"
    );
    assert_eq!(f.place, Place::Risk(1));
    ws.risks[0].inherent = rating(0, 3);
    assert_eq!(
        only(&ws, "RISK-016").message,
        "R-001 Ransomware: inherent L0 × I3 and residual L9 × I2 outside the methodology's \
         5 × 5 scales"
    );
}

#[test]
fn risk_009_the_levels_review_period_sets_the_next_review() {
    let mut ws = clean();
    ws.risks[0].next_review = None;
    // Medium: reviewed every 12 months; assessed on 2025-03-31, due today.
    ws.risks[0].assessed_on = Some(d("2025-03-31"));
    none(&ws, "RISK-009");
    ws.risks[0].assessed_on = Some(d("2025-03-30"));
    let f = only(&ws, "RISK-009");
    assert_eq!(
        f.message,
        "R-001 Ransomware was due for review on 2026-03-30 \
         (assessed on 2025-03-30; medium risks are reviewed every 12 months)"
    );
    // A higher level is reviewed sooner: high, every 6 months.
    ws.risks[0].assessed_on = Some(d("2025-09-15"));
    none(&ws, "RISK-009");
    ws.risks[0].residual = rating(3, 4);
    assert_eq!(
        only(&ws, "RISK-009").message,
        "R-001 Ransomware was due for review on 2026-03-15 \
         (assessed on 2025-09-15; high risks are reviewed every 6 months)"
    );
    // A date typed by hand brings the review forward, but never puts it off.
    ws.risks[0].next_review = Some(d("2027-01-01"));
    only(&ws, "RISK-009");
    ws.risks[0].residual = rating(2, 2);
    ws.risks[0].next_review = Some(d("2026-03-01"));
    assert_eq!(
        only(&ws, "RISK-009").message,
        "R-001 Ransomware was due for review on 2026-03-01"
    );
}

#[test]
fn risk_017_acceptance_with_an_authority_the_roles_did_not_give() {
    use crate::domain::person::{BuiltinRole, Role, RoleHeld};
    // Recorded as the ISB's acceptance, but the person ISB holds no role yet.
    let mut ws = accepted(vec![acceptance(
        4,
        Authority::Isb,
        "2026-03-10",
        "2027-03-31",
    )]);
    let f = only(&ws, "RISK-017");
    assert_eq!(
        f.message,
        "R-001 Ransomware: accepted by ISB as the information security officer on 2026-03-10, \
         but their roles gave them no authority to accept risks that day"
    );
    assert_eq!(f.place, Place::Acceptance(4));
    // The role taken on only the day after: still not held that day.
    ws.people.roles.push(Role {
        id: 2,
        builtin: Some(BuiltinRole::Isb),
        name: "Information security officer".into(),
        authority: Some(Authority::Isb),
        competence: String::new(),
    });
    ws.people.held.push(RoleHeld {
        person: 1,
        role: 2,
        from: d("2026-03-11"),
        until: None,
    });
    only(&ws, "RISK-017");
    // Held from that day: the record stands.
    ws.people.held[0].from = d("2026-03-10");
    none(&ws, "RISK-017");
    // A name that is nobody in the register is left to PEOPLE-005.
    ws.acceptances[0].accepted_by = "Somebody".into();
    none(&ws, "RISK-017");
}
