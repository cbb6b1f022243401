//! Information security objectives (6.2, `O-001`) and their measurements (9.1): what the
//! organisation wants to reach, the policy or requirement it serves, how it is measured (in words,
//! or by a measure isms computes from the workspace, see [`measures`]), the target, who owns it,
//! by when, and the plan to get there. Measurements are dated values; the objective shows their
//! trend and whether the latest meets the target.

pub mod measures;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::reference::RefKind;
use super::text::{self, ValidationError};
use crate::string_enum;

pub use measures::BuiltinMeasure;

string_enum!(
    /// Whether a result meets the target from above or from below.
    Direction {
        AtLeast => "at_least", "At least",
        AtMost => "at_most", "At most",
    }
);

string_enum!(
    /// Where an objective stands.
    ObjectiveStatus {
        Planned => "planned", "Planned",
        InProgress => "in_progress", "In progress",
        Achieved => "achieved", "Achieved",
        NotAchieved => "not_achieved", "Not achieved",
        Withdrawn => "withdrawn", "Withdrawn",
    }
);

impl ObjectiveStatus {
    /// Still being pursued, so it needs results.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Planned | Self::InProgress)
    }
}

string_enum!(
    /// Which way the results move, read against the objective's direction.
    Trend {
        Better => "better", "Better",
        Same => "same", "Same",
        Worse => "worse", "Worse",
    }
);

/// The fields of an objective and of a measurement, as errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const STATEMENT: Field = Field::new("statement");
    pub const SERVES: Field = Field::new("serves");
    pub const MEASURE: Field = Field::new("measure");
    pub const BUILTIN: Field = Field::new("built-in measure");
    pub const TARGET: Field = Field::new("target");
    pub const UNIT: Field = Field::new("unit");
    pub const DIRECTION: Field = Field::new("direction");
    pub const OWNER: Field = Field::new("owner");
    pub const SET_ON: Field = Field::new("set on");
    pub const DUE_ON: Field = Field::new("due on");
    pub const EVERY_MONTHS: Field = Field::new("measured every (months)");
    pub const PLAN: Field = Field::new("plan");
    pub const RESOURCES: Field = Field::new("resources");
    pub const RESPONSIBLE: Field = Field::new("responsible");
    pub const EVALUATION: Field = Field::new("evaluation");
    pub const STATUS: Field = Field::new("status");
    /// A measurement's fields.
    pub const OBJECTIVE: Field = Field::new("objective");
    pub const ON_DATE: Field = Field::new("on");
    pub const VALUE: Field = Field::new("value");
    pub const NOTE: Field = Field::new("note");
}

/// The longest measurement period: a result at least once a year.
pub const EVERY_MONTHS_MAX: u32 = 12;

/// An information security objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecurityObjective {
    pub id: i64,
    pub number: u32,
    pub statement: String,
    /// The policy or requirement it serves (`Information security policy, 3.2`).
    #[serde(default)]
    pub serves: String,
    /// How it is measured, in words.
    #[serde(default)]
    pub measure: String,
    /// The measure isms computes from the workspace, if it is one of them.
    #[serde(default)]
    pub builtin: Option<BuiltinMeasure>,
    #[serde(default)]
    pub target: Option<f64>,
    #[serde(default)]
    pub unit: String,
    pub direction: Direction,
    /// A person's name.
    #[serde(default)]
    pub owner: String,
    /// The day it was set: its first period of measurement starts then.
    pub set_on: NaiveDate,
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    /// How often a result is due.
    pub every_months: u32,
    /// The plan (6.2 f to j): what will be done, with what resources, who is responsible, and
    /// how the results are evaluated; when it is done is `due_on`.
    #[serde(default)]
    pub plan: String,
    #[serde(default)]
    pub resources: String,
    #[serde(default)]
    pub responsible: String,
    #[serde(default)]
    pub evaluation: String,
    pub status: ObjectiveStatus,
}

/// One result of an objective: a dated value with a note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    pub id: i64,
    /// Row id of the objective.
    pub objective: i64,
    pub on_date: NaiveDate,
    pub value: f64,
    #[serde(default)]
    pub note: String,
}

impl SecurityObjective {
    pub fn new(statement: &str, set_on: NaiveDate) -> Self {
        Self {
            id: 0,
            number: 0,
            statement: statement.to_string(),
            serves: String::new(),
            measure: String::new(),
            builtin: None,
            target: None,
            unit: String::new(),
            direction: Direction::AtLeast,
            owner: String::new(),
            set_on,
            due_on: None,
            every_months: 3,
            plan: String::new(),
            resources: String::new(),
            responsible: String::new(),
            evaluation: String::new(),
            status: ObjectiveStatus::Planned,
        }
    }

    /// `O-001`.
    pub fn reference(&self) -> String {
        RefKind::Objective.format(self.number)
    }

    /// `O-001 Keep overdue actions at zero`.
    pub fn label(&self) -> String {
        format!("{} {}", self.reference(), self.statement)
    }

    /// Says how it is measured (in words or by a built-in measure) and has a target.
    pub fn is_measurable(&self) -> bool {
        (!self.measure.is_empty() || self.builtin.is_some()) && self.target.is_some()
    }

    /// How it is measured, as one line: the built-in measure's label, else the words.
    pub fn measure_text(&self) -> String {
        match self.builtin {
            Some(b) => b.label().to_string(),
            None => self.measure.clone(),
        }
    }

    /// `at least 90 %`, or nothing without a target.
    pub fn target_text(&self) -> String {
        match self.target {
            Some(t) => with_unit(
                &format!("{} {}", in_words(self.direction), format_value(t)),
                &self.unit,
            ),
            None => String::new(),
        }
    }

    /// How often a result is due: `every month`, `every 3 months`.
    pub fn period_text(&self) -> String {
        match self.every_months {
            1 => "every month".into(),
            n => format!("every {n} months"),
        }
    }

    /// Whether `value` meets the target; `None` without one.
    pub fn meets(&self, value: f64) -> Option<bool> {
        self.target.map(|t| match self.direction {
            Direction::AtLeast => value >= t,
            Direction::AtMost => value <= t,
        })
    }

    /// Its measurements, oldest first.
    pub fn series<'a>(&self, measurements: &'a [Measurement]) -> Vec<&'a Measurement> {
        let mut out: Vec<&Measurement> = measurements
            .iter()
            .filter(|m| m.objective == self.id)
            .collect();
        out.sort_by_key(|m| (m.on_date, m.id));
        out
    }

    /// The latest measurement, if any.
    pub fn latest<'a>(&self, measurements: &'a [Measurement]) -> Option<&'a Measurement> {
        self.series(measurements).pop()
    }

    /// Whether the latest result misses the target (an open or finished objective alike; a
    /// withdrawn one is no longer judged).
    pub fn is_off_target(&self, measurements: &[Measurement]) -> bool {
        self.status != ObjectiveStatus::Withdrawn
            && self
                .latest(measurements)
                .and_then(|m| self.meets(m.value))
                .is_some_and(|met| !met)
    }

    /// The latest result against the one before, read in the objective's direction.
    pub fn trend(&self, measurements: &[Measurement]) -> Option<Trend> {
        let series = self.series(measurements);
        let [.., before, last] = series.as_slice() else {
            return None;
        };
        let up = last.value > before.value;
        let down = last.value < before.value;
        Some(match (self.direction, up, down) {
            (_, false, false) => Trend::Same,
            (Direction::AtLeast, true, _) | (Direction::AtMost, _, true) => Trend::Better,
            _ => Trend::Worse,
        })
    }

    /// The day the current period of measurement began: `every_months` before `today`. `None`
    /// while its first period is still running (nothing is due yet) or the year is out of range.
    pub fn period_start(&self, today: NaiveDate) -> Option<NaiveDate> {
        let start = today.checked_sub_months(Months::new(self.every_months))?;
        (self.set_on <= start).then_some(start)
    }

    /// An open objective with no result in its current period: nothing measured after
    /// [`Self::period_start`].
    pub fn lacks_result(&self, measurements: &[Measurement], today: NaiveDate) -> bool {
        if !self.status.is_open() {
            return false;
        }
        let Some(start) = self.period_start(today) else {
            return false;
        };
        !measurements
            .iter()
            .any(|m| m.objective == self.id && m.on_date > start && m.on_date <= today)
    }

    /// The objective as it may be stored: a statement, single lines, dates with four-digit
    /// years and the due day not before it was set, a finite target, a period of 1 to
    /// [`EVERY_MONTHS_MAX`] months; a built-in measure gives its unit and direction when the
    /// objective names none.
    pub fn validated(self) -> Result<Self, ValidationError> {
        text::check_year(field::SET_ON, Some(self.set_on))?;
        text::check_year(field::DUE_ON, self.due_on)?;
        if let Some(due) = self.due_on.filter(|&d| d < self.set_on) {
            return Err(ValidationError::new(
                field::DUE_ON,
                format!("{due} is before it was set ({})", self.set_on),
            ));
        }
        if let Some(t) = self.target {
            check_finite(field::TARGET, t)?;
        }
        if !(1..=EVERY_MONTHS_MAX).contains(&self.every_months) {
            return Err(ValidationError::new(
                field::EVERY_MONTHS,
                format!(
                    "{} is out of range; expected 1 to {EVERY_MONTHS_MAX} months",
                    self.every_months
                ),
            ));
        }
        let mut unit = text::line(field::UNIT, &self.unit)?;
        if unit.is_empty()
            && let Some(b) = self.builtin
        {
            unit = b.unit().to_string();
        }
        Ok(Self {
            statement: text::required_line(field::STATEMENT, &self.statement)?,
            serves: text::line(field::SERVES, &self.serves)?,
            measure: text::text(field::MEASURE, &self.measure)?,
            unit,
            owner: text::line(field::OWNER, &self.owner)?,
            plan: text::text(field::PLAN, &self.plan)?,
            resources: text::text(field::RESOURCES, &self.resources)?,
            responsible: text::line(field::RESPONSIBLE, &self.responsible)?,
            evaluation: text::text(field::EVALUATION, &self.evaluation)?,
            ..self
        })
    }
}

impl Measurement {
    pub fn new(objective: i64, on_date: NaiveDate, value: f64) -> Self {
        Self {
            id: 0,
            objective,
            on_date,
            value,
            note: String::new(),
        }
    }

    /// A four-digit year, a finite value, the note as text.
    pub fn validated(self) -> Result<Self, ValidationError> {
        text::check_year(field::ON_DATE, Some(self.on_date))?;
        check_finite(field::VALUE, self.value)?;
        Ok(Self {
            note: text::text(field::NOTE, &self.note)?,
            ..self
        })
    }
}

/// The largest value a target or measurement may hold: far beyond any count or percentage,
/// and small enough to print in full.
pub const VALUE_MAX: f64 = 1e12;

fn check_finite(field: text::Field, value: f64) -> Result<(), ValidationError> {
    if value.is_finite() && value.abs() <= VALUE_MAX {
        Ok(())
    } else {
        Err(ValidationError::new(
            field,
            format!("expected a number between -{VALUE_MAX:e} and {VALUE_MAX:e}"),
        ))
    }
}

/// A value as typed: `87.5` or `87,5`, a sign, a trailing `%` tolerated; empty is `None`.
pub fn parse_value(field: text::Field, value: &str) -> Result<Option<f64>, ValidationError> {
    let v = value.trim().trim_end_matches('%').trim();
    if v.is_empty() {
        return Ok(None);
    }
    let parsed: f64 = v.replace(',', ".").parse().map_err(|_| {
        ValidationError::new(
            field,
            format!(
                "{} is not a number; expected e.g. 90 or 87.5",
                text::shown(value.trim())
            ),
        )
    })?;
    check_finite(field, parsed)?;
    Ok(Some(parsed))
}

/// A value as screens and reports show it: no trailing zeros (`90`, `87.5`, `0.25`).
pub fn format_value(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let s = format!("{rounded:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// `87.5 %`, `3 actions`, `1 action`; the bare value without a unit. A plural unit of a
/// count (`actions`, `nonconformities`, `hours`) reads singular after 1.
pub fn with_unit(value: &str, unit: &str) -> String {
    if unit.is_empty() {
        return value.to_string();
    }
    let unit = if value == "1" && unit.chars().count() > 3 {
        if let Some(stem) = unit.strip_suffix("ies") {
            format!("{stem}y")
        } else if unit.ends_with('s') && !unit.ends_with("ss") {
            unit[..unit.len() - 1].to_string()
        } else {
            unit.to_string()
        }
    } else {
        unit.to_string()
    };
    format!("{value} {unit}")
}

fn in_words(direction: Direction) -> &'static str {
    match direction {
        Direction::AtLeast => "at least",
        Direction::AtMost => "at most",
    }
}

/// Whether any objective is pursued (withdrawn ones aside): what 6.2 asks for, and what holds
/// its documented information.
pub fn any_pursued(objectives: &[SecurityObjective]) -> bool {
    objectives
        .iter()
        .any(|o| o.status != ObjectiveStatus::Withdrawn)
}

#[cfg(test)]
mod tests;
