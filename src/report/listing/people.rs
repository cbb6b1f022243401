//! The people register as listings: each person with their roles held (objects in JSON:
//! `{"role", "from", "until"}`; `Role from 2024-05-01` in a table or CSV), their last awareness
//! session and whether it is current; the roles with their authority and competence needed;
//! and the competence and awareness records, each naming its person by reference.

use chrono::NaiveDate;
use serde_json::json;

use super::{Listing, opt};
use crate::domain::person::duties::{is_aware_on, last_awareness};
use crate::store::{Store, StoreError};

pub(super) fn people(store: &Store, today: NaiveDate) -> Result<Listing, StoreError> {
    let people = store.people()?;
    let records = store.competence_records()?;
    let mut l = Listing::new(&[
        "ref",
        "name",
        "function",
        "unit",
        "email",
        "left_on",
        "roles",
        "last_awareness",
        "aware",
    ]);
    for p in &people.people {
        let roles: Vec<_> = people
            .held
            .iter()
            .filter(|h| h.person == p.id)
            .map(|h| {
                json!({
                    "role": people.role(h.role).map(|r| r.name.clone()),
                    "from": h.from,
                    "until": h.until,
                })
            })
            .collect();
        let active = p.is_active_on(today);
        l.rows.push(vec![
            json!(p.reference()),
            json!(p.name),
            json!(p.function),
            json!(p.unit),
            json!(p.email),
            opt(p.left_on),
            json!(roles),
            opt(last_awareness(p, &records, today)),
            // Whether awareness is current; nobody asks it of someone who left.
            if active {
                json!(is_aware_on(p, &records, today))
            } else {
                serde_json::Value::Null
            },
        ]);
    }
    Ok(l)
}

pub(super) fn roles(store: &Store, today: NaiveDate) -> Result<Listing, StoreError> {
    let people = store.people()?;
    let mut l = Listing::new(&["name", "builtin", "authority", "competence", "holders"]);
    for r in &people.roles {
        let holders: Vec<String> = people
            .people
            .iter()
            .filter(|p| people.roles_on(p, today).iter().any(|h| h.id == r.id))
            .map(|p| p.reference())
            .collect();
        l.rows.push(vec![
            json!(r.name),
            opt(r.builtin.map(|b| b.as_str())),
            opt(r.authority.map(|a| a.as_str())),
            json!(r.competence),
            json!(holders),
        ]);
    }
    Ok(l)
}

pub(super) fn competence(store: &Store, today: NaiveDate) -> Result<Listing, StoreError> {
    let people = store.people()?;
    let mut l = Listing::new(&[
        "person",
        "name",
        "role",
        "kind",
        "topic",
        "on",
        "evidence",
        "valid_until",
        "valid",
    ]);
    for r in store.competence_records()? {
        let person = people.people.iter().find(|p| p.id == r.person);
        l.rows.push(vec![
            opt(person.map(|p| p.reference())),
            opt(person.map(|p| p.name.clone())),
            opt(r
                .role
                .and_then(|id| people.role(id))
                .map(|role| role.name.clone())),
            json!(r.kind.as_str()),
            json!(r.topic),
            json!(r.on),
            json!(r.evidence),
            opt(r.valid_until),
            json!(r.is_valid_on(today)),
        ]);
    }
    Ok(l)
}
