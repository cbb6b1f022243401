//! Management review rules (9.3): a review held within twelve months, every held review with
//! all of its inputs, and the actions it decided done on time.

use chrono::NaiveDate;

use super::{Basis, Finding, Place, Rule, Severity, Workspace, join_and};
use crate::domain::review::{action_reference, held_within_a_year, last_held};

pub(super) const NO_RECENT_REVIEW: Rule = Rule {
    id: "MR-001",
    severity: Severity::Major,
    title: "No management review held in the last twelve months",
    basis: Basis::Clause("9.3.1"),
};

pub(super) const INPUT_MISSING: Rule = Rule {
    id: "MR-002",
    severity: Severity::Minor,
    title: "Held management review missing an input",
    basis: Basis::Clause("9.3.2"),
};

pub(super) const ACTION_OVERDUE: Rule = Rule {
    id: "MR-003",
    severity: Severity::Minor,
    title: "Management review action overdue",
    basis: Basis::Clause("9.3.3"),
};

pub(super) fn check(ws: &Workspace, today: NaiveDate, out: &mut Vec<Finding>) {
    if !held_within_a_year(&ws.reviews, today) {
        let message = match last_held(&ws.reviews) {
            Some(r) => format!(
                "The last management review, {}, was held on {}, more than twelve months ago",
                r.label(),
                r.held_on.map_or_else(String::new, |d| d.to_string())
            ),
            None => "No management review has been held yet".to_string(),
        };
        out.push(NO_RECENT_REVIEW.finding(
            message,
            "Prepare the next management review on the Reviews screen and hold it with top management",
            Place::Reviews,
        ));
    }
    for review in ws.reviews.iter().filter(|r| r.is_held()) {
        let missing: Vec<String> = review
            .missing_inputs()
            .iter()
            .map(|i| i.label().to_string())
            .collect();
        if !missing.is_empty() {
            out.push(INPUT_MISSING.finding(
                format!("{} was held without {}", review.label(), join_and(&missing)),
                "Record what management considered for it in the review's notes",
                Place::Review(review.id),
            ));
        }
    }
    for action in ws.review_actions.iter().filter(|a| a.is_overdue(today)) {
        let Some(review) = ws.reviews.iter().find(|r| r.id == action.review) else {
            continue;
        };
        out.push(ACTION_OVERDUE.finding(
            format!(
                "{} '{}' was due on {}",
                action_reference(review.number, action.number),
                action.description,
                action.due_on.map_or_else(String::new, |d| d.to_string())
            ),
            "Complete the action, or give it a new due date with a reason",
            Place::Review(review.id),
        ));
    }
}
