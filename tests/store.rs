//! The store on real files: seeding, one transaction per edit with its change-log row, rollback
//! of refused edits, migration with a backup, read-only access.

use isms::domain::asset::{Asset, AssetKind, Dependency};
use isms::domain::scope::{ScopeItem, ScopeItemKind};
use isms::domain::soa::Applicability;
use isms::store::{Store, StoreError};

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
    assert_eq!(store.schema_version().unwrap(), 1);
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
    assert!(err.to_string().contains("cycle"), "{err}");
    assert_eq!(store.dependencies().unwrap().len(), 1);
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
fn an_older_schema_is_backed_up_then_migrated() {
    let (_dir, path) = temp();
    {
        // A workspace at schema 0: the application id is set, no migration has run.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", isms::store::schema::APPLICATION_ID)
            .unwrap();
        conn.execute_batch("CREATE TABLE placeholder (x INTEGER);")
            .unwrap();
    }
    let original = std::fs::read(&path).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 1);
    let backup = path.with_file_name("t.isms.bak-v0");
    assert!(
        std::fs::read(backup).unwrap() == original,
        "the backup is the file as it was"
    );
}
