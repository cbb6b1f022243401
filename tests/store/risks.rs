//! Risks, treatment actions and acceptances in the store: update and delete with their links
//! and change log, the authority rule on acceptance, and a change of the methodology.

use isms::domain::asset::{Asset, AssetKind};
use isms::domain::methodology::{Authority, Methodology, Rating};
use isms::domain::person::{BuiltinRole, Person, RoleHeld};
use isms::domain::risk::{Acceptance, Risk, TreatmentOption};
use isms::domain::treatment::{Action, ActionStatus};
use isms::store::{Store, StoreError};

use super::{changes_of, temp};

fn rating(likelihood: u8, impact: u8) -> Option<Rating> {
    Some(Rating { likelihood, impact })
}

fn date(iso: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap()
}

/// The acceptor with each authority, as the people register has them: each holds the role
/// that carries it since 2020.
fn acceptor(authority: Authority) -> &'static str {
    match authority {
        Authority::RiskOwner => "CTO",
        Authority::Isb => "Anna Weber",
        Authority::TopManagement => "Managing Director",
        Authority::Board => "Board chair",
    }
}

/// Two assets and a risk R-001 on the first, residual 3 x 4 (high); the people who accept
/// risks, with their roles, and a second member of top management.
fn register(store: &mut Store) -> (Asset, Asset, Risk) {
    store
        .edit(|w| {
            let roles = [
                (Authority::Isb, BuiltinRole::Isb),
                (Authority::TopManagement, BuiltinRole::TopManagement),
                (Authority::Board, BuiltinRole::Board),
            ];
            let holders = roles
                .iter()
                .map(|&(a, role)| (acceptor(a), role))
                .chain([("Someone else", BuiltinRole::TopManagement)]);
            for (name, role) in holders {
                let person = w.save_person(Person::new(name))?;
                let role = w.people()?.builtin(role).map_or(0, |r| r.id);
                w.hold_role(RoleHeld {
                    person: person.id,
                    role,
                    from: date("2020-01-01"),
                    until: None,
                })?;
            }
            let a = w.insert_asset(Asset::new(AssetKind::Information, "Customer data"))?;
            let b = w.insert_asset(Asset::new(AssetKind::Software, "Dispatch app"))?;
            let r = w.insert_risk(
                Risk {
                    assets: vec![a.id],
                    owner: "CTO".into(),
                    inherent: rating(4, 5),
                    residual: rating(3, 4),
                    treatment: Some(TreatmentOption::Accept),
                    ..Risk::new("Leak of customer data")
                },
                &Methodology::default(),
            )?;
            Ok((a, b, r))
        })
        .unwrap()
}

fn acceptance(risk: i64, authority: Authority) -> Acceptance {
    Acceptance {
        id: 0,
        risk,
        accepted_by: acceptor(authority).into(),
        authority,
        accepted_on: date("2026-03-10"),
        level: "whatever the form said".into(),
        until: Some(date("2027-03-31")),
        note: String::new(),
    }
}

#[test]
fn a_risk_is_updated_with_its_assets_keeping_its_number_and_logged() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let (_, b, r) = register(&mut store);
    let m = store.methodology().unwrap();
    let changed = Risk {
        number: 99,
        title: "Leak of shipment data".into(),
        assets: vec![b.id],
        residual: rating(2, 2),
        ..r.clone()
    };
    let stored = store.edit(|w| w.update_risk(changed, &m)).unwrap();
    assert_eq!(stored.number, 1, "the number stays");
    let read = store.risk_by_id(r.id).unwrap();
    assert_eq!(read, stored);
    assert_eq!(read.assets, [b.id]);
    assert_eq!(read.residual, rating(2, 2));

    let log = changes_of(&store, "risk");
    assert_eq!(
        log.iter().map(|c| c.action.as_str()).collect::<Vec<_>>(),
        ["create", "update"]
    );
    assert_eq!(log[1].reference, "R-001");
    assert!(
        log[1]
            .before
            .as_deref()
            .unwrap()
            .contains("Leak of customer data")
    );
    assert!(
        log[1]
            .after
            .as_deref()
            .unwrap()
            .contains("Leak of shipment data")
    );

    // A refused update changes nothing; a missing risk or asset is named.
    let bad = Risk {
        residual: rating(6, 1),
        ..read.clone()
    };
    let err = store.edit(|w| w.update_risk(bad, &m)).unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(e) if e.field == "residual rating"),
        "{err}"
    );
    let orphan = Risk {
        assets: vec![b.id, 4242],
        ..read.clone()
    };
    let err = store.edit(|w| w.update_risk(orphan, &m)).unwrap_err();
    assert!(err.to_string().contains("asset #4242"), "{err}");
    let ghost = Risk {
        id: 777,
        ..read.clone()
    };
    let err = store.edit(|w| w.update_risk(ghost, &m)).unwrap_err();
    assert!(matches!(err, StoreError::Missing(_)), "{err}");
    assert_eq!(store.risk_by_id(r.id).unwrap(), read);
    assert_eq!(changes_of(&store, "risk").len(), 2);
}

#[test]
fn deleting_a_risk_logs_its_links_and_acceptances() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let (_, _, r) = register(&mut store);
    let action = store
        .edit(|w| {
            w.insert_acceptance(acceptance(r.id, Authority::TopManagement))?;
            w.insert_action(Action {
                risks: vec![r.id],
                controls: vec!["8.12".into()],
                ..Action::new("Data leakage prevention")
            })
        })
        .unwrap();
    store.edit(|w| w.delete_risk(r.id)).unwrap();
    assert!(store.risks().unwrap().is_empty());
    assert!(store.acceptances().unwrap().is_empty());
    assert!(store.action_by_id(action.id).unwrap().risks.is_empty());
    assert!(matches!(
        store.risk_by_id(r.id),
        Err(StoreError::Missing(_))
    ));
    let log = changes_of(&store, "risk");
    let deleted = log.last().unwrap();
    assert_eq!(
        (deleted.action.as_str(), deleted.reference.as_str()),
        ("delete", "R-001")
    );
    assert!(deleted.after.is_none());
    let before: serde_json::Value =
        serde_json::from_str(deleted.before.as_deref().unwrap()).unwrap();
    assert_eq!(before["title"], "Leak of customer data");
    assert_eq!(before["asset_refs"], serde_json::json!(["AS-001"]));
    assert_eq!(before["actions"], serde_json::json!(["T-001"]));
    assert_eq!(before["acceptances"][0]["accepted_by"], "Managing Director");
    let err = store.edit(|w| w.delete_risk(r.id)).unwrap_err();
    assert!(matches!(err, StoreError::Missing(_)), "{err}");
}

#[test]
fn an_action_is_updated_with_its_links_then_deleted_and_logged() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let (_, _, r1) = register(&mut store);
    let (r2, action) = store
        .edit(|w| {
            let r2 = w.insert_risk(Risk::new("Phishing"), &Methodology::default())?;
            let action = w.insert_action(Action {
                risks: vec![r1.id],
                controls: vec!["8.1".into()],
                ..Action::new("Harden laptops")
            })?;
            Ok((r2, action))
        })
        .unwrap();
    let changed = Action {
        title: "Harden laptops and train staff".into(),
        risks: vec![r2.id],
        controls: vec!["6.3".into(), "8.1".into()],
        status: ActionStatus::Done,
        due: Some(date("2026-02-28")),
        ..action.clone()
    };
    let stored = store.edit(|w| w.update_action(changed)).unwrap();
    assert_eq!(stored.number, 1);
    let read = store.action_by_id(action.id).unwrap();
    assert_eq!(read, stored);
    assert_eq!(read.risks, [r2.id]);
    assert_eq!(read.controls, ["6.3", "8.1"]);
    assert!(
        !read.is_overdue(date("2026-03-31")),
        "done is never overdue"
    );

    let unknown = Action {
        controls: vec!["9.9".into()],
        ..read.clone()
    };
    let err = store.edit(|w| w.update_action(unknown)).unwrap_err();
    assert!(err.to_string().contains("'9.9'"), "{err}");
    assert_eq!(store.action_by_id(action.id).unwrap(), read);

    store.edit(|w| w.delete_action(action.id)).unwrap();
    assert!(store.actions().unwrap().is_empty());
    assert_eq!(store.risks().unwrap().len(), 2, "risks stay");
    let log = changes_of(&store, "action");
    assert_eq!(
        log.iter().map(|c| c.action.as_str()).collect::<Vec<_>>(),
        ["create", "update", "delete"]
    );
    assert!(log.iter().all(|c| c.reference == "T-001"));
    assert!(log[1].before.as_deref().unwrap().contains("\"8.1\""));
    let before: serde_json::Value =
        serde_json::from_str(log[2].before.as_deref().unwrap()).unwrap();
    assert_eq!(before["risk_refs"], serde_json::json!(["R-002"]));
    assert_eq!(before["controls"], serde_json::json!(["6.3", "8.1"]));
    assert!(matches!(
        store.action_by_id(action.id),
        Err(StoreError::Missing(_))
    ));
}

#[test]
fn an_acceptance_without_enough_authority_is_refused_and_nothing_written() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let (_, _, r) = register(&mut store);
    let changes = store.changes().unwrap().len();
    let err = store
        .edit(|w| w.insert_acceptance(acceptance(r.id, Authority::Isb)))
        .unwrap_err();
    match &err {
        StoreError::Invalid(e) => {
            assert_eq!(e.field, "accepted by");
            assert_eq!(
                e.message,
                "Anna Weber has the authority of the information security officer on \
                 2026-03-10; a high risk must be accepted by top management or higher"
            );
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    let unassessed = store
        .edit(|w| w.insert_risk(Risk::new("Not yet rated"), &Methodology::default()))
        .unwrap();
    let changes = changes + 1;
    let err = store
        .edit(|w| w.insert_acceptance(acceptance(unassessed.id, Authority::Board)))
        .unwrap_err();
    assert_eq!(err.to_string(), "risk: assess the risk before accepting it");
    let err = store
        .edit(|w| w.insert_acceptance(acceptance(4242, Authority::Board)))
        .unwrap_err();
    assert!(matches!(err, StoreError::Missing(_)), "{err}");
    assert!(store.acceptances().unwrap().is_empty());
    assert_eq!(store.changes().unwrap().len(), changes);
}

#[test]
fn a_recorded_acceptance_cannot_be_changed_only_a_new_one_recorded() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let (_, _, r) = register(&mut store);
    let stored = store
        .edit(|w| w.insert_acceptance(acceptance(r.id, Authority::TopManagement)))
        .unwrap();
    let changes = store.changes().unwrap().len();
    let changed = Acceptance {
        accepted_by: "Someone else".into(),
        until: Some(date("2030-12-31")),
        ..stored.clone()
    };
    let err = store
        .edit(|w| w.insert_acceptance(changed.clone()))
        .unwrap_err();
    match &err {
        StoreError::Invalid(e) => {
            assert_eq!(e.field, isms::domain::risk::acceptance_field::ACCEPTED_BY);
            assert!(e.message.contains("add a new one"), "{e}");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(store.acceptances().unwrap(), std::slice::from_ref(&stored));
    assert_eq!(store.changes().unwrap().len(), changes);
    // A new acceptance is the way: both records stay.
    let renewed = store
        .edit(|w| w.insert_acceptance(Acceptance { id: 0, ..changed }))
        .unwrap();
    assert_ne!(renewed.id, stored.id);
    assert_eq!(store.acceptances().unwrap().len(), 2);
}

#[test]
fn an_acceptance_with_exactly_the_required_authority_records_the_level() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let (_, _, r) = register(&mut store);
    let stored = store
        .edit(|w| w.insert_acceptance(acceptance(r.id, Authority::TopManagement)))
        .unwrap();
    assert_eq!(stored.level, "high", "the level comes from the methodology");
    assert_eq!(store.acceptances().unwrap(), std::slice::from_ref(&stored));
    // Deleting a record of a decision says why; without a reason nothing is deleted.
    let err = store
        .edit(|w| w.delete_acceptance(stored.id, " "))
        .unwrap_err();
    assert!(err.to_string().contains("reason for deletion"), "{err}");
    assert_eq!(store.acceptances().unwrap().len(), 1);
    store
        .edit(|w| w.delete_acceptance(stored.id, "recorded for the wrong risk"))
        .unwrap();
    assert!(store.acceptances().unwrap().is_empty());
    let log = changes_of(&store, "acceptance");
    assert_eq!(
        log.iter().map(|c| c.action.as_str()).collect::<Vec<_>>(),
        ["create", "delete"]
    );
    assert!(log.iter().all(|c| c.reference == "R-001"));
    let deleted = log[1].before.as_deref().unwrap();
    assert!(deleted.contains("top_management"), "{deleted}");
    assert!(
        deleted.contains(r#""deletion_reason":"recorded for the wrong risk""#),
        "{deleted}"
    );
    let err = store
        .edit(|w| w.delete_acceptance(stored.id, "again"))
        .unwrap_err();
    assert!(matches!(err, StoreError::Missing(_)), "{err}");
}

/// R-001 residual 3 x 4 (high), R-002 residual 2 x 3 (medium), R-003 not assessed.
fn three_risks(store: &mut Store) -> Vec<Risk> {
    let m = store.methodology().unwrap();
    store
        .edit(|w| {
            [
                (rating(4, 5), rating(3, 4)),
                (rating(3, 3), rating(2, 3)),
                (None, None),
            ]
            .into_iter()
            .enumerate()
            .map(|(i, (inherent, residual))| {
                w.insert_risk(
                    Risk {
                        inherent,
                        residual,
                        ..Risk::new(&format!("Risk {i}"))
                    },
                    &m,
                )
            })
            .collect()
        })
        .unwrap()
}

#[test]
fn a_methodology_change_reports_and_applies_the_new_levels() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let risks = three_risks(&mut store);
    let level = |store: &Store, id: i64| {
        let m = store.methodology().unwrap();
        let r = store.risk_by_id(id).unwrap();
        m.level(r.residual.unwrap()).unwrap().name.clone()
    };
    assert_eq!(level(&store, risks[0].id), "high");

    let mut m = store.methodology().unwrap();
    m.matrix[2][3] = 1; // 3 x 4: high → medium
    let summary = store.edit(|w| w.change_methodology(m.clone())).unwrap();
    assert_eq!(summary, "1 of 3 risks changed level");
    assert_eq!(store.methodology().unwrap(), m);
    assert_eq!(level(&store, risks[0].id), "medium");
    assert_eq!(level(&store, risks[1].id), "medium");
    let setting = changes_of(&store, "setting");
    assert_eq!(setting.last().unwrap().reference, "methodology");
    assert_eq!(setting.last().unwrap().action, "update");

    let summary = store.edit(|w| w.change_methodology(m.clone())).unwrap();
    assert_eq!(summary, "no risk changed level");

    // An invalid methodology is refused, naming the field, and nothing changes.
    let err = store
        .edit(|w| w.change_methodology(m.clone().resized(2, 5)))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(e) if e.field == "likelihood scale"),
        "{err}"
    );
    assert_eq!(store.methodology().unwrap(), m);
}

#[test]
fn resizing_the_methodology_moves_every_rating_onto_the_new_scales() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let risks = three_risks(&mut store);
    let small = store.methodology().unwrap().resized(3, 3);
    let summary = store.edit(|w| w.change_methodology(small.clone())).unwrap();
    assert_eq!(
        summary,
        "5x5 → 3x3, ratings moved to the nearest step; 2 of 3 risks changed level"
    );
    let r0 = store.risk_by_id(risks[0].id).unwrap();
    assert_eq!((r0.inherent, r0.residual), (rating(3, 3), rating(2, 3)));
    let r1 = store.risk_by_id(risks[1].id).unwrap();
    assert_eq!((r1.inherent, r1.residual), (rating(2, 2), rating(2, 2)));
    assert_eq!(store.risk_by_id(risks[2].id).unwrap().residual, None);
    // Every stored rating fits the new scales, so the risks can be edited again.
    for r in store.risks().unwrap() {
        assert!(r.clone().validated(&small).is_ok(), "{r:?}");
    }
    let rerated: Vec<_> = changes_of(&store, "risk")
        .into_iter()
        .filter(|c| c.action == "rerate")
        .map(|c| c.reference)
        .collect();
    assert_eq!(rerated, ["R-001", "R-002"]);
}

#[test]
fn saving_a_risk_dates_its_assessment_and_keeps_the_plans_approval() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let (_, _, r) = register(&mut store);
    let m = store.methodology().unwrap();
    assert_eq!(r.assessed_on, None, "inserted as given");
    // Saved unchanged without confirming: the date stays as it was.
    let kept = store
        .edit(|w| w.save_risk(r.clone(), &m, date("2026-03-01"), false))
        .unwrap();
    assert_eq!(kept.assessed_on, None);
    // Saved as the form saves it: the assessment is confirmed today.
    let confirmed = store
        .edit(|w| w.save_risk(r.clone(), &m, date("2026-03-02"), true))
        .unwrap();
    assert_eq!(confirmed.assessed_on, Some(date("2026-03-02")));
    // Ratings changed: dated today even without confirming.
    let rerated = Risk {
        residual: rating(2, 2),
        plan_approved_by: "CTO".into(),
        plan_approved_on: Some(date("2026-03-03")),
        ..confirmed
    };
    let stored = store
        .edit(|w| w.save_risk(rerated, &m, date("2026-03-04"), false))
        .unwrap();
    assert_eq!(stored.assessed_on, Some(date("2026-03-04")));
    let read = store.risk_by_id(r.id).unwrap();
    assert_eq!(read, stored);
    assert_eq!(
        (read.plan_approved_by.as_str(), read.plan_approved_on),
        ("CTO", Some(date("2026-03-03")))
    );
    // A new rated risk is assessed the day it is saved.
    let new = store
        .edit(|w| {
            w.save_risk(
                Risk {
                    inherent: rating(1, 1),
                    ..Risk::new("Spilled coffee")
                },
                &m,
                date("2026-03-05"),
                true,
            )
        })
        .unwrap();
    assert_eq!(new.assessed_on, Some(date("2026-03-05")));
}
