//! The demo's management review (9.3): MR-001 of 2025-11-28, held the day the internal audit
//! AU-001 was reported, with top management, the ISB, the CTO and the CFO. Its inputs are
//! frozen as isms assembled them for that day; its three actions are two done and one still
//! open (the drivers' awareness, due 2026-06-30, not yet overdue).

use super::date;
use crate::domain::review::{Input, Review, ReviewAction, ReviewActionStatus};
use crate::store::{StoreError, Writer};

const HELD_ON: &str = "2025-11-28";

/// The reviewer's notes, one per input a) to g).
const NOTES: [(Input, &str); 7] = [
    (
        Input::Actions,
        "First management review of the ISMS: no earlier actions.",
    ),
    (
        Input::Issues,
        "NIS2 transposition expected in 2026: Nordwind is an important entity as a logistics provider. The move of the dispatch platform to AWS is complete.",
    ),
    (
        Input::Parties,
        "Two key customers now ask for ISO/IEC 27001 certification in their tenders; the cyber insurer asks for MFA everywhere from 2026.",
    ),
    (
        Input::Performance,
        "AU-001 found two minor nonconformities (leavers' access, library permissions); corrections made, corrective actions planned. Awareness (O-001, 78.6 %) and the restore time (O-003, 6.5 hours) are off target.",
    ),
    (
        Input::Feedback,
        "No customer complaints about information security in 2025; one supplier questionnaire from a key customer answered without open points.",
    ),
    (
        Input::Risks,
        "Risk assessment of 2025 accepted; the long AWS outage, the IT service provider's administrator access and denial of service remain above the acceptance criteria until their treatment is done.",
    ),
    (
        Input::Improvement,
        "Automate the quarterly access review (AU-001 opportunity); report the objectives to management each quarter.",
    ),
];

/// An action the review decided: description, owner, due, status, note.
const ACTIONS: &[(&str, &str, &str, ReviewActionStatus, &str)] = &[
    (
        "Approve the ISMS budget 2026, the certification audits included",
        "Karin Nordmann",
        "2025-12-15",
        ReviewActionStatus::Done,
        "Approved with the budget 2026 on 2025-12-10.",
    ),
    (
        "Book the certification body for stage 1 in spring 2026",
        "Anna Weber",
        "2026-01-31",
        ReviewActionStatus::Done,
        "Stage 1 booked for 2026-05-12.",
    ),
    (
        "Extend the awareness programme to the warehouse drivers",
        "Julia Schmitt",
        "2026-06-30",
        ReviewActionStatus::InProgress,
        "Material in German and Polish in preparation.",
    ),
];

/// Writes MR-001, holds it on its day (freezing its inputs) and records its actions.
pub(super) fn fill_reviews(w: &mut Writer<'_>) -> Result<(), StoreError> {
    let mut review = Review {
        planned_on: Some(date("2025-11-28")?),
        participants: ["Karin Nordmann", "Anna Weber", "Markus Brandt", "Sabine Krüger"]
            .map(String::from)
            .to_vec(),
        improvements: "Automate the quarterly access review in 2026; objectives reported to management each quarter.".into(),
        changes: "Extend the ISMS to the NIS2 obligations once the law is in force; no change to the scope.".into(),
        resources: "ISMS budget 2026 with the certification audits; 0.2 FTE of IT for the access review automation.".into(),
        ..Review::new("Management review 2025")
    };
    for (input, note) in NOTES {
        review = review.with_note(input, note);
    }
    let review = w.save_review(review)?;
    let review = w.hold_review(review.id, date(HELD_ON)?)?;
    for &(description, owner, due, status, note) in ACTIONS {
        w.save_review_action(ReviewAction {
            owner: owner.into(),
            due_on: Some(date(due)?),
            status,
            note: note.into(),
            ..ReviewAction::new(review.id, description)
        })?;
    }
    Ok(())
}
