use chrono::NaiveDate;

use super::*;
use crate::domain::control::Theme;
use crate::domain::treatment::ActionStatus;

fn custom(key: &str, covers: &[&str]) -> Control {
    Control {
        key: key.into(),
        theme: Theme::Custom,
        title: format!("Custom {key}"),
        description: String::new(),
        source: "own".into(),
        covers: covers.iter().map(|c| (*c).to_string()).collect(),
    }
}

fn annex(key: &str, title: &str) -> Control {
    Control {
        key: key.into(),
        theme: Theme::Organizational,
        title: title.into(),
        description: String::new(),
        source: "ISO/IEC 27001:2022 Annex A".into(),
        covers: Vec::new(),
    }
}

fn excluded(control: &str, justification: &str) -> SoaEntry {
    SoaEntry {
        applicability: Applicability::NotApplicable,
        exclusion_justification: justification.into(),
        ..SoaEntry::undecided(control)
    }
}

fn refs(items: &[&str]) -> Vec<String> {
    items.iter().map(|r| (*r).to_string()).collect()
}

#[test]
fn risk_treatment_is_derived_from_actions() {
    let mut a = Action::new("MFA");
    a.controls = vec!["8.5".into(), "5.17".into()];
    a.risks = vec![4, 2];
    let mut b = Action::new("Password manager");
    b.controls = vec!["5.17".into()];
    b.risks = vec![2, 9];
    let actions = [a, b];
    assert_eq!(treated_risks("5.17", &actions), [2, 4, 9]);
    assert_eq!(treated_risks("8.5", &actions), [2, 4]);
    assert!(treated_risks("5.1", &actions).is_empty());
    let by_control = treated_risks_by_control(&actions);
    assert_eq!(by_control["5.17"], [2, 4, 9]);
    assert_eq!(by_control["8.5"], [2, 4]);
    assert!(!by_control.contains_key("5.1"));
}

#[test]
fn a_cancelled_action_treats_nothing() {
    let mut cancelled = Action::new("Tape backup");
    cancelled.controls = vec!["8.13".into()];
    cancelled.risks = vec![1];
    cancelled.status = ActionStatus::Cancelled;
    let mut done = Action::new("Cloud backup");
    done.controls = vec!["8.13".into()];
    done.risks = vec![3];
    done.status = ActionStatus::Done;
    assert!(treated_risks("8.13", std::slice::from_ref(&cancelled)).is_empty());
    assert!(treated_risks_by_control(std::slice::from_ref(&cancelled)).is_empty());
    let both = [cancelled, done];
    assert_eq!(treated_risks("8.13", &both), [3]);
    assert_eq!(treated_risks_by_control(&both)["8.13"], [3]);
}

#[test]
fn reasons_are_deduplicated_in_order() {
    let mut e = SoaEntry::undecided("5.1");
    e.reasons = vec![Reason::Business, Reason::Legal, Reason::Business];
    assert_eq!(
        e.validated().unwrap().reasons,
        [Reason::Legal, Reason::Business]
    );
}

#[test]
fn covered_by_is_trimmed_and_empty_means_none() {
    let mut e = excluded("5.7", "");
    e.covered_by = Some("  C-004 ".into());
    assert_eq!(
        e.clone().validated().unwrap().covered_by.as_deref(),
        Some("C-004")
    );
    e.covered_by = Some("   ".into());
    assert_eq!(e.clone().validated().unwrap().covered_by, None);
    e.covered_by = Some("C-0\n04".into());
    assert_eq!(e.validated().unwrap_err().field, "covered by");
    assert_eq!(SoaEntry::undecided("5.7").covered_by, None);
}

#[test]
fn derived_reason_comes_first() {
    let mut e = SoaEntry::undecided("8.13");
    e.reasons = vec![Reason::Legal, Reason::Business];
    assert_eq!(
        reasons_with_derived(&e, true),
        ["risk_treatment", "legal", "business"]
    );
    assert_eq!(reasons_with_derived(&e, false), ["legal", "business"]);
    assert!(reasons_with_derived(&SoaEntry::undecided("5.1"), false).is_empty());
}

#[test]
fn a_control_that_treats_risks_cannot_be_excluded() {
    let e = excluded("8.13", "We have no backups.");
    let err = check_decision(
        &e,
        &refs(&["R-001 Ransomware encrypts the file server", "R-004"]),
        &[],
    )
    .unwrap_err();
    assert_eq!(err.field, "applicability");
    assert_eq!(
        err.message,
        "A.8.13 cannot be excluded: it implements the treatment of R-001, R-004"
    );
    // Applicable with treated risks is the normal case.
    let applicable = SoaEntry {
        applicability: Applicability::Applicable,
        ..SoaEntry::undecided("8.13")
    };
    assert!(check_decision(&applicable, &refs(&["R-001"]), &[]).is_ok());
}

#[test]
fn an_exclusion_needs_a_justification_or_a_covering_control() {
    let err = check_decision(&excluded("7.12", "  "), &[], &[]).unwrap_err();
    assert_eq!(err.field, "exclusion justification");
    assert_eq!(
        err.message,
        "required for an excluded control (or name the custom control that covers it)"
    );
    assert!(check_decision(&excluded("7.12", "No cabling of our own."), &[], &[]).is_ok());
    let covered = SoaEntry {
        covered_by: Some("C-002".into()),
        ..excluded("5.21", "")
    };
    assert!(check_decision(&covered, &[], &[custom("C-002", &["5.19", "5.21"])]).is_ok());
}

#[test]
fn the_covering_control_must_exist_and_cover_it() {
    let entry = SoaEntry {
        covered_by: Some("C-004".into()),
        ..excluded("5.7", "")
    };
    let err = check_decision(&entry, &[], &[custom("C-004", &["5.8"])]).unwrap_err();
    assert_eq!(err.field, "covered by");
    assert_eq!(err.message, "C-004 does not cover A.5.7");
    let err = check_decision(&entry, &[], &[custom("C-001", &["5.7"])]).unwrap_err();
    assert_eq!(
        (err.field.name(), err.message.as_str()),
        (
            "covered by",
            "C-004 is not a custom control of this workspace"
        )
    );
    // An Annex A control is no covering control, even if the key matched.
    let err = check_decision(&entry, &[], &[annex("C-004", "odd")]).unwrap_err();
    assert_eq!(err.field, "covered by");
}

#[test]
fn only_an_excluded_control_can_be_covered() {
    for applicability in [Applicability::Applicable, Applicability::Undecided] {
        let entry = SoaEntry {
            applicability,
            covered_by: Some("C-004".into()),
            ..SoaEntry::undecided("5.7")
        };
        let err = check_decision(&entry, &[], &[custom("C-004", &["5.7"])]).unwrap_err();
        assert_eq!(err.field, "covered by");
        assert_eq!(
            err.message,
            "only an excluded control can be covered by a custom control"
        );
    }
}

#[test]
fn undecided_and_applicable_entries_pass_without_text() {
    assert!(check_decision(&SoaEntry::undecided("5.1"), &[], &[]).is_ok());
    let applicable = SoaEntry {
        applicability: Applicability::Applicable,
        ..SoaEntry::undecided("5.1")
    };
    assert!(check_decision(&applicable, &[], &[]).is_ok());
}

fn catalog() -> Vec<Control> {
    vec![
        annex("5.1", "Policies"),
        annex("5.7", "Threat intelligence"),
        annex("8.13", "Backup"),
        custom("C-001", &["5.7"]),
    ]
}

#[test]
fn a_snapshot_follows_control_order_with_derived_reasons() {
    let entries = vec![
        SoaEntry {
            applicability: Applicability::Applicable,
            reasons: vec![Reason::Legal],
            status: ImplementationStatus::Partial,
            owner: "IT".into(),
            ..SoaEntry::undecided("8.13")
        },
        SoaEntry {
            covered_by: Some("C-001".into()),
            ..excluded("5.7", "")
        },
        SoaEntry {
            applicability: Applicability::Applicable,
            justification: "Policy framework.".into(),
            ..SoaEntry::undecided("5.1")
        },
    ];
    let mut backup = Action::new("Backup");
    backup.controls = vec!["8.13".into()];
    backup.risks = vec![1];
    let rows = snapshot(&catalog(), &entries, &[backup]);
    let keys: Vec<&str> = rows.iter().map(|r| r.control.as_str()).collect();
    assert_eq!(keys, ["5.1", "5.7", "8.13", "C-001"]);
    assert_eq!(rows[0].justification, "Policy framework.");
    assert_eq!(rows[1].covered_by.as_deref(), Some("C-001"));
    assert_eq!(rows[2].reasons, ["risk_treatment", "legal"]);
    assert_eq!(rows[2].title, "Backup");
    assert_eq!(
        (rows[2].status, rows[2].owner.as_str()),
        (ImplementationStatus::Partial, "IT")
    );
    // C-001 has no entry: undecided.
    assert_eq!(rows[3].applicability, Applicability::Undecided);
    assert!(rows[3].reasons.is_empty());
}

#[test]
fn a_snapshot_survives_json() {
    let rows = snapshot(&catalog(), &[], &[]);
    let version = SoaVersion {
        id: 1,
        number: 1,
        issued_on: NaiveDate::from_ymd_opt(2026, 2, 10).unwrap(),
        approver: "Managing Director".into(),
        note: String::new(),
        rows,
    };
    let json = serde_json::to_string(&version).unwrap();
    assert_eq!(serde_json::from_str::<SoaVersion>(&json).unwrap(), version);
    assert_eq!(version.label(), "v1");
}

#[test]
fn diff_names_the_changed_fields_per_control() {
    let mut backup = Action::new("Backup");
    backup.controls = vec!["8.13".into()];
    backup.risks = vec![1];
    let before = snapshot(&catalog(), &[], &[]);
    assert!(diff(&before, &before).is_empty());
    let entries = vec![
        SoaEntry {
            applicability: Applicability::NotApplicable,
            covered_by: Some("C-001".into()),
            exclusion_justification: "Covered.".into(),
            ..SoaEntry::undecided("5.7")
        },
        SoaEntry {
            owner: "ISB".into(),
            ..SoaEntry::undecided("5.1")
        },
    ];
    let after = snapshot(&catalog(), &entries, &[backup]);
    assert_eq!(
        diff(&before, &after),
        [
            SoaChange {
                control: "5.1".into(),
                fields: vec!["owner"],
            },
            SoaChange {
                control: "5.7".into(),
                fields: vec!["applicability", "exclusion justification", "covered by"],
            },
            // Linked by a treatment action: applicable, derived with its reason.
            SoaChange {
                control: "8.13".into(),
                fields: vec!["applicability", "reasons"],
            },
        ]
    );
}

#[test]
fn diff_counts_added_and_removed_controls() {
    let all = snapshot(&catalog(), &[], &[]);
    let without_custom = &all[..3];
    let mut with_new = all.clone();
    with_new.push(SoaSnapshotRow {
        control: "C-002".into(),
        ..all[3].clone()
    });
    let changes = diff(without_custom, &with_new);
    assert_eq!(
        changes,
        [
            SoaChange {
                control: "C-001".into(),
                fields: vec!["control"],
            },
            SoaChange {
                control: "C-002".into(),
                fields: vec!["control"],
            },
        ]
    );
    let removed = diff(&all, &all[1..]);
    assert_eq!(
        removed,
        [SoaChange {
            control: "5.1".into(),
            fields: vec!["control"],
        }]
    );
    // A text change is named even when nothing else moved.
    let mut edited = all.clone();
    edited[0].justification = "New wording.".into();
    edited[0].status = ImplementationStatus::Implemented;
    assert_eq!(diff(&all, &edited)[0].fields, ["justification", "status"]);
}

#[test]
fn progress_counts_decisions_and_implementation() {
    let mut a = SoaEntry::undecided("5.1");
    a.applicability = Applicability::Applicable;
    a.status = ImplementationStatus::Partial;
    let mut b = SoaEntry::undecided("5.2");
    b.applicability = Applicability::NotApplicable;
    let entries = [a, b, SoaEntry::undecided("5.3")];
    let p = progress(&entries, &[]);
    assert_eq!(
        (
            p.applicable,
            p.partial,
            p.excluded,
            p.undecided,
            p.implemented
        ),
        (1, 1, 1, 1, 0)
    );
    // A treatment action implementing the undecided 5.3 makes it applicable.
    let p = progress(&entries, &[backup_action("5.3")]);
    assert_eq!((p.applicable, p.not_started, p.undecided), (2, 1, 0));
}

fn backup_action(control: &str) -> Action {
    let mut a = Action::new("Offline backup");
    a.controls = vec![control.into()];
    a.risks = vec![1];
    a
}

#[test]
fn an_undecided_control_a_treatment_implements_is_applicable() {
    let undecided = SoaEntry::undecided("8.13");
    assert_eq!(applicability(&undecided, true), Applicability::Applicable);
    assert!(applicable_by_treatment(&undecided, true));
    assert_eq!(applicability(&undecided, false), Applicability::Undecided);
    assert!(!applicable_by_treatment(&undecided, false));
    // A recorded exclusion stands: the contradiction is for the readiness check to name.
    let out = excluded("8.13", "x");
    assert_eq!(applicability(&out, true), Applicability::NotApplicable);
    assert!(!applicable_by_treatment(&out, true));
    // The snapshot, which issued versions and "changed since" compare, agrees.
    let controls = [
        annex("8.13", "Information backup"),
        annex("5.1", "Policies"),
    ];
    let rows = snapshot(&controls, &[], &[backup_action("8.13")]);
    assert_eq!(rows[0].applicability, Applicability::Applicable);
    assert_eq!(rows[0].reasons, ["risk_treatment"]);
    assert_eq!(rows[1].applicability, Applicability::Undecided);
    let mut cancelled = backup_action("8.13");
    cancelled.status = ActionStatus::Cancelled;
    let rows = snapshot(&controls, &[], &[cancelled]);
    assert_eq!(rows[0].applicability, Applicability::Undecided);
}

#[test]
fn an_excluded_control_shows_excluded_as_its_implementation() {
    let mut out = excluded("7.12", "No cabling of our own.");
    out.status = ImplementationStatus::Implemented;
    assert_eq!(status_code(&out), EXCLUDED);
    let mut on = SoaEntry::undecided("7.12");
    on.status = ImplementationStatus::Planned;
    assert_eq!(status_code(&on), "planned");
}

#[test]
fn gaps_name_undecided_unjustified_and_reasonless_controls() {
    let controls = [
        annex("5.1", "Policies"),
        annex("5.2", "Roles"),
        annex("7.12", "Cabling"),
        annex("7.13", "Maintenance"),
        annex("8.13", "Backup"),
        custom("C-001", &["7.13"]),
    ];
    let entries = [
        excluded("7.12", " "),
        SoaEntry {
            covered_by: Some("C-001".into()),
            ..excluded("7.13", "")
        },
        SoaEntry {
            applicability: Applicability::Applicable,
            ..SoaEntry::undecided("5.2")
        },
        SoaEntry {
            applicability: Applicability::Applicable,
            reasons: vec![Reason::Contractual],
            ..SoaEntry::undecided("C-001")
        },
    ];
    let rows = snapshot(&controls, &entries, &[backup_action("8.13")]);
    let gaps = Gaps::of(&rows, &controls);
    assert_eq!(gaps.undecided, ["A.5.1"], "8.13 is derived applicable");
    assert_eq!(gaps.unjustified, ["A.7.12"], "7.13 is covered");
    assert_eq!(gaps.without_reason, ["A.5.2"]);
    assert_eq!(
        gaps.lines(),
        [
            "1 undecided: A.5.1",
            "1 excluded without a justification: A.7.12",
            "1 applicable without a reason: A.5.2"
        ]
    );
    let err = gaps.check_accepted(false).unwrap_err();
    assert_eq!(err.field, version::field::GAPS_ACCEPTED);
    assert!(err.message.contains("1 undecided"), "{err}");
    assert!(gaps.check_accepted(true).is_ok());
    assert!(
        Gaps::default().check_accepted(false).is_ok(),
        "nothing to ask"
    );
    let many: Vec<String> = (1..=9).map(|n| format!("A.5.{n}")).collect();
    assert_eq!(
        Gaps::listed(&many),
        "A.5.1, A.5.2, A.5.3, A.5.4, A.5.5, A.5.6 and 3 more"
    );
}

#[test]
fn a_version_counts_its_undecided_controls_and_the_next_supersedes_it() {
    let controls = [annex("5.1", "Policies"), annex("5.2", "Roles")];
    let decided = SoaEntry {
        applicability: Applicability::Applicable,
        ..SoaEntry::undecided("5.1")
    };
    let version = |number: u32, entries: &[SoaEntry]| SoaVersion {
        id: i64::from(number),
        number,
        issued_on: NaiveDate::from_ymd_opt(2026, 3, number).unwrap(),
        approver: "CEO".into(),
        note: String::new(),
        rows: snapshot(&controls, entries, &[]),
    };
    let versions = [
        version(1, &[]),
        version(3, std::slice::from_ref(&decided)),
        version(2, &[]),
    ];
    assert_eq!(versions[0].undecided(), 2);
    assert_eq!(versions[1].undecided(), 1);
    assert_eq!(
        versions[0].superseded_by(&versions).map(|v| v.number),
        Some(2)
    );
    assert_eq!(
        versions[2].superseded_by(&versions).map(|v| v.number),
        Some(3)
    );
    assert_eq!(versions[1].superseded_by(&versions), None);
}

#[test]
fn an_imported_version_checks_every_text_it_holds() {
    let controls = [annex("5.1", "Policies for information security")];
    let version = SoaVersion {
        id: 0,
        number: 1,
        issued_on: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        approver: " Managing Director ".into(),
        note: String::new(),
        rows: snapshot(&controls, &[], &[]),
    };
    let ok = version.clone().validated().unwrap();
    assert_eq!(ok.approver, "Managing Director");
    assert_eq!(ok.rows, version.rows);

    let mut forged = version.clone();
    forged.rows[0].owner = "CISO\u{1b}[2J".into();
    let err = forged.validated().unwrap_err();
    assert_eq!(err.field, "owner");
    assert!(err.message.contains("U+001B"), "{err}");

    let mut forged = version;
    forged.rows[0].justification = "Required \u{202E}by law".into();
    let err = forged.validated().unwrap_err();
    assert_eq!(err.field, "justification");
    assert!(err.message.contains("U+202E"), "{err}");
}

#[test]
fn covered_only_by_a_named_custom_control_that_lists_it() {
    let controls = [custom("C-001", &["7.12"]), annex("5.1", "Policies")];
    let by = |key: Option<&str>| SoaEntry {
        covered_by: key.map(str::to_string),
        ..excluded("7.12", "")
    };
    assert_eq!(named_cover(&by(Some("  C-001 "))), Some("C-001"));
    assert_eq!(named_cover(&by(Some("  "))), None);
    assert!(is_covered(&by(Some(" C-001 ")), &controls));
    assert!(!is_covered(&by(None), &controls));
    assert!(!is_covered(&by(Some("C-002")), &controls), "unknown");
    assert!(!is_covered(&by(Some("5.1")), &controls), "not custom");
    let other = SoaEntry {
        covered_by: Some("C-001".into()),
        ..excluded("7.13", "")
    };
    assert!(!is_covered(&other, &controls), "C-001 does not list 7.13");
}

#[test]
fn exclusion_unjustified_is_the_rule_check_decision_applies() {
    let controls = [custom("C-001", &["7.12"])];
    let covered = SoaEntry {
        covered_by: Some("C-001".into()),
        ..excluded("7.12", " ")
    };
    let cases = [
        (excluded("7.12", " \n "), true),
        (excluded("7.12", "No cabling of our own."), false),
        (covered, false),
        (SoaEntry::undecided("7.12"), false),
        (
            SoaEntry {
                applicability: Applicability::Applicable,
                ..SoaEntry::undecided("7.12")
            },
            false,
        ),
    ];
    for (entry, unjustified) in cases {
        assert_eq!(exclusion_unjustified(&entry, &controls), unjustified);
        let refused = check_decision(&entry, &[], &controls)
            .err()
            .is_some_and(|e| e.field == field::EXCLUSION_JUSTIFICATION);
        assert_eq!(refused, unjustified, "{entry:?}");
    }
}

#[test]
fn only_an_exclusion_of_a_treating_control_excludes_treatment() {
    let applicable = SoaEntry {
        applicability: Applicability::Applicable,
        ..SoaEntry::undecided("8.13")
    };
    assert!(excludes_treatment(&excluded("8.13", "x"), true));
    assert!(!excludes_treatment(&excluded("8.13", "x"), false));
    assert!(!excludes_treatment(&applicable, true));
    assert!(!excludes_treatment(&SoaEntry::undecided("8.13"), true));
    let err = check_decision(&excluded("8.13", "x"), &refs(&["R-001"]), &[]).unwrap_err();
    assert_eq!(err.field, field::APPLICABILITY);
}

#[test]
fn an_exclusion_justification_does_not_apply_to_an_applicable_control() {
    assert!(!exclusion_justification_applies(Applicability::Applicable));
    assert!(exclusion_justification_applies(
        Applicability::NotApplicable
    ));
    assert!(exclusion_justification_applies(Applicability::Undecided));
}

#[test]
fn a_control_said_to_work_needs_evidence() {
    let entry = |status, evidence: &str| SoaEntry {
        applicability: Applicability::Applicable,
        status,
        evidence: evidence.into(),
        ..SoaEntry::undecided("8.13")
    };
    assert!(lacks_evidence(
        &entry(ImplementationStatus::Implemented, " "),
        false
    ));
    assert!(lacks_evidence(
        &entry(ImplementationStatus::Partial, ""),
        false
    ));
    assert!(!lacks_evidence(
        &entry(ImplementationStatus::Implemented, "D-009"),
        false
    ));
    assert!(!lacks_evidence(
        &entry(ImplementationStatus::Planned, ""),
        false
    ));
    assert!(!lacks_evidence(
        &entry(ImplementationStatus::NotStarted, ""),
        false
    ));
    // Undecided but implemented by a treatment: applicable, so the claim counts.
    let undecided = SoaEntry {
        status: ImplementationStatus::Implemented,
        ..SoaEntry::undecided("8.13")
    };
    assert!(!lacks_evidence(&undecided, false));
    assert!(lacks_evidence(&undecided, true));
    assert!(!lacks_evidence(&excluded("8.13", "No backups."), false));
}

#[test]
fn a_planned_control_says_by_when() {
    let planned = SoaEntry {
        applicability: Applicability::Applicable,
        status: ImplementationStatus::Planned,
        ..SoaEntry::undecided("5.30")
    };
    assert!(planned_without_target(&planned, false));
    let dated = SoaEntry {
        target_date: NaiveDate::from_ymd_opt(2026, 12, 15),
        ..planned.clone()
    };
    assert!(!planned_without_target(&dated, false));
    // Any status may keep a target date: an implemented control keeps the one it was due by.
    let done = SoaEntry {
        status: ImplementationStatus::Implemented,
        evidence: "DR test 2026".into(),
        ..dated
    };
    assert_eq!(done.clone().validated().unwrap(), done);
    let partial = SoaEntry {
        status: ImplementationStatus::Partial,
        ..planned
    };
    assert!(!planned_without_target(&partial, false));
}

#[test]
fn an_exclusion_rests_on_a_cover_only_once_the_cover_is_in_place() {
    let controls = [custom("C-002", &["5.21"])];
    let entry = SoaEntry {
        covered_by: Some("C-002".into()),
        ..excluded("5.21", "")
    };
    let cover = |status, evidence: &str| SoaEntry {
        applicability: Applicability::Applicable,
        status,
        evidence: evidence.into(),
        ..SoaEntry::undecided("C-002")
    };
    assert_eq!(cover_not_in_place(&entry, &controls, &[]), Some("C-002"));
    for (status, evidence, in_place) in [
        (ImplementationStatus::Planned, "", false),
        (ImplementationStatus::NotStarted, "", false),
        (ImplementationStatus::Implemented, "", false),
        (ImplementationStatus::Partial, "Questionnaire v1", true),
        (ImplementationStatus::Implemented, "Questionnaire v1", true),
    ] {
        let entries = [entry.clone(), cover(status, evidence)];
        assert_eq!(
            cover_not_in_place(&entry, &controls, &entries),
            (!in_place).then_some("C-002"),
            "{status:?} {evidence:?}"
        );
    }
    // An excluded cover covers nothing in place.
    let excluded_cover = SoaEntry {
        evidence: "Questionnaire v1".into(),
        status: ImplementationStatus::Implemented,
        ..excluded("C-002", "Not needed.")
    };
    assert!(cover_not_in_place(&entry, &controls, &[excluded_cover]).is_some());
    // Not covered at all (the cover does not list it): SOA-002's business, not this rule's.
    assert_eq!(
        cover_not_in_place(&entry, &[custom("C-002", &[])], &[]),
        None
    );
    let justified = excluded("5.21", "No suppliers.");
    assert_eq!(cover_not_in_place(&justified, &controls, &[]), None);
}

#[test]
fn the_last_version_is_reviewed_yearly_and_after_a_rating_changes() {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let v1 = SoaVersion {
        id: 1,
        number: 1,
        issued_on: day("2026-02-10"),
        approver: "MD".into(),
        note: String::new(),
        rows: Vec::new(),
    };
    assert_eq!(review_due(&v1, None, day("2027-02-10")), None);
    assert_eq!(
        review_due(&v1, None, day("2027-02-11")),
        Some(ReviewDue::Old)
    );
    assert_eq!(
        review_due(&v1, Some(day("2026-02-10")), day("2026-03-31")),
        None
    );
    assert_eq!(
        review_due(&v1, Some(day("2026-02-11")), day("2026-03-31")),
        Some(ReviewDue::RatingChanged(day("2026-02-11")))
    );
    assert_eq!(
        review_due(&v1, Some(day("2026-05-01")), day("2027-03-01")),
        Some(ReviewDue::Old)
    );
}

fn version(number: u32, rows: Vec<SoaSnapshotRow>) -> SoaVersion {
    SoaVersion {
        id: i64::from(number),
        number,
        issued_on: NaiveDate::from_ymd_opt(2026, 2, 10).unwrap(),
        approver: "Managing Director".into(),
        note: String::new(),
        rows,
    }
}

#[test]
fn changed_since_marks_the_rows_that_moved_after_the_version() {
    let issued = snapshot(&catalog(), &[], &[]);
    let v1 = version(1, issued[..3].to_vec());
    let mut now = issued.clone();
    now[0].status = ImplementationStatus::Implemented;
    now[0].owner = "ISB".into();
    let changed = changed_since(&v1, &now);
    assert_eq!(
        changed.get("5.1").map(String::as_str),
        Some("status, owner")
    );
    // The fourth control was not in v1: it is new since.
    assert_eq!(
        changed.get(&now[3].control).map(String::as_str),
        Some("new since v1")
    );
    assert_eq!(
        changed.len(),
        2,
        "unchanged rows are not marked: {changed:?}"
    );
    // A control gone since has no row to mark.
    assert!(changed_since(&version(1, issued.clone()), &issued[1..]).is_empty());
}

#[test]
fn issued_finds_a_version_or_names_those_there_are() {
    let none: Vec<SoaVersion> = Vec::new();
    assert_eq!(
        issued(&none, 1).unwrap_err(),
        "there is no SoA version v1: no version has been issued yet"
    );
    let versions = vec![version(2, Vec::new()), version(1, Vec::new())];
    assert_eq!(issued(&versions, 1).unwrap().number, 1);
    assert_eq!(
        issued(&versions, 7).unwrap_err(),
        "there is no SoA version v7; the issued versions are v1, v2"
    );
    assert_eq!(
        issued(&versions[1..], 3).unwrap_err(),
        "there is no SoA version v3; the only issued version is v1"
    );
    assert_eq!(latest(&versions).map(|v| v.number), Some(2));
}

#[test]
fn an_excluded_row_shows_excluded_not_its_stored_status() {
    let mut row = snapshot(&catalog(), &[], &[]).remove(0);
    row.status = ImplementationStatus::Implemented;
    assert_eq!(row.status_code(), "implemented");
    row.applicability = Applicability::NotApplicable;
    assert_eq!(row.status_code(), "excluded");
}
