//! MR-001 to MR-003, and the held management reviews as 9.3.3's documented information.

use super::*;
use crate::domain::review::{Input, ReviewAction, ReviewActionStatus, ReviewStatus};

#[test]
fn no_review_held_within_twelve_months_is_major() {
    let mut ws = clean();
    none(&ws, "MR-001");
    ws.reviews.clear();
    let f = only(&ws, "MR-001");
    assert_eq!(f.message, "No management review has been held yet");
    assert_eq!(f.place, Place::Reviews);
    assert_eq!(f.basis(), "9.3.1");
    ws.reviews = vec![held_review()];
    ws.reviews[0].held_on = Some(d("2025-03-30"));
    let f = only(&ws, "MR-001");
    assert!(
        f.message
            .contains("MR-001 Management review 2025, was held on 2025-03-30"),
        "{}",
        f.message
    );
    // A review only prepared has not been held.
    ws.reviews[0].held_on = Some(d("2026-03-01"));
    ws.reviews[0].status = ReviewStatus::Planned;
    only(&ws, "MR-001");
}

#[test]
fn a_held_review_missing_an_input_is_minor() {
    let mut ws = clean();
    none(&ws, "MR-002");
    ws.reviews[0] = ws.reviews[0].clone().with_note(Input::Feedback, "");
    let f = only(&ws, "MR-002");
    assert_eq!(f.place, Place::Review(1));
    assert!(
        f.message
            .ends_with("held without e) Feedback from interested parties"),
        "{}",
        f.message
    );
    ws.reviews[0].inputs = None;
    let f = only(&ws, "MR-002");
    assert!(
        f.message.contains("a) Actions from previous reviews, b)"),
        "{}",
        f.message
    );
    // A prepared review is not judged yet.
    ws.reviews[0].status = ReviewStatus::Planned;
    none(&ws, "MR-002");
}

#[test]
fn an_overdue_review_action_is_minor() {
    let mut ws = clean();
    let action = ReviewAction {
        id: 1,
        number: 2,
        due_on: Some(d("2026-03-30")),
        ..ReviewAction::new(1, "Budget for a SIEM")
    };
    ws.review_actions = vec![action.clone()];
    let f = only(&ws, "MR-003");
    assert_eq!(
        f.message,
        "MR-001/2 'Budget for a SIEM' was due on 2026-03-30"
    );
    assert_eq!(f.place, Place::Review(1));
    ws.review_actions[0].due_on = Some(today());
    none(&ws, "MR-003");
    ws.review_actions[0] = ReviewAction {
        status: ReviewActionStatus::Done,
        ..action
    };
    none(&ws, "MR-003");
}

#[test]
fn a_held_review_holds_9_3_3_and_without_one_mr_001_says_so_once() {
    let mut ws = clean();
    ws.clauses
        .push(clause("9.3.3", "Management review results"));
    none(&ws, "CLAUSE-003");
    // Only prepared: MR-001 (major) reports the gap; CLAUSE-003 does not repeat it.
    ws.reviews[0].status = ReviewStatus::Planned;
    none(&ws, "CLAUSE-003");
    only(&ws, "MR-001");
}
