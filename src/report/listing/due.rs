//! What falls due (`domain::due`) as a listing, for `isms due`: oldest first, each item with
//! its date, the days left (negative when overdue), what kind of obligation it is (a stable code
//! and its label), what it is about and who sees to it.

use chrono::NaiveDate;
use serde_json::json;

use super::Listing;
use crate::domain::due::DueItem;

/// The listing's columns, the fields of `isms due --format json`.
pub const COLUMNS: [&str; 8] = [
    "due_on",
    "days_left",
    "state",
    "kind",
    "what",
    "ref",
    "title",
    "owner",
];

pub fn due(items: &[DueItem], today: NaiveDate) -> Listing {
    let mut l = Listing::new(&COLUMNS);
    for item in items {
        let state = if item.is_overdue(today) {
            "overdue"
        } else {
            "due"
        };
        l.rows.push(vec![
            json!(item.due_on.to_string()),
            json!(item.days_left(today)),
            json!(state),
            json!(item.kind.as_str()),
            json!(item.kind.label()),
            json!(item.reference),
            json!(item.title),
            json!(item.owner),
        ]);
    }
    l
}
