//! Open questions noted in a workshop (`?` in the Protection screen's workshop view): what the
//! room could not answer at once, about one asset or the workshop as a whole. They stay in the
//! workspace, numbered `Q-001`, until someone resolves them.

use chrono::{Datelike, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

use super::reference::RefKind;
use super::text::{self, Field, ValidationError};

/// How a stamp is written and read: the change log's form, to the second.
const STAMP: &str = "%Y-%m-%dT%H:%M:%S";

/// The fields of an open question, as validation errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const QUESTION: Field = Field::new("question");
    pub const NOTED_BY: Field = Field::new("noted_by");
    pub const NOTED_AT: Field = Field::new("noted_at");
    pub const RESOLVED_AT: Field = Field::new("resolved_at");
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenQuestion {
    pub id: i64,
    pub number: u32,
    /// Row id of the asset it is about; `None` for the workshop as a whole, or once the asset
    /// has been deleted (the question outlives it).
    pub asset: Option<i64>,
    pub text: String,
    /// Who noted it: the user the edit was made as.
    pub noted_by: String,
    pub noted_at: NaiveDateTime,
    /// When it was resolved; `None` while it is open.
    pub resolved_at: Option<NaiveDateTime>,
}

impl OpenQuestion {
    pub fn new(asset: Option<i64>, text: &str, noted_by: &str, noted_at: NaiveDateTime) -> Self {
        Self {
            id: 0,
            number: 0,
            asset,
            text: text.to_string(),
            noted_by: noted_by.to_string(),
            noted_at,
            resolved_at: None,
        }
    }

    /// `Q-007`.
    pub fn reference(&self) -> String {
        RefKind::Question.format(self.number)
    }

    pub fn is_open(&self) -> bool {
        self.resolved_at.is_none()
    }

    /// The question as it may be stored: one line of text, who noted it, and stamps to the
    /// second with four-digit years; it cannot be resolved before it was noted.
    pub fn validated(self) -> Result<Self, ValidationError> {
        let noted_at = checked_stamp(field::NOTED_AT, self.noted_at)?;
        let resolved_at = self
            .resolved_at
            .map(|at| checked_stamp(field::RESOLVED_AT, at))
            .transpose()?;
        if let Some(at) = resolved_at.filter(|&at| at < noted_at) {
            return Err(ValidationError::new(
                field::RESOLVED_AT,
                format!(
                    "{} is before the question was noted ({})",
                    stamp(at),
                    stamp(noted_at)
                ),
            ));
        }
        Ok(Self {
            text: text::required_line(field::QUESTION, &self.text)?,
            noted_by: text::required_line(field::NOTED_BY, &self.noted_by)?,
            noted_at,
            resolved_at,
            ..self
        })
    }

    /// The question resolved at `at`. Refuses one resolved already, naming when. A clock that
    /// stands behind the stamp of the note (a fixed test date, a laptop set back) resolves it
    /// at the moment it was noted rather than refusing an edit the user cannot fix.
    pub fn resolved(self, at: NaiveDateTime) -> Result<Self, ValidationError> {
        if let Some(before) = self.resolved_at {
            return Err(ValidationError::new(
                field::RESOLVED_AT,
                format!(
                    "{} was resolved already on {}",
                    self.reference(),
                    stamp(before)
                ),
            ));
        }
        let at = at.max(self.noted_at);
        Self {
            resolved_at: Some(at),
            ..self
        }
        .validated()
    }
}

/// The open questions about `asset`, in the order given (by number, as the store returns them).
pub fn open_about(questions: &[OpenQuestion], asset: i64) -> Vec<&OpenQuestion> {
    questions
        .iter()
        .filter(|q| q.is_open() && q.asset == Some(asset))
        .collect()
}

/// `2026-03-31T09:15:00`.
pub fn stamp(at: NaiveDateTime) -> String {
    at.format(STAMP).to_string()
}

/// A stamp as [`stamp`] writes it (and the change log records it); anything else is refused,
/// naming `field`.
pub fn parse_stamp(field: Field, value: &str) -> Result<NaiveDateTime, ValidationError> {
    NaiveDateTime::parse_from_str(value.trim(), STAMP)
        .map_err(|_| {
            ValidationError::new(
                field,
                format!(
                    "'{}' is not a time stamp; expected YYYY-MM-DDTHH:MM:SS, e.g. 2026-03-31T09:15:00",
                    text::shown(value)
                ),
            )
        })
        .and_then(|at| checked_stamp(field, at))
}

/// Kept to the second, with a year that every export and SQLite's date functions read.
fn checked_stamp(field: Field, at: NaiveDateTime) -> Result<NaiveDateTime, ValidationError> {
    if !(1..=9999).contains(&at.year()) {
        return Err(ValidationError::new(
            field,
            format!(
                "the year {} is out of range; expected 0001 to 9999",
                at.year()
            ),
        ));
    }
    Ok(at.with_nanosecond(0).unwrap_or(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        parse_stamp(field::NOTED_AT, s).unwrap()
    }

    fn question(text: &str) -> OpenQuestion {
        OpenQuestion::new(Some(3), text, "ines", at("2026-03-31T09:15:00"))
    }

    #[test]
    fn the_text_is_one_required_line_named_question() {
        let q = question("  Is the server shared?  ").validated().unwrap();
        assert_eq!(q.text, "Is the server shared?");
        assert!(q.is_open());
        let err = question("   ").validated().unwrap_err();
        assert_eq!(err.to_string(), "question: is required");
        let err = question("first\nsecond").validated().unwrap_err();
        assert_eq!(err.field, "question");
        assert_eq!(err.message, "must be a single line");
        let long = "x".repeat(text::LINE_MAX + 1);
        assert!(
            question(&long)
                .validated()
                .unwrap_err()
                .message
                .contains("at most")
        );
    }

    #[test]
    fn who_noted_it_is_required() {
        let mut q = question("Who owns the NAS?");
        q.noted_by = " ".into();
        assert_eq!(
            q.validated().unwrap_err().to_string(),
            "noted_by: is required"
        );
    }

    #[test]
    fn resolving_stamps_it_once() {
        let mut q = question("Who owns the NAS?");
        q.number = 4;
        let done = q.resolved(at("2026-04-02T10:00:00")).unwrap();
        assert!(!done.is_open());
        assert_eq!(done.resolved_at, Some(at("2026-04-02T10:00:00")));
        let err = done.resolved(at("2026-04-03T10:00:00")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "resolved_at: Q-004 was resolved already on 2026-04-02T10:00:00"
        );
    }

    #[test]
    fn a_clock_behind_the_note_resolves_at_the_note() {
        let q = question("Who owns the NAS?")
            .resolved(at("2026-03-31T00:00:00"))
            .unwrap();
        assert_eq!(q.resolved_at, Some(q.noted_at));
    }

    #[test]
    fn a_stored_resolution_before_the_note_is_refused() {
        let mut q = question("Who owns the NAS?");
        q.resolved_at = Some(at("2026-03-30T09:15:00"));
        let err = q.validated().unwrap_err();
        assert_eq!(
            err.to_string(),
            "resolved_at: 2026-03-30T09:15:00 is before the question was noted (2026-03-31T09:15:00)"
        );
    }

    #[test]
    fn stamps_are_read_to_the_second_with_four_digit_years() {
        assert_eq!(stamp(at(" 2026-03-31T09:15:00 ")), "2026-03-31T09:15:00");
        for bad in [
            "2026-03-31",
            "2026-03-31 09:15:00",
            "31.03.2026",
            "",
            "\u{1b}[2J",
        ] {
            let err = parse_stamp(field::NOTED_AT, bad).unwrap_err();
            assert_eq!(err.field, "noted_at");
            assert!(
                err.message.contains("expected YYYY-MM-DDTHH:MM:SS"),
                "{err}"
            );
            assert!(!err.message.contains('\u{1b}'), "{err}");
        }
        let mut q = question("x");
        q.noted_at = at("2026-03-31T09:15:00")
            .with_nanosecond(500_000_000)
            .unwrap();
        assert_eq!(q.validated().unwrap().noted_at, at("2026-03-31T09:15:00"));
        let mut q = question("x");
        q.noted_at = q.noted_at.with_year(12_345).unwrap();
        let err = q.validated().unwrap_err();
        assert_eq!(err.field, "noted_at");
        assert!(err.message.contains("12345"), "{err}");
    }

    #[test]
    fn open_about_an_asset_leaves_out_other_assets_and_resolved_ones() {
        let mut questions = vec![question("a"), question("b"), question("c"), question("d")];
        questions[1].asset = Some(9);
        questions[2].resolved_at = Some(at("2026-04-01T08:00:00"));
        questions[3].asset = None;
        let texts: Vec<&str> = open_about(&questions, 3)
            .iter()
            .map(|q| q.text.as_str())
            .collect();
        assert_eq!(texts, ["a"]);
    }
}
