//! Information security objectives and their measurements as listings: an objective with its
//! measure, target and plan, its latest result, whether it meets the target, the trend and
//! whether a result is due (judged on the listing's today); a measurement under its objective's
//! reference, with whether it met the target.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::json;

use super::{Listing, opt};
use crate::store::{Store, StoreError};

pub(super) fn objectives(store: &Store, today: NaiveDate) -> Result<Listing, StoreError> {
    let measurements = store.measurements()?;
    let mut l = Listing::new(&[
        "ref",
        "statement",
        "serves",
        "measure",
        "builtin",
        "target",
        "unit",
        "direction",
        "owner",
        "set_on",
        "due_on",
        "every_months",
        "plan",
        "resources",
        "responsible",
        "evaluation",
        "status",
        "latest_on",
        "latest_value",
        "on_target",
        "trend",
        "result_due",
    ]);
    for o in store.security_objectives()? {
        let latest = o.latest(&measurements);
        l.rows.push(vec![
            json!(o.reference()),
            json!(o.statement),
            json!(o.serves),
            json!(o.measure),
            opt(o.builtin),
            opt(o.target),
            json!(o.unit),
            json!(o.direction),
            json!(o.owner),
            json!(o.set_on),
            opt(o.due_on),
            json!(o.every_months),
            json!(o.plan),
            json!(o.resources),
            json!(o.responsible),
            json!(o.evaluation),
            json!(o.status),
            opt(latest.map(|m| m.on_date)),
            opt(latest.map(|m| m.value)),
            opt(latest.and_then(|m| o.meets(m.value))),
            opt(o.trend(&measurements)),
            json!(o.lacks_result(&measurements, today)),
        ]);
    }
    Ok(l)
}

pub(super) fn measurements(store: &Store) -> Result<Listing, StoreError> {
    let objectives: HashMap<i64, _> = store
        .security_objectives()?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut l = Listing::new(&["objective", "on_date", "value", "unit", "on_target", "note"]);
    for m in store.measurements()? {
        let o = objectives.get(&m.objective);
        l.rows.push(vec![
            opt(o.map(|o| o.reference())),
            json!(m.on_date),
            json!(m.value),
            opt(o.map(|o| o.unit.as_str())),
            opt(o.and_then(|o| o.meets(m.value))),
            json!(m.note),
        ]);
    }
    Ok(l)
}
