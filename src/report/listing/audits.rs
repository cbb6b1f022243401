//! Audits, their findings and the register of nonconformities as listings: an audit with its
//! scope and auditors; a finding under its reference (`AU-001/2`) with the nonconformity it
//! raised; a nonconformity with its state, its actions and its effectiveness review (`overdue`
//! judged on the listing's today).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::json;

use super::{Listing, opt};
use crate::domain::audit::finding_reference;
use crate::store::{Store, StoreError};

pub(super) fn audits(store: &Store) -> Result<Listing, StoreError> {
    let mut findings: HashMap<i64, usize> = HashMap::new();
    for f in store.audit_findings()? {
        *findings.entry(f.audit).or_default() += 1;
    }
    let mut l = Listing::new(&[
        "ref",
        "title",
        "kind",
        "status",
        "planned_on",
        "held_on",
        "reported_on",
        "lead_auditor",
        "team",
        "clauses",
        "controls",
        "criteria",
        "summary",
        "findings",
    ]);
    for a in store.audits()? {
        l.rows.push(vec![
            json!(a.reference()),
            json!(a.title),
            json!(a.kind),
            json!(a.status),
            opt(a.planned_on),
            opt(a.held_on),
            opt(a.reported_on),
            json!(a.lead_auditor),
            json!(a.team),
            json!(a.clauses),
            json!(a.controls),
            json!(a.criteria),
            json!(a.summary),
            json!(findings.get(&a.id).copied().unwrap_or(0)),
        ]);
    }
    Ok(l)
}

pub(super) fn audit_findings(store: &Store) -> Result<Listing, StoreError> {
    let audits: HashMap<i64, u32> = store.audits()?.iter().map(|a| (a.id, a.number)).collect();
    let raised: HashMap<i64, String> = store
        .nonconformities()?
        .iter()
        .filter_map(|n| n.finding.map(|f| (f, n.reference())))
        .collect();
    let mut l = Listing::new(&[
        "ref",
        "grade",
        "requirement",
        "statement",
        "evidence",
        "concerns",
        "nonconformity",
    ]);
    for f in store.audit_findings()? {
        let audit = audits.get(&f.audit).copied().unwrap_or(0);
        l.rows.push(vec![
            json!(finding_reference(audit, f.number)),
            json!(f.grade),
            json!(f.requirement),
            json!(f.statement),
            json!(f.evidence),
            json!(f.concerns),
            opt(raised.get(&f.id)),
        ]);
    }
    Ok(l)
}

pub(super) fn nonconformities(store: &Store, today: NaiveDate) -> Result<Listing, StoreError> {
    let audits: HashMap<i64, u32> = store.audits()?.iter().map(|a| (a.id, a.number)).collect();
    let findings: HashMap<i64, String> = store
        .audit_findings()?
        .iter()
        .map(|f| {
            let audit = audits.get(&f.audit).copied().unwrap_or(0);
            (f.id, finding_reference(audit, f.number))
        })
        .collect();
    let mut l = Listing::new(&[
        "ref",
        "source",
        "finding",
        "grade",
        "raised_on",
        "description",
        "correction",
        "root_cause",
        "similar_cases",
        "actions",
        "overdue",
        "reviewed_on",
        "reviewed_by",
        "effective",
        "review_note",
        "state",
        "closed_on",
    ]);
    for n in store.nonconformities()? {
        let review = n.review.as_ref();
        l.rows.push(vec![
            json!(n.reference()),
            json!(n.source),
            opt(n.finding.and_then(|f| findings.get(&f))),
            json!(n.grade),
            json!(n.raised_on),
            json!(n.description),
            json!(n.correction),
            json!(n.root_cause),
            json!(n.similar_cases),
            json!(n.actions),
            json!(!n.overdue_actions(today).is_empty()),
            opt(review.map(|r| r.on_date)),
            opt(review.map(|r| r.by.as_str())),
            opt(review.map(|r| r.effective)),
            opt(review.map(|r| r.note.as_str())),
            json!(n.state()),
            opt(n.closed_on),
        ]);
    }
    Ok(l)
}
