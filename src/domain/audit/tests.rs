use super::programme::*;
use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn audit(number: u32, held: &str, clauses: &[&str], controls: &[&str]) -> Audit {
    Audit {
        number,
        held_on: Some(d(held)),
        reported_on: Some(d(held)),
        status: AuditStatus::Reported,
        clauses: clauses.iter().map(|c| c.to_string()).collect(),
        controls: controls.iter().map(|c| c.to_string()).collect(),
        lead_auditor: "Jonas Becker".into(),
        ..Audit::new("Internal audit", AuditKind::Internal)
    }
}

#[test]
fn the_title_is_required_and_the_reference_is_au() {
    let err = Audit::new(" ", AuditKind::Internal)
        .validated()
        .unwrap_err();
    assert_eq!(err.field, field::TITLE);
    let a = Audit {
        number: 3,
        ..Audit::new("Internal audit 2025", AuditKind::Internal)
    };
    assert_eq!(a.label(), "AU-003 Internal audit 2025");
}

#[test]
fn a_reported_audit_says_when_not_before_it_was_held() {
    let a = Audit {
        status: AuditStatus::Reported,
        held_on: Some(d("2025-11-10")),
        ..Audit::new("IA", AuditKind::Internal)
    };
    assert_eq!(a.clone().validated().unwrap_err().field, field::REPORTED_ON);
    let early = Audit {
        reported_on: Some(d("2025-11-01")),
        ..a.clone()
    };
    let err = early.validated().unwrap_err();
    assert_eq!(err.field, field::REPORTED_ON);
    assert!(err.message.contains("before the audit was held"), "{err}");
    let ok = Audit {
        reported_on: Some(d("2025-11-20")),
        ..a
    };
    assert!(ok.validated().is_ok());
}

#[test]
fn the_scope_takes_clauses_4_to_10_and_annex_a_numbers_with_or_without_a() {
    let a = Audit {
        clauses: vec![" 9.2 ".into(), "10".into(), "9.2".into()],
        controls: vec!["A.5.15".into(), "8.7".into(), "C-001".into()],
        ..Audit::new("IA", AuditKind::Internal)
    }
    .validated()
    .unwrap();
    assert_eq!(a.clauses, ["9.2", "10"]);
    assert_eq!(a.controls, ["5.15", "8.7", "C-001"]);
    for bad in ["3.1", "11", "9.x", "A.5.1", "9..2"] {
        let err = Audit {
            clauses: vec![bad.into()],
            ..Audit::new("IA", AuditKind::Internal)
        }
        .validated()
        .unwrap_err();
        assert_eq!(err.field, field::CLAUSES, "{bad}");
    }
}

#[test]
fn the_team_drops_the_lead_auditor_and_repeats() {
    let a = Audit {
        lead_auditor: "Jonas Becker".into(),
        team: vec!["jonas becker".into(), "Mia Roth".into(), "Mia Roth".into()],
        ..Audit::new("IA", AuditKind::Internal)
    }
    .validated()
    .unwrap();
    assert_eq!(a.team, ["Mia Roth"]);
    assert_eq!(a.auditors(), ["Jonas Becker", "Mia Roth"]);
}

#[test]
fn a_clause_is_covered_by_itself_its_parent_or_a_part_of_it() {
    let a = audit(1, "2025-11-10", &["9", "6.1.2"], &[]);
    assert!(a.covers_clause("9.2.2"));
    assert!(a.covers_clause("9"));
    assert!(a.covers_clause("6"));
    assert!(a.covers_clause("6.1.2"));
    assert!(!a.covers_clause("6.2"));
    assert!(!a.covers_clause("10"));
}

#[test]
fn grades_say_which_are_nonconformities() {
    assert!(FindingGrade::Major.is_nonconformity());
    assert!(FindingGrade::Minor.is_nonconformity());
    assert!(!FindingGrade::Observation.is_nonconformity());
    assert!(!FindingGrade::Improvement.is_nonconformity());
    assert_eq!(
        "opportunity for improvement".parse::<FindingGrade>(),
        Ok(FindingGrade::Improvement)
    );
}

#[test]
fn a_finding_needs_its_statement_and_keys_controls_as_the_soa_does() {
    let err = AuditFinding::new(1, FindingGrade::Minor, "")
        .validated()
        .unwrap_err();
    assert_eq!(err.field, field::STATEMENT);
    let f = AuditFinding {
        requirement: "A.8.13".into(),
        ..AuditFinding::new(1, FindingGrade::Minor, "Restore not tested")
    }
    .validated()
    .unwrap();
    assert_eq!(f.requirement, "8.13");
    let clause = AuditFinding {
        requirement: "10.2".into(),
        ..AuditFinding::new(1, FindingGrade::Minor, "x")
    }
    .validated()
    .unwrap();
    assert_eq!(clause.requirement, "10.2");
}

#[test]
fn years_of_the_cycle_end_today() {
    let today = d("2026-03-31");
    assert_eq!(year_of(d("2026-03-31"), today, 3), Some(0));
    assert_eq!(year_of(d("2025-04-01"), today, 3), Some(0));
    assert_eq!(year_of(d("2025-03-31"), today, 3), Some(1));
    assert_eq!(year_of(d("2023-04-01"), today, 3), Some(2));
    assert_eq!(year_of(d("2023-03-31"), today, 3), None);
    assert_eq!(year_of(d("2026-04-01"), today, 3), None);
}

#[test]
fn clause_coverage_counts_reported_internal_audits_per_year() {
    let today = d("2026-03-31");
    let planned = Audit {
        status: AuditStatus::Planned,
        reported_on: None,
        ..audit(3, "2026-02-01", &["4", "5", "6", "7", "8", "9", "10"], &[])
    };
    let external = Audit {
        kind: AuditKind::External,
        ..audit(4, "2026-02-01", &["4", "5", "6", "7", "8", "9", "10"], &[])
    };
    let audits = [
        audit(1, "2025-11-10", &["4", "5", "6", "9.2"], &[]),
        audit(2, "2024-11-10", &["7", "8"], &[]),
        planned,
        external,
    ];
    let coverage = clause_coverage(&audits, today, CYCLE_YEARS);
    assert_eq!(coverage.len(), 7);
    assert_eq!(coverage[0].clause, "4");
    assert_eq!(coverage[0].by_year, [vec![1], vec![], vec![]]);
    assert_eq!(coverage[3].by_year, [vec![], vec![2], vec![]]);
    assert_eq!(
        clauses_not_covered_this_year(&audits, today),
        ["7", "8", "10"]
    );
}

#[test]
fn controls_count_once_in_the_cycle() {
    let today = d("2026-03-31");
    let audits = [
        audit(1, "2025-11-10", &[], &["5.15"]),
        audit(2, "2023-11-10", &[], &["8.13"]),
        audit(3, "2022-11-10", &[], &["8.7"]),
    ];
    let applicable: Vec<String> = ["5.15", "8.13", "8.7", "5.1"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        controls_not_covered(&audits, &applicable, today, CYCLE_YEARS),
        ["8.7", "5.1"]
    );
    assert_eq!(
        control_coverage(&audits, &applicable, today, CYCLE_YEARS)[1],
        ("8.13", vec![2])
    );
}

#[test]
fn the_last_internal_report_must_lie_within_twelve_months() {
    let today = d("2026-03-31");
    let old = [audit(1, "2025-03-01", &["4"], &[])];
    assert!(!internal_audit_reported_within_a_year(&old, today));
    let recent = [
        audit(1, "2025-03-01", &["4"], &[]),
        audit(2, "2025-10-01", &["4"], &[]),
    ];
    assert!(internal_audit_reported_within_a_year(&recent, today));
    assert_eq!(last_internal_report(&recent, today).unwrap().0.number, 2);
    assert!(!internal_audit_reported_within_a_year(&[], today));
}

#[test]
fn an_auditor_who_owns_a_control_in_scope_audits_their_own_work() {
    let a = Audit {
        team: vec!["Mia Roth".into()],
        ..audit(1, "2025-11-10", &["9.2"], &["5.15", "8.13", "8.7"])
    };
    let owners = vec![
        ("5.15".to_string(), "mia roth".to_string()),
        ("8.13".to_string(), "Lars Vogel".to_string()),
        ("8.7".to_string(), "Jonas Becker".to_string()),
        // A control whose key looks like a clause in scope is not in scope.
        ("9.2".to_string(), "Jonas Becker".to_string()),
    ];
    assert_eq!(
        own_work(&a, &owners),
        [
            OwnWork {
                auditor: "Mia Roth".into(),
                item: "5.15".into()
            },
            OwnWork {
                auditor: "Jonas Becker".into(),
                item: "8.7".into()
            }
        ]
    );
    let external = Audit {
        kind: AuditKind::External,
        ..a
    };
    assert!(own_work(&external, &owners).is_empty());
}

#[test]
fn the_latest_audit_is_the_one_dated_last_whatever_its_number() {
    let planned = Audit {
        number: 3,
        planned_on: Some(d("2026-01-10")),
        ..Audit::new("Planned, undated held", AuditKind::Internal)
    };
    let undated = Audit {
        number: 4,
        ..Audit::new("Not yet dated", AuditKind::External)
    };
    let audits = vec![
        audit(1, "2025-11-10", &[], &[]),
        audit(2, "2024-11-10", &[], &[]),
        planned,
        undated,
    ];
    assert_eq!(latest(&audits).map(|a| a.number), Some(3));
    assert_eq!(latest(&audits[..2]).map(|a| a.number), Some(1));
    // The same day: the higher number.
    let tie = vec![
        audit(2, "2025-11-10", &[], &[]),
        audit(1, "2025-11-10", &[], &[]),
    ];
    assert_eq!(latest(&tie).map(|a| a.number), Some(2));
    assert_eq!(latest(&audits[3..]).map(|a| a.number), Some(4));
    assert!(latest(&[]).is_none());
    assert_eq!(references(&audits[..2]), "AU-001, AU-002");
}

#[test]
fn a_requirement_names_a_clause_only_when_the_catalogue_has_that_clause() {
    assert!(names_clause("9.2"));
    assert!(names_clause("10.2"));
    assert!(
        names_clause("8.2"),
        "clause 8.2 and control A.8.2: the clause"
    );
    assert!(!names_clause("8.13"), "no clause 8.13: the control A.8.13");
    assert!(!names_clause("C-001"));
    assert!(!names_clause(""));
}

#[test]
fn a_control_is_covered_in_the_year_its_audit_was_held_and_planned_audits_cover_later() {
    let today = d("2026-03-31");
    let mut planned = audit(4, "2026-06-01", &["9"], &["8.7"]);
    planned.status = AuditStatus::Planned;
    let audits = [
        audit(1, "2025-11-10", &[], &["5.15"]),
        audit(2, "2024-01-10", &[], &["5.15"]),
        planned,
    ];
    assert_eq!(
        control_by_year(&audits, "5.15", today, CYCLE_YEARS),
        [vec![1], vec![], vec![2]]
    );
    assert_eq!(
        control_by_year(&audits, "8.7", today, CYCLE_YEARS),
        [Vec::<u32>::new(), vec![], vec![]]
    );
    assert_eq!(planned_for(&audits, None, Some("8.7")), [4]);
    assert_eq!(planned_for(&audits, Some("9.2"), None), [4]);
    assert!(planned_for(&audits, Some("8"), Some("5.15")).is_empty());
}
