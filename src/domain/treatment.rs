//! The risk treatment plan (6.1.3 e, 8.3): actions that treat risks by implementing controls.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::text::{self, ValidationError};
use crate::string_enum;

string_enum!(
    ActionStatus {
        Planned => "planned", "Planned",
        InProgress => "in_progress", "In progress",
        Done => "done", "Done",
        Cancelled => "cancelled", "Cancelled",
    }
);

impl ActionStatus {
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Planned | ActionStatus::InProgress)
    }
}

/// The fields of a treatment action, as validation errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const TITLE: Field = Field::new("title");
    pub const DESCRIPTION: Field = Field::new("description");
    pub const OWNER: Field = Field::new("owner");
    pub const DUE: Field = Field::new("due");
    pub const STATUS: Field = Field::new("status");
    pub const RISKS: Field = Field::new("risks");
    pub const CONTROLS: Field = Field::new("controls");
    /// The documents of the register the action names.
    pub const DOCUMENTS: Field = Field::new("documents");
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub id: i64,
    pub number: u32,
    pub title: String,
    pub description: String,
    /// Row ids of the risks this action treats.
    pub risks: Vec<i64>,
    /// Control keys it implements: Annex A numbers (`5.15`) or custom references (`C-001`).
    pub controls: Vec<String>,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
}

impl Action {
    pub fn new(title: &str) -> Self {
        Self {
            id: 0,
            number: 0,
            title: title.to_string(),
            description: String::new(),
            risks: Vec::new(),
            controls: Vec::new(),
            owner: String::new(),
            due: None,
            status: ActionStatus::Planned,
        }
    }

    /// Open and due between today and `days` days from now.
    pub fn is_due_within(&self, today: NaiveDate, days: i64) -> bool {
        self.status.is_open()
            && self
                .due
                .is_some_and(|d| d >= today && (d - today).num_days() <= days)
    }

    /// Whether the action counts for the treatment of its risks and the controls it
    /// implements: a cancelled one treats nothing (in the risk flags, the SoA's derived reason
    /// and the listings alike).
    pub fn treats(&self) -> bool {
        self.status != ActionStatus::Cancelled
    }

    /// Still open after its due date.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.is_open() && self.due.is_some_and(|d| d < today)
    }

    pub fn validated(self) -> Result<Self, ValidationError> {
        let mut risks = self.risks;
        risks.sort();
        risks.dedup();
        let mut controls = Vec::new();
        for c in &self.controls {
            let c = text::required_line(field::CONTROLS, c)?;
            if !controls.contains(&c) {
                controls.push(c);
            }
        }
        Ok(Self {
            title: text::required_line(field::TITLE, &self.title)?,
            description: text::text(field::DESCRIPTION, &self.description)?,
            owner: text::line(field::OWNER, &self.owner)?,
            risks,
            controls,
            ..self
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn overdue_only_when_open_and_past_due() {
        let mut a = Action::new("MFA for VPN");
        a.due = Some(d("2026-03-30"));
        assert!(a.is_overdue(d("2026-03-31")));
        assert!(!a.is_overdue(d("2026-03-30")));
        a.status = ActionStatus::Done;
        assert!(!a.is_overdue(d("2026-12-31")));
        a.status = ActionStatus::InProgress;
        a.due = None;
        assert!(!a.is_overdue(d("2026-12-31")));
    }

    #[test]
    fn only_a_cancelled_action_treats_nothing() {
        let mut a = Action::new("Offsite backup");
        for status in ActionStatus::ALL {
            a.status = *status;
            assert_eq!(a.treats(), *status != ActionStatus::Cancelled, "{status:?}");
        }
    }

    #[test]
    fn due_within_a_window() {
        let mut a = Action::new("x");
        a.due = Some(d("2026-04-30"));
        assert!(a.is_due_within(d("2026-03-31"), 30));
        assert!(!a.is_due_within(d("2026-03-31"), 29));
        assert!(
            !a.is_due_within(d("2026-05-01"), 30),
            "overdue is not due within"
        );
        a.status = ActionStatus::Done;
        assert!(!a.is_due_within(d("2026-03-31"), 30));
    }

    #[test]
    fn controls_are_trimmed_and_unique() {
        let mut a = Action::new("x");
        a.controls = vec![" 5.15".into(), "5.15".into(), "8.5".into()];
        assert_eq!(a.validated().unwrap().controls, ["5.15", "8.5"]);
    }
}
