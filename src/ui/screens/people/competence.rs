//! Competence and awareness records as the People screen shows and edits them.

use std::sync::Arc;

use crate::app::{Command, Error, Reader, Saved};
use crate::domain::person::{CompetenceKind, CompetenceRecord, Person, record_field};
use crate::domain::text;
use crate::domain::{Field, ValidationError};
use crate::ui::screens::register::Record;
use crate::ui::theme::Tone;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

use super::records::{PeopleData, chosen, date_or_empty, facet, or_none};

#[derive(Clone)]
pub struct CompetenceRow {
    pub record: CompetenceRecord,
    pub data: Arc<PeopleData>,
}

impl CompetenceRow {
    /// Past its end, or an awareness session older than twelve months.
    fn expired(&self) -> bool {
        let r = &self.record;
        let today = self.data.today;
        if r.valid_until.is_some_and(|u| u < today) {
            return true;
        }
        r.kind == CompetenceKind::Awareness
            && r.on
                .checked_add_months(chrono::Months::new(
                    crate::domain::person::duties::AWARENESS_MONTHS,
                ))
                .is_some_and(|due| due < today)
    }
}

impl Record for CompetenceRow {
    const NOUN: &'static str = "competence record";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Person", 18, 10, 9),
            Column::new("Role", 20, 6, 5),
            Column::new("Kind", 13, 6, 6),
            Column::new("Topic", 36, 12, 8),
            Column::new("Date", 10, 10, 7),
            Column::new("Valid until", 11, 10, 4),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let r = &self.record;
        vec![
            self.data.person_name(r.person),
            r.role.map(|id| self.data.role_name(id)).unwrap_or_default(),
            r.kind.label().to_string(),
            r.topic.clone(),
            r.on.to_string(),
            date_or_empty(r.valid_until),
        ]
    }

    fn cell_styles(&self) -> Vec<(usize, Tone)> {
        if self.expired() {
            vec![(4, Tone::Warning), (5, Tone::Warning)]
        } else {
            Vec::new()
        }
    }

    fn found_by(&self) -> String {
        if self.expired() {
            "expired".into()
        } else {
            String::new()
        }
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let r = &self.record;
        let expired = if self.expired() { " (expired)" } else { "" };
        vec![
            ("Person", self.data.person_name(r.person)),
            (
                "For role",
                r.role.map_or_else(
                    || "none (general)".to_string(),
                    |id| self.data.role_name(id),
                ),
            ),
            ("Kind", r.kind.label().to_string()),
            ("Topic", r.topic.clone()),
            ("Date", format!("{}{expired}", r.on)),
            (
                "Valid until",
                r.valid_until
                    .map_or_else(|| "no end".to_string(), |u| u.to_string()),
            ),
            ("Evidence", or_none(&r.evidence)),
        ]
    }

    fn facets(&self) -> Vec<(Field, String)> {
        vec![
            (facet::KIND, self.record.kind.label().to_string()),
            (
                facet::EXPIRED,
                if self.expired() { "yes" } else { "no" }.into(),
            ),
        ]
    }

    fn id(&self) -> i64 {
        self.record.id
    }

    fn label(&self) -> String {
        format!(
            "{} of {} on {}",
            self.record.topic,
            self.data.person_name(self.record.person),
            self.record.on
        )
    }

    fn history(&self) -> (&'static [&'static str], String) {
        let reference = self
            .data
            .person(self.record.person)
            .map(Person::reference)
            .unwrap_or_default();
        (&["competence"], reference)
    }

    fn form(&self, title: String) -> Form {
        let r = &self.record;
        let mut roles = vec![(0, "none (general)".to_string())];
        roles.extend(self.data.role_options());
        Form::new(title)
            .pick(
                record_field::PERSON,
                "Person",
                self.data.person_options(),
                (r.person != 0).then_some(r.person),
            )
            .pick(
                record_field::ROLE,
                "For role",
                roles,
                Some(r.role.unwrap_or(0)),
            )
            .choice(
                record_field::KIND,
                "Kind",
                CompetenceKind::ALL.iter().map(|k| k.label()).collect(),
                CompetenceKind::ALL
                    .iter()
                    .position(|k| *k == r.kind)
                    .unwrap_or(0),
            )
            .line(record_field::TOPIC, "Topic", &r.topic)
            .date(record_field::ON, "Date", Some(r.on))
            .text(
                record_field::EVIDENCE,
                "Evidence (where it is kept)",
                &r.evidence,
            )
            .date(record_field::VALID_UNTIL, "Valid until", r.valid_until)
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let record = CompetenceRecord {
            person: chosen(form, record_field::PERSON, "the person")?,
            role: form.picked(record_field::ROLE).filter(|&id| id != 0),
            kind: CompetenceKind::ALL
                .get(form.choice_index(record_field::KIND))
                .copied()
                .unwrap_or(CompetenceKind::Training),
            topic: form.value(record_field::TOPIC),
            on: text::date(record_field::ON, &form.value(record_field::ON))?.ok_or_else(|| {
                ValidationError::new(record_field::ON, "is missing: the day it was taken")
            })?,
            evidence: form.value(record_field::EVIDENCE),
            valid_until: text::date(
                record_field::VALID_UNTIL,
                &form.value(record_field::VALID_UNTIL),
            )?,
            ..self.record.clone()
        };
        Ok(Self {
            record,
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let shared = PeopleData::load(data)?;
        let mut records = shared.records.clone();
        // Newest first: the table is read for what is current.
        records.sort_by(|a, b| b.on.cmp(&a.on).then(a.person.cmp(&b.person)));
        let rows = records
            .into_iter()
            .map(|record| Self {
                record,
                data: Arc::clone(&shared),
            })
            .collect();
        let blank = CompetenceRecord {
            id: 0,
            person: 0,
            role: None,
            kind: CompetenceKind::Awareness,
            topic: String::new(),
            on: shared.today,
            evidence: String::new(),
            valid_until: None,
        };
        Ok((
            rows,
            Self {
                record: blank,
                data: shared,
            },
        ))
    }

    fn is_new(&self) -> bool {
        self.record.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveCompetenceRecord(self.record.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::CompetenceRecord(record) => Self { record, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::DeleteCompetenceRecord(self.record.id))
    }
}
