//! The management review (9.3, `MR-001`): top management's review of the ISMS on the inputs
//! the standard names, a) to g), with notes per input; the decisions on improvement and on
//! changes, the resource needs, and the review actions (`MR-001/2`: owner, due date, status)
//! that become input a) of the next review.
//!
//! While a review is being prepared its inputs are assembled from the workspace as it stands
//! (`inputs::assemble`); holding it freezes them into the record, so that a risk edited later
//! does not change what management saw on the day.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::reference::RefKind;
use super::text::{self, ValidationError};
use crate::string_enum;

pub mod inputs;

pub use inputs::Inputs;

string_enum!(
    /// Where a review stands: prepared (its inputs assembled as they stand today) or held (its
    /// inputs frozen on the day).
    ReviewStatus {
        Planned => "planned", "Planned",
        Held => "held", "Held",
    }
);

string_enum!(
    /// Where a review action stands.
    ReviewActionStatus {
        Open => "open", "Open",
        InProgress => "in_progress", "In progress",
        Done => "done", "Done",
    }
);

string_enum!(
    /// The inputs a) to g) a management review considers, in the standard's order.
    Input {
        Actions => "actions", "a) Actions from previous reviews",
        Issues => "issues", "b) Changes in external and internal issues",
        Parties => "parties", "c) Changes in interested parties' needs",
        Performance => "performance", "d) Information security performance",
        Feedback => "feedback", "e) Feedback from interested parties",
        Risks => "risks", "f) Risk assessment and treatment plan",
        Improvement => "improvement", "g) Opportunities for improvement",
    }
);

impl Input {
    /// Its position in a) to g).
    pub fn index(self) -> usize {
        Input::ALL.iter().position(|i| *i == self).unwrap_or(0)
    }

    /// The label a form has room for: `a) Earlier actions`.
    pub fn short(self) -> &'static str {
        match self {
            Input::Actions => "a) Earlier actions",
            Input::Issues => "b) Issues",
            Input::Parties => "c) Parties",
            Input::Performance => "d) Performance",
            Input::Feedback => "e) Feedback",
            Input::Risks => "f) Risks",
            Input::Improvement => "g) Improvement",
        }
    }

    /// Typed by the reviewer: isms holds no register for it, so only a note records it.
    pub fn is_typed(self) -> bool {
        self == Input::Feedback
    }
}

/// The fields of a review and of a review action, as errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const TITLE: Field = Field::new("title");
    pub const PLANNED_ON: Field = Field::new("planned on");
    pub const HELD_ON: Field = Field::new("held on");
    pub const STATUS: Field = Field::new("status");
    pub const PARTICIPANTS: Field = Field::new("participants");
    /// The note on each input, by its position in a) to g).
    pub const NOTES: [Field; 7] = [
        Field::new("a) note"),
        Field::new("b) note"),
        Field::new("c) note"),
        Field::new("d) note"),
        Field::new("e) feedback"),
        Field::new("f) note"),
        Field::new("g) opportunities"),
    ];
    pub const IMPROVEMENTS: Field = Field::new("decisions on improvement");
    pub const CHANGES: Field = Field::new("decisions on changes");
    pub const RESOURCES: Field = Field::new("resource needs");
    /// A review action's fields.
    pub const REVIEW: Field = Field::new("review");
    pub const ACTION: Field = Field::new("action");
    pub const OWNER: Field = Field::new("owner");
    pub const DUE_ON: Field = Field::new("due on");
    pub const ACTION_STATUS: Field = Field::new("status");
    pub const NOTE: Field = Field::new("note");
}

/// A management review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub id: i64,
    pub number: u32,
    pub title: String,
    #[serde(default)]
    pub planned_on: Option<NaiveDate>,
    #[serde(default)]
    pub held_on: Option<NaiveDate>,
    pub status: ReviewStatus,
    /// People's names, top management among them.
    #[serde(default)]
    pub participants: Vec<String>,
    /// The reviewer's note on each input, a) to g) by position.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Decisions on continual improvement opportunities.
    #[serde(default)]
    pub improvements: String,
    /// Decisions on any need for changes to the ISMS.
    #[serde(default)]
    pub changes: String,
    #[serde(default)]
    pub resources: String,
    /// The inputs as they were on the day it was held; `None` while it is prepared.
    #[serde(default)]
    pub inputs: Option<Inputs>,
}

impl Review {
    pub fn new(title: &str) -> Self {
        Self {
            id: 0,
            number: 0,
            title: title.to_string(),
            planned_on: None,
            held_on: None,
            status: ReviewStatus::Planned,
            participants: Vec::new(),
            notes: Vec::new(),
            improvements: String::new(),
            changes: String::new(),
            resources: String::new(),
            inputs: None,
        }
    }

    /// `MR-001`.
    pub fn reference(&self) -> String {
        RefKind::Review.format(self.number)
    }

    /// `MR-001 Management review 2025`.
    pub fn label(&self) -> String {
        format!("{} {}", self.reference(), self.title)
    }

    pub fn is_held(&self) -> bool {
        self.status == ReviewStatus::Held
    }

    /// The note on `input` (empty when none).
    pub fn note(&self, input: Input) -> &str {
        self.notes.get(input.index()).map_or("", String::as_str)
    }

    /// The review with its note on `input` replaced.
    pub fn with_note(mut self, input: Input, note: &str) -> Self {
        self.notes.resize(Input::ALL.len(), String::new());
        self.notes[input.index()] = note.to_string();
        self
    }

    /// The review held on `on` with `inputs` frozen into it. A review held already keeps what
    /// it froze: holding it again is refused.
    pub fn hold(self, inputs: Inputs, on: NaiveDate) -> Result<Self, ValidationError> {
        if self.is_held() {
            return Err(ValidationError::new(
                field::HELD_ON,
                format!(
                    "{} was held on {}; its inputs are frozen",
                    self.reference(),
                    self.held_on
                        .map_or_else(|| "an unknown day".into(), |d| d.to_string())
                ),
            ));
        }
        Self {
            status: ReviewStatus::Held,
            held_on: Some(on),
            inputs: Some(inputs),
            ..self
        }
        .validated()
    }

    /// The inputs a held review lacks: all of them without a frozen record; the typed
    /// feedback (e) without a note; the opportunities (g) without a note nor one from an
    /// audit. A prepared review lacks nothing yet.
    pub fn missing_inputs(&self) -> Vec<Input> {
        if !self.is_held() {
            return Vec::new();
        }
        let Some(inputs) = &self.inputs else {
            return Input::ALL.to_vec();
        };
        Input::ALL
            .iter()
            .copied()
            .filter(|&input| match input {
                Input::Feedback => self.note(input).is_empty(),
                Input::Improvement => self.note(input).is_empty() && inputs.improvements.is_empty(),
                _ => false,
            })
            .collect()
    }

    /// The review as it may be stored: a title, single-line names, dates with four-digit
    /// years, a held review says when, and seven notes (missing ones empty).
    pub fn validated(self) -> Result<Self, ValidationError> {
        let title = text::required_line(field::TITLE, &self.title)?;
        text::check_year(field::PLANNED_ON, self.planned_on)?;
        text::check_year(field::HELD_ON, self.held_on)?;
        if self.is_held() && self.held_on.is_none() {
            return Err(ValidationError::new(
                field::HELD_ON,
                format!(
                    "is required once the review is held ({})",
                    text::DATE_FORMATS
                ),
            ));
        }
        if self.notes.len() > Input::ALL.len() {
            return Err(ValidationError::new(
                field::NOTES[Input::ALL.len() - 1],
                format!("a review has {} inputs, a) to g)", Input::ALL.len()),
            ));
        }
        let mut notes = Vec::with_capacity(Input::ALL.len());
        for (i, f) in field::NOTES.iter().enumerate() {
            notes.push(text::text(
                *f,
                self.notes.get(i).map_or("", String::as_str),
            )?);
        }
        Ok(Self {
            title,
            participants: text::distinct_lines(field::PARTICIPANTS, &self.participants)?,
            notes,
            improvements: text::text(field::IMPROVEMENTS, &self.improvements)?,
            changes: text::text(field::CHANGES, &self.changes)?,
            resources: text::text(field::RESOURCES, &self.resources)?,
            ..self
        })
    }
}

/// An action a review decided: what, by whom, by when, and how it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewAction {
    pub id: i64,
    /// Row id of the review that decided it.
    pub review: i64,
    /// Its number within the review: `MR-001/2`.
    #[serde(default)]
    pub number: u32,
    pub description: String,
    /// A person's name.
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    pub status: ReviewActionStatus,
    #[serde(default)]
    pub note: String,
}

impl ReviewAction {
    pub fn new(review: i64, description: &str) -> Self {
        Self {
            id: 0,
            review,
            number: 0,
            description: description.to_string(),
            owner: String::new(),
            due_on: None,
            status: ReviewActionStatus::Open,
            note: String::new(),
        }
    }

    pub fn is_done(&self) -> bool {
        self.status == ReviewActionStatus::Done
    }

    /// Not done, and its due date has passed.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.is_done() && self.due_on.is_some_and(|d| d < today)
    }

    pub fn validated(self) -> Result<Self, ValidationError> {
        text::check_year(field::DUE_ON, self.due_on)?;
        Ok(Self {
            description: text::required_line(field::ACTION, &self.description)?,
            owner: text::line(field::OWNER, &self.owner)?,
            note: text::text(field::NOTE, &self.note)?,
            ..self
        })
    }
}

/// A review action's reference: `MR-001/2`, the second action of `MR-001`.
pub fn action_reference(review_number: u32, action_number: u32) -> String {
    format!("{}/{action_number}", RefKind::Review.format(review_number))
}

/// The latest held review, by the day it was held.
pub fn last_held(reviews: &[Review]) -> Option<&Review> {
    reviews
        .iter()
        .filter(|r| r.is_held() && r.held_on.is_some())
        .max_by_key(|r| (r.held_on, r.number))
}

/// Whether a review was held within the twelve months up to `today`.
pub fn held_within_a_year(reviews: &[Review], today: NaiveDate) -> bool {
    let since = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    last_held(reviews)
        .and_then(|r| r.held_on)
        .is_some_and(|on| on >= since && on <= today)
}

#[cfg(test)]
mod tests;
