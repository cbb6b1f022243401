//! People and roles (5.3): who the ISMS names as owner, approver, acceptor, auditor or attendee
//! is a person of this register (`P-001`), and what they may decide follows from the roles they
//! hold on the day, not from what a form says. A person who leaves keeps their history.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::methodology::Authority;
use super::reference::RefKind;
use super::text::{self, ValidationError};
use crate::string_enum;

/// The fields of a person, a role and a role held, as validation errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const NAME: Field = Field::new("name");
    pub const FUNCTION: Field = Field::new("function");
    pub const UNIT: Field = Field::new("unit");
    pub const EMAIL: Field = Field::new("email");
    pub const LEFT_ON: Field = Field::new("left on");
    pub const ROLE: Field = Field::new("role");
    pub const FROM: Field = Field::new("from");
    pub const UNTIL: Field = Field::new("until");
    pub const COMPETENCE: Field = Field::new("competence");
    pub const AUTHORITY: Field = Field::new("authority");
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    pub number: u32,
    /// Unique in the register, letter case aside: the name every reference to them uses.
    pub name: String,
    /// Function or job title: "Head of Sales".
    #[serde(default)]
    pub function: String,
    /// Organisation unit: "Sales".
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub email: String,
    /// The day they left; they keep their history, but hold no role from that day.
    #[serde(default)]
    pub left_on: Option<NaiveDate>,
}

impl Person {
    pub fn new(name: &str) -> Self {
        Self {
            id: 0,
            number: 0,
            name: name.to_string(),
            function: String::new(),
            unit: String::new(),
            email: String::new(),
            left_on: None,
        }
    }

    /// `P-001`.
    pub fn reference(&self) -> String {
        RefKind::Person.format(self.number)
    }

    /// Still with the organisation on `day`.
    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        self.left_on.is_none_or(|left| left > day)
    }

    /// A name (required, one line), the other lines, an email that looks like one.
    pub fn validated(self) -> Result<Self, ValidationError> {
        let name = text::required_line(field::NAME, &self.name)?;
        let email = text::line(field::EMAIL, &self.email)?;
        if !email.is_empty() && !looks_like_email(&email) {
            return Err(ValidationError::new(
                field::EMAIL,
                "is not an email address: expected name@example.com, or nothing",
            ));
        }
        Ok(Self {
            name,
            function: text::line(field::FUNCTION, &self.function)?,
            unit: text::line(field::UNIT, &self.unit)?,
            email,
            ..self
        })
    }
}

fn looks_like_email(text: &str) -> bool {
    text.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
    }) && !text.contains(char::is_whitespace)
}

string_enum!(
    /// The roles every ISMS has; a workspace may add its own roles beside them.
    BuiltinRole {
        TopManagement => "top_management", "Top management",
        Isb => "isb", "Information security officer",
        Board => "board", "Board",
        RiskOwner => "risk_owner", "Risk owner",
        AssetOwner => "asset_owner", "Asset owner",
        ControlOwner => "control_owner", "Control owner",
        InternalAuditor => "internal_auditor", "Internal auditor",
    }
);

/// A role: a built-in one or one of the workspace's own, the competence it needs (7.2), and
/// the acceptance authority it carries, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub id: i64,
    #[serde(default)]
    pub builtin: Option<BuiltinRole>,
    pub name: String,
    /// The authority to accept risks that holding the role gives (top management, ISB...).
    #[serde(default)]
    pub authority: Option<Authority>,
    /// The competence the role needs, in the organisation's words.
    #[serde(default)]
    pub competence: String,
}

impl Role {
    pub fn validated(self) -> Result<Self, ValidationError> {
        Ok(Self {
            name: text::required_line(field::NAME, &self.name)?,
            competence: text::text(field::COMPETENCE, &self.competence)?,
            ..self
        })
    }
}

/// That a person holds a role from a day (and, when it ended, until a day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleHeld {
    pub person: i64,
    pub role: i64,
    pub from: NaiveDate,
    #[serde(default)]
    pub until: Option<NaiveDate>,
}

impl RoleHeld {
    /// Held on `day`: from its first day up to and including its last.
    pub fn is_held_on(&self, day: NaiveDate) -> bool {
        self.from <= day && self.until.is_none_or(|until| until >= day)
    }

    pub fn validated(self) -> Result<Self, ValidationError> {
        if let Some(until) = self.until.filter(|&until| until < self.from) {
            return Err(ValidationError::new(
                field::UNTIL,
                format!("{until} is before the role was taken on {}", self.from),
            ));
        }
        Ok(self)
    }
}

/// The people, roles and roles held, as the rules about people need them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct People {
    pub people: Vec<Person>,
    pub roles: Vec<Role>,
    pub held: Vec<RoleHeld>,
}

impl People {
    /// The person of that name, letter case aside.
    pub fn named(&self, name: &str) -> Option<&Person> {
        let name = name.trim();
        self.people
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }

    pub fn role(&self, id: i64) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    pub fn builtin(&self, role: BuiltinRole) -> Option<&Role> {
        self.roles.iter().find(|r| r.builtin == Some(role))
    }

    /// The roles `person` holds on `day`; none once they have left.
    pub fn roles_on(&self, person: &Person, day: NaiveDate) -> Vec<&Role> {
        if !person.is_active_on(day) {
            return Vec::new();
        }
        self.held
            .iter()
            .filter(|h| h.person == person.id && h.is_held_on(day))
            .filter_map(|h| self.role(h.role))
            .collect()
    }

    /// Whether `person` holds the built-in `role` on `day`.
    pub fn holds(&self, person: &Person, role: BuiltinRole, day: NaiveDate) -> bool {
        self.roles_on(person, day)
            .iter()
            .any(|r| r.builtin == Some(role))
    }

    /// The highest authority to accept a risk owned by `risk_owner` that the person named
    /// `acceptor` has on `day`: their roles' authorities, and the risk owner's own for a risk
    /// they own. Refused, naming the field, when the name is no person of the register, when
    /// they had left by then, or when they hold no authority at all.
    pub fn acceptance_authority(
        &self,
        acceptor: &str,
        risk_owner: &str,
        day: NaiveDate,
    ) -> Result<Authority, ValidationError> {
        use super::risk::acceptance_field::ACCEPTED_BY;
        let Some(person) = self.named(acceptor) else {
            return Err(ValidationError::new(
                ACCEPTED_BY,
                format!(
                    "{} is not in the people register: add them there with the roles they hold",
                    text::shown(acceptor.trim())
                ),
            ));
        };
        if !person.is_active_on(day) {
            return Err(ValidationError::new(
                ACCEPTED_BY,
                format!("{} had left by {day}", person.name),
            ));
        }
        let owns =
            !risk_owner.trim().is_empty() && person.name.eq_ignore_ascii_case(risk_owner.trim());
        let from_roles = self
            .roles_on(person, day)
            .into_iter()
            .filter_map(|r| r.authority);
        owns.then_some(Authority::RiskOwner)
            .into_iter()
            .chain(from_roles)
            .max()
            .ok_or_else(|| {
                ValidationError::new(
                    ACCEPTED_BY,
                    format!(
                        "{} held no role with authority to accept risks on {day} and does not own the risk",
                        person.name
                    ),
                )
            })
    }
}

string_enum!(
    /// What a competence record shows (7.2, 7.3).
    CompetenceKind {
        Training => "training", "Training",
        Qualification => "qualification", "Qualification",
        Awareness => "awareness", "Awareness",
        Experience => "experience", "Experience",
    }
);

/// A record of competence or awareness: a training attended, a qualification held, an
/// awareness session, for a role or in general.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetenceRecord {
    pub id: i64,
    pub person: i64,
    /// The role it shows competence for, if it is for one.
    #[serde(default)]
    pub role: Option<i64>,
    pub kind: CompetenceKind,
    pub topic: String,
    pub on: NaiveDate,
    /// Where the certificate, attendance list or sign-off is.
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
}

/// The fields of a competence record, as validation errors and forms name them.
pub mod record_field {
    use crate::domain::text::Field;

    pub const PERSON: Field = Field::new("person");
    pub const ROLE: Field = Field::new("role");
    pub const KIND: Field = Field::new("kind");
    pub const TOPIC: Field = Field::new("topic");
    pub const ON: Field = Field::new("date");
    pub const EVIDENCE: Field = Field::new("evidence");
    pub const VALID_UNTIL: Field = Field::new("valid until");
}

impl CompetenceRecord {
    /// Valid on `day`: taken by then and not expired.
    pub fn is_valid_on(&self, day: NaiveDate) -> bool {
        self.on <= day && self.valid_until.is_none_or(|until| until >= day)
    }

    pub fn validated(self) -> Result<Self, ValidationError> {
        if let Some(until) = self.valid_until.filter(|&until| until < self.on) {
            return Err(ValidationError::new(
                record_field::VALID_UNTIL,
                format!("{until} is before the record's date {}", self.on),
            ));
        }
        Ok(Self {
            topic: text::required_line(record_field::TOPIC, &self.topic)?,
            evidence: text::text(record_field::EVIDENCE, &self.evidence)?,
            ..self
        })
    }
}

#[cfg(test)]
mod tests;

pub mod duties;
