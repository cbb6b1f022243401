//! The workshops as a listing: when each ran, who attended, which assets the room walked, and
//! what it decided as counts from its minutes (`domain::workshop::minutes`): the ratings
//! changed, the assets added and the questions noted or answered in it.

use serde_json::json;

use super::{Listing, opt};
use crate::domain::question::stamp;
use crate::domain::workshop::minutes;
use crate::store::{Change, Store, StoreError};

pub(super) fn workshops(store: &Store) -> Result<Listing, StoreError> {
    let questions = store.questions()?;
    let mut l = Listing::new(&[
        "ref",
        "title",
        "started_at",
        "ended_at",
        "attendees",
        "walked",
        "ratings_changed",
        "assets_added",
        "questions",
    ]);
    for w in store.workshops()? {
        let log = store.workshop_changes(w.id)?;
        let logged: Vec<_> = log.iter().map(Change::logged).collect();
        let m = minutes(&w, &logged, &questions);
        l.rows.push(vec![
            json!(w.reference()),
            json!(w.title),
            json!(stamp(w.started_at)),
            opt(w.ended_at.map(stamp)),
            json!(w.attendees),
            json!(w.walked),
            json!(m.rated.len()),
            json!(m.added.len()),
            json!(m.answered.len() + m.open.len()),
        ]);
    }
    Ok(l)
}
