//! Information security objectives as the Objectives screen shows and edits them: the latest
//! result against the target, the trend, and the results drawn as a small chart under the
//! detail.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::app::{Command, Error, Reader, Saved};
use crate::domain::objective::{
    BuiltinMeasure, Direction, Measurement, ObjectiveStatus, SecurityObjective, field,
    format_value, parse_value, with_unit,
};
use crate::domain::readiness::Place;
use crate::domain::text;
use crate::domain::wording::count;
use crate::domain::{Field, ValidationError};
use crate::ui::screens::register::{Chart, Record};
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// The facets the objectives can be filtered by (`f`): the keys of the facet form.
mod facet {
    use crate::domain::Field;

    pub const STATUS: Field = Field::new("status");
    pub const OWNER: Field = Field::new("owner");
    pub const OFF_TARGET: Field = Field::new("off target");
    pub const RESULT_DUE: Field = Field::new("result due");
}

/// How many of the latest results the chart's caption names.
const CAPTION_VALUES: usize = 5;

/// The built-in measure choice that means "measured in words".
const IN_WORDS: &str = "(none: measured as the words say)";

/// What objective rows share: every measurement, the people an owner is picked from, today.
pub struct ObjectiveContext {
    pub(super) measurements: Vec<Measurement>,
    /// Every objective by row id as `O-001 statement`, as the measurement form offers them.
    pub(super) objectives: Vec<(i64, String)>,
    pub(super) units: Vec<(i64, String)>,
    people: Vec<String>,
    pub(super) today: NaiveDate,
}

impl ObjectiveContext {
    pub(super) fn load(
        data: &Reader<'_>,
        objectives: &[SecurityObjective],
    ) -> Result<Arc<Self>, Error> {
        Ok(Arc::new(Self {
            measurements: data.measurements()?,
            objectives: objectives.iter().map(|o| (o.id, o.label())).collect(),
            units: objectives.iter().map(|o| (o.id, o.unit.clone())).collect(),
            people: data.person_names()?,
            today: data.today(),
        }))
    }

    pub(super) fn objective(&self, id: i64) -> String {
        self.objectives
            .iter()
            .find(|(o, _)| *o == id)
            .map_or_else(|| format!("#{id}"), |(_, l)| l.clone())
    }

    pub(super) fn unit(&self, id: i64) -> &str {
        self.units
            .iter()
            .find(|(o, _)| *o == id)
            .map_or("", |(_, u)| u.as_str())
    }
}

#[derive(Clone)]
pub struct ObjectiveRow {
    pub objective: SecurityObjective,
    pub ctx: Arc<ObjectiveContext>,
}

impl ObjectiveRow {
    fn off_target(&self) -> bool {
        self.objective.is_off_target(&self.ctx.measurements)
    }

    fn result_due(&self) -> bool {
        self.objective
            .lacks_result(&self.ctx.measurements, self.ctx.today)
    }

    /// `92.9 % on 2026-01-31`, or nothing before the first result.
    fn latest(&self) -> String {
        let o = &self.objective;
        o.latest(&self.ctx.measurements)
            .map_or_else(String::new, |m| {
                format!(
                    "{} on {}",
                    with_unit(&format_value(m.value), &o.unit),
                    m.on_date
                )
            })
    }

    /// `on target`, `off target`, or nothing without a result or target.
    fn verdict(&self) -> &'static str {
        let o = &self.objective;
        match o
            .latest(&self.ctx.measurements)
            .and_then(|m| o.meets(m.value))
        {
            Some(true) => "on target",
            Some(false) => "off target",
            None => "",
        }
    }

    fn trend(&self) -> &'static str {
        self.objective
            .trend(&self.ctx.measurements)
            .map_or("", |t| t.label())
    }
}

impl Record for ObjectiveRow {
    const NOUN: &'static str = "objective";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 5, 5, 9),
            Column::new("Objective", 34, 14, 8),
            Column::new("Target", 16, 8, 5),
            Column::new("Latest", 22, 8, 6),
            Column::new("Met", 3, 3, 7),
            Column::new("Owner", 16, 8, 2),
            Column::new("Status", 11, 8, 4),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let o = &self.objective;
        vec![
            o.reference(),
            o.statement.clone(),
            o.target_text(),
            self.latest(),
            match self.verdict() {
                "on target" => "yes",
                "off target" => "no",
                _ => "",
            }
            .to_string(),
            o.owner.clone(),
            o.status.label().to_string(),
        ]
    }

    /// Off target as a warning, on target in the colour of done; a result due as a warning.
    fn cell_styles(&self) -> Vec<(usize, crate::ui::theme::Tone)> {
        use crate::ui::theme::Tone;
        let mut styles = Vec::new();
        match self.verdict() {
            "on target" => styles.push((4, Tone::Progress(0))),
            "off target" => styles.push((4, Tone::Warning)),
            _ => {}
        }
        if self.result_due() {
            styles.push((3, Tone::Warning));
        }
        styles
    }

    fn found_by(&self) -> String {
        let mut words = Vec::new();
        if self.result_due() {
            words.push("result due");
        }
        words.join(" ")
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let o = &self.objective;
        let results: Vec<String> = o
            .series(&self.ctx.measurements)
            .iter()
            .rev()
            .map(|m| {
                let value = with_unit(&format_value(m.value), &o.unit);
                if m.note.is_empty() {
                    format!("{}  {value}", m.on_date)
                } else {
                    format!("{}  {value}: {}", m.on_date, m.note)
                }
            })
            .collect();
        let due = if self.result_due() {
            "a result is due now".to_string()
        } else {
            String::new()
        };
        vec![
            ("Objective", o.label()),
            ("Serves", o.serves.clone()),
            ("Measure", o.measure_text()),
            (
                "How",
                if o.builtin.is_some() {
                    o.measure.clone()
                } else {
                    String::new()
                },
            ),
            ("Target", o.target_text()),
            ("Latest", self.latest()),
            ("Target met", self.verdict().to_string()),
            ("Trend", self.trend().to_string()),
            ("Measured", o.period_text()),
            ("Result due", due),
            ("Owner", o.owner.clone()),
            ("Set on", o.set_on.to_string()),
            ("Due", o.due_on.map(|d| d.to_string()).unwrap_or_default()),
            ("Status", o.status.label().to_string()),
            ("Plan", o.plan.clone()),
            ("Resources", o.resources.clone()),
            ("Responsible", o.responsible.clone()),
            ("Evaluation", o.evaluation.clone()),
            ("Results", results.join("\n")),
        ]
    }

    fn chart(&self) -> Option<Chart> {
        let o = &self.objective;
        let series = o.series(&self.ctx.measurements);
        if series.len() < 2 {
            return None;
        }
        let values: Vec<f64> = series.iter().map(|m| m.value).collect();
        // The caption names the last few; the bars show them all.
        let mut shown: Vec<String> = values
            .iter()
            .rev()
            .take(CAPTION_VALUES)
            .rev()
            .map(|v| format_value(*v))
            .collect();
        if values.len() > CAPTION_VALUES {
            shown.insert(0, "…".into());
        }
        let target = o.target_text();
        Some(Chart {
            caption: format!(
                "{}{}",
                with_unit(&shown.join(" → "), &o.unit),
                if target.is_empty() {
                    String::new()
                } else {
                    format!(" against {target}")
                }
            ),
            values,
            good: !self.off_target(),
        })
    }

    fn facets(&self) -> Vec<(Field, String)> {
        let o = &self.objective;
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        vec![
            (facet::STATUS, o.status.label().to_string()),
            (
                facet::OWNER,
                if o.owner.is_empty() {
                    "(none)".into()
                } else {
                    o.owner.clone()
                },
            ),
            (facet::OFF_TARGET, yes_no(self.off_target())),
            (facet::RESULT_DUE, yes_no(self.result_due())),
        ]
    }

    fn id(&self) -> i64 {
        self.objective.id
    }

    fn is_at(&self, place: &Place) -> bool {
        *place == Place::Objective(self.objective.id)
    }

    fn label(&self) -> String {
        self.objective.label()
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["objective", "measurement"], self.objective.reference())
    }

    fn delete_warning(&self, _data: &Reader<'_>) -> Result<Option<String>, Error> {
        let n = self.objective.series(&self.ctx.measurements).len();
        Ok((n > 0).then(|| {
            format!(
                "Its {} go with it.",
                count(n, "measurement", "measurements")
            )
        }))
    }

    fn form(&self, title: String) -> Form {
        let o = &self.objective;
        let mut measures = vec![IN_WORDS];
        measures.extend(BuiltinMeasure::ALL.iter().map(|b| b.label()));
        let builtin = o
            .builtin
            .and_then(|b| BuiltinMeasure::ALL.iter().position(|x| *x == b))
            .map_or(0, |i| i + 1);
        Form::new(title)
            .line(field::STATEMENT, "Objective", &o.statement)
            .line(field::SERVES, "Serves (policy, requirement)", &o.serves)
            .choice(field::BUILTIN, "Built-in measure", measures, builtin)
            .text(field::MEASURE, "How it is measured", &o.measure)
            .choice(
                field::DIRECTION,
                "Target is",
                Direction::ALL.iter().map(|d| d.label()).collect(),
                Direction::ALL
                    .iter()
                    .position(|d| *d == o.direction)
                    .unwrap_or(0),
            )
            .line(
                field::TARGET,
                "Target",
                &o.target.map(format_value).unwrap_or_default(),
            )
            .line(field::UNIT, "Unit", &o.unit)
            .person(field::OWNER, "Owner", &o.owner, &self.ctx.people)
            .date(field::SET_ON, "Set on", Some(o.set_on))
            .date(field::DUE_ON, "Due on", o.due_on)
            .line(
                field::EVERY_MONTHS,
                "Measured every (months)",
                &o.every_months.to_string(),
            )
            .choice(
                field::STATUS,
                "Status",
                ObjectiveStatus::ALL.iter().map(|s| s.label()).collect(),
                ObjectiveStatus::ALL
                    .iter()
                    .position(|s| *s == o.status)
                    .unwrap_or(0),
            )
            .text(field::PLAN, "Plan: what will be done", &o.plan)
            .text(field::RESOURCES, "Resources", &o.resources)
            .line(field::RESPONSIBLE, "Responsible", &o.responsible)
            .text(
                field::EVALUATION,
                "How results are evaluated",
                &o.evaluation,
            )
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let set_on = text::date(field::SET_ON, &form.value(field::SET_ON))?.ok_or_else(|| {
            ValidationError::new(
                field::SET_ON,
                format!("is required: when was it set? ({})", text::DATE_FORMATS),
            )
        })?;
        let every = form.value(field::EVERY_MONTHS);
        let every_months = every.trim().parse::<u32>().map_err(|_| {
            ValidationError::new(
                field::EVERY_MONTHS,
                format!(
                    "'{}' is not a number of months; expected 1 to 12",
                    text::shown(every.trim())
                ),
            )
        })?;
        let objective = SecurityObjective {
            statement: form.value(field::STATEMENT),
            serves: form.value(field::SERVES),
            builtin: form
                .choice_index(field::BUILTIN)
                .checked_sub(1)
                .and_then(|i| BuiltinMeasure::ALL.get(i))
                .copied(),
            measure: form.value(field::MEASURE),
            direction: Direction::ALL
                .get(form.choice_index(field::DIRECTION))
                .copied()
                .unwrap_or(Direction::AtLeast),
            target: parse_value(field::TARGET, &form.value(field::TARGET))?,
            unit: form.value(field::UNIT),
            owner: form.value(field::OWNER),
            set_on,
            due_on: text::date(field::DUE_ON, &form.value(field::DUE_ON))?,
            every_months,
            status: ObjectiveStatus::ALL
                .get(form.choice_index(field::STATUS))
                .copied()
                .unwrap_or(ObjectiveStatus::Planned),
            plan: form.value(field::PLAN),
            resources: form.value(field::RESOURCES),
            responsible: form.value(field::RESPONSIBLE),
            evaluation: form.value(field::EVALUATION),
            ..self.objective.clone()
        };
        Ok(ObjectiveRow {
            objective,
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let objectives = data.security_objectives()?;
        let ctx = ObjectiveContext::load(data, &objectives)?;
        let today = ctx.today;
        let rows = objectives
            .into_iter()
            .map(|objective| ObjectiveRow {
                objective,
                ctx: Arc::clone(&ctx),
            })
            .collect();
        Ok((
            rows,
            ObjectiveRow {
                objective: SecurityObjective::new("", today),
                ctx,
            },
        ))
    }

    fn is_new(&self) -> bool {
        self.objective.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveObjective(self.objective.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Objective(objective) => ObjectiveRow { objective, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::DeleteObjective(self.objective.id))
    }
}
