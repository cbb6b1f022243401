//! Management reviews and their actions as listings: a review with its participants, its
//! period (frozen once held, else up to today), the inputs a held one lacks and its decisions;
//! an action under its reference (`MR-001/2`), `overdue` judged on the listing's today.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::json;

use super::{Listing, opt};
use crate::domain::review::action_reference;
use crate::store::{Store, StoreError};

pub(super) fn reviews(store: &Store, today: NaiveDate) -> Result<Listing, StoreError> {
    let mut actions: HashMap<i64, (usize, usize)> = HashMap::new();
    for a in store.review_actions()? {
        let e = actions.entry(a.review).or_default();
        e.0 += 1;
        e.1 += usize::from(!a.is_done());
    }
    let mut l = Listing::new(&[
        "ref",
        "title",
        "status",
        "planned_on",
        "held_on",
        "participants",
        "period_from",
        "period_to",
        "missing_inputs",
        "improvements",
        "changes",
        "resources",
        "actions",
        "open_actions",
    ]);
    for r in store.reviews()? {
        let inputs = store.review_inputs(&r, today)?;
        let missing: Vec<&str> = r.missing_inputs().iter().map(|i| i.as_str()).collect();
        let (all, open) = actions.get(&r.id).copied().unwrap_or_default();
        l.rows.push(vec![
            json!(r.reference()),
            json!(r.title),
            json!(r.status),
            opt(r.planned_on),
            opt(r.held_on),
            json!(r.participants),
            opt(inputs.from),
            json!(inputs.to),
            json!(missing),
            json!(r.improvements),
            json!(r.changes),
            json!(r.resources),
            json!(all),
            json!(open),
        ]);
    }
    Ok(l)
}

pub(super) fn review_actions(store: &Store, today: NaiveDate) -> Result<Listing, StoreError> {
    let reviews: HashMap<i64, u32> = store.reviews()?.iter().map(|r| (r.id, r.number)).collect();
    let mut l = Listing::new(&[
        "ref",
        "description",
        "owner",
        "due_on",
        "status",
        "overdue",
        "note",
    ]);
    for a in store.review_actions()? {
        let number = reviews.get(&a.review).copied().unwrap_or(0);
        l.rows.push(vec![
            json!(action_reference(number, a.number)),
            json!(a.description),
            json!(a.owner),
            opt(a.due_on),
            json!(a.status),
            json!(a.is_overdue(today)),
            json!(a.note),
        ]);
    }
    Ok(l)
}
