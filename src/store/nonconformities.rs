//! The register of nonconformities (`NC-001`) with their corrective actions and effectiveness
//! review. Each change is one change-log row under the nonconformity's reference.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row};

use super::sql::{all, next_number, parse, rows};
use super::{Result, Store, StoreError, Writer};
use crate::domain::ValidationError;
use crate::domain::audit::{FindingGrade, finding_reference};
use crate::domain::nonconformity::{
    CorrectiveAction, EffectivenessReview, NcGrade, NcSource, Nonconformity, field,
};
use crate::domain::reference::RefKind;

const NONCONFORMITY: &str = "SELECT id, number, source, finding, grade, raised_on, description,
    correction, root_cause, similar_cases, reviewed_on, reviewed_by, effective, review_note,
    closed_on FROM nonconformities";

const ACTION: &str = "SELECT nonconformity, description, owner, due_on, status
    FROM corrective_actions";

fn nonconformity(r: &Row<'_>) -> rusqlite::Result<Nonconformity> {
    let reviewed_on: Option<chrono::NaiveDate> = r.get(10)?;
    Ok(Nonconformity {
        id: r.get(0)?,
        number: r.get(1)?,
        source: parse(r, 2)?,
        finding: r.get(3)?,
        grade: parse(r, 4)?,
        raised_on: r.get(5)?,
        description: r.get(6)?,
        correction: r.get(7)?,
        root_cause: r.get(8)?,
        similar_cases: r.get(9)?,
        review: match reviewed_on {
            Some(on_date) => Some(EffectivenessReview {
                on_date,
                by: r.get(11)?,
                effective: r.get::<_, Option<bool>>(12)?.unwrap_or(false),
                note: r.get(13)?,
            }),
            None => None,
        },
        closed_on: r.get(14)?,
        actions: Vec::new(),
    })
}

fn action(r: &Row<'_>) -> rusqlite::Result<(i64, CorrectiveAction)> {
    Ok((
        r.get(0)?,
        CorrectiveAction {
            description: r.get(1)?,
            owner: r.get(2)?,
            due_on: r.get(3)?,
            status: parse(r, 4)?,
        },
    ))
}

fn one_nonconformity(conn: &Connection, id: i64) -> Result<Nonconformity> {
    let found = conn
        .prepare_cached(&format!("{NONCONFORMITY} WHERE id = ?1"))?
        .query_row([id], nonconformity)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("nonconformity #{id}")))?;
    let actions = rows(
        conn,
        &format!("{ACTION} WHERE nonconformity = ?1 ORDER BY position"),
        [id],
        action,
    )?;
    Ok(Nonconformity {
        actions: actions.into_iter().map(|(_, a)| a).collect(),
        ..found
    })
}

/// Every nonconformity with its actions, by number.
pub(super) fn all_nonconformities(conn: &Connection) -> Result<Vec<Nonconformity>> {
    let mut actions: HashMap<i64, Vec<CorrectiveAction>> = HashMap::new();
    for (nc, a) in all(
        conn,
        &format!("{ACTION} ORDER BY nonconformity, position"),
        action,
    )? {
        actions.entry(nc).or_default().push(a);
    }
    let mut out = all(
        conn,
        &format!("{NONCONFORMITY} ORDER BY number"),
        nonconformity,
    )?;
    for nc in &mut out {
        nc.actions = actions.remove(&nc.id).unwrap_or_default();
    }
    Ok(out)
}

impl Store {
    /// Every nonconformity with its actions, by number.
    pub fn nonconformities(&self) -> Result<Vec<Nonconformity>> {
        all_nonconformities(self.conn())
    }

    pub fn nonconformity_by_id(&self, id: i64) -> Result<Nonconformity> {
        one_nonconformity(self.conn(), id)
    }
}

impl Writer<'_> {
    /// Adds a nonconformity (`id` 0, numbered next) or changes one. Closing it needs a review
    /// that found its actions effective ([`Nonconformity::check_closing`]); the owners and the
    /// reviewer are people of the register.
    pub fn save_nonconformity(&mut self, nc: Nonconformity) -> Result<Nonconformity> {
        let nc = nc.validated()?;
        nc.check_closing()?;
        self.write_nonconformity(nc, None)
    }

    /// A nonconformity of an imported workspace: its number kept, closed as the file says.
    pub fn import_nonconformity(&mut self, nc: Nonconformity) -> Result<Nonconformity> {
        let number = RefKind::Nonconformity.check_number(nc.number)?;
        let nc = nc.validated()?;
        self.write_nonconformity(Nonconformity { id: 0, ..nc }, Some(number))
    }

    /// Raises the nonconformity a major or minor finding of an audit records, on `raised_on`:
    /// its grade, its statement as the description and its evidence as the start of the record.
    /// Refused for an observation or an opportunity for improvement, and for a finding that
    /// raised one already.
    pub fn raise_nonconformity(
        &mut self,
        finding: i64,
        raised_on: chrono::NaiveDate,
    ) -> Result<Nonconformity> {
        let found = self.audit_finding_in_tx(finding)?;
        let (audit_number,): (u32,) = self.tx.query_row(
            "SELECT number FROM audits WHERE id = ?1",
            [found.audit],
            |r| Ok((r.get(0)?,)),
        )?;
        let reference = finding_reference(audit_number, found.number);
        let grade = match found.grade {
            FindingGrade::Major => NcGrade::Major,
            FindingGrade::Minor => NcGrade::Minor,
            other => {
                return Err(ValidationError::new(
                    field::FINDING,
                    format!(
                        "{reference} is graded {}: only a major or minor nonconformity is raised",
                        other.label().to_lowercase()
                    ),
                )
                .into());
            }
        };
        if let Some(number) = self
            .tx
            .query_row(
                "SELECT number FROM nonconformities WHERE finding = ?1",
                [finding],
                |r| r.get::<_, u32>(0),
            )
            .optional()?
        {
            return Err(ValidationError::new(
                field::FINDING,
                format!(
                    "{reference} raised {} already",
                    RefKind::Nonconformity.format(number)
                ),
            )
            .into());
        }
        let mut description = format!("{reference}: {}", found.statement);
        if description.chars().count() > crate::domain::text::LINE_MAX {
            description = found.statement.clone();
        }
        let nc = Nonconformity {
            finding: Some(finding),
            ..Nonconformity::new(NcSource::AuditFinding, grade, raised_on, &description)
        };
        self.save_nonconformity(nc)
    }

    fn audit_finding_in_tx(&self, id: i64) -> Result<crate::domain::audit::AuditFinding> {
        self.tx
            .query_row(
                "SELECT id, audit, number, grade, requirement, statement FROM audit_findings
                 WHERE id = ?1",
                [id],
                |r| {
                    Ok(crate::domain::audit::AuditFinding {
                        id: r.get(0)?,
                        audit: r.get(1)?,
                        number: r.get(2)?,
                        grade: parse(r, 3)?,
                        requirement: r.get(4)?,
                        statement: r.get(5)?,
                        evidence: String::new(),
                        concerns: String::new(),
                    })
                },
            )
            .optional()?
            .ok_or_else(|| {
                ValidationError::new(
                    field::FINDING,
                    format!("audit finding #{id} does not exist"),
                )
                .into()
            })
    }

    fn write_nonconformity(
        &mut self,
        nc: Nonconformity,
        import_number: Option<u32>,
    ) -> Result<Nonconformity> {
        if let Some(finding) = nc.finding {
            self.audit_finding_in_tx(finding)?;
        }
        let mut actions = Vec::with_capacity(nc.actions.len());
        for a in nc.actions {
            actions.push(CorrectiveAction {
                owner: self.person_named(field::OWNER, &a.owner)?,
                ..a
            });
        }
        let review = match nc.review {
            Some(r) => Some(EffectivenessReview {
                by: self.person_named(field::REVIEWED_BY, &r.by)?,
                ..r
            }),
            None => None,
        };
        let nc = Nonconformity {
            actions,
            review,
            ..nc
        };
        let before = if nc.id == 0 {
            None
        } else {
            Some(one_nonconformity(&self.tx, nc.id)?)
        };
        let number = match &before {
            Some(b) => b.number,
            None => next_number(&self.tx, "nonconformities")?,
        };
        let review = nc.review.as_ref();
        let params = rusqlite::params![
            nc.id,
            number,
            nc.source.as_str(),
            nc.finding,
            nc.grade.as_str(),
            nc.raised_on,
            &nc.description,
            &nc.correction,
            &nc.root_cause,
            &nc.similar_cases,
            review.map(|r| r.on_date),
            review.map(|r| r.by.as_str()).unwrap_or(""),
            review.map(|r| r.effective),
            review.map(|r| r.note.as_str()).unwrap_or(""),
            nc.closed_on,
        ];
        let id = if before.is_some() {
            self.tx
                .prepare_cached(
                    "UPDATE nonconformities SET number = ?2, source = ?3, finding = ?4,
                        grade = ?5, raised_on = ?6, description = ?7, correction = ?8,
                        root_cause = ?9, similar_cases = ?10, reviewed_on = ?11,
                        reviewed_by = ?12, effective = ?13, review_note = ?14, closed_on = ?15
                     WHERE id = ?1",
                )?
                .execute(params)?;
            nc.id
        } else {
            self.tx
                .prepare_cached(
                    "INSERT INTO nonconformities (id, number, source, finding, grade, raised_on,
                        description, correction, root_cause, similar_cases, reviewed_on,
                        reviewed_by, effective, review_note, closed_on)
                     VALUES (NULLIF(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
                        ?14, ?15)",
                )?
                .execute(params)?;
            self.tx.last_insert_rowid()
        };
        self.tx.execute(
            "DELETE FROM corrective_actions WHERE nonconformity = ?1",
            [id],
        )?;
        for (position, a) in nc.actions.iter().enumerate() {
            self.tx
                .prepare_cached(
                    "INSERT INTO corrective_actions (nonconformity, position, description, owner,
                        due_on, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(rusqlite::params![
                    id,
                    position as i64,
                    &a.description,
                    &a.owner,
                    a.due_on,
                    a.status.as_str(),
                ])?;
        }
        let mut after = one_nonconformity(&self.tx, id)?;
        if let Some(number) = import_number {
            self.import_number(RefKind::Nonconformity, id, number)?;
            after.number = number;
        }
        match before {
            None => self.log(
                "nonconformity",
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
                "nonconformity",
                &after.reference(),
                "update",
                Some(&b),
                Some(&after),
            )?,
            Some(_) => {}
        }
        Ok(after)
    }

    /// Deletes a nonconformity with its actions; the change log keeps it.
    pub fn delete_nonconformity(&mut self, id: i64) -> Result<()> {
        let nc = one_nonconformity(&self.tx, id)?;
        self.log(
            "nonconformity",
            &nc.reference(),
            "delete",
            Some(&nc),
            None::<&()>,
        )?;
        self.tx
            .execute("DELETE FROM nonconformities WHERE id = ?1", [id])?;
        Ok(())
    }
}
