//! Audits, their findings and nonconformities through the store: numbering, names made
//! people's, the change log, raising a nonconformity from a finding, and what is refused.

use chrono::NaiveDate;
use isms::domain::audit::{Audit, AuditFinding, AuditKind, AuditStatus, FindingGrade};
use isms::domain::nonconformity::{
    CorrectiveAction, CorrectiveStatus, EffectivenessReview, NcGrade, NcSource, NcState,
    Nonconformity,
};
use isms::store::{Store, StoreError};

use super::temp;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn reported_audit() -> Audit {
    Audit {
        planned_on: Some(d("2025-11-01")),
        held_on: Some(d("2025-11-10")),
        reported_on: Some(d("2025-11-20")),
        status: AuditStatus::Reported,
        clauses: vec!["9".into(), "10".into()],
        controls: vec!["A.8.13".into()],
        criteria: "ISO/IEC 27001:2022, backup policy".into(),
        lead_auditor: "jonas becker".into(),
        team: vec!["Mia Roth".into()],
        ..Audit::new("Internal audit 2025", AuditKind::Internal)
    }
}

#[test]
fn an_audit_is_numbered_its_auditors_are_people_and_it_reads_back() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    store
        .edit(|w| w.save_person(isms::domain::person::Person::new("Jonas Becker")))
        .unwrap();
    let audit = store.edit(|w| w.save_audit(reported_audit())).unwrap();
    assert_eq!(audit.reference(), "AU-001");
    assert_eq!(audit.lead_auditor, "Jonas Becker");
    assert_eq!(audit.controls, ["8.13"]);
    let people: Vec<String> = store
        .people()
        .unwrap()
        .people
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert!(people.contains(&"Mia Roth".to_string()), "{people:?}");
    assert_eq!(store.audits().unwrap(), std::slice::from_ref(&audit));
    assert_eq!(store.audit_by_id(audit.id).unwrap(), audit);
    let changed = store
        .edit(|w| {
            w.save_audit(Audit {
                status: AuditStatus::Closed,
                team: Vec::new(),
                ..audit.clone()
            })
        })
        .unwrap();
    assert_eq!(changed.number, 1);
    assert!(changed.team.is_empty());
    let log = store.history(&["audit"], "AU-001").unwrap();
    assert_eq!(log.len(), 2, "{log:?}");
    let counts = store.counts().unwrap();
    assert_eq!((counts.audits, counts.audit_findings), (1, 0));
}

#[test]
fn an_unknown_control_in_scope_is_refused_naming_the_field() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let err = store
        .edit(|w| {
            w.save_audit(Audit {
                controls: vec!["9.99".into()],
                ..reported_audit()
            })
        })
        .unwrap_err();
    match err {
        StoreError::Invalid(e) => assert_eq!(e.field, "controls"),
        other => panic!("{other}"),
    }
    assert!(store.audits().unwrap().is_empty());
}

#[test]
fn findings_are_numbered_per_audit_and_a_nonconformity_finding_raises_one() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let audit = store.edit(|w| w.save_audit(reported_audit())).unwrap();
    let major = store
        .edit(|w| {
            w.save_audit_finding(AuditFinding {
                requirement: "A.8.13".into(),
                evidence: "No restore test since 2024".into(),
                ..AuditFinding::new(
                    audit.id,
                    FindingGrade::Major,
                    "Backups never restore-tested",
                )
            })
        })
        .unwrap();
    let ofi = store
        .edit(|w| {
            w.save_audit_finding(AuditFinding::new(
                audit.id,
                FindingGrade::Improvement,
                "Automate the restore test",
            ))
        })
        .unwrap();
    assert_eq!((major.number, ofi.number), (1, 2));
    assert_eq!(major.requirement, "8.13");
    assert_eq!(
        store.audit_findings().unwrap(),
        [major.clone(), ofi.clone()]
    );
    assert_eq!(
        store.history(&["audit_finding"], "AU-001/1").unwrap().len(),
        1
    );

    let nc = store
        .edit(|w| w.raise_nonconformity(major.id, d("2025-11-21")))
        .unwrap();
    assert_eq!(nc.reference(), "NC-001");
    assert_eq!(nc.grade, NcGrade::Major);
    assert_eq!(nc.source, NcSource::AuditFinding);
    assert_eq!(nc.finding, Some(major.id));
    assert_eq!(nc.description, "AU-001/1: Backups never restore-tested");
    // Once only, and not from an opportunity for improvement.
    let twice = store
        .edit(|w| w.raise_nonconformity(major.id, d("2025-11-21")))
        .unwrap_err();
    assert!(
        twice.to_string().contains("raised NC-001 already"),
        "{twice}"
    );
    let ofi_err = store
        .edit(|w| w.raise_nonconformity(ofi.id, d("2025-11-21")))
        .unwrap_err();
    assert!(ofi_err.to_string().contains("graded"), "{ofi_err}");
    // The audit and the finding stay while the nonconformity came from them.
    let err = store
        .edit(|w| w.delete_audit_finding(major.id))
        .unwrap_err();
    assert!(
        err.to_string().contains("NC-001 came from AU-001/1"),
        "{err}"
    );
    let err = store.edit(|w| w.delete_audit(audit.id)).unwrap_err();
    assert!(err.to_string().contains("NC-001"), "{err}");
    store.edit(|w| w.delete_audit_finding(ofi.id)).unwrap();
    store.edit(|w| w.delete_nonconformity(nc.id)).unwrap();
    store.edit(|w| w.delete_audit(audit.id)).unwrap();
    assert!(store.audit_findings().unwrap().is_empty());
}

#[test]
fn a_nonconformity_runs_its_lifecycle_and_closes_only_after_an_effective_review() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let nc = store
        .edit(|w| {
            w.save_nonconformity(Nonconformity {
                correction: "Locked the shared account".into(),
                actions: vec![CorrectiveAction {
                    owner: "Lars Vogel".into(),
                    due_on: Some(d("2026-01-31")),
                    ..CorrectiveAction::new("Named accounts for the warehouse terminals")
                }],
                ..Nonconformity::new(
                    NcSource::OwnObservation,
                    NcGrade::Minor,
                    d("2026-01-05"),
                    "Shared account on warehouse terminals",
                )
            })
        })
        .unwrap();
    assert_eq!(nc.state(), NcState::ActionsOpen);
    assert!(
        store
            .people()
            .unwrap()
            .people
            .iter()
            .any(|p| p.name == "Lars Vogel")
    );
    let closing = Nonconformity {
        closed_on: Some(d("2026-02-10")),
        ..nc.clone()
    };
    let err = store
        .edit(|w| w.save_nonconformity(closing.clone()))
        .unwrap_err();
    assert!(err.to_string().starts_with("closed on:"), "{err}");
    let mut done = nc.clone();
    done.actions[0].status = CorrectiveStatus::Done;
    let reviewed = done.with_review(EffectivenessReview {
        on_date: d("2026-02-09"),
        by: "Anna Weber".into(),
        effective: true,
        note: "No shared logins in the February sample".into(),
    });
    let closed = store
        .edit(|w| {
            w.save_nonconformity(Nonconformity {
                closed_on: Some(d("2026-02-10")),
                ..reviewed
            })
        })
        .unwrap();
    assert_eq!(closed.state(), NcState::Closed);
    assert_eq!(
        store.nonconformities().unwrap(),
        std::slice::from_ref(&closed)
    );
    assert_eq!(
        store.history(&["nonconformity"], "NC-001").unwrap().len(),
        2
    );
    let counts = store.counts().unwrap();
    assert_eq!(
        (counts.nonconformities, counts.open_nonconformities),
        (1, 0)
    );
    // A person named as owner or reviewer is not deleted, and a rename reaches them.
    let people = store.people().unwrap();
    let lars = people.named("Lars Vogel").unwrap().clone();
    assert!(store.edit(|w| w.delete_person(lars.id)).is_err());
    store
        .edit(|w| {
            w.save_person(isms::domain::person::Person {
                name: "Lars Vogel-Brandt".into(),
                ..lars
            })
        })
        .unwrap();
    assert_eq!(
        store.nonconformities().unwrap()[0].actions[0].owner,
        "Lars Vogel-Brandt"
    );
}

#[test]
fn the_registers_list_with_stable_references() {
    use isms::report::listing::{Register, build};
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let audit = store.edit(|w| w.save_audit(reported_audit())).unwrap();
    let finding = store
        .edit(|w| {
            w.save_audit_finding(AuditFinding::new(
                audit.id,
                FindingGrade::Minor,
                "Restore never tested",
            ))
        })
        .unwrap();
    store
        .edit(|w| {
            let nc = w.raise_nonconformity(finding.id, d("2025-11-21"))?;
            w.save_nonconformity(Nonconformity {
                actions: vec![CorrectiveAction {
                    owner: "Lars Vogel".into(),
                    due_on: Some(d("2026-01-31")),
                    ..CorrectiveAction::new("Quarterly restore test")
                }],
                ..nc
            })
        })
        .unwrap();
    let today = d("2026-03-31");
    let audits = build(&store, Register::Audits, today).unwrap();
    assert_eq!(audits.rows[0][0], "AU-001");
    let findings = build(&store, Register::AuditFindings, today).unwrap();
    assert_eq!(findings.rows[0][0], "AU-001/1");
    assert_eq!(findings.rows[0][6], "NC-001");
    let ncs = build(&store, Register::Nonconformities, today).unwrap();
    assert_eq!(ncs.rows[0][0], "NC-001");
    assert_eq!(ncs.rows[0][2], "AU-001/1");
    assert_eq!(ncs.rows[0][10], true);
    assert_eq!(ncs.rows[0][15], "actions_open");
    assert_eq!("findings".parse::<Register>(), Ok(Register::AuditFindings));
    assert_eq!(
        Register::named("audit-findings"),
        Ok(Register::AuditFindings),
        "the first name stays an alias"
    );
}

#[test]
fn a_finding_names_a_clause_or_a_control_the_workspace_has() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let audit = store.edit(|w| w.save_audit(reported_audit())).unwrap();
    let finding = |requirement: &str| AuditFinding {
        requirement: requirement.into(),
        ..AuditFinding::new(audit.id, FindingGrade::Minor, "Found")
    };
    let err = store
        .edit(|w| w.save_audit_finding(finding("Z.99")))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("clause or control: 'Z.99' is neither a clause of 4 to 10"),
        "{err}"
    );
    // Shaped like a clause or a control, but the catalogue has neither.
    for bad in ["A.8.99", "9.9", "11.1"] {
        let err = store
            .edit(|w| w.save_audit_finding(finding(bad)))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("is neither a clause of 4 to 10"),
            "{bad}: {err}"
        );
    }
    assert!(store.audit_findings().unwrap().is_empty());
    for ok in ["9.2", "A.5.15", ""] {
        store.edit(|w| w.save_audit_finding(finding(ok))).unwrap();
    }
    assert_eq!(store.audit_findings().unwrap().len(), 3);
}

#[test]
fn an_imported_finding_keeps_its_number_unless_another_holds_it() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let audit = store.edit(|w| w.save_audit(reported_audit())).unwrap();
    let finding = |number| AuditFinding {
        number,
        ..AuditFinding::new(audit.id, FindingGrade::Observation, "Found")
    };
    let kept = store.edit(|w| w.import_audit_finding(finding(3))).unwrap();
    assert_eq!(kept.number, 3);
    let err = store
        .edit(|w| w.import_audit_finding(finding(3)))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(&format!(
            "finding 3 of audit #{} is taken already",
            audit.id
        )),
        "{err}"
    );
    assert_eq!(store.audit_findings().unwrap().len(), 1);
}
