//! Open questions noted in a workshop (`?` in the Protection screen's workshop view): what the
//! room could not answer at once, about one asset or the workshop as a whole. They stay in the
//! workspace, numbered `Q-001`, until they are answered: the answer, who gave it and when are
//! kept. An open question can be given to a person of the client, with a date it is due by.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
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
    pub const ANSWER: Field = Field::new("answer");
    pub const ANSWERED_BY: Field = Field::new("answered_by");
    pub const ASSIGNEE: Field = Field::new("assignee");
    pub const DUE: Field = Field::new("due");
    pub const ASSET: Field = Field::new("asset");
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
    /// When it was answered; `None` while it is open.
    pub resolved_at: Option<NaiveDateTime>,
    /// The answer; empty while open (and for questions resolved before answers were kept).
    #[serde(default)]
    pub answer: String,
    /// Who gave the answer: a person in the room, or the user who recorded it.
    #[serde(default)]
    pub answered_by: String,
    /// The person of the client who is to answer it, if someone is.
    #[serde(default)]
    pub assignee: String,
    /// When the answer is due.
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// Row id of the workshop it was noted in, if any.
    #[serde(default)]
    pub workshop: Option<i64>,
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
            answer: String::new(),
            answered_by: String::new(),
            assignee: String::new(),
            due: None,
            workshop: None,
        }
    }

    /// `Q-007`.
    pub fn reference(&self) -> String {
        RefKind::Question.format(self.number)
    }

    pub fn is_open(&self) -> bool {
        self.resolved_at.is_none()
    }

    /// How it stands on `today`, in a word: `Open`, `Overdue` or `Answered`.
    pub fn status(&self, today: NaiveDate) -> &'static str {
        if !self.is_open() {
            "Answered"
        } else if self.is_overdue(today) {
            "Overdue"
        } else {
            "Open"
        }
    }

    /// Open past its due date.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due.is_some_and(|due| due < today)
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
        if let Some(due) = self.due.filter(|d| !(1..=9999).contains(&d.year())) {
            return Err(ValidationError::new(
                field::DUE,
                format!(
                    "the year {} is out of range; expected 0001 to 9999",
                    due.year()
                ),
            ));
        }
        Ok(Self {
            text: text::required_line(field::QUESTION, &self.text)?,
            noted_by: text::required_line(field::NOTED_BY, &self.noted_by)?,
            noted_at,
            resolved_at,
            answer: text::text(field::ANSWER, &self.answer)?,
            answered_by: text::line(field::ANSWERED_BY, &self.answered_by)?,
            assignee: text::line(field::ASSIGNEE, &self.assignee)?,
            ..self
        })
    }

    /// The question answered at `at` with `answer`, given by `answered_by`. The answer is
    /// required; so is who gave it. Refuses a question answered already, naming when. A clock
    /// that stands behind the stamp of the note (a fixed test date, a laptop set back) answers it
    /// at the moment it was noted rather than refusing an edit the user cannot fix.
    pub fn answered(
        self,
        answer: &str,
        answered_by: &str,
        at: NaiveDateTime,
    ) -> Result<Self, ValidationError> {
        let answer = text::text(field::ANSWER, answer)?;
        if answer.is_empty() {
            return Err(ValidationError::new(
                field::ANSWER,
                "is required: what did the room answer?",
            ));
        }
        let answered_by = text::required_line(field::ANSWERED_BY, answered_by)?;
        Self {
            answer,
            answered_by,
            ..self.resolved(at)?
        }
        .validated()
    }

    /// The question given to `assignee` (empty: to nobody), due by `due`.
    pub fn assigned(self, assignee: &str, due: Option<NaiveDate>) -> Result<Self, ValidationError> {
        let same = self.assignee == assignee.trim() && self.due == due;
        if let Some(at) = self.resolved_at.filter(|_| !same) {
            return Err(ValidationError::new(
                field::ASSIGNEE,
                format!(
                    "{} was answered already on {}; there is nothing left to assign",
                    self.reference(),
                    stamp(at)
                ),
            ));
        }
        Self {
            assignee: assignee.to_string(),
            due,
            ..self
        }
        .validated()
    }

    /// The question marked resolved at `at`, without its answer (see [`Self::answered`]).
    fn resolved(self, at: NaiveDateTime) -> Result<Self, ValidationError> {
        if let Some(before) = self.resolved_at {
            return Err(ValidationError::new(
                field::RESOLVED_AT,
                format!(
                    "{} was answered already on {}",
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

/// The questions as a reader wants them: open ones first, the overdue before the rest by due
/// date, then those with no due date; answered ones after, by number.
pub fn open_first(questions: &mut [OpenQuestion]) {
    questions.sort_by_key(|q| (!q.is_open(), q.due.is_none(), q.due, q.number));
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
    fn answering_stamps_it_once_with_the_answer_and_who_gave_it() {
        let mut q = question("Who owns the NAS?");
        q.number = 4;
        let done = q
            .answered(
                " IT, Jonas Klein ",
                " Anna Weber ",
                at("2026-04-02T10:00:00"),
            )
            .unwrap();
        assert!(!done.is_open());
        assert_eq!(done.resolved_at, Some(at("2026-04-02T10:00:00")));
        assert_eq!(
            (done.answer.as_str(), done.answered_by.as_str()),
            ("IT, Jonas Klein", "Anna Weber")
        );
        let err = done
            .answered("again", "Anna", at("2026-04-03T10:00:00"))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "resolved_at: Q-004 was answered already on 2026-04-02T10:00:00"
        );
    }

    #[test]
    fn an_answer_and_who_gave_it_are_required() {
        let q = question("Who owns the NAS?");
        let err = q
            .clone()
            .answered("  ", "Anna", at("2026-04-02T10:00:00"))
            .unwrap_err();
        assert_eq!(err.field, "answer");
        assert!(err.message.starts_with("is required"), "{err}");
        let err = q
            .answered("IT", " ", at("2026-04-02T10:00:00"))
            .unwrap_err();
        assert_eq!(err.to_string(), "answered_by: is required");
    }

    #[test]
    fn a_clock_behind_the_note_answers_at_the_note() {
        let q = question("Who owns the NAS?")
            .answered("IT", "Anna", at("2026-03-31T00:00:00"))
            .unwrap();
        assert_eq!(q.resolved_at, Some(q.noted_at));
    }

    #[test]
    fn an_open_question_is_assigned_with_a_due_date_and_can_be_overdue() {
        let due = NaiveDate::from_ymd_opt(2026, 4, 15);
        let q = question("Who owns the NAS?")
            .assigned(" Jonas Klein ", due)
            .unwrap();
        assert_eq!((q.assignee.as_str(), q.due), ("Jonas Klein", due));
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 4, d).unwrap();
        assert!(!q.is_overdue(day(15)));
        assert!(q.is_overdue(day(16)));
        assert_eq!((q.status(day(15)), q.status(day(16))), ("Open", "Overdue"));
        let done = q
            .answered("IT", "Jonas", at("2026-04-10T10:00:00"))
            .unwrap();
        assert!(
            !done.is_overdue(day(16)),
            "an answered question is never overdue"
        );
        assert_eq!(
            done.clone().assigned("Jonas Klein", due).unwrap(),
            done,
            "the same again is no change"
        );
        let err = done.assigned("Petra", None).unwrap_err();
        assert_eq!(err.field, "assignee");
        assert!(err.message.contains("answered already"), "{err}");
        let err = question("x").assigned("a\nb", None).unwrap_err();
        assert_eq!(err.field, "assignee");
    }

    #[test]
    fn open_first_puts_open_questions_by_due_date_before_answered_ones() {
        let mut qs: Vec<OpenQuestion> = (1..=4)
            .map(|n| OpenQuestion {
                number: n,
                ..question("q")
            })
            .collect();
        qs[0].resolved_at = Some(at("2026-04-01T08:00:00"));
        qs[2].due = NaiveDate::from_ymd_opt(2026, 5, 1);
        qs[3].due = NaiveDate::from_ymd_opt(2026, 4, 1);
        open_first(&mut qs);
        let order: Vec<u32> = qs.iter().map(|q| q.number).collect();
        assert_eq!(order, [4, 3, 2, 1]);
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
