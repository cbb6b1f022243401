use super::*;

fn excluded(ws: &mut Workspace, key: &str, justification: &str, covered_by: Option<&str>) {
    let entry = ws.soa.iter_mut().find(|e| e.control == key).unwrap();
    entry.applicability = Applicability::NotApplicable;
    entry.exclusion_justification = justification.into();
    entry.covered_by = covered_by.map(str::to_string);
}

#[test]
fn soa_001_undecided_controls_one_by_one() {
    none(&clean(), "SOA-001");
    let mut ws = clean();
    ws.soa[1].applicability = Applicability::Undecided;
    let f = only(&ws, "SOA-001");
    assert_eq!(f.message, "A.8.13 Information backup is undecided");
    assert_eq!(f.place, Place::Control("8.13".into()));
    // A control without any entry is undecided too.
    ws.soa.remove(1);
    assert_eq!(only(&ws, "SOA-001").place, Place::Control("8.13".into()));
}

#[test]
fn soa_001_not_for_an_undecided_control_a_treatment_implements() {
    // 5.1 is implemented by the clean workspace's treatment action: applicable, derived.
    let mut ws = clean();
    ws.soa[0].applicability = Applicability::Undecided;
    none(&ws, "SOA-001");
    ws.actions[0].controls.clear();
    assert_eq!(only(&ws, "SOA-001").place, Place::Control("5.1".into()));
}

#[test]
fn soa_004_an_exclusion_of_a_treating_control_is_a_finding_not_overridden() {
    let mut ws = clean();
    excluded(&mut ws, "5.1", "Not needed.", None);
    let f = only(&ws, "SOA-004");
    assert_eq!(f.place, Place::Control("5.1".into()));
    none(&ws, "SOA-001");
}

#[test]
fn soa_001_many_undecided_controls_are_one_finding() {
    let mut ws = clean();
    for n in 1..=10 {
        ws.controls
            .push(control(&format!("6.{n}"), Theme::People, "People control"));
    }
    ws.soa[1].applicability = Applicability::Undecided;
    let f = only(&ws, "SOA-001");
    assert_eq!(
        f.message,
        "11 controls are undecided: A.8.13, A.6.1, A.6.2, A.6.3, A.6.4 and 6 more"
    );
    assert_eq!(f.place, Place::Control("8.13".into()));
    // Ten are still listed one by one.
    ws.soa[1].applicability = Applicability::Applicable;
    assert_eq!(of(&ws, "SOA-001").len(), 10);
}

#[test]
fn soa_002_exclusion_without_justification_and_not_covered() {
    let mut ws = clean();
    excluded(&mut ws, "8.13", "No backups in scope.", None);
    none(&ws, "SOA-002");
    // Covered by a custom control that lists it: no justification needed.
    excluded(&mut ws, "8.13", "", Some("C-001"));
    none(&ws, "SOA-002");
    excluded(&mut ws, "8.13", " ", None);
    let f = only(&ws, "SOA-002");
    assert_eq!(
        f.message,
        "A.8.13 Information backup is excluded without a justification"
    );
    assert_eq!(f.place, Place::Control("8.13".into()));
    // A covering control that does not exist, or does not cover it, covers nothing.
    excluded(&mut ws, "8.13", "", Some("C-009"));
    only(&ws, "SOA-002");
    ws.controls[2].covers.clear();
    excluded(&mut ws, "8.13", "", Some("C-001"));
    only(&ws, "SOA-002");
}

#[test]
fn soa_003_applicable_control_without_reason() {
    // A.5.1 has no recorded reason, but implements a treatment: that is its reason.
    none(&clean(), "SOA-003");
    let mut ws = clean();
    ws.soa[1].reasons.clear();
    let f = only(&ws, "SOA-003");
    assert_eq!(
        f.message,
        "A.8.13 Information backup is applicable without a reason"
    );
    assert_eq!(f.place, Place::Control("8.13".into()));
    // A cancelled action treats nothing.
    ws.soa[1].reasons = vec![Reason::Legal];
    ws.actions[0].status = ActionStatus::Cancelled;
    assert_eq!(only(&ws, "SOA-003").place, Place::Control("5.1".into()));
}

#[test]
fn soa_004_control_implementing_a_treatment_but_excluded() {
    let mut ws = clean();
    excluded(&mut ws, "5.1", "Not needed.", None);
    let f = only(&ws, "SOA-004");
    assert_eq!(
        f.message,
        "A.5.1 Policies for information security is excluded but implements the treatment of R-001"
    );
    assert_eq!(f.place, Place::Control("5.1".into()));
    ws.actions[0].status = ActionStatus::Cancelled;
    none(&ws, "SOA-004");
}

#[test]
fn soa_005_never_issued() {
    none(&clean(), "SOA-005");
    let mut ws = clean();
    ws.versions.clear();
    let f = only(&ws, "SOA-005");
    assert_eq!(f.message, "The SoA has never been issued as a version");
    assert_eq!(f.place, Place::SoaVersions);
    none(&ws, "SOA-006");
}

#[test]
fn soa_006_changed_since_the_last_version() {
    let mut ws = clean();
    ws.soa[1].owner = "CTO".into();
    let f = only(&ws, "SOA-006");
    assert_eq!(
        f.message,
        "The SoA changed since v1 of 2026-02-10: 1 control differs (A.8.13)"
    );
    assert_eq!(f.place, Place::SoaVersions);
    ws.soa[2].status = ImplementationStatus::Partial;
    assert_eq!(
        only(&ws, "SOA-006").message,
        "The SoA changed since v1 of 2026-02-10: 2 controls differ (A.8.13 and C-001)"
    );
    // A new version that records the changes settles it.
    let rows = snapshot(&ws.controls, &ws.soa, &ws.actions);
    ws.versions.push(SoaVersion {
        id: 2,
        number: 2,
        issued_on: d("2026-03-30"),
        rows,
        ..ws.versions[0].clone()
    });
    none(&ws, "SOA-006");
}

#[test]
fn soa_002_and_004_find_exactly_what_a_decision_refuses() {
    use crate::domain::soa::{check_decision, field};
    let mut ws = clean();
    let custom: Vec<Control> = ws
        .controls
        .iter()
        .filter(|c| !c.is_annex_a())
        .cloned()
        .collect();
    for (justification, covered_by) in [
        ("No backups in scope.", None),
        ("", Some("C-001")),
        (" ", None),
    ] {
        excluded(&mut ws, "8.13", justification, covered_by);
        let entry = ws.soa.iter().find(|e| e.control == "8.13").unwrap();
        let refused = check_decision(entry, &[], &custom).err().map(|e| e.field);
        assert_eq!(
            !of(&ws, "SOA-002").is_empty(),
            refused == Some(field::EXCLUSION_JUSTIFICATION),
            "{justification:?} {covered_by:?}"
        );
    }
    // A.5.1 implements a treatment in the clean workspace: excluding it is refused and found.
    excluded(&mut ws, "5.1", "Not needed.", None);
    let entry = ws.soa.iter().find(|e| e.control == "5.1").unwrap();
    let refused = check_decision(entry, &["R-001".into()], &custom).unwrap_err();
    assert_eq!(refused.field, field::APPLICABILITY);
    assert!(!of(&ws, "SOA-004").is_empty());
}

fn entry<'a>(ws: &'a mut Workspace, key: &str) -> &'a mut SoaEntry {
    ws.soa.iter_mut().find(|e| e.control == key).unwrap()
}

#[test]
fn soa_007_one_control_said_to_work_without_evidence() {
    none(&clean(), "SOA-007");
    let mut ws = clean();
    entry(&mut ws, "8.13").evidence = " ".into();
    let f = only(&ws, "SOA-007");
    assert_eq!(
        f.message,
        "A.8.13 Information backup is implemented without evidence"
    );
    assert_eq!(f.place, Place::Control("8.13".into()));
    assert_eq!(f.basis(), "A.8.13");
    none(&ws, "SOA-008");
    entry(&mut ws, "8.13").status = ImplementationStatus::Partial;
    assert_eq!(
        only(&ws, "SOA-007").message,
        "A.8.13 Information backup is partially implemented without evidence"
    );
    // A document of the register that evidences the control is evidence; a withdrawn one not.
    ws.documents[0].controls = vec!["8.13".into()];
    none(&ws, "SOA-007");
    ws.documents[0].status = crate::domain::document::DocStatus::Withdrawn;
    assert_eq!(only(&ws, "SOA-007").place, Place::Control("8.13".into()));
    ws.documents[0].controls.clear();
    ws.documents[0].status = crate::domain::document::DocStatus::Approved;
    // Planned is no claim that it works.
    entry(&mut ws, "8.13").status = ImplementationStatus::Planned;
    entry(&mut ws, "8.13").target_date = Some(d("2026-09-30"));
    none(&ws, "SOA-007");
}

#[test]
fn soa_008_many_controls_said_to_work_without_evidence_are_one_major_finding() {
    let mut ws = clean();
    entry(&mut ws, "8.13").evidence.clear();
    entry(&mut ws, "C-001").evidence.clear();
    let f = only(&ws, "SOA-008");
    assert_eq!(f.severity, Severity::Major);
    assert_eq!(
        f.message,
        "2 controls of 3 marked implemented or partially implemented have no evidence: A.8.13 and C-001"
    );
    assert_eq!(f.place, Place::Control("8.13".into()));
    assert_eq!(f.basis(), "6.1.3");
    none(&ws, "SOA-007");
    // Two of seven is below a third: two lapses.
    for n in 1..=4 {
        let key = format!("6.{n}");
        ws.controls
            .push(control(&key, Theme::People, "People control"));
        ws.soa.push(decided(&key, &[Reason::Business]));
    }
    none(&ws, "SOA-008");
    assert_eq!(of(&ws, "SOA-007").len(), 2);
}

#[test]
fn soa_009_planned_without_a_target_date() {
    let mut ws = clean();
    entry(&mut ws, "8.13").status = ImplementationStatus::Planned;
    let f = only(&ws, "SOA-009");
    assert_eq!(
        f.message,
        "A.8.13 Information backup is planned without a target date"
    );
    assert_eq!(f.place, Place::Control("8.13".into()));
    assert_eq!(f.basis(), "A.8.13");
    entry(&mut ws, "8.13").target_date = Some(d("2026-09-30"));
    none(&ws, "SOA-009");
    // An excluded control plans nothing.
    entry(&mut ws, "8.13").target_date = None;
    excluded(&mut ws, "8.13", "No backups in scope.", None);
    none(&ws, "SOA-009");
}

#[test]
fn soa_010_issued_with_undecided_controls_until_a_complete_version() {
    none(&clean(), "SOA-010");
    let mut ws = clean();
    ws.versions[0].rows[1].applicability = Applicability::Undecided;
    let f = only(&ws, "SOA-010");
    assert_eq!(
        f.message,
        "v1 of 2026-02-10 was issued with 1 control undecided, and no complete version since"
    );
    assert_eq!(f.place, Place::SoaVersions);
    // A complete version issued since settles it.
    let mut v2 = ws.versions[0].clone();
    v2.id = 2;
    v2.number = 2;
    v2.issued_on = d("2026-03-01");
    v2.rows = snapshot(&ws.controls, &ws.soa, &ws.actions);
    ws.versions.push(v2);
    none(&ws, "SOA-010");
}

#[test]
fn soa_011_a_version_older_than_a_year_or_than_a_rating_change() {
    none(&clean(), "SOA-011");
    let mut ws = clean();
    ws.last_rating_change = Some(d("2026-02-10"));
    none(&ws, "SOA-011");
    ws.last_rating_change = Some(d("2026-03-02"));
    let f = only(&ws, "SOA-011");
    assert_eq!(
        f.message,
        "A risk rating changed on 2026-03-02, after the SoA's last version (v1 of 2026-02-10)"
    );
    assert_eq!(f.place, Place::SoaVersions);
    ws.last_rating_change = None;
    ws.versions[0].issued_on = d("2025-03-30");
    assert_eq!(
        only(&ws, "SOA-011").message,
        "The SoA's last version, v1 of 2025-03-30, is more than twelve months old"
    );
    ws.versions[0].issued_on = d("2025-03-31");
    none(&ws, "SOA-011");
}

#[test]
fn soa_012_excluded_as_covered_by_a_custom_control_not_in_place() {
    let mut ws = clean();
    excluded(&mut ws, "8.13", "", Some("C-001"));
    none(&ws, "SOA-012");
    entry(&mut ws, "C-001").status = ImplementationStatus::Planned;
    entry(&mut ws, "C-001").target_date = Some(d("2026-09-30"));
    let f = only(&ws, "SOA-012");
    assert_eq!(
        f.message,
        "A.8.13 Information backup is excluded as covered by C-001, which is not in place (not implemented with evidence)"
    );
    assert_eq!(f.place, Place::Control("8.13".into()));
    assert_eq!(f.basis(), "A.8.13");
    none(&ws, "SOA-002");
    // Implemented without evidence is not in place either.
    entry(&mut ws, "C-001").status = ImplementationStatus::Implemented;
    entry(&mut ws, "C-001").evidence.clear();
    only(&ws, "SOA-012");
    entry(&mut ws, "C-001").evidence = "Questionnaire v3".into();
    none(&ws, "SOA-012");
}
