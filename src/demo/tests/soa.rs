//! The demo's SoA and clause checklist: every decision made, the strict rules kept except for
//! the one documented gap, the version issued before the last changes, clause documents.

use std::collections::{HashMap, HashSet};

use super::*;

#[test]
fn soa_decides_everything_with_one_unjustified_exclusion() {
    let (_dir, store) = demo();
    let soa = store.soa().unwrap();
    assert_eq!(soa.len(), 95);
    assert!(
        soa.iter()
            .all(|e| e.applicability != Applicability::Undecided)
    );
    let excluded: Vec<&SoaEntry> = soa
        .iter()
        .filter(|e| e.applicability == Applicability::NotApplicable)
        .collect();
    assert_eq!(excluded.len(), 5);
    let unjustified: Vec<&str> = excluded
        .iter()
        .filter(|e| e.exclusion_justification.is_empty())
        .map(|e| e.control.as_str())
        .collect();
    assert_eq!(unjustified, ["7.12"]);
    let covered: Vec<(&str, Option<&str>)> = soa
        .iter()
        .filter(|e| e.covered_by.is_some())
        .map(|e| (e.control.as_str(), e.covered_by.as_deref()))
        .collect();
    assert_eq!(covered, [("5.21", Some("C-002"))]);
    // Whatever a treatment action implements is applicable.
    let decided: HashMap<&str, Applicability> = soa
        .iter()
        .map(|e| (e.control.as_str(), e.applicability))
        .collect();
    for action in store.actions().unwrap() {
        for c in &action.controls {
            assert_eq!(
                decided[c.as_str()],
                Applicability::Applicable,
                "{c} in T-{:03}",
                action.number
            );
        }
    }
    // Implemented controls show their evidence, but A.7.13 (a documented gap).
    let without: Vec<&str> = soa
        .iter()
        .filter(|e| e.status == ImplementationStatus::Implemented && e.evidence.is_empty())
        .map(|e| e.control.as_str())
        .collect();
    assert_eq!(without, ["7.13"]);
    let custom: Vec<Control> = store
        .controls()
        .unwrap()
        .into_iter()
        .filter(|c| !c.is_annex_a())
        .collect();
    assert_eq!(
        custom.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
        ["C-001", "C-002"]
    );
    assert_eq!(custom[1].covers, ["5.19", "5.21"]);
}

#[test]
fn soa_tables_name_each_control_once() {
    let keys: Vec<&str> = data::SOA_APPLICABLE
        .iter()
        .map(|r| r.0)
        .chain(data::SOA_EXCLUDED.iter().map(|r| r.0))
        .collect();
    let unique: HashSet<&str> = keys.iter().copied().collect();
    assert_eq!((keys.len(), unique.len()), (95, 95));
    // What v1 said differs from the current decision of a known control.
    for row in data::SOA_AT_V1 {
        assert!(unique.contains(row.0), "{}", row.0);
        assert_ne!(
            Some(row),
            data::SOA_APPLICABLE.iter().find(|r| r.0 == row.0)
        );
    }
}

#[test]
fn every_decision_but_the_documented_gap_passes_the_strict_rules() {
    use crate::domain::soa::check_decision;
    let (_dir, store) = demo();
    let treated = store.treated_risk_refs().unwrap();
    let custom: Vec<Control> = store
        .controls()
        .unwrap()
        .into_iter()
        .filter(|c| !c.is_annex_a())
        .collect();
    let refused: Vec<(String, &str)> = store
        .soa()
        .unwrap()
        .iter()
        .filter_map(|e| {
            let risks = treated.get(&e.control).cloned().unwrap_or_default();
            check_decision(e, &risks, &custom)
                .err()
                .map(|err| (e.control.clone(), err.field.name()))
        })
        .collect();
    assert_eq!(refused, [("7.12".to_string(), "exclusion justification")]);
    // The cancelled T-016 alone would not make 8.13 a risk treatment; T-001 and T-004 do.
    assert_eq!(treated["8.13"], ["R-001", "R-003", "R-009"]);
}

#[test]
fn the_soa_changed_in_three_places_since_v1() {
    use crate::domain::soa::{SoaChange, diff, snapshot};
    let (_dir, store) = demo();
    let versions = store.soa_versions().unwrap();
    assert_eq!(versions.len(), 1);
    let v1 = &versions[0];
    assert_eq!(
        (v1.label(), v1.approver.as_str(), v1.issued_on),
        (
            "v1".to_string(),
            "Karin Nordmann",
            date("2026-02-10").unwrap()
        )
    );
    assert_eq!(v1.rows.len(), 95);
    let now = snapshot(
        &store.controls().unwrap(),
        &store.soa().unwrap(),
        &store.actions().unwrap(),
    );
    let change = |control: &str, fields: &[&'static str]| SoaChange {
        control: control.into(),
        fields: fields.to_vec(),
    };
    assert_eq!(
        diff(&v1.rows, &now),
        [
            change(
                "5.21",
                &[
                    "applicability",
                    "reasons",
                    "justification",
                    "exclusion justification",
                    "covered by",
                    "status",
                    "owner"
                ]
            ),
            change(
                "8.12",
                &["applicability", "reasons", "justification", "owner"]
            ),
            change("C-001", &["status"]),
        ]
    );
    // The version is in the change log, before the three later decisions.
    let log = store.changes().unwrap();
    let issued = log.iter().position(|c| c.entity == "soa_version").unwrap();
    assert_eq!(log[issued].reference, "v1");
    let later: Vec<&str> = log[issued..]
        .iter()
        .filter(|c| c.entity == "soa_entry")
        .map(|c| c.reference.as_str())
        .collect();
    assert_eq!(later, ["5.21", "8.12", "C-001"]);
}

#[test]
fn done_clauses_that_require_documents_have_them_in_the_register() {
    let (_dir, store) = demo();
    let clauses = store.clauses().unwrap();
    let documents = store.documents().unwrap();
    for c in &clauses {
        let held = crate::domain::document::for_clause(&documents, &c.number);
        if c.status == crate::domain::clause::ClauseStatus::Done
            && !c.mandatory_documents().is_empty()
        {
            assert!(
                !held.is_empty(),
                "{} is done without its document",
                c.number
            );
        }
        assert!(c.doc_reference.is_empty(), "{c:?}");
    }
    for doc in &documents {
        assert!(!doc.owner.is_empty(), "{doc:?}");
        assert!(doc.issued_on.is_some_and(|d| d <= today()), "{doc:?}");
        for clause in &doc.clauses {
            assert!(data::CLAUSES.iter().any(|c| c.0 == clause), "{clause}");
        }
    }
    let scope = crate::domain::document::for_clause(&documents, "4.3");
    assert_eq!(scope[0].label(), "D-021 Scope statement");
    assert_eq!(scope[0].version, "1.2");
    // The one draft and the one overdue for review are the documented gaps.
    use crate::domain::document::DocStatus;
    let drafts: Vec<String> = documents
        .iter()
        .filter(|d| d.status == DocStatus::Draft)
        .map(|d| d.reference())
        .collect();
    assert_eq!(drafts, ["D-007"]);
    let overdue: Vec<String> = documents
        .iter()
        .filter(|d| d.is_overdue(today()))
        .map(|d| d.reference())
        .collect();
    assert_eq!(overdue, ["D-004"]);
    let versions = store.document_versions().unwrap();
    assert_eq!(versions.len(), 31);
}
