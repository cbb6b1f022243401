//! The SoA, custom controls and the clause checklist in the store: the strict decision rules
//! against the treatment plan, imports, controls covering exclusions, issued versions, and the
//! document fields of a clause.

use isms::domain::clause::ClauseStatus;
use isms::domain::control::{Control, Theme};
use isms::domain::methodology::Methodology;
use isms::domain::risk::Risk;
use isms::domain::soa::{
    Applicability, ImplementationStatus, Reason, SoaEntry, SoaVersion, diff, snapshot,
};
use isms::domain::treatment::{Action, ActionStatus};
use isms::store::{Store, StoreError};

use super::{changes_of, temp};

fn date(iso: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap()
}

fn excluded(control: &str, justification: &str) -> SoaEntry {
    SoaEntry {
        applicability: Applicability::NotApplicable,
        exclusion_justification: justification.into(),
        ..SoaEntry::undecided(control)
    }
}

fn custom(title: &str, covers: &[&str]) -> Control {
    Control {
        key: String::new(),
        theme: Theme::Custom,
        title: title.into(),
        description: String::new(),
        source: "own".into(),
        covers: covers.iter().map(|c| (*c).to_string()).collect(),
    }
}

fn invalid_field(err: &StoreError) -> &'static str {
    match err {
        StoreError::Invalid(e) => e.field.name(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// Risks, and T-001 implementing 8.13 for both.
fn backup_plan(store: &mut Store) -> Action {
    store
        .edit(|w| {
            let m = Methodology::default();
            let r1 = w.insert_risk(Risk::new("Ransomware"), &m)?;
            let r2 = w.insert_risk(Risk::new("Disk failure"), &m)?;
            w.insert_action(Action {
                risks: vec![r2.id, r1.id],
                controls: vec!["8.13".into()],
                ..Action::new("Offline backup")
            })
        })
        .unwrap()
}

#[test]
fn a_control_that_treats_risks_cannot_be_excluded_until_its_action_is_cancelled() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let action = backup_plan(&mut store);
    assert_eq!(
        store.treated_risk_refs().unwrap()["8.13"],
        ["R-001", "R-002"]
    );
    let changes = store.changes().unwrap().len();
    let err = store
        .edit(|w| w.set_soa_entry(excluded("8.13", "No backups needed.")))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "applicability: A.8.13 cannot be excluded: it implements the treatment of R-001, R-002"
    );
    assert_eq!(store.changes().unwrap().len(), changes, "nothing written");
    let entry = store
        .soa()
        .unwrap()
        .into_iter()
        .find(|e| e.control == "8.13")
        .unwrap();
    assert_eq!(entry.applicability, Applicability::Undecided);

    store
        .edit(|w| {
            w.update_action(Action {
                status: ActionStatus::Cancelled,
                ..action
            })
        })
        .unwrap();
    assert!(store.treated_risk_refs().unwrap().is_empty());
    let stored = store
        .edit(|w| w.set_soa_entry(excluded("8.13", " No backups needed. ")))
        .unwrap();
    assert_eq!(stored.exclusion_justification, "No backups needed.");
    let log = changes_of(&store, "soa_entry");
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].reference.as_str(), log[0].action.as_str()),
        ("8.13", "update")
    );
    assert!(log[0].before.as_deref().unwrap().contains("undecided"));
}

#[test]
fn an_unjustified_exclusion_is_refused_but_can_be_imported() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let err = store
        .edit(|w| w.set_soa_entry(excluded("7.12", "  ")))
        .unwrap_err();
    assert_eq!(invalid_field(&err), "exclusion justification");
    store
        .edit(|w| w.import_soa_entry(excluded("7.12", "")))
        .unwrap();
    let entry = store
        .soa()
        .unwrap()
        .into_iter()
        .find(|e| e.control == "7.12")
        .unwrap();
    assert_eq!(entry.applicability, Applicability::NotApplicable);
    assert_eq!(
        changes_of(&store, "soa_entry").len(),
        1,
        "an import is logged"
    );

    // An import still keeps the text rules and names a known covering control.
    let bad = SoaEntry {
        justification: "bad\u{7}".into(),
        ..excluded("7.12", "")
    };
    assert_eq!(
        invalid_field(&store.edit(|w| w.import_soa_entry(bad)).unwrap_err()),
        "justification"
    );
    let unknown = SoaEntry {
        covered_by: Some("C-009".into()),
        ..excluded("7.12", "")
    };
    let err = store.edit(|w| w.import_soa_entry(unknown)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "covered by: 'C-009' is not a control of this workspace"
    );
    let missing = store
        .edit(|w| w.set_soa_entry(SoaEntry::undecided("9.9")))
        .unwrap_err();
    assert!(matches!(missing, StoreError::Missing(_)), "{missing}");
}

#[test]
fn a_custom_control_covers_an_exclusion_and_keeps_covering_it() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let c1 = store
        .edit(|w| w.insert_custom_control(custom("Supplier review", &["5.19", "5.21"])))
        .unwrap();
    assert_eq!(c1.key, "C-001");
    let covered = SoaEntry {
        covered_by: Some("C-001".into()),
        ..excluded("5.21", "")
    };
    store.edit(|w| w.set_soa_entry(covered.clone())).unwrap();
    let not_covered = SoaEntry {
        covered_by: Some("C-001".into()),
        ..excluded("5.7", "")
    };
    let err = store.edit(|w| w.set_soa_entry(not_covered)).unwrap_err();
    assert_eq!(err.to_string(), "covered by: C-001 does not cover A.5.7");
    let applicable = SoaEntry {
        applicability: Applicability::Applicable,
        ..covered.clone()
    };
    let err = store.edit(|w| w.set_soa_entry(applicable)).unwrap_err();
    assert_eq!(invalid_field(&err), "covered by");

    // Dropping 5.21 from what C-001 covers would leave its exclusion without ground.
    let narrower = Control {
        covers: vec!["5.19".into()],
        ..c1.clone()
    };
    let err = store
        .edit(|w| w.update_custom_control(narrower))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "covers: A.5.21 is excluded as covered by C-001; change that SoA decision first"
    );
    let renamed = Control {
        title: "Supplier risk review".into(),
        covers: vec!["5.21".into(), "5.22".into()],
        key: " C-001 ".into(),
        theme: Theme::Organizational,
        ..c1.clone()
    };
    let stored = store.edit(|w| w.update_custom_control(renamed)).unwrap();
    assert_eq!(
        (stored.key.as_str(), stored.theme),
        ("C-001", Theme::Custom)
    );
    assert_eq!(store.controls().unwrap()[93], stored);
    let err = store
        .edit(|w| {
            w.update_custom_control(Control {
                covers: vec!["C-001".into()],
                ..stored.clone()
            })
        })
        .unwrap_err();
    assert_eq!(invalid_field(&err), "covers");
    let err = store
        .edit(|w| w.insert_custom_control(custom("Covers a custom control", &["C-001"])))
        .unwrap_err();
    assert_eq!(err.to_string(), "covers: 'C-001' is not an Annex A control");
    let log = changes_of(&store, "control");
    assert_eq!(
        log.iter().map(|c| c.action.as_str()).collect::<Vec<_>>(),
        ["create", "update"]
    );
    assert!(
        log[1]
            .before
            .as_deref()
            .unwrap()
            .contains("Supplier review")
    );
}

#[test]
fn a_custom_control_is_deleted_only_when_no_action_implements_it() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let (control, action) = store
        .edit(|w| {
            let c = w.insert_custom_control(custom("Questionnaires", &["5.20"]))?;
            let a = w.insert_action(Action {
                controls: vec![c.key.clone()],
                ..Action::new("Answer library")
            })?;
            w.set_soa_entry(SoaEntry {
                covered_by: Some(c.key.clone()),
                ..excluded("5.20", "")
            })?;
            w.set_soa_entry(SoaEntry {
                applicability: Applicability::Applicable,
                reasons: vec![Reason::Contractual],
                ..SoaEntry::undecided(&c.key)
            })?;
            Ok((c, a))
        })
        .unwrap();
    let err = store
        .edit(|w| w.delete_custom_control(&control.key))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "controls: C-001 is implemented by T-001; remove it there first"
    );
    assert_eq!(store.controls().unwrap().len(), 94);

    store.edit(|w| w.delete_action(action.id)).unwrap();
    store.edit(|w| w.delete_custom_control("C-001")).unwrap();
    assert_eq!(store.controls().unwrap().len(), 93);
    let soa = store.soa().unwrap();
    assert_eq!(soa.len(), 93, "its SoA entry went with it");
    let uncovered = soa.iter().find(|e| e.control == "5.20").unwrap();
    assert_eq!(uncovered.covered_by, None);
    assert_eq!(uncovered.applicability, Applicability::NotApplicable);

    let deleted = changes_of(&store, "control").pop().unwrap();
    assert_eq!(
        (deleted.reference.as_str(), deleted.action.as_str()),
        ("C-001", "delete")
    );
    let before: serde_json::Value =
        serde_json::from_str(deleted.before.as_deref().unwrap()).unwrap();
    assert_eq!(before["title"], "Questionnaires");
    assert_eq!(before["uncovered"], serde_json::json!(["5.20"]));
    assert_eq!(
        before["soa_entry"]["reasons"],
        serde_json::json!(["contractual"])
    );
    let cleared = changes_of(&store, "soa_entry").pop().unwrap();
    assert_eq!(cleared.reference, "5.20");
    assert!(
        cleared
            .after
            .as_deref()
            .unwrap()
            .contains("\"covered_by\":null")
    );

    assert!(matches!(
        store.edit(|w| w.delete_custom_control("C-001")),
        Err(StoreError::Missing(_))
    ));
    let err = store.edit(|w| w.delete_custom_control("5.1")).unwrap_err();
    assert_eq!(invalid_field(&err), "controls");
    assert!(
        err.to_string().contains("A.5.1 is an Annex A control"),
        "{err}"
    );
}

#[test]
fn soa_versions_are_numbered_snapshots_oldest_first() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    backup_plan(&mut store);
    let err = store
        .edit(|w| w.issue_soa_version("  ", "", date("2026-02-10"), true))
        .unwrap_err();
    assert_eq!(err.to_string(), "approver: is required");
    // 92 controls are undecided: issuing them needs a yes.
    let err = store
        .edit(|w| w.issue_soa_version("CEO", "", date("2026-02-10"), false))
        .unwrap_err();
    assert_eq!(invalid_field(&err), "issue with gaps");
    assert!(err.to_string().contains("92 undecided"), "{err}");
    assert!(store.soa_versions().unwrap().is_empty());

    let v1 = store
        .edit(|w| {
            w.issue_soa_version(
                " Managing Director ",
                "First issue",
                date("2026-02-10"),
                true,
            )
        })
        .unwrap();
    assert_eq!((v1.number, v1.approver.as_str()), (1, "Managing Director"));
    assert_eq!(v1.rows.len(), 93);
    assert_eq!(v1.undecided(), 92);
    let backup = v1.rows.iter().find(|r| r.control == "8.13").unwrap();
    assert_eq!(backup.reasons, ["risk_treatment"]);
    assert_eq!(backup.title, "Information backup");
    // Undecided, but a treatment action implements it: applicable, derived like its reason.
    assert_eq!(backup.applicability, Applicability::Applicable);

    store
        .edit(|w| {
            w.set_soa_entry(SoaEntry {
                applicability: Applicability::Applicable,
                status: ImplementationStatus::Implemented,
                ..SoaEntry::undecided("8.13")
            })
        })
        .unwrap();
    let err = store
        .edit(|w| w.issue_soa_version("CEO", "", date("2026-02-09"), true))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "issued on: 2026-02-09 is before v1, issued on 2026-02-10"
    );
    let v2 = store
        .edit(|w| w.issue_soa_version("CEO", "", date("2026-02-10"), true))
        .unwrap();
    assert_eq!(v2.number, 2);

    let versions = store.soa_versions().unwrap();
    assert_eq!(versions, [v1.clone(), v2.clone()]);
    assert_eq!(
        versions[0].superseded_by(&versions).map(SoaVersion::label),
        Some("v2".to_string())
    );
    assert_eq!(versions[1].superseded_by(&versions), None);
    let changes = diff(&versions[0].rows, &versions[1].rows);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].control, "8.13");
    assert_eq!(changes[0].fields, ["status"], "applicable before, derived");
    let now = snapshot(
        &store.controls().unwrap(),
        &store.soa().unwrap(),
        &store.actions().unwrap(),
    );
    assert!(diff(&versions[1].rows, &now).is_empty());

    let log = changes_of(&store, "soa_version");
    assert_eq!(
        log.iter().map(|c| c.reference.as_str()).collect::<Vec<_>>(),
        ["v1", "v2"]
    );
    assert!(log[0].after.as_deref().unwrap().contains("First issue"));
}

#[test]
fn a_clause_keeps_its_status_its_documents_are_the_registers_and_it_logs_before_and_after() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let scope = store
        .clauses()
        .unwrap()
        .into_iter()
        .find(|c| c.number == "4.3")
        .unwrap();
    assert_eq!((scope.doc_reference.as_str(), scope.doc_date), ("", None));
    let doc = store
        .edit(|w| {
            w.insert_document(isms::domain::document::Document::new(
                "Scope statement",
                isms::domain::document::DocKind::Policy,
            ))
        })
        .unwrap();
    // A free-text document typed into the item is not kept: the register holds documents.
    let edited = isms::domain::clause::ClauseItem {
        status: ClauseStatus::Done,
        doc_reference: " D-021 Scope statement v1.2 ".into(),
        doc_owner: "ISB".into(),
        doc_date: Some(date("2026-02-10")),
        title: "typed over".into(),
        ..scope.clone()
    };
    let stored = store
        .edit(|w| {
            let stored = w.set_clause(edited)?;
            w.set_clause_documents("4.3", &[doc.id])?;
            Ok(stored)
        })
        .unwrap();
    assert_eq!(stored.title, scope.title, "the title stays");
    let read = store
        .clauses()
        .unwrap()
        .into_iter()
        .find(|c| c.number == "4.3")
        .unwrap();
    assert_eq!(read, stored);
    assert_eq!((read.doc_reference.as_str(), read.doc_date), ("", None));
    assert_eq!(store.documents().unwrap()[0].clauses, ["4.3"]);
    let log = changes_of(&store, "clause").pop().unwrap();
    assert!(log.before.as_deref().unwrap().contains("not_started"));
    assert!(log.after.as_deref().unwrap().contains("done"));

    let err = store
        .edit(|w| {
            w.set_clause(isms::domain::clause::ClauseItem {
                note: "a\u{1b}b".into(),
                ..read.clone()
            })
        })
        .unwrap_err();
    assert_eq!(invalid_field(&err), "note");
    let missing = isms::domain::clause::ClauseItem {
        number: "11.1".into(),
        ..read
    };
    assert!(matches!(
        store.edit(|w| w.set_clause(missing)),
        Err(StoreError::Missing(_))
    ));
}

#[test]
fn a_clause_heading_takes_no_status_and_nothing_is_written() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let heading = store
        .clauses()
        .unwrap()
        .into_iter()
        .find(|c| c.number == "6")
        .unwrap();
    let changes = store.changes().unwrap().len();
    for edited in [
        isms::domain::clause::ClauseItem {
            status: ClauseStatus::Done,
            ..heading.clone()
        },
        isms::domain::clause::ClauseItem {
            note: "see the sub-clauses".into(),
            ..heading.clone()
        },
    ] {
        let err = store.edit(|w| w.set_clause(edited)).unwrap_err();
        assert_eq!(invalid_field(&err), isms::domain::clause::field::STATUS);
        assert!(err.to_string().contains("a heading has no status"), "{err}");
    }
    let read = store.clauses().unwrap();
    assert_eq!(read.iter().find(|c| c.number == "6"), Some(&heading));
    assert_eq!(store.changes().unwrap().len(), changes);
    // As the catalogue made it, a heading passes, as a workspace file carries it back.
    store.edit(|w| w.set_clause(heading.clone())).unwrap();
}
