use super::*;
use crate::Clock;
use crate::domain::asset::{Asset, AssetKind};
use crate::domain::methodology::{Authority, Rating};
use crate::domain::person::BuiltinRole;
use crate::domain::risk::{Acceptance, Risk};
use crate::store::UserFixed;

fn day(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

/// An empty workspace edited by `ines` on 2026-03-31.
fn workspace(dir: &tempfile::TempDir) -> (Store, UserFixed) {
    let fixed = UserFixed::as_user("ines");
    let path = dir.path().join("p.isms");
    let store = Store::create_with_clock(&path, "Acme GmbH", None, Clock::Fixed(day("2026-03-31")))
        .unwrap();
    (store, fixed)
}

#[test]
fn a_name_typed_in_any_register_is_a_person_of_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _fixed) = workspace(&dir);
    let asset = store
        .edit(|w| {
            w.insert_asset(Asset {
                owner: " Anna Berger ".into(),
                ..Asset::new(AssetKind::Information, "Customer data")
            })
        })
        .unwrap();
    assert_eq!(asset.owner, "Anna Berger");
    // The same person typed in another case is the same person, spelt as the register has it.
    let other = store
        .edit(|w| {
            w.insert_asset(Asset {
                owner: "anna berger".into(),
                ..Asset::new(AssetKind::Software, "CRM")
            })
        })
        .unwrap();
    assert_eq!(other.owner, "Anna Berger");
    let people = store.people().unwrap();
    let names: Vec<_> = people
        .people
        .iter()
        .map(|p| format!("{} {}", p.reference(), p.name))
        .collect();
    assert_eq!(names, ["P-001 Anna Berger"]);
    let log = store.changes().unwrap();
    assert!(
        log.iter()
            .any(|c| c.entity == "person" && c.reference == "P-001" && c.action == "create")
    );
}

#[test]
fn renaming_a_person_renames_every_reference_and_a_named_person_is_not_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _fixed) = workspace(&dir);
    store
        .edit(|w| {
            w.insert_asset(Asset {
                owner: "Anna Bergr".into(),
                ..Asset::new(AssetKind::Information, "Customer data")
            })?;
            w.start_workshop("Ratings", vec!["Anna Bergr".into(), "Jonas Klein".into()])
        })
        .unwrap();
    let anna = store.people().unwrap().named("anna bergr").unwrap().clone();
    store
        .edit(|w| {
            w.save_person(Person {
                name: "Anna Berger".into(),
                function: "Head of Sales".into(),
                ..anna.clone()
            })
        })
        .unwrap();
    assert_eq!(store.assets().unwrap()[0].owner, "Anna Berger");
    assert_eq!(
        store.workshops().unwrap()[0].attendees,
        ["Anna Berger", "Jonas Klein"]
    );
    // Another person may not take the same name.
    let jonas = store
        .people()
        .unwrap()
        .named("Jonas Klein")
        .unwrap()
        .clone();
    let clash = store
        .edit(|w| {
            w.save_person(Person {
                name: "ANNA BERGER".into(),
                ..jonas.clone()
            })
        })
        .unwrap_err();
    assert!(clash.to_string().contains("P-001 already"), "{clash}");
    // Named as an owner: kept, and told to leave instead.
    let refused = store.edit(|w| w.delete_person(anna.id)).unwrap_err();
    assert!(
        refused.to_string().contains("the day they left"),
        "{refused}"
    );
    assert_eq!(store.people().unwrap().people.len(), 2);
}

/// A risk rated medium (L2 × I3 under the default methodology) owned by Anna Berger.
fn medium_risk(store: &mut Store) -> Risk {
    let m = store.methodology().unwrap();
    store
        .edit(|w| {
            w.insert_risk(
                Risk {
                    owner: "Anna Berger".into(),
                    inherent: Some(Rating {
                        likelihood: 2,
                        impact: 3,
                    }),
                    ..Risk::new("Data leak")
                },
                &m,
            )
        })
        .unwrap()
}

fn acceptance(risk: &Risk, by: &str, authority: Authority) -> Acceptance {
    Acceptance {
        id: 0,
        risk: risk.id,
        accepted_by: by.into(),
        authority,
        accepted_on: day("2026-03-31"),
        level: String::new(),
        until: None,
        note: String::new(),
    }
}

#[test]
fn an_acceptance_is_decided_by_the_roles_held_whatever_authority_is_passed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _fixed) = workspace(&dir);
    let risk = medium_risk(&mut store);
    let level = store.methodology().unwrap();
    let level = level.level(risk.current_rating().unwrap()).unwrap();
    assert_eq!(
        level.authority,
        Authority::Isb,
        "the test needs a medium risk"
    );
    // Anna owns the risk, declared as ISB: refused, the form's authority is not trusted.
    let refused = store
        .edit(|w| w.insert_acceptance(acceptance(&risk, "Anna Berger", Authority::Isb)))
        .unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("information security officer or higher"),
        "{refused}"
    );
    // Once she holds the ISB role from a day before, her acceptance stands, as the ISB.
    let anna = store
        .people()
        .unwrap()
        .named("Anna Berger")
        .unwrap()
        .clone();
    let isb = store
        .people()
        .unwrap()
        .builtin(BuiltinRole::Isb)
        .unwrap()
        .id;
    store
        .edit(|w| {
            w.hold_role(RoleHeld {
                person: anna.id,
                role: isb,
                from: day("2026-01-01"),
                until: None,
            })
        })
        .unwrap();
    let accepted = store
        .edit(|w| w.insert_acceptance(acceptance(&risk, "anna berger", Authority::RiskOwner)))
        .unwrap();
    assert_eq!(accepted.authority, Authority::Isb);
    assert_eq!(accepted.accepted_by, "Anna Berger");
}

#[test]
fn competence_records_and_roles_held_are_kept_per_person() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _fixed) = workspace(&dir);
    let jonas = store
        .edit(|w| w.save_person(Person::new("Jonas Klein")))
        .unwrap();
    let auditor = store
        .people()
        .unwrap()
        .builtin(BuiltinRole::InternalAuditor)
        .unwrap()
        .id;
    let record = store
        .edit(|w| {
            w.hold_role(RoleHeld {
                person: jonas.id,
                role: auditor,
                from: day("2026-02-01"),
                until: None,
            })?;
            w.save_competence_record(CompetenceRecord {
                id: 0,
                person: jonas.id,
                role: Some(auditor),
                kind: crate::domain::person::CompetenceKind::Qualification,
                topic: "ISO 27001 internal auditor".into(),
                on: day("2026-01-20"),
                evidence: "Certificate in the HR file".into(),
                valid_until: None,
            })
        })
        .unwrap();
    assert_eq!(
        store.competence_records().unwrap(),
        std::slice::from_ref(&record)
    );
    let people = store.people().unwrap();
    assert!(people.holds(
        &people.people[0],
        BuiltinRole::InternalAuditor,
        day("2026-02-01")
    ));
    store
        .edit(|w| {
            w.remove_role_held(&RoleHeld {
                person: jonas.id,
                role: auditor,
                from: day("2026-02-01"),
                until: None,
            })?;
            w.delete_competence_record(record.id)
        })
        .unwrap();
    assert!(store.people().unwrap().held.is_empty());
    assert!(store.competence_records().unwrap().is_empty());
    // The change log names the person and the role, not their row ids, so that the history
    // reads as the screens do.
    let log = store.changes().unwrap();
    let held = log.iter().find(|c| c.entity == "role_held").unwrap();
    let after = held.after.as_deref().unwrap();
    assert!(after.contains(r#""person":"Jonas Klein""#), "{after}");
    assert!(after.contains(r#""role":"Internal auditor""#), "{after}");
    let recorded = log.iter().find(|c| c.entity == "competence").unwrap();
    let after = recorded.after.as_deref().unwrap();
    assert!(after.contains(r#""person":"Jonas Klein""#), "{after}");
    assert!(after.contains(r#""role":"Internal auditor""#), "{after}");
    // A record for nobody names the field.
    let orphan = store
        .edit(|w| {
            w.save_competence_record(CompetenceRecord {
                person: 999,
                ..record.clone()
            })
        })
        .unwrap_err();
    assert!(orphan.to_string().contains("person"), "{orphan}");
}
