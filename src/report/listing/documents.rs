//! The register of documented information as a listing: each document with its current
//! version, approval, review period and the next review it gives (`overdue` judged on the
//! listing's today), and what it serves: clauses, controls (`5.15`, `C-001`) and treatment
//! actions (`T-004`).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::json;

use super::{Listing, opt, refs};
use crate::domain::reference::RefKind;
use crate::store::{Store, StoreError};

pub(super) fn documents(store: &Store, today: NaiveDate) -> Result<Listing, StoreError> {
    let actions: HashMap<i64, u32> = store.actions()?.iter().map(|a| (a.id, a.number)).collect();
    let mut versions: HashMap<i64, usize> = HashMap::new();
    for v in store.document_versions()? {
        *versions.entry(v.document).or_default() += 1;
    }
    let mut l = Listing::new(&[
        "ref",
        "title",
        "kind",
        "version",
        "issued_on",
        "status",
        "owner",
        "approved_by",
        "approved_on",
        "classification",
        "location",
        "review_months",
        "reviewed_on",
        "next_review",
        "overdue",
        "clauses",
        "controls",
        "actions",
        "versions",
    ]);
    for d in store.documents()? {
        l.rows.push(vec![
            json!(d.reference()),
            json!(d.title),
            json!(d.kind),
            json!(d.version),
            opt(d.issued_on),
            json!(d.status),
            json!(d.owner),
            json!(d.approved_by),
            opt(d.approved_on),
            json!(d.classification),
            json!(d.location),
            opt(d.review_months),
            opt(d.reviewed_on),
            opt(d.next_review()),
            json!(d.is_overdue(today)),
            json!(d.clauses),
            json!(d.controls),
            refs(RefKind::Action, &d.actions, &actions),
            json!(versions.get(&d.id).copied().unwrap_or(0)),
        ]);
    }
    Ok(l)
}
