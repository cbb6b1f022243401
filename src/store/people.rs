//! People, their roles and their competence records. Every name a register stores is a
//! person's: a save names a person by [`Writer::person_named`], which adds one for a name the
//! register does not know yet, and renaming a person renames every reference to them.

use rusqlite::{Connection, OptionalExtension, Row};

use super::sql::{all, next_number, parse, parse_optional};
use super::{Result, Store, StoreError, Writer};
use crate::domain::person::{
    CompetenceRecord, People, Person, Role, RoleHeld, field, record_field,
};
use crate::domain::{Field, ValidationError};

const PERSON: &str = "SELECT id, number, name, function, unit, email, left_on FROM people";
const ROLE: &str = "SELECT id, builtin, name, authority, competence FROM roles";
const HELD: &str = "SELECT person, role, from_date, until FROM person_roles";
const RECORD: &str = "SELECT id, person, role, kind, topic, on_date, evidence, valid_until
    FROM competence_records";

/// Every column that holds a person's name, as `(table, column)`; workshop attendees are a
/// JSON list and are renamed apart.
const NAME_COLUMNS: &[(&str, &str)] = &[
    ("assets", "owner"),
    ("risks", "owner"),
    ("risks", "plan_approved_by"),
    ("acceptances", "accepted_by"),
    ("actions", "owner"),
    ("soa_entries", "owner"),
    ("soa_versions", "approver"),
    ("open_questions", "assignee"),
    ("open_questions", "answered_by"),
    ("documents", "owner"),
    ("documents", "approved_by"),
    ("document_versions", "approver"),
    ("audits", "lead_auditor"),
    ("audit_team", "name"),
    ("nonconformities", "reviewed_by"),
    ("corrective_actions", "owner"),
    ("objectives", "owner"),
];

fn person(r: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        number: r.get(1)?,
        name: r.get(2)?,
        function: r.get(3)?,
        unit: r.get(4)?,
        email: r.get(5)?,
        left_on: r.get(6)?,
    })
}

fn role(r: &Row<'_>) -> rusqlite::Result<Role> {
    Ok(Role {
        id: r.get(0)?,
        builtin: parse_optional(r, 1)?,
        name: r.get(2)?,
        authority: parse_optional(r, 3)?,
        competence: r.get(4)?,
    })
}

fn held(r: &Row<'_>) -> rusqlite::Result<RoleHeld> {
    Ok(RoleHeld {
        person: r.get(0)?,
        role: r.get(1)?,
        from: r.get(2)?,
        until: r.get(3)?,
    })
}

fn record(r: &Row<'_>) -> rusqlite::Result<CompetenceRecord> {
    Ok(CompetenceRecord {
        id: r.get(0)?,
        person: r.get(1)?,
        role: r.get(2)?,
        kind: parse(r, 3)?,
        topic: r.get(4)?,
        on: r.get(5)?,
        evidence: r.get(6)?,
        valid_until: r.get(7)?,
    })
}

fn one_person(conn: &Connection, id: i64) -> Result<Person> {
    conn.prepare_cached(&format!("{PERSON} WHERE id = ?1"))?
        .query_row([id], person)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("person #{id}")))
}

fn person_by_name(conn: &Connection, name: &str) -> Result<Option<Person>> {
    Ok(conn
        .prepare_cached(&format!("{PERSON} WHERE name = ?1"))?
        .query_row([name.trim()], person)
        .optional()?)
}

fn one_role(conn: &Connection, id: i64) -> Result<Role> {
    conn.prepare_cached(&format!("{ROLE} WHERE id = ?1"))?
        .query_row([id], role)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("role #{id}")))
}

fn one_record(conn: &Connection, id: i64) -> Result<CompetenceRecord> {
    conn.prepare_cached(&format!("{RECORD} WHERE id = ?1"))?
        .query_row([id], record)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("competence record #{id}")))
}

/// The people register with roles and roles held, as the domain's rules read it.
/// Every competence and awareness record, by person and date.
pub(super) fn all_competence(conn: &Connection) -> Result<Vec<CompetenceRecord>> {
    Ok(all(
        conn,
        &format!("{RECORD} ORDER BY person, on_date, id"),
        record,
    )?)
}

pub(super) fn read_people(conn: &Connection) -> Result<People> {
    Ok(People {
        people: all(conn, &format!("{PERSON} ORDER BY number"), person)?,
        roles: all(conn, &format!("{ROLE} ORDER BY id"), role)?,
        held: all(
            conn,
            &format!("{HELD} ORDER BY person, from_date, role"),
            held,
        )?,
    })
}

impl Store {
    /// The people, the roles and who holds which since when.
    pub fn people(&self) -> Result<People> {
        read_people(self.conn())
    }

    /// Every competence and awareness record, by person and date.
    pub fn competence_records(&self) -> Result<Vec<CompetenceRecord>> {
        all_competence(self.conn())
    }
}

impl Writer<'_> {
    /// The people register as this edit has it so far.
    pub fn people(&self) -> Result<People> {
        read_people(&self.tx)
    }

    /// The name of the person called `name` (letter case aside), added to the register when
    /// there is none yet; empty for an empty name. Every save of a name field goes through
    /// here, so that every name in the workspace is a person's.
    pub fn person_named(&mut self, field: Field, name: &str) -> Result<String> {
        let name = crate::domain::text::line(field, name)?;
        if name.is_empty() {
            return Ok(name);
        }
        if let Some(known) = person_by_name(&self.tx, &name)? {
            return Ok(known.name);
        }
        Ok(self.save_person(Person::new(&name))?.name)
    }

    /// Every name in `names` as [`Self::person_named`] gives it.
    pub fn people_named(&mut self, field: Field, names: &[String]) -> Result<Vec<String>> {
        names
            .iter()
            .map(|name| self.person_named(field, name))
            .collect()
    }

    /// Adds a person (`id` 0) or updates one. A new name must not be another person's; a
    /// renamed person's every reference is renamed with them.
    pub fn save_person(&mut self, person: Person) -> Result<Person> {
        let person = person.validated()?;
        if let Some(other) = person_by_name(&self.tx, &person.name)?
            && other.id != person.id
        {
            return Err(ValidationError::new(
                field::NAME,
                format!(
                    "{} is {} already: choose that person, or tell the two apart by name",
                    other.name,
                    other.reference()
                ),
            )
            .into());
        }
        if person.id == 0 {
            let number = next_number(&self.tx, "people")?;
            self.tx.execute(
                "INSERT INTO people (number, name, function, unit, email, left_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                (
                    number,
                    &person.name,
                    &person.function,
                    &person.unit,
                    &person.email,
                    person.left_on,
                ),
            )?;
            let saved = Person {
                id: self.tx.last_insert_rowid(),
                number,
                ..person
            };
            self.log(
                "person",
                &saved.reference(),
                "create",
                None::<&()>,
                Some(&saved),
            )?;
            return Ok(saved);
        }
        let before = one_person(&self.tx, person.id)?;
        let after = Person {
            number: before.number,
            ..person
        };
        self.tx.execute(
            "UPDATE people SET name = ?2, function = ?3, unit = ?4, email = ?5, left_on = ?6
             WHERE id = ?1",
            (
                after.id,
                &after.name,
                &after.function,
                &after.unit,
                &after.email,
                after.left_on,
            ),
        )?;
        if before.name != after.name {
            self.rename_references(&before.name, &after.name)?;
        }
        self.log(
            "person",
            &after.reference(),
            "update",
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    }

    /// Writes `new` wherever `old` is named (letter case aside).
    fn rename_references(&mut self, old: &str, new: &str) -> Result<()> {
        for (table, column) in NAME_COLUMNS {
            self.tx.execute(
                &format!("UPDATE {table} SET {column} = ?2 WHERE {column} = ?1 COLLATE NOCASE"),
                (old, new),
            )?;
        }
        let workshops: Vec<(i64, String)> =
            all(&self.tx, "SELECT id, attendees FROM workshops", |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        for (id, attendees) in workshops {
            let Ok(mut names) = serde_json::from_str::<Vec<String>>(&attendees) else {
                continue;
            };
            let mut renamed = false;
            for name in names.iter_mut().filter(|n| n.eq_ignore_ascii_case(old)) {
                *name = new.to_string();
                renamed = true;
            }
            if renamed {
                let json = serde_json::to_string(&names)
                    .map_err(|e| StoreError::Damaged(format!("workshop attendees: {e}")))?;
                self.tx.execute(
                    "UPDATE workshops SET attendees = ?2 WHERE id = ?1",
                    (id, json),
                )?;
            }
        }
        Ok(())
    }

    /// Deletes a person no record names; one who is named anywhere is kept (they leave
    /// instead), and the message says where they are named.
    pub fn delete_person(&mut self, id: i64) -> Result<()> {
        let before = one_person(&self.tx, id)?;
        for (table, column) in NAME_COLUMNS {
            let named = self
                .tx
                .prepare(&format!(
                    "SELECT 1 FROM {table} WHERE {column} = ?1 COLLATE NOCASE"
                ))?
                .exists([&before.name])?;
            if named {
                return Err(ValidationError::new(
                    field::NAME,
                    format!(
                        "{} is named in the {} ({column}): set the day they left instead, \
                         so that the history keeps them",
                        before.name,
                        table.replace('_', " ")
                    ),
                )
                .into());
            }
        }
        self.log(
            "person",
            &before.reference(),
            "delete",
            Some(&before),
            None::<&()>,
        )?;
        self.tx.execute("DELETE FROM people WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Adds a role of the workspace's own (`id` 0) or updates one: a built-in role keeps what
    /// makes it built in (its code and authority), its name and competence may change.
    pub fn save_role(&mut self, role: Role) -> Result<Role> {
        let role = role.validated()?;
        let taken = self
            .tx
            .prepare("SELECT 1 FROM roles WHERE name = ?1 AND id <> ?2")?
            .exists((&role.name, role.id))?;
        if taken {
            return Err(ValidationError::new(
                field::NAME,
                format!("a role is called {} already", role.name),
            )
            .into());
        }
        if role.id == 0 {
            self.tx.execute(
                "INSERT INTO roles (builtin, name, authority, competence)
                 VALUES (NULL, ?1, ?2, ?3)",
                (
                    &role.name,
                    role.authority.map(|a| a.as_str()),
                    &role.competence,
                ),
            )?;
            let saved = Role {
                id: self.tx.last_insert_rowid(),
                builtin: None,
                ..role
            };
            self.log("role", &saved.name, "create", None::<&()>, Some(&saved))?;
            return Ok(saved);
        }
        let before = one_role(&self.tx, role.id)?;
        let after = Role {
            builtin: before.builtin,
            authority: if before.builtin.is_some() {
                before.authority
            } else {
                role.authority
            },
            ..role
        };
        self.tx.execute(
            "UPDATE roles SET name = ?2, authority = ?3, competence = ?4 WHERE id = ?1",
            (
                after.id,
                &after.name,
                after.authority.map(|a| a.as_str()),
                &after.competence,
            ),
        )?;
        self.log("role", &after.name, "update", Some(&before), Some(&after))?;
        Ok(after)
    }

    /// Records that a person holds a role from a day; the same role from the same day again
    /// updates its end.
    pub fn hold_role(&mut self, held: RoleHeld) -> Result<RoleHeld> {
        let held = held.validated()?;
        let person = one_person(&self.tx, held.person)?;
        let role = one_role(&self.tx, held.role)?;
        let before: Option<RoleHeld> = self
            .tx
            .prepare_cached(&format!(
                "{HELD} WHERE person = ?1 AND role = ?2 AND from_date = ?3"
            ))?
            .query_row((held.person, held.role, held.from), self::held)
            .optional()?;
        self.tx.execute(
            "INSERT INTO person_roles (person, role, from_date, until) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (person, role, from_date) DO UPDATE SET until = excluded.until",
            (held.person, held.role, held.from, held.until),
        )?;
        let shown = HeldAs {
            person: &person.name,
            role: &role.name,
            from: held.from,
            until: held.until,
        };
        let action = if before.is_some() { "update" } else { "create" };
        self.log(
            "role_held",
            &person.reference(),
            action,
            None::<&()>,
            Some(&shown),
        )?;
        Ok(held)
    }

    /// Removes a role held entered by mistake (a role that ended gets its end day instead).
    pub fn remove_role_held(&mut self, held: &RoleHeld) -> Result<()> {
        let person = one_person(&self.tx, held.person)?;
        let role = one_role(&self.tx, held.role)?;
        let removed = self.tx.execute(
            "DELETE FROM person_roles WHERE person = ?1 AND role = ?2 AND from_date = ?3",
            (held.person, held.role, held.from),
        )?;
        if removed == 0 {
            return Err(StoreError::Missing(format!(
                "{} as {} from {}",
                person.name, role.name, held.from
            )));
        }
        let shown = HeldAs {
            person: &person.name,
            role: &role.name,
            from: held.from,
            until: held.until,
        };
        self.log(
            "role_held",
            &person.reference(),
            "delete",
            Some(&shown),
            None::<&()>,
        )
    }

    /// Adds a competence record (`id` 0) or updates one.
    pub fn save_competence_record(&mut self, r: CompetenceRecord) -> Result<CompetenceRecord> {
        let r = r.validated()?;
        let person = one_person(&self.tx, r.person)
            .map_err(|_| ValidationError::new(record_field::PERSON, "choose a person"))?;
        if let Some(role) = r.role {
            one_role(&self.tx, role)
                .map_err(|_| ValidationError::new(record_field::ROLE, "choose a role"))?;
        }
        let before = if r.id == 0 {
            None
        } else {
            Some(one_record(&self.tx, r.id)?)
        };
        let saved = if r.id == 0 {
            self.tx.execute(
                "INSERT INTO competence_records
                     (person, role, kind, topic, on_date, evidence, valid_until)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                (
                    r.person,
                    r.role,
                    r.kind.as_str(),
                    &r.topic,
                    r.on,
                    &r.evidence,
                    r.valid_until,
                ),
            )?;
            CompetenceRecord {
                id: self.tx.last_insert_rowid(),
                ..r
            }
        } else {
            self.tx.execute(
                "UPDATE competence_records SET person = ?2, role = ?3, kind = ?4, topic = ?5,
                     on_date = ?6, evidence = ?7, valid_until = ?8 WHERE id = ?1",
                (
                    r.id,
                    r.person,
                    r.role,
                    r.kind.as_str(),
                    &r.topic,
                    r.on,
                    &r.evidence,
                    r.valid_until,
                ),
            )?;
            r
        };
        let action = if before.is_some() { "update" } else { "create" };
        let before_person = match &before {
            Some(b) => Some(one_person(&self.tx, b.person)?),
            None => None,
        };
        let shown_before = match (&before, &before_person) {
            (Some(b), Some(p)) => Some(RecordAs::of(&self.tx, p, b)?),
            _ => None,
        };
        let shown_after = RecordAs::of(&self.tx, &person, &saved)?;
        self.log(
            "competence",
            &person.reference(),
            action,
            shown_before.as_ref(),
            Some(&shown_after),
        )?;
        Ok(saved)
    }

    /// Deletes a competence record entered by mistake.
    pub fn delete_competence_record(&mut self, id: i64) -> Result<()> {
        let before = one_record(&self.tx, id)?;
        let person = one_person(&self.tx, before.person)?;
        let shown = RecordAs::of(&self.tx, &person, &before)?;
        self.tx
            .execute("DELETE FROM competence_records WHERE id = ?1", [id])?;
        self.log(
            "competence",
            &person.reference(),
            "delete",
            Some(&shown),
            None::<&()>,
        )
    }
}

/// A role held as the change log shows it: with the names, not the row ids.
#[derive(serde::Serialize)]
struct HeldAs<'a> {
    person: &'a str,
    role: &'a str,
    from: chrono::NaiveDate,
    until: Option<chrono::NaiveDate>,
}

/// A competence record as the change log shows it: its person and role by name.
#[derive(serde::Serialize)]
struct RecordAs<'a> {
    id: i64,
    person: &'a str,
    role: Option<String>,
    kind: crate::domain::person::CompetenceKind,
    topic: &'a str,
    on: chrono::NaiveDate,
    evidence: &'a str,
    valid_until: Option<chrono::NaiveDate>,
}

impl<'a> RecordAs<'a> {
    fn of(conn: &Connection, person: &'a Person, r: &'a CompetenceRecord) -> Result<Self> {
        let role = r.role.map(|id| one_role(conn, id)).transpose()?;
        Ok(Self {
            id: r.id,
            person: &person.name,
            role: role.map(|role| role.name),
            kind: r.kind,
            topic: &r.topic,
            on: r.on,
            evidence: &r.evidence,
            valid_until: r.valid_until,
        })
    }
}

#[cfg(test)]
mod tests;
