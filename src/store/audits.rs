//! Audits (`AU-001`) with their scope and team, and their graded findings (`AU-001/1`). Every
//! change is one change-log row: an audit's under its reference, a finding's under its own.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row};

use super::sql::{all, next_number, parse, rows};
use super::{Result, Store, StoreError, Writer};
use crate::domain::ValidationError;
use crate::domain::audit::{Audit, AuditFinding, field, finding_reference, names_clause};
use crate::domain::reference::RefKind;

const AUDIT: &str = "SELECT id, number, title, kind, planned_on, held_on, criteria, lead_auditor,
    status, reported_on, summary FROM audits";

const FINDING: &str = "SELECT f.id, f.audit, f.number, f.grade, f.requirement, f.statement,
    f.evidence, f.concerns FROM audit_findings f JOIN audits a ON a.id = f.audit";

fn audit(r: &Row<'_>) -> rusqlite::Result<Audit> {
    Ok(Audit {
        id: r.get(0)?,
        number: r.get(1)?,
        title: r.get(2)?,
        kind: parse(r, 3)?,
        planned_on: r.get(4)?,
        held_on: r.get(5)?,
        criteria: r.get(6)?,
        lead_auditor: r.get(7)?,
        status: parse(r, 8)?,
        reported_on: r.get(9)?,
        summary: r.get(10)?,
        clauses: Vec::new(),
        controls: Vec::new(),
        team: Vec::new(),
    })
}

fn finding(r: &Row<'_>) -> rusqlite::Result<AuditFinding> {
    Ok(AuditFinding {
        id: r.get(0)?,
        audit: r.get(1)?,
        number: r.get(2)?,
        grade: parse(r, 3)?,
        requirement: r.get(4)?,
        statement: r.get(5)?,
        evidence: r.get(6)?,
        concerns: r.get(7)?,
    })
}

/// `(audit, value)` rows grouped by audit, in the order the query gives.
fn grouped(conn: &Connection, sql: &str) -> Result<HashMap<i64, Vec<String>>> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for (audit, value) in all(conn, sql, |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })? {
        out.entry(audit).or_default().push(value);
    }
    Ok(out)
}

fn with_members(conn: &Connection, mut audits: Vec<Audit>) -> Result<Vec<Audit>> {
    let mut clauses = grouped(
        conn,
        "SELECT audit, item FROM audit_scope WHERE kind = 'clause' ORDER BY audit, position",
    )?;
    let mut controls = grouped(
        conn,
        "SELECT audit, item FROM audit_scope WHERE kind = 'control' ORDER BY audit, position",
    )?;
    let mut team = grouped(
        conn,
        "SELECT audit, name FROM audit_team ORDER BY audit, position",
    )?;
    for a in &mut audits {
        a.clauses = clauses.remove(&a.id).unwrap_or_default();
        a.controls = controls.remove(&a.id).unwrap_or_default();
        a.team = team.remove(&a.id).unwrap_or_default();
    }
    Ok(audits)
}

fn one_audit(conn: &Connection, id: i64) -> Result<Audit> {
    let found = conn
        .prepare_cached(&format!("{AUDIT} WHERE id = ?1"))?
        .query_row([id], audit)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("audit #{id}")))?;
    let scope = |kind: &str| -> Result<Vec<String>> {
        Ok(rows(
            conn,
            "SELECT item FROM audit_scope WHERE audit = ?1 AND kind = ?2 ORDER BY position",
            (id, kind),
            |r| r.get(0),
        )?)
    };
    Ok(Audit {
        clauses: scope("clause")?,
        controls: scope("control")?,
        team: rows(
            conn,
            "SELECT name FROM audit_team WHERE audit = ?1 ORDER BY position",
            [id],
            |r| r.get(0),
        )?,
        ..found
    })
}

fn one_finding(conn: &Connection, id: i64) -> Result<AuditFinding> {
    conn.prepare_cached(&format!("{FINDING} WHERE f.id = ?1"))?
        .query_row([id], finding)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("audit finding #{id}")))
}

pub(super) fn all_audits(conn: &Connection) -> Result<Vec<Audit>> {
    let audits = all(conn, &format!("{AUDIT} ORDER BY number"), audit)?;
    with_members(conn, audits)
}

pub(super) fn all_findings(conn: &Connection) -> Result<Vec<AuditFinding>> {
    Ok(all(
        conn,
        &format!("{FINDING} ORDER BY a.number, f.number"),
        finding,
    )?)
}

impl Store {
    /// Every audit with its scope and team, by number.
    pub fn audits(&self) -> Result<Vec<Audit>> {
        all_audits(self.conn())
    }

    pub fn audit_by_id(&self, id: i64) -> Result<Audit> {
        one_audit(self.conn(), id)
    }

    /// Every finding of every audit: by audit number, then finding number.
    pub fn audit_findings(&self) -> Result<Vec<AuditFinding>> {
        all_findings(self.conn())
    }

    pub fn audit_finding_by_id(&self, id: i64) -> Result<AuditFinding> {
        one_finding(self.conn(), id)
    }
}

impl Writer<'_> {
    /// Adds an audit (`id` 0, numbered next) or changes one; its lead auditor and team are
    /// people of the register, its controls known controls.
    pub fn save_audit(&mut self, audit: Audit) -> Result<Audit> {
        let audit = audit.validated()?;
        let audit = Audit {
            lead_auditor: self.person_named(field::LEAD_AUDITOR, &audit.lead_auditor)?,
            team: self.people_named(field::TEAM, &audit.team)?,
            ..audit
        };
        for control in &audit.controls {
            self.check_control(field::CONTROLS, control)?;
        }
        if audit.id == 0 {
            let number = next_number(&self.tx, "audits")?;
            self.write_new_audit(Audit { number, ..audit }, "create")
        } else {
            let before = one_audit(&self.tx, audit.id)?;
            let audit = Audit {
                number: before.number,
                ..audit
            };
            self.tx
                .prepare_cached(
                    "UPDATE audits SET title = ?2, kind = ?3, planned_on = ?4, held_on = ?5,
                        criteria = ?6, lead_auditor = ?7, status = ?8, reported_on = ?9,
                        summary = ?10 WHERE id = ?1",
                )?
                .execute(rusqlite::params![
                    audit.id,
                    &audit.title,
                    audit.kind.as_str(),
                    audit.planned_on,
                    audit.held_on,
                    &audit.criteria,
                    &audit.lead_auditor,
                    audit.status.as_str(),
                    audit.reported_on,
                    &audit.summary,
                ])?;
            self.write_audit_members(&audit)?;
            let after = one_audit(&self.tx, audit.id)?;
            if after != before {
                self.log(
                    "audit",
                    &after.reference(),
                    "update",
                    Some(&before),
                    Some(&after),
                )?;
            }
            Ok(after)
        }
    }

    /// An audit of an imported workspace: its number kept, its names made people's.
    pub fn import_audit(&mut self, audit: Audit) -> Result<Audit> {
        let number = RefKind::Audit.check_number(audit.number)?;
        let saved = self.save_audit(Audit { id: 0, ..audit })?;
        self.import_number(RefKind::Audit, saved.id, number)?;
        Ok(Audit { number, ..saved })
    }

    fn write_new_audit(&mut self, mut audit: Audit, action: &str) -> Result<Audit> {
        self.tx
            .prepare_cached(
                "INSERT INTO audits (number, title, kind, planned_on, held_on, criteria,
                    lead_auditor, status, reported_on, summary)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(rusqlite::params![
                audit.number,
                &audit.title,
                audit.kind.as_str(),
                audit.planned_on,
                audit.held_on,
                &audit.criteria,
                &audit.lead_auditor,
                audit.status.as_str(),
                audit.reported_on,
                &audit.summary,
            ])?;
        audit.id = self.tx.last_insert_rowid();
        self.write_audit_members(&audit)?;
        self.log(
            "audit",
            &audit.reference(),
            action,
            None::<&()>,
            Some(&audit),
        )?;
        Ok(audit)
    }

    fn write_audit_members(&mut self, audit: &Audit) -> Result<()> {
        for sql in [
            "DELETE FROM audit_scope WHERE audit = ?1",
            "DELETE FROM audit_team WHERE audit = ?1",
        ] {
            self.tx.prepare_cached(sql)?.execute([audit.id])?;
        }
        let scope = audit
            .clauses
            .iter()
            .map(|c| ("clause", c))
            .enumerate()
            .chain(audit.controls.iter().map(|c| ("control", c)).enumerate());
        for (position, (kind, item)) in scope {
            self.tx
                .prepare_cached(
                    "INSERT INTO audit_scope (audit, kind, position, item)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(rusqlite::params![audit.id, kind, position as i64, item])?;
        }
        for (position, name) in audit.team.iter().enumerate() {
            self.tx
                .prepare_cached(
                    "INSERT INTO audit_team (audit, position, name) VALUES (?1, ?2, ?3)",
                )?
                .execute(rusqlite::params![audit.id, position as i64, name])?;
        }
        Ok(())
    }

    /// Deletes an audit with its findings; refused while a nonconformity came from one of them.
    pub fn delete_audit(&mut self, id: i64) -> Result<()> {
        let audit = one_audit(&self.tx, id)?;
        if let Some(nc) = self.raised_from("f.audit = ?1", id)? {
            return Err(ValidationError::new(
                field::AUDIT,
                format!(
                    "{} has a finding that {nc} came from: delete that nonconformity or its link first",
                    audit.reference()
                ),
            )
            .into());
        }
        self.log(
            "audit",
            &audit.reference(),
            "delete",
            Some(&audit),
            None::<&()>,
        )?;
        self.tx.execute("DELETE FROM audits WHERE id = ?1", [id])?;
        Ok(())
    }

    /// The reference of a nonconformity raised from a finding that `condition` (on `f`, the
    /// findings) selects with `?1 = id`.
    fn raised_from(&self, condition: &str, id: i64) -> Result<Option<String>> {
        let number: Option<u32> = self
            .tx
            .prepare(&format!(
                "SELECT MIN(n.number) FROM nonconformities n
                 JOIN audit_findings f ON f.id = n.finding WHERE {condition}"
            ))?
            .query_row([id], |r| r.get(0))?;
        Ok(number.map(|n| RefKind::Nonconformity.format(n)))
    }

    /// Adds a finding to its audit (`id` 0, numbered next within the audit) or changes one.
    pub fn save_audit_finding(&mut self, finding: AuditFinding) -> Result<AuditFinding> {
        let finding = finding.validated()?;
        // A requirement is a clause of 4 to 10 the catalogue has, or a control the workspace
        // has: `A.8.99` and `9.9` are neither.
        if !finding.requirement.is_empty() && !names_clause(&finding.requirement) {
            match self.check_control(field::REQUIREMENT, &finding.requirement) {
                Err(StoreError::Invalid(_)) => {
                    return Err(ValidationError::new(
                        field::REQUIREMENT,
                        format!(
                            "'{}' is neither a clause of 4 to 10 (e.g. 9.2) nor a control (e.g. A.5.15 or C-001)",
                            crate::domain::text::shown(&finding.requirement)
                        ),
                    )
                    .into());
                }
                other => other?,
            }
        }
        let audit = one_audit(&self.tx, finding.audit).map_err(|_| {
            StoreError::from(ValidationError::new(
                field::AUDIT,
                format!("audit #{} does not exist", finding.audit),
            ))
        })?;
        if finding.id == 0 {
            let number: u32 = self.tx.query_row(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM audit_findings WHERE audit = ?1",
                [audit.id],
                |r| r.get(0),
            )?;
            self.tx
                .prepare_cached(
                    "INSERT INTO audit_findings (audit, number, grade, requirement, statement,
                        evidence, concerns) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(rusqlite::params![
                    audit.id,
                    number,
                    finding.grade.as_str(),
                    &finding.requirement,
                    &finding.statement,
                    &finding.evidence,
                    &finding.concerns,
                ])?;
            let saved = AuditFinding {
                id: self.tx.last_insert_rowid(),
                number,
                ..finding
            };
            self.log(
                "audit_finding",
                &finding_reference(audit.number, number),
                "create",
                None::<&()>,
                Some(&saved),
            )?;
            return Ok(saved);
        }
        let before = one_finding(&self.tx, finding.id)?;
        if before.audit != finding.audit {
            return Err(ValidationError::new(
                field::AUDIT,
                "a finding stays with the audit that recorded it",
            )
            .into());
        }
        let after = AuditFinding {
            number: before.number,
            ..finding
        };
        self.tx
            .prepare_cached(
                "UPDATE audit_findings SET grade = ?2, requirement = ?3, statement = ?4,
                    evidence = ?5, concerns = ?6 WHERE id = ?1",
            )?
            .execute(rusqlite::params![
                after.id,
                after.grade.as_str(),
                &after.requirement,
                &after.statement,
                &after.evidence,
                &after.concerns,
            ])?;
        if after != before {
            self.log(
                "audit_finding",
                &finding_reference(audit.number, after.number),
                "update",
                Some(&before),
                Some(&after),
            )?;
        }
        Ok(after)
    }

    /// A finding of an imported workspace: its number within its audit kept (`AU-001/3` stays
    /// `AU-001/3` across a deleted `AU-001/2`); a number another finding of the audit holds is
    /// refused.
    pub fn import_audit_finding(&mut self, finding: AuditFinding) -> Result<AuditFinding> {
        let number = finding.number;
        let saved = self.save_audit_finding(AuditFinding { id: 0, ..finding })?;
        if number == 0 || number == saved.number {
            return Ok(saved);
        }
        let what = format!("finding {number} of audit #{}", saved.audit);
        self.renumber_child(
            "audit_findings",
            "audit",
            saved.audit,
            saved.id,
            number,
            &what,
        )?;
        Ok(AuditFinding { number, ..saved })
    }

    /// Deletes a finding; refused while a nonconformity came from it.
    pub fn delete_audit_finding(&mut self, id: i64) -> Result<()> {
        let finding = one_finding(&self.tx, id)?;
        let audit = one_audit(&self.tx, finding.audit)?;
        let reference = finding_reference(audit.number, finding.number);
        if let Some(nc) = self.raised_from("f.id = ?1", id)? {
            return Err(ValidationError::new(
                field::STATEMENT,
                format!("{nc} came from {reference}: delete that nonconformity or its link first"),
            )
            .into());
        }
        self.log(
            "audit_finding",
            &reference,
            "delete",
            Some(&finding),
            None::<&()>,
        )?;
        self.tx
            .execute("DELETE FROM audit_findings WHERE id = ?1", [id])?;
        Ok(())
    }
}
