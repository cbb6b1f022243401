use chrono::NaiveDate;

use super::*;
use crate::Clock;
use crate::domain::document::{DocKind, DocStatus};
use crate::domain::treatment::Action;
use crate::store::UserFixed;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn workspace(dir: &tempfile::TempDir) -> (Store, UserFixed) {
    let fixed = UserFixed::as_user("ines");
    let path = dir.path().join("d.isms");
    let store = Store::create_with_clock(
        &path,
        "Acme GmbH",
        None,
        Clock::Fixed("2026-03-31".parse().unwrap()),
    )
    .unwrap();
    (store, fixed)
}

fn policy() -> Document {
    Document {
        owner: "Anna Weber".into(),
        review_months: Some(12),
        clauses: vec!["5.2".into()],
        controls: vec!["5.1".into()],
        ..Document::new("Information security policy", DocKind::Policy)
    }
}

#[test]
fn a_document_is_numbered_read_back_changed_and_deleted_with_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _user) = workspace(&dir);
    let saved = store.edit(|w| w.insert_document(policy())).unwrap();
    assert_eq!((saved.number, saved.reference()), (1, "D-001".to_string()));
    let second = store
        .edit(|w| w.insert_document(Document::new("Risk methodology", DocKind::Procedure)))
        .unwrap();
    assert_eq!(second.number, 2);
    let read = store.documents().unwrap();
    assert_eq!(read.len(), 2);
    assert_eq!(read[0], saved);
    assert_eq!(read[0].clauses, ["5.2"]);
    assert_eq!(read[0].controls, ["5.1"]);

    let changed = store
        .edit(|w| {
            w.update_document(Document {
                title: "Information security policy (group)".into(),
                clauses: vec!["5.2".into(), "7.5.1".into()],
                controls: Vec::new(),
                ..saved.clone()
            })
        })
        .unwrap();
    assert_eq!(changed.number, 1);
    assert_eq!(store.document_by_id(saved.id).unwrap(), changed);
    assert_eq!(changed.clauses, ["5.2", "7.5.1"]);
    assert!(changed.controls.is_empty());

    store.edit(|w| w.delete_document(second.id)).unwrap();
    assert_eq!(store.documents().unwrap().len(), 1);
    let history = store.history(&["document"], "D-001").unwrap();
    let actions: Vec<&str> = history.iter().map(|c| c.action.as_str()).collect();
    assert_eq!(actions, ["create", "update"]);
    let deleted = store.history(&["document"], "D-002").unwrap();
    assert_eq!(deleted.last().unwrap().action, "delete");
}

#[test]
fn bad_documents_are_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _user) = workspace(&dir);
    let err = store
        .edit(|w| {
            w.insert_document(Document {
                status: DocStatus::Approved,
                ..policy()
            })
        })
        .unwrap_err();
    assert!(err.to_string().contains("approved by"), "{err}");
    let err = store
        .edit(|w| {
            w.insert_document(Document {
                clauses: vec!["11.1".into()],
                ..policy()
            })
        })
        .unwrap_err();
    assert!(err.to_string().starts_with("clauses:"), "{err}");
    let err = store
        .edit(|w| {
            w.insert_document(Document {
                controls: vec!["9.9".into()],
                ..policy()
            })
        })
        .unwrap_err();
    assert!(err.to_string().starts_with("controls:"), "{err}");
    assert!(
        store.documents().unwrap().is_empty(),
        "nothing half-written"
    );
}

#[test]
fn a_new_version_becomes_current_and_its_approver_approves_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _user) = workspace(&dir);
    let doc = store.edit(|w| w.insert_document(policy())).unwrap();
    let (after, v1) = store
        .edit(|w| {
            w.add_document_version(DocumentVersion {
                change_note: "First issue".into(),
                approver: "Dr. Katrin Vogel".into(),
                ..DocumentVersion::new(doc.id, "1.0", d("2026-01-15"))
            })
        })
        .unwrap();
    assert!(v1.id > 0);
    assert_eq!(after.status, DocStatus::Approved);
    assert_eq!(after.approved_on, Some(d("2026-01-15")));
    let read = store.document_by_id(doc.id).unwrap();
    assert_eq!(read, after);
    assert_eq!(read.next_review(), Some(d("2027-01-15")));

    let (draft, _) = store
        .edit(|w| w.add_document_version(DocumentVersion::new(doc.id, "1.1", d("2026-03-01"))))
        .unwrap();
    assert_eq!(
        (draft.status, draft.version.as_str()),
        (DocStatus::Draft, "1.1")
    );
    let err = store
        .edit(|w| w.add_document_version(DocumentVersion::new(doc.id, "1.0", d("2026-03-02"))))
        .unwrap_err();
    assert!(err.to_string().contains("recorded already"), "{err}");
    let err = store
        .edit(|w| w.add_document_version(DocumentVersion::new(doc.id, "2.0", d("2025-03-02"))))
        .unwrap_err();
    assert!(err.to_string().starts_with("date:"), "{err}");
    let versions = store.document_versions().unwrap();
    let numbers: Vec<&str> = versions.iter().map(|v| v.version.as_str()).collect();
    assert_eq!(numbers, ["1.0", "1.1"]);
    let history = store.history(&["document"], "D-001").unwrap();
    assert_eq!(history.iter().filter(|c| c.action == "version").count(), 2);
}

#[test]
fn clauses_controls_and_actions_link_documents_from_their_side() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _user) = workspace(&dir);
    let a = store.edit(|w| w.insert_document(policy())).unwrap();
    let b = store
        .edit(|w| w.insert_document(Document::new("Audit programme", DocKind::Plan)))
        .unwrap();
    let action = store
        .edit(|w| w.insert_action(Action::new("Write the access policy")))
        .unwrap();
    store
        .edit(|w| {
            w.set_clause_documents("9.2.2", &[b.id])?;
            w.set_clause_documents("5.2", &[b.id])?;
            w.set_control_documents("5.15", &[a.id, b.id])?;
            w.set_action_documents(action.id, &[a.id])
        })
        .unwrap();
    let docs = store.documents().unwrap();
    assert_eq!(
        docs[0].clauses,
        Vec::<String>::new(),
        "5.2 now names b only"
    );
    assert_eq!(docs[0].controls, ["5.1", "5.15"]);
    assert_eq!(docs[0].actions, [action.id]);
    assert_eq!(docs[1].clauses, ["5.2", "9.2.2"]);
    // The same again changes nothing and logs nothing.
    let before = store.changes().unwrap().len();
    store
        .edit(|w| w.set_control_documents("5.15", &[b.id, a.id]))
        .unwrap();
    assert_eq!(store.changes().unwrap().len(), before);
    // Saving the document keeps the actions that name it.
    let kept = store.edit(|w| w.update_document(docs[0].clone())).unwrap();
    assert_eq!(kept.actions, [action.id]);
    let err = store
        .edit(|w| w.set_clause_documents("12", &[a.id]))
        .unwrap_err();
    assert!(err.to_string().starts_with("clauses:"), "{err}");
    let err = store
        .edit(|w| w.set_control_documents("5.15", &[999]))
        .unwrap_err();
    assert!(err.to_string().contains("document #999"), "{err}");
    // Deleting the action or the document drops the link.
    store.edit(|w| w.delete_action(action.id)).unwrap();
    assert!(store.document_by_id(a.id).unwrap().actions.is_empty());
}
