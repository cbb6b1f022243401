use super::*;
use crate::domain::person::{BuiltinRole, CompetenceKind, Role, RoleHeld};

fn isb_role() -> Role {
    Role {
        id: 2,
        builtin: Some(BuiltinRole::Isb),
        name: "Information security officer".into(),
        authority: None,
        competence: "ISO/IEC 27001 and risk assessment".into(),
    }
}

/// The clean workspace with person 1 (ISB) holding the ISB role since 2024.
fn with_isb() -> Workspace {
    let mut ws = clean();
    ws.people.roles.push(isb_role());
    ws.people.held.push(RoleHeld {
        person: 1,
        role: 2,
        from: d("2024-05-01"),
        until: None,
    });
    ws
}

#[test]
fn people_001_a_role_holder_without_competence_evidence() {
    let mut ws = with_isb();
    let f = only(&ws, "PEOPLE-001");
    assert_eq!(
        f.message,
        "P-001 ISB holds the role Information security officer without a current record of \
         the competence it needs"
    );
    assert_eq!(f.place, Place::Person(1));
    assert_eq!(f.basis(), "7.2");
    // Awareness is not competence; a qualification for the role is.
    ws.competence.push(CompetenceRecord {
        id: 10,
        role: Some(2),
        ..awareness(1, "2026-02-01")
    });
    only(&ws, "PEOPLE-001");
    ws.competence.push(CompetenceRecord {
        id: 11,
        role: Some(2),
        kind: CompetenceKind::Qualification,
        valid_until: Some(d("2028-01-01")),
        ..awareness(1, "2025-01-10")
    });
    none(&ws, "PEOPLE-001");
    // A role that ended asks for nothing.
    let mut ws = with_isb();
    ws.people.held[0].until = Some(d("2026-01-31"));
    none(&ws, "PEOPLE-001");
    // Nor does one that states no competence.
    let mut ws = with_isb();
    ws.people.roles[0].competence.clear();
    none(&ws, "PEOPLE-001");
}

#[test]
fn people_002_awareness_older_than_twelve_months_per_person() {
    let mut ws = clean();
    ws.competence[1].on = d("2025-03-30");
    let f = only(&ws, "PEOPLE-002");
    assert_eq!(
        f.message,
        "P-002 Head of Operations: their awareness lapsed on 2026-03-30"
    );
    assert_eq!(f.place, Place::Person(2));
    assert_eq!(f.basis(), "7.3");
    none(&ws, "PEOPLE-003");
    ws.competence.remove(1);
    assert_eq!(
        only(&ws, "PEOPLE-002").message,
        "P-002 Head of Operations: no awareness session is recorded for them"
    );
    // Someone who left is no longer in scope.
    ws.people.people[1].left_on = Some(d("2026-03-01"));
    none(&ws, "PEOPLE-002");
}

#[test]
fn people_003_awareness_lapsed_for_a_third_or_more_is_major() {
    let mut ws = clean();
    ws.competence.truncate(2);
    let f = only(&ws, "PEOPLE-003");
    assert_eq!(f.severity, Severity::Major);
    assert_eq!(
        f.message,
        "3 of 5 people have no awareness record in the last twelve months: P-003, P-004 and P-005"
    );
    assert_eq!(f.place, Place::People);
    none(&ws, "PEOPLE-002");
}

#[test]
fn people_004_open_items_in_the_name_of_someone_who_left() {
    let mut ws = clean();
    // IT owns the database server (AS-002) and the action T-001.
    ws.people.people[2].left_on = Some(d("2026-02-28"));
    let f = only(&ws, "PEOPLE-004");
    assert!(
        f.message.starts_with(
            "P-003 IT left on 2026-02-28 and still has 2 open items in their name: AS-002"
        ),
        "{}",
        f.message
    );
    assert_eq!(f.place, Place::Person(3));
    assert_eq!(f.basis(), "5.3");
    // Handed over, nothing is left.
    for a in &mut ws.assets {
        if a.owner == "IT" {
            a.owner = "CTO".into();
        }
    }
    for a in &mut ws.actions {
        a.owner = "CTO".into();
    }
    none(&ws, "PEOPLE-004");
}

#[test]
fn people_004_and_005_count_an_objective_s_owner() {
    let mut ws = clean();
    // The ISB (P-001) owns O-001, which is still pursued.
    ws.people.people[0].left_on = Some(d("2026-02-28"));
    let f = only(&ws, "PEOPLE-004");
    assert!(
        f.message.ends_with("and O-001 No treatment action overdue"),
        "{}",
        f.message
    );
    // Achieved, it needs no one any more.
    ws.security_objectives[0].status = crate::domain::objective::ObjectiveStatus::Achieved;
    let f = only(&ws, "PEOPLE-004");
    assert!(!f.message.contains("O-001"), "{}", f.message);
    let mut ws = clean();
    ws.security_objectives[0].owner = "Quality Manager".into();
    assert!(
        only(&ws, "PEOPLE-005")
            .message
            .starts_with("Quality Manager")
    );
}

#[test]
fn people_005_a_name_that_is_no_person() {
    let mut ws = clean();
    ws.risks[0].owner = "Head of Sales".into();
    let f = only(&ws, "PEOPLE-005");
    assert_eq!(
        f.message,
        "Head of Sales is named as an owner, assignee, acceptor or approver but is not in the \
         people register"
    );
    assert_eq!(f.place, Place::People);
    // An approver too, each name once.
    ws.risks[0].plan_approved_by = "head of sales".into();
    ws.versions[0].approver = "Board of Directors".into();
    let names: Vec<String> = of(&ws, "PEOPLE-005")
        .iter()
        .map(|f| f.message.clone())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].starts_with("Board of Directors"), "{names:?}");
}
