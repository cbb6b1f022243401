//! A rating workshop as a record (`W-001`): when it ran, its title, who attended and which
//! assets the room walked. Every change made while it runs is logged as belonging to it, so
//! that its minutes ([`minutes`]) can say what the room decided, and `isms log --workshop`
//! what it changed.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::reference::RefKind;
use super::text::{self, ValidationError};

pub mod minutes;
pub use minutes::{Logged, Minutes, Rated, minutes};

/// The fields of a workshop, as validation errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const TITLE: Field = Field::new("title");
    pub const ATTENDEES: Field = Field::new("attendees");
    pub const ENDED_AT: Field = Field::new("ended_at");
}

/// The most attendees one workshop lists; a room holds far fewer.
pub const MAX_ATTENDEES: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workshop {
    pub id: i64,
    pub number: u32,
    pub title: String,
    pub started_at: NaiveDateTime,
    /// `None` while it runs (or when the app stopped before it was ended).
    pub ended_at: Option<NaiveDateTime>,
    /// The names of the people in the room, in the order typed.
    pub attendees: Vec<String>,
    /// The references of the assets the room walked (`AS-003`), in the order walked.
    pub walked: Vec<String>,
}

impl Workshop {
    pub fn new(title: &str, attendees: Vec<String>, started_at: NaiveDateTime) -> Self {
        Self {
            id: 0,
            number: 0,
            title: title.to_string(),
            started_at,
            ended_at: None,
            attendees,
            walked: Vec::new(),
        }
    }

    /// `W-001`.
    pub fn reference(&self) -> String {
        RefKind::Workshop.format(self.number)
    }

    pub fn is_running(&self) -> bool {
        self.ended_at.is_none()
    }

    /// The workshop as it may be stored: a one-line title, attendees each one line (empty
    /// names dropped, the same name once), and an end no earlier than the start.
    pub fn validated(self) -> Result<Self, ValidationError> {
        let mut attendees: Vec<String> = Vec::new();
        for name in &self.attendees {
            let name = text::line(field::ATTENDEES, name)?;
            if !name.is_empty() && !attendees.iter().any(|a| a.eq_ignore_ascii_case(&name)) {
                attendees.push(name);
            }
        }
        if attendees.len() > MAX_ATTENDEES {
            return Err(ValidationError::new(
                field::ATTENDEES,
                format!("lists {} people; at most {MAX_ATTENDEES}", attendees.len()),
            ));
        }
        if let Some(end) = self.ended_at.filter(|&end| end < self.started_at) {
            return Err(ValidationError::new(
                field::ENDED_AT,
                format!(
                    "{} is before the workshop started ({})",
                    super::question::stamp(end),
                    super::question::stamp(self.started_at)
                ),
            ));
        }
        Ok(Self {
            title: text::required_line(field::TITLE, &self.title)?,
            attendees,
            ..self
        })
    }

    /// The workshop ended at `at` (at its start if the clock stands behind it), having walked
    /// `walked`.
    pub fn ended(self, at: NaiveDateTime, walked: Vec<String>) -> Result<Self, ValidationError> {
        if let Some(end) = self.ended_at {
            return Err(ValidationError::new(
                field::ENDED_AT,
                format!(
                    "{} ended already on {}",
                    self.reference(),
                    super::question::stamp(end)
                ),
            ));
        }
        Self {
            ended_at: Some(at.max(self.started_at)),
            walked,
            ..self
        }
        .validated()
    }
}

/// The attendees in one line, as the minutes list them.
pub fn attendees_line(attendees: &[String]) -> String {
    attendees.join(", ")
}

/// The title proposed for a workshop started on `day`.
pub fn proposed_title(day: NaiveDate) -> String {
    format!(
        "Protection needs workshop {:04}-{:02}-{:02}",
        day.year(),
        day.month(),
        day.day()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        super::super::question::parse_stamp(field::ENDED_AT, s).unwrap()
    }

    fn workshop() -> Workshop {
        Workshop::new(
            " Rating day ",
            vec![
                "Anna Weber".into(),
                " ".into(),
                "anna weber".into(),
                "Jonas".into(),
            ],
            at("2026-03-31T09:00:00"),
        )
    }

    #[test]
    fn attendees_are_trimmed_once_each_and_the_title_is_required() {
        let w = workshop().validated().unwrap();
        assert_eq!(w.title, "Rating day");
        assert_eq!(w.attendees, ["Anna Weber", "Jonas"]);
        assert!(w.is_running());
        let err = Workshop {
            title: " ".into(),
            ..workshop()
        }
        .validated()
        .unwrap_err();
        assert_eq!(err.to_string(), "title: is required");
        let err = Workshop {
            attendees: vec!["a\nb".into()],
            ..workshop()
        }
        .validated()
        .unwrap_err();
        assert_eq!(err.field, "attendees");
        let many = (0..=MAX_ATTENDEES).map(|i| format!("P{i}")).collect();
        let err = Workshop {
            attendees: many,
            ..workshop()
        }
        .validated()
        .unwrap_err();
        assert!(err.message.contains("at most 100"), "{err}");
    }

    #[test]
    fn it_ends_once_never_before_it_started() {
        let mut w = workshop();
        w.number = 2;
        let ended = w
            .clone()
            .ended(at("2026-03-31T11:30:00"), vec!["AS-001".into()])
            .unwrap();
        assert_eq!(ended.ended_at, Some(at("2026-03-31T11:30:00")));
        assert_eq!(ended.walked, ["AS-001"]);
        let err = ended.ended(at("2026-03-31T12:00:00"), vec![]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "ended_at: W-002 ended already on 2026-03-31T11:30:00"
        );
        let early = w.clone().ended(at("2026-03-30T08:00:00"), vec![]).unwrap();
        assert_eq!(early.ended_at, Some(w.started_at));
        let err = Workshop {
            ended_at: Some(at("2026-03-30T08:00:00")),
            ..w
        }
        .validated()
        .unwrap_err();
        assert_eq!(err.field, "ended_at");
    }

    #[test]
    fn attendees_read_in_one_line_and_the_title_names_the_day() {
        let names = ["Anna".to_string(), "Jonas".into()];
        assert_eq!(attendees_line(&names), "Anna, Jonas");
        assert_eq!(
            proposed_title(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()),
            "Protection needs workshop 2026-03-31"
        );
    }
}
