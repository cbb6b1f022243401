//! People as the People screen shows and edits them, and what every view of the screen reads
//! (`PeopleData`).

use std::sync::Arc;

use chrono::NaiveDate;

use crate::app::{Command, Error, Reader, Saved};
use crate::domain::person::duties::{
    NamedItem, awareness_due, decisions, has_competence_evidence, is_aware_on, last_awareness,
    named_items, needs_evidence, objective_items, open_items,
};
use crate::domain::person::{CompetenceRecord, People, Person, field};
use crate::domain::readiness::Place;
use crate::domain::text;
use crate::domain::{Field, ValidationError};
use crate::ui::screens::register::Record;
use crate::ui::theme::Tone;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// The facets the records can be filtered by (`f`): the keys of the facet form.
pub(super) mod facet {
    use crate::domain::Field;

    pub const UNIT: Field = Field::new("unit");
    pub const STATUS: Field = Field::new("status");
    pub const AWARENESS: Field = Field::new("awareness");
    pub const KIND: Field = Field::new("kind");
    pub const EXPIRED: Field = Field::new("expired");
    pub const EVIDENCE: Field = Field::new("evidence");
}

/// Notes the forms show instead of a field that cannot change.
pub(super) mod note {
    use crate::domain::Field;

    pub const HELD: Field = Field::new("role held");
    pub const BUILT_IN: Field = Field::new("built-in authority");
}

/// What every row of the People screen reads: the register, the records, what names whom, and
/// today.
pub struct PeopleData {
    pub people: People,
    pub records: Vec<CompetenceRecord>,
    /// Every item that names someone as owner (or gives them a question), open or not.
    items: Vec<NamedItem>,
    /// What someone accepted or approved (never open).
    approvals: Vec<NamedItem>,
    pub today: NaiveDate,
}

impl PeopleData {
    pub(super) fn load(data: &Reader<'_>) -> Result<Arc<Self>, Error> {
        let risks = data.risks()?;
        let mut items = named_items(
            &data.assets()?,
            &risks,
            &data.actions()?,
            &data.soa()?,
            &data.questions()?,
            &data.documents()?,
        );
        items.extend(objective_items(&data.security_objectives()?));
        let approvals = decisions(&risks, &data.acceptances()?, &data.soa_versions()?);
        Ok(Arc::new(Self {
            people: data.people()?,
            records: data.competence_records()?,
            items,
            approvals,
            today: data.today(),
        }))
    }

    pub(super) fn person(&self, id: i64) -> Option<&Person> {
        self.people.people.iter().find(|p| p.id == id)
    }

    pub(super) fn person_name(&self, id: i64) -> String {
        self.person(id)
            .map_or_else(|| format!("#{id}"), |p| p.name.clone())
    }

    pub(super) fn role_name(&self, id: i64) -> String {
        self.people
            .role(id)
            .map_or_else(|| format!("#{id}"), |r| r.name.clone())
    }

    pub(super) fn person_options(&self) -> Vec<(i64, String)> {
        self.people
            .people
            .iter()
            .map(|p| (p.id, format!("{} {}", p.reference(), p.name)))
            .collect()
    }

    pub(super) fn role_options(&self) -> Vec<(i64, String)> {
        self.people
            .roles
            .iter()
            .map(|r| (r.id, r.name.clone()))
            .collect()
    }

    pub(super) fn holders(&self, role: i64) -> Vec<&Person> {
        self.people
            .people
            .iter()
            .filter(|p| {
                self.people
                    .roles_on(p, self.today)
                    .iter()
                    .any(|r| r.id == role)
            })
            .collect()
    }
}

pub(super) fn or_none(text: &str) -> String {
    if text.trim().is_empty() {
        "none".into()
    } else {
        text.to_string()
    }
}

pub(super) fn date_or_empty(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// A picker's choice, or the field's error when nothing is chosen.
pub(super) fn chosen(form: &Form, key: Field, what: &str) -> Result<i64, ValidationError> {
    form.picked(key)
        .ok_or_else(|| ValidationError::new(key, format!("is missing: choose {what}")))
}

#[derive(Clone)]
pub struct PersonRow {
    pub person: Person,
    pub data: Arc<PeopleData>,
}

impl PersonRow {
    fn aware(&self) -> bool {
        is_aware_on(&self.person, &self.data.records, self.data.today)
    }

    fn active(&self) -> bool {
        self.person.is_active_on(self.data.today)
    }

    fn roles_now(&self) -> Vec<String> {
        self.data
            .people
            .roles_on(&self.person, self.data.today)
            .iter()
            .map(|r| r.name.clone())
            .collect()
    }
}

impl Record for PersonRow {
    const NOUN: &'static str = "person";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 5, 5, 9),
            Column::new("Name", 20, 10, 8),
            Column::new("Function", 22, 8, 5),
            Column::new("Unit", 14, 6, 3),
            Column::new("Roles", 30, 8, 4),
            Column::new("Awareness", 10, 10, 6),
            Column::new("Left", 10, 10, 7),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let p = &self.person;
        vec![
            p.reference(),
            p.name.clone(),
            p.function.clone(),
            p.unit.clone(),
            self.roles_now().join(", "),
            date_or_empty(last_awareness(p, &self.data.records, self.data.today)),
            date_or_empty(p.left_on),
        ]
    }

    fn cell_styles(&self) -> Vec<(usize, Tone)> {
        if self.active() && !self.aware() {
            vec![(5, Tone::Warning)]
        } else {
            Vec::new()
        }
    }

    fn found_by(&self) -> String {
        match (self.active(), self.aware()) {
            (false, _) => "left".into(),
            (true, false) => "awareness due".into(),
            (true, true) => String::new(),
        }
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let p = &self.person;
        let data = &self.data;
        let roles: Vec<String> = data
            .people
            .held
            .iter()
            .filter(|h| h.person == p.id)
            .map(|h| {
                let until = h.until.map(|u| format!(" until {u}")).unwrap_or_default();
                let evidence = match data.people.role(h.role) {
                    Some(role)
                        if h.is_held_on(data.today)
                            && p.is_active_on(data.today)
                            && needs_evidence(role)
                            && !has_competence_evidence(p, role, &data.records, data.today) =>
                    {
                        " (no competence evidence)"
                    }
                    _ => "",
                };
                format!(
                    "{} from {}{until}{evidence}",
                    data.role_name(h.role),
                    h.from
                )
            })
            .collect();
        let records: Vec<String> = data
            .records
            .iter()
            .filter(|r| r.person == p.id)
            .map(|r| format!("{} {}: {}", r.on, r.kind.label(), r.topic))
            .collect();
        let awareness = match (
            last_awareness(p, &data.records, data.today),
            awareness_due(p, &data.records, data.today),
        ) {
            (Some(on), _) if !self.active() => format!("{on} (no longer needed: left)"),
            (Some(on), Some(due)) if self.aware() => format!("{on}, due again by {due}"),
            (Some(on), _) => format!("{on} (more than twelve months ago)"),
            _ => "none recorded".into(),
        };
        let owned: Vec<String> = data
            .items
            .iter()
            .filter(|i| i.names(p))
            .map(|i| {
                let closed = if i.open { "" } else { " (closed)" };
                format!("{}: {}{closed}", i.kind.label(), i.label)
            })
            .collect();
        let approved: Vec<String> = data
            .approvals
            .iter()
            .filter(|i| i.names(p))
            .map(|i| format!("{}: {}", i.kind.label(), i.label))
            .collect();
        let to_hand_over: Vec<String> = if self.active() {
            Vec::new()
        } else {
            open_items(p, &data.items)
                .iter()
                .map(|i| format!("{}: {}", i.kind.label(), i.label))
                .collect()
        };
        let status = match p.left_on {
            Some(left) if !to_hand_over.is_empty() => {
                format!("left on {left}: hand over their open items")
            }
            Some(left) if !self.active() => format!("left on {left}"),
            Some(left) => format!("leaves on {left}"),
            None => "active".into(),
        };
        let mut lines = vec![
            ("Person", format!("{} {}", p.reference(), p.name)),
            ("Function", or_none(&p.function)),
            ("Unit", or_none(&p.unit)),
            ("Email", or_none(&p.email)),
            ("Status", status),
            ("Roles held", or_none(&roles.join("\n"))),
            ("Awareness", awareness),
            ("Owns", or_none(&owned.join("\n"))),
            ("Decisions", or_none(&approved.join("\n"))),
            ("Competence", or_none(&records.join("\n"))),
        ];
        if !to_hand_over.is_empty() {
            lines.insert(5, ("To hand over", to_hand_over.join("\n")));
        }
        lines
    }

    fn facets(&self) -> Vec<(Field, String)> {
        vec![
            (
                facet::UNIT,
                if self.person.unit.is_empty() {
                    "(none)".into()
                } else {
                    self.person.unit.clone()
                },
            ),
            (
                facet::STATUS,
                if self.active() { "active" } else { "left" }.into(),
            ),
            (
                facet::AWARENESS,
                match (self.active(), self.aware()) {
                    (false, _) => "left",
                    (true, true) => "current",
                    (true, false) => "due",
                }
                .into(),
            ),
        ]
    }

    fn id(&self) -> i64 {
        self.person.id
    }

    fn is_at(&self, place: &Place) -> bool {
        *place == Place::Person(self.person.id)
    }

    fn label(&self) -> String {
        format!("{} {}", self.person.reference(), self.person.name)
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (
            &["person", "role_held", "competence"],
            self.person.reference(),
        )
    }

    fn form(&self, title: String) -> Form {
        let p = &self.person;
        Form::new(title)
            .line(field::NAME, "Name", &p.name)
            .line(field::FUNCTION, "Function or job title", &p.function)
            .line(field::UNIT, "Organisation unit", &p.unit)
            .line(field::EMAIL, "Email", &p.email)
            .date(field::LEFT_ON, "Left on", p.left_on)
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let person = Person {
            name: form.value(field::NAME),
            function: form.value(field::FUNCTION),
            unit: form.value(field::UNIT),
            email: form.value(field::EMAIL),
            left_on: text::date(field::LEFT_ON, &form.value(field::LEFT_ON))?,
            ..self.person.clone()
        };
        Ok(Self {
            person,
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let shared = PeopleData::load(data)?;
        let rows = shared
            .people
            .people
            .iter()
            .map(|person| Self {
                person: person.clone(),
                data: Arc::clone(&shared),
            })
            .collect();
        Ok((
            rows,
            Self {
                person: Person::new(""),
                data: shared,
            },
        ))
    }

    fn is_new(&self) -> bool {
        self.person.id == 0
    }

    fn save(&self) -> Command {
        Command::SavePerson(self.person.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Person(person) => Self { person, ..self },
            _ => self,
        }
    }

    fn delete_warning(&self, _data: &Reader<'_>) -> Result<Option<String>, Error> {
        let named = self
            .data
            .items
            .iter()
            .filter(|i| i.names(&self.person))
            .count();
        Ok((named > 0).then(|| {
            format!(
                "{} is named in {}, so the register keeps them: set the day they left instead.",
                self.person.name,
                crate::domain::wording::count(named, "item", "items")
            )
        }))
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::DeletePerson(self.person.id))
    }
}
