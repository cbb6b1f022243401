//! The questions of workshops as a listing: open ones first (the overdue before the rest, by
//! due date), then the answered ones, each with the asset it is about (null for the workshop as
//! a whole, or once the asset is deleted), its answer, who gave it, whom it is given to and by
//! when, the workshop it was noted in and whether it is overdue on `today`.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::json;

use super::{Listing, opt};
use crate::domain::question::{open_first, stamp};
use crate::domain::reference::RefKind;
use crate::store::{Store, StoreError};

pub(super) fn questions(store: &Store, today: NaiveDate) -> Result<Listing, StoreError> {
    let assets: HashMap<i64, (u32, String)> = store
        .assets()?
        .into_iter()
        .map(|a| (a.id, (a.number, a.name)))
        .collect();
    let workshops: HashMap<i64, String> = store
        .workshops()?
        .iter()
        .map(|w| (w.id, w.reference()))
        .collect();
    let mut l = Listing::new(&[
        "ref",
        "asset",
        "asset_name",
        "question",
        "noted_by",
        "noted_at",
        "resolved_at",
        "answer",
        "answered_by",
        "assignee",
        "due",
        "workshop",
        "overdue",
    ]);
    let mut questions = store.questions()?;
    open_first(&mut questions);
    for q in questions {
        let asset = q.asset.and_then(|id| assets.get(&id));
        l.rows.push(vec![
            json!(q.reference()),
            opt(asset.map(|(n, _)| RefKind::Asset.format(*n))),
            opt(asset.map(|(_, name)| name)),
            json!(q.text),
            json!(q.noted_by),
            json!(stamp(q.noted_at)),
            opt(q.resolved_at.map(stamp)),
            json!(q.answer),
            json!(q.answered_by),
            json!(q.assignee),
            opt(q.due),
            opt(q.workshop.and_then(|id| workshops.get(&id))),
            json!(q.is_overdue(today)),
        ]);
    }
    Ok(l)
}
