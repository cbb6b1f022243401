//! Information security objectives (`O-001`) and their measurements. An objective's changes are
//! logged under its reference as `objective`, its measurements' under the same reference as
//! `measurement`, so that its history holds both.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};

use super::documents::all_documents;
use super::nonconformities::all_nonconformities;
use super::people::{all_competence, read_people};
use super::risks::{all_actions, all_risks};
use super::soa::all_soa;

use super::sql::{all, next_number, parse, parse_optional};
use super::{Result, Store, StoreError, Writer};
use crate::domain::ValidationError;
use crate::domain::objective::measures::{self, Inputs};
use crate::domain::objective::{Measurement, SecurityObjective, field};
use crate::domain::reference::RefKind;

const OBJECTIVE: &str = "SELECT id, number, statement, serves, measure, builtin, target, unit,
    direction, owner, set_on, due_on, every_months, plan, resources, responsible, evaluation,
    status FROM objectives";

const MEASUREMENT: &str = "SELECT id, objective, on_date, value, note FROM measurements";

fn objective(r: &Row<'_>) -> rusqlite::Result<SecurityObjective> {
    Ok(SecurityObjective {
        id: r.get(0)?,
        number: r.get(1)?,
        statement: r.get(2)?,
        serves: r.get(3)?,
        measure: r.get(4)?,
        builtin: parse_optional(r, 5)?,
        target: r.get(6)?,
        unit: r.get(7)?,
        direction: parse(r, 8)?,
        owner: r.get(9)?,
        set_on: r.get(10)?,
        due_on: r.get(11)?,
        every_months: r.get(12)?,
        plan: r.get(13)?,
        resources: r.get(14)?,
        responsible: r.get(15)?,
        evaluation: r.get(16)?,
        status: parse(r, 17)?,
    })
}

fn measurement(r: &Row<'_>) -> rusqlite::Result<Measurement> {
    Ok(Measurement {
        id: r.get(0)?,
        objective: r.get(1)?,
        on_date: r.get(2)?,
        value: r.get(3)?,
        note: r.get(4)?,
    })
}

fn one_objective(conn: &Connection, id: i64) -> Result<Option<SecurityObjective>> {
    Ok(conn
        .prepare_cached(&format!("{OBJECTIVE} WHERE id = ?1"))?
        .query_row([id], objective)
        .optional()?)
}

fn one_measurement(conn: &Connection, id: i64) -> Result<Measurement> {
    conn.prepare_cached(&format!("{MEASUREMENT} WHERE id = ?1"))?
        .query_row([id], measurement)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("measurement #{id}")))
}

impl Store {
    /// Every information security objective, by number.
    pub fn security_objectives(&self) -> Result<Vec<SecurityObjective>> {
        Ok(all(
            self.conn(),
            &format!("{OBJECTIVE} ORDER BY number"),
            objective,
        )?)
    }

    pub fn security_objective_by_id(&self, id: i64) -> Result<SecurityObjective> {
        one_objective(self.conn(), id)?
            .ok_or_else(|| StoreError::Missing(format!("objective #{id}")))
    }

    /// Every measurement, by objective number, then date.
    pub fn measurements(&self) -> Result<Vec<Measurement>> {
        Ok(all(
            self.conn(),
            "SELECT m.id, m.objective, m.on_date, m.value, m.note FROM measurements m
             JOIN objectives o ON o.id = m.objective ORDER BY o.number, m.on_date",
            measurement,
        )?)
    }
}

impl Writer<'_> {
    /// Adds an objective (`id` 0, numbered next) or changes one; its owner is a person of the
    /// register.
    pub fn save_security_objective(
        &mut self,
        objective: SecurityObjective,
    ) -> Result<SecurityObjective> {
        self.write_objective(objective.validated()?, None)
    }

    /// An objective of an imported workspace, its number kept.
    pub fn import_security_objective(
        &mut self,
        objective: SecurityObjective,
    ) -> Result<SecurityObjective> {
        let number = RefKind::Objective.check_number(objective.number)?;
        let objective = objective.validated()?;
        self.write_objective(SecurityObjective { id: 0, ..objective }, Some(number))
    }

    fn write_objective(
        &mut self,
        o: SecurityObjective,
        import_number: Option<u32>,
    ) -> Result<SecurityObjective> {
        let o = SecurityObjective {
            owner: self.person_named(field::OWNER, &o.owner)?,
            ..o
        };
        let before = if o.id == 0 {
            None
        } else {
            Some(
                one_objective(&self.tx, o.id)?
                    .ok_or_else(|| StoreError::Missing(format!("objective #{}", o.id)))?,
            )
        };
        let number = match &before {
            Some(b) => b.number,
            None => next_number(&self.tx, "objectives")?,
        };
        let params = rusqlite::params![
            o.id,
            number,
            &o.statement,
            &o.serves,
            &o.measure,
            o.builtin.map(|b| b.as_str()),
            o.target,
            &o.unit,
            o.direction.as_str(),
            &o.owner,
            o.set_on,
            o.due_on,
            o.every_months,
            &o.plan,
            &o.resources,
            &o.responsible,
            &o.evaluation,
            o.status.as_str(),
        ];
        let id = if before.is_some() {
            self.tx
                .prepare_cached(
                    "UPDATE objectives SET number = ?2, statement = ?3, serves = ?4, measure = ?5,
                        builtin = ?6, target = ?7, unit = ?8, direction = ?9, owner = ?10,
                        set_on = ?11, due_on = ?12, every_months = ?13, plan = ?14,
                        resources = ?15, responsible = ?16, evaluation = ?17, status = ?18
                     WHERE id = ?1",
                )?
                .execute(params)?;
            o.id
        } else {
            self.tx
                .prepare_cached(
                    "INSERT INTO objectives (id, number, statement, serves, measure, builtin,
                        target, unit, direction, owner, set_on, due_on, every_months, plan,
                        resources, responsible, evaluation, status)
                     VALUES (NULLIF(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
                        ?14, ?15, ?16, ?17, ?18)",
                )?
                .execute(params)?;
            self.tx.last_insert_rowid()
        };
        if let Some(number) = import_number {
            self.import_number(RefKind::Objective, id, number)?;
        }
        let after = one_objective(&self.tx, id)?
            .ok_or_else(|| StoreError::Missing(format!("objective #{id}")))?;
        match before {
            None => self.log(
                "objective",
                &after.reference(),
                if import_number.is_some() {
                    "import"
                } else {
                    "create"
                },
                None::<&()>,
                Some(&after),
            )?,
            Some(b) if b != after => self.log(
                "objective",
                &after.reference(),
                "update",
                Some(&b),
                Some(&after),
            )?,
            Some(_) => {}
        }
        Ok(after)
    }

    /// Deletes an objective with its measurements; the change log keeps each of them.
    pub fn delete_security_objective(&mut self, id: i64) -> Result<()> {
        let o = one_objective(&self.tx, id)?
            .ok_or_else(|| StoreError::Missing(format!("objective #{id}")))?;
        let ids: Vec<i64> = super::sql::rows(
            &self.tx,
            "SELECT id FROM measurements WHERE objective = ?1 ORDER BY on_date",
            [id],
            |r| r.get(0),
        )?;
        for m in ids {
            self.delete_measurement(m)?;
        }
        self.log("objective", &o.reference(), "delete", Some(&o), None::<&()>)?;
        self.tx
            .execute("DELETE FROM objectives WHERE id = ?1", [id])?;
        Ok(())
    }

    fn objective_in_tx(&self, id: i64) -> Result<SecurityObjective> {
        one_objective(&self.tx, id)?.ok_or_else(|| {
            ValidationError::new(field::OBJECTIVE, format!("objective #{id} does not exist")).into()
        })
    }

    /// Adds a measurement (`id` 0) or changes one. One result per objective and day: a second
    /// one on the same day is refused, naming the day.
    pub fn save_measurement(&mut self, m: Measurement) -> Result<Measurement> {
        let m = m.validated()?;
        let objective = self.objective_in_tx(m.objective)?;
        let before = if m.id == 0 {
            None
        } else {
            Some(one_measurement(&self.tx, m.id)?)
        };
        let taken: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM measurements WHERE objective = ?1 AND on_date = ?2 AND id <> ?3",
                rusqlite::params![m.objective, m.on_date, m.id],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            return Err(ValidationError::new(
                field::ON_DATE,
                format!(
                    "{} has a result on {} already; change that one",
                    objective.reference(),
                    m.on_date
                ),
            )
            .into());
        }
        let params = rusqlite::params![m.id, m.objective, m.on_date, m.value, &m.note];
        let id = if before.is_some() {
            self.tx.execute(
                "UPDATE measurements SET objective = ?2, on_date = ?3, value = ?4, note = ?5
                 WHERE id = ?1",
                params,
            )?;
            m.id
        } else {
            self.tx.execute(
                "INSERT INTO measurements (id, objective, on_date, value, note)
                 VALUES (NULLIF(?1, 0), ?2, ?3, ?4, ?5)",
                params,
            )?;
            self.tx.last_insert_rowid()
        };
        let after = one_measurement(&self.tx, id)?;
        let reference = objective.reference();
        match before {
            None => self.log(
                "measurement",
                &reference,
                "create",
                None::<&()>,
                Some(&after),
            )?,
            Some(b) if b != after => {
                self.log("measurement", &reference, "update", Some(&b), Some(&after))?
            }
            Some(_) => {}
        }
        Ok(after)
    }

    /// Records `value` as the objective's result on `on_date`: a new measurement, or the one of
    /// that day changed (a measure recorded twice in a day keeps the later value).
    pub fn record_measurement(&mut self, m: Measurement) -> Result<Measurement> {
        let existing: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM measurements WHERE objective = ?1 AND on_date = ?2",
                rusqlite::params![m.objective, m.on_date],
                |r| r.get(0),
            )
            .optional()?;
        self.save_measurement(Measurement {
            id: existing.unwrap_or(0),
            ..m
        })
    }

    /// Records today's value of the objective's built-in measure, computed from the workspace
    /// as this edit sees it ([`measures::value_of`]); its note gives the figures behind it.
    /// Refused for an objective measured in words, and while there is nothing to measure.
    pub fn record_builtin_measure(&mut self, id: i64, today: NaiveDate) -> Result<Measurement> {
        let objective = self.objective_in_tx(id)?;
        let Some(builtin) = objective.builtin else {
            return Err(ValidationError::new(
                field::BUILTIN,
                format!(
                    "{} is measured in words, not by a built-in measure: record its value",
                    objective.reference()
                ),
            )
            .into());
        };
        let (soa, actions, methodology) = (
            all_soa(&self.tx)?,
            all_actions(&self.tx)?,
            self.stored_methodology()?,
        );
        let (risks, nonconformities, documents) = (
            all_risks(&self.tx)?,
            all_nonconformities(&self.tx)?,
            all_documents(&self.tx)?,
        );
        let (people, competence) = (read_people(&self.tx)?, all_competence(&self.tx)?);
        let inputs = Inputs {
            soa: &soa,
            actions: &actions,
            methodology: &methodology,
            risks: &risks,
            nonconformities: &nonconformities,
            documents: &documents,
            people: &people,
            competence: &competence,
        };
        let computed = measures::value_of(builtin, &inputs, today);
        let Some(value) = computed.value else {
            return Err(ValidationError::new(
                field::BUILTIN,
                format!("nothing to measure yet: {}", computed.detail),
            )
            .into());
        };
        self.record_measurement(Measurement {
            note: format!("Computed by isms: {}", computed.detail),
            ..Measurement::new(id, today, value)
        })
    }

    /// Deletes a measurement; the change log keeps it.
    pub fn delete_measurement(&mut self, id: i64) -> Result<()> {
        let m = one_measurement(&self.tx, id)?;
        let objective = self.objective_in_tx(m.objective)?;
        self.log(
            "measurement",
            &objective.reference(),
            "delete",
            Some(&m),
            None::<&()>,
        )?;
        self.tx
            .execute("DELETE FROM measurements WHERE id = ?1", [id])?;
        Ok(())
    }
}
