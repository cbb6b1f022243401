//! The measurements of the objectives as the Objectives screen's Measurements view shows them,
//! newest first; `n` records one for the objective selected in the Objectives view.

use std::sync::Arc;

use super::records::ObjectiveContext;
use crate::app::{Command, Error, Reader, Saved};
use crate::domain::ValidationError;
use crate::domain::objective::{Measurement, field, format_value, parse_value, with_unit};
use crate::domain::text;
use crate::ui::screens::register::Record;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

#[derive(Clone)]
pub struct MeasurementRow {
    pub measurement: Measurement,
    pub ctx: Arc<ObjectiveContext>,
}

impl MeasurementRow {
    fn value(&self) -> String {
        let m = &self.measurement;
        with_unit(&format_value(m.value), self.ctx.unit(m.objective))
    }

    fn objective_reference(&self) -> String {
        let label = self.ctx.objective(self.measurement.objective);
        label
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string()
    }
}

impl Record for MeasurementRow {
    const NOUN: &'static str = "measurement";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Objective", 34, 14, 8),
            Column::new("Date", 10, 10, 9),
            Column::new("Value", 14, 6, 7),
            Column::new("Note", 30, 8, 3),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let m = &self.measurement;
        vec![
            self.ctx.objective(m.objective),
            m.on_date.to_string(),
            self.value(),
            m.note.clone(),
        ]
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let m = &self.measurement;
        vec![
            ("Objective", self.ctx.objective(m.objective)),
            ("Date", m.on_date.to_string()),
            ("Value", self.value()),
            ("Note", m.note.clone()),
        ]
    }

    fn id(&self) -> i64 {
        self.measurement.id
    }

    fn label(&self) -> String {
        format!(
            "{} on {}",
            self.objective_reference(),
            self.measurement.on_date
        )
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["objective", "measurement"], self.objective_reference())
    }

    fn form(&self, title: String) -> Form {
        let m = &self.measurement;
        let selected = (m.objective != 0).then_some(m.objective);
        Form::new(title)
            .pick(
                field::OBJECTIVE,
                "Objective",
                self.ctx.objectives.clone(),
                selected,
            )
            .date(field::ON_DATE, "Date", Some(m.on_date))
            .line(
                field::VALUE,
                "Value",
                &if m.id == 0 {
                    String::new()
                } else {
                    format_value(m.value)
                },
            )
            .text(field::NOTE, "Note", &m.note)
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let objective = form.picked(field::OBJECTIVE).ok_or_else(|| {
            ValidationError::new(
                field::OBJECTIVE,
                "is required: which objective is measured?",
            )
        })?;
        let on_date =
            text::date(field::ON_DATE, &form.value(field::ON_DATE))?.ok_or_else(|| {
                ValidationError::new(
                    field::ON_DATE,
                    format!(
                        "is required: when was it measured? ({})",
                        text::DATE_FORMATS
                    ),
                )
            })?;
        let value = parse_value(field::VALUE, &form.value(field::VALUE))?
            .ok_or_else(|| ValidationError::new(field::VALUE, "is required: e.g. 90 or 87.5"))?;
        Ok(MeasurementRow {
            measurement: Measurement {
                objective,
                on_date,
                value,
                note: form.value(field::NOTE),
                ..self.measurement.clone()
            },
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let objectives = data.security_objectives()?;
        let ctx = ObjectiveContext::load(data, &objectives)?;
        // Newest first: the latest results are what a reader looks for.
        let mut measurements = ctx.measurements.clone();
        measurements.sort_by_key(|m| std::cmp::Reverse((m.on_date, m.id)));
        let rows = measurements
            .into_iter()
            .map(|measurement| MeasurementRow {
                measurement,
                ctx: Arc::clone(&ctx),
            })
            .collect();
        let today = ctx.today;
        Ok((
            rows,
            MeasurementRow {
                measurement: Measurement::new(0, today, 0.0),
                ctx,
            },
        ))
    }

    fn is_new(&self) -> bool {
        self.measurement.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveMeasurement(self.measurement.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Measurement(measurement) => MeasurementRow {
                measurement,
                ..self
            },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::DeleteMeasurement(self.measurement.id))
    }
}
