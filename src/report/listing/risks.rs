//! The risk register and the treatment plan as listings: each risk with its levels, the actions
//! treating it, its latest acceptance and its flags; each action with its risks and controls.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::{Listing, opt, refs};
use crate::domain::control::display_ref;
use crate::domain::evaluation::{is_above_criteria, latest_acceptance, review_due, risk_flags};
use crate::domain::methodology::Rating;
use crate::domain::reference::RefKind;
use crate::domain::risk::Acceptance;
use crate::domain::treatment::Action;
use crate::store::{Store, StoreError};

pub(super) fn risks(store: &Store, today: NaiveDate) -> Result<Listing, StoreError> {
    let m = store.methodology()?;
    let numbers: HashMap<i64, u32> = store.assets()?.iter().map(|a| (a.id, a.number)).collect();
    // Grouped per risk once, so that a large register is not scanned once per risk.
    let mut actions: HashMap<i64, Vec<Action>> = HashMap::new();
    for a in store.actions()? {
        for &risk in &a.risks {
            actions.entry(risk).or_default().push(a.clone());
        }
    }
    let mut acceptances: HashMap<i64, Vec<Acceptance>> = HashMap::new();
    for a in store.acceptances()? {
        acceptances.entry(a.risk).or_default().push(a);
    }
    let mut l = Listing::new(&[
        "ref",
        "title",
        "owner",
        "assets",
        "objectives",
        "inherent_likelihood",
        "inherent_impact",
        "inherent_level",
        "residual_likelihood",
        "residual_impact",
        "residual_level",
        "treatment",
        "status",
        "next_review",
        "assessed_on",
        "review_due",
        "plan_approved_by",
        "plan_approved_on",
        "actions",
        "acceptance",
        "above_criteria",
        "flags",
    ]);
    let level = |rating: Option<Rating>| opt(rating.and_then(|x| m.level(x)).map(|lv| &lv.name));
    for r in store.risks()? {
        let actions = actions.get(&r.id).map_or(&[][..], Vec::as_slice);
        let acceptances = acceptances.get(&r.id).map_or(&[][..], Vec::as_slice);
        let treating: Vec<String> = actions
            .iter()
            .filter(|a| a.treats())
            .map(|a| RefKind::Action.format(a.number))
            .collect();
        let acceptance = latest_acceptance(r.id, acceptances).map_or(Value::Null, |a| {
            json!({
                "accepted_by": a.accepted_by,
                "authority": a.authority,
                "accepted_on": a.accepted_on,
                "level": a.level,
                "until": a.until,
                "expired": a.is_expired(today),
            })
        });
        let flags = risk_flags(&m, &r, actions, acceptances, today);
        l.rows.push(vec![
            json!(RefKind::Risk.format(r.number)),
            json!(r.title),
            json!(r.owner),
            refs(RefKind::Asset, &r.assets, &numbers),
            json!(r.objectives),
            opt(r.inherent.map(|x| x.likelihood)),
            opt(r.inherent.map(|x| x.impact)),
            level(r.inherent),
            opt(r.residual.map(|x| x.likelihood)),
            opt(r.residual.map(|x| x.impact)),
            level(r.residual),
            opt(r.treatment),
            json!(r.status),
            opt(r.next_review),
            opt(r.assessed_on),
            opt(review_due(&m, &r)),
            json!(r.plan_approved_by),
            opt(r.plan_approved_on),
            json!(treating),
            acceptance,
            json!(is_above_criteria(&m, &r)),
            json!(flags.iter().map(|f| f.as_str()).collect::<Vec<_>>()),
        ]);
    }
    Ok(l)
}

pub(super) fn actions(store: &Store, today: NaiveDate) -> Result<Listing, StoreError> {
    let risk_numbers: HashMap<i64, u32> = store.risks()?.iter().map(|r| (r.id, r.number)).collect();
    let mut l = Listing::new(&[
        "ref",
        "title",
        "owner",
        "due",
        "status",
        "overdue",
        "risks",
        "controls",
        "documents",
    ]);
    let mut documents: HashMap<i64, Vec<String>> = HashMap::new();
    for d in store.documents()? {
        for action in &d.actions {
            documents.entry(*action).or_default().push(d.reference());
        }
    }
    for a in store.actions()? {
        l.rows.push(vec![
            json!(RefKind::Action.format(a.number)),
            json!(a.title),
            json!(a.owner),
            opt(a.due),
            json!(a.status),
            json!(a.is_overdue(today)),
            refs(RefKind::Risk, &a.risks, &risk_numbers),
            json!(
                a.controls
                    .iter()
                    .map(|c| display_ref(c))
                    .collect::<Vec<_>>()
            ),
            json!(documents.get(&a.id).map_or(&[][..], Vec::as_slice)),
        ]);
    }
    Ok(l)
}
