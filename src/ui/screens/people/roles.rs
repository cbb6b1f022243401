//! Roles held and roles as the People screen shows and edits them.

use std::sync::Arc;

use crate::app::{Command, Error, Reader, Saved};
use crate::domain::methodology::Authority;
use crate::domain::person::duties::{has_competence_evidence, needs_evidence};
use crate::domain::person::{Person, Role, RoleHeld, field, record_field};
use crate::domain::text;
use crate::domain::{Field, ValidationError};
use crate::ui::screens::register::Record;
use crate::ui::theme::Tone;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

use super::records::{PeopleData, chosen, date_or_empty, facet, note, or_none};

#[derive(Clone)]
pub struct HeldRow {
    pub held: RoleHeld,
    pub data: Arc<PeopleData>,
}

impl HeldRow {
    fn evidence(&self) -> &'static str {
        let data = &self.data;
        let (Some(person), Some(role)) = (
            data.person(self.held.person),
            data.people.role(self.held.role),
        ) else {
            return "";
        };
        if !needs_evidence(role) {
            "not needed"
        } else if has_competence_evidence(person, role, &data.records, data.today) {
            "yes"
        } else if self.held.is_held_on(data.today) && person.is_active_on(data.today) {
            "missing"
        } else {
            "no"
        }
    }
}

impl Record for HeldRow {
    const NOUN: &'static str = "role held";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Person", 20, 10, 9),
            Column::new("Role", 28, 10, 8),
            Column::new("From", 10, 10, 6),
            Column::new("Until", 10, 10, 5),
            Column::new("Evidence", 10, 7, 7),
        ]
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.data.person_name(self.held.person),
            self.data.role_name(self.held.role),
            self.held.from.to_string(),
            date_or_empty(self.held.until),
            self.evidence().to_string(),
        ]
    }

    fn cell_styles(&self) -> Vec<(usize, Tone)> {
        if self.evidence() == "missing" {
            vec![(4, Tone::Warning)]
        } else {
            Vec::new()
        }
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let role = self.data.people.role(self.held.role);
        vec![
            ("Person", self.data.person_name(self.held.person)),
            ("Role", self.data.role_name(self.held.role)),
            ("From", self.held.from.to_string()),
            (
                "Until",
                self.held
                    .until
                    .map_or_else(|| "still held".to_string(), |u| u.to_string()),
            ),
            (
                "Competence needed",
                or_none(role.map_or("", |r| r.competence.as_str())),
            ),
            ("Evidence", self.evidence().to_string()),
        ]
    }

    fn facets(&self) -> Vec<(Field, String)> {
        vec![(facet::EVIDENCE, self.evidence().to_string())]
    }

    fn id(&self) -> i64 {
        // A role held has no row id of its own: its key (person, role, first day) packed.
        let day = i64::from(chrono::Datelike::num_days_from_ce(&self.held.from));
        (self.held.person << 40) ^ (self.held.role << 24) ^ day
    }

    fn label(&self) -> String {
        format!(
            "{} as {} from {}",
            self.data.person_name(self.held.person),
            self.data.role_name(self.held.role),
            self.held.from
        )
    }

    fn history(&self) -> (&'static [&'static str], String) {
        let reference = self
            .data
            .person(self.held.person)
            .map(Person::reference)
            .unwrap_or_default();
        (&["role_held"], reference)
    }

    fn form(&self, title: String) -> Form {
        let h = &self.held;
        let form = Form::new(title);
        let form = if self.is_new() {
            form.pick(
                record_field::PERSON,
                "Person",
                self.data.person_options(),
                (h.person != 0).then_some(h.person),
            )
            .pick(
                field::ROLE,
                "Role",
                self.data.role_options(),
                (h.role != 0).then_some(h.role),
            )
            .date(field::FROM, "From", Some(h.from))
        } else {
            form.note(note::HELD, "Role held", &self.label())
        };
        form.date(field::UNTIL, "Until", h.until)
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let mut held = self.held.clone();
        if self.is_new() {
            held.person = chosen(form, record_field::PERSON, "the person who holds it")?;
            held.role = chosen(form, field::ROLE, "the role")?;
            held.from = text::date(field::FROM, &form.value(field::FROM))?
                .ok_or_else(|| ValidationError::new(field::FROM, "is missing: the first day"))?;
        }
        held.until = text::date(field::UNTIL, &form.value(field::UNTIL))?;
        Ok(Self {
            held,
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let shared = PeopleData::load(data)?;
        let rows = shared
            .people
            .held
            .iter()
            .map(|held| Self {
                held: held.clone(),
                data: Arc::clone(&shared),
            })
            .collect();
        let blank = RoleHeld {
            person: 0,
            role: 0,
            from: shared.today,
            until: None,
        };
        Ok((
            rows,
            Self {
                held: blank,
                data: shared,
            },
        ))
    }

    fn is_new(&self) -> bool {
        self.held.person == 0
            || !self.data.people.held.iter().any(|h| {
                h.person == self.held.person && h.role == self.held.role && h.from == self.held.from
            })
    }

    fn save(&self) -> Command {
        Command::HoldRole(self.held.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::RoleHeld(held) => Self { held, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::RemoveRoleHeld(self.held.clone()))
    }
}

#[derive(Clone)]
pub struct RoleRow {
    pub role: Role,
    pub data: Arc<PeopleData>,
}

/// The choices of a role's authority: none first, then the authorities from the lowest.
fn authority_options() -> Vec<&'static str> {
    std::iter::once("none")
        .chain(Authority::ALL.iter().map(|a| a.label()))
        .collect()
}

impl Record for RoleRow {
    const NOUN: &'static str = "role";
    const CAN_DELETE: bool = false;

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Role", 28, 10, 9),
            Column::new("Authority", 20, 8, 6),
            Column::new("Holders", 30, 8, 7),
            Column::new("Competence needed", 40, 10, 4),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let holders: Vec<String> = self
            .data
            .holders(self.role.id)
            .iter()
            .map(|p| p.name.clone())
            .collect();
        vec![
            self.role.name.clone(),
            self.role
                .authority
                .map(|a| a.label().to_string())
                .unwrap_or_default(),
            holders.join(", "),
            self.role.competence.clone(),
        ]
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let holders: Vec<String> = self
            .data
            .people
            .held
            .iter()
            .filter(|h| h.role == self.role.id)
            .map(|h| {
                let until = h.until.map(|u| format!(" until {u}")).unwrap_or_default();
                format!("{} from {}{until}", self.data.person_name(h.person), h.from)
            })
            .collect();
        vec![
            ("Role", self.role.name.clone()),
            (
                "Kind",
                if self.role.builtin.is_some() {
                    "built in".into()
                } else {
                    "the workspace's own".into()
                },
            ),
            (
                "Authority",
                self.role
                    .authority
                    .map_or("none: accepts no risks".to_string(), |a| {
                        format!("accepts risks as {}", a.in_sentence())
                    }),
            ),
            ("Competence needed", or_none(&self.role.competence)),
            ("Held by", or_none(&holders.join("\n"))),
        ]
    }

    fn id(&self) -> i64 {
        self.role.id
    }

    fn label(&self) -> String {
        self.role.name.clone()
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["role"], self.role.name.clone())
    }

    fn form(&self, title: String) -> Form {
        let r = &self.role;
        let form = Form::new(title).line(field::NAME, "Name", &r.name);
        let form = if r.builtin.is_some() {
            form.note(
                note::BUILT_IN,
                "Authority",
                &r.authority.map_or("none (built in)".to_string(), |a| {
                    format!("{} (built in)", a.label())
                }),
            )
        } else {
            let selected = r
                .authority
                .and_then(|a| Authority::ALL.iter().position(|x| *x == a))
                .map_or(0, |i| i + 1);
            form.choice(
                field::AUTHORITY,
                "Authority to accept risks",
                authority_options(),
                selected,
            )
        };
        form.text(field::COMPETENCE, "Competence needed", &r.competence)
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let authority = if self.role.builtin.is_some() {
            self.role.authority
        } else {
            form.choice_index(field::AUTHORITY)
                .checked_sub(1)
                .and_then(|i| Authority::ALL.get(i).copied())
        };
        Ok(Self {
            role: Role {
                name: form.value(field::NAME),
                competence: form.value(field::COMPETENCE),
                authority,
                ..self.role.clone()
            },
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let shared = PeopleData::load(data)?;
        let rows = shared
            .people
            .roles
            .iter()
            .map(|role| Self {
                role: role.clone(),
                data: Arc::clone(&shared),
            })
            .collect();
        let blank = Role {
            id: 0,
            builtin: None,
            name: String::new(),
            authority: None,
            competence: String::new(),
        };
        Ok((
            rows,
            Self {
                role: blank,
                data: shared,
            },
        ))
    }

    fn is_new(&self) -> bool {
        self.role.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveRole(self.role.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Role(role) => Self { role, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Err(ValidationError::new(
            field::NAME,
            "a role is not deleted: end it for each holder instead",
        ))
    }
}
