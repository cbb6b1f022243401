//! The open questions of workshops as a listing: open and resolved, by number, each with the
//! asset it is about (null for the workshop as a whole, or once the asset is deleted).

use std::collections::HashMap;

use serde_json::json;

use super::{Listing, opt};
use crate::domain::question::stamp;
use crate::domain::reference::RefKind;
use crate::store::{Store, StoreError};

pub(super) fn questions(store: &Store) -> Result<Listing, StoreError> {
    let assets: HashMap<i64, (u32, String)> = store
        .assets()?
        .into_iter()
        .map(|a| (a.id, (a.number, a.name)))
        .collect();
    let mut l = Listing::new(&[
        "ref",
        "asset",
        "asset_name",
        "question",
        "noted_by",
        "noted_at",
        "resolved_at",
    ]);
    for q in store.questions()? {
        let asset = q.asset.and_then(|id| assets.get(&id));
        l.rows.push(vec![
            json!(q.reference()),
            opt(asset.map(|(n, _)| RefKind::Asset.format(*n))),
            opt(asset.map(|(_, name)| name)),
            json!(q.text),
            json!(q.noted_by),
            json!(stamp(q.noted_at)),
            opt(q.resolved_at.map(stamp)),
        ]);
    }
    Ok(l)
}
