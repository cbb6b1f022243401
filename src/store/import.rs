//! Writes that only an import of a whole workspace needs: records kept exactly as they were
//! (an acceptance at the level it was given, an issued SoA version with its snapshot and date)
//! and the reference numbers of the exported file, where its numbering had gaps; and the
//! exported change log, which takes the place of the entries the import itself wrote.

use rusqlite::OptionalExtension;

use super::risks::{insert_acceptance_row, risk_ref};
use super::{Change, Result, StoreError, Writer};
use crate::domain::ValidationError;
use crate::domain::imported_history::{self, Entry};
use crate::domain::reference::RefKind;
use crate::domain::risk::{Acceptance, acceptance_field};
use crate::domain::soa::SoaVersion;

impl Writer<'_> {
    /// Makes `changes` the change log, oldest first, each entry with its own author and time:
    /// the history of an exported workspace, which the entries this import wrote (every item
    /// "imported" now, by whoever ran it) would only bury. Every entry is checked first; one
    /// that breaks a rule is named by its position and nothing is changed.
    pub fn import_change_log(&mut self, changes: &[Change]) -> Result<()> {
        for (i, c) in changes.iter().enumerate() {
            imported_history::check(&Entry {
                at: &c.at,
                who: &c.who,
                entity: &c.entity,
                reference: &c.reference,
                action: &c.action,
                before: c.before.as_deref(),
                after: c.after.as_deref(),
            })
            .map_err(|e| {
                ValidationError::new(
                    e.field,
                    format!("{} (entry {} of {})", e.message, i + 1, changes.len()),
                )
            })?;
        }
        self.tx.execute("DELETE FROM change_log", [])?;
        // The workshop an entry was made in is named by its number, as the workspace's own
        // workshops were imported under their numbers; a number no workshop has is refused.
        for (i, c) in changes.iter().enumerate() {
            if let Some(number) = c.workshop {
                let known: Option<i64> = self
                    .tx
                    .prepare_cached("SELECT id FROM workshops WHERE number = ?1")?
                    .query_row([number], |r| r.get(0))
                    .optional()?;
                if known.is_none() {
                    return Err(StoreError::Missing(format!(
                        "{} of change-log entry {} of {}",
                        RefKind::Workshop.format(number),
                        i + 1,
                        changes.len()
                    )));
                }
            }
        }
        let mut insert = self.tx.prepare(
            "INSERT INTO change_log (at, who, entity, reference, action, before, after, workshop)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,
                     (SELECT id FROM workshops WHERE number = ?8))",
        )?;
        for c in changes {
            insert.execute((
                &c.at,
                &c.who,
                &c.entity,
                &c.reference,
                &c.action,
                &c.before,
                &c.after,
                c.workshop,
            ))?;
        }
        Ok(())
    }

    /// Records an acceptance as it was given (its level and authority as recorded, not as
    /// the current rating would ask); the text rules still apply and the risk must exist.
    pub fn import_acceptance(&mut self, acceptance: Acceptance) -> Result<Acceptance> {
        let mut acceptance = acceptance.validated()?;
        acceptance.accepted_by =
            self.person_named(acceptance_field::ACCEPTED_BY, &acceptance.accepted_by)?;
        let reference = risk_ref(&self.tx, acceptance.risk)?;
        acceptance.id = insert_acceptance_row(&self.tx, &acceptance)?;
        self.log(
            "acceptance",
            &reference,
            "import",
            None::<&()>,
            Some(&acceptance),
        )?;
        Ok(acceptance)
    }

    /// Records an issued SoA version with its own number, date, approver and snapshot. The
    /// numbers must rise: a version is refused unless it comes after every stored one.
    pub fn import_soa_version(&mut self, version: SoaVersion) -> Result<SoaVersion> {
        let mut version = version.validated()?;
        version.approver = self.person_named(
            crate::domain::soa::version::field::APPROVER,
            &version.approver,
        )?;
        let last: u32 = self.tx.query_row(
            "SELECT COALESCE(MAX(number), 0) FROM soa_versions",
            [],
            |r| r.get(0),
        )?;
        if version.number <= last {
            return Err(ValidationError::new(
                crate::domain::reference::field::NUMBER,
                format!("v{} does not come after v{last}", version.number),
            )
            .into());
        }
        let json = serde_json::to_string(&version.rows)
            .map_err(|e| StoreError::Damaged(format!("SoA snapshot: {e}")))?;
        self.tx.execute(
            "INSERT INTO soa_versions (number, issued_on, approver, note, snapshot)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            (
                version.number,
                version.issued_on,
                &version.approver,
                &version.note,
                json,
            ),
        )?;
        let version = SoaVersion {
            id: self.tx.last_insert_rowid(),
            ..version
        };
        self.log(
            "soa_version",
            &version.label(),
            "import",
            None::<&()>,
            Some(&version),
        )?;
        Ok(version)
    }

    /// Gives the item `id` of a numbered register the reference number `number`, so that an
    /// imported workspace keeps the references of the exported one (`AS-007` stays `AS-007`
    /// across a gap). Refuses a number another item holds.
    pub fn import_number(&mut self, kind: RefKind, id: i64, number: u32) -> Result<()> {
        let table = match kind {
            RefKind::ScopeItem => "scope_items",
            RefKind::Party => "parties",
            RefKind::ContextIssue => "context_issues",
            RefKind::Asset => "assets",
            RefKind::Risk => "risks",
            RefKind::Action => "actions",
            RefKind::Question => "open_questions",
            RefKind::Workshop => "workshops",
            RefKind::Person => "people",
            RefKind::Document => "documents",
            RefKind::Audit => "audits",
            RefKind::Nonconformity => "nonconformities",
            RefKind::Objective => "objectives",
            RefKind::CustomControl => {
                return Err(StoreError::Missing(format!(
                    "a numbered register for {}",
                    kind.label()
                )));
            }
        };
        let before: u32 = self
            .tx
            .query_row(
                &format!("SELECT number FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .map_err(|_| StoreError::Missing(format!("{} #{id}", kind.label())))?;
        if before == number {
            return Ok(());
        }
        kind.check_number(number)?;
        let taken = self
            .tx
            .prepare(&format!("SELECT 1 FROM {table} WHERE number = ?1"))?
            .exists([number])?;
        if taken {
            return Err(ValidationError::new(
                crate::domain::reference::field::NUMBER,
                format!("{} is taken already", kind.format(number)),
            )
            .into());
        }
        self.tx.execute(
            &format!("UPDATE {table} SET number = ?2 WHERE id = ?1"),
            (id, number),
        )?;
        self.log(
            "reference",
            &kind.format(number),
            "renumber",
            Some(&kind.format(before)),
            Some(&kind.format(number)),
        )
    }
}
