//! The clauses 4-10 checklist: every clause is mandatory, so each item tracks how far it is.

use serde::{Deserialize, Serialize};

use super::text::{self, ValidationError};
use crate::string_enum;

string_enum!(
    ClauseStatus {
        NotStarted => "not_started", "Not started",
        InProgress => "in_progress", "In progress",
        Done => "done", "Done",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClauseItem {
    pub number: String,
    pub title: String,
    pub status: ClauseStatus,
    pub note: String,
    /// Where the documented information or records are.
    pub evidence: String,
}

impl ClauseItem {
    /// A heading (`4`) groups sub-clauses; the checklist tracks the sub-clauses.
    pub fn is_heading(&self) -> bool {
        !self.number.contains('.')
    }

    pub fn validated(self) -> Result<Self, ValidationError> {
        Ok(Self {
            note: text::text("note", &self.note)?,
            evidence: text::text("evidence", &self.evidence)?,
            ..self
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_have_no_dot() {
        let item = |n: &str| ClauseItem {
            number: n.into(),
            title: String::new(),
            status: ClauseStatus::NotStarted,
            note: String::new(),
            evidence: String::new(),
        };
        assert!(item("4").is_heading());
        assert!(!item("6.1.2").is_heading());
    }
}
