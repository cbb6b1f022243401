//! Management reviews through the store: numbering, participants and owners made people's,
//! holding freezes the inputs (a risk edited afterwards does not reach them), what is refused.

use chrono::NaiveDate;
use isms::domain::review::{Input, Review, ReviewAction, ReviewActionStatus};
use isms::domain::risk::Risk;
use isms::domain::scope::{ContextIssue, IssueKind};
use isms::store::{Store, StoreError};

use super::temp;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn a_review_is_numbered_with_people_and_held_inputs_stay_as_they_were() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let m = store.methodology().unwrap();
    let risk = store
        .edit(|w| {
            w.insert_risk(
                Risk {
                    inherent: Some(isms::domain::methodology::Rating {
                        likelihood: 5,
                        impact: 5,
                    }),
                    ..Risk::new("Ransomware")
                },
                &m,
            )
        })
        .unwrap();
    store
        .edit(|w| w.insert_context_issue(ContextIssue::new(IssueKind::External, "NIS2")))
        .unwrap();
    let review = store
        .edit(|w| {
            w.save_review(
                Review {
                    participants: vec!["Eva Brandt".into(), "Anna Weber".into()],
                    planned_on: Some(d("2026-03-30")),
                    ..Review::new("Management review 2026")
                }
                .with_note(Input::Feedback, "No complaints"),
            )
        })
        .unwrap();
    assert_eq!(review.reference(), "MR-001");
    assert_eq!(store.people().unwrap().people.len(), 2);
    // Prepared: the inputs as they stand today.
    // The change log is stamped by the store's clock: the period ends on its day.
    let today = store.today();
    let inputs = store.review_inputs(&review, today).unwrap();
    assert_eq!(inputs.issues.len(), 1);
    assert_eq!(inputs.risks.above_criteria.len(), 1);
    let held = store.edit(|w| w.hold_review(review.id, today)).unwrap();
    assert!(held.is_held());
    // The risk rated down afterwards: the held review still shows what management saw.
    store
        .edit(|w| {
            w.update_risk(
                Risk {
                    inherent: Some(isms::domain::methodology::Rating {
                        likelihood: 1,
                        impact: 1,
                    }),
                    ..risk.clone()
                },
                &m,
            )
        })
        .unwrap();
    let read = store.review_by_id(review.id).unwrap();
    assert_eq!(read.inputs.as_ref(), Some(&inputs));
    assert_eq!(store.review_inputs(&read, today).unwrap(), inputs);
    assert_eq!(read.participants, ["Eva Brandt", "Anna Weber"]);
    assert_eq!(read.note(Input::Feedback), "No complaints");
    // Saving its notes later keeps it held with what it froze; holding again is refused.
    let edited = store
        .edit(|w| {
            w.save_review(Review {
                changes: "Extend the scope to the new warehouse".into(),
                inputs: None,
                ..read.clone()
            })
        })
        .unwrap();
    assert!(edited.is_held());
    assert_eq!(edited.inputs.as_ref(), Some(&inputs));
    let err = store.edit(|w| w.hold_review(review.id, today)).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    // A held review is a record: it is not deleted.
    let err = store.edit(|w| w.delete_review(review.id)).unwrap_err();
    assert!(err.to_string().contains("held"), "{err}");
    let log = store.history(&["review"], "MR-001").unwrap();
    let actions: Vec<&str> = log.iter().map(|c| c.action.as_str()).collect();
    assert_eq!(actions, ["create", "hold", "update"]);
}

#[test]
fn review_actions_are_numbered_within_their_review_and_their_owners_renamed() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let review = store
        .edit(|w| w.save_review(Review::new("Management review 2025")))
        .unwrap();
    let first = store
        .edit(|w| {
            w.save_review_action(ReviewAction {
                owner: "Anna Weber".into(),
                due_on: Some(d("2026-06-30")),
                ..ReviewAction::new(review.id, "Budget for a SIEM")
            })
        })
        .unwrap();
    let second = store
        .edit(|w| w.save_review_action(ReviewAction::new(review.id, "Train the drivers")))
        .unwrap();
    assert_eq!((first.number, second.number), (1, 2));
    store
        .edit(|w| {
            w.save_review_action(ReviewAction {
                status: ReviewActionStatus::Done,
                ..second.clone()
            })
        })
        .unwrap();
    let mut anna = store.people().unwrap().people[0].clone();
    anna.name = "Anna Weber-Schmidt".into();
    store.edit(|w| w.save_person(anna)).unwrap();
    let actions = store.review_actions().unwrap();
    assert_eq!(actions[0].owner, "Anna Weber-Schmidt");
    assert_eq!(actions[1].status, ReviewActionStatus::Done);
    let c = store.counts().unwrap();
    assert_eq!(
        (c.reviews, c.review_actions, c.open_review_actions),
        (1, 2, 1)
    );
    // An unknown review and an empty description are refused, naming the field.
    let err = store
        .edit(|w| w.save_review_action(ReviewAction::new(99, "Orphan")))
        .unwrap_err();
    assert!(err.to_string().starts_with("review: "), "{err}");
    let err = store
        .edit(|w| w.save_review_action(ReviewAction::new(review.id, " ")))
        .unwrap_err();
    assert!(err.to_string().starts_with("action: "), "{err}");
    // A prepared review goes with its actions.
    store.edit(|w| w.delete_review(review.id)).unwrap();
    assert!(store.review_actions().unwrap().is_empty());
}
