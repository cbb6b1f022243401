//! The store on real files: seeding, one transaction per edit with its change-log row, rollback
//! of refused edits, migration with a backup, read-only access.

use isms::domain::asset::{Asset, AssetKind, Dependency};
use isms::domain::methodology::Methodology;
use isms::domain::protection::{Objective, ProtectionNeed, ProtectionScale, ScaleLevel};
use isms::domain::risk::Risk;
use isms::domain::scope::{ScopeItem, ScopeItemKind};
use isms::domain::soa::Applicability;
use isms::store::{Change, Store, StoreError};

mod common;

#[path = "store/audits.rs"]
mod audits;
#[path = "store/baselines.rs"]
mod baselines;
#[path = "store/migration.rs"]
mod migration;
#[path = "store/reviews.rs"]
mod reviews;
#[path = "store/risks.rs"]
mod risks;
#[path = "store/soa.rs"]
mod soa;

fn temp() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.isms");
    (dir, path)
}

#[test]
fn a_new_workspace_is_seeded_and_reopens() {
    let (_dir, path) = temp();
    drop(Store::create(&path, "Acme GmbH").unwrap());
    let store = Store::open(&path).unwrap();
    assert_eq!(store.organisation().unwrap(), "Acme GmbH");
    assert_eq!(store.controls().unwrap().len(), 93);
    let soa = store.soa().unwrap();
    assert_eq!(soa.len(), 93);
    assert!(
        soa.iter()
            .all(|e| e.applicability == Applicability::Undecided)
    );
    assert_eq!(store.clauses().unwrap().len(), 41);
    assert_eq!(store.methodology().unwrap().levels.len(), 4);
    assert_eq!(store.protection_scale().unwrap().levels.len(), 3);
    assert_eq!(store.schema_version().unwrap(), 11);
    assert!(store.questions().unwrap().is_empty());
}

#[test]
fn every_edit_is_logged_with_before_and_after() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let item = store
        .edit(|w| w.insert_scope_item(ScopeItem::new(ScopeItemKind::Location, "HQ Bremen")))
        .unwrap();
    assert_eq!(item.number, 1);
    let renamed = ScopeItem {
        name: "Headquarters Bremen".into(),
        ..item.clone()
    };
    store.edit(|w| w.update_scope_item(renamed)).unwrap();
    store.edit(|w| w.delete_scope_item(item.id)).unwrap();

    let log: Vec<_> = store
        .changes()
        .unwrap()
        .into_iter()
        .filter(|c| c.entity == "scope_item")
        .collect();
    assert_eq!(
        log.iter().map(|c| c.action.as_str()).collect::<Vec<_>>(),
        ["create", "update", "delete"]
    );
    assert!(log.iter().all(|c| c.reference == "S-001"));
    assert!(log[1].before.as_deref().unwrap().contains("HQ Bremen"));
    assert!(
        log[1]
            .after
            .as_deref()
            .unwrap()
            .contains("Headquarters Bremen")
    );
    assert!(log[2].after.is_none());
    assert!(!log[0].who.is_empty());
    assert!(store.scope_items().unwrap().is_empty());
}

#[test]
fn a_refused_edit_leaves_nothing_behind() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let changes_before = store.changes().unwrap().len();
    let result = store.edit(|w| {
        w.insert_asset(Asset::new(AssetKind::Information, "Customer data"))?;
        w.insert_asset(Asset::new(AssetKind::Information, "bad\u{7}name"))
    });
    match result {
        Err(StoreError::Invalid(e)) => assert_eq!(e.field, "name"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert!(
        store.assets().unwrap().is_empty(),
        "the first insert must be rolled back too"
    );
    assert_eq!(store.changes().unwrap().len(), changes_before);
}

#[test]
fn dependencies_refuse_cycles() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let (a, b) = store
        .edit(|w| {
            let a = w.insert_asset(Asset::new(AssetKind::Process, "Dispatch"))?;
            let b = w.insert_asset(Asset::new(AssetKind::Software, "Dispatch app"))?;
            w.add_dependency(Dependency {
                asset: a.id,
                depends_on: b.id,
            })?;
            Ok((a, b))
        })
        .unwrap();
    let err = store
        .edit(|w| {
            w.add_dependency(Dependency {
                asset: b.id,
                depends_on: a.id,
            })
        })
        .unwrap_err();
    match err {
        StoreError::Invalid(e) => {
            assert_eq!(e.field, "depends on");
            assert_eq!(
                e.message,
                "this would create a cycle: AS-002 Dispatch app → AS-001 Dispatch → AS-002 Dispatch app"
            );
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(store.dependencies().unwrap().len(), 1);
}

#[test]
fn a_longer_cycle_is_named_through_every_asset_on_it() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let ids = store
        .edit(|w| {
            let mut ids = Vec::new();
            for (kind, name) in [
                (AssetKind::Process, "Dispatch"),
                (AssetKind::Software, "Dispatch app"),
                (AssetKind::Hardware, "Server"),
                (AssetKind::Site, "Server room"),
                (AssetKind::Network, "Unrelated LAN"),
            ] {
                ids.push(w.insert_asset(Asset::new(kind, name))?.id);
            }
            for (a, b) in [(0, 1), (1, 2), (2, 3), (0, 4)] {
                w.add_dependency(Dependency {
                    asset: ids[a],
                    depends_on: ids[b],
                })?;
            }
            Ok(ids)
        })
        .unwrap();
    let err = store
        .edit(|w| {
            w.add_dependency(Dependency {
                asset: ids[3],
                depends_on: ids[1],
            })
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "depends on: this would create a cycle: AS-004 Server room → AS-002 Dispatch app → AS-003 Server → AS-004 Server room"
    );
    let err = store
        .edit(|w| {
            w.add_dependency(Dependency {
                asset: ids[0],
                depends_on: 999,
            })
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Missing(_)), "{err}");
    assert_eq!(store.dependencies().unwrap().len(), 4);
}

fn changes_of(store: &Store, entity: &str) -> Vec<Change> {
    store
        .changes()
        .unwrap()
        .into_iter()
        .filter(|c| c.entity == entity)
        .collect()
}

fn need(asset: i64, objective: Objective, level: u8, rationale: &str) -> ProtectionNeed {
    ProtectionNeed {
        asset,
        objective,
        level,
        rationale: rationale.into(),
        rationale_stale: false,
    }
}

/// A process (AS-001) on an application (AS-002) on a server (AS-003), the process rated for
/// confidentiality, and a risk R-001 against the process and the application.
fn small_inventory(store: &mut Store) -> (Asset, Asset, Asset) {
    let scale = store.protection_scale().unwrap();
    store
        .edit(|w| {
            let process = w.insert_asset(Asset::new(AssetKind::Process, "Dispatch"))?;
            let app = w.insert_asset(Asset::new(AssetKind::Software, "Dispatch app"))?;
            let server = w.insert_asset(Asset::new(AssetKind::Hardware, "Server"))?;
            for (a, b) in [(&process, &app), (&app, &server)] {
                w.add_dependency(Dependency {
                    asset: a.id,
                    depends_on: b.id,
                })?;
            }
            w.set_protection_need(
                need(process.id, Objective::Confidentiality, 2, "Customer orders"),
                &scale,
            )?;
            w.insert_risk(
                Risk {
                    assets: vec![process.id, app.id],
                    ..Risk::new("Ransomware on the dispatch app")
                },
                &Methodology::default(),
            )?;
            Ok((process, app, server))
        })
        .unwrap()
}

#[test]
fn an_asset_is_updated_keeping_its_number_and_logged() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let (process, ..) = small_inventory(&mut store);
    let edited = Asset {
        name: "  Dispatch planning ".into(),
        owner: "Head of Operations".into(),
        number: 77,
        ..process.clone()
    };
    let saved = store.edit(|w| w.update_asset(edited)).unwrap();
    assert_eq!(
        (saved.name.as_str(), saved.number),
        ("Dispatch planning", 1)
    );
    assert_eq!(store.asset_by_id(process.id).unwrap(), saved);

    let log = changes_of(&store, "asset");
    let update = log.last().unwrap();
    assert_eq!(
        (update.action.as_str(), update.reference.as_str()),
        ("update", "AS-001")
    );
    assert!(update.before.as_deref().unwrap().contains("\"Dispatch\""));
    assert!(
        update
            .after
            .as_deref()
            .unwrap()
            .contains("Head of Operations")
    );

    let before = store.changes().unwrap().len();
    let bad = Asset {
        name: " ".into(),
        ..saved.clone()
    };
    let err = store.edit(|w| w.update_asset(bad)).unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(e) if e.field == "name"),
        "{err}"
    );
    let ghost = Asset {
        id: 999,
        ..saved.clone()
    };
    let err = store.edit(|w| w.update_asset(ghost)).unwrap_err();
    assert!(matches!(err, StoreError::Missing(_)), "{err}");
    assert_eq!(store.changes().unwrap().len(), before);
    assert!(matches!(
        store.asset_by_id(999),
        Err(StoreError::Missing(_))
    ));
}

#[test]
fn a_rated_asset_cannot_become_supporting_with_unjustified_needs() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let scale = store.protection_scale().unwrap();
    let info = store
        .edit(|w| {
            let info = w.insert_asset(Asset::new(AssetKind::Information, "Orders"))?;
            w.set_protection_need(need(info.id, Objective::Availability, 3, ""), &scale)?;
            Ok(info)
        })
        .unwrap();
    let as_hardware = Asset {
        kind: AssetKind::Hardware,
        ..info.clone()
    };
    let err = store
        .edit(|w| w.update_asset(as_hardware.clone()))
        .unwrap_err();
    match &err {
        StoreError::Invalid(e) => {
            assert_eq!(e.field, "kind");
            assert!(e.message.contains("availability"), "{e}");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(
        store.asset_by_id(info.id).unwrap().kind,
        AssetKind::Information
    );
    // With the need justified the change goes through.
    store
        .edit(|w| {
            w.set_protection_need(
                need(
                    info.id,
                    Objective::Availability,
                    3,
                    "Orders stop without it.",
                ),
                &scale,
            )?;
            w.update_asset(as_hardware)
        })
        .unwrap();
    assert_eq!(
        store.asset_by_id(info.id).unwrap().kind,
        AssetKind::Hardware
    );
}

#[test]
fn deleting_an_asset_takes_its_links_along_and_logs_them() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let (process, app, server) = small_inventory(&mut store);
    assert_eq!(
        store.risks_referring_to_asset(app.id).unwrap(),
        ["R-001 Ransomware on the dispatch app"]
    );
    assert!(
        store
            .risks_referring_to_asset(server.id)
            .unwrap()
            .is_empty()
    );

    store.edit(|w| w.delete_asset(process.id)).unwrap();
    assert_eq!(
        store
            .assets()
            .unwrap()
            .iter()
            .map(|a| a.number)
            .collect::<Vec<_>>(),
        [2, 3]
    );
    assert_eq!(
        store.dependencies().unwrap(),
        [Dependency {
            asset: app.id,
            depends_on: server.id
        }]
    );
    assert!(store.protection_needs().unwrap().is_empty());
    assert_eq!(store.risks().unwrap()[0].assets, [app.id]);

    let delete = changes_of(&store, "asset").pop().unwrap();
    assert_eq!(
        (delete.action.as_str(), delete.reference.as_str()),
        ("delete", "AS-001")
    );
    assert!(delete.after.is_none());
    let before: serde_json::Value =
        serde_json::from_str(delete.before.as_deref().unwrap()).unwrap();
    assert_eq!(before["name"], "Dispatch");
    assert_eq!(before["depends_on"], serde_json::json!(["AS-002"]));
    assert_eq!(before["used_by"], serde_json::json!([]));
    assert_eq!(before["protection_needs"][0]["level"], 2);
    assert_eq!(
        before["risks"],
        serde_json::json!(["R-001 Ransomware on the dispatch app"])
    );
    assert_eq!(before["questions"], serde_json::json!([]));

    let err = store.edit(|w| w.delete_asset(process.id)).unwrap_err();
    assert!(matches!(err, StoreError::Missing(_)), "{err}");
}

#[test]
fn a_dependency_is_removed_once_then_missing() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let (process, app, _) = small_inventory(&mut store);
    let edge = Dependency {
        asset: process.id,
        depends_on: app.id,
    };
    store.edit(|w| w.remove_dependency(edge)).unwrap();
    assert_eq!(store.dependencies().unwrap().len(), 1);
    let log = changes_of(&store, "dependency");
    let last = log.last().unwrap();
    assert_eq!(
        (last.action.as_str(), last.reference.as_str()),
        ("delete", "AS-001")
    );
    let before = store.changes().unwrap().len();
    let err = store.edit(|w| w.remove_dependency(edge)).unwrap_err();
    assert!(matches!(err, StoreError::Missing(_)), "{err}");
    assert_eq!(store.changes().unwrap().len(), before);
}

#[test]
fn clearing_a_need_logs_only_what_it_removed() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let (process, ..) = small_inventory(&mut store);
    store
        .edit(|w| w.clear_protection_need(process.id, Objective::Confidentiality))
        .unwrap();
    assert!(store.protection_needs().unwrap().is_empty());
    let clear = changes_of(&store, "protection_need").pop().unwrap();
    assert_eq!(
        (clear.action.as_str(), clear.reference.as_str()),
        ("clear", "AS-001")
    );
    assert!(clear.before.as_deref().unwrap().contains("Customer orders"));
    assert!(clear.after.is_none());

    let before = store.changes().unwrap().len();
    store
        .edit(|w| w.clear_protection_need(process.id, Objective::Confidentiality))
        .unwrap();
    store
        .edit(|w| w.clear_protection_need(process.id, Objective::Integrity))
        .unwrap();
    assert_eq!(
        store.changes().unwrap().len(),
        before,
        "nothing removed, nothing logged"
    );
}

#[test]
fn an_override_without_justification_is_refused_and_nothing_written() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let (_, app, _) = small_inventory(&mut store);
    let scale = store.protection_scale().unwrap();
    let needs_before = store.protection_needs().unwrap();
    let changes_before = store.changes().unwrap().len();
    let err = store
        .edit(|w| w.set_protection_need(need(app.id, Objective::Availability, 1, "  "), &scale))
        .unwrap_err();
    match err {
        StoreError::Invalid(e) => {
            assert_eq!(e.field, "rationale");
            assert_eq!(
                e.message,
                "an override needs a justification (cumulation or distribution effect)"
            );
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(store.protection_needs().unwrap(), needs_before);
    assert_eq!(store.changes().unwrap().len(), changes_before);

    let justified = need(
        app.id,
        Objective::Availability,
        1,
        "Distribution: runs twice.",
    );
    store
        .edit(|w| w.set_protection_need(justified.clone(), &scale))
        .unwrap();
    assert!(store.protection_needs().unwrap().contains(&justified));
    let set = changes_of(&store, "protection_need").pop().unwrap();
    assert_eq!(
        (set.action.as_str(), set.reference.as_str()),
        ("set", "AS-002")
    );
    let err = store
        .edit(|w| w.set_protection_need(need(999, Objective::Availability, 1, "x"), &scale))
        .unwrap_err();
    assert!(matches!(err, StoreError::Missing(_)), "{err}");
}

fn four_levels() -> ProtectionScale {
    let level = |name: &str, definition: &str| ScaleLevel {
        name: name.into(),
        definition: definition.into(),
    };
    ProtectionScale {
        levels: vec![
            level("normal", "Limited damage."),
            level("medium", "Noticeable damage."),
            level("high", "Considerable damage."),
            level("very high", "Existence-threatening damage."),
        ],
    }
}

#[test]
fn a_new_scale_remaps_every_stored_rating_in_the_file() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let scale = store.protection_scale().unwrap();
    store
        .edit(|w| {
            let mut ids = Vec::new();
            for name in ["Orders", "Contracts", "Payroll"] {
                ids.push(w.insert_asset(Asset::new(AssetKind::Information, name))?.id);
            }
            let server = w.insert_asset(Asset::new(AssetKind::Hardware, "Server"))?;
            w.add_dependency(Dependency {
                asset: ids[0],
                depends_on: server.id,
            })?;
            for (i, &id) in ids.iter().enumerate() {
                for (o, objective) in Objective::TRIAD.into_iter().enumerate() {
                    let level = ((i + o) % 3 + 1) as u8;
                    w.set_protection_need(need(id, objective, level, "rated"), &scale)?;
                }
            }
            w.set_protection_need(
                need(
                    server.id,
                    Objective::Integrity,
                    3,
                    "Cumulation: all orders.",
                ),
                &scale,
            )?;
            Ok(())
        })
        .unwrap();
    let before = store.protection_needs().unwrap();
    let summary = store
        .edit(|w| w.change_protection_scale(four_levels()))
        .unwrap();
    assert_eq!(
        summary,
        "3 levels → 4 levels: 7 ratings mapped (high → high: 3, very high → very high: 4), 3 unchanged"
    );
    drop(store);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.protection_scale().unwrap(), four_levels());
    let after = store.protection_needs().unwrap();
    assert_eq!(after.len(), before.len());
    for (old, new) in before.iter().zip(&after) {
        assert_eq!(
            (old.asset, old.objective, &old.rationale),
            (new.asset, new.objective, &new.rationale)
        );
        assert_eq!(new.level, [0, 1, 3, 4][usize::from(old.level)], "{old:?}");
    }
    let remaps: Vec<Change> = changes_of(&store, "protection_need")
        .into_iter()
        .filter(|c| c.action == "remap")
        .collect();
    assert_eq!(remaps.len(), 7);
    assert!(remaps.iter().any(|c| c.reference == "AS-004"));
    let setting = changes_of(&store, "setting").pop().unwrap();
    assert_eq!(
        (setting.reference.as_str(), setting.action.as_str()),
        ("protection_scale", "update")
    );
    assert!(setting.after.as_deref().unwrap().contains("medium"));
}

#[test]
fn a_scale_change_back_and_a_refused_scale() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let (process, ..) = small_inventory(&mut store);
    store
        .edit(|w| w.change_protection_scale(four_levels()))
        .unwrap();
    let summary = store
        .edit(|w| w.change_protection_scale(ProtectionScale::default()))
        .unwrap();
    assert_eq!(
        summary,
        "4 levels → 3 levels: 1 rating mapped (high → high: 1), 0 unchanged"
    );
    assert_eq!(store.protection_needs().unwrap()[0].level, 2);

    let mut renamed = ProtectionScale::default();
    renamed.levels[1].name = "elevated".into();
    let summary = store.edit(|w| w.change_protection_scale(renamed)).unwrap();
    assert_eq!(summary, "names and definitions changed; no rating changed");
    assert_eq!(store.protection_scale().unwrap().levels[1].name, "elevated");

    let changes = store.changes().unwrap().len();
    let mut two = ProtectionScale::default();
    two.levels.pop();
    let err = store.edit(|w| w.change_protection_scale(two)).unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(e) if e.field == "scale"),
        "{err}"
    );
    assert_eq!(store.protection_scale().unwrap().levels.len(), 3);
    assert_eq!(store.changes().unwrap().len(), changes);
    assert_eq!(store.protection_needs().unwrap()[0].asset, process.id);
}

#[test]
fn objectives_are_chosen_ordered_and_never_none() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    assert_eq!(store.objectives().unwrap(), Objective::TRIAD);
    let chosen = store
        .edit(|w| {
            w.set_objectives(&[
                Objective::Privacy,
                Objective::Availability,
                Objective::Confidentiality,
                Objective::Privacy,
                Objective::Integrity,
            ])
        })
        .unwrap();
    let expected = [
        Objective::Confidentiality,
        Objective::Integrity,
        Objective::Availability,
        Objective::Privacy,
    ];
    assert_eq!(chosen, expected);
    assert_eq!(store.objectives().unwrap(), expected);
    let setting = changes_of(&store, "setting").pop().unwrap();
    assert_eq!(
        (setting.reference.as_str(), setting.action.as_str()),
        ("objectives", "update")
    );

    let err = store.edit(|w| w.set_objectives(&[])).unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(e) if e.field == "objectives"),
        "{err}"
    );
    assert_eq!(store.objectives().unwrap(), expected);
}

#[test]
fn an_action_naming_an_unknown_control_is_refused_by_name() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let mut action = isms::domain::treatment::Action::new("Harden laptops");
    action.controls = vec!["8.1".into(), "9.9".into()];
    let err = store.edit(|w| w.insert_action(action)).unwrap_err();
    assert!(err.to_string().contains("'9.9'"), "{err}");
    assert!(store.actions().unwrap().is_empty());
}

#[test]
fn a_read_only_store_refuses_edits() {
    let (_dir, path) = temp();
    drop(Store::create(&path, "Acme GmbH").unwrap());
    let mut store = Store::open_read_only(&path).unwrap();
    assert!(store.is_read_only());
    let err = store.edit(|w| w.set_organisation("Other")).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly(_)), "{err}");
    assert_eq!(store.organisation().unwrap(), "Acme GmbH");
}

#[test]
fn a_damaged_or_future_file_is_refused_with_a_clear_message_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    for d in common::damaged_workspaces(dir.path()) {
        let before = std::fs::read(&d.path).unwrap();
        for read_only in [false, true] {
            let opened = if read_only {
                Store::open_read_only(&d.path)
            } else {
                Store::open(&d.path)
            };
            // Some damage only shows once the data is read: that counts as refusing too.
            let err = match opened {
                Err(e) => e,
                Ok(store) => match store.workspace().and(store.changes().map(|_| ())) {
                    Err(e) => e,
                    Ok(_) => panic!("{}: opened and read as if whole", d.what),
                },
            };
            let message = err.to_string();
            assert!(message.contains(d.says), "{}: {message}", d.what);
            assert!(!message.contains("Error code"), "{}: {message}", d.what);
            common::assert_untouched(&d, &before);
        }
    }
}

/// An asset that becomes a supporting asset turns its needs into overrides: the store refuses the
/// change while one has no justification, naming it, and takes it once each is justified.
#[test]
fn a_rated_asset_becomes_supporting_only_with_its_needs_justified() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let scale = ProtectionScale::default();
    let asset = store
        .edit(|w| {
            let a = w.insert_asset(Asset::new(AssetKind::Information, "Laptop image"))?;
            w.set_protection_need(need(a.id, Objective::Confidentiality, 2, ""), &scale)?;
            w.set_protection_need(need(a.id, Objective::Integrity, 2, "Signed builds"), &scale)?;
            Ok(a)
        })
        .unwrap();
    let mut hardware = asset.clone();
    hardware.kind = AssetKind::Hardware;
    let err = store
        .edit(|w| w.update_asset(hardware.clone()))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("give a rationale for confidentiality"),
        "{err}"
    );
    assert!(
        !err.contains("integrity"),
        "a justified need is fine: {err}"
    );
    assert_eq!(
        store.asset_by_id(asset.id).unwrap().kind,
        AssetKind::Information
    );
    store
        .edit(|w| {
            w.set_protection_need(
                need(asset.id, Objective::Confidentiality, 2, "Holds the keys"),
                &scale,
            )?;
            w.update_asset(hardware.clone())
        })
        .unwrap();
    assert_eq!(
        store.asset_by_id(asset.id).unwrap().kind,
        AssetKind::Hardware
    );
}
